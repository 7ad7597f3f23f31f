# Lab self-test (manual): a server reset with a disk export.  A file written
# over an NFSv3 hard mount is read back after the server was reset (QEMU
# system_reset) and came back; the server part runs again on that boot.
# lab-suite: manual
# lab-timeout: 300
# lab-server-export: disk
# lab-export-mb: 256
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
dd if=/dev/urandom of=/tmp/data bs=1M count=4 2>/dev/null
sum=$(md5sum < /tmp/data)
mkdir -p /mnt/nfs
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/nfs ||
	{ lab_fail "mount the export"; lab_exit; }
cp /tmp/data /mnt/nfs/data && sync || { lab_fail "write the file"; lab_exit; }
boots_before=$(cat /mnt/nfs/boots)
# rebooted: the server's boot count went up (the read blocks, hard
# mount, while the server is down)
rebooted() { [ "$(cat /mnt/nfs/boots 2>/dev/null)" -gt "$boots_before" ] 2>/dev/null; }
t0=$(lab_uptime)
lab_reset_server
lab_await 240 rebooted
echo 3 > /proc/sys/vm/drop_caches
got=$(md5sum < /mnt/nfs/data)
boots_after=$(cat /mnt/nfs/boots)
t1=$(lab_uptime)
lab_log "server back after ~$((t1 - t0)) s; boots $boots_before -> $boots_after"
if [ "$got" = "$sum" ]; then
	echo "peer-lab-reset: back_after_s=$((t1 - t0)) verified=yes"
else
	lab_fail "data differs after the reset"
fi
umount /mnt/nfs || lab_fail "umount"
lab_exit

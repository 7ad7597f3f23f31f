# Lab self-test (manual): a server reset with a disk export.  A file written
# over an NFSv3 hard mount is read back after the server was reset (QEMU
# system_reset) and came back; the server part runs again on that boot.
# lab-suite: manual
# lab-timeout: 300
# lab-server-export: disk
# lab-export-mb: 256
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
dd if=/dev/urandom of=/tmp/data bs=1M count=4 2>/dev/null
sum=$(md5sum < /tmp/data)
mkdir -p /mnt/nfs
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/nfs
cp /tmp/data /mnt/nfs/data
sync
boots_before=$(cat /mnt/nfs/boots)
lab_reset_server
sleep 2
t0=$(cut -d. -f1 /proc/uptime)
# Blocks (hard mount) until the server is back.
echo 3 > /proc/sys/vm/drop_caches
got=$(md5sum < /mnt/nfs/data)
boots_after=$(cat /mnt/nfs/boots)
t1=$(cut -d. -f1 /proc/uptime)
lab_log "server back after ~$((t1 - t0)) s; boots $boots_before -> $boots_after"
[ "$got" = "$sum" ] || { echo "peer-lab-reset: data differs after the reset"; exit 1; }
[ "$boots_after" -gt "$boots_before" ] || { echo "peer-lab-reset: the server did not reboot"; exit 1; }
umount /mnt/nfs
echo "peer-lab-reset: back_after_s=$((t1 - t0)) verified=yes"

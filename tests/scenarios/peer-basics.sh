# Lab self-test (fast): the server's NFSv3, NFSv4.2 and NBD exports carry
# data correctly, and a 5 s cable pull (lab_cut_link) during NFS writes
# delays but does not break a hard mount.
# lab-suite: check
# lab-timeout: 300
# lab-nbd-mb: 64
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e

dd if=/dev/urandom of=/tmp/data bs=1M count=8 2>/dev/null
sum=$(md5sum < /tmp/data)

for v in 3 4.2; do
	mkdir -p /mnt/v$v
	mount -t nfs -o vers=$v,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/v$v
	cp /tmp/data /mnt/v$v/data-$v
done
# Read back through the other version, past the client's page cache.
sync
echo 3 > /proc/sys/vm/drop_caches
[ "$(md5sum < /mnt/v3/data-4.2)" = "$sum" ] || { lab_fail "NFSv4.2 write / v3 read differs"; lab_exit; }
[ "$(md5sum < /mnt/v4.2/data-3)" = "$sum" ] || { lab_fail "NFSv3 write / v4.2 read differs"; lab_exit; }
grep -E ' nfs4? ' /proc/mounts
lab_log "NFS v3 and v4.2: 8 MiB each way verified"

modprobe nbd
nbd-client "$SERVER_IP" -N swap /dev/nbd0
dd if=/tmp/data of=/dev/nbd0 bs=1M oflag=direct 2>/dev/null
[ "$(dd if=/dev/nbd0 bs=1M count=8 iflag=direct 2>/dev/null | md5sum)" = "$sum" ] ||
	{ lab_fail "NBD read-back differs"; lab_exit; }
nbd-client -d /dev/nbd0
lab_log "NBD: 8 MiB verified"

# Cable pull: the write stalls while the link is down and finishes after.
t0=$(lab_uptime)
lab_cut_link 5
sleep 1
cp /tmp/data /mnt/v3/after-cut
sync
t1=$(lab_uptime)
echo 3 > /proc/sys/vm/drop_caches
[ "$(md5sum < /mnt/v3/after-cut)" = "$sum" ] || { lab_fail "data written across the cut differs"; lab_exit; }
lab_log "cable pull: write across a 5 s cut took $((t1 - t0)) s and verified"
[ $((t1 - t0)) -ge 5 ] || { lab_fail "the write did not wait for the link (was it cut?)"; lab_exit; }
umount /mnt/v3 /mnt/v4.2
echo "peer-basics: nfs3=ok nfs4.2=ok nbd=ok cut=$((t1 - t0))s"
lab_exit

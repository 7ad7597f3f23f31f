# swapnet smoke test: attach, write and read back 16 MiB through
# /dev/swapnet0 with dd, list, detach, rmmod.  Quick (about a minute).
# lab-suite: manual
# lab-timeout: 300
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
swapfile=nfs://$SERVER_IP/export/swapfile
dev=$(swapnetctl attach "$swapfile" --name smoke)
echo "attached $dev"
lsmod | grep -q '^swapnet ' || { echo "swapnet-smoke: module not autoloaded"; exit 1; }
ls /sys/block/swapnet0/swapnet/
qd=$(cat /sys/block/swapnet0/swapnet/queue_depth)
[ "$qd" = "$(cat /sys/module/swapnet/parameters/queue_depth)" ] ||
	{ echo "swapnet-smoke: queue depth $qd: SUNRPC slots not raised"; exit 1; }
cat /sys/block/swapnet0/swapnet/stat
dd if=/dev/urandom of=/tmp/pat bs=1M count=16 2>/dev/null
dd if=/tmp/pat of="$dev" bs=1M oflag=direct 2>&1
want=$(md5sum < /tmp/pat)
got=$(dd if="$dev" bs=1M count=16 iflag=direct 2>/dev/null | md5sum)
[ "$want" = "$got" ] || { echo "swapnet-smoke: data differ"; exit 1; }
echo "swapnet-smoke: data verified"
swapnetctl list
cat /sys/block/swapnet0/swapnet/stat
swapnetctl detach "$dev"
rmmod swapnet
echo "swapnet-smoke: PASS"

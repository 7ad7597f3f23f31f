# swapnet smoke test: attach, write and read back 16 MiB through
# /dev/swapnet0 with dd, list, detach, rmmod.  Quick (about a minute).
# lab-suite: manual
# lab-timeout: 300
. /lab/lib.sh
set -e
# busybox sh runs its own depmod applet, which writes no modules.dep.bin,
# so kmod's modprobe (the one the kernel runs) would not find swapnet.ko.
/usr/sbin/depmod -a
swapfile=nfs://$SERVER_IP/export/swapfile
dev=$(swapnetctl attach "$swapfile" --name smoke)
echo "attached $dev"
lsmod | grep -q '^swapnet ' || { echo "swapnet-smoke: module not autoloaded"; exit 1; }
ls /sys/block/swapnet0/swapnet/
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

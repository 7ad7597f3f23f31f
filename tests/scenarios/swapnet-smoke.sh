# swapnet smoke test: attach, write and read back 16 MiB through
# /dev/swapnet0 with dd, list, detach, rmmod.  Quick (about a minute).
# lab-suite: manual
# lab-timeout: 300
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
swapfile=nfs://$SERVER_IP/export/swapfile
dev=$(swapnetctl attach "$swapfile" --name smoke) || { lab_fail "attach"; lab_exit; }
echo "attached $dev"
lsmod | grep -q '^swapnet ' || lab_fail "module not autoloaded"
ls "/sys/block/${dev#/dev/}/swapnet/"
qd=$(lab_swapnet_attr "$dev" queue_depth)
[ "$qd" = "$(cat /sys/module/swapnet/parameters/queue_depth)" ] ||
	lab_fail "queue depth $qd: SUNRPC slots not raised"
echo "stat: $(lab_swapnet_attr "$dev" stat)"
dd if=/dev/urandom of=/tmp/pat bs=1M count=16 2>/dev/null
dd if=/tmp/pat of="$dev" bs=1M oflag=direct 2>&1 || lab_fail "write 16 MiB"
want=$(md5sum < /tmp/pat)
got=$(dd if="$dev" bs=1M count=16 iflag=direct 2>/dev/null | md5sum)
[ "$want" = "$got" ] || lab_fail "data differ"
swapnetctl list
echo "stat: $(lab_swapnet_attr "$dev" stat)"
swapnetctl detach "$dev" || lab_fail "detach"
rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

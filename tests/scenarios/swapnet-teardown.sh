# swapnet: teardown rules.  While swapped on, detach is refused (EBUSY)
# and rmmod is refused; swapoff, detach and rmmod then succeed.  rmmod
# with an attached but unused device removes it safely.  A detach of a
# device that does not exist is an error.
# lab-suite: check
# lab-kernels: all
# lab-timeout: 300
. /lab/lib.sh
url=nfs://$SERVER_IP/export/swapfile
rc=0
fail() { echo "swapnet-teardown: $*"; rc=1; }

dev=$(swapnetctl swapon "$url") || { echo "swapnet-teardown: swapon failed"; exit 1; }
grep -q "^$dev " /proc/swaps || fail "$dev not in /proc/swaps"
# put some pages on it
memload -p 1 -r 0.6 >/dev/null 2>&1 || true

out=$(swapnetctl detach "$dev" 2>&1); st=$?
echo "detach while swapped on: status $st: $out"
[ $st = 2 ] || fail "detach while swapped on: status $st, want 2"
echo "$out" | grep -qi 'busy\|in use' || fail "detach: no busy message"
[ -e /sys/block/swapnet0 ] || fail "device gone after a refused detach"

out=$(rmmod swapnet 2>&1); st=$?
echo "rmmod while swapped on: status $st: $out"
[ $st != 0 ] || fail "rmmod while swapped on succeeded"
grep -q '^swapnet ' /proc/modules || fail "module gone while swapped on"

swapnetctl swapoff "$dev" || fail "swapoff failed"
[ ! -e /sys/block/swapnet0 ] || fail "swapoff did not detach"

out=$(swapnetctl detach swapnet7 2>&1); st=$?
echo "detach of a missing device: status $st: $out"
[ $st != 0 ] || fail "detach of a missing device succeeded"

dev=$(swapnetctl attach "$url" --name idle) || fail "attach failed"
[ -e /sys/block/swapnet0 ] || fail "attach made no device"
rmmod swapnet || fail "rmmod with an idle device failed"
[ ! -e /sys/block/swapnet0 ] || fail "rmmod left the device"
grep -q '^swapnet ' /proc/modules && fail "module still loaded"

dmesg | grep -E 'swapnet' | tail -20
[ $rc = 0 ] && echo "swapnet-teardown: PASS"
exit $rc

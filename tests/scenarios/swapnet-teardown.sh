# swapnet: teardown rules.  While swapped on, detach is refused (EBUSY)
# and rmmod is refused; swapoff, detach and rmmod then succeed.  rmmod
# with an attached but unused device removes it safely.  A detach of a
# device that does not exist is an error.
# lab-suite: check
# lab-kernels: every
# lab-timeout: 300
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
url=nfs://$SERVER_IP/export/swapfile

dev=$(swapnetctl swapon "$url") || { lab_fail "swapon failed"; lab_exit; }
grep -q "^$dev " /proc/swaps || lab_fail "$dev not in /proc/swaps"
# put some pages on it: half of MemTotal, beside the reserve swapon set
# (21 MB) and a 64 MiB swap area; 0.6 was OOM-killed once on 7.3 with
# 36 MB under writeback (final check of 2026-12-07)
memload -p 1 -r 0.5 >/dev/null 2>&1 || true

out=$(swapnetctl detach "$dev" 2>&1); st=$?
echo "detach while swapped on: status $st: $out"
[ $st = 2 ] || lab_fail "detach while swapped on: status $st, want 2"
echo "$out" | grep -qi 'busy\|in use' || lab_fail "detach: no busy message"
[ -e /sys/block/swapnet0 ] || lab_fail "device gone after a refused detach"

out=$(rmmod swapnet 2>&1); st=$?
echo "rmmod while swapped on: status $st: $out"
[ $st != 0 ] || lab_fail "rmmod while swapped on succeeded"
grep -q '^swapnet ' /proc/modules || lab_fail "module gone while swapped on"

swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
[ ! -e /sys/block/swapnet0 ] || lab_fail "swapoff did not detach"

out=$(swapnetctl detach swapnet7 2>&1); st=$?
echo "detach of a missing device: status $st: $out"
[ $st != 0 ] || lab_fail "detach of a missing device succeeded"

dev=$(swapnetctl attach "$url" --name idle) || lab_fail "attach failed"
[ -e /sys/block/swapnet0 ] || lab_fail "attach made no device"
rmmod swapnet || lab_fail "rmmod with an idle device failed"
[ ! -e /sys/block/swapnet0 ] || lab_fail "rmmod left the device"
if grep -q '^swapnet ' /proc/modules; then lab_fail "module still loaded"; fi

dmesg | grep -E 'swapnet' | tail -20
lab_exit

# swapnet: the server's file is replaced under a device (no swap on it,
# so nothing important is lost).  Before that, while swap runs on
# swapnet0, direct I/O on swapnet1 must not be reclaim I/O: its
# reclaim_reqs stays 0 while swapnet0's grows.  Then the file behind
# swapnet1 is replaced on the server: NFS3ERR_STALE.  The device must be
# NOT_RESPONDING while STALE lasts less than the major timeout (15 s
# here: a server taking over an export may say STALE for a while), then
# FAILED with one kernel line naming the cause, the FAILED event
# (swapnettop -b), FAILED and the reason in sysfs and `swapnetctl list`,
# reads failing with EIO; detach still works, swap on swapnet0 is not
# disturbed.
# lab-suite: check
# lab-timeout: 900
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet
rc=0
fail() { echo "swapnet-stale: $*"; rc=1; }
col() { awk -v c="$2" '{ print $c }' "/sys/block/$1/swapnet/stat"; }

swapnettop -b -d 2 > /tmp/top.log 2>&1 &
top=$!
swap=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile" --timeo 50 --retrans 2)
other=$(swapnetctl attach "nfs://$SERVER_IP/export/other" --timeo 50 --retrans 2)
lab_log "swapon $swap, attach $other"
name=${other#/dev/}

set +e
memload -p 2 -r 1.0 -f 0.125 > /tmp/memload.out 2>&1 &
load=$!
set -e
# direct I/O on the second device while swap runs
dd if=/dev/urandom of=/tmp/pattern bs=1M count=8 2>/dev/null
i=0
while [ $i -lt 3 ]; do
	dd if=/tmp/pattern of="$other" bs=1M oflag=direct 2>/dev/null ||
		fail "direct write to $other failed"
	dd if="$other" of=/tmp/back bs=1M count=8 iflag=direct 2>/dev/null ||
		fail "direct read from $other failed"
	cmp -s /tmp/pattern /tmp/back || fail "direct I/O on $other read back different data"
	i=$((i + 1))
done
set +e
wait $load
lrc=$?
set -e
cat /tmp/memload.out
[ $lrc = 0 ] || fail "memload exited with status $lrc"
echo "swapnet-stale: swap_reclaim_reqs=$(col swapnet0 15) other_reclaim_reqs=$(col "$name" 15)"
[ "$(col swapnet0 15)" -gt 0 ] || fail "swap-out on swapnet0 was not reclaim I/O"
[ "$(col "$name" 15)" = 0 ] || fail "direct I/O on $name was sent as reclaim I/O"

# replace the file behind $other on the server: its handle goes stale
mkdir -p /mnt/ctl
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/ctl
rm /mnt/ctl/other
dd if=/dev/zero of=/mnt/ctl/other bs=1M count=16 2>/dev/null
sync
umount /mnt/ctl

t0=$(cut -d. -f1 /proc/uptime)
dd if="$other" of=/dev/null bs=4k count=1 iflag=direct 2>/tmp/dd.err &
dd=$!
sleep 6
st=$(cat /sys/block/$name/swapnet/state)
why=$(cat /sys/block/$name/swapnet/reason)
echo "swapnet-stale: after 6 s: state=$st reason='$why'"
[ "$st" = NOT_RESPONDING ] || fail "state after 6 s of STALE is $st, not NOT_RESPONDING"
case $why in *"stale file handle"*) ;; *) fail "reason '$why' does not say stale" ;; esac
if wait $dd; then
	fail "a read of a stale file succeeded"
fi
t1=$(cut -d. -f1 /proc/uptime)
cat /tmp/dd.err
grep -q "Input/output error" /tmp/dd.err || fail "the read did not fail with EIO"
# the major timeout (timeo 5 s x (retrans 2 + 1)) plus one backoff step
[ $((t1 - t0)) -ge 14 ] || fail "FAILED after $((t1 - t0)) s, before the major timeout"
[ $((t1 - t0)) -le 35 ] || fail "FAILED took $((t1 - t0)) s"
state=$(cat /sys/block/$name/swapnet/state)
reason=$(cat /sys/block/$name/swapnet/reason)
echo "swapnet-stale: state=$state reason='$reason' after $((t1 - t0)) s"
[ "$state" = FAILED ] || fail "state is $state, not FAILED"
case $reason in
*stale*) ;;
*) fail "reason '$reason' does not say stale" ;;
esac
[ "$(col "$name" 12)" = 2 ] || fail "stat state column is not 2"
# a second read fails too, without a second kernel line
dd if="$other" of=/dev/null bs=4k count=1 skip=100 iflag=direct 2>/dev/null &&
	fail "a second read of a stale file succeeded"
n=$(dmesg | grep -c "$name: server $SERVER_IP says the file is gone (stale file handle): swapped-out pages are lost")
[ "$n" = 1 ] || fail "$n kernel lines about the stale file, want 1"
dmesg | grep "$name" || true

sleep 3	# one more swapnettop interval
kill $top 2>/dev/null || true
wait $top 2>/dev/null || true
grep '^event' /tmp/top.log || true
grep -q "^event .*$name FAILED" /tmp/top.log || fail "no FAILED event"
swapnetctl list | tee /tmp/list.out
grep "$name" /tmp/list.out | grep -q FAILED || fail "swapnetctl list does not show FAILED"
grep -q stale /tmp/list.out || fail "swapnetctl list does not show the reason"

swapnetctl detach "$other" || fail "detach of the FAILED device failed"
[ ! -e "/sys/block/$name" ] || fail "$name still exists after detach"
[ "$(col swapnet0 10)" = 0 ] || fail "swapnet0 had failed requests"
[ "$(col swapnet0 12)" = 0 ] || fail "swapnet0 is not OK"
swapnetctl swapoff "$swap" || fail "swapoff failed"
rmmod swapnet || fail "rmmod failed"
[ $rc = 0 ] && echo "swapnet-stale: PASS"
exit $rc

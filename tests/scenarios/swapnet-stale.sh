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
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet

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
		lab_fail "direct write to $other failed"
	dd if="$other" of=/tmp/back bs=1M count=8 iflag=direct 2>/dev/null ||
		lab_fail "direct read from $other failed"
	cmp -s /tmp/pattern /tmp/back || lab_fail "direct I/O on $other read back different data"
	i=$((i + 1))
done
set +e
wait $load
lrc=$?
set -e
cat /tmp/memload.out
[ $lrc = 0 ] || lab_fail "memload exited with status $lrc"
swap_rr=$(lab_swapnet_stat swapnet0 reclaim_reqs)
other_rr=$(lab_swapnet_stat "$name" reclaim_reqs)
echo "swapnet-stale: swap_reclaim_reqs=$swap_rr other_reclaim_reqs=$other_rr"
[ "$swap_rr" -gt 0 ] || lab_fail "swap-out on swapnet0 was not reclaim I/O"
[ "$other_rr" = 0 ] || lab_fail "direct I/O on $name was sent as reclaim I/O"

# replace the file behind $other on the server: its handle goes stale
mkdir -p /mnt/ctl
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/ctl
rm /mnt/ctl/other
dd if=/dev/zero of=/mnt/ctl/other bs=1M count=16 2>/dev/null
sync
umount /mnt/ctl

t0=$(lab_uptime)
dd if="$other" of=/dev/null bs=4k count=1 iflag=direct 2>/tmp/dd.err &
dd=$!
sleep 6
st=$(lab_swapnet_state "$name")
why=$(cat "/sys/block/$name/swapnet/reason")
echo "swapnet-stale: after 6 s: state=$st reason='$why'"
[ "$st" = NOT_RESPONDING ] || lab_fail "state after 6 s of STALE is $st, not NOT_RESPONDING"
case $why in *"stale file handle"*) ;; *) lab_fail "reason '$why' does not say stale" ;; esac
if wait $dd; then
	lab_fail "a read of a stale file succeeded"
fi
t1=$(lab_uptime)
cat /tmp/dd.err
grep -q "Input/output error" /tmp/dd.err || lab_fail "the read did not fail with EIO"
# the major timeout (timeo 5 s x (retrans 2 + 1)) plus one backoff step
[ $((t1 - t0)) -ge 14 ] || lab_fail "FAILED after $((t1 - t0)) s, before the major timeout"
[ $((t1 - t0)) -le 35 ] || lab_fail "FAILED took $((t1 - t0)) s"
state=$(lab_swapnet_state "$name")
reason=$(cat "/sys/block/$name/swapnet/reason")
echo "swapnet-stale: state=$state reason='$reason' after $((t1 - t0)) s"
[ "$state" = FAILED ] || lab_fail "state is $state, not FAILED"
case $reason in
*stale*) ;;
*) lab_fail "reason '$reason' does not say stale" ;;
esac
[ "$(lab_swapnet_stat "$name" state)" = 2 ] || lab_fail "stat state column is not 2"
# a second read fails too, without a second kernel line
dd if="$other" of=/dev/null bs=4k count=1 skip=100 iflag=direct 2>/dev/null &&
	lab_fail "a second read of a stale file succeeded"
n=$(dmesg | grep -c "$name: server $SERVER_IP says the file is gone (stale file handle): swapped-out pages are lost")
[ "$n" = 1 ] || lab_fail "$n kernel lines about the stale file, want 1"
dmesg | grep "$name" || true

sleep 3	# one more swapnettop interval
kill $top 2>/dev/null || true
wait $top 2>/dev/null || true
grep '^event' /tmp/top.log || true
grep -q "^event .*$name FAILED" /tmp/top.log || lab_fail "no FAILED event"
swapnetctl list | tee /tmp/list.out
grep "$name" /tmp/list.out | grep -q FAILED || lab_fail "swapnetctl list does not show FAILED"
grep -q stale /tmp/list.out || lab_fail "swapnetctl list does not show the reason"

swapnetctl detach "$other" || lab_fail "detach of the FAILED device failed"
[ ! -e "/sys/block/$name" ] || lab_fail "$name still exists after detach"
[ "$(lab_swapnet_stat swapnet0 errors)" = 0 ] || lab_fail "swapnet0 had failed requests"
[ "$(lab_swapnet_stat swapnet0 state)" = 0 ] || lab_fail "swapnet0 is not OK"
swapnetctl swapoff "$swap" || lab_fail "swapoff failed"
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

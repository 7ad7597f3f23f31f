# swapnet: a STALE file handle, told apart by a LOOKUP of the file's name
# (the device keeps its directory's handle and the name from attach).
# Swap runs on swapnet0, on a file in /fsx, an ext4 file system of the
# server's exported without fsid= (its handles carry the file system's
# UUID); swapnet1 is a second file in /export that carries no swap.
#  (a) While swap runs on swapnet0, direct I/O on swapnet1 must not be
#      reclaim I/O: its reclaim_reqs stays 0 while swapnet0's grows.
#  (b) The file behind swapnet1 is replaced on the server: NFS3ERR_STALE,
#      and its name now gives another handle.  FAILED within seconds
#      (not after the major timeout, 15 s here), with one kernel line
#      naming the cause, the FAILED event (swapnettop -b), FAILED and the
#      reason in sysfs and `swapnetctl list`, reads failing with EIO;
#      detach still works, swap on swapnet0 is not disturbed.
#  (c) The server unmounts /fsx for 40 s (longer than the major timeout)
#      while the workload swaps on it, nfsd answering STALE for its
#      handles (the directory's too), then mounts it again: swapnet0 is
#      NOT_RESPONDING ("file handle stale: export filesystem not
#      mounted?"), then OK, and the workload verifies every page.  The
#      module before this test made the device FAILED after 15 s of
#      STALE: the workload's swapped-out pages were lost (its own (b)
#      asserted FAILED only after the major timeout).
# lab-suite: check
# lab-timeout: 900
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet

swapnettop -b -d 2 > /tmp/top.log 2>&1 &
top=$!
swap=$(swapnetctl swapon "nfs://$SERVER_IP/fsx/swapfile" --timeo 50 --retrans 2)
other=$(swapnetctl attach "nfs://$SERVER_IP/export/other" --timeo 50 --retrans 2)
lab_log "swapon $swap, attach $other"
name=${other#/dev/}
# both devices got their directory and name, and the LOOKUP at attach
# found the file: STALE is judged by LOOKUP
looked_up() { lab_state_is_lookup swapnet0 && lab_state_is_lookup "$name"; }
lab_state_is_lookup() { [ "$(cat "/sys/block/$1/swapnet/stale_check")" = lookup ]; }
lab_wait 30 looked_up ||
	lab_fail "stale_check is '$(cat /sys/block/swapnet0/swapnet/stale_check)' / '$(cat "/sys/block/$name/swapnet/stale_check")', want lookup for both"

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
failed() { lab_state_is "$name" FAILED; }
lab_wait 20 failed || lab_fail "$name not FAILED 20 s after its file was replaced (state $(lab_swapnet_state "$name"): $(cat "/sys/block/$name/swapnet/reason"))"
t1=$(lab_uptime)
if wait $dd; then
	lab_fail "a read of a stale file succeeded"
fi
t2=$(lab_uptime)
cat /tmp/dd.err
grep -q "Input/output error" /tmp/dd.err || lab_fail "the read did not fail with EIO"
echo "swapnet-stale: FAILED after $((t1 - t0)) s, the read failed after $((t2 - t0)) s"
# within seconds: well before the major timeout (timeo 5 s x (retrans 2 + 1))
[ $((t1 - t0)) -le 10 ] || lab_fail "FAILED took $((t1 - t0)) s, not within seconds"
[ $((t2 - t0)) -le 30 ] || lab_fail "the read took $((t2 - t0)) s to fail"
state=$(lab_swapnet_state "$name")
reason=$(cat "/sys/block/$name/swapnet/reason")
echo "swapnet-stale: state=$state reason='$reason' after $((t1 - t0)) s"
[ "$state" = FAILED ] || lab_fail "state is $state, not FAILED"
case $reason in
*"the file was replaced (other has another file handle)"*) ;;
*) lab_fail "reason '$reason' does not say the file was replaced" ;;
esac
[ "$(lab_swapnet_stat "$name" state)" = 2 ] || lab_fail "stat state column is not 2"
# a second read fails too, without a second kernel line
dd if="$other" of=/dev/null bs=4k count=1 skip=100 iflag=direct 2>/dev/null &&
	lab_fail "a second read of a stale file succeeded"
n=$(dmesg | grep -c "$name: server $SERVER_IP says the file was replaced (other has another file handle): swapped-out pages are lost")
[ "$n" = 1 ] || lab_fail "$n kernel lines about the replaced file, want 1"
n=$(dmesg | grep -c "$name: lost READ of 4096 bytes at offset 0 on .*: the device is FAILED" || true)
[ "$n" = 1 ] || lab_fail "$n kernel lines naming the lost READ at offset 0, want 1"
dmesg | grep "$name" || true

sleep 3	# one more swapnettop interval
kill $top 2>/dev/null || true
wait $top 2>/dev/null || true
grep '^event' /tmp/top.log || true
grep -q "^event .*$name FAILED" /tmp/top.log || lab_fail "no FAILED event"
swapnetctl list | tee /tmp/list.out
grep "$name" /tmp/list.out | grep -q FAILED || lab_fail "swapnetctl list does not show FAILED"
grep -q "replaced" /tmp/list.out || lab_fail "swapnetctl list does not show the reason"

swapnetctl detach "$other" || lab_fail "detach of the FAILED device failed"
[ ! -e "/sys/block/$name" ] || lab_fail "$name still exists after detach"
[ "$(lab_swapnet_stat swapnet0 errors)" = 0 ] || lab_fail "swapnet0 had failed requests"
[ "$(lab_swapnet_stat swapnet0 state)" = 0 ] || lab_fail "swapnet0 is not OK"

# (c) the export's file system goes away for 40 s under running swap
swapnettop -b -d 2 > /tmp/top2.log 2>&1 &
top=$!
set +e
memload -p 2 -r 1.0 -f 0.125 > /tmp/memload2.out 2>&1 &
load=$!
set -e
w0=$(lab_swapnet_stat swapnet0 writes)
swapping() { [ "$(lab_swapnet_stat swapnet0 writes)" -ge $((w0 + 200)) ]; }
lab_wait 120 swapping || lab_log "fewer than 200 writes in 120 s: going on"
mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
	"$SERVER_IP:/export" /mnt/ctl
echo "fsdown 40" > /mnt/ctl/cmd.new && mv -f /mnt/ctl/cmd.new /mnt/ctl/cmd
lab_log "fault: /fsx unmounted on the server for 40 s"
fsup() { grep -q "fsdown: /fsx mounted and exported again" /mnt/ctl/fsdown.log 2>/dev/null; }
lab_wait 200 fsup || lab_fail "the server did not bring /fsx back: $(cat /mnt/ctl/fsdown.log 2>/dev/null)"
cat /mnt/ctl/fsdown.log
lab_wait 60 lab_state_is swapnet0 OK ||
	lab_fail "swapnet0 not OK 60 s after /fsx came back (state $(lab_swapnet_state swapnet0): $(cat /sys/block/swapnet0/swapnet/reason))"
set +e
wait $load
lrc=$?
set -e
cat /tmp/memload2.out
[ $lrc = 0 ] || lab_fail "memload exited with status $lrc while /fsx was away"
grep -q "result=PASS" /tmp/memload2.out || lab_fail "memload did not verify after /fsx came back"
dmesg | grep "swapnet0" | tail -n 20
n=$(dmesg | grep -c "swapnet0: server $SERVER_IP not responding (file handle stale: export filesystem not mounted? (nfsstat3 70)), still trying" || true)
[ "$n" -ge 1 ] || lab_fail "no 'not responding (file handle stale: export filesystem not mounted?' kernel line"
! dmesg | grep -q "swapnet0: server .* says .*swapped-out pages are lost" ||
	lab_fail "swapnet0 went FAILED while its file system was not mounted"
! dmesg | grep -q "swapnet0: lost " || lab_fail "swapnet0 lost requests: $(dmesg | grep 'swapnet0: lost ' | head -n 3)"
[ "$(lab_swapnet_stat swapnet0 errors)" = 0 ] || lab_fail "swapnet0 had failed requests"
sleep 3	# one more swapnettop interval
kill $top 2>/dev/null || true
wait $top 2>/dev/null || true
grep '^event' /tmp/top2.log || true
grep -q "^event .*swapnet0 NOT RESPONDING.*export filesystem not mounted" /tmp/top2.log ||
	lab_fail "no NOT_RESPONDING event with the stale reason"
grep -q "^event .*swapnet0 responding again" /tmp/top2.log || lab_fail "no RESPONDING event"
umount /mnt/ctl || true
swapnetctl swapoff "$swap" || lab_fail "swapoff failed"
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

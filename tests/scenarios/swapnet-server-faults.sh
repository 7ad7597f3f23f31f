# swapnet: the server misbehaves in the middle of a swap workload over a
# device attached with --unstable (UNSTABLE WRITEs, each request made
# stable by a COMMIT whose verifier is checked).  First its exports are
# withdrawn for 20 s (exportfs -ua; sleep 20; exportfs -a: RPC auth
# errors, an outage, not an answer), then the server is hard-reset
# (QEMU system_reset; the export is on an ext4 disk that survives, the
# write verifier changes).  The workload must verify (0 mismatches), no
# request may fail, the device must go NOT RESPONDING and back to OK
# after each fault, COMMITs must have been sent, and I/O must be back
# within 10 s of nfsd answering again.  max_backoff_s=4 bounds the retry
# and reconnect delays (the default 15 s could miss the 10 s).  The
# export is sync on ext4: every WRITE/COMMIT is an fsync on the server,
# slow under TCG, so the workload is small (1.1 x MemTotal, one pass).
# lab-suite: check
# lab-kernels: all
# lab-timeout: 900
# lab-server-export: disk
# lab-export-mb: 512
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet max_backoff_s=4

# A control mount, made before the workload; noac/lookupcache=none so a
# read of /mnt/ctl/phase really asks the server.
mkdir -p /mnt/ctl
mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
	"$SERVER_IP:/export" /mnt/ctl
swapnettop -b -d 5 > /tmp/top.log 2>&1 &
top=$!
dev=$(swapnetctl swapon --unstable "nfs://$SERVER_IP/export/swapfile" --timeo 50 --retrans 2)
lab_log "swapon --unstable $dev"

# Every second: uptime, device state, requests completed, what the
# server says (a read that the hard mount would block on is killed
# after 2 s).
( while :; do
	ph=$(timeout -s KILL 2 cat /mnt/ctl/phase 2>/dev/null || echo -)
	echo "$(lab_uptime) $(lab_swapnet_state swapnet0) $(($(lab_swapnet_stat swapnet0 reads) + $(lab_swapnet_stat swapnet0 writes))) $ph"
	sleep 1
done ) > /tmp/mon.log 2>&1 &
mon=$!

set +e
memload -p 2 -r 1.1 -f 0.25 > /tmp/memload.out 2>&1 &
load=$!
set -e

# wait until swap-out is under way
writes_200() { [ "$(lab_swapnet_stat swapnet0 writes)" -ge 200 ]; }
lab_wait 120 writes_200 || lab_log "fewer than 200 writes after 120 s: going on"
lab_log "withdrawing the exports for 20 s"
touch /mnt/ctl/withdraw
t_w=$(lab_uptime)
# wait for the withdrawal to end, then for OK (judged below)
restored() { grep -q " restored$" /tmp/mon.log; }
lab_wait 90 restored || true
lab_wait 60 lab_state_is swapnet0 OK || true
lab_log "exports back, state $(lab_swapnet_state swapnet0); resetting the server"
lab_reset_server
t_r=$(lab_uptime)
sleep 5
booted_ok() {
	lab_state_is swapnet0 OK &&
		awk -v t="$t_r" '$1 > t && $4 == "boot"' /tmp/mon.log | grep -q .
}
lab_wait 180 booted_ok || true
lab_log "server back, state $(lab_swapnet_state swapnet0)"

set +e
wait $load
lrc=$?
set -e
cat /tmp/memload.out
sleep 6	# one more swapnettop interval
kill $mon $top 2>/dev/null || true
wait $mon $top 2>/dev/null || true
[ $lrc = 0 ] || lab_fail "memload exited with status $lrc"
grep -q "result=PASS" /tmp/memload.out || lab_fail "memload did not verify"

# Each fault: NOT_RESPONDING after it started (required for the
# withdrawal: every call is refused; a reset shorter than the major
# timeout may go unnoticed), then OK within 10 s of the server answering
# again (the first good read of /mnt/ctl/phase); io_at: first sample
# after that with more requests completed (informational).  What went
# wrong is left in /tmp/fault.why.
check_fault() { # name t_start answer-pattern need-nr
	awk -v t="$2" -v pat="$3" -v name="$1" -v neednr="$4" '
		$1 < t { next }
		$2 == "NOT_RESPONDING" && !nr && !back { nr = $1 }
		!back && $0 ~ pat { back = $1; ios = $3 }
		back && $2 == "OK" && !ok { ok = $1 }
		back && !io && $3 > ios { io = $1 }
		END {
			printf "swapnet-server-faults: %s not_responding_at=%s answering_at=%s ok_at=%s io_at=%s\n", name, nr, back, ok, io
			why = ""
			if (!nr && neednr) why = "never NOT_RESPONDING"
			else if (!back) why = "the server never answered again"
			else if (!ok) why = "never OK again"
			else if (ok - back > 10) why = "OK " ok - back " s after the server answered"
			if (why != "") { print name ": " why > "/tmp/fault.why"; exit 1 }
		}' /tmp/mon.log
}
# The monitor above samples from user space: during the withdrawal its own
# pages may be swapped out to the refusing server, so it can sleep through
# the whole outage.  NOT_RESPONDING during the withdrawal is therefore
# checked in the kernel log and the event stream below, not in mon.log.
check_fault withdrawal "$t_w" " restored$" 0 || lab_fail "$(cat /tmp/fault.why)"
check_fault reset "$t_r" " boot [0-9]+$" 0 || lab_fail "$(cat /tmp/fault.why)"

dmesg | grep 'swapnet0' | tail -n 20 || true
grep '^event' /tmp/top.log || true
dmesg | grep -q "swapnet0: server $SERVER_IP not responding (" ||
	lab_fail "no 'not responding' kernel line"
dmesg | grep -q "swapnet0: server $SERVER_IP not responding (RPC auth error" ||
	lab_fail "no NOT_RESPONDING with the RPC auth error during the withdrawal"
grep -q '^event .*swapnet0 NOT RESPONDING' /tmp/top.log || lab_fail "no NOT_RESPONDING event"
grep -q '^event .*swapnet0 responding again' /tmp/top.log || lab_fail "no RESPONDING event"

echo "stat: $(cat /sys/block/swapnet0/swapnet/stat)"
errors=$(lab_swapnet_stat swapnet0 errors)
commits=$(lab_swapnet_stat swapnet0 commits)
reclaim=$(lab_swapnet_stat swapnet0 reclaim_reqs)
echo "swapnet-server-faults: errors=$errors commits=$commits write_resends=$(lab_swapnet_stat swapnet0 write_resends) reclaim_reqs=$reclaim"
[ "$errors" = 0 ] || lab_fail "$errors requests failed"
[ "$(lab_swapnet_stat swapnet0 state)" = 0 ] || lab_fail "the device is not OK at the end"
[ "$commits" -gt 0 ] || lab_fail "no COMMIT was sent for UNSTABLE writes"
[ "$reclaim" -gt 0 ] || lab_fail "no reclaim I/O counted"
swapnetctl list
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
umount /mnt/ctl || true
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

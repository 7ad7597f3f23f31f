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
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet max_backoff_s=4
rc=0
fail() { echo "swapnet-server-faults: $*"; rc=1; }
now() { cut -d. -f1 /proc/uptime; }
st() { cat /sys/block/swapnet0/swapnet/state; }

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
	echo "$(now) $(st) $(awk '{ print $1 + $2 }' /sys/block/swapnet0/swapnet/stat) $ph"
	sleep 1
done ) > /tmp/mon.log 2>&1 &
mon=$!

set +e
memload -p 2 -r 1.1 -f 0.25 > /tmp/memload.out 2>&1 &
load=$!
set -e

# wait until swap-out is under way
i=0
while [ "$(awk '{ print $2 }' /sys/block/swapnet0/swapnet/stat)" -lt 200 ] && [ $i -lt 120 ]; do
	sleep 1
	i=$((i + 1))
done
lab_log "withdrawing the exports for 20 s"
touch /mnt/ctl/withdraw
t_w=$(now)
# wait for the withdrawal to end, then for OK
i=0
until grep -q " restored$" /tmp/mon.log || [ $i -gt 90 ]; do sleep 1; i=$((i + 1)); done
i=0
until [ "$(st)" = OK ] || [ $i -gt 60 ]; do sleep 1; i=$((i + 1)); done
lab_log "exports back, state $(st); resetting the server"
lab_reset_server
t_r=$(now)
sleep 5
i=0
until [ "$(st)" = OK ] && awk -v t=$t_r '$1 > t && $4 == "boot"' /tmp/mon.log | grep -q . || [ $i -gt 180 ]; do
	sleep 1
	i=$((i + 1))
done
lab_log "server back, state $(st)"

set +e
wait $load
lrc=$?
set -e
cat /tmp/memload.out
sleep 6	# one more swapnettop interval
kill $mon $top 2>/dev/null || true
wait $mon $top 2>/dev/null || true
[ $lrc = 0 ] || fail "memload exited with status $lrc"
grep -q "result=PASS" /tmp/memload.out || fail "memload did not verify"

# Each fault: NOT_RESPONDING after it started (required for the
# withdrawal: every call is refused; a reset shorter than the major
# timeout may go unnoticed), then OK within 10 s of the server answering
# again (the first good read of /mnt/ctl/phase); io_at: first sample
# after that with more requests completed (informational).
check_fault() { # name t_start answer-pattern need-nr
	awk -v t="$2" -v pat="$3" -v name="$1" -v neednr="$4" '
		$1 < t { next }
		$2 == "NOT_RESPONDING" && !nr && !back { nr = $1 }
		!back && $0 ~ pat { back = $1; ios = $3 }
		back && $2 == "OK" && !ok { ok = $1 }
		back && !io && $3 > ios { io = $1 }
		END {
			printf "swapnet-server-faults: %s not_responding_at=%s answering_at=%s ok_at=%s io_at=%s\n", name, nr, back, ok, io
			if (!nr && neednr) { print "swapnet-server-faults: " name ": never NOT_RESPONDING"; exit 1 }
			if (!back) { print "swapnet-server-faults: " name ": the server never answered again"; exit 1 }
			if (!ok) { print "swapnet-server-faults: " name ": never OK again"; exit 1 }
			if (ok - back > 10) { print "swapnet-server-faults: " name ": OK " ok - back " s after the server answered"; exit 1 }
		}' /tmp/mon.log
}
# The monitor above samples from user space: during the withdrawal its own
# pages may be swapped out to the refusing server, so it can sleep through
# the whole outage.  NOT_RESPONDING during the withdrawal is therefore
# checked in the kernel log and the event stream below, not in mon.log.
check_fault withdrawal "$t_w" " restored$" 0 || rc=1
check_fault reset "$t_r" " boot [0-9]+$" 0 || rc=1

dmesg | grep 'swapnet0' | tail -n 20 || true
grep '^event' /tmp/top.log || true
dmesg | grep -q "swapnet0: server $SERVER_IP not responding (" ||
	fail "no 'not responding' kernel line"
dmesg | grep -q "swapnet0: server $SERVER_IP not responding (RPC auth error" ||
	fail "no NOT_RESPONDING with the RPC auth error during the withdrawal"
grep -q '^event .*swapnet0 NOT RESPONDING' /tmp/top.log || fail "no NOT_RESPONDING event"
grep -q '^event .*swapnet0 responding again' /tmp/top.log || fail "no RESPONDING event"

stat=$(cat /sys/block/swapnet0/swapnet/stat)
echo "stat: $stat"
set -- $stat
echo "swapnet-server-faults: errors=${10} commits=${13} write_resends=${14} reclaim_reqs=${15}"
[ "${10}" = 0 ] || fail "${10} requests failed"
[ "${12}" = 0 ] || fail "the device is not OK at the end"
[ "${13}" -gt 0 ] || fail "no COMMIT was sent for UNSTABLE writes"
[ "${15}" -gt 0 ] || fail "no reclaim I/O counted"
swapnetctl list
swapnetctl swapoff "$dev" || fail "swapoff failed"
umount /mnt/ctl || true
rmmod swapnet || fail "rmmod failed"
[ $rc = 0 ] && echo "swapnet-server-faults: PASS"
exit $rc

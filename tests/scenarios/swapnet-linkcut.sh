# swapnet: a 60 s cable pull in the middle of a swap workload.  The device
# is attached with timeo=5 s, retrans=2 so that the server is declared not
# responding after 5+10+15 = 30 s of silence.  The workload (2 processes,
# 1.2 x MemTotal) must complete with 0 mismatches and no I/O error, and
# both the kernel log and swapnettop's event stream must show NOT
# RESPONDING, then RESPONDING.
# lab-suite: check
# lab-kernels: all
# lab-timeout: 900
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet

# swapnettop subscribes to the events group; its batch output keeps them.
swapnettop -b -d 5 > /tmp/top.log 2>&1 &
top=$!
dev=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile" --timeo 50 --retrans 2)
lab_log "swapon $dev"

set +e
memload -p 2 -r 1.2 &
load=$!
sleep 30
lab_cut_link 60
wait $load
rc=$?
set -e
lab_log "memload exited with status $rc"

sleep 6	# one more swapnettop interval
kill $top 2>/dev/null || true
wait $top 2>/dev/null || true
fail() { echo "swapnet-linkcut: $*"; rc=1; }

dmesg | grep 'swapnet0' || true
grep '^event' /tmp/top.log || true
nr=$(dmesg | grep -n "swapnet0: server $SERVER_IP not responding" | head -n 1 | cut -d: -f1)
ok=$(dmesg | grep -n "swapnet0: server $SERVER_IP OK" | tail -n 1 | cut -d: -f1)
[ -n "$nr" ] || fail "no 'not responding' kernel message"
[ -n "$ok" ] || fail "no 'OK' kernel message"
[ -n "$nr" ] && [ -n "$ok" ] && [ "$nr" -lt "$ok" ] || fail "kernel messages out of order"
enr=$(grep -n '^event .*swapnet0 NOT RESPONDING' /tmp/top.log | head -n 1 | cut -d: -f1)
eok=$(grep -n '^event .*swapnet0 responding again' /tmp/top.log | tail -n 1 | cut -d: -f1)
[ -n "$enr" ] || fail "no NOT_RESPONDING event"
[ -n "$eok" ] || fail "no RESPONDING event"
[ -n "$enr" ] && [ -n "$eok" ] && [ "$enr" -lt "$eok" ] || fail "events out of order"

stat=$(cat /sys/block/swapnet0/swapnet/stat)
echo "stat: $stat"
set -- $stat
[ "${10}" = 0 ] || fail "${10} requests failed"
[ "${12}" = 0 ] || fail "server still NOT_RESPONDING"
swapnetctl list
swapnetctl swapoff "$dev" || fail "swapoff failed"
rmmod swapnet || fail "rmmod failed"
[ $rc = 0 ] && echo "swapnet-linkcut: PASS"
exit $rc

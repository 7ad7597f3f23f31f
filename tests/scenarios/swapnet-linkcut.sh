# swapnet: a 30 s cable pull (twice the 15 s major timeout) in the middle
# of a swap workload.  The device
# is attached with timeo=5 s, retrans=2 so that the server is declared not
# responding once a call has had no reply for 5 x (2 + 1) = 15 s.  The workload (2 processes,
# 1.0 x MemTotal) must complete with 0 mismatches and no I/O error, and
# both the kernel log and swapnettop's event stream must show NOT
# RESPONDING, then RESPONDING.  The I/O is hard: the calls cut off are
# retransmitted with their original XIDs; the server's reply-cache hits
# are printed (not asserted: see below).
# lab-suite: check
# lab-kernels: all
# lab-timeout: 900
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet

# nfsd's reply-cache counters, copied into the export every second
mkdir -p /mnt/ctl
mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
	"$SERVER_IP:/export" /mnt/ctl
# The server renames a fresh copy over the file every second, so a read
# that looked up the old one gets ESTALE: read again.
rc_hits() {
	local i=0 v
	while [ $i -lt 5 ]; do
		v=$(awk '$1 == "rc" { print $2 }' /mnt/ctl/nfsd.stat 2>/dev/null)
		[ -n "$v" ] && { echo "$v"; return 0; }
		sleep 1
		i=$((i + 1))
	done
	echo "swapnet-linkcut: cannot read /mnt/ctl/nfsd.stat" >&2
}

# swapnettop subscribes to the events group; its batch output keeps them.
swapnettop -b -d 5 > /tmp/top.log 2>&1 &
top=$!
dev=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile" --timeo 50 --retrans 2)
lab_log "swapon $dev"

set +e
memload -p 2 -r 1.0 -f 0.125 &
load=$!
# Cut while swap-out is in full flow, so that WRITEs the server executed
# lose their replies (the reply cache can only match WRITEs: READs are
# not cached); once memload verifies, few writes are in flight.
out0=$(awk '/^pswpout /{print $2}' /proc/vmstat)
i=0
while [ $i -lt 60 ] &&
      [ $(($(awk '/^pswpout /{print $2}' /proc/vmstat) - out0)) -lt 4000 ]; do
	sleep 1
	i=$((i + 1))
done
hits0=$(rc_hits)
lab_cut_link 30
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

sleep 2	# a fresh copy of nfsd's counters
hits1=$(rc_hits)
echo "swapnet-linkcut: drc_hits_before=$hits0 drc_hits_after=$hits1"
[ -n "$hits0" ] && [ -n "$hits1" ] || fail "no nfsd statistics from the server"
# Informational, not asserted: SUNRPC retransmits over TCP only after the
# transport reconnected.  In the lab (2026-12-02, 6.1 and 6.12) the TCP
# connection outlived a 30 s cut, TCP itself resent the data, the RPC
# retransmission count stayed 0 and so did the reply cache's hits: this
# scenario cannot observe the XIDs.  A test that forces a reconnect (e.g.
# a server-side RST) is still to be written; see the session note.
[ "${hits1:-0}" -gt "${hits0:-0}" ] ||
	echo "swapnet-linkcut: note: no reply-cache hits (no RPC-level retransmission: the connection survived)"
umount /mnt/ctl || true

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

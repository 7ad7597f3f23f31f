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
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet

# nfsd's reply-cache counters, copied into the export every second
mkdir -p /mnt/ctl
mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
	"$SERVER_IP:/export" /mnt/ctl
# The server renames a fresh copy over the file every second, so a read
# that looked up the old one gets ESTALE: read again.
rc_hits_now() {
	awk '$1 == "rc" { print $2; f = 1 } END { exit !f }' /mnt/ctl/nfsd.stat 2>/dev/null
}
rc_hits() {
	lab_wait 5 rc_hits_now ||
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
out0=$(lab_vmstat pswpout)
swapped_out_4000() { [ $(($(lab_vmstat pswpout) - out0)) -ge 4000 ]; }
lab_wait 60 swapped_out_4000 || lab_log "swap-out slow: cutting anyway"
hits0=$(rc_hits)
lab_cut_link 30
wait $load
lrc=$?
set -e
lab_log "memload exited with status $lrc"
[ $lrc = 0 ] || lab_fail "memload exited with status $lrc"

sleep 6	# one more swapnettop interval
kill $top 2>/dev/null || true
wait $top 2>/dev/null || true

dmesg | grep 'swapnet0' || true
grep '^event' /tmp/top.log || true
nr=$(dmesg | grep -n "swapnet0: server $SERVER_IP not responding" | head -n 1 | cut -d: -f1)
ok=$(dmesg | grep -n "swapnet0: server $SERVER_IP OK" | tail -n 1 | cut -d: -f1)
[ -n "$nr" ] || lab_fail "no 'not responding' kernel message"
[ -n "$ok" ] || lab_fail "no 'OK' kernel message"
if [ -n "$nr" ] && [ -n "$ok" ] && [ "$nr" -gt "$ok" ]; then
	lab_fail "kernel messages out of order"
fi
enr=$(grep -n '^event .*swapnet0 NOT RESPONDING' /tmp/top.log | head -n 1 | cut -d: -f1)
eok=$(grep -n '^event .*swapnet0 responding again' /tmp/top.log | tail -n 1 | cut -d: -f1)
[ -n "$enr" ] || lab_fail "no NOT_RESPONDING event"
[ -n "$eok" ] || lab_fail "no RESPONDING event"
if [ -n "$enr" ] && [ -n "$eok" ] && [ "$enr" -gt "$eok" ]; then
	lab_fail "events out of order"
fi

sleep 2	# a fresh copy of nfsd's counters
hits1=$(rc_hits)
echo "swapnet-linkcut: drc_hits_before=$hits0 drc_hits_after=$hits1"
[ -n "$hits0" ] || lab_fail "no nfsd statistics from the server before the cut"
[ -n "$hits1" ] || lab_fail "no nfsd statistics from the server after the cut"
# Informational, not asserted: SUNRPC retransmits over TCP only after the
# transport reconnected.  In the lab (2026-12-02, 6.1 and 6.12) the TCP
# connection outlived a 30 s cut, TCP itself resent the data, the RPC
# retransmission count stayed 0 and so did the reply cache's hits: this
# scenario cannot observe the XIDs.  A test that forces a reconnect (e.g.
# a server-side RST) is still to be written; see the session note.
[ "${hits1:-0}" -gt "${hits0:-0}" ] ||
	echo "swapnet-linkcut: note: no reply-cache hits (no RPC-level retransmission: the connection survived)"
umount /mnt/ctl || true

echo "stat: $(cat /sys/block/swapnet0/swapnet/stat)"
errors=$(lab_swapnet_stat swapnet0 errors)
[ "$errors" = 0 ] || lab_fail "$errors requests failed"
[ "$(lab_swapnet_stat swapnet0 state)" = 0 ] || lab_fail "server still NOT_RESPONDING"
swapnetctl list
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

# swapnet: RPC-level faults in the middle of a swap workload, injected by
# tests/workloads/rpcproxy, which runs on the server in front of nfsd
# (the device is attached through it: nfs://server:2050/...; the proxy
# keeps ONE upstream connection, so nfsd's reply cache sees one peer).
#  (a) reset: the proxy forwards a WRITE, swallows nfsd's reply and RSTs
#      the client's connection.  The client reconnects; every XID it had
#      in flight (the swallowed WRITE included) must come again.  A
#      module that gets a new XID on retry fails here: 0.1.0's soft tasks
#      ended the call and restarted it (rpc_restart_call_prepare: a new
#      slot, xprt_alloc_xid), and so would any module that restarts a
#      call on a connection error instead of letting SUNRPC retransmit
#      the request: the proxy then logs "reset: K of N xids outstanding"
#      and never "reset: all N xids came back".
#  (b) 8 s of NFS3ERR_JUKEBOX to every READ/WRITE, (c) 8 s of garbage
#      (accepted replies cut short), (d) 8 s of PROG_UNAVAIL, then 8 s of
#      PROG_MISMATCH.  Each: one "not responding (REASON" kernel line,
#      then "OK" again within 15 s.
#  (e) STALE on both sides of an outage: a server that reboots or takes
#      over an export can say STALE for a while before and after it, and
#      no request may fail.  Each STALE stretch is shorter than the major
#      timeout (15 s), but with what lies between them they are longer:
#      4 s STALE, 20 s down (calls dropped, then the connection reset, as
#      by a rebooted server), 10 s STALE; then 4 s STALE, 12 s JUKEBOX,
#      4 s STALE.  A module that counts STALE time from a request's first
#      STALE until a good reply fails that request and goes FAILED here
#      (the module before this test: swap pages lost, init killed).
#  (f) NFS3ERR_IO right after an outage: 12 s of JUKEBOX, then 3 s of
#      NFS3ERR_IO.  A request that waited out the JUKEBOX (its outage
#      backoff counted up) still gets its own NFS3ERR_IO retries.  The
#      module before this test shared one count: the direct read (and any
#      swap request in flight) failed on its first NFS3ERR_IO.
#  (g) after the workload: a block the server cannot read (the proxy
#      answers READs at one offset with NFS3ERR_IO).  Its READ fails
#      after 5 retries and the device stays OK; the loss is named: one
#      kernel line (never rate-limited), a line in sysfs "lost", and the
#      EVT_LOST event (swapnettop -b) with op, length, offset and reason.
# At the end, detach --force of the device, still in use as swap, must
# be refused with the reason.
# Throughout: memload verifies (0 mismatches), no request fails.  A
# small direct read of the device runs during each fault, so the fault
# meets I/O whatever phase memload is in.
# lab-suite: check
# lab-timeout: 600
# lab-bins: tests/workloads/rpcproxy
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet max_backoff_s=2
swapnettop -b -d 2 > /tmp/top.log 2>&1 &
top=$!

mkdir -p /mnt/ctl
mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
	"$SERVER_IP:/export" /mnt/ctl
# a command for the proxy: written aside, then renamed (the server's loop
# must never see a half-written /export/cmd)
ctl() { echo "$*" > /mnt/ctl/cmd.new && mv -f /mnt/ctl/cmd.new /mnt/ctl/cmd; }
pxlog() { timeout -s KILL 5 cat /mnt/ctl/rpcproxy.log 2>/dev/null || true; }
dev=$(swapnetctl swapon "nfs://$SERVER_IP:2050/export/swapfile" --timeo 50 --retrans 2)
lab_log "swapon $dev through the proxy"

set +e
memload -p 2 -r 0.9 -f 0.125 > /tmp/memload.out 2>&1 &
load=$!
set -e
writes_200() { [ "$(lab_swapnet_stat swapnet0 writes)" -ge 200 ]; }
lab_wait 120 writes_200 || lab_log "fewer than 200 writes after 120 s: going on"

# (a)
lab_log "fault: reset"
ctl reset
xids_back() { pxlog | grep -q "reset: all [0-9]* xids came back"; }
lab_wait 40 xids_back || true	# checked at the end

# inject COMMAND SECONDS: COMMAND (a proxy mode, or a chain of them run by
# the proxy with no real reply between) lasting SECONDS, with a direct
# read of the device during it; then the device must be OK within 15 s.
inject() {
	lab_log "fault: $1 ($2 s)"
	ctl "$1"
	sleep 1
	dd if=/dev/swapnet0 of=/dev/null bs=4k count=16 skip=$((1000 + $(lab_uptime) % 30000)) iflag=direct 2>/dev/null &
	sleep "$2"
	lab_wait 15 lab_state_is swapnet0 OK ||
		lab_fail "$1: not OK 15 s after the fault ended (state $(lab_swapnet_state swapnet0): $(cat /sys/block/swapnet0/swapnet/reason))"
	wait $! || lab_fail "$1: dd from the device failed"
}

# (b)-(d): NAME SECONDS KERNEL-REASON
fault() {
	inject "$1 $2" "$2"
	n=$(dmesg | grep -c "swapnet0: server $SERVER_IP not responding ($3" || true)
	echo "swapnet-rpc-faults: $1 not_responding_lines=$n state=$(lab_swapnet_state swapnet0)"
	[ "$n" = 1 ] || lab_fail "$1: $n 'not responding ($3' kernel lines, want 1"
}
fault jukebox 8 "server busy: NFS3ERR_JUKEBOX"
fault garbage 8 "garbage reply"
fault progunavail 8 "RPC PROG_UNAVAIL"
fault progmismatch 8 "RPC mismatch or PROG_MISMATCH"

# (e)
inject "stale 4 down 20 stale 10" 33
inject "stale 4 jukebox 12 stale 4" 19
# the reason: "file handle stale: export filesystem not mounted?" once
# the LOOKUP of the name found no answer (swapnetctl gives the module
# the directory), "server says stale file handle" without a directory
n=$(dmesg | grep -cE "swapnet0: server $SERVER_IP not responding \((file handle stale|server says stale file handle)" || true)
[ "$n" -ge 2 ] || lab_fail "$n 'not responding (file handle stale' kernel lines, want one per STALE fault at least"
! dmesg | grep -q "swapnet0: .*swapped-out pages are lost" ||
	lab_fail "the device went FAILED on STALE stretches each shorter than the major timeout"

# (f)
inject "jukebox 12 ioerr 3" 16
n=$(pxlog | grep -c "mode ioerr on" || true)
[ "$n" -ge 1 ] || lab_fail "the proxy never answered NFS3ERR_IO"
! dmesg | grep -q "swapnet0: lost " ||
	lab_fail "a request was lost to NFS3ERR_IO after an outage: $(dmesg | grep 'swapnet0: lost ' | head -n 3)"

set +e
wait $load
lrc=$?
set -e
cat /tmp/memload.out
[ $lrc = 0 ] || lab_fail "memload exited with status $lrc"
grep -q "result=PASS" /tmp/memload.out || lab_fail "memload did not verify"

# (g): the last 8 KiB of the device, where the workload's swap is not
lossoff=$(( $(cat /sys/block/swapnet0/size) * 512 - 8192 ))
ctl "lose $lossoff"
armed() { pxlog | grep -q "lose: armed at offset $lossoff"; }
lab_wait 20 armed || lab_fail "the proxy did not arm 'lose $lossoff'"
t0=$(lab_uptime)
if dd if=/dev/swapnet0 of=/dev/null bs=4k count=1 skip=$((lossoff / 4096)) iflag=direct 2>/tmp/lose.err; then
	lab_fail "a READ the server answers with NFS3ERR_IO succeeded"
fi
t1=$(lab_uptime)
ctl "lose off"
cat /tmp/lose.err
tries=$(pxlog | grep -c "lose: NFS3ERR_IO to READ .* at offset $lossoff" || true)
echo "swapnet-rpc-faults: lost READ failed after $((t1 - t0)) s, $tries NFS3ERR_IO replies"
[ "$tries" = 6 ] || lab_fail "the lost READ was sent $tries times, want 6 (5 retries)"
[ $((t1 - t0)) -le 30 ] || lab_fail "the lost READ took $((t1 - t0)) s to fail"
dmesg | grep "swapnet0: lost " || true
n=$(dmesg | grep -c "swapnet0: lost READ of 4096 bytes at offset $lossoff on .*: server I/O error: NFS3ERR_IO (nfsstat3 5)" || true)
[ "$n" = 1 ] || lab_fail "$n kernel lines naming the lost READ, want 1"
cat /sys/block/swapnet0/swapnet/lost
grep -q "^1 [0-9]*\.[0-9]\{9\} READ $lossoff 4096 5 server I/O error: NFS3ERR_IO\$" /sys/block/swapnet0/swapnet/lost ||
	lab_fail "sysfs lost does not name the lost READ"
[ "$(wc -l < /sys/block/swapnet0/swapnet/lost)" = 1 ] ||
	lab_fail "sysfs lost names $(wc -l < /sys/block/swapnet0/swapnet/lost) losses, want 1"
lab_state_is swapnet0 OK || lab_fail "a lost READ changed the device's state to $(lab_swapnet_state swapnet0)"
lost_event() { grep -q "^event .*swapnet0 LOST A REQUEST: READ of 4096 bytes at offset $lossoff: server I/O error: NFS3ERR_IO (nfsstat3 5)" /tmp/top.log; }
lab_wait 15 lost_event || lab_fail "no EVT_LOST event naming the lost READ: $(grep '^event' /tmp/top.log | tail -n 5)"
kill $top 2>/dev/null || true
wait $top 2>/dev/null || true
grep '^event' /tmp/top.log | tail -n 20 || true

pxlog | tail -n 40
pxlog | grep -q "swallowed xid=" || lab_fail "the proxy never swallowed a WRITE reply"
if pxlog | grep -q "reset: all [0-9]* xids came back"; then
	echo "swapnet-rpc-faults: $(pxlog | grep -o 'reset: all [0-9]* xids came back' | tail -n 1)"
else
	lab_fail "retransmissions after the reset did not keep their XIDs: $(pxlog | grep 'outstanding' | tail -n 1)"
fi
dmesg | grep 'swapnet0' | tail -n 20 || true
ok=$(dmesg | grep -c "swapnet0: server $SERVER_IP OK" || true)
[ "$ok" -ge 4 ] || lab_fail "only $ok 'OK' kernel lines, want one after each fault"
echo "stat: $(cat /sys/block/swapnet0/swapnet/stat)"
errors=$(lab_swapnet_stat swapnet0 errors)
echo "swapnet-rpc-faults: errors=$errors retries=$(lab_swapnet_stat swapnet0 retries)"
[ "$errors" = 1 ] || lab_fail "$errors requests failed, want 1 (the lost READ of (g))"
[ "$(lab_swapnet_stat swapnet0 state)" = 0 ] || lab_fail "the device is not OK at the end"
# A device in use as swap is never forced away: detach --force is refused.
if swapnetctl detach --force swapnet0 2> /tmp/force.err; then
	lab_fail "detach --force of an active swap device succeeded"
else
	grep -q "in use as swap" /tmp/force.err ||
		lab_fail "detach --force refused without the reason: $(cat /tmp/force.err)"
fi
[ -e /sys/block/swapnet0 ] || lab_fail "the swap device is gone after a refused detach --force"
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
umount /mnt/ctl || true
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

# Benchmark (make bench): is swapnetctl's vm.min_free_kbytes recommendation
# needed, and is it enough?  The pressure workload over /dev/swapnet0 at
# the module's defaults (memload -p 4 -r RATIO, default 2.5 x MemTotal: at
# 1.5 the kernel's default did not freeze on 6.1, run
# bench-reserve-20261202T155455Z) while the server floods the client
# (bench-reserve.server.sh): UDP, MTU-sized datagrams to a socket that
# never reads (8 MiB receive buffer), or TCP, CONNS connections (64) to a
# listener that accepts and never reads (each socket at tcp_rmem[1]; the
# sender writes to all of them as fast as it can).  The reserves, in one
# boot and in this order: the recommendation, half of it, the kernel's
# default (the run most likely to freeze comes last, so the others are
# recorded first).
# LAB_ARGS words (all optional): flood=udp|tcp, conns=N (tcp),
# reserves=LIST (comma-separated: recommended, half, default or a number
# of kB; never below the default), ratio=R, peer=swapnet|nbd|nfs (the
# swap device, default swapnet; lab_peer_on's nbd and nfs: the
# recommendation is still swapnet's, taken with swapnet0 attached, which
# is then detached: the other peers measured at the same reserve; the
# native NFS swapfile has no block device, so the watchdog counts
# pswpin + pswpout instead of the device's completed I/Os).  E.g.
#   LAB_ARGS='flood=tcp reserves=recommended,default' tests/lab/run ...
# Per run one "bench-reserve: run ..." line: result (memload's PASS/FAIL,
# or froze), lowest free pages against min (sampled every 100 ms; min as
# /proc/zoneinfo prints it, with watermark_boost, and without it),
# PFMemallocDrop and TCPMemoryPressures (6.1 and 6.12 have no
# TCPMemallocDrop counter), pgscan_direct_throttle, allocstall, pswpout,
# pswpin, OOM kills, the flood's drops (udp_rcvbuf_errors; TCP:
# TCPRcvQDrop and PruneCalled), the kernel log's "page allocation
# failure" reports and those of them in virtio_net's refill
# (try_fill_recv in the call trace; warn_alloc is rate-limited, so these
# undercount), all counted over the run.  The breakdown of the recommendation is printed as
# "bench-reserve: reserve ..." lines.
# A freeze is a RESULT: the watchdog (udpflood watch, locked in memory:
# a shell loop would freeze with the rest) sees no I/O complete on the
# swap device for $stall s while free is below min, dumps the blocked
# tasks (sysrq w, m), prints the run line with result=froze and ends the
# run itself with this scenario's status (0 unless an earlier run saw a
# data mismatch), the rest skipped.  The kernel's hung-task detector is
# off (its report would fail the run by console scan).  A data mismatch
# fails the run.
# lab-suite: bench
# lab-timeout: 1200
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-nbd-mb: 640
# lab-bins: tests/workloads/udpflood
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=bench-reserve
ratio=${RESERVE_RATIO:-2.5}
procs=4
stall=60
url=nfs://$SERVER_IP/export/swapfile
fail=0
kind=udp
peer=swapnet
reserves=recommended,half,default
for w in ${LAB_ARGS:-}; do
	case $w in
	flood=udp|flood=tcp) kind=${w#flood=} ;;
	conns=*) ;;	# the server's
	reserves=*) reserves=${w#reserves=} ;;
	ratio=*) ratio=${w#ratio=} ;;
	peer=swapnet|peer=nbd|peer=nfs) peer=${w#peer=} ;;
	*) echo "$me: unknown LAB_ARGS word '$w'"; exit 1 ;;
	esac
done

/usr/sbin/depmod -a
/usr/sbin/modprobe swapnet
echo 0 > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null
flood=$(find / -xdev -name udpflood -type f 2>/dev/null | head -n 1)
[ -n "$flood" ] || { echo "$me: no udpflood"; exit 1; }
if [ "$kind" = tcp ]; then
	"$flood" tcpsink 9999 0 2>&1 &
else
	echo 8388608 > /proc/sys/net/core/rmem_max
	"$flood" sink 9999 8388608 2>&1 &
fi
sink=$!

default=$(cat /proc/sys/vm/min_free_kbytes)
dev=$(swapnetctl swapon "$url" --mkswap) || { echo "$me: swapon failed"; exit 1; }
rec=$(swapnetctl reserve 2>/dev/null | awk '$1 == "recommended_kb" {print $2}')
swapnetctl reserve 2>&1 | sed "s/^/$me: reserve /"
# swapon may have applied the reserve already: start from the default.
echo "$default" > /proc/sys/vm/min_free_kbytes
[ -n "$rec" ] || { echo "$me: no recommendation"; swapnetctl reserve; exit 1; }
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio procs=$procs default_kb=$default recommended_kb=$rec" \
	"flood=$kind reserves=$reserves peer=$peer" \
	"queue_depth=$(cat /sys/block/swapnet0/swapnet/queue_depth 2>/dev/null)" \
	"read_depth=$(cat /sys/block/swapnet0/swapnet/read_depth 2>/dev/null)" \
	"nr_requests=$(cat /sys/block/swapnet0/queue/nr_requests)" \
	"max_request_bytes=$(cat /sys/block/swapnet0/swapnet/max_request_bytes 2>/dev/null)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

# The swap area under test: $swp (swapon/swapoff), $wdev (the watchdog's).
swp=$dev wdev=${dev#/dev/}
case $peer in
nbd|nfs)
	swapnetctl swapoff "$dev" || { echo "$me: swapoff failed"; exit 1; }
	[ "$peer" = nbd ] && /usr/sbin/modprobe nbd
	mkdir -p /mnt/nfs
	lab_peer_on "$peer" "$url" || { echo "$me: $peer: swapon failed"; exit 1; }
	if [ "$peer" = nbd ]; then swp=/dev/nbd0 wdev=nbd0
	else swp=/mnt/nfs/swapfile wdev=vmstat; fi
	echo "$me: peer $peer: $(tr '\n' ' ' < /proc/swaps)" ;;
esac
# the swap area: the one active (swapon -s lists one entry after the header)
[ "$(awk 'NR > 1' /proc/swaps | wc -l)" = 1 ] || { echo "$me: not one swap area:"; cat /proc/swaps; exit 1; }

vm() { awk -v k="$1" '$1 == k {v = $2} END {print v + 0}' /proc/vmstat; }
net() { # net PREFIX FIELD from /proc/net/netstat (0 if the kernel has none)
	awk -v p="$1:" -v f="$2" '$1 == p { if (!h) { for (i = 2; i <= NF; i++) n[$i] = i; h = 1 } else v = (f in n) ? $(n[f]) : 0 }
	     END {print v + 0}' /proc/net/netstat
}
udperr() { awk '$1 == "Udp:" && $2 ~ /^[0-9]/ {print $6}' /proc/net/snmp; }
# "page allocation failure" reports and virtio_net refill frames in them
allocfail() { dmesg | grep -c 'page allocation failure'; }
refillfail() { dmesg | grep -c 'try_fill_recv'; }

run=0
for which in $(echo "$reserves" | tr , ' '); do
	run=$((run + 1))
	case $which in
	recommended) kb=$rec ;;
	half) kb=$((rec / 2)) ;;
	default) kb=$default ;;
	*[!0-9]*|'') echo "$me: bad reserve '$which'"; exit 1 ;;
	*) kb=$which ;;
	esac
	[ "$kb" -lt "$default" ] && kb=$default
	echo "$kb" > /proc/sys/vm/min_free_kbytes
	swapoff "$swp" 2>/dev/null; swapon "$swp" || true
	sync; echo 3 > /proc/sys/vm/drop_caches
	b_pf=$(net TcpExt PFMemallocDrop); b_tm=$(net TcpExt TCPMemoryPressures)
	b_thr=$(vm pgscan_direct_throttle); b_as=$(vm allocstall_normal)
	b_ad=$(vm allocstall_dma32); b_out=$(vm pswpout); b_in=$(vm pswpin)
	b_oom=$(vm oom_kill); b_udp=$(udperr)
	b_rq=$(net TcpExt TCPRcvQDrop); b_pr=$(net TcpExt PruneCalled)
	b_af=$(allocfail); b_rf=$(refillfail)
	label="$me: run n=$run reserve=$which min_free_kbytes=$kb peer=$peer"
	lab_log "$me: run=$run reserve=$which min_free_kbytes=$kb"
	t0=$(date +%s)
	memload -p "$procs" -r "$ratio" -s "$run" -f 0.02 > /tmp/memload.out 2>&1 &
	ml=$!
	# On a freeze the watchdog prints the run line and ends the run.
	"$flood" watch "$wdev" "$stall" "$ml" "$fail" "$label" > /tmp/watch.out &
	wd=$!
	wait "$ml"; rc=$?
	wait "$wd"; wrc=$?
	t1=$(date +%s)
	cat /tmp/memload.out
	# "lowest_free_minus_min_pages=N lowest_free_minus_unboosted_min_pages=R"
	lo=$(grep '^lowest_free_minus_min_pages=' /tmp/watch.out)
	[ "$wrc" = 0 ] && [ -n "$lo" ] || { echo "$me: watchdog failed (status $wrc)"; lo=lowest_free_minus_min_pages=none; fail=1; }
	res=$(sed -n 's/^memload: result=\([A-Za-z]*\).*/\1/p' /tmp/memload.out)
	[ -n "$res" ] || res=none
	as=$(( $(vm allocstall_normal) - b_as + $(vm allocstall_dma32) - b_ad ))
	echo "$label result=$res status=$rc" \
		"seconds=$((t1 - t0)) $lo" \
		"pfmemalloc_drop=$(( $(net TcpExt PFMemallocDrop) - b_pf ))" \
		"tcp_memory_pressures=$(( $(net TcpExt TCPMemoryPressures) - b_tm ))" \
		"pgscan_direct_throttle=$(( $(vm pgscan_direct_throttle) - b_thr ))" \
		"allocstall=$as pswpout=$(( $(vm pswpout) - b_out ))" \
		"pswpin=$(( $(vm pswpin) - b_in ))" \
		"oom_kills=$(( $(vm oom_kill) - b_oom ))" \
		"udp_rcvbuf_errors=$(( $(udperr) - b_udp ))" \
		"tcp_rcvq_drops=$(( $(net TcpExt TCPRcvQDrop) - b_rq ))" \
		"prune_called=$(( $(net TcpExt PruneCalled) - b_pr ))" \
		"alloc_failures=$(( $(allocfail) - b_af ))" \
		"refill_failures=$(( $(refillfail) - b_rf ))" \
		"flood=$kind" \
		"kver=$(uname -r) date=$(date -u +%Y-%m-%dT%H:%MZ)"
	# 0 verified, 2 a worker died (OOM: recorded), froze: recorded;
	# a mismatch (1) fails the bench.
	[ "$rc" = 1 ] && fail=1
done
kill "$sink" 2>/dev/null
if [ "$peer" = swapnet ]; then
	swapnetctl swapoff "$dev" || { echo "$me: swapoff failed"; fail=1; }
else
	lab_peer_off "$peer" || { echo "$me: $peer: swapoff failed"; fail=1; }
fi
echo "$me: done fail=$fail"
exit $fail

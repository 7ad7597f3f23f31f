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
	*) lab_fail "unknown LAB_ARGS word '$w'"; lab_exit ;;
	esac
done

/usr/sbin/depmod -a
/usr/sbin/modprobe swapnet
echo 0 > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null
flood=$(find / -xdev -name udpflood -type f 2>/dev/null | head -n 1)
[ -n "$flood" ] || { lab_fail "no udpflood"; lab_exit; }
if [ "$kind" = tcp ]; then
	"$flood" tcpsink 9999 0 2>&1 &
else
	echo 8388608 > /proc/sys/net/core/rmem_max
	"$flood" sink 9999 8388608 2>&1 &
fi
sink=$!

default=$(cat /proc/sys/vm/min_free_kbytes)
dev=$(swapnetctl swapon "$url" --mkswap) || { lab_fail "swapon failed"; lab_exit; }
rec=$(swapnetctl reserve 2>/dev/null | awk '$1 == "recommended_kb" {print $2}')
swapnetctl reserve 2>&1 | sed "s/^/$me: reserve /"
# swapon may have applied the reserve already: start from the default.
echo "$default" > /proc/sys/vm/min_free_kbytes
[ -n "$rec" ] || { swapnetctl reserve; lab_fail "no recommendation"; lab_exit; }
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
	swapnetctl swapoff "$dev" || { lab_fail "swapoff failed"; lab_exit; }
	[ "$peer" = nbd ] && /usr/sbin/modprobe nbd
	mkdir -p /mnt/nfs
	lab_peer_on "$peer" "$url" || { lab_fail "$peer: swapon failed"; lab_exit; }
	if [ "$peer" = nbd ]; then swp=/dev/nbd0 wdev=nbd0
	else swp=/mnt/nfs/swapfile wdev=vmstat; fi
	echo "$me: peer $peer: $(tr '\n' ' ' < /proc/swaps)" ;;
esac
# the swap area: the one active (swapon -s lists one entry after the header)
[ "$(awk 'NR > 1' /proc/swaps | wc -l)" = 1 ] || { cat /proc/swaps; lab_fail "not one swap area"; lab_exit; }

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
	*[!0-9]*|'') lab_fail "bad reserve '$which'"; lab_exit ;;
	*) kb=$which ;;
	esac
	[ "$kb" -lt "$default" ] && kb=$default
	echo "$kb" > /proc/sys/vm/min_free_kbytes
	swapoff "$swp" 2>/dev/null; swapon "$swp" || true
	sync; echo 3 > /proc/sys/vm/drop_caches
	b_pf=$(lab_netstat TcpExt PFMemallocDrop); b_tm=$(lab_netstat TcpExt TCPMemoryPressures)
	b_thr=$(lab_vmstat pgscan_direct_throttle); b_as=$(lab_vmstat allocstall_normal)
	b_ad=$(lab_vmstat allocstall_dma32); b_out=$(lab_vmstat pswpout); b_in=$(lab_vmstat pswpin)
	b_oom=$(lab_vmstat oom_kill); b_udp=$(lab_netstat Udp RcvbufErrors)
	b_rq=$(lab_netstat TcpExt TCPRcvQDrop); b_pr=$(lab_netstat TcpExt PruneCalled)
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
	as=$(( $(lab_vmstat allocstall_normal) - b_as + $(lab_vmstat allocstall_dma32) - b_ad ))
	echo "$label result=$res status=$rc" \
		"seconds=$((t1 - t0)) $lo" \
		"pfmemalloc_drop=$(( $(lab_netstat TcpExt PFMemallocDrop) - b_pf ))" \
		"tcp_memory_pressures=$(( $(lab_netstat TcpExt TCPMemoryPressures) - b_tm ))" \
		"pgscan_direct_throttle=$(( $(lab_vmstat pgscan_direct_throttle) - b_thr ))" \
		"allocstall=$as pswpout=$(( $(lab_vmstat pswpout) - b_out ))" \
		"pswpin=$(( $(lab_vmstat pswpin) - b_in ))" \
		"oom_kills=$(( $(lab_vmstat oom_kill) - b_oom ))" \
		"udp_rcvbuf_errors=$(( $(lab_netstat Udp RcvbufErrors) - b_udp ))" \
		"tcp_rcvq_drops=$(( $(lab_netstat TcpExt TCPRcvQDrop) - b_rq ))" \
		"prune_called=$(( $(lab_netstat TcpExt PruneCalled) - b_pr ))" \
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
[ "$fail" = 0 ] || lab_fail "a run's data did not verify, or its watchdog or swapoff failed (above)"
lab_exit

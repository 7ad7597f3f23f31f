# Benchmark: what a swapping user feels (issues 13, 23).  Swap-in fault
# latency under a swap-out storm of the same rate for every peer, side by
# side in one boot: native NFSv3 swapfile (nfs, and nfs-nc2: nconnect=2),
# NBD (nbd-client -swap: nbd with the kernel's defaults, writeback
# throttling on; nbd-nowbt: wbt_lat_usec 0) and swapnet, each the only
# active swap area.  Three phases, each through lib.sh's round loop:
#  1. max: per peer, faultlat (tests/workloads/faultlat.c) with no probe:
#     the unloaded fault time first (label idle_PEER_rN: the probe alone,
#     no writers, faultlat -X: without pressure a page MADV_PAGEOUT wrote
#     stays in the swap cache, so the probe touches it once written and
#     pages it out again, which frees a clean swap-cache page at once; the
#     probe's set starts with no page resident nor in the swap cache, and
#     the pages a fault reads ahead go out the same way; every idle round
#     must time faults, each with pswpin moving during it: real=faults,
#     a device read, else the round fails), then 2 writers cycling
#     through RATIO x MemTotal as fast as they can for MAXSECS (label
#     max_PEER_rN): the peer's maximum writer pages/s, without the probe.
#  2. paced, per level L (a fraction of the slowest peer's maximum): the
#     writers paced at L x that rate (open loop, the same load for every
#     peer) while the probe touches RATE pages/s of its own swapped-out
#     pages, each fault timed from the touch and from its due time (the
#     schedule-corrected figure); ROUNDS rounds per peer, in the order
#     PEERS, then reversed, ... (label pLL_PEER_rN, LL = L x 100).
# Every page is verified.  Each faultlat prints "bench-latency: run ...":
# p50/p95/p99/worst 1 % per fault and corrected, the breakdown of the
# slow faults (the worst 1 %: slow_*, beside every fault's all_*): the
# probe thread's run-queue wait (schedstat) and CPU time, the rest of the
# wall time asleep (device, locks, reclaim throttling), and the
# system-wide direct reclaim counters during each (allocstall_*,
# pgscan_direct, pgscan_direct_throttle, nr_throttled_written), writer
# pages/s against the pace, and the deltas of the device's requests and sectors (-b; NFS:
# its READ/WRITE calls), eth0's bytes and packets, ctxt, thp_swpout and
# fallbacks; it marks the start and end of its measured interval on the
# control port, so the run's result has the host CPU seconds of both
# QEMU guests per round (host_cpu_s mark=LABEL.t0/.t1).  "bench-latency:
# queue ..." records each round's scheduler, wbt_lat_usec, nr_requests
# (and swapnet's queue_depth).  tests/lab/bench-latency.py turns the
# results of one or more boots into the comparison (medians, bootstrap
# intervals, per-page measures); tests/lab/bench-report.sh calls it.
# A data mismatch fails the run; OOM kills are recorded, not fatal, and
# so is an nfs or nbd peer that stalls while the guest still runs (below).
# LAB_ARGS: words KEY=VALUE (peers=a,b,c secs=S maxsecs=S idlesecs=S
# levels=0.5,0.8 rounds=N rate=R), bare peer names (lab_peer_on's, e.g.
# swapnet-q16 swapnet-r256 swapnet-dl) replace the peer list, and
# "short" is the smoke test: peers nbd,swapnet, 1 round at level 0.5,
# 15 s rounds (the smoke of 2026-12-07 on 6.1 with nbd-nowbt and
# swapnet: 142 s with the boot; a max round took ~25 s, a paced round
# ~30 s in all).  The defaults (5 peers, 2 levels, 3 rounds: 35 rounds
# of 20-30 s) take an estimated 25-30 min under TCG (not yet measured):
# give LAB_TIMEOUT for more.
# lab-suite: bench
# lab-page-cluster: default
# lab-timeout: 3600
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-nbd-mb: 640
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=bench-latency
ratio=1.1
secs=30
maxsecs=20
idlesecs=10
rate=50
levels=0.5,0.8
rounds=3
peers='nbd nbd-nowbt nfs nfs-nc2 swapnet'
mode=full
bare=''
url=nfs://$SERVER_IP/export/swapfile

# number WORD VALUE: VALUE is a whole number >= 1, or a failed run.
number() {
	case $2 in ''|*[!0-9]*|0) lab_fail "LAB_ARGS: $1 wants a whole number >= 1, got '$2'"; lab_exit ;; esac
}
for w in ${LAB_ARGS:-}; do
	case $w in
	short) mode=short secs=15 maxsecs=10 idlesecs=5 levels=0.5 rounds=1 peers='nbd swapnet' ;;
	peers=*) peers=$(echo "${w#peers=}" | tr , ' ') ;;
	secs=*) secs=${w#*=}; number secs "$secs" ;;
	maxsecs=*) maxsecs=${w#*=}; number maxsecs "$maxsecs" ;;
	idlesecs=*) idlesecs=${w#*=}; number idlesecs "$idlesecs" ;;
	rate=*) rate=${w#*=}; number rate "$rate" ;;
	rounds=*) rounds=${w#*=}; number rounds "$rounds" ;;
	levels=*)
		levels=${w#levels=}
		for l in $(echo "$levels" | tr , ' '); do
			case $l in 0.[0-9]|0.[0-9][0-9]|1|1.0) ;; *) lab_fail "LAB_ARGS: a level is a fraction 0.01..1 (two decimals), got '$l'"; lab_exit ;; esac
		done ;;
	*=*) lab_fail "LAB_ARGS: unknown setting '$w'"; lab_exit ;;
	*) bare="$bare $w" ;;
	esac
done
[ -n "$bare" ] && peers=${bare# }

lab_peers_setup
memtotal=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)
wmib=$(awk -v m="$memtotal" -v r="$ratio" 'BEGIN{print int(m * r / 2)}')
echo "$me: setup memtotal_mib=$memtotal ratio=$ratio procs=2 writer_mib=$wmib" \
	"probe_mib=8 rate=$rate secs=$secs maxsecs=$maxsecs idlesecs=$idlesecs" \
	"levels=$levels rounds=$rounds mode=$mode peers=$(echo "$peers" | tr ' ' ,)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r) boot=$(cat /proc/sys/kernel/random/boot_id)"

# queue PEER: "bench-latency: queue ..." with the block queue's settings
# (none for the NFS swapfile: no block device); the device's name for -b
# in $dev.
queue() {
	local q
	case $1 in
	nfs*) dev=nfs; echo "$me: queue peer=$1 label=$2 dev=nfs scheduler=none wbt_lat_usec=none nr_requests=none"; return ;;
	nbd*) dev=nbd0 ;;
	swapnet*) dev=${LAB_PEER_DEV##*/} ;;
	esac
	q=/sys/block/$dev/queue
	echo "$me: queue peer=$1 label=$2 dev=$dev scheduler=$(sed 's/.*\[\(.*\)\].*/\1/' "$q/scheduler")" \
		"wbt_lat_usec=$(cat "$q/wbt_lat_usec" 2>/dev/null || echo none) nr_requests=$(cat "$q/nr_requests")" \
		"queue_depth=$(case $1 in swapnet*) lab_swapnet_attr "$dev" queue_depth ;; *) echo none ;; esac)"
}

# A faultlat without a result after its length + 150 s is a wedged peer:
# a RESULT for the kernel's own peers, a failure for swapnet.  Native NFS
# swap wedged in 3 of 7 runs with it on 2026-12-02 (6.1 and 6.12): a
# GFP_ATOMIC receive-refill failure in virtio_net, then "server not
# responding" with an idle server.  Such a wedge usually takes the whole
# guest: `timeout` itself then waits in D state and the lab's timeout
# ends the run (what the rounds before printed stays on the console);
# this path only catches a peer that stalls while the guest still runs.
# The hung-task detector is off so that a peer's wedge is not a console
# failure; the lab timeout still fails the run.
echo 0 > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null
# fl PEER ROUND LABEL SECS FAULTLAT-ARGS...: one faultlat through PEER,
# its lines relabelled; 1 if it wedged.
fl() {
	local p="$1" n="$2" label="$3" s="$4" rc
	shift 4
	lab_log "$me: round $n: $p: $label"
	queue "$p" "$label"
	timeout -s KILL $((s + 150)) faultlat -d "$s" -s "$n" -b "$dev" -i eth0 -L "$label" -H /dev/ttyS1 "$@" > /tmp/faultlat.out 2>&1
	rc=$?
	if [ "$rc" = 137 ] && ! grep -q '^faultlat: result=' /tmp/faultlat.out; then
		# wedged: no result.  Kill the writers too; a swap-in waits
		# killably (NFS direct I/O, blk-mq), so the memory comes back
		# and the peer may recover for swapoff.
		cat /tmp/faultlat.out
		pkill -KILL faultlat 2>/dev/null
		echo "$me: run peer=$p round=$n status=wedged result=WEDGED label=$label" \
			"wedge_s=$((s + 150)) pswpin=$(lab_vmstat pswpin) pswpout=$(lab_vmstat pswpout)"
		case $p in nfs*|nbd*) ;; *) lab_fail "round $n: $p: $label wedged" ;; esac
		return 1
	fi
	lab_bench_result "$me" "$p" "$n" "$rc" /tmp/faultlat.out
}

# Phase 1: the unloaded fault time, then the maximum writer pages/s.
max_round() {
	fl "$1" "$2" "idle_$1_r$2" "$idlesecs" -p 0 -m 8 -R "$rate" -X || return 1
	# alone, each timed fault must have read the device (pswpin moved);
	# the NFS swapfile counts pswpin after it unlocks the pages (6.1's
	# sio_read_complete), so a fault may return first: a note there
	awk -v p="$1" '/^faultlat: result=PASS/ {
		for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		if (v["faults"] < 1) { print "idle: " p ": no fault timed"; exit 1 }
		if (v["real"] != v["faults"]) {
			print "idle: " p ": " v["real"] " of " v["faults"] " timed faults read the device"
			exit p ~ /^nfs/ ? 0 : 1
		}
	}' /tmp/faultlat.out > /tmp/bench-idle || lab_fail "round $2: $(cat /tmp/bench-idle)"
	[ -s /tmp/bench-idle ] && echo "$me: note round=$2 peer=$1 $(cat /tmp/bench-idle)"
	fl "$1" "$2" "max_$1_r$2" "$maxsecs" -p 2 -w "$wmib" -R 0 || return 1
	sed -n "s/^faultlat: result=PASS .* writer_pps=\([0-9]*\) .*/$1 \1/p" /tmp/faultlat.out >> /tmp/bench-max
}
: > /tmp/bench-max
# shellcheck disable=SC2086 # the peers are a list of words
lab_bench_rounds "$me" "$url" max_round $peers || lab_exit
# the slowest peer's maximum (a peer without one: wedged or failed, left out)
slowest=$(sort -k2,2n /tmp/bench-max | head -n 1)
if [ -z "$slowest" ]; then
	lab_fail "no peer measured a maximum: nothing to pace at"
	lab_exit
fi
maxpps=${slowest#* }
echo "$me: max slowest=${slowest% *} writer_pps=$maxpps all=$(awk '{printf "%s%s:%s", (NR > 1 ? "," : ""), $1, $2}' /tmp/bench-max)"

# Phase 2: per level, the paced storm with the probe.
paced_round() {
	fl "$1" "$2" "p${pct}_$1_r$2" "$secs" -p 2 -w "$wmib" -m 8 -R "$rate" -P "$pps"
}
order=''
i=0
while [ $i -lt "$rounds" ]; do
	if [ $((i % 2)) = 0 ]; then
		order="$order $peers"
	else
		order="$order $(echo "$peers" | awk '{for (i = NF; i > 0; i--) printf "%s ", $i}')"
	fi
	i=$((i + 1))
done
for lvl in $(echo "$levels" | tr , ' '); do
	pct=$(awk -v l="$lvl" 'BEGIN {printf "%02d", l * 100 + 0.5}')
	pps=$(awk -v l="$lvl" -v m="$maxpps" 'BEGIN {printf "%d", l * m + 0.5}')
	[ "$pps" -ge 1 ] || { lab_fail "level $lvl of $maxpps pages/s is below 1 page/s"; continue; }
	echo "$me: level level=$lvl pct=$pct pace_pps=$pps of_max_pps=$maxpps"
	# shellcheck disable=SC2086 # the order is a list of words
	lab_bench_rounds "$me" "$url" paced_round $order || lab_exit
done

rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

# Benchmark: what a swapping user feels (issue 13).  Swap-in fault latency
# under a swap-out storm, per peer, side by side in one boot: native NFSv3
# swapfile (nfs), NBD (nbd-client -swap) and swapnet, each the only active
# swap area, plus two variants of swapnet that keep its defaults honest:
# swapnet-q16 (queue depth 16, the default before 0.2; 4 was chosen by
# this bench) and swapnet-r256 (256 KiB requests, the default before
# 128 KiB was chosen by this bench), order nbd swapnet swapnet-q16
# swapnet-r256 nfs nfs swapnet-r256 swapnet-q16 swapnet nbd: a palindrome
# (every peer's mean position the same, against the drift within a boot)
# with native NFS in the middle, so that when it wedges the guest (below)
# the rounds before it are on the console.  Per round, faultlat
# (tests/workloads/faultlat.c) runs 2 writers cycling through RATIO x
# MemTotal in total (every page verified, then rewritten) while its probe
# keeps 8 MiB of its own pages paged out (MADV_PAGEOUT) and touches one
# at a fixed rate, timing every major fault and verifying every page.
# Each round prints "bench-latency: run ..." (p50/p99/max us, swap pages/s,
# guest CPU us per page moved) and "bench-latency: cdf ..." (the latency
# CDF); tests/lab/bench-report.sh prints the table, the ratios and a plot.
# A data mismatch fails the run; OOM kills are recorded, not fatal, and
# so is an nfs or nbd peer that stalls while the guest still runs (below).
# 10 rounds take 7-12 min under TCG (~50-75 s each); a peer that wedges
# the whole guest runs into the lab's timeout (20 min).
# LAB_ARGS='PEER...' replaces the order (lab_peer_on's peers, e.g.
# swapnet-q8 swapnet-r64 swapnet-dl: other queue depths, request sizes
# in KiB and the mq-deadline scheduler); give a longer LAB_TIMEOUT for
# more than 10 rounds.
# lab-suite: bench
# lab-page-cluster: default
# lab-timeout: 1200
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
rate=50
order=${LAB_ARGS:-nbd swapnet swapnet-q16 swapnet-r256 nfs nfs swapnet-r256 swapnet-q16 swapnet nbd}
url=nfs://$SERVER_IP/export/swapfile

lab_peers_setup
memtotal=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)
wmib=$(awk -v m="$memtotal" -v r="$ratio" 'BEGIN{print int(m * r / 2)}')
echo "$me: setup memtotal_mib=$memtotal ratio=$ratio procs=2 writer_mib=$wmib" \
	"probe_mib=8 rate=$rate secs=$secs order=$(echo "$order" | tr ' ' ,)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

# sched PEER: the block device's I/O scheduler (none for the NFS swapfile).
sched() {
	case $1 in
	nbd) sed 's/.*\[\(.*\)\].*/\1/' /sys/block/nbd0/queue/scheduler ;;
	swapnet*) echo "$(sed 's/.*\[\(.*\)\].*/\1/' "/sys/block/${LAB_PEER_DEV##*/}/queue/scheduler")" \
		"queue_depth $(lab_swapnet_attr "$LAB_PEER_DEV" queue_depth)" ;;
	*) echo none ;;
	esac
}

# A round without a result after wedge_s is a wedged peer: a RESULT for
# the kernel's own peers, a failure for swapnet.  Native NFS swap wedged
# in 3 of 7 runs with it on 2026-12-02 (6.1 and 6.12): a GFP_ATOMIC
# receive-refill failure in virtio_net, then "server not responding"
# with an idle server.  Such a wedge usually takes the whole guest:
# `timeout` itself then waits in D state and the lab's timeout ends the
# run (what the rounds before printed stays on the console); this path
# only catches a peer that stalls while the guest still runs.  The
# hung-task detector is off so that a peer's wedge is not a console
# failure; the lab timeout still fails the run.
wedge_s=$((secs + 150))
echo 0 > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null
# latency_round PEER ROUND: faultlat through PEER; 1 if it wedged.
latency_round() {
	lab_log "$me: round $2: $1: scheduler $(sched "$1")"
	timeout -s KILL "$wedge_s" faultlat -p 2 -w "$wmib" -m 8 -R "$rate" -d "$secs" -s "$2" > /tmp/faultlat.out 2>&1
	rc=$?
	if [ "$rc" = 137 ] && ! grep -q '^faultlat: result=' /tmp/faultlat.out; then
		# wedged: no result after wedge_s.  Kill the writers too; a
		# swap-in waits killably (NFS direct I/O, blk-mq), so the
		# memory comes back and the peer may recover for swapoff.
		cat /tmp/faultlat.out
		pkill -KILL faultlat 2>/dev/null
		echo "$me: run peer=$1 round=$2 status=wedged result=WEDGED" \
			"wedge_s=$wedge_s pswpin=$(lab_vmstat pswpin) pswpout=$(lab_vmstat pswpout)"
		case $1 in nfs|nbd) ;; *) lab_fail "round $2: $1 wedged" ;; esac
		return 1
	fi
	lab_bench_result "$me" "$1" "$2" "$rc" /tmp/faultlat.out
}
# shellcheck disable=SC2086 # the order is a list of words
lab_bench_rounds "$me" "$url" latency_round $order || lab_exit

rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

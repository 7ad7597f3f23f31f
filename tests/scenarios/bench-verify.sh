# Benchmark (make bench): what verified swap-in costs in CPU (issue 22:
# "CPU per page within 5 % of verify=off").  The same verifying memload
# (2 processes, 1.1 x MemTotal in total, write + verify linear + verify
# a random quarter: bench-swap's workload, a little smaller) swaps through /dev/swapnet0
# attached with verification (swapnet, the default) and without it
# (swapnet-nv: swapnetctl swapon --no-verify), a fresh device per round,
# in the order on off off on so that warm-up and drift favour neither.
# Per round memload's line as "bench-verify: run peer=swapnet|swapnet-nv
# ..." (lab_bench_result) and one "bench-verify: cpu ..." line: pages
# swapped (pswpout + pswpin), the client's busy CPU time from /proc/stat
# (user+nice+system+irq+softirq of all CPUs, no idle/iowait/steal) and
# its kernel part (system+irq+softirq), each per page swapped, and the
# device's verify flag and counters.  Then "bench-verify: ratio ...":
# CPU per page on/off, summed over each setting's rounds, and whether it
# is within 5 %.  A data mismatch, a verify error or a round on the wrong
# setting fails the run; the ratio is recorded, not asserted.
# lab-suite: bench
# lab-timeout: 1500
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me="$LAB_SCENARIO"
ratio=1.1
frac=0.25
order="swapnet swapnet-nv swapnet-nv swapnet"
url=nfs://$SERVER_IP/export/swapfile
hz=100	# USER_HZ, the unit of /proc/stat, on x86

# busy and kernel CPU jiffies of all CPUs (the "cpu" line of /proc/stat)
busy() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
kern() { awk '$1 == "cpu" { print $4 + $7 + $8; exit }' /proc/stat; }
per_page() { awk -v c="$1" -v p="$2" -v hz=$hz 'BEGIN { printf "%.1f", p > 0 ? c * 1e6 / hz / p : 0 }'; }

lab_peers_setup
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio random_fraction=$frac procs=2 order=$(echo "$order" | tr ' ' ,)" \
	"cpus=$(grep -c '^processor' /proc/cpuinfo) hz=$hz" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

# cpu_round PEER ROUND: memload through PEER, CPU and pages around it
cpu_round() {
	local v want got o0 i0 c0 k0 t0 c1 k1 t1 pages rc verr
	case $1 in swapnet) v=on; want=1 ;; *) v=off; want=0 ;; esac
	got=$(lab_swapnet_attr "$LAB_PEER_DEV" verify)
	[ "$got" = "$want" ] || lab_fail "round $2: $1: sysfs verify is $got, want $want"
	sync; echo 3 > /proc/sys/vm/drop_caches
	o0=$(lab_vmstat pswpout); i0=$(lab_vmstat pswpin)
	c0=$(busy); k0=$(kern); t0=$(lab_uptime_cs)
	memload -p 2 -r "$ratio" -f "$frac" -s "$2" > /tmp/memload.out 2>&1
	rc=$?
	c1=$(busy); k1=$(kern); t1=$(lab_uptime_cs)
	pages=$(($(lab_vmstat pswpout) - o0 + $(lab_vmstat pswpin) - i0))
	lab_bench_result "$me" "$1" "$2" $rc /tmp/memload.out
	verr=$(lab_swapnet_stat "$LAB_PEER_DEV" verify_errors)
	[ "$verr" = 0 ] || lab_fail "round $2: $1: verify_errors $verr"
	echo "$me: cpu verify=$v round=$2 status=$rc pages=$pages" \
		"elapsed_cs=$((t1 - t0)) cpu_jiffies=$((c1 - c0)) kernel_jiffies=$((k1 - k0))" \
		"cpu_us_per_page=$(per_page $((c1 - c0)) "$pages")" \
		"kernel_us_per_page=$(per_page $((k1 - k0)) "$pages") verify=$got verify_errors=$verr"
	echo "$v $pages $((c1 - c0)) $((k1 - k0)) $rc" >> /tmp/rounds
	return 0
}
: > /tmp/rounds
# shellcheck disable=SC2086 # the order is a list of words
lab_bench_rounds "$me" "$url" cpu_round $order || lab_exit

# CPU per page summed over each setting's rounds that verified (status 0)
awk -v me="$me" -v hz="$hz" '
	$5 == 0 { p[$1] += $2; c[$1] += $3; k[$1] += $4; n[$1]++ }
	END {
		if (!(n["on"] && n["off"] && p["on"] && p["off"])) {
			print me ": ratio none (a setting has no complete round)"
		} else {
			con = c["on"] / p["on"]; coff = c["off"] / p["off"]
			kon = k["on"] / p["on"]; koff = k["off"] / p["off"]
			r = con / coff
			printf "%s: ratio rounds_on=%d rounds_off=%d cpu_us_per_page_on=%.1f cpu_us_per_page_off=%.1f cpu_per_page_on_off=%.3f kernel_us_per_page_on=%.1f kernel_us_per_page_off=%.1f kernel_per_page_on_off=%.3f within_5pct=%s\n",
				me, n["on"], n["off"], con * 1e6 / hz, coff * 1e6 / hz, r,
				kon * 1e6 / hz, koff * 1e6 / hz, kon / koff, (r <= 1.05 ? "yes" : "no")
		}
	}' /tmp/rounds

rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

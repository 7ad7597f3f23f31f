# Benchmark (make bench): what verified swap-in costs in CPU (issue 22:
# "CPU per page within 5 % of verify=off").  The same verifying memload
# (2 processes, 1.1 x MemTotal in total, write + verify every page
# linearly + verify a random quarter: bench-swap's workload, a little
# smaller) swaps through /dev/swapnet0 attached with verification
# (swapnet, the default) and without it (swapnet-nv: swapnetctl swapon
# --no-verify), a fresh device per round, ROUNDS pairs in one boot in the
# order on off, off on, on off, ... so that warm-up and drift favour
# neither setting.  memload checks every word of every page it wrote in
# both settings: a round that hands back a wrong page fails the run.
# Per round memload's line as "bench-verify: run peer=swapnet|swapnet-nv
# ..." (lab_bench_result), a host CPU mark before and after the workload
# (lab_host_cpu bench-verify.rN.t0/.t1: both QEMU guests' host CPU
# seconds; under TCG the guest's /proc/stat counts time its vCPU thread
# waited for the host as busy, so the host figure is the sturdier one)
# and one "bench-verify: cpu ..." line: pages swapped (pswpout +
# pswpin), the client's busy CPU from /proc/stat (user+nice+system+irq+
# softirq of all CPUs) and its kernel part (system+irq+softirq), each
# per page swapped, the device's verify flag and counters.  Then
# "bench-verify: ratio ...": the guest CPU per page on/off of each pair of
# rounds, their median and range, and the ratio of the sums.
# tests/lab/bench-report.sh prints the same with the host CPU ("verify
# cost") and, from tests/lab/bench-verify.py, per kernel the median ratio
# over the pairs of every boot given with its 95 % bootstrap interval and
# the verdict on 1.05 ("bench: verify ...").  A data mismatch, a verify
# error or re-read, a round on the wrong setting fails the run; the ratio
# is recorded, not asserted.
# The client runs QEMU's -cpu max without SSE4.2 (lab-cpu), so that the
# guest kernel's crc32c is the table-driven software one: under TCG the
# crc32 instruction (crc32c-intel) is emulated one bit at a time, 30-82
# us of host CPU per 4 KiB page where it takes under 1 us natively, and
# would over-weight the checksum against the rest of the swap path
# (translated code).  A software crc32c is slower natively than the
# instruction, so the ratio measured so is an upper bound for hardware
# with SSE4.2.  The run proves which crc32c ran and fails before the
# first round otherwise: no sse4_2 in /proc/cpuinfo, and on 6.1/6.12
# (lib/libcrc32c.c: the crypto API's highest-priority "crc32c") the
# driver crc32c-generic (lib/crc32.c, slice-by-8) and no crc32c-intel;
# on 7.x (lib/crc32: crc32c_arch() takes crc32c_base(), a byte table,
# when the CPU lacks X86_FEATURE_XMM4_2) /proc/crypto's crc32c-lib.
# LAB_ARGS: pairs=N (default 3; a round takes 40-120 s under TCG, so
# pairs=6 wants LAB_TIMEOUT=3000).  Measured 2026-12-07: see
# tests/lab/reports/verify-cost-2026-12-07.md.
# lab-suite: bench
# lab-cpu: max,-sse4.2
# lab-page-cluster: default
# lab-timeout: 1200
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me="$LAB_SCENARIO"
ratio=1.1
frac=0.25
pairs=3
for a in ${LAB_ARGS:-}; do
	case $a in
	pairs=[1-9]|pairs=[1-9][0-9]) pairs=${a#pairs=} ;;
	*) lab_fail "unknown LAB_ARGS word '$a' (pairs=N)"; lab_exit ;;
	esac
done
order=''
i=0
while [ $i -lt "$pairs" ]; do
	if [ $((i % 2)) = 0 ]; then
		order="$order swapnet swapnet-nv"
	else
		order="$order swapnet-nv swapnet"
	fi
	i=$((i + 1))
done
order=${order# }
url=nfs://$SERVER_IP/export/swapfile
hz=100	# USER_HZ, the unit of /proc/stat, on x86

# busy and kernel CPU jiffies of all CPUs (the "cpu" line of /proc/stat)
busy() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
kern() { awk '$1 == "cpu" { print $4 + $7 + $8; exit }' /proc/stat; }
per_page() { awk -v c="$1" -v p="$2" -v hz=$hz 'BEGIN { printf "%.1f", (p > 0 ? c * 1e6 / hz / p : 0) }'; }

lab_peers_setup
# the crc32c the module's library calls: the highest-priority driver
crc=$(awk '/^name/ { n = $3 } /^driver/ { d = $3 } /^priority/ && n == "crc32c" && $3 > best { best = $3; drv = d }
	END { print drv == "" ? "none" : drv }' /proc/crypto)
# which software crc32c the module's crc32c() runs, or fail now
sse=$(grep -qw sse4_2 /proc/cpuinfo && echo yes || echo no)
[ "$sse" = no ] || { lab_fail "sse4_2 in /proc/cpuinfo: crc32c would be the crc32 instruction (lab-cpu?)"; lab_exit; }
case $crc in
crc32c-generic) impl=crc32c-generic ;;	# 6.1, 6.12: crypto API, slice-by-8
crc32c-lib) impl=crc32c_base ;;	# 7.x: lib/crc32 without XMM4_2
*) lab_fail "the highest-priority crc32c is '$crc', not a software one"; lab_exit ;;
esac
if grep -q '^driver *: crc32c-intel' /proc/crypto; then
	lab_fail "crc32c-intel is registered (sse4_2 hidden, yet the instruction is in use?)"
	lab_exit
fi
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio random_fraction=$frac procs=2 order=$(echo "$order" | tr ' ' ,)" \
	"cpus=$(grep -c '^processor' /proc/cpuinfo) hz=$hz crc32c=$crc crc32c_impl=$impl" \
	"sse4_2=$sse" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

# cpu_round PEER ROUND: memload through PEER, CPU and pages around it
cpu_round() {
	local v want got o0 i0 c0 k0 t0 c1 k1 t1 pages rc verr vrr kib
	case $1 in swapnet) v=on; want=1 ;; *) v=off; want=0 ;; esac
	got=$(lab_swapnet_attr "$LAB_PEER_DEV" verify)
	[ "$got" = "$want" ] || lab_fail "round $2: $1: sysfs verify is $got, want $want"
	# the checksum table verify=on allocates: 4 bytes per 4 KiB block
	# (8 sectors), in KiB: sectors / 8 * 4 / 1024 = sectors / 2048
	kib=$(( $(cat "/sys/block/${LAB_PEER_DEV#/dev/}/size") * want / 2048 ))
	sync; echo 3 > /proc/sys/vm/drop_caches
	o0=$(lab_vmstat pswpout); i0=$(lab_vmstat pswpin)
	lab_host_cpu "$me.r$2.t0"
	c0=$(busy); k0=$(kern); t0=$(lab_uptime_cs)
	memload -p 2 -r "$ratio" -f "$frac" -s "$2" > /tmp/memload.out 2>&1
	rc=$?
	c1=$(busy); k1=$(kern); t1=$(lab_uptime_cs)
	lab_host_cpu "$me.r$2.t1"
	pages=$(($(lab_vmstat pswpout) - o0 + $(lab_vmstat pswpin) - i0))
	lab_bench_result "$me" "$1" "$2" $rc /tmp/memload.out
	verr=$(lab_swapnet_stat "$LAB_PEER_DEV" verify_errors)
	vrr=$(lab_swapnet_stat "$LAB_PEER_DEV" verify_rereads)
	[ "$verr" = 0 ] || lab_fail "round $2: $1: verify_errors $verr"
	[ "$vrr" = 0 ] || lab_fail "round $2: $1: verify_rereads $vrr"
	[ "$pages" -gt 0 ] || lab_fail "round $2: $1: no page swapped"
	echo "$me: cpu verify=$v round=$2 status=$rc pages=$pages" \
		"elapsed_cs=$((t1 - t0)) cpu_jiffies=$((c1 - c0)) kernel_jiffies=$((k1 - k0))" \
		"cpu_us_per_page=$(per_page $((c1 - c0)) "$pages")" \
		"kernel_us_per_page=$(per_page $((k1 - k0)) "$pages")" \
		"mark=$me.r$2 sysfs_verify=$got table_kib=$kib verify_errors=$verr verify_rereads=$vrr"
	echo "$2 $v $pages $((c1 - c0)) $((k1 - k0)) $rc" >> /tmp/rounds
	return 0
}
: > /tmp/rounds
# shellcheck disable=SC2086 # the order is a list of words
lab_bench_rounds "$me" "$url" cpu_round $order || lab_exit

# Guest CPU per page on/off per pair of rounds (1-2, 3-4, ...) whose
# rounds both verified (status 0), their median and range; and over the
# sums of each setting's verified rounds.
sort -n /tmp/rounds | awk -v me="$me" -v hz="$hz" -v crc="$crc" -v impl="$impl" -v sse="$sse" '
	$6 == 0 { pr = int(($1 + 1) / 2); p[pr, $2] = $3; c[pr, $2] = $4
		P[$2] += $3; C[$2] += $4; K[$2] += $5; n[$2]++; if (pr > np) np = pr }
	END {
		m = 0; list = ""
		for (i = 1; i <= np; i++)
			if (p[i, "on"] > 0 && p[i, "off"] > 0 && c[i, "off"] > 0) {
				r[++m] = (c[i, "on"] / p[i, "on"]) / (c[i, "off"] / p[i, "off"])
				list = list (list == "" ? "" : ",") sprintf("%.3f", r[m])
			}
		if (m == 0 || !P["on"] || !P["off"] || !C["off"] || !K["off"]) {
			print me ": ratio none (no pair of rounds verified in both settings)"
			exit
		}
		for (i = 2; i <= m; i++)	# insertion sort
			for (j = i; j > 1 && r[j - 1] > r[j]; j--) { t = r[j]; r[j] = r[j - 1]; r[j - 1] = t }
		med = (m % 2) ? r[(m + 1) / 2] : (r[m / 2] + r[m / 2 + 1]) / 2
		con = C["on"] / P["on"]; coff = C["off"] / P["off"]
		printf "%s: ratio pairs=%d cpu_per_page_on_off_pairs=%s cpu_per_page_on_off_median=%.3f min=%.3f max=%.3f", me, m, list, med, r[1], r[m]
		printf " rounds_on=%d rounds_off=%d cpu_us_per_page_on=%.1f cpu_us_per_page_off=%.1f cpu_per_page_on_off_sum=%.3f kernel_per_page_on_off_sum=%.3f",
			n["on"], n["off"], con * 1e6 / hz, coff * 1e6 / hz, con / coff, (K["on"] / P["on"]) / (K["off"] / P["off"])
		printf " crc32c=%s crc32c_impl=%s sse4_2=%s\n", crc, impl, sse
	}'

rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

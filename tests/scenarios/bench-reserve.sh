# Benchmark (make bench): is swapnetctl's vm.min_free_kbytes recommendation
# needed, and is it enough?  The pressure workload over /dev/swapnet0 while
# the server floods the client with MTU-sized UDP datagrams to a socket
# that never reads (8 MiB receive buffer; bench-reserve.server.sh), at
# three reserves in one boot: the recommendation, half of it, the kernel's
# default (in that order: the run most likely to freeze comes last, so the
# others are recorded if the outer timeout has to end it).
# Per run one "bench-reserve: run ..." line: lowest free pages against min
# (sampled from /proc/zoneinfo every second), PFMemallocDrop and
# TCPMemoryPressures (6.1 and 6.12 have no TCPMemallocDrop counter),
# pgscan_direct_throttle, allocstall, pswpout, OOM kills,
# hung tasks, completion and verification.  A freeze is a RESULT: the
# in-guest watchdog (no pswpout/pswpin progress for $stall s, free below
# min, while memload runs)
# records result=froze and ends the workload; the kernel's hung-task
# detector is off (its report would fail the run by console scan) and its
# blocked tasks are counted from our own sysrq-w instead.  A data mismatch
# fails the run.
# lab-suite: bench
# lab-timeout: 1200
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-bins: tests/workloads/udpflood
. /lab/lib.sh
set -u
me=bench-reserve
ratio=${RESERVE_RATIO:-1.5}
procs=4
stall=60
url=nfs://$SERVER_IP/export/swapfile
fail=0

/usr/sbin/depmod -a
/usr/sbin/modprobe sunrpc
echo 16 > /sys/module/sunrpc/parameters/tcp_slot_table_entries
/usr/sbin/modprobe swapnet
echo 0 > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null
flood=$(find / -xdev -name udpflood -type f 2>/dev/null | head -n 1)
[ -n "$flood" ] || { echo "$me: no udpflood"; exit 1; }
echo 8388608 > /proc/sys/net/core/rmem_max
"$flood" sink 9999 8388608 2>&1 &
sink=$!

default=$(cat /proc/sys/vm/min_free_kbytes)
dev=$(swapnetctl swapon "$url" --mkswap) || { echo "$me: swapon failed"; exit 1; }
rec=$(swapnetctl reserve 2>/dev/null | awk '$1 == "recommended_kb" {print $2}')
# swapon may have applied the reserve already: start from the default.
echo "$default" > /proc/sys/vm/min_free_kbytes
[ -n "$rec" ] || { echo "$me: no recommendation"; swapnetctl reserve; exit 1; }
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio procs=$procs default_kb=$default recommended_kb=$rec" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

vm() { awk -v k="$1" '$1 == k {v = $2} END {print v + 0}' /proc/vmstat; }
net() { # net PREFIX FIELD from /proc/net/netstat (0 if the kernel has none)
	awk -v p="$1:" -v f="$2" '$1 == p { if (!h) { for (i = 2; i <= NF; i++) n[$i] = i; h = 1 } else v = (f in n) ? $(n[f]) : 0 }
	     END {print v + 0}' /proc/net/netstat
}
# lowest (free - min) in pages over the zones with managed pages, one line
minfree() {
	awk '/^Node/ {z = $4} /pages free/ {f = $3} $1 == "min" {m = $2}
	     $1 == "managed" && $2 > 0 {d = f - m; if (!s || d < lo) {lo = d; s = 1}}
	     END {print lo + 0}' /proc/zoneinfo
}

run=0
for which in recommended half default; do
	run=$((run + 1))
	case $which in
	recommended) kb=$rec ;;
	half) kb=$((rec / 2)) ;;
	default) kb=$default ;;
	esac
	[ "$kb" -lt "$default" ] && kb=$default
	echo "$kb" > /proc/sys/vm/min_free_kbytes
	swapoff "$dev" 2>/dev/null; swapon "$dev" || true
	sync; echo 3 > /proc/sys/vm/drop_caches
	b_pf=$(net TcpExt PFMemallocDrop); b_tm=$(net TcpExt TCPMemoryPressures)
	b_thr=$(vm pgscan_direct_throttle); b_as=$(vm allocstall_normal)
	b_ad=$(vm allocstall_dma32); b_out=$(vm pswpout); b_oom=$(vm oom_kill)
	lab_log "$me: run=$run reserve=$which min_free_kbytes=$kb"
	t0=$(date +%s)
	memload -p "$procs" -r "$ratio" -s "$run" -f 0.02 > /tmp/memload.out 2>&1 &
	ml=$!
	lo=999999999 last=$(( $(vm pswpout) + $(vm pswpin) )) quiet=0 froze=0
	while kill -0 "$ml" 2>/dev/null; do
		sleep 1
		d=$(minfree); [ "$d" -lt "$lo" ] && lo=$d
		o=$(( $(vm pswpout) + $(vm pswpin) ))
		if [ "$o" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; last=$o; fi
		# No swap-out or swap-in for $stall s while free is below
		# min: frozen.
		if [ "$quiet" -ge "$stall" ] && [ "$d" -lt 0 ]; then
			froze=1
			echo w > /proc/sysrq-trigger
			lab_log "$me: run=$run froze: no swap I/O for ${stall}s, free below min"
			pkill -9 -x memload 2>/dev/null; kill -9 "$ml" 2>/dev/null
			break
		fi
	done
	wait "$ml"; rc=$?
	t1=$(date +%s)
	cat /tmp/memload.out
	res=$(sed -n 's/^memload: result=\([a-z]*\).*/\1/p' /tmp/memload.out)
	[ "$froze" = 1 ] && res=froze
	[ -n "$res" ] || res=none
	as=$(( $(vm allocstall_normal) - b_as + $(vm allocstall_dma32) - b_ad ))
	echo "$me: run n=$run reserve=$which min_free_kbytes=$kb result=$res status=$rc" \
		"seconds=$((t1 - t0)) lowest_free_minus_min_pages=$lo" \
		"pfmemalloc_drop=$(( $(net TcpExt PFMemallocDrop) - b_pf ))" \
		"tcp_memory_pressures=$(( $(net TcpExt TCPMemoryPressures) - b_tm ))" \
		"pgscan_direct_throttle=$(( $(vm pgscan_direct_throttle) - b_thr ))" \
		"allocstall=$as pswpout=$(( $(vm pswpout) - b_out ))" \
		"oom_kills=$(( $(vm oom_kill) - b_oom ))" \
		"udp_rcvbuf_errors=$(awk '$1 == "Udp:" && $2 ~ /^[0-9]/ {print $6}' /proc/net/snmp)" \
		"kver=$(uname -r) date=$(date -u +%Y-%m-%dT%H:%MZ)"
	# 0 verified, 2 a worker died (OOM: recorded), froze: recorded;
	# a mismatch (1) fails the bench.
	[ "$rc" = 1 ] && [ "$froze" = 0 ] && fail=1
	# A frozen swap path does not come back: the later runs would only
	# measure the wreck.
	[ "$froze" = 1 ] && { echo "$me: later runs skipped (froze)"; break; }
done
kill "$sink" 2>/dev/null
[ "$froze" = 1 ] || swapnetctl swapoff "$dev" || { echo "$me: swapoff failed"; fail=1; }
echo "$me: done fail=$fail"
exit $fail

# Benchmark (make bench): zswap in front of swapnet.  The same verifying,
# compressible memload (2 processes, 1.25 x MemTotal in total, the tail
# three quarters of every page one constant: memload -z 0.75; write,
# verify linear, verify a random quarter: -f 0.25) swaps through
# /dev/swapnet0 with zswap off and on (lz4 if the kernel has it, else the
# kernel's default compressor), in the order off on on off so that warm-up
# and drift favour neither.  Per round one machine-readable
# "bench-zswap: run ..." line: elapsed time, pswpout/pswpin (pages that
# went to / came from swapnet), the client's eth0 tx/rx bytes, zswpout/
# zswpin (/proc/vmstat), zswap's stored and written-back pages and pool
# size at the end of the write (debugfs).  tests/lab/bench-report.sh
# prints the ratios on/off.  A data mismatch fails the run.
# lab-suite: bench
# lab-timeout: 1200
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-mods: lz4
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=bench-zswap
ratio=1.25
frac=0.25
comp=0.75
order="off on on off"
url=nfs://$SERVER_IP/export/swapfile
zp=/sys/module/zswap/parameters

/usr/sbin/depmod -a
/usr/sbin/modprobe sunrpc
echo 16 > /sys/module/sunrpc/parameters/tcp_slot_table_entries
/usr/sbin/modprobe swapnet
grep -q " /sys/kernel/debug " /proc/mounts || mount -t debugfs debugfs /sys/kernel/debug
[ -w $zp/enabled ] || { lab_fail "no zswap in this kernel ($zp)"; lab_exit; }
/usr/sbin/modprobe lz4 2>/dev/null
echo lz4 > $zp/compressor 2>/dev/null || true
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio random_fraction=$frac compressible=$comp procs=2" \
	"order=$(echo "$order" | tr ' ' ,) compressor=$(cat $zp/compressor)" \
	"zpool=$(cat $zp/zpool 2>/dev/null || echo default)" \
	"max_pool_percent=$(cat $zp/max_pool_percent)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

dev=$(swapnetctl swapon "$url" --mkswap) || { lab_fail "swapon failed"; lab_exit; }
round=0
for z in $order; do
	round=$((round + 1))
	case $z in on) echo Y > $zp/enabled ;; off) echo N > $zp/enabled ;; esac
	# an empty swap area and cache per round: swapoff brings back (and
	# frees) whatever the previous round left in swap and in zswap
	swapoff "$dev" && swapon "$dev" || { lab_fail "round $round: swapoff/swapon failed"; break; }
	sync; echo 3 > /proc/sys/vm/drop_caches
	lab_log "$me: round $round: zswap=$z $(cat $zp/enabled) $(tr '\n' ' ' < /proc/swaps)"
	b_out=$(lab_vmstat pswpout); b_in=$(lab_vmstat pswpin); b_zo=$(lab_vmstat zswpout); b_zi=$(lab_vmstat zswpin)
	b_tx=$(lab_ifstat eth0 tx_bytes); b_rx=$(lab_ifstat eth0 rx_bytes); b_wb=$(lab_zswap_stat written_back_pages)
	maxst=0; maxpool=0
	memload -p 2 -r "$ratio" -f "$frac" -z "$comp" -s "$round" > /tmp/memload.out 2>&1 &
	ml=$!
	# zswap's pool, sampled while the workload runs: its peak
	while kill -0 $ml 2>/dev/null; do
		st=$(lab_zswap_stat stored_pages); ps=$(lab_zswap_stat pool_total_size)
		[ "$st" -gt "$maxst" ] && maxst=$st
		[ "$ps" -gt "$maxpool" ] && maxpool=$ps
		sleep 1
	done
	wait $ml
	rc=$?
	cat /tmp/memload.out
	echo "$me: run zswap=$z round=$round status=$rc" \
		"pswpout_dev=$(($(lab_vmstat pswpout) - b_out)) pswpin_dev=$(($(lab_vmstat pswpin) - b_in))" \
		"zswpout=$(($(lab_vmstat zswpout) - b_zo)) zswpin=$(($(lab_vmstat zswpin) - b_zi))" \
		"tx_bytes=$(($(lab_ifstat eth0 tx_bytes) - b_tx)) rx_bytes=$(($(lab_ifstat eth0 rx_bytes) - b_rx))" \
		"stored_pages_max=$maxst pool_total_size_max=$maxpool" \
		"written_back_pages=$(($(lab_zswap_stat written_back_pages) - b_wb))" \
		"$(sed -n 's/^memload: result=/result=/p' /tmp/memload.out)"
	# 0 verified, 2 a worker was killed (recorded), anything else: data.
	case $rc in 0|2) ;; *) lab_fail "round $round: memload exited with status $rc" ;; esac
	grep -q '^memload: result=' /tmp/memload.out || lab_fail "round $round: no result line from memload"
done
echo N > $zp/enabled
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

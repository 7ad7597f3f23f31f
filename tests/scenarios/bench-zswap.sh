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
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=bench-zswap
ratio=1.25
frac=0.25
comp=0.75
order="off on on off"
url=nfs://$SERVER_IP/export/swapfile
zp=/sys/module/zswap/parameters
dbg=/sys/kernel/debug/zswap
fail=0

/usr/sbin/depmod -a
/usr/sbin/modprobe sunrpc
echo 16 > /sys/module/sunrpc/parameters/tcp_slot_table_entries
/usr/sbin/modprobe swapnet
grep -q " /sys/kernel/debug " /proc/mounts || mount -t debugfs debugfs /sys/kernel/debug
[ -w $zp/enabled ] || { echo "$me: no zswap in this kernel ($zp)"; exit 1; }
/usr/sbin/modprobe lz4 2>/dev/null
echo lz4 > $zp/compressor 2>/dev/null || true
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio random_fraction=$frac compressible=$comp procs=2" \
	"order=$(echo "$order" | tr ' ' ,) compressor=$(cat $zp/compressor)" \
	"zpool=$(cat $zp/zpool 2>/dev/null || echo default)" \
	"max_pool_percent=$(cat $zp/max_pool_percent)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

vm() { awk -v k="$1" '$1 == k {print $2; f = 1} END {if (!f) print 0}' /proc/vmstat; }
nb() { cat /sys/class/net/eth0/statistics/"$1"; }
dv() { cat $dbg/"$1" 2>/dev/null || echo 0; }

dev=$(swapnetctl swapon "$url" --mkswap) || { echo "$me: swapon failed"; exit 1; }
round=0
for z in $order; do
	round=$((round + 1))
	case $z in on) echo Y > $zp/enabled ;; off) echo N > $zp/enabled ;; esac
	# an empty swap area and cache per round: swapoff brings back (and
	# frees) whatever the previous round left in swap and in zswap
	swapoff "$dev" && swapon "$dev" || { echo "$me: swapoff/swapon failed"; fail=1; break; }
	sync; echo 3 > /proc/sys/vm/drop_caches
	lab_log "$me: round $round: zswap=$z $(cat $zp/enabled) $(tr '\n' ' ' < /proc/swaps)"
	b_out=$(vm pswpout); b_in=$(vm pswpin); b_zo=$(vm zswpout); b_zi=$(vm zswpin)
	b_tx=$(nb tx_bytes); b_rx=$(nb rx_bytes); b_wb=$(dv written_back_pages)
	maxst=0; maxpool=0
	memload -p 2 -r "$ratio" -f "$frac" -z "$comp" -s "$round" > /tmp/memload.out 2>&1 &
	ml=$!
	# zswap's pool, sampled while the workload runs: its peak
	while kill -0 $ml 2>/dev/null; do
		st=$(dv stored_pages); ps=$(dv pool_total_size)
		[ "$st" -gt "$maxst" ] && maxst=$st
		[ "$ps" -gt "$maxpool" ] && maxpool=$ps
		sleep 1
	done
	wait $ml
	rc=$?
	cat /tmp/memload.out
	echo "$me: run zswap=$z round=$round status=$rc" \
		"pswpout_dev=$(($(vm pswpout) - b_out)) pswpin_dev=$(($(vm pswpin) - b_in))" \
		"zswpout=$(($(vm zswpout) - b_zo)) zswpin=$(($(vm zswpin) - b_zi))" \
		"tx_bytes=$(($(nb tx_bytes) - b_tx)) rx_bytes=$(($(nb rx_bytes) - b_rx))" \
		"stored_pages_max=$maxst pool_total_size_max=$maxpool" \
		"written_back_pages=$(($(dv written_back_pages) - b_wb))" \
		"$(sed -n 's/^memload: result=/result=/p' /tmp/memload.out)"
	# 0 verified, 2 a worker was killed (recorded), anything else: data.
	case $rc in 0|2) ;; *) fail=1 ;; esac
	grep -q '^memload: result=' /tmp/memload.out || fail=1
done
echo N > $zp/enabled
swapnetctl swapoff "$dev" || { echo "$me: swapoff failed"; fail=1; }
rmmod swapnet || { echo "$me: rmmod swapnet failed"; fail=1; }
echo "$me: done fail=$fail"
exit $fail

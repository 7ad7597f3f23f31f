# swapnet: swap on /dev/swapnet0 at the peers' default size.  swapnetctl
# swapon (which autoloads swapnet.ko), then memload: 2 processes x
# (0.65 x MemTotal), every page written, swapped and verified; then
# swapoff (which detaches) and rmmod.  Must pass with 0 mismatches.
# swapnetctl turned writeback throttling off (queue/wbt_lat_usec 0).
# On a kernel with mTHP (6.10+) anonymous memory is faulted in as 64 KiB
# folios (PMD-size THP off, so that every fault tries 64 KiB first),
# which swap out whole: hugepages-64kB/stats/swpout > 0 proves that
# multi-page folios went through swapnet, and memload verified them.
# lab-suite: check demo
# lab-kernels: every
# lab-timeout: 900
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
url=nfs://$SERVER_IP/export/swapfile
dev=$(swapnetctl swapon "$url")
lab_log "swapon $dev"
grep -q '^swapnet ' /proc/modules || { lab_fail "module not autoloaded"; lab_exit; }
cat /proc/swaps
# swapnetctl raises SUNRPC's preallocated slots to the module's queue
# depth before DEV_ADD, so the device gets its full queue.
qd=$(cat /sys/block/swapnet0/swapnet/queue_depth)
[ "$qd" = "$(cat /sys/module/swapnet/parameters/queue_depth)" ] ||
	{ lab_fail "queue depth $qd: SUNRPC slots not raised"; lab_exit; }
echo "queue_depth $(cat /sys/block/swapnet0/swapnet/queue_depth)" \
	"scheduler $(cat /sys/block/swapnet0/queue/scheduler)" \
	"wbt_lat_usec $(cat /sys/block/swapnet0/queue/wbt_lat_usec)"
wbt=/sys/block/swapnet0/queue/wbt_lat_usec
if [ -f $wbt ] && [ "$(cat $wbt)" != 0 ]; then
	lab_fail "wbt_lat_usec $(cat $wbt): writeback throttling is on"
	lab_exit
fi
swapnetctl list
thp=/sys/kernel/mm/transparent_hugepage
mthp=$thp/hugepages-64kB
if [ -f $mthp/enabled ]; then
	echo always > $mthp/enabled
	echo never > $thp/hugepages-2048kB/enabled
	echo "mTHP: 64kB [$(cat $mthp/enabled)], 2048kB [$(cat $thp/hugepages-2048kB/enabled)]"
else
	echo "mTHP: none in $KVER"
fi
lab_meminfo

set +e
memload -p 2 -r 1.1 -f 0.25
rc=$?
set -e
lab_meminfo
swapnetctl list
echo "stat: $(cat /sys/block/swapnet0/swapnet/stat)"
if [ -f $mthp/enabled ]; then
	for f in anon_fault_alloc anon_fault_fallback swpout swpout_fallback; do
		printf '64kB %s %s\n' $f "$(cat $mthp/stats/$f 2>/dev/null)"
	done
	n=$(cat $mthp/stats/swpout)
	if [ "$n" -gt 0 ]; then
		lab_log "$n 64 KiB folios swapped out whole"
	else
		lab_fail "no 64 KiB folio swapped out (stats/swpout 0)"
	fi
fi
lab_log "memload exited with status $rc; swapoff"
[ $rc = 0 ] || lab_fail "memload exited with status $rc"
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
[ ! -e /sys/block/swapnet0 ] || lab_fail "swapoff left the device"
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

# swapnet: swap on /dev/swapnet0 at the peers' default size.  swapnetctl
# swapon (which autoloads swapnet.ko), then memload: 2 processes x
# (1.25 x MemTotal), every page written, swapped and verified; then
# swapoff (which detaches) and rmmod.  Must pass with 0 mismatches.
# lab-suite: check demo
# lab-timeout: 900
. /lab/lib.sh
set -e
url=nfs://$SERVER_IP/export/swapfile
dev=$(swapnetctl swapon "$url")
lab_log "swapon $dev"
grep -q '^swapnet ' /proc/modules || { echo "swapnet-swap: module not autoloaded"; exit 1; }
cat /proc/swaps
# swapnetctl raises SUNRPC's preallocated slots to the module's queue
# depth before DEV_ADD, so the device gets its full queue.
qd=$(cat /sys/block/swapnet0/swapnet/queue_depth)
[ "$qd" = "$(cat /sys/module/swapnet/parameters/queue_depth)" ] ||
	{ echo "swapnet-swap: queue depth $qd: SUNRPC slots not raised"; exit 1; }
echo "queue_depth $(cat /sys/block/swapnet0/swapnet/queue_depth)" \
	"scheduler $(cat /sys/block/swapnet0/queue/scheduler)" \
	"wbt_lat_usec $(cat /sys/block/swapnet0/queue/wbt_lat_usec)"
swapnetctl list
lab_meminfo

set +e
memload -p 2 -r 2.5
rc=$?
set -e
lab_meminfo
swapnetctl list
echo "stat: $(cat /sys/block/swapnet0/swapnet/stat)"
lab_log "memload exited with status $rc; swapoff"
swapnetctl swapoff "$dev" || { echo "swapnet-swap: swapoff failed"; rc=1; }
[ ! -e /sys/block/swapnet0 ] || { echo "swapnet-swap: swapoff left the device"; rc=1; }
rmmod swapnet || { echo "swapnet-swap: rmmod failed"; rc=1; }
exit $rc

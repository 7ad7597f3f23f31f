# swapnet: swap-out must not freeze under memory pressure plus unrelated
# traffic, at the module's defaults and the reserve swapnetctl sets
# (issue 20).  swapnetctl swapon --mkswap (the module's default queue
# depth and request size, SUNRPC slots as swapnetctl raises them,
# vm.min_free_kbytes as swapnetctl swapon sets it: nothing here changes
# any of them), then memload: 4 processes x 1.5 x MemTotal together,
# every page written and verified (LAB_ARGS='ratio=R' for another
# multiple of MemTotal, 'reserve=default' to compare at the kernel's
# default vm.min_free_kbytes instead of swapnetctl's), while the server floods the client with
# MTU-sized UDP datagrams at a socket that never reads (8 MiB receive
# buffer; swapnet-flood.server.sh).  That froze swap-out within 30 s on
# 6.1 and 6.12 before the module kept its in-flight limit itself:
# virtio_net's refill_work, refilling the RX ring with GFP_KERNEL after
# the flood drained the atomic headroom, went into direct reclaim and
# slept in blk_mq_get_tag behind swapnet requests waiting for replies
# only that ring could receive.
# First, the mechanism itself, without luck: a device attached on its
# own (/export/tags), the cable pulled (the host, lab_link), 12 direct
# 4 KiB writes started at once: with the tags as the limit (4) the
# submitters beyond them slept in blk_mq_get_tag (their kernel stacks
# say so) until the network came back; now none may, the writes beyond
# queue_depth are parked (parked_writes), and after the cable is back
# every block reads back as written.  A submitter in blk_mq_get_tag
# fails the scenario at once.
# The watchdog is bench-reserve's (udpflood watch: locked in memory, no
# allocation per sample): no I/O completed on the device for 60 s while
# free memory is below min is a freeze; it dumps the blocked tasks and
# memory (sysrq w, m), prints "... result=froze" and ends the run with
# status 1 (its lines say "bench-reserve:", the program's name for it).
# A freeze, a mismatch, a worker killed (OOM) or no swap-out fail.
# Prints one line: seconds, pswpout, pswpin, the lowest free - min
# (pages, 100 ms samples), the parked-write maximum and the reserve.
# lab-suite: check
# lab-kernels: every
# lab-timeout: 600
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-bins: tests/workloads/udpflood
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=swapnet-flood
url=nfs://$SERVER_IP/export/swapfile
stall=60
ratio=1.5
reserve=swapnetctl
for w in ${LAB_ARGS:-}; do
	case $w in
	ratio=[0-9]*) ratio=${w#ratio=} ;;
	reserve=default) reserve=default ;;
	*) lab_fail "LAB_ARGS word '$w': expected ratio=R or reserve=default"; lab_exit ;;
	esac
done

# 1. No submitter sleeps for a tag while the network is gone.
t=$(swapnetctl attach "nfs://$SERVER_IP/export/tags" --name tags --timeo 50) ||
	{ lab_fail "attach tags failed"; lab_exit; }
dd if=/dev/urandom of=/tmp/pattern bs=4096 count=12 2>/dev/null
lab_link_down || { lab_link on; lab_fail "the cable pull did not silence the server"; lab_exit; }
pids=
i=0
while [ $i -lt 12 ]; do
	dd if=/tmp/pattern of="$t" bs=4096 count=1 skip=$i seek=$i \
		oflag=direct conv=notrunc 2>/dev/null &
	pids="$pids $!"
	i=$((i + 1))
done
sleep 5
intag=0
seen=0
for p in $pids; do
	cat "/proc/$p/stack" > /tmp/stack 2>/dev/null || continue
	seen=$((seen + 1))
	grep -q blk_mq_get_tag /tmp/stack && intag=$((intag + 1))
done
[ "$seen" = 12 ] || { lab_link on; lab_fail "read $seen of 12 writers' kernel stacks (all must still be waiting)"; lab_exit; }
pw=$(lab_swapnet_attr "$t" parked_writes 2>/dev/null || echo none)
echo "$me: tags: link off, 12 direct writes: $intag submitters in blk_mq_get_tag," \
	"parked_writes=$pw inflight=$(lab_swapnet_stat "$t" inflight)" \
	"nr_requests=$(cat "/sys/block/${t#/dev/}/queue/nr_requests")"
# Wait until the server answers again: the device's writes retry for
# ever, but swapnetctl's own calls below (swapon's checks) get one try
# and must not race the plug.
lab_link_up 30 || { lab_fail "the server does not answer 30 s after the plug"; lab_exit; }
tfail=0
for p in $pids; do wait "$p" || tfail=1; done
dd if="$t" of=/tmp/back bs=4096 count=12 iflag=direct 2>/dev/null || tfail=1
cmp -s /tmp/pattern /tmp/back || { lab_fail "tags: blocks read back differ"; tfail=1; }
swapnetctl detach "$t" || tfail=1
if [ "$intag" != 0 ]; then
	lab_fail "$intag submitters slept in blk_mq_get_tag behind requests waiting for the network"
	lab_exit
fi
[ "$pw" != none ] && [ "$pw" -gt 0 ] || { lab_fail "no write was parked"; lab_exit; }
[ "$tfail" = 0 ] || { lab_fail "the writes of the tags step failed"; lab_exit; }

# 2. Pressure under a flood at the defaults and swapnetctl's reserve.
flood=$(find / -xdev -name udpflood -type f 2>/dev/null | head -n 1)
[ -n "$flood" ] || { lab_fail "no udpflood"; lab_exit; }
echo 8388608 > /proc/sys/net/core/rmem_max
"$flood" sink 9999 8388608 2>&1 &
sink=$!

default_kb=$(cat /proc/sys/vm/min_free_kbytes)
dev=$(swapnetctl swapon "$url" --mkswap) || { lab_fail "swapon failed"; lab_exit; }
name=${dev#/dev/}
# reserve=default (a comparison, not the check): the kernel's own value
[ "$reserve" = default ] && echo "$default_kb" > /proc/sys/vm/min_free_kbytes
kb=$(cat /proc/sys/vm/min_free_kbytes)
echo "$me: setup kver=$(uname -r) ratio=$ratio reserve=$reserve" \
	"memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"min_free_kbytes=$kb (kernel default $default_kb)" \
	"queue_depth=$(lab_swapnet_attr "$name" queue_depth)" \
	"max_request_bytes=$(lab_swapnet_attr "$name" max_request_bytes)" \
	"slots=$(cat /sys/module/sunrpc/parameters/tcp_slot_table_entries)" \
	"nr_requests=$(cat "/sys/block/$name/queue/nr_requests")"
swapnetctl reserve 2>&1 | sed "s/^/$me: reserve /"

b_out=$(lab_vmstat pswpout); b_in=$(lab_vmstat pswpin); b_oom=$(lab_vmstat oom_kill)
t0=$(date +%s)
memload -p 4 -r "$ratio" -s 1 -f 0.02 > /tmp/memload.out 2>&1 &
ml=$!
# fail=1: a freeze ends the run as FAIL (the bench passes 0 there).
"$flood" watch "$name" "$stall" "$ml" 1 "$me: run" > /tmp/watch.out &
wd=$!
wait "$ml"; rc=$?
wait "$wd"; wrc=$?
t1=$(date +%s)
kill "$sink" 2>/dev/null
cat /tmp/memload.out
lo=$(grep '^lowest_free_minus_min_pages=' /tmp/watch.out)
out=$(( $(lab_vmstat pswpout) - b_out )); oom=$(( $(lab_vmstat oom_kill) - b_oom ))
stat=$(lab_swapnet_attr "$name" stat)
echo "$me: result memload_status=$rc seconds=$((t1 - t0)) pswpout=$out" \
	"pswpin=$(( $(lab_vmstat pswpin) - b_in )) oom_kills=$oom ${lo:-lowest=none}" \
	"parked_writes_max=$(lab_swapnet_attr "$name" parked_writes_max 2>/dev/null || echo none)" \
	"min_free_kbytes=$kb kver=$(uname -r)"
echo "$me: stat $stat"
[ "$wrc" = 0 ] && [ -n "$lo" ] || lab_fail "watchdog failed (status $wrc)"
[ "$rc" = 0 ] || lab_fail "memload failed (status $rc)"
[ "$out" -gt 0 ] || lab_fail "nothing swapped out"
[ "$oom" = 0 ] || lab_fail "$oom OOM kills"
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
lab_exit

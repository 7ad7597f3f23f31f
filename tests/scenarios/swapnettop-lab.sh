# swapnettop on a node swapping over swapnet.  `swapnettop -b -d 2` runs
# from before the workload (memload, 2 processes, 1.3 x MemTotal) until
# after it has verified its data, so every page swapped out falls inside
# one of its intervals: the reports must show a non-zero swap-out rate and
# the swapnet device's row with non-zero ops/s whatever the timing.  -j
# must see the module (status ok, state OK) and compute the recommended
# reserve itself (PATH without swapnetctl).  A small native NFS swapfile
# at a lower priority must show as kind nfs with the READ/WRITE table of
# its mount.  Then swapoff.
# lab-suite: check
# lab-timeout: 900
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
modprobe swapnet
dev=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile" --mkswap)
name=${dev#/dev/}
lab_log "swapnettop-lab: swapping on $dev"
mkdir -p /mnt/nfs
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/nfs
mkswap /mnt/nfs/nfsswap >/dev/null
swapon /mnt/nfs/nfsswap		# auto priority: below swapnet's
cat /proc/swaps

# The report covers the whole workload: no window to miss.
swapnettop -b -d 2 >/tmp/top.txt 2>/tmp/top.err &
top=$!
sleep 3		# one report before memload starts
set +e
lab_memload swapnettop-lab -p 2 -r 1.1 -f 0.125
load_rc=$?
sleep 3		# and one after it ended
kill -INT $top		# our own background job, by its pid
wait $top
top_rc=$?
cat /tmp/top.txt
[ -s /tmp/top.err ] && { echo "swapnettop stderr:"; cat /tmp/top.err; }
lab_log "swapnettop-lab: memload exited $load_rc, swapnettop $top_rc"
[ $load_rc = 0 ] || lab_fail "memload failed ($load_rc)"
if [ $top_rc != 0 ]; then
	lab_fail "swapnettop -b exited $top_rc"
fi
reports=$(grep -c '^swapnettop ' /tmp/top.txt)
[ "$reports" -ge 3 ] || lab_fail "$reports reports, want 3 or more"

# swap-out: the largest pswpout/s of the reports must be > 0
maxout=$(awk 'BEGIN { m = 0 } $1 == "rates" { for (i = 2; i < NF; i++) if ($i == "pswpout/s" && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' /tmp/top.txt)
if awk -v m="$maxout" 'BEGIN { exit !(m > 0) }'; then
	echo "swapnettop-lab: swap-out up to $maxout pages/s"
else
	lab_fail "no swap-out in the reports"
fi

# the swapnet device row, with stats and non-zero ops in some interval
maxops=$(awk -v d="$dev" 'BEGIN { m = 0 } $1 == "device" && $2 == d { for (i = 3; i < NF; i++) if ($i == "ops/s" && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' /tmp/top.txt)
grep -q "^device $dev kind swapnet used_kb [0-9]* size_kb [0-9]* prio -*[0-9]* ops/s " /tmp/top.txt ||
	lab_fail "no swapnet row with stats for $dev"
if awk -v m="$maxops" 'BEGIN { exit !(m > 0) }'; then
	echo "swapnettop-lab: $dev up to $maxops ops/s"
else
	lab_fail "$dev shows no ops"
fi

# the native NFS swapfile: its row and the RPC table of its mount
grep -q '^device /mnt/nfs/nfsswap kind nfs used_kb [0-9]* size_kb [0-9]* prio -*[0-9]* mount /mnt/nfs$' /tmp/top.txt ||
	lab_fail "no nfs row for /mnt/nfs/nfsswap"
grep -Eq '^  (READ|WRITE) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+ \([0-9.]+%\) +[0-9.]+ +[0-9.]+$' /tmp/top.txt ||
	lab_fail "no READ/WRITE stats of /mnt/nfs"

# JSON: the module answered DEV_GET, and the device is there
swapnettop -j -d 1 >/tmp/top.json 2>&1
grep -q '"status": *"ok"' /tmp/top.json ||
	{ lab_fail "-j did not reach the module"; cat /tmp/top.json; }
grep -q "\"name\": *\"$dev\"" /tmp/top.json ||
	lab_fail "-j lacks $dev"
grep -q '"state": *"OK"' /tmp/top.json ||
	lab_fail "-j: $dev not in state OK"
grep -q '"commits": *[0-9]' /tmp/top.json ||
	lab_fail "-j lacks the commits counter"
# the recommendation is swapnettop's own: no swapnetctl in PATH needed
st=$(command -v swapnettop)
PATH=/nonexistent "$st" -j -d 1 >/tmp/top2.json 2>&1
grep -q '"recommended_min_free_kbytes": *[1-9]' /tmp/top2.json ||
	{ lab_fail "no recommendation without swapnetctl in PATH"; cat /tmp/top2.json; }

lab_log "swapnettop-lab: swapoff"
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
swapoff /mnt/nfs/nfsswap || lab_fail "nfs swapoff failed"
umount /mnt/nfs || lab_fail "umount failed"
if grep -q "$name" /proc/swaps; then lab_fail "$dev still swapped on"; fi
lab_exit

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
rc=0
lab_memload swapnettop-lab -p 2 -r 1.1 -f 0.125
load_rc=$?
sleep 3		# and one after it ended
kill -INT $top		# our own background job, by its pid
wait $top
top_rc=$?
cat /tmp/top.txt
[ -s /tmp/top.err ] && { echo "swapnettop stderr:"; cat /tmp/top.err; }
lab_log "swapnettop-lab: memload exited $load_rc, swapnettop $top_rc"
[ $load_rc = 0 ] || { echo "swapnettop-lab: memload failed ($load_rc)"; rc=1; }
if [ $top_rc != 0 ]; then
	echo "swapnettop-lab: swapnettop -b exited $top_rc"
	rc=1
fi
reports=$(grep -c '^swapnettop ' /tmp/top.txt)
[ "$reports" -ge 3 ] || { echo "swapnettop-lab: $reports reports, want 3 or more"; rc=1; }

# swap-out: the largest pswpout/s of the reports must be > 0
maxout=$(awk 'BEGIN { m = 0 } $1 == "rates" { for (i = 2; i < NF; i++) if ($i == "pswpout/s" && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' /tmp/top.txt)
if awk -v m="$maxout" 'BEGIN { exit !(m > 0) }'; then
	echo "swapnettop-lab: swap-out up to $maxout pages/s"
else
	echo "swapnettop-lab: no swap-out in the reports"
	rc=1
fi

# the swapnet device row, with stats and non-zero ops in some interval
maxops=$(awk -v d="$dev" 'BEGIN { m = 0 } $1 == "device" && $2 == d { for (i = 3; i < NF; i++) if ($i == "ops/s" && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' /tmp/top.txt)
grep -q "^device $dev kind swapnet used_kb [0-9]* size_kb [0-9]* prio -*[0-9]* ops/s " /tmp/top.txt ||
	{ echo "swapnettop-lab: no swapnet row with stats for $dev"; rc=1; }
if awk -v m="$maxops" 'BEGIN { exit !(m > 0) }'; then
	echo "swapnettop-lab: $dev up to $maxops ops/s"
else
	echo "swapnettop-lab: $dev shows no ops"
	rc=1
fi

# the native NFS swapfile: its row and the RPC table of its mount
grep -q '^device /mnt/nfs/nfsswap kind nfs used_kb [0-9]* size_kb [0-9]* prio -*[0-9]* mount /mnt/nfs$' /tmp/top.txt ||
	{ echo "swapnettop-lab: no nfs row for /mnt/nfs/nfsswap"; rc=1; }
grep -Eq '^  (READ|WRITE) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+ \([0-9.]+%\) +[0-9.]+ +[0-9.]+$' /tmp/top.txt ||
	{ echo "swapnettop-lab: no READ/WRITE stats of /mnt/nfs"; rc=1; }

# JSON: the module answered DEV_GET, and the device is there
swapnettop -j -d 1 >/tmp/top.json 2>&1
grep -q '"status": *"ok"' /tmp/top.json ||
	{ echo "swapnettop-lab: -j did not reach the module"; cat /tmp/top.json; rc=1; }
grep -q "\"name\": *\"$dev\"" /tmp/top.json ||
	{ echo "swapnettop-lab: -j lacks $dev"; rc=1; }
grep -q '"state": *"OK"' /tmp/top.json ||
	{ echo "swapnettop-lab: -j: $dev not in state OK"; rc=1; }
grep -q '"commits": *[0-9]' /tmp/top.json ||
	{ echo "swapnettop-lab: -j lacks the commits counter"; rc=1; }
# the recommendation is swapnettop's own: no swapnetctl in PATH needed
st=$(command -v swapnettop)
PATH=/nonexistent "$st" -j -d 1 >/tmp/top2.json 2>&1
grep -q '"recommended_min_free_kbytes": *[1-9]' /tmp/top2.json ||
	{ echo "swapnettop-lab: no recommendation without swapnetctl in PATH"; cat /tmp/top2.json; rc=1; }

lab_log "swapnettop-lab: swapoff"
swapnetctl swapoff "$dev" || { echo "swapnettop-lab: swapoff failed"; rc=1; }
swapoff /mnt/nfs/nfsswap || { echo "swapnettop-lab: nfs swapoff failed"; rc=1; }
umount /mnt/nfs || { echo "swapnettop-lab: umount failed"; rc=1; }
grep -q "$name" /proc/swaps && { echo "swapnettop-lab: $dev still swapped on"; rc=1; }
[ $rc = 0 ] && echo "swapnettop-lab: PASS"
exit $rc

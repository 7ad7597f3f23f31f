# swapnettop on a node swapping over swapnet: with memload running in the
# background (2 processes, 1.5 x MemTotal in all), `swapnettop -b -n 3 -d 2`
# must report a non-zero swap-out rate and the swapnet device's row with
# non-zero ops/s; -j must see the module (swapnet status ok).  A small
# native NFS swapfile at a lower priority (not used before swapnet fills)
# must show as kind nfs with the READ/WRITE table of its mount.  Then
# swapoff, and memload must have verified all its data.
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

memload -p 2 -r 1.5 >/tmp/memload.log 2>&1 &
load=$!

# Wait until the node really swaps (pswpout past 5000 pages) so that all
# three intervals of the report fall inside the swapping phase.
i=0
while :; do
	out=$(awk '$1 == "pswpout" { print $2 }' /proc/vmstat)
	[ "$out" -gt 5000 ] && break
	i=$((i + 1))
	if [ $i -gt 300 ] || ! kill -0 $load 2>/dev/null; then
		echo "swapnettop-lab: no swapping after ${i} s (pswpout $out)"
		cat /tmp/memload.log
		exit 1
	fi
	sleep 1
done
lab_log "swapnettop-lab: pswpout $out, running swapnettop"

set +e
rc=0
swapnettop -b -n 3 -d 2 >/tmp/top.txt 2>/tmp/top.err
top_rc=$?
cat /tmp/top.txt
[ -s /tmp/top.err ] && { echo "swapnettop stderr:"; cat /tmp/top.err; }
if [ $top_rc != 0 ]; then
	echo "swapnettop-lab: swapnettop -b exited $top_rc"
	rc=1
fi
reports=$(grep -c '^swapnettop ' /tmp/top.txt)
[ "$reports" = 3 ] || { echo "swapnettop-lab: $reports reports, want 3"; rc=1; }

# swap-out: the largest pswpout/s of the three reports must be > 0
maxout=$(awk 'BEGIN { m = 0 } $1 == "rates" { for (i = 2; i < NF; i++) if ($i == "pswpout/s" && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' /tmp/top.txt)
if awk -v m="$maxout" 'BEGIN { exit !(m > 0) }'; then
	echo "swapnettop-lab: swap-out up to $maxout pages/s"
else
	echo "swapnettop-lab: no swap-out in the reports"
	rc=1
fi

# the swapnet device row, with stats and non-zero ops in some interval
maxops=$(awk -v d="$dev" 'BEGIN { m = 0 } $1 == "device" && $2 == d { for (i = 3; i < NF; i++) if ($i == "ops/s" && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' /tmp/top.txt)
grep -q "^device $dev kind swapnet used_kB [0-9]* size_kB [0-9]* prio -*[0-9]* ops/s " /tmp/top.txt ||
	{ echo "swapnettop-lab: no swapnet row with stats for $dev"; rc=1; }
if awk -v m="$maxops" 'BEGIN { exit !(m > 0) }'; then
	echo "swapnettop-lab: $dev up to $maxops ops/s"
else
	echo "swapnettop-lab: $dev shows no ops"
	rc=1
fi

# the native NFS swapfile: its row and the RPC table of its mount
grep -q '^device /mnt/nfs/nfsswap kind nfs used_kB [0-9]* size_kB [0-9]* prio -*[0-9]* mount /mnt/nfs$' /tmp/top.txt ||
	{ echo "swapnettop-lab: no nfs row for /mnt/nfs/nfsswap"; rc=1; }
grep -Eq '^  (READ|WRITE) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+ \([0-9.]+%\) +[0-9.]+ +[0-9.]+$' /tmp/top.txt ||
	{ echo "swapnettop-lab: no READ/WRITE stats of /mnt/nfs"; rc=1; }

# JSON: the module answered DEV_GET, and the device is there
swapnettop -j -d 1 >/tmp/top.json 2>&1
grep -q '"status": "ok"' /tmp/top.json ||
	{ echo "swapnettop-lab: -j did not reach the module"; cat /tmp/top.json; rc=1; }
grep -q "\"name\": \"$dev\"" /tmp/top.json ||
	{ echo "swapnettop-lab: -j lacks $dev"; rc=1; }
grep -q '"recommended_min_free_kbytes": [0-9]' /tmp/top.json ||
	echo "swapnettop-lab: note: no recommendation from swapnetctl reserve -j"

wait $load
load_rc=$?
cat /tmp/memload.log
lab_log "swapnettop-lab: memload exited $load_rc; swapoff"
[ $load_rc = 0 ] || { echo "swapnettop-lab: memload failed ($load_rc)"; rc=1; }
swapnetctl swapoff "$dev" || { echo "swapnettop-lab: swapoff failed"; rc=1; }
swapoff /mnt/nfs/nfsswap || { echo "swapnettop-lab: nfs swapoff failed"; rc=1; }
umount /mnt/nfs || { echo "swapnettop-lab: umount failed"; rc=1; }
grep -q "$name" /proc/swaps && { echo "swapnettop-lab: $dev still swapped on"; rc=1; }
[ $rc = 0 ] && echo "swapnettop-lab: PASS"
exit $rc

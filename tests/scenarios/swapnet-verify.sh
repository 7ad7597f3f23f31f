# swapnet: verified swap-in against a server that corrupts the swapfile
# behind the client's back.  memload (2 processes, 1.1 x MemTotal)
# writes its pages, lists those in swap (--slots: swap offsets from
# /proc/self/pagemap) and waits; the scenario picks up to 32 of each
# process's swapped-out pages, and the server overwrites one word of
# each in the exported file directly (swapnet-verify.server.sh); then
# memload reads everything back (--detect: a SIGBUS makes the page
# lost, not a failure).  Must hold:
#  - no wrong page reaches the process: memload's mismatches=0;
#  - pages were lost (lost_pages > 0), each one of the corrupted pages,
#    and each one named by a kernel "verify error" line at its offset;
#  - every "verify error" line names a corrupted offset (no false alarm);
#  - sysfs verify is 1, the verify_errors and verify_rereads counters
#    count them.
# On a module without verification (before issue 22) memload reads the
# corrupted words as data: mismatches > 0, the run fails.
# Primary kernel in make check; 6.12 passed by hand (KVER=6.12...), 7.x
# not run yet ("lab-kernels: all" now means the newest, 7.x).
# lab-suite: check
# lab-timeout: 900
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
mkdir -p /mnt/ctl /tmp/ml
mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
	"$SERVER_IP:/export" /mnt/ctl
dev=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile")
lab_log "swapon $dev"
v=$(cat /sys/block/swapnet0/swapnet/verify 2>/dev/null || echo none)
[ "$v" = 1 ] || lab_fail "sysfs verify is '$v', not 1"
lab_meminfo

set +e
memload -p 2 -r 1.1 -f 0.25 --detect --slots /tmp/ml > /tmp/memload.out 2>&1 &
load=$!
set -e
ready() { [ -f /tmp/ml/ready.0 ] && [ -f /tmp/ml/ready.1 ]; }
lab_wait 600 ready || { lab_fail "memload did not list its slots"; cat /tmp/memload.out; kill $load; lab_exit; }

# up to 32 slots of swap area 0 per process, spread over its list
: > /tmp/picked
for i in 0 1; do
	n=$(wc -l < /tmp/ml/slots.$i)
	k=$((n / 32 + 1))
	awk -v k=$k -v c=$i 'NR % k == 0 && $2 == 0 { print c, $1, $3 }' /tmp/ml/slots.$i |
		head -n 32 >> /tmp/picked
	echo "swapnet-verify: process $i has $n pages in swap"
done
npick=$(wc -l < /tmp/picked)
[ "$npick" -gt 0 ] || { lab_fail "no page in swap to corrupt"; touch /tmp/ml/go; wait $load; lab_exit; }
awk '{ print $3 }' /tmp/picked > /mnt/ctl/corrupt.tmp
mv /mnt/ctl/corrupt.tmp /mnt/ctl/corrupt.req
lab_wait 60 test -f /mnt/ctl/corrupt.done || lab_fail "the server did not corrupt"
lab_log "server corrupted $(cat /mnt/ctl/corrupt.done 2>/dev/null) of $npick slots"
touch /tmp/ml/go

set +e
wait $load
rc=$?
set -e
cat /tmp/memload.out
lab_meminfo
swapnetctl list
stat=$(cat /sys/block/swapnet0/swapnet/stat)
echo "stat: $stat"
dmesg | grep 'verify error' > /tmp/verr || true
nerr=$(wc -l < /tmp/verr)
echo "swapnet-verify: $nerr verify error lines in the kernel log"
head -n 5 /tmp/verr

res=$(grep '^memload: result=' /tmp/memload.out || true)
mism=$(echo "$res" | sed -n 's/.* mismatches=\([0-9]*\) .*/\1/p')
lost=$(echo "$res" | sed -n 's/.* lost_pages=\([0-9]*\).*/\1/p')
pin=$(echo "$res" | sed -n 's/.* pswpin=\([0-9-]*\) .*/\1/p')
[ "${mism:-x}" = 0 ] || lab_fail "wrong data reached the process: mismatches=${mism:-?} (memload status $rc)"
[ "$rc" = 0 ] || lab_fail "memload status $rc"
[ "${pin:-0}" -gt 0 ] || lab_fail "memload did not swap in (pswpin=${pin:-?})"
[ "${lost:-0}" -gt 0 ] || lab_fail "no corrupted page was detected (lost_pages=${lost:-?} of $npick corrupted)"
echo "swapnet-verify: $npick slots corrupted, ${lost:-?} pages lost (SIGBUS), ${mism:-?} wrong words"

# each lost page: one of the corrupted, named in the log at its offset
sed -n 's/^memload\[\([0-9]*\)\]: page \([0-9]*\) lost .*/\1 \2/p' /tmp/memload.out |
while read -r c p; do
	off=$(awk -v c="$c" -v p="$p" '$1 == c && $2 == p { print $3 }' /tmp/picked)
	if [ -z "$off" ]; then
		lab_fail "process $c page $p lost, but it was not corrupted"
	elif ! grep -q "verify error: 4 KiB at offset $off of " /tmp/verr; then
		lab_fail "process $c page $p (offset $off) lost without a verify error line naming it"
	fi
done
# each verify error: at a corrupted offset
sed -n 's/.*verify error: 4 KiB at offset \([0-9]*\) of .*/\1/p' /tmp/verr | sort -u |
while read -r off; do
	awk -v o="$off" '$3 == o { f = 1 } END { exit !f }' /tmp/picked ||
		lab_fail "verify error at offset $off, which the server did not corrupt"
done
verr=$(lab_swapnet_stat swapnet0 verify_errors || echo x)
vrr=$(lab_swapnet_stat swapnet0 verify_rereads || echo x)
echo "swapnet-verify: verify_errors=$verr verify_rereads=$vrr"
if [ "$verr" = x ] || [ "$verr" -lt "${lost:-0}" ] || [ "$verr" -eq 0 ]; then
	lab_fail "verify_errors $verr, lost pages ${lost:-?}"
fi
if [ "$vrr" = x ] || [ "$vrr" -eq 0 ]; then
	lab_fail "verify_rereads $vrr"
fi

lab_log "swapoff"
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
umount /mnt/ctl || true
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

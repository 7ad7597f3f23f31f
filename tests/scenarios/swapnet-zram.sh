# swapnet as zram's backing device (docs/zram.md): zram is the swap
# device, /dev/swapnet0 (attached without --swap: zram writes to it on
# request, not from reclaim) is its backing_dev.  Two verifying memloads
# push pages into zram: an incompressible one (8 MiB, zram's "huge"
# pages) first, then a compressible one (0.9 x MemTotal, -z 0.75); both
# wait after their write pass (--slots) while the scenario writes back
# the huge pages (`writeback huge`), then, with writeback_limit set to
# 4096 pages, the idle ones (`idle all`, `writeback idle`).  Must hold:
#  - zram took /dev/swapnet0 (backing_dev), the device is not for swap
#    (for_swap 0, reclaim_reqs stays 0);
#  - huge writeback wrote pages (bd_stat bd_writes) and zram's huge
#    pages went down; idle writeback stopped at the limit;
#  - swapnet0 completed at least that many WRITEs and bytes;
#  - swapnetctl detach is refused (also --force) while zram holds it;
#  - both memloads verify every page (0 mismatches) when they read back,
#    and pages came back from the backing device (bd_reads > 0, swapnet0
#    READs and bytes at least as many; verify_errors 0);
#  - swapoff of zram0, zram reset, then detach and rmmod succeed.
# Fails on a kernel without CONFIG_ZRAM_WRITEBACK (no backing_dev), when
# zram cannot open the device exclusively, when written-back pages do
# not reach the server, or when one comes back wrong.
# lab-suite: check
# lab-timeout: 480
# lab-mods: zram
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=swapnet-zram
zr=/sys/block/zram0
url=nfs://$SERVER_IP/export/swapfile
limit=4096

mm() { awk -v i="$1" '{ print $i }' $zr/mm_stat; }	# 1 orig_data_size 8 huge_pages
bd() { awk -v i="$1" '{ print $i }' $zr/bd_stat; }	# 1 bd_count 2 bd_reads 3 bd_writes
sn() { lab_swapnet_stat swapnet0 "$1"; }
zstat() {
	echo "$me: $1: mm_stat $(cat $zr/mm_stat | tr -s ' ')," \
		"bd_stat $(cat $zr/bd_stat | tr -s ' '), swapnet0 $(cat /sys/block/swapnet0/swapnet/stat)"
}

dev=$(swapnetctl attach "$url") || { lab_fail "attach failed"; lab_exit; }
lab_log "attached $dev"
[ "$dev" = /dev/swapnet0 ] || { lab_fail "attach made $dev, not /dev/swapnet0"; lab_exit; }
fs=$(cat /sys/block/swapnet0/swapnet/for_swap)
[ "$fs" = 0 ] || lab_fail "for_swap is $fs: attached for swap"

/usr/sbin/depmod -a
/usr/sbin/modprobe zram num_devices=1 || { lab_fail "modprobe zram failed"; lab_exit; }
lab_wait 10 test -e $zr/disksize || { lab_fail "no $zr"; lab_exit; }
[ -e $zr/backing_dev ] || { lab_fail "zram has no backing_dev: kernel without CONFIG_ZRAM_WRITEBACK"; lab_exit; }
echo "$dev" > $zr/backing_dev || { lab_fail "backing_dev $dev refused"; lab_exit; }
echo 256M > $zr/disksize || { lab_fail "disksize refused"; lab_exit; }
bdev=$(cat $zr/backing_dev)
[ "$bdev" = "$dev" ] || lab_fail "backing_dev is '$bdev'"
# util-linux swapon (-p): busybox sh runs its own applet for a bare name
mkswap /dev/zram0 > /dev/null && /usr/sbin/swapon -p 100 /dev/zram0 ||
	{ lab_fail "swapon /dev/zram0 failed"; lab_exit; }
cat /proc/swaps
dmesg | grep -i 'zram' | tail -n 3
lab_meminfo

# the incompressible load first (its pages are the oldest: reclaimed
# first), then the compressible one that makes the pressure
mkdir -p /tmp/mlh /tmp/mlc
memload -p 1 -m 8 -s 101 -f 0.25 --slots /tmp/mlh > /tmp/memload-huge.out 2>&1 &
mh=$!
lab_wait 120 test -f /tmp/mlh/ready.0 || { lab_fail "the huge memload did not write"; cat /tmp/memload-huge.out; kill $mh; lab_exit; }
memload -p 1 -r 0.9 -z 0.75 -f 0.25 -s 1 --slots /tmp/mlc > /tmp/memload.out 2>&1 &
mc=$!
lab_wait 300 test -f /tmp/mlc/ready.0 || { lab_fail "the compressible memload did not write"; cat /tmp/memload.out; touch /tmp/mlh/go /tmp/mlc/go; lab_exit; }
grep -h 'slots:' /tmp/memload-huge.out /tmp/memload.out
lab_meminfo
zstat "after writing"
stored=$(($(mm 1) / 4096))
huge=$(mm 8)
[ "$huge" -gt 0 ] || lab_fail "no huge (incompressible) page in zram"
[ "$stored" -gt $((huge + limit + 256)) ] ||
	lab_fail "only $stored pages in zram ($huge huge): too few for $limit idle ones"
[ "$(bd 3)" = 0 ] || lab_fail "bd_writes $(bd 3) before any writeback"

w0=$(sn writes); b0=$(sn write_bytes); r0=$(sn reads); rb0=$(sn read_bytes)
t0=$(lab_uptime)
echo huge > $zr/writeback || lab_fail "writeback huge: error"
t1=$(lab_uptime)
hw=$(bd 3)
huge1=$(mm 8)
echo "$me: writeback huge: $hw pages in $((t1 - t0)) s; huge pages $huge -> $huge1"
[ "$hw" -gt 0 ] || lab_fail "writeback huge wrote nothing"
[ "$huge1" -lt "$huge" ] || lab_fail "huge pages $huge -> $huge1: not written back"

echo 1 > $zr/writeback_limit_enable && echo $limit > $zr/writeback_limit ||
	lab_fail "writeback_limit refused"
echo all > $zr/idle || lab_fail "idle all: error"
# more idle pages than the limit: the write stops at the limit with EIO
wst=0; echo idle > $zr/writeback || wst=1
t2=$(lab_uptime)
iw=$(($(bd 3) - hw))
echo "$me: writeback idle: $iw pages in $((t2 - t1)) s (status $wst), writeback_limit now $(cat $zr/writeback_limit)"
# a page touched while it was written is counted but not used up: the
# limit is the floor, a few more the most
[ "$iw" -ge "$limit" ] && [ "$iw" -le $((limit + 64)) ] ||
	lab_fail "writeback idle wrote $iw pages, limit $limit"
[ "$(cat $zr/writeback_limit)" = 0 ] || lab_fail "writeback_limit $(cat $zr/writeback_limit) left"
echo 0 > $zr/writeback_limit_enable
zstat "after writeback"
swapnetctl list
nw=$(($(sn writes) - w0)); nb=$(($(sn write_bytes) - b0))
echo "$me: swapnet0: $nw WRITEs, $nb bytes for $((hw + iw)) pages written back"
[ "$nw" -ge $((hw + iw)) ] || lab_fail "swapnet0 completed $nw WRITEs for $((hw + iw)) pages"
[ "$nb" -ge $(((hw + iw) * 4096)) ] || lab_fail "swapnet0 wrote $nb bytes for $((hw + iw)) pages"
[ "$(sn reclaim_reqs)" = 0 ] || lab_fail "reclaim_reqs $(sn reclaim_reqs): writeback used the reserve"

for f in '' --force; do
	# shellcheck disable=SC2086 # $f: no option or one
	out=$(swapnetctl detach $f "$dev" 2>&1); st=$?
	echo "$me: detach $f while zram holds it: status $st: $out"
	[ $st != 0 ] || lab_fail "detach $f succeeded while zram holds $dev"
	echo "$out" | grep -q 'in use' || lab_fail "detach $f: no 'in use' message"
done
[ -e /sys/block/swapnet0 ] || { lab_fail "swapnet0 gone under zram"; lab_exit; }

lab_log "read back"
touch /tmp/mlh/go /tmp/mlc/go
wait $mh; rh=$?
wait $mc; rc=$?
t3=$(lab_uptime)
cat /tmp/memload-huge.out /tmp/memload.out | grep -v 'slots:'
for f in /tmp/memload-huge.out /tmp/memload.out; do
	res=$(grep '^memload: result=' $f || true)
	mism=$(echo "$res" | sed -n 's/.* mismatches=\([0-9]*\) .*/\1/p')
	[ "${mism:-x}" = 0 ] || lab_fail "$f: mismatches=${mism:-?}"
	echo "$res" | grep -q 'result=PASS' || lab_fail "$f: $res"
done
[ "$rh" = 0 ] && [ "$rc" = 0 ] || lab_fail "memload status $rh (huge), $rc (compressible)"
zstat "after reading back ($((t3 - t2)) s)"
br=$(bd 2)
nr=$(($(sn reads) - r0)); nrb=$(($(sn read_bytes) - rb0))
echo "$me: read back: bd_reads $br, swapnet0 $nr READs, $nrb bytes"
[ "$br" -gt 0 ] || lab_fail "no page read back from the backing device (bd_reads 0)"
[ "$nr" -gt 0 ] && [ "$nrb" -ge $((br * 4096)) ] ||
	lab_fail "swapnet0 read $nr requests, $nrb bytes for bd_reads $br"
ve=$(sn verify_errors)
[ "$ve" = 0 ] || lab_fail "verify_errors $ve"

lab_log "swapoff /dev/zram0"
swapoff /dev/zram0 || lab_fail "swapoff /dev/zram0 failed"
zstat "after swapoff"
echo 1 > $zr/reset || lab_fail "zram reset failed"
swapnetctl detach "$dev" || lab_fail "detach after the zram reset failed"
[ ! -e /sys/block/swapnet0 ] || lab_fail "swapnet0 still there after detach"
rmmod swapnet || lab_fail "rmmod swapnet failed"
dmesg | grep -E 'swapnet|zram' | tail -n 8
lab_exit

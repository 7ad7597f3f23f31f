# mirror= (issue 22 part 2, the tools): swap on md raid1 over two
# swapnet devices on two servers, built by swapnetctl start from a
# swapnet.conf line, under a verifying workload while one server freezes.
# 1. `swapnetctl start` with `URL1 mirror=URL2`: both legs attached for
#    swap, /dev/md/swapnet-mir (raid1, internal bitmap, failfast legs),
#    swap on it; list (text and -j) says "in sync".
# 2. memload 2 processes x 1.2 x MemTotal, every page verified; when
#    swap-out is well under way server2 is frozen for 10 s (`lab_server2
#    stop 10`: no reply, no RST).  What is true TODAY: the module has hard
#    semantics and does not fail md's failfast bios yet, so md never fails
#    the frozen leg: its requests wait for server2 and go on; the run
#    verifies every page, nothing is killed, and the array is clean and
#    not degraded afterwards.  Fail-over to
#    the other leg within a bounded time waits for the module's failfast
#    support (issue 22, kmod side); this scenario then must be changed to
#    expect a failed leg re-added by the monitor.
# 3. A leg failed by md (`mdadm --fail`, as md would on an error): list
#    says degraded; memload 1.0 x MemTotal runs on the one leg (the
#    bitmap marks what it writes); `swapnetctl monitor` started meanwhile
#    re-adds the leg by itself (--re-add: a bitmap resync), every page
#    verified, the array in sync again; then md's own check compares the
#    two legs: mismatch_cnt 0.
# 4. `swapnetctl stop`: swapoff, mdadm --stop, both legs detached.
# lab-suite: full
# lab-servers: 2
# lab-timeout: 1800
# lab-mods: raid1
# lab-bins: mdadm
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=swapnet-mirror
PATH=$PATH:/usr/sbin:/sbin
export PATH
/usr/sbin/depmod -a
/usr/sbin/modprobe raid1 || { lab_fail "modprobe raid1 failed"; lab_exit; }
command -v mdadm >/dev/null || { lab_fail "no mdadm in PATH (lab-bins)"; lab_exit; }
[ -n "${SERVER2_IP:-}" ] || { lab_fail "no SERVER2_IP: needs lab-servers: 2"; lab_exit; }
lab_meminfo

# 1. up from swapnet.conf
cat > /etc/swapnet.conf <<CONF
nfs://$SERVER_IP/export/mirror.swap  name=mir,mirror=nfs://$SERVER2_IP/export/mirror.swap
CONF
swapnetctl start --dry-run
swapnetctl start || { lab_fail "swapnetctl start (mirror=) failed"; lab_exit; }
cat /proc/swaps /proc/mdstat
a='' b=''
for d in /sys/block/swapnet*; do
	case $(cat "$d/swapnet/server") in
	"$SERVER2_IP") b=${d##*/} ;;
	"$SERVER_IP") a=${d##*/} ;;
	esac
done
[ -n "$a" ] && [ -n "$b" ] || { lab_fail "no two legs after start (a='$a' b='$b')"; swapnetctl list; lab_exit; }
md=
for h in /sys/block/"$a"/holders/md*; do [ -e "$h" ] && md=${h##*/}; done
[ -n "$md" ] && [ -e "/sys/block/$b/holders/$md" ] ||
	{ lab_fail "no md array holds both $a and $b"; lab_exit; }
echo "$me: legs $a (server) and $b (server2) under $md; /dev/md/swapnet-mir -> $(readlink /dev/md/swapnet-mir)"
grep -q "^/dev/$md " /proc/swaps || lab_fail "/dev/$md is not the swap device"
mdv() { cat "/sys/block/$md/md/$1"; }
for l in $a $b; do
	[ "$(cat /sys/block/$l/swapnet/for_swap)" = 1 ] || lab_fail "$l: leg not attached for swap"
	grep -q failfast "/sys/block/$md/md/dev-$l/state" || lab_fail "$l: leg not failfast ($(cat "/sys/block/$md/md/dev-$l/state"))"
done
[ "$(cat "/sys/block/$md/md/bitmap/location" 2>/dev/null)" != none ] || lab_fail "$md has no write-intent bitmap"
swapnetctl list | tee /tmp/list.txt
grep -q "mirror state: in sync" /tmp/list.txt || lab_fail "list does not say the mirror is in sync"
swapnetctl -j list | grep -q '"status":"in sync"' || lab_fail "list -j: mirror status is not in sync"

# 2. a verifying workload; server2 frozen for 10 s in the middle
swapped() { echo $(($(lab_vmstat pswpout) + $(lab_vmstat pswpin))); }
out_above() { [ "$(lab_vmstat pswpout)" -gt "$1" ]; }
p0=$(lab_vmstat pswpout)
lab_log "$me: memload 1.2 x MemTotal on $md"
( lab_memload "$me" -p 2 -r 1.2 -f 0.03; echo $? > /tmp/ml1.rc ) &
ml=$!
if lab_wait 600 out_above $((p0 + 8000)); then
	lab_log "$me: swap-out under way ($(($(lab_vmstat pswpout) - p0)) pages): server2 frozen for 10 s"
	lab_server2 stop 10
	t0=$(date +%s) last=$(swapped) flat=0 maxflat=0 i=0
	# sample for 40 s: the longest time swap I/O made no progress
	while [ $i -lt 80 ]; do
		sleep 0.5
		now=$(swapped)
		if [ "$now" = "$last" ]; then flat=$((flat + 1)); else flat=0; fi
		[ $flat -gt $maxflat ] && maxflat=$flat
		last=$now i=$((i + 1))
	done
	echo "$me: pswpout+pswpin (counted at submission) paused at most $((maxflat / 2)).$((maxflat % 2 * 5)) s around the 10 s freeze (from $t0)"
else
	lab_fail "memload did not swap out 8000 pages within 600 s: server2 never frozen"
fi
wait $ml
[ "$(cat /tmp/ml1.rc 2>/dev/null)" = 0 ] || lab_fail "memload over the mirror (server2 frozen 10 s) failed: $(tail -n 3 /tmp/memload.out)"
cat /proc/mdstat
echo "$me: after the freeze: array_state $(mdv array_state) degraded $(mdv degraded) sync_action $(mdv sync_action) $a $(cat /sys/block/$md/md/dev-$a/state) $b $(cat /sys/block/$md/md/dev-$b/state)"
# today: hard semantics, md never sees an error, the leg stays in
[ "$(mdv degraded)" = 0 ] || lab_fail "$md degraded after a 10 s freeze: the module failed a request (expected only with failfast support)"
lab_wait 60 sh -c "[ \$(cat /sys/block/$md/md/sync_action) = idle ]" || lab_fail "$md not idle after the freeze"
swapnetctl list | grep "mirror state" | grep -q "in sync" || lab_fail "list: not in sync after the freeze"

# 3. md fails a leg; the monitor puts it back
mdadm --manage "/dev/$md" --fail "/dev/$b" || lab_fail "mdadm --fail $b"
swapnetctl list | tee /tmp/list.txt
grep -q "mirror state: degraded: $b faulty" /tmp/list.txt || lab_fail "list does not say $b is faulty"
swapnetctl -j list | grep -q '"status":"degraded"' || lab_fail "list -j: mirror status is not degraded"
swapnetctl metrics | grep '^swapnet_mirror_' | tee /tmp/metrics.txt
grep -q "^swapnet_mirror_degraded{md=\"$md\",.*} 1$" /tmp/metrics.txt || lab_fail "metrics: swapnet_mirror_degraded is not 1"
p0=$(lab_vmstat pswpout)
lab_log "$me: memload 1.0 x MemTotal on $md with $b failed"
( lab_memload "$me" -p 2 -r 1.0 -f 0.03; echo $? > /tmp/ml2.rc ) &
ml=$!
lab_wait 600 out_above $((p0 + 4000)) ||
	lab_fail "memload did not swap out 4000 pages on the degraded mirror"
lab_log "$me: swapnetctl monitor started"
swapnetctl monitor --interval 1 2> /tmp/monitor.log &
mon=$!
lab_wait 120 grep -q "$b re-added" /tmp/monitor.log || lab_fail "the monitor did not re-add $b within 120 s"
wait $ml
[ "$(cat /tmp/ml2.rc 2>/dev/null)" = 0 ] || lab_fail "memload on the degraded, then recovering mirror failed: $(tail -n 3 /tmp/memload.out)"
lab_wait 600 sh -c "[ \$(cat /sys/block/$md/md/degraded) = 0 ] && [ \$(cat /sys/block/$md/md/sync_action) = idle ]" ||
	lab_fail "$md not in sync 600 s after the re-add ($(cat /proc/mdstat | tr '\n' ' '))"
kill "$mon"
wait "$mon"
cat /tmp/monitor.log
grep -q "^swapnetctl: monitor: $md: $b faulty and answers again: mdadm --manage /dev/$md --remove (faulty), then --re-add /dev/$b" /tmp/monitor.log ||
	lab_fail "the monitor's log does not name the re-add"
swapnetctl list | grep "mirror state" | grep -q "in sync" || lab_fail "list: not in sync after the re-add"
# the two legs hold the same data: md's own comparison
echo check > "/sys/block/$md/md/sync_action"
lab_wait 900 sh -c "[ \$(cat /sys/block/$md/md/sync_action) = idle ]" || lab_fail "md check did not finish in 900 s"
echo "$me: md check: mismatch_cnt $(mdv mismatch_cnt)"
[ "$(mdv mismatch_cnt)" = 0 ] || lab_fail "the legs differ after the re-add: mismatch_cnt $(mdv mismatch_cnt)"

# 4. down in order
swapnetctl stop || lab_fail "swapnetctl stop"
[ -e "/sys/block/$md" ] && lab_fail "$md still there after stop"
for d in /sys/block/swapnet*; do
	[ -e "$d" ] && lab_fail "${d##*/} left attached after stop"
done
grep -q "^/dev/$md " /proc/swaps && lab_fail "$md still swapped on"
lab_exit

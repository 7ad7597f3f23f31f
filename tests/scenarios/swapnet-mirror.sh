# mirror= (issue 22 part 2): swap on md raid1 over two swapnet devices
# on two servers, built by swapnetctl start from a swapnet.conf line,
# under a verifying workload while first one server, then the other,
# stops answering for good (as far as the workload can tell).
# 1. `swapnetctl start` with `URL1 mirror=URL2`: both legs attached for
#    swap, /dev/md/swapnet-mir (raid1, internal bitmap, failfast legs),
#    swap on it; list (text and -j) says "in sync".  `swapnetctl
#    monitor` runs from here on (as swapnet-monitor.service would).
# 2. memload 2 processes x 1.2 x MemTotal, every page verified; when
#    swap-out is well under way server2 is frozen (`lab_server2 stop 90`:
#    no reply, no RST, as a node whose power was cut; the host lets it
#    go on after 90 s).  The module fails md's failfast requests to it
#    after failfast_timeo (5 s) and a fence: I/O on the md device
#    stalls at most 10 s (for 30 s from the request, with nothing else
#    started: no time in which md had READs, or WRITEs, in flight and
#    completed none lasts over 10 s; mirrorwatch samples md every 0.1 s,
#    locked in memory, without forking; a shell sampler that forks is
#    reported beside it: a process that needs memory); md fails that
#    leg; the leg says NOT_RESPONDING "fenced", sysfs fences
#    counts it; list and metrics say degraded.  memload verifies every
#    page, nothing is killed.  When server2 is back, the monitor re-adds
#    the leg by itself and md resyncs it (bitmap): in sync again.
# 3. The OTHER server: memload again, and server1's cable is pulled for
#    90 s (the lab has no stop for server1; a pulled cable is the same
#    silence to the client): at most 10 s stall, md fails that leg,
#    every page verifies from the resynced one; the monitor re-adds it
#    after the plug; in sync; md's check compares the legs: mismatch_cnt
#    0.
# 4. A lying server: memload (2 x 1.0 x MemTotal, --slots, --detect)
#    writes, lists its pages in swap and waits; server1 overwrites two
#    words of one of those slots in its file (its leg's block at the
#    slot's offset plus md's data offset; swapnet-mirror.server.sh),
#    with server2's leg write-mostly for the phase so that md reads the
#    lying leg; memload reads everything back: every page verifies, none
#    lost, nothing killed; the kernel names the block (verify error on
#    server1's leg), md fails that leg and reads the other.  Then the
#    monitor re-adds it, waits for the resync, runs md's repair over the
#    block's region and says so (one line per region, mismatch_cnt); on
#    the servers (the files read with O_DIRECT over NFS) the block is
#    the same on both legs, without the corrupted words.  Without the
#    monitor's repair (run with 73dfaee's swapnetctl on 6.1), the re-add
#    left the block as the server corrupted it: no repair line, the
#    words still in server1's file, the blocks different, and md's
#    check at the end found mismatch_cnt 128 (its 64 KiB read unit).
# 5. `swapnetctl stop`: swapoff, mdadm --stop, both legs detached.
# Before the module's failfast support (hard semantics only) the frozen
# leg never failed: I/O waited for server2 (step 2 fails on the stall
# and on md not failing the leg).
# lab-suite: full
# lab-servers: 2
# lab-timeout: 1800
# lab-mods: raid1
# lab-bins: mdadm tests/workloads/mirrorwatch
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
# md raid1 before 6.11 does not inherit the legs' stable writes: a page
# could change between the legs' writes (mismatch_cnt) or under a
# leg's checksum.  swapnetctl sets it before swapon.
[ "$(cat "/sys/block/$md/queue/stable_writes")" = 1 ] ||
	lab_fail "$md does not require stable writes"
mdv() { cat "/sys/block/$md/md/$1"; }
for l in $a $b; do
	[ "$(cat /sys/block/$l/swapnet/for_swap)" = 1 ] || lab_fail "$l: leg not attached for swap"
	grep -q failfast "/sys/block/$md/md/dev-$l/state" || lab_fail "$l: leg not failfast ($(cat "/sys/block/$md/md/dev-$l/state"))"
done
[ "$(cat "/sys/block/$md/md/bitmap/location" 2>/dev/null)" != none ] || lab_fail "$md has no write-intent bitmap"
# both legs in one mirror group (neither fences alone): sysfs and list
g=$(cat /sys/block/$a/swapnet/mirror_group)
[ "$g" != 0 ] && [ "$g" = "$(cat /sys/block/$b/swapnet/mirror_group)" ] || lab_fail "legs not in one mirror group ($g, $(cat /sys/block/$b/swapnet/mirror_group))"
swapnetctl list | tee /tmp/list.txt
grep -q "mirror state: in sync" /tmp/list.txt || lab_fail "list does not say the mirror is in sync"
[ "$(grep -c "^    mirror group $g\$" /tmp/list.txt)" = 2 ] || lab_fail "list does not show mirror group $g on both legs"
swapnetctl -j list | grep -q '"status":"in sync"' || lab_fail "list -j: mirror status is not in sync"

lab_log "$me: swapnetctl monitor started"
swapnetctl monitor --interval 1 2> /tmp/monitor.log &
mon=$!

out_above() { [ "$(lab_vmstat pswpout)" -gt "$1" ]; }
# requests completed on the md device (reads + writes, /sys/block/MD/stat)
mdio() { awk '{ print $1 + $5 }' "/sys/block/$md/stat"; }
# stall_watch SECS [SINCE]: for SECS s, the longest time in which no request on
# the md device completed (/sys/block/MD/stat: reads + writes), in
# centiseconds, from the sample before a change to the sample that saw
# it: an upper bound (a sampler that was itself held counts as a stall;
# SINCE, cs, if given, is the first sample's time: a first fork that
# waited counts).
# No exec in the loop.  Prints "MAXGAP CHANGES FROM TO" (FROM, TO: the
# uptime in cs at the ends of that gap, to set beside the kernel log).
stall_watch() {
	local end t r w now last lastt gap maxgap=0 from=0 to=0 changes=0
	t=$(lab_uptime_cs)
	end=$((t + $1 * 100))
	read -r r _ _ _ w _ < "/sys/block/$md/stat"
	last=$((r + w)) lastt=${2:-$t}
	while t=$(lab_uptime_cs); [ "$t" -lt "$end" ]; do
		read -r r _ _ _ w _ < "/sys/block/$md/stat"
		now=$((r + w))
		if [ "$now" != "$last" ]; then
			gap=$((t - lastt))
			[ $gap -gt $maxgap ] && maxgap=$gap from=$lastt to=$t
			last=$now lastt=$t changes=$((changes + 1))
		fi
		sleep 0.2
	done
	gap=$((t - lastt))
	[ $gap -gt $maxgap ] && maxgap=$gap from=$lastt to=$t
	echo "$maxgap $changes $from $to"
}
# mw_start: mirrorwatch (tests/workloads/mirrorwatch.c) samples, every
# 0.1 s until mw_stop, md's completed requests, array_state, the legs'
# md state and swapnet's reads, writes, inflight, parked writes and
# reads, md's reads and writes in flight, and where raid1d, memload and
# kswapd sleep (wchan): locked in memory, it allocates nothing per
# sample, so that its gaps are md's and not its own (the shell sampler
# of stall_watch forks, and a fork waits for memory under this
# pressure).  Started before the workload, it finds memload by itself.
# When md completes nothing for 3 s it has the kernel log the blocked
# tasks (sysrq w).
mw_col() {
	local n=0 f
	for f in $LAB_SWAPNET_STAT_FIELDS; do
		n=$((n + 1))
		[ "$f" = "$1" ] && echo $n && return 0
	done
	return 1
}
mw_start() {
	local c
	c=$(mw_col reads),$(mw_col writes),$(mw_col inflight),$(mw_col parked_writes),$(mw_col parked_reads)
	rm -f /tmp/mw.ready
	mirrorwatch -w 3 /tmp/mw.ready "/sys/block/$md/stat" \
		"mdif=/sys/block/$md/inflight@1,2" "array=/sys/block/$md/md/array_state" \
		"md$a=/sys/block/$md/md/dev-$a/state" "md$b=/sys/block/$md/md/dev-$b/state" \
		"$a=/sys/block/$a/swapnet/stat@$c" "$b=/sys/block/$b/swapnet/stat@$c" \
		"+${md}_raid1" +memload +kswapd0 > /tmp/mw.log 2> /tmp/mw.err &
	mw=$!
	lab_wait 30 test -e /tmp/mw.ready || lab_fail "mirrorwatch not sampling after 30 s ($(cat /tmp/mw.err))"
}
# mw_stop SINCE: end the watch; into /tmp/mw.result "MAXGAP CHANGES FROM
# TO HELD" (call it in this shell, not in $(...): it waits for the
# watch, a child of this shell) for
# the samples from uptime SINCE (cs) on: the longest time in which md
# had READs in flight and completed none, or WRITEs and completed none
# (/sys/block/MD/inflight; from the sample that last saw a completion
# or nothing waiting, to the one that saw the next completion: an upper
# bound), its ends, the completions seen, and the watch's own longest
# time without a sample (its stall is not measured: HELD).  Then the
# samples around that gap: every one whose states changed,
# one a second besides.
mw_stop() {
	local r
	kill "$mw" 2>/dev/null
	wait "$mw" || lab_fail "mirrorwatch failed ($(cat /tmp/mw.err))"
	cat /tmp/mw.err
	r=$(awk -v since="$1" '
		$1 != "S" { next }
		{ t = int($2 * 100 + 0.5) }
		t < since { next }
		{
			split("", f)
			for (i = 6; i <= NF; i++) if ($i ~ /^mdif=/) split(substr($i, 6), f, ",")
		}
		!n++ {
			last[1] = $3; last[2] = $4; lastt[1] = lastt[2] = t
			first = t; prev = t; next
		}
		t - prev > held { held = t - prev }
		{ prev = t }
		{
			for (d = 1; d <= 2; d++) {
				v = $(2 + d)
				if (v != last[d]) {
					if (t - lastt[d] > maxgap) { maxgap = t - lastt[d]; from = lastt[d]; to = t }
					last[d] = v; lastt[d] = t; changes++
				} else if (f[d] == 0) {
					lastt[d] = t	# nothing waiting
				}
			}
		}
		END {
			for (d = 1; d <= 2; d++)
				if (t - lastt[d] > maxgap) { maxgap = t - lastt[d]; from = lastt[d]; to = t }
			if (first - since > held) held = first - since
			printf "%d %d %d %d %d\n", maxgap, changes, from, to, held
		}' /tmp/mw.log)
	echo "$r" > /tmp/mw.result
	awk -v from="${r#* * }" '
		BEGIN { split(from, w, " "); from = w[1]; to = w[2] }
		{ t = int($2 * 100 + 0.5) }
		t < from - 200 || t > to + 200 { next }
		{ k = ""; for (i = 6; i <= NF; i++) if ($i !~ /^(swapnet|mdif=)/) k = k " " $i }
		k != lastk || t >= lastp + 100 { print "mw: " $0; lastk = k; lastp = t }' /tmp/mw.log
}
leg_faulty() { grep -q faulty "/sys/block/$md/md/dev-$1/state"; }
in_sync() { [ "$(mdv degraded)" = 0 ] && [ "$(mdv sync_action)" = idle ]; }
# fail_over WHO LEG SINCE: the stall after WHO stopped answering, md
# failing LEG, the fence on LEG (called right after the stop/cut
# request; SINCE: the uptime in cs just before it, read without a fork:
# the request and the first sample after it fork, and under this
# pressure a fork waits for memory: measured from after them, both
# samplers started up to 5.5 s into the stall and missed it).
cs() { echo "$(($1 / 100)).$(($1 % 100 / 10))"; }
fail_over() {
	local who="$1" leg="$2" since="$3" r gap n from to held reason
	# first the stall, with nothing else started beside the workload:
	# the shell's (a process that forks), then mirrorwatch's (md's)
	r=$(stall_watch 30 "$since")
	gap=${r%% *} r=${r#* }
	n=${r%% *} r=${r#* }
	from=${r%% *} to=${r#* }
	echo "$me: $who silent: a forking sampler saw no request complete on $md for $(cs "$gap") s (uptime $(cs "$from") to $(cs "$to"); $n changes of its completed requests in 30 s)"
	mw_stop "$since"
	read -r gap n from to held < /tmp/mw.result
	echo "$me: $who silent: I/O on $md stalled at most $(cs "$gap") s (reads or writes waiting, none completed; mirrorwatch: uptime $(cs "$from") to $(cs "$to"); $n changes of its completed requests; the watch's own longest gap $(cs "$held") s)"
	[ "$held" -le 100 ] || lab_fail "$who silent: mirrorwatch itself took no sample for $(cs "$held") s: the stall above is not measured"
	[ "$n" -gt 0 ] || lab_fail "$who silent: no request completed on $md in 30 s"
	[ "$gap" -le 1000 ] || lab_fail "$who silent: I/O on $md stalled $(cs "$gap") s (> 10 s)"
	# then, while WHO is still silent (90 s in all): md, the leg, list
	lab_wait 30 leg_faulty "$leg" ||
		lab_fail "$who silent: md did not fail $leg ($(cat "/sys/block/$md/md/dev-$leg/state"))"
	reason=$(lab_swapnet_attr "$leg" reason)
	echo "$me: $leg: state $(lab_swapnet_state "$leg"), reason '$reason', fences $(lab_swapnet_attr "$leg" fences), failfast_timeo $(lab_swapnet_attr "$leg" failfast_timeo)"
	lab_state_is "$leg" NOT_RESPONDING || lab_fail "$leg is not NOT_RESPONDING while $who is silent"
	case $reason in *fenced*) ;; *) lab_fail "$leg: the reason does not say fenced" ;; esac
	[ "$(lab_swapnet_attr "$leg" fences | cut -d' ' -f1)" -ge 1 ] || lab_fail "$leg: sysfs fences did not count the fence"
	swapnetctl list > /tmp/list.txt
	swapnetctl -j list > /tmp/list.json
	swapnetctl metrics | grep '^swapnet_mirror_' > /tmp/metrics.txt
	grep "mirror state" /tmp/list.txt
	grep -q "mirror state: degraded: $leg faulty" /tmp/list.txt || lab_fail "list does not say $leg is faulty"
	grep -q '"status":"degraded"' /tmp/list.json || lab_fail "list -j: mirror status is not degraded"
	grep -q "^swapnet_mirror_degraded{md=\"$md\",.*} 1$" /tmp/metrics.txt || lab_fail "metrics: swapnet_mirror_degraded is not 1"
}
# back LEG: the monitor re-adds LEG by itself, md resyncs it.
back() {
	local leg="$1"
	lab_wait 180 grep -q "$leg re-added" /tmp/monitor.log ||
		lab_fail "the monitor did not re-add $leg within 180 s of its server's return"
	lab_wait 600 in_sync ||
		lab_fail "$md not in sync 600 s after the re-add of $leg ($(tr '\n' ' ' < /proc/mdstat))"
	lab_state_is "$leg" OK || lab_fail "$leg not OK after the re-add ($(lab_swapnet_state "$leg"))"
	swapnetctl list | grep "mirror state" | grep -q "in sync" || lab_fail "list: not in sync after the re-add of $leg"
}

# 2. a verifying workload; server2 stops answering in the middle
p0=$(lab_vmstat pswpout)
lab_log "$me: memload 1.2 x MemTotal on $md"
mw_start
( lab_memload "$me" -p 2 -r 1.2 -f 0.03; echo $? > /tmp/ml1.rc ) &
ml=$!
if lab_wait 600 out_above $((p0 + 8000)); then
	lab_log "$me: swap-out under way ($(($(lab_vmstat pswpout) - p0)) pages): server2 frozen (90 s)"
	lab_now
	lab_server2 stop 90
	fail_over server2 "$b" "$LAB_NOW"
else
	lab_fail "memload did not swap out 8000 pages within 600 s: server2 never frozen"
	kill "$mw"
fi
wait $ml
[ "$(cat /tmp/ml1.rc 2>/dev/null)" = 0 ] || lab_fail "memload over the mirror (server2 frozen) failed: $(tail -n 3 /tmp/memload.out)"
back "$b"
grep -q "^swapnetctl: monitor: $md: $b faulty and answers again: mdadm --manage /dev/$md --remove (faulty), then --re-add /dev/$b" /tmp/monitor.log ||
	lab_fail "the monitor's log does not name the re-add of $b"

# 3. the other server: server1's cable pulled for 90 s
p0=$(lab_vmstat pswpout)
lab_log "$me: memload 1.2 x MemTotal on $md, then server1 silent"
mw_start
( lab_memload "$me" -p 2 -r 1.2 -f 0.03; echo $? > /tmp/ml2.rc ) &
ml=$!
if lab_wait 600 out_above $((p0 + 8000)); then
	lab_log "$me: swap-out under way ($(($(lab_vmstat pswpout) - p0)) pages): server1's cable pulled (90 s)"
	lab_now
	lab_cut_link 90
	fail_over server1 "$a" "$LAB_NOW"
else
	lab_fail "memload did not swap out 8000 pages within 600 s: server1 never cut"
	kill "$mw"
fi
wait $ml
[ "$(cat /tmp/ml2.rc 2>/dev/null)" = 0 ] || lab_fail "memload over the mirror (server1 silent) failed: $(tail -n 3 /tmp/memload.out)"
back "$a"

# 4. words corrupted on server1's leg, read back through md, repaired
lab_log "$me: memload with --slots; server1 corrupts one of its slots"
mkdir -p /mnt/s1 /mnt/s2
for s in "1 $SERVER_IP" "2 $SERVER2_IP"; do
	mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
		"${s#* }:/export" "/mnt/s${s%% *}" || lab_fail "cannot mount ${s#* }:/export"
done
doff=$(cat "/sys/block/$md/md/dev-$a/offset")
echo writemostly > "/sys/block/$md/md/dev-$b/state" ||
	lab_fail "cannot make $b write-mostly"
echo "$me: $b: $(cat "/sys/block/$md/md/dev-$b/state"); md data offset $doff sectors"
rm -rf /tmp/ml && mkdir -p /tmp/ml
memload -p 2 -r 1.0 -f 0.1 --detect --slots /tmp/ml > /tmp/memload4.out 2>&1 &
load=$!
ready() { [ -f /tmp/ml/ready.0 ] && [ -f /tmp/ml/ready.1 ]; }
# the block of a leg at byte offset $2 in server $1's file (O_DIRECT)
block() { dd if="/mnt/s$1/mirror.swap" bs=512 skip=$(($2 / 512)) count=8 iflag=direct 2>/dev/null; }
legoff=
if lab_wait 600 ready; then
	# an early page of process 0: swapped out long ago, not in the
	# swap cache, so reading it back reads the device (the md device
	# is the only swap area)
	slot=$(awk '++n == 16 { print $3; exit }' /tmp/ml/slots.0)
	if [ -n "$slot" ]; then
		legoff=$((slot + doff * 512))
		rm -f /mnt/s1/corrupt.done
		echo "$legoff" > /mnt/s1/corrupt.tmp
		mv /mnt/s1/corrupt.tmp /mnt/s1/corrupt.req
		lab_wait 60 test -f /mnt/s1/corrupt.done || lab_fail "server1 did not corrupt"
		block 1 "$legoff" | grep -q 'CORRUPT!' ||
			lab_fail "the corrupted words are not in server1's file at $legoff"
		echo "$me: slot at swap offset $slot: server1's leg corrupted at byte $legoff ($(grep -c . /tmp/ml/slots.0) pages of process 0 in swap)"
	else
		lab_fail "process 0 has no 16 pages in swap"
	fi
else
	lab_fail "memload did not list its slots"
fi
touch /tmp/ml/go
wait $load
mrc=$?
res=$(grep '^memload: result=' /tmp/memload4.out || true)
echo "$res"
echo "$me: corrupted read back: memload status $mrc, mismatches $(echo "$res" | sed -n 's/.* mismatches=\([0-9]*\) .*/\1/p'), lost_pages $(echo "$res" | sed -n 's/.* lost_pages=\([0-9]*\).*/\1/p'), killed $(echo "$res" | sed -n 's/.* killed=\([0-9]*\) .*/\1/p')"
[ "$mrc" = 0 ] || lab_fail "memload over the corrupted leg: status $mrc ($(tail -n 3 /tmp/memload4.out))"
echo "$res" | grep -q ' mismatches=0 ' || lab_fail "wrong words reached the process"
echo "$res" | grep -q ' lost_pages=0' || lab_fail "pages were lost (SIGBUS) though the other leg had them"
if [ -n "$legoff" ]; then
	dmesg | grep -q "$a: verify error: 4 KiB at offset $legoff of " ||
		lab_fail "no verify error on $a at $legoff: the corrupted block was never read from $a"
	lab_wait 300 grep -q "$a: every block that failed verification is repaired" /tmp/monitor.log ||
		lab_fail "the monitor did not repair $a within 300 s of the read-back"
	lab_wait 300 in_sync || lab_fail "$md not in sync after the repair"
	grep "repair of $a" /tmp/monitor.log
	s1=$(block 1 "$legoff" | md5sum) s2=$(block 2 "$legoff" | md5sum)
	echo "$me: the block on server1 ${s1%% *}, on server2 ${s2%% *}"
	block 1 "$legoff" | grep -q 'CORRUPT!' &&
		lab_fail "the corrupted words are still in server1's file at $legoff"
	[ "$s1" = "$s2" ] || lab_fail "the block at $legoff differs between the legs after the repair"
fi
echo -writemostly > "/sys/block/$md/md/dev-$b/state" || lab_fail "cannot clear write-mostly on $b"
umount /mnt/s1 /mnt/s2 || true

kill "$mon"
wait "$mon"
cat /tmp/monitor.log
dmesg | grep -qi "killed process" && lab_fail "a process was killed (dmesg)"
dmesg | grep -E "swapnet|md/raid1|md: " | tail -n 40
# the two legs hold the same data: md's own comparison
echo check > "/sys/block/$md/md/sync_action"
lab_wait 900 sh -c "[ \$(cat /sys/block/$md/md/sync_action) = idle ]" || lab_fail "md check did not finish in 900 s"
echo "$me: md check: mismatch_cnt $(mdv mismatch_cnt)"
[ "$(mdv mismatch_cnt)" = 0 ] || lab_fail "the legs differ after the re-adds: mismatch_cnt $(mdv mismatch_cnt)"

# 5. down in order
swapnetctl stop || lab_fail "swapnetctl stop"
[ -e "/sys/block/$md" ] && lab_fail "$md still there after stop"
for d in /sys/block/swapnet*; do
	[ -e "$d" ] && lab_fail "${d##*/} left attached after stop"
done
grep -q "^/dev/$md " /proc/swaps && lab_fail "$md still swapped on"
lab_exit

# swapnetctl attach errors: a bad URL, a wrong path or export, a dead
# server, a file with holes, too small or too open, a directory, bad options
# and a caller without privileges each give one clear line on stderr
# ("swapnetctl: ..."), the documented exit status (1 usage, 2 kernel or
# server error) and leave no device behind.  A good attach/detach runs
# first and last so a broken harness cannot pass.
# The control plane: only root sees the file handle, uid and gid; a
# duplicate attach by handle is refused by the kernel; DEV_ADD to a server
# that drops every packet fails within 10 s while `swapnetctl list`
# answers within 1 s; a plain detach of a device with requests stuck on a
# dead server is refused within 2 s, `detach --force` removes it (the
# requests fail, dd gets an error, the kernel says the data is lost), also
# with buffered writeback in flight (the writer's fsync fails);
# writable module parameters refuse out-of-range values.
# lab-suite: check
# lab-kernels: all
# lab-timeout: 600
# lab-bins: setpriv
. /lab/lib.sh
S=$SERVER_IP
# On the link but nobody there: ARP gets no answer.
DEAD=10.99.0.3
fails=0
n=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

devices_left() {
	swapnetctl list 2>&1
	ls /sys/block | grep '^swapnet' || true
}

# expect STATUS PATTERN MAXSECONDS CMD...: CMD exits with STATUS, prints
# exactly one line on stderr matching "swapnetctl: .*PATTERN", nothing on
# stdout, within MAXSECONDS, and no swapnet device exists afterwards.
expect() {
	want=$1 pat=$2 max=$3
	shift 3
	n=$((n + 1))
	t0=$(date +%s)
	timeout $((max + 30)) "$@" > /tmp/out 2> /tmp/err
	rc=$?
	dt=$(($(date +%s) - t0))
	echo "[$n] $* -> $rc in ${dt}s: $(cat /tmp/err)"
	[ "$rc" -eq "$want" ] || fail "[$n] exit status $rc, want $want"
	[ "$(wc -l < /tmp/err)" -eq 1 ] || fail "[$n] stderr is not one line"
	grep -q "^swapnetctl: .*$pat" /tmp/err || fail "[$n] stderr lacks '$pat'"
	[ -s /tmp/out ] && fail "[$n] unexpected stdout: $(cat /tmp/out)"
	[ "$dt" -le "$max" ] || fail "[$n] took ${dt}s, more than ${max}s"
	left=$(devices_left)
	[ -z "$left" ] || fail "[$n] device left behind: $left"
}

good() {
	dev=$(swapnetctl attach "nfs://$S/export/good")
	rc=$?
	[ "$rc" -eq 0 ] && [ "$dev" = /dev/swapnet0 ] ||
		fail "good attach: status $rc, printed '$dev'"
	[ -b /dev/swapnet0 ] || fail "good attach: no /dev/swapnet0"
	swapnetctl list | grep -q '^swapnet0 .*/export/good' ||
		fail "good attach: not in list"
	# the same file twice: refused, the first device stays alone
	swapnetctl attach "nfs://$S/export/good" > /tmp/out 2> /tmp/err
	rc=$?
	echo "[dup] -> $rc: $(cat /tmp/err)"
	[ "$rc" -eq 2 ] && grep -q "already attached as /dev/swapnet0" /tmp/err ||
		fail "second attach of the same file: status $rc"
	[ "$(swapnetctl list | wc -l)" -eq 2 ] ||
		fail "second attach of the same file: $(swapnetctl list)"
	swapnetctl detach swapnet0 || fail "good detach"
	left=$(devices_left)
	[ -z "$left" ] || fail "good detach: device left behind: $left"
}

modprobe swapnet || { echo "FAIL: modprobe swapnet"; exit 1; }
good

lab_log "swapnetctl-attach-errors: bad URLs and options"
expect 1 "no path" 2 swapnetctl attach "nfs://$S"
expect 1 "nfs://" 2 swapnetctl attach "http://$S/export/good"
expect 1 "port" 2 swapnetctl attach "nfs://$S:0/export/good"
expect 1 "unterminated" 2 swapnetctl attach "nfs://[fd00::1/export/good"
expect 1 "name a file" 2 swapnetctl attach "nfs://$S/export/"
expect 1 "not allowed" 2 swapnetctl attach "nfs://$S/export/../etc/passwd"
expect 1 "missing URL" 2 swapnetctl attach
expect 1 "unknown option" 2 swapnetctl attach "nfs://$S/export/good" --bogus
expect 1 "multiple of 4096" 2 swapnetctl attach "nfs://$S/export/good" --rsize 1000
expect 1 "10..6000" 2 swapnetctl attach "nfs://$S/export/good" --timeo 5
expect 1 "unknown command" 2 swapnetctl frobnicate
expect 1 "not a swapnet device" 2 swapnetctl detach sda
expect 1 "not on NFS" 2 swapnetctl attach /etc/passwd
expect 1 "No such file" 2 swapnetctl attach /nonexistent/swapfile

lab_log "swapnetctl-attach-errors: wrong server, export, path"
expect 2 "cannot resolve server 'no-such-host.invalid'" 10 swapnetctl attach "nfs://no-such-host.invalid/export/good"
expect 2 "cannot reach NFS server $DEAD" 15 swapnetctl attach "nfs://$DEAD/export/good"
expect 2 "cannot reach NFS server $S ($S) port 2050: Connection refused" 10 swapnetctl attach "nfs://$S:2050/export/good"
expect 2 "cannot mount $S:/nonexport: not exported (exports: /export)" 15 swapnetctl attach "nfs://$S/nonexport/good"
expect 2 "$S:/export/missing: no such file on the server" 15 swapnetctl attach "nfs://$S/export/missing"
expect 2 "$S:/export/adir is not a regular file" 15 swapnetctl attach "nfs://$S/export/adir"

lab_log "swapnetctl-attach-errors: unusable files"
expect 2 "$S:/export/sparse has holes: 0 of 16777216" 15 swapnetctl attach "nfs://$S/export/sparse"
expect 2 "has holes" 15 swapnetctl attach "nfs://$S/export/partial"
expect 2 "too small: 262144 bytes" 15 swapnetctl attach "nfs://$S/export/small"
expect 2 "mode 0644, wider than 0600" 15 swapnetctl attach "nfs://$S/export/wide"
expect 2 "has holes" 15 swapnetctl swapon "nfs://$S/export/sparse"

lab_log "swapnetctl-attach-errors: not root"
# util-linux setpriv (lab-bins), not busybox's applet of the same name.
NOBODY="/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all"
$NOBODY true || { echo "FAIL: $NOBODY does not work"; exit 1; }
expect 2 "permission denied" 5 $NOBODY swapnetctl attach "nfs://$S/export/good"
expect 2 "permission denied" 5 $NOBODY swapnetctl swapon "nfs://$S/export/good"
expect 2 "permission denied" 5 $NOBODY swapnetctl detach swapnet0
# Listing is allowed to anyone, and empty.
out=$($NOBODY swapnetctl list 2>&1) || fail "list as nobody: $out"
[ -z "$out" ] || fail "list as nobody not empty: $out"

lab_log "swapnetctl-attach-errors: kernel rejections"
expect 2 "swapnet7" 5 swapnetctl detach swapnet7
expect 2 "no swapnet device is attached" 10 swapnetctl swapoff "nfs://$S/export/good"

lab_log "swapnetctl-attach-errors: paths on a kernel NFS mount"
mkdir -p /mnt/nfs
if mount -t nfs -o vers=3,nolock "$S:/export" /mnt/nfs; then
	dev=$(swapnetctl attach /mnt/nfs/good) || fail "attach by path"
	swapnetctl list | grep -q "^swapnet0 .* $S .*/export/good " ||
		fail "attach by path: list shows $(swapnetctl list)"
	swapnetctl detach "$dev" || fail "detach after attach by path"
	expect 2 "$S:/export/sparse has holes" 15 swapnetctl attach /mnt/nfs/sparse
	expect 1 "/mnt/nfs/nothere: No such file" 5 swapnetctl attach /mnt/nfs/nothere
	expect 1 "is the mount point" 5 swapnetctl attach /mnt/nfs
	umount /mnt/nfs
else
	fail "cannot mount $S:/export with the kernel client"
fi

lab_log "swapnetctl-attach-errors: IPv6"
ip addr add fd00::2/64 dev eth0
i=0
until ping -c 1 -W 1 fd00::1 > /dev/null 2>&1 || [ $i -ge 10 ]; do
	i=$((i + 1))
done
dev=$(swapnetctl attach "nfs://[fd00::1]/export/good") || fail "attach [fd00::1]"
swapnetctl list | grep -q "^swapnet0 .* fd00::1 .*/export/good " ||
	fail "attach [fd00::1]: list shows $(swapnetctl list)"
swapnetctl detach "$dev" || fail "detach after attach [fd00::1]"
expect 2 "cannot reach NFS server fd00::3 (fd00::3) port 2049" 15 \
	swapnetctl attach "nfs://[fd00::3]/export/good"

lab_log "swapnetctl-attach-errors: foreign signature"
# An ext2 file system (busybox mke2fs) made through the device itself must
# survive swapon, with and without --mkswap.
if dev=$(swapnetctl attach "nfs://$S/export/fs") &&
   mke2fs -F "$dev" > /dev/null && swapnetctl detach "$dev"; then
	expect 2 "refusing to use /dev/swapnet0 as swap: it holds ext2 data" 20 \
		swapnetctl swapon "nfs://$S/export/fs"
	expect 2 "it holds ext2 data" 20 \
		swapnetctl swapon "nfs://$S/export/fs" --mkswap
	dev=$(swapnetctl attach "nfs://$S/export/fs")
	[ "$(blkid -o value -s TYPE "$dev")" = ext2 ] || fail "ext2 signature lost"
	swapnetctl detach "$dev"
else
	fail "could not make an ext2 file system on nfs://$S/export/fs"
	swapnetctl detach swapnet0 2>/dev/null
fi

lab_log "swapnetctl-attach-errors: control plane"
# Monotonic seconds with centiseconds, as an integer (busybox date has no %N).
now_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }
# After lab_link on: wait (10 s at most) until the server answers again,
# so that a stale neighbour entry does not fail the next attach.
# link_down: pull the cable and wait until it is really down (the host
# acts on the request within about half a second: a fast attach could
# otherwise still reach the server).
link_down() {
	lab_link off
	i=0
	while ping -c 1 -W 1 "$S" > /dev/null 2>&1 && [ $i -lt 20 ]; do
		sleep 0.2
		i=$((i + 1))
	done
}

link_back() {
	lab_link on
	i=0
	until ping -c 1 -W 1 "$S" > /dev/null 2>&1 || [ $i -ge 10 ]; do
		i=$((i + 1))
	done
}
dev=$(swapnetctl attach "nfs://$S/export/good") || fail "ctl: attach good"
# The file handle is the key to the pages: root gets it, nobody does not;
# statistics are everyone's.
swapnetctl list -j > /tmp/root.json 2>&1 || fail "ctl: list -j as root"
$NOBODY swapnetctl list -j > /tmp/nobody.json 2>&1 || fail "ctl: list -j as nobody"
for k in file_handle uid gid reads; do
	grep -q "\"$k\"" /tmp/root.json || fail "ctl: root's list -j lacks $k"
done
for k in file_handle uid gid; do
	grep -q "\"$k\"" /tmp/nobody.json && fail "ctl: nobody's list -j has $k"
done
grep -q '"reads"' /tmp/nobody.json && grep -q '"swapnet0"' /tmp/nobody.json ||
	fail "ctl: nobody's list -j lacks the device or its statistics: $(cat /tmp/nobody.json)"
FH=$(tr -d ' \n' < /tmp/root.json | sed -n 's/.*"file_handle":"\([0-9a-f]*\)".*/\1/p')
[ -n "$FH" ] || fail "ctl: no file handle in $(cat /tmp/root.json)"
echo "ctl: file handle $FH"
# The same handle again, without any check in swapnetctl: the kernel says no.
swapnetctl attach --handle "$FH" --size 16M "nfs://$S/export/good" > /tmp/out 2> /tmp/err
rc=$?
echo "ctl: duplicate --handle -> $rc: $(cat /tmp/err)"
[ "$rc" -eq 2 ] && grep -q "already attached" /tmp/err ||
	fail "ctl: duplicate attach by handle: status $rc, $(cat /tmp/err)"
[ ! -e /sys/block/swapnet1 ] || fail "ctl: duplicate attach made swapnet1"
swapnetctl detach swapnet0 || fail "ctl: detach"

# DEV_ADD to a server that drops every packet: fails within 10 s, and
# meanwhile the control plane answers at once.
link_down
t0=$(now_cs)
( swapnetctl attach --handle "$FH" --size 16M "nfs://$S/export/good" > /tmp/dead.out 2> /tmp/dead.err
  echo $? > /tmp/dead.rc ) &
bg=$!
sleep 1
t1=$(now_cs)
swapnetctl list > /tmp/list.out 2>&1 || fail "ctl: list during a dead attach: $(cat /tmp/list.out)"
cat /sys/module/swapnet/parameters/timeo_ds > /dev/null
t2=$(now_cs)
echo "ctl: list during a dead attach took $(( (t2 - t1) * 10 )) ms"
[ $((t2 - t1)) -le 100 ] || fail "ctl: list took $(( (t2 - t1) * 10 )) ms during a dead attach"
wait $bg
t3=$(now_cs)
rc=$(cat /tmp/dead.rc)
echo "ctl: attach to a dead server -> $rc in $(( (t3 - t0) * 10 )) ms: $(cat /tmp/dead.err)"
[ "$rc" -eq 2 ] || fail "ctl: attach to a dead server: status $rc"
[ $((t3 - t0)) -le 1000 ] || fail "ctl: attach to a dead server took $(( (t3 - t0) * 10 )) ms"
grep -q "not answering\|unreachable" /tmp/dead.err ||
	fail "ctl: attach to a dead server: no reason given"
[ ! -e /sys/block/swapnet0 ] || fail "ctl: dead attach left a device"
link_back

# Forced detach: requests stuck on a dead server are failed, loudly.
dev=$(swapnetctl attach "nfs://$S/export/good") || fail "ctl: attach for forced detach"
link_down
dd if=/dev/urandom of=/dev/swapnet0 bs=64k count=16 oflag=direct 2> /tmp/dd.err &
ddpid=$!
sleep 2
t0=$(now_cs)
swapnetctl detach swapnet0 > /tmp/out 2> /tmp/err
rc=$?
t1=$(now_cs)
echo "ctl: plain detach with stuck requests -> $rc in $(( (t1 - t0) * 10 )) ms: $(cat /tmp/err)"
[ "$rc" -eq 2 ] && grep -q "does not answer" /tmp/err ||
	fail "ctl: plain detach with stuck requests: status $rc, $(cat /tmp/err)"
[ $((t1 - t0)) -le 200 ] || fail "ctl: plain detach took $(( (t1 - t0) * 10 )) ms"
[ -e /sys/block/swapnet0 ] || fail "ctl: refused detach removed the device"
t0=$(now_cs)
swapnetctl list | grep -q '^swapnet0 ' || fail "ctl: list lacks swapnet0"
t1=$(now_cs)
[ $((t1 - t0)) -le 100 ] || fail "ctl: list took $(( (t1 - t0) * 10 )) ms"
t0=$(now_cs)
swapnetctl detach --force swapnet0 || fail "ctl: detach --force"
t1=$(now_cs)
echo "ctl: detach --force took $(( (t1 - t0) * 10 )) ms"
[ $((t1 - t0)) -le 500 ] || fail "ctl: detach --force took $(( (t1 - t0) * 10 )) ms"
[ ! -e /sys/block/swapnet0 ] || fail "ctl: device still there after detach --force"
i=0
while kill -0 $ddpid 2> /dev/null && [ $i -lt 10 ]; do
	sleep 1
	i=$((i + 1))
done
kill -0 $ddpid 2> /dev/null && fail "ctl: dd still running after detach --force"
wait $ddpid
rc=$?
echo "ctl: dd -> $rc: $(cat /tmp/dd.err)"
[ "$rc" -ne 0 ] || fail "ctl: dd succeeded on a forced-away device"
link_back
dmesg | grep -q "swapnet0: forced removal: [0-9]* requests .* failed, their data is lost" ||
	fail "ctl: no loud log line for the lost requests"
dmesg | grep "swapnet0: forced\|killed" | tail -5
# Forced detach during buffered writeback: dirty page-cache pages of the
# device, their writeback stuck on the dead link, then detach --force:
# the writer's fsync fails (EIO), nothing hangs, no kernel warning.
dev=$(swapnetctl attach "nfs://$S/export/good") || fail "ctl: attach for buffered forced detach"
link_down
dd if=/dev/urandom of=/dev/swapnet0 bs=64k count=32 conv=fsync 2> /tmp/dd.err &
ddpid=$!
sleep 3
swapnetctl detach --force swapnet0 || fail "ctl: detach --force during buffered writeback"
[ ! -e /sys/block/swapnet0 ] || fail "ctl: device still there after detach --force (buffered)"
i=0
while kill -0 $ddpid 2> /dev/null && [ $i -lt 15 ]; do
	sleep 1
	i=$((i + 1))
done
kill -0 $ddpid 2> /dev/null && fail "ctl: buffered dd still running 15 s after detach --force"
wait $ddpid
rc=$?
echo "ctl: buffered dd -> $rc: $(cat /tmp/dd.err)"
[ "$rc" -ne 0 ] || fail "ctl: buffered dd (fsync) succeeded on a forced-away device"
link_back
# nothing left behind, and the device comes back
dev=$(swapnetctl attach "nfs://$S/export/good") || fail "ctl: attach after forced detach"
swapnetctl detach swapnet0 || fail "ctl: detach after forced detach"

# Writable module parameters are range-checked on every write.
for p in "timeo_ds 0" "timeo_ds 6001" "retrans 0" "retrans 11" "max_backoff_s 0"; do
	set -- $p
	old=$(cat /sys/module/swapnet/parameters/$1)
	echo "$2" > /sys/module/swapnet/parameters/$1 2> /dev/null &&
		fail "ctl: $1=$2 accepted"
	[ "$(cat /sys/module/swapnet/parameters/$1)" = "$old" ] ||
		fail "ctl: $1 changed to $(cat /sys/module/swapnet/parameters/$1)"
done
echo 20 > /sys/module/swapnet/parameters/timeo_ds || fail "ctl: timeo_ds=20 refused"
echo 600 > /sys/module/swapnet/parameters/timeo_ds

good
# swapon/swapoff of the good file, then the list is empty again.
dev=$(swapnetctl swapon "nfs://$S/export/good" --priority 7) ||
	fail "swapon good"
awk -v d="$dev" '$1 == d && $5 == 7 {ok = 1} END {exit !ok}' /proc/swaps || fail "swapon good: not in /proc/swaps: $(cat /proc/swaps)"
swapnetctl swapoff "$dev" || fail "swapoff good"
grep -q swapnet /proc/swaps && fail "swapoff good: still in /proc/swaps"
[ "$(swapnetctl list -j)" = "[]" ] ||
	fail "list -j not empty: $(swapnetctl list -j)"
rmmod swapnet || fail "rmmod swapnet"

echo "swapnetctl-attach-errors: $n cases, $fails failures"
[ "$fails" -eq 0 ] && echo "swapnetctl-attach-errors: PASS"
[ "$fails" -eq 0 ]

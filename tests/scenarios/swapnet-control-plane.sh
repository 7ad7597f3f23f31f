# The control plane while a server is dead (split out of
# swapnetctl-attach-errors): the same file handle attached twice is
# refused by the kernel (EEXIST); DEV_ADD to a server that drops every
# packet fails within 10 s while `swapnetctl list` answers within 1 s; a
# plain detach of a device with requests stuck on a dead server is
# refused within 2 s, `detach --force` removes it (the requests fail, dd
# gets an error, the kernel says the data is lost), also with buffered
# writeback in flight (the writer's fsync fails); the writable module
# parameters refuse out-of-range values.
# lab-suite: check
# lab-kernels: full
# lab-timeout: 300
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
S=$SERVER_IP
modprobe swapnet || { lab_fail "modprobe swapnet"; lab_exit; }

gone() { ! kill -0 "$1" 2> /dev/null; }

lab_log "swapnet-control-plane: the same handle twice"
swapnetctl attach "nfs://$S/export/good" || { lab_fail "attach good"; lab_exit; }
swapnetctl list -j > /tmp/root.json 2>&1 || lab_fail "list -j as root"
FH=$(tr -d ' \n' < /tmp/root.json | sed -n 's/.*"file_handle":"\([0-9a-f]*\)".*/\1/p')
[ -n "$FH" ] || lab_fail "no file handle in $(cat /tmp/root.json)"
echo "file handle $FH"
# The same handle again, without any check in swapnetctl: the kernel says no.
swapnetctl attach --handle "$FH" --size 16M "nfs://$S/export/good" > /tmp/out 2> /tmp/err
rc=$?
echo "duplicate --handle -> $rc: $(cat /tmp/err)"
if [ "$rc" -ne 2 ] || ! grep -q "already attached" /tmp/err; then
	lab_fail "duplicate attach by handle: status $rc, $(cat /tmp/err)"
fi
[ ! -e /sys/block/swapnet1 ] || lab_fail "duplicate attach made swapnet1"
swapnetctl detach swapnet0 || lab_fail "detach"

lab_log "swapnet-control-plane: attach to a dead server"
# DEV_ADD to a server that drops every packet: fails within 10 s, and
# meanwhile the control plane answers at once.
lab_link_down || lab_fail "the server still answers 10 s after the cable pull"
t0=$(lab_uptime_cs)
( swapnetctl attach --handle "$FH" --size 16M "nfs://$S/export/good" > /tmp/dead.out 2> /tmp/dead.err
  echo $? > /tmp/dead.rc ) &
bg=$!
sleep 1
t1=$(lab_uptime_cs)
swapnetctl list > /tmp/list.out 2>&1 || lab_fail "list during a dead attach: $(cat /tmp/list.out)"
cat /sys/module/swapnet/parameters/timeo_ds > /dev/null
t2=$(lab_uptime_cs)
echo "list during a dead attach took $(( (t2 - t1) * 10 )) ms"
[ $((t2 - t1)) -le 100 ] || lab_fail "list took $(( (t2 - t1) * 10 )) ms during a dead attach"
wait $bg
t3=$(lab_uptime_cs)
rc=$(cat /tmp/dead.rc)
echo "attach to a dead server -> $rc in $(( (t3 - t0) * 10 )) ms: $(cat /tmp/dead.err)"
[ "$rc" -eq 2 ] || lab_fail "attach to a dead server: status $rc"
[ $((t3 - t0)) -le 1000 ] || lab_fail "attach to a dead server took $(( (t3 - t0) * 10 )) ms"
grep -q "not answering\|unreachable" /tmp/dead.err ||
	lab_fail "attach to a dead server: no reason given"
[ ! -e /sys/block/swapnet0 ] || lab_fail "dead attach left a device"
lab_link_up

lab_log "swapnet-control-plane: detach with stuck requests"
# Forced detach: requests stuck on a dead server are failed, loudly.
dev=$(swapnetctl attach "nfs://$S/export/good") || lab_fail "attach for forced detach"
lab_link_down || lab_fail "the server still answers 10 s after the cable pull"
dd if=/dev/urandom of=/dev/swapnet0 bs=64k count=16 oflag=direct 2> /tmp/dd.err &
ddpid=$!
sleep 2
t0=$(lab_uptime_cs)
swapnetctl detach swapnet0 > /tmp/out 2> /tmp/err
rc=$?
t1=$(lab_uptime_cs)
echo "plain detach with stuck requests -> $rc in $(( (t1 - t0) * 10 )) ms: $(cat /tmp/err)"
if [ "$rc" -ne 2 ] || ! grep -q "does not answer" /tmp/err; then
	lab_fail "plain detach with stuck requests: status $rc, $(cat /tmp/err)"
fi
[ $((t1 - t0)) -le 200 ] || lab_fail "plain detach took $(( (t1 - t0) * 10 )) ms"
[ -e /sys/block/swapnet0 ] || lab_fail "refused detach removed the device"
t0=$(lab_uptime_cs)
swapnetctl list | grep -q '^swapnet0: ' || lab_fail "list lacks swapnet0"
t1=$(lab_uptime_cs)
[ $((t1 - t0)) -le 100 ] || lab_fail "list took $(( (t1 - t0) * 10 )) ms"
t0=$(lab_uptime_cs)
swapnetctl detach --force swapnet0 || lab_fail "detach --force"
t1=$(lab_uptime_cs)
echo "detach --force took $(( (t1 - t0) * 10 )) ms"
[ $((t1 - t0)) -le 500 ] || lab_fail "detach --force took $(( (t1 - t0) * 10 )) ms"
[ ! -e /sys/block/swapnet0 ] || lab_fail "device still there after detach --force"
lab_wait 10 gone $ddpid || lab_fail "dd still running after detach --force"
wait $ddpid
rc=$?
echo "dd -> $rc: $(cat /tmp/dd.err)"
[ "$rc" -ne 0 ] || lab_fail "dd succeeded on a forced-away device"
lab_link_up
dmesg | grep -q "swapnet0: forced removal: [0-9]* requests .* failed, their data is lost" ||
	lab_fail "no loud log line for the lost requests"
dmesg | grep "swapnet0: forced\|killed" | tail -5
# Forced detach during buffered writeback: dirty page-cache pages of the
# device, their writeback stuck on the dead link, then detach --force:
# the writer's fsync fails (EIO), nothing hangs, no kernel warning.
dev=$(swapnetctl attach "nfs://$S/export/good") || lab_fail "attach for buffered forced detach"
lab_link_down || lab_fail "the server still answers 10 s after the cable pull"
dd if=/dev/urandom of=/dev/swapnet0 bs=64k count=32 conv=fsync 2> /tmp/dd.err &
ddpid=$!
sleep 3
swapnetctl detach --force swapnet0 || lab_fail "detach --force during buffered writeback"
[ ! -e /sys/block/swapnet0 ] || lab_fail "device still there after detach --force (buffered)"
lab_wait 15 gone $ddpid || lab_fail "buffered dd still running 15 s after detach --force"
wait $ddpid
rc=$?
echo "buffered dd -> $rc: $(cat /tmp/dd.err)"
[ "$rc" -ne 0 ] || lab_fail "buffered dd (fsync) succeeded on a forced-away device"
lab_link_up
# nothing left behind, and the device comes back
dev=$(swapnetctl attach "nfs://$S/export/good") || lab_fail "attach after forced detach"
swapnetctl detach swapnet0 || lab_fail "detach after forced detach"

lab_log "swapnet-control-plane: module parameters"
# Writable module parameters are range-checked on every write.
for p in "timeo_ds 0" "timeo_ds 6001" "retrans 0" "retrans 11" "max_backoff_s 0"; do
	# shellcheck disable=SC2086 # two words
	set -- $p
	f=/sys/module/swapnet/parameters/$1
	old=$(cat "$f")
	if echo "$2" > "$f" 2> /dev/null; then lab_fail "$1=$2 accepted"; fi
	[ "$(cat "$f")" = "$old" ] || lab_fail "$1 changed to $(cat "$f")"
done
echo 20 > /sys/module/swapnet/parameters/timeo_ds || lab_fail "timeo_ds=20 refused"
echo 600 > /sys/module/swapnet/parameters/timeo_ds
rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit



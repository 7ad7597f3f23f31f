# One swapfile, one node (issue 21.1): the owner record and its heartbeat
# (kmod/owner.c, tools/swapnetctl/owner.c).  Two client guests, each with
# its own machine-id, are given the same files.
#  1. race.swap at the same moment (both wait for each other, then
#     swapon): exactly one attaches and swaps (memload, verified); the
#     other exits 2 with "in use by <winner> (machine-id ..., MAC ...,
#     last heartbeat N s ago)", and again while the winner swaps.
#  2. cut.swap: client attaches it; client2 is refused within 8 s.  Then
#     client's cable is pulled (from the host, 30 s: a node that stopped,
#     as far as the server can tell): once the record stops changing,
#     client2's swapon watches it for 10 s, takes it over ("taking it
#     over from client") and swaps (memload, verified).  When client's cable is back, its heartbeat
#     reads client2's record: its device goes FAILED with "taken over by
#     client2" (reason, kernel line), and writes to it fail.
#  3. client2 "reboots" (another boot id over /proc's): it takes its own
#     file back at once (no 10 s watch).
# On the module before the owner record, both nodes attach race.swap in
# step 1 (and swap on each other's pages): the run fails there.
# lab-suite: check
# lab-clients: 2
# lab-timeout: 900
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
host=$(hostname)
case $host in
client) other=client2 ;;
client2) other=client ;;
*) { lab_fail "unexpected host name '$host'"; lab_exit; } ;;
esac
# a machine-id of its own, as every installed system has one
echo "$host" | md5sum | cut -c1-32 > /etc/machine-id
mid=$(cat /etc/machine-id)
mkdir -p /mnt/export
mount -t nfs -o vers=3,nolock,noac,lookupcache=none,actimeo=0 "$SERVER_IP:/export" /mnt/export ||
	{ lab_fail "mount the export"; lab_exit; }
S=/mnt/export/own/sync
echo "$mid" > "$S/mid-$host"
U1=nfs://$SERVER_IP/export/own/race.swap
U2=nfs://$SERVER_IP/export/own/cut.swap
/usr/sbin/modprobe swapnet

# record_still FILE: the owner record (the file's last 4 KiB, read past
# the client's cache) did not change over 4 s: two heartbeat periods.
record_still() {
	dd if="$1" of=/tmp/rec.a bs=4096 skip=$((160 * 256)) count=1 iflag=direct 2>/dev/null
	sleep 4
	dd if="$1" of=/tmp/rec.b bs=4096 skip=$((160 * 256)) count=1 iflag=direct 2>/dev/null
	[ "$(wc -c < /tmp/rec.a)" = 4096 ] && cmp -s /tmp/rec.a /tmp/rec.b
}

# ---- 1. both at once ----
touch "$S/ready1-$host"
lab_await 300 test -e $S/ready1-$other
lab_log "swapnet-owner: $host: swapon race.swap"
set +e
swapnetctl swapon --mkswap "$U1" > /tmp/p1.out 2> /tmp/p1.err
rc=$?
set -e
cat /tmp/p1.out /tmp/p1.err
echo $rc > "$S/p1rc-$host"
lab_await 300 test -e $S/p1rc-$other
orc=$(cat $S/p1rc-$other)
echo "swapnet-owner: $host: step 1: swapon exited $rc, $other's $orc"
if [ $rc = 0 ]; then
	[ "$orc" = 2 ] || { lab_fail "both nodes attached race.swap ($other exited $orc)"; lab_exit; }
	swapnetctl list > /tmp/list.txt
	cat /tmp/list.txt
	grep -q "owner: $host (machine-id $mid, MAC " /tmp/list.txt ||
		{ lab_fail "list shows no owner line for $host"; lab_exit; }
	grep -q "heartbeat [0-9.]* s ago" /tmp/list.txt || { lab_fail "list shows no heartbeat age"; lab_exit; }
	touch $S/swapping1
	set +e
	lab_memload swapnet-owner -p 1 -r 0.8 -f 0.125
	mrc=$?
	set -e
	[ $mrc = 0 ] || { lab_fail "memload on race.swap exited $mrc"; lab_exit; }
	lab_await 300 test -e $S/retried1
	lab_state_is swapnet0 OK ||
		{ lab_fail "race.swap device is $(lab_swapnet_state swapnet0): $(lab_swapnet_attr swapnet0 reason)"; lab_exit; }
	swapnetctl swapoff "$U1" || { lab_fail "swapoff race.swap"; lab_exit; }
else
	[ $rc = 2 ] || { lab_fail "swapon race.swap exited $rc, not 2"; lab_exit; }
	[ "$orc" = 0 ] || { lab_fail "neither node attached race.swap"; lab_exit; }
	grep -q "^swapnetctl: swapon: $U1: in use by $other (machine-id $(cat $S/mid-$other), MAC [^,]*, last heartbeat [0-9]* s ago)" /tmp/p1.err ||
		{ lab_fail "refusal does not name $other: $(cat /tmp/p1.err)"; lab_exit; }
	[ -z "$(swapnetctl list)" ] || { lab_fail "a device is left after the refusal"; lab_exit; }
	# and again while the winner swaps on it
	lab_await 300 test -e $S/swapping1
	t0=$(lab_uptime)
	set +e
	swapnetctl swapon "$U1" 2> /tmp/p1b.err
	rc=$?
	set -e
	cat /tmp/p1b.err
	[ $rc = 2 ] && grep -q "in use by $other (" /tmp/p1b.err ||
		{ lab_fail "second swapon while $other swaps: exit $rc"; lab_exit; }
	[ $(( $(lab_uptime) - t0 )) -lt 12 ] || { lab_fail "the refusal took $(( $(lab_uptime) - t0 )) s"; lab_exit; }
	touch $S/retried1
fi
touch "$S/done1-$host"
lab_await 600 test -e $S/done1-$other

# ---- 2. a node stops; another takes its file over ----
if [ "$host" = client ]; then
	dev=$(swapnetctl attach "$U2") || { lab_fail "attach cut.swap"; lab_exit; }
	[ "$dev" = /dev/swapnet0 ] || { lab_fail "attach printed $dev"; lab_exit; }
	touch $S/attached2
	lab_await 300 test -e $S/refused2
	lab_log "swapnet-owner: client: pulling the cable for 30 s"
	touch $S/cutting2
	sync
	lab_link off
	sleep 30
	lab_link on
	lab_log "swapnet-owner: client: cable back; waiting for FAILED"
	t0=$(lab_uptime)
	lab_wait 150 lab_state_is swapnet0 FAILED || true
	reason=$(lab_swapnet_attr swapnet0 reason)
	echo "swapnet-owner: client: state $(lab_swapnet_state swapnet0) $(( $(lab_uptime) - t0 ))s after the cable came back: $reason"
	lab_state_is swapnet0 FAILED ||
		{ lab_fail "device still $(lab_swapnet_state swapnet0) 150 s after the cable came back"; lab_exit; }
	echo "$reason" | grep -q "taken over by client2" || { lab_fail "reason: $reason"; lab_exit; }
	dmesg | grep -q "swapnet0: .*cut.swap was taken over by client2 (machine-id $(cat $S/mid-client2)" ||
		{ lab_fail "no kernel line naming client2"; lab_exit; }
	if dd if=/dev/zero of=/dev/swapnet0 bs=4096 count=1 oflag=direct 2>/dev/null; then
		{ lab_fail "a write to the FAILED device succeeded"; lab_exit; }
	fi
	swapnetctl detach swapnet0 || { lab_fail "detach the FAILED device"; lab_exit; }
	touch $S/done2
	lab_await 600 test -e $S/swapped2
else
	lab_await 300 test -e $S/attached2
	t0=$(lab_uptime)
	set +e
	swapnetctl swapon "$U2" 2> /tmp/p2.err
	rc=$?
	set -e
	cat /tmp/p2.err
	[ $rc = 2 ] && grep -q "^swapnetctl: swapon: $U2: in use by client (machine-id $(cat $S/mid-client)" /tmp/p2.err ||
		{ lab_fail "swapon of client's live cut.swap: exit $rc"; lab_exit; }
	el=$(( $(lab_uptime) - t0 ))
	echo "swapnet-owner: client2: refused in ${el}s"
	[ $el -lt 8 ] || { lab_fail "the refusal took ${el}s"; lab_exit; }
	touch $S/refused2
	# the takeover watch starts once client's heartbeat has stopped
	lab_await 300 test -e $S/cutting2
	lab_await 60 record_still /mnt/export/own/cut.swap
	t0=$(lab_uptime)
	swapnetctl swapon --mkswap "$U2" 2> /tmp/p2b.err || { cat /tmp/p2b.err; { lab_fail "takeover of cut.swap"; lab_exit; }; }
	el=$(( $(lab_uptime) - t0 ))
	cat /tmp/p2b.err
	echo "swapnet-owner: client2: took cut.swap over in ${el}s"
	grep -q "taking it over from client (machine-id $(cat $S/mid-client), MAC [^,]*, last heartbeat [0-9]* s ago): its record did not change for 10 s" /tmp/p2b.err ||
		{ lab_fail "no takeover warning"; lab_exit; }
	[ $el -ge 10 ] || { lab_fail "took over after ${el}s, less than the 10 s watch"; lab_exit; }
	set +e
	lab_memload swapnet-owner -p 1 -r 0.8 -f 0.125
	mrc=$?
	set -e
	[ $mrc = 0 ] || { lab_fail "memload on cut.swap exited $mrc"; lab_exit; }
	lab_await 600 test -e $S/done2
	lab_state_is swapnet0 OK ||
		{ lab_fail "cut.swap device is $(lab_swapnet_state swapnet0) after client came back: $(lab_swapnet_attr swapnet0 reason)"; lab_exit; }
	swapnetctl swapoff "$U2" || { lab_fail "swapoff cut.swap"; lab_exit; }

	# ---- 3. the same node after a reboot takes its file back at once ----
	echo 0badc0de-0000-4000-8000-000000000001 > /tmp/boot_id
	mount --bind /tmp/boot_id /proc/sys/kernel/random/boot_id ||
		{ lab_fail "bind a boot id"; lab_exit; }
	t0=$(lab_uptime)
	swapnetctl attach "$U2" 2> /tmp/p3.err || { cat /tmp/p3.err; umount /proc/sys/kernel/random/boot_id; { lab_fail "attach after the 'reboot'"; lab_exit; }; }
	el=$(( $(lab_uptime) - t0 ))
	umount /proc/sys/kernel/random/boot_id
	cat /tmp/p3.err
	echo "swapnet-owner: client2: took its own file back in ${el}s"
	grep -q "taking it back from this node's previous boot" /tmp/p3.err ||
		{ lab_fail "no 'taking it back' note"; lab_exit; }
	[ $el -lt 8 ] || { lab_fail "took its own file back after ${el}s"; lab_exit; }
	swapnetctl detach swapnet0 || { lab_fail "detach"; lab_exit; }
	touch $S/swapped2
fi
[ -z "$(swapnetctl list)" ] || { lab_fail "devices left at the end"; lab_exit; }
umount /mnt/export
lab_exit

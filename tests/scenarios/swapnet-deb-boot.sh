# swapnet from its Debian packages, started the way swapnet.service starts
# it at a boot where the server does not answer.  The client has no
# swapnet file from the tree (lab-debs: the run unpacked `make deb`'s
# swapnet package and built the module from swapnet-dkms's source with
# its dkms.conf MAKE line).  The guest has no systemd, so the packaged
# unit's own lines are run as systemd would: ExecStartPre and ExecStart
# under TimeoutStartSec, ExecStopPost with SERVICE_RESULT, the retry
# timer's OnUnitInactiveSec between attempts, ExecStop at the end.
#   1. cable pulled (from the host): the start attempt must end within the
#      unit's bound with a failure, no swap on, and the unit's message
#      says that it retries in the background
#   2. a retry (after the timer's interval), still down: fails again
#   3. cable back; the next retry swaps on /dev/swapnet0
#   4. memload (2 x 0.55 x MemTotal) through it verifies every page
#   5. ExecStop swaps off and detaches
# lab-suite: full
# lab-debs: yes
# lab-timeout: 600
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
unit=/usr/lib/systemd/system/swapnet.service
timer=/usr/lib/systemd/system/swapnet-retry.timer
for f in $unit $timer /etc/swapnet.conf /usr/sbin/swapnetctl /usr/bin/swapnettop \
	"/lib/modules/$KVER/updates/dkms/swapnet.ko"; do
	[ -e "$f" ] || { lab_fail "the packages gave no $f"; lab_exit; }
done
[ -e /etc/swapnet ] && lab_fail "the tree's etc/ is in the guest (want the packages' files only)"
[ -e "/lib/modules/$KVER/extra/swapnet.ko" ] && lab_fail "the tree's module is in the guest"
v=$(modinfo -F version swapnet)
swapnetctl --version | grep -qF "$v" || lab_fail "swapnetctl --version '$(swapnetctl --version)' is not the module's $v"
lab_log "packaged swapnetctl: $(swapnetctl --version); module $v from the swapnet-dkms source"

# val KEY FILE: a unit setting's value (first line)
val() { sed -n "s/^$1=//p" "$2" | head -n 1; }
bound=$(val TimeoutStartSec $unit); bound=${bound%s}
every=$(val OnUnitInactiveSec $timer); every=${every%s}
pre=$(val ExecStartPre $unit)
start=$(val ExecStart $unit)
stop=$(val ExecStop $unit)
poststop=$(val ExecStopPost $unit)
case $bound$every in ''|*[!0-9]*) lab_fail "TimeoutStartSec '$bound' or OnUnitInactiveSec '$every' is not whole seconds"; lab_exit ;; esac
lab_log "unit: ExecStartPre=$pre ExecStart=$start, bound ${bound}s, retry every ${every}s"

echo "nfs://$SERVER_IP/export/swapfile priority=5" >> /etc/swapnet.conf

# attempt N: one start job as systemd runs it; sets ok=1 when it came up
attempt() {
	local t0 t r
	t0=$(lab_uptime)
	timeout -s TERM "$bound" sh -c "$pre && $start" > "/tmp/start.$1" 2>&1
	r=$?
	t=$(($(lab_uptime) - t0))
	sed "s/^/  start $1: /" "/tmp/start.$1"
	lab_log "attempt $1: status $r after ${t}s (bound ${bound}s)"
	[ "$t" -le $((bound + 2)) ] || lab_fail "attempt $1 took ${t}s, over the unit's ${bound}s"
	ok=0
	if [ $r = 0 ]; then
		ok=1
	else
		SERVICE_RESULT=exit-code sh -c "$poststop" 2> "/tmp/post.$1"
		lab_log "ExecStopPost says: $(cat "/tmp/post.$1")"
		grep -q 'tries again' "/tmp/post.$1" || lab_fail "no message that it retries"
	fi
}

lab_link_down || lab_fail "the server still answers after the cable pull"
attempt 1
[ $ok = 0 ] && ! grep -q swapnet /proc/swaps || lab_fail "attempt 1 with the server unreachable did not fail"
sleep "$every"
attempt 2
[ $ok = 0 ] && ! grep -q swapnet /proc/swaps || lab_fail "attempt 2 with the server unreachable did not fail"
lab_link_up
sleep "$every"
attempt 3
if [ $ok != 1 ] || ! grep -q '^/dev/swapnet0 ' /proc/swaps; then
	lab_fail "attempt 3 with the server back did not swap on"
	cat /proc/swaps
	lab_exit
fi
cat /proc/swaps
memload -p 2 -r 1.1 -f 0.25 > /tmp/memload.out 2>&1
m=$?
cat /tmp/memload.out
[ $m = 0 ] && grep -q 'result=PASS' /tmp/memload.out || lab_fail "memload status $m"
out=$(lab_swapnet_stat swapnet0 writes)
[ "${out:-0}" -gt 0 ] || lab_fail "no writes went through /dev/swapnet0"
sh -c "$stop" || lab_fail "ExecStop failed"
grep -q swapnet /proc/swaps && lab_fail "ExecStop left swap on"
[ -e /sys/block/swapnet0 ] && lab_fail "ExecStop left /dev/swapnet0 attached"
lab_exit

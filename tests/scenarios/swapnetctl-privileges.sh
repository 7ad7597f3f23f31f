# Who may do what (split out of swapnetctl-attach-errors): a caller
# without CAP_NET_ADMIN cannot attach, swapon or detach (one line,
# "permission denied", exit 2, no device), but may list; the file handle,
# uid and gid (the key to the swapped pages) go to root only, the
# statistics to everyone.
# lab-suite: check
# lab-kernels: full
# lab-timeout: 300
# lab-bins: setpriv
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
S=$SERVER_IP
# NOBODY CMD...: CMD as uid 65534 without capabilities; util-linux
# setpriv (lab-bins), not busybox's applet of the same name.  A script,
# so that timeout can run it.
NOBODY=/tmp/nobody
cat > $NOBODY <<'SH'
#!/bin/sh
exec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"
SH
chmod 755 $NOBODY
modprobe swapnet || { lab_fail "modprobe swapnet"; lab_exit; }
$NOBODY true || { lab_fail "setpriv does not work"; lab_exit; }

lab_log "swapnetctl-privileges: not root"
lab_expect_error 2 "permission denied" 5 $NOBODY swapnetctl attach "nfs://$S/export/good"
lab_expect_error 2 "permission denied" 5 $NOBODY swapnetctl swapon "nfs://$S/export/good"
lab_expect_error 2 "permission denied" 5 $NOBODY swapnetctl detach swapnet0
# Listing is allowed to anyone, and empty.
out=$($NOBODY swapnetctl list 2>&1) || lab_fail "list as nobody: $out"
[ -z "$out" ] || lab_fail "list as nobody not empty: $out"

lab_log "swapnetctl-privileges: what list -j shows to whom"
swapnetctl attach "nfs://$S/export/good" || { lab_fail "attach good"; lab_exit; }
# The file handle is the key to the pages: root gets it, nobody does not;
# statistics are everyone's.
swapnetctl list -j > /tmp/root.json 2>&1 || lab_fail "list -j as root"
$NOBODY swapnetctl list -j > /tmp/nobody.json 2>&1 || lab_fail "list -j as nobody"
for k in file_handle uid gid reads; do
	grep -q "\"$k\"" /tmp/root.json || lab_fail "root's list -j lacks $k"
done
for k in file_handle uid gid; do
	if grep -q "\"$k\"" /tmp/nobody.json; then lab_fail "nobody's list -j has $k"; fi
done
if ! grep -q '"reads"' /tmp/nobody.json || ! grep -q '"swapnet0"' /tmp/nobody.json; then
	lab_fail "nobody's list -j lacks the device or its statistics: $(cat /tmp/nobody.json)"
fi
# and a device there: nobody still cannot take it away
$NOBODY swapnetctl detach swapnet0 2> /tmp/err
rc=$?
echo "detach as nobody -> $rc: $(cat /tmp/err)"
[ $rc = 2 ] || lab_fail "detach as nobody: status $rc, want 2"
grep -q "^swapnetctl: .*permission denied" /tmp/err || lab_fail "detach as nobody: $(cat /tmp/err)"
[ -e /sys/block/swapnet0 ] || lab_fail "nobody's detach removed the device"
swapnetctl detach swapnet0 || lab_fail "detach"
rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

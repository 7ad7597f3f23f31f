# The admin's path, end to end: `swapnetctl create` makes a swapfile on the
# server through libnfs, `check` passes it, the systemd unit's ExecStart
# (swapnetctl start, from /etc/swapnet.conf) brings it up, `reserve --apply`
# sets vm.min_free_kbytes (read back), the verifying workload swaps through
# it, and the unit's ExecStop (swapnetctl stop) takes it down again.
# lab-suite: check
# lab-timeout: 900
. /lab/lib.sh
set -e
fail() { echo "swapnetctl-admin: FAIL: $*"; exit 1; }
# One number out of swapnetctl's pretty-printed JSON: "key":123,
jnum() { sed -n "s/^ *\"$1\":\([0-9][0-9]*\),*$/\1/p" | head -n 1; }
unit=/etc/swapnet/swapnet.service
url=nfs://$SERVER_IP/export/admin/swapfile
size_mb=512
# Lab workaround (as swapnet-smoke): the guest init's `depmod -a` is
# busybox's applet, which writes no modules.dep.bin, so kmod's modprobe
# (ExecStartPre, and the kernel's autoload) would not find swapnet.ko.
/usr/sbin/depmod -a

swapnetctl --version
# The version the module reports must be the tool's (both from VERSION).
tool_ver=$(swapnetctl --version | awk '{print $2}')
mod_ver=$(/sbin/modinfo -F version "/lib/modules/$KVER/extra/swapnet.ko")
[ "$tool_ver" = "$mod_ver" ] || fail "swapnetctl $tool_ver but module $mod_ver"

lab_log "swapnetctl-admin: system checks"
swapnetctl check || true

lab_log "swapnetctl-admin: create $url (${size_mb} MiB)"
start=$(date +%s)
swapnetctl create "$url" --size ${size_mb}M || fail "create"
echo "create took $(( $(date +%s) - start )) s"
# Never overwrite without --force: exit 1 and the file untouched.
set +e
swapnetctl create "$url" --size 1M
rc=$?
set -e
[ $rc = 1 ] || fail "create over an existing file exited $rc, not 1"

lab_log "swapnetctl-admin: check $url"
swapnetctl check "$url" || fail "check of the new swapfile"
swapnetctl check -j "$url" > /tmp/check.json || fail "check -j"
grep -q '"ok":true' /tmp/check.json || fail "check -j does not say ok"
grep -q '"check":"holes"' /tmp/check.json || fail "check -j has no holes line"

# The unit's own command lines, read from the unit file.
exec_pre=$(sed -n 's/^ExecStartPre=//p' "$unit")
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
exec_stop=$(sed -n 's/^ExecStop=//p' "$unit")
[ -n "$exec_start" ] && [ -n "$exec_stop" ] || fail "no ExecStart/ExecStop in $unit"
cat > /etc/swapnet.conf <<CONF
# written by the swapnetctl-admin scenario
reserve = auto
dynamic = yes
$url   priority=7,name=admin
CONF

default_kb=$(cat /proc/sys/vm/min_free_kbytes)
lab_log "swapnetctl-admin: ExecStartPre: $exec_pre"
$exec_pre || fail "ExecStartPre"
lab_log "swapnetctl-admin: ExecStart: $exec_start"
$exec_start || fail "ExecStart"
cat /proc/swaps
grep -q '^/dev/swapnet0 ' /proc/swaps || fail "swapnet0 is not swapped on"
awk '$1 == "/dev/swapnet0" && $5 != 7 {exit 1}' /proc/swaps || fail "priority is not 7"
swapnetctl list

lab_log "swapnetctl-admin: reserve"
swapnetctl reserve
swapnetctl reserve --apply --persist || fail "reserve --apply"
swapnetctl reserve -j > /tmp/reserve.json
want=$(jnum recommended_kb < /tmp/reserve.json)
have=$(cat /proc/sys/vm/min_free_kbytes)
echo "min_free_kbytes: was $default_kb, recommended $want, now $have"
[ -n "$want" ] && [ "$have" = "$want" ] || fail "min_free_kbytes $have, recommended $want"
[ "$have" -gt "$default_kb" ] || fail "reserve $have not above the default $default_kb"
grep -q "^vm.min_free_kbytes = $want\$" /etc/sysctl.d/90-swapnet.conf || fail "--persist file"
grep -q '"device":"swapnet0"' /tmp/reserve.json || fail "swapnet0 not in the breakdown"

lab_log "swapnetctl-admin: workload"
lab_meminfo
set +e
# 1.5 x MemTotal swaps enough to prove the path the unit brought up;
# swapnet-swap carries the full-size workload.
memload -p 2 -r 1.5
rc=$?
set -e
lab_meminfo
[ $rc = 0 ] || fail "memload exited $rc"
swapnetctl list

lab_log "swapnetctl-admin: ExecStop: $exec_stop"
$exec_stop || fail "ExecStop"
cat /proc/swaps
grep -q swapnet /proc/swaps && fail "still swapped on after stop"
[ -z "$(swapnetctl list)" ] || fail "devices left after stop"
after=$(cat /proc/sys/vm/min_free_kbytes)
back=$(swapnetctl reserve -j | jnum default_kb)
echo "min_free_kbytes after stop: $after (before start $default_kb, kernel default $back)"
# never harm: stop puts back exactly the value from before start
[ "$after" = "$default_kb" ] || fail "reserve not back to $default_kb after stop"
echo "swapnetctl-admin: PASS"

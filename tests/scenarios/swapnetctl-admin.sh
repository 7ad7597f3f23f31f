# The admin's path, end to end: `swapnetctl create` makes a swapfile on the
# server through libnfs, `check` passes it (and says the export must be
# sync), an attach by URL and a re-attach by `--handle HEX --size SIZE`
# reach the same file (a marker page written through one is read back
# through the other; `list -j` fields; wbt_lat_usec 0; `detach --force`
# of an idle device), the systemd unit's ExecStart
# (swapnetctl start, from /etc/swapnet.conf) brings it up, `reserve --apply`
# sets vm.min_free_kbytes (read back), the verifying workload swaps through
# it, and the unit's ExecStop (swapnetctl stop) takes it down again.
# lab-suite: check
# lab-timeout: 900
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
# One number out of swapnetctl's pretty-printed JSON: "key":123,
jnum() { sed -n "s/^ *\"$1\":\([0-9][0-9]*\),*$/\1/p" | head -n 1; }
# One string: "key":"value",
jstr() { sed -n "s/^ *\"$1\":\"\([^\"]*\)\",*$/\1/p" | head -n 1; }
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
[ "$tool_ver" = "$mod_ver" ] || lab_fail "swapnetctl $tool_ver but module $mod_ver"

lab_log "swapnetctl-admin: system checks"
swapnetctl check || true

lab_log "swapnetctl-admin: create $url (${size_mb} MiB)"
start=$(date +%s)
swapnetctl create "$url" --size ${size_mb}M || { lab_fail "create"; lab_exit; }
echo "create took $(( $(date +%s) - start )) s"
# Never overwrite without --force: exit 1 and the file untouched.
set +e
swapnetctl create "$url" --size 1M
rc=$?
set -e
[ $rc = 1 ] || lab_fail "create over an existing file exited $rc, not 1"

lab_log "swapnetctl-admin: check $url"
swapnetctl check "$url" || lab_fail "check of the new swapfile"
swapnetctl check -j "$url" > /tmp/check.json || lab_fail "check -j"
grep -q '"ok":true' /tmp/check.json || lab_fail "check -j does not say ok"
grep -q '"check":"holes"' /tmp/check.json || lab_fail "check -j has no holes line"
swapnetctl check "$url" > /tmp/check.txt || lab_fail "check (text)"
if ! { grep -q "export: sync: cannot be seen from the client" /tmp/check.txt &&
	grep -q "exportfs -v" /tmp/check.txt; }; then
	lab_fail "check has no sync-export line"
fi

lab_log "swapnetctl-admin: attach by URL, re-attach by --handle"
dev=$(swapnetctl attach "$url") || { lab_fail "attach $url"; lab_exit; }
[ "$dev" = /dev/swapnet0 ] || lab_fail "attach printed '$dev'"
# writeback throttling is off (swapnetctl wrote 0)
wbt=$(cat /sys/block/swapnet0/queue/wbt_lat_usec) || lab_fail "no wbt_lat_usec"
[ "$wbt" = 0 ] || lab_fail "wbt_lat_usec is $wbt after attach, not 0"
swapnetctl list -j -p > /tmp/list1.json || lab_fail "list -j -p"
cat /tmp/list1.json
fh=$(jstr file_handle < /tmp/list1.json)
size=$(jnum size_bytes < /tmp/list1.json)
[ -n "$fh" ] || lab_fail "list -j (root) has no file_handle"
[ "$size" = $((size_mb << 20)) ] || lab_fail "size_bytes $size"
[ "$(jstr state < /tmp/list1.json)" = OK ] || lab_fail "state is not OK"
grep -q '^ *"reason":"",*$' /tmp/list1.json || lab_fail "no empty reason"
for k in uid gid commits write_resends reclaim_reqs; do
	[ -n "$(jnum $k < /tmp/list1.json)" ] || lab_fail "list -j has no $k"
done
# a marker page 1 MiB in, written through the URL attach
dd if=/dev/urandom of=/tmp/mark bs=4096 count=1 2>/dev/null
dd if=/tmp/mark of=/dev/swapnet0 bs=4096 seek=256 count=1 oflag=direct conv=notrunc 2>/dev/null ||
	lab_fail "write the marker"
swapnetctl detach swapnet0 || lab_fail "detach"
# nothing but DEV_ADD: the kernel checks the handle with GETATTR
dev=$(swapnetctl attach --handle "$fh" --size "$size" "$url") ||
	lab_fail "attach --handle $fh --size $size"
[ "$dev" = /dev/swapnet0 ] || lab_fail "attach --handle printed '$dev'"
swapnetctl list -j -p > /tmp/list2.json || lab_fail "list -j -p"
for k in file_handle server file; do
	[ "$(jstr $k < /tmp/list2.json)" = "$(jstr $k < /tmp/list1.json)" ] ||
		lab_fail "--handle attach: $k $(jstr $k < /tmp/list2.json), not $(jstr $k < /tmp/list1.json)"
done
[ "$(jnum size_bytes < /tmp/list2.json)" = "$size" ] || lab_fail "--handle attach: size"
[ "$(cat /sys/block/swapnet0/queue/wbt_lat_usec)" = 0 ] || lab_fail "wbt after --handle attach"
dd if=/dev/swapnet0 of=/tmp/mark2 bs=4096 skip=256 count=1 iflag=direct 2>/dev/null ||
	lab_fail "read the marker"
cmp /tmp/mark /tmp/mark2 || lab_fail "--handle attach reads another file (marker differs)"
# a bad handle: a clear error, exit 1, no device
set +e
swapnetctl attach --handle 0g --size "$size" "$url" 2> /tmp/err
rc=$?
set -e
if ! { [ $rc = 1 ] && grep -q "is not a file handle" /tmp/err; }; then
	lab_fail "bad --handle: $rc $(cat /tmp/err)"
fi
# forced detach of an idle device: just a detach
swapnetctl detach --force swapnet0 || lab_fail "detach --force"
[ "$(swapnetctl list -j)" = "[]" ] || lab_fail "device left after detach --force"

# The unit's own command lines, read from the unit file.
exec_pre=$(sed -n 's/^ExecStartPre=//p' "$unit")
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
exec_stop=$(sed -n 's/^ExecStop=//p' "$unit")
if [ -z "$exec_start" ] || [ -z "$exec_stop" ]; then
	lab_fail "no ExecStart/ExecStop in $unit"
	lab_exit
fi
cat > /etc/swapnet.conf <<CONF
# written by the swapnetctl-admin scenario
reserve = auto
dynamic = yes
$url   priority=7,name=admin
CONF

default_kb=$(cat /proc/sys/vm/min_free_kbytes)
lab_log "swapnetctl-admin: ExecStartPre: $exec_pre"
$exec_pre || lab_fail "ExecStartPre"
lab_log "swapnetctl-admin: ExecStart: $exec_start"
$exec_start || { lab_fail "ExecStart"; lab_exit; }
cat /proc/swaps
grep -q '^/dev/swapnet0 ' /proc/swaps || lab_fail "swapnet0 is not swapped on"
awk '$1 == "/dev/swapnet0" && $5 != 7 {exit 1}' /proc/swaps || lab_fail "priority is not 7"
swapnetctl list

lab_log "swapnetctl-admin: reserve"
swapnetctl reserve
swapnetctl reserve --apply --persist || lab_fail "reserve --apply"
swapnetctl reserve -j -p > /tmp/reserve.json
want=$(jnum recommended_kb < /tmp/reserve.json)
have=$(cat /proc/sys/vm/min_free_kbytes)
echo "min_free_kbytes: was $default_kb, recommended $want, now $have"
if [ -z "$want" ] || [ "$have" != "$want" ]; then
	lab_fail "min_free_kbytes $have, recommended $want"
fi
[ "$have" -gt "$default_kb" ] || lab_fail "reserve $have not above the default $default_kb"
grep -q "^vm.min_free_kbytes = $want\$" /etc/sysctl.d/90-swapnet.conf || lab_fail "--persist file"
grep -q '"device":"swapnet0"' /tmp/reserve.json || lab_fail "swapnet0 not in the breakdown"

lab_log "swapnetctl-admin: workload"
lab_meminfo
set +e
# 1.2 x MemTotal swaps enough to prove the path the unit brought up
# (lab_memload fails a run that did not swap both ways); swapnet-swap
# carries the full-size workload.
lab_memload swapnetctl-admin -p 2 -r 1.0 -f 0.125
rc=$?
set -e
lab_meminfo
[ $rc = 0 ] || lab_fail "memload exited $rc"
swapnetctl list

lab_log "swapnetctl-admin: ExecStop: $exec_stop"
$exec_stop || lab_fail "ExecStop"
cat /proc/swaps
if grep -q swapnet /proc/swaps; then lab_fail "still swapped on after stop"; fi
[ -z "$(swapnetctl list)" ] || lab_fail "devices left after stop"
after=$(cat /proc/sys/vm/min_free_kbytes)
back=$(swapnetctl reserve -j -p | jnum default_kb)
echo "min_free_kbytes after stop: $after (before start $default_kb, kernel default $back)"
# never harm: stop puts back exactly the value from before start
[ "$after" = "$default_kb" ] || lab_fail "reserve not back to $default_kb after stop"
lab_exit

# mirror= when BOTH servers go silent at once (the client's switch, its
# own cable): neither leg may be failed as md's last.  md raid1 fails a
# leg whose failfast request errors; for the last in-sync leg it
# refuses, but sets MD_BROKEN (6.1 and 6.12, drivers/md/raid1.c
# raid1_error), and from then on md fails every WRITE to the array
# (md.c md_submit_bio) until it is stopped: no page can be swapped out
# again.  So a leg may fail md's requests only while another leg of its
# mirror answers; with none, the legs keep their hard semantics and the
# node waits for a server, as plain swap does.
# 1. `swapnetctl start` with `URL1 mirror=URL2`, `swapnetctl monitor`.
# 2. memload 2 processes x 1.2 x MemTotal, every page verified; with
#    swap-out under way both cables are pulled for 45 s (failfast_timeo
#    is 5 s: long enough for every leg to fence).
# 3. memload finishes: every page verified, nothing killed; md is not
#    broken (array_state), no swap write failed (the kernel's
#    "Write-error on swap-device"), at most one leg faulty.  The monitor
#    re-adds a failed leg, md resyncs: in sync.
# 4. Swap still works: memload again (0.8 x MemTotal), verified, with
#    pages swapped out; still no write error.
# Before the module's mirror groups, both legs fenced, md failed one and
# broke the array on the other: step 3 fails (array_state broken, write
# errors, memload killed or failed).
# lab-suite: full
# lab-servers: 2
# lab-timeout: 1500
# lab-mods: raid1
# lab-bins: mdadm
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=swapnet-mirror-both
PATH=$PATH:/usr/sbin:/sbin
export PATH
/usr/sbin/depmod -a
/usr/sbin/modprobe raid1 || { lab_fail "modprobe raid1 failed"; lab_exit; }
[ -n "${SERVER2_IP:-}" ] || { lab_fail "no SERVER2_IP: needs lab-servers: 2"; lab_exit; }
lab_meminfo

# 1. up from swapnet.conf
cat > /etc/swapnet.conf <<CONF
nfs://$SERVER_IP/export/mirror.swap  name=mir,mirror=nfs://$SERVER2_IP/export/mirror.swap
CONF
swapnetctl start || { lab_fail "swapnetctl start (mirror=) failed"; lab_exit; }
md=$(readlink /dev/md/swapnet-mir)
md=${md##*/}
[ -n "$md" ] && [ -e "/sys/block/$md" ] || { lab_fail "no /dev/md/swapnet-mir after start"; lab_exit; }
legs=$(ls "/sys/block/$md/slaves")
echo "$me: $md over $(echo $legs)"
mdv() { cat "/sys/block/$md/md/$1"; }
in_sync() { [ "$(mdv degraded)" = 0 ] && [ "$(mdv sync_action)" = idle ]; }
swapnetctl monitor --interval 1 2> /tmp/monitor.log &
mon=$!

# 2. both servers silent in the middle of a verified swap storm
out_above() { [ "$(lab_vmstat pswpout)" -gt "$1" ]; }
p0=$(lab_vmstat pswpout)
( lab_memload "$me" -p 2 -r 1.2 -f 0.03; echo $? > /tmp/ml1.rc ) &
ml=$!
if lab_wait 600 out_above $((p0 + 8000)); then
	lab_log "$me: swap-out under way ($(($(lab_vmstat pswpout) - p0)) pages): both cables pulled (45 s)"
	lab_cut_link 45
	lab_cut_link2 45
else
	lab_fail "memload did not swap out 8000 pages within 600 s: no cable pulled"
fi
wait $ml

# 3. nothing lost, md not broken, at most one leg failed
[ "$(cat /tmp/ml1.rc 2>/dev/null)" = 0 ] || lab_fail "memload over the mirror (both servers silent) failed: $(tail -n 3 /tmp/memload.out)"
echo "$me: after the outage: array_state $(mdv array_state), degraded $(mdv degraded)"
for l in $legs; do
	echo "$me: $l: md $(cat "/sys/block/$md/md/dev-$l/state"), $(lab_swapnet_state "$l"), fences $(lab_swapnet_attr "$l" fences)"
done
[ "$(mdv array_state)" != broken ] || lab_fail "md is broken: a leg was failed as md's last (every WRITE to $md now fails)"
[ "$(mdv degraded)" -le 1 ] || lab_fail "md failed both legs"
dmesg | grep -q "Write-error on swap-device" && lab_fail "swap-out failed (Write-error on swap-device)"
lab_wait 600 in_sync || lab_fail "$md not in sync 600 s after both servers came back ($(tr '\n' ' ' < /proc/mdstat))"

# 4. swap still works
p0=$(lab_vmstat pswpout)
lab_memload "$me" -p 2 -r 0.8 -f 0.03 || lab_fail "memload after the outage failed: $(tail -n 3 /tmp/memload.out)"
[ "$(lab_vmstat pswpout)" -gt "$p0" ] || lab_fail "nothing swapped out after the outage"
[ "$(mdv array_state)" != broken ] || lab_fail "md is broken after the outage"
dmesg | grep -q "Write-error on swap-device" && lab_fail "swap-out failed (Write-error on swap-device)"
dmesg | grep -qi "killed process" && lab_fail "a process was killed (dmesg)"
kill "$mon"
wait "$mon"
cat /tmp/monitor.log
dmesg | grep -E "swapnet|md/raid1|md: " | tail -n 40
swapnetctl stop || lab_fail "swapnetctl stop"
lab_exit

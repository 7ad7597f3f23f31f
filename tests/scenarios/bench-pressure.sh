# Benchmark (make bench): the pressure case, per peer in one boot.  The
# same verifying memload at the size where the native NFS swapfile gets
# OOM-killed (4 processes, 2.5 x MemTotal in total) swapped through native
# NFSv3, NBD and swapnet in turn, each the only active swap area.  OOM
# kills are the result being measured (recorded per peer, not fatal); a
# data mismatch fails the run.  One "bench-pressure: run ..." line per
# peer; tests/lab/bench-report.sh prints them with bench-swap's table.
# lab-suite: bench
# Swap readahead as the kernel ships it (the peers are compared as users
# run them), whatever the lab default.
# lab-page-cluster: default
# lab-timeout: 1800
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-nbd-mb: 640
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=bench-pressure
ratio=2.5
procs=4
order="nbd swapnet nfs"
url=nfs://$SERVER_IP/export/swapfile
fail=0

lab_peers_setup
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio procs=$procs order=$(echo "$order" | tr ' ' ,)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

round=0
for p in $order; do
	round=$((round + 1))
	if ! lab_peer_on "$p" "$url"; then
		echo "$me: run peer=$p round=$round result=FAIL status=swapon-failed"
		fail=1
		continue
	fi
	lab_log "$me: $p: $(tr '\n' ' ' < /proc/swaps)"
	memload -p "$procs" -r "$ratio" -s "$round" > /tmp/memload.out 2>&1
	rc=$?
	cat /tmp/memload.out
	sed -n "s/^memload: result=/$me: run peer=$p round=$round status=$rc result=/p" /tmp/memload.out
	# 0 verified, 2 a worker was killed (recorded), anything else: data.
	case $rc in 0|2) ;; *) fail=1 ;; esac
	grep -q '^memload: result=' /tmp/memload.out || fail=1
	lab_peer_off "$p" || { echo "$me: $p: swapoff failed"; fail=1; }
done

rmmod swapnet || { echo "$me: rmmod swapnet failed"; fail=1; }
echo "$me: done fail=$fail"
exit $fail

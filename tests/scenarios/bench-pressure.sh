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

lab_peers_setup
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio procs=$procs order=$(echo "$order" | tr ' ' ,)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

# pressure_round PEER ROUND: memload through PEER, its line relabelled.
pressure_round() {
	memload -p "$procs" -r "$ratio" -s "$2" > /tmp/memload.out 2>&1
	lab_bench_result "$me" "$1" "$2" $? /tmp/memload.out
}
# shellcheck disable=SC2086 # the order is a list of words
lab_bench_rounds "$me" "$url" pressure_round $order || lab_exit

rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

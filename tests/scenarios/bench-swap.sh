# Benchmark (make bench): swapnet against the kernel's own network swap
# peers, side by side in one boot on the same two guests and the same
# server file system.  The same verifying memload (2 processes, RATIO x
# MemTotal in total; write, verify linear, verify a random quarter of the
# pages in random order: memload -f 0.25, the same for every peer) is swapped
# through native NFSv3 (swapfile on a vers=3,proto=tcp,hard mount), NBD
# (nbd-client -swap) and swapnet (swapnetctl swapon --mkswap), each the
# only active swap area, in the order nfs nbd swapnet swapnet nbd nfs so
# that warm-up and drift do not favour one peer.  native NFS and swapnet
# use the same file.  Every round prints one machine-readable
# "bench-swap: run ..." line; tests/lab/bench-report.sh turns them into a
# table and swapnet/peer ratios.  A data mismatch fails the run; OOM kills
# are recorded, not fatal (a peer's weakness is a result).
# (fio is in bench-fio: its libraries would not fit in this client's root.)
# lab-suite: bench
# Swap readahead as the kernel ships it (the peers are compared as users
# run them), whatever the lab default.
# lab-page-cluster: default
# lab-timeout: 1500
# lab-expect-oom: yes
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-nbd-mb: 640
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=bench-swap
ratio=1.25
frac=0.25
order="nfs nbd swapnet swapnet nbd nfs"
url=nfs://$SERVER_IP/export/swapfile

lab_peers_setup
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"ratio=$ratio random_fraction=$frac procs=2 order=$(echo "$order" | tr ' ' ,)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

# swap_round PEER ROUND: memload through PEER, its line relabelled.
swap_round() {
	memload -p 2 -r "$ratio" -f "$frac" -s "$2" > /tmp/memload.out 2>&1
	lab_bench_result "$me" "$1" "$2" $? /tmp/memload.out
}
# shellcheck disable=SC2086 # the order is a list of words
lab_bench_rounds "$me" "$url" swap_round $order || lab_exit

rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

# Peer comparison (bench): NBD swap under the 4-process load of
# peer-nfs-4proc.  Prints "peer-nbd-4proc: outcome=...".
# (make bench runs this load on all three peers in one boot: bench-pressure)
# lab-suite: manual
# lab-expect-oom: yes
# lab-timeout: 900
# lab-nbd-mb: 1536
# Swap is 3 x the workload: once swap is more than half full the kernel
# frees a page's slot when it is read back, and every later eviction
# rewrites it (twice the traffic, and time, of a roomy swap device).
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
modprobe nbd &&
	nbd-client "$SERVER_IP" -N swap /dev/nbd0 -swap &&
	mkswap /dev/nbd0 && swapon /dev/nbd0 || { lab_fail "swap on NBD"; lab_exit; }
lab_meminfo

memload -p 4 -r 2.5
rc=$?
lab_meminfo
swapoff /dev/nbd0 || lab_fail "swapoff"
nbd-client -d /dev/nbd0 || lab_fail "nbd-client -d"
# memload: 0 all verified, 2 a worker was killed (data of the others
# verified), 1 corrupted data.
case $rc in
0) echo "peer-nbd-4proc: outcome=completed" ;;
2) echo "peer-nbd-4proc: outcome=oom-killed" ;;
*) echo "peer-nbd-4proc: outcome=failed status=$rc"; lab_fail "memload exited with status $rc" ;;
esac
lab_exit

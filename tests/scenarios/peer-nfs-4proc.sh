# Peer weakness, recorded (bench): the kernel's NFS swapfile with 4
# processes x (0.625 x MemTotal).  Probes here saw one worker OOM-killed
# every time (NBD survives the same load: peer-nbd-4proc).  Passes when the
# data that survived verifies; prints "peer-nfs-4proc: outcome=...".
# (make bench runs this load on all three peers in one boot: bench-pressure)
# lab-suite: manual
# lab-expect-oom: yes
# lab-timeout: 900
# lab-server-mem: 2560
# lab-export-mb: 1600
# Swap is 3 x the workload: once swap is more than half full the kernel
# frees a page's slot when it is read back, and every later eviction
# rewrites it (twice the traffic, and time, of a roomy swap device).
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
swapfile=/mnt/nfs/swapfile
mkdir -p /mnt/nfs
# nolock: the client runs no rpc.statd, and swap takes no file locks.
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/nfs &&
	mkswap "$swapfile" && swapon "$swapfile" || { lab_fail "swap on the NFS swapfile"; lab_exit; }
lab_meminfo

memload -p 4 -r 2.5
rc=$?
lab_meminfo
swapoff "$swapfile" || { lab_fail "swapoff"; lab_exit; }
umount /mnt/nfs || lab_fail "umount"
# memload: 0 all verified, 2 a worker was killed (data of the others
# verified), 1 corrupted data.
case $rc in
0) echo "peer-nfs-4proc: outcome=completed" ;;
2) echo "peer-nfs-4proc: outcome=oom-killed" ;;
*) echo "peer-nfs-4proc: outcome=failed status=$rc"; lab_fail "memload exited with status $rc" ;;
esac
lab_exit

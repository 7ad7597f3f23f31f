# Peer: the kernel's own swap over NFS.  Swapfile on an NFSv3/TCP hard
# mount, 2 processes x 0.5 MemTotal: every page is written, swapped and
# verified (linear and random order).
# lab-suite: check
# lab-timeout: 900
# lab-export-mb: 800
# Swap is 3 x the workload: once swap is more than half full the kernel
# frees a page's slot when it is read back, and every later eviction
# rewrites it (twice the traffic, and time, of a roomy swap device).
. /lab/lib.sh
set -e
swapfile=/mnt/nfs/swapfile

mkdir -p /mnt/nfs
# nolock: the client runs no rpc.statd, and swap takes no file locks.
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/nfs
ls -l "$swapfile"
mkswap "$swapfile"
swapon "$swapfile"
cat /proc/swaps
lab_meminfo

set +e
# 1.0 x MemTotal in all (2 processes x 0.5): well past what fits in RAM
# (MemTotal includes the kernel and the initramfs), so pages really go
# out and come back (lab_memload fails the run otherwise), for the least
# time (make check runs within 60 min).
lab_memload peer-nfs-swapfile -p 2 -r 1.0 -f 0.125
rc=$?
lab_meminfo
lab_log "memload exited with status $rc; swapoff"
swapoff "$swapfile" || { echo "peer-nfs-swapfile: swapoff failed"; rc=1; }
umount /mnt/nfs || { echo "peer-nfs-swapfile: umount failed"; rc=1; }
exit $rc

# Peer: the kernel's own swap over NFS.  Swapfile on an NFSv3/TCP hard
# mount, 2 processes x MemTotal: every page is written, swapped and
# verified (linear and random order).
# lab-suite: check
# lab-timeout: 900
# lab-server-mem: 2560
# lab-export-mb: 1600
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
# 2 x MemTotal in all (2 processes x MemTotal): the top of what fits the
# CI budget (~5 min per peer under TCG; 2.5 x took 7 min on NBD).
memload -p 2 -r 2.0
rc=$?
lab_meminfo
lab_log "memload exited with status $rc; swapoff"
swapoff "$swapfile" || { echo "peer-nfs-swapfile: swapoff failed"; rc=1; }
umount /mnt/nfs || { echo "peer-nfs-swapfile: umount failed"; rc=1; }
exit $rc

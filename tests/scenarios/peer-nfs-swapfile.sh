# Peer: the kernel's own swap over NFS.  Swapfile on an NFSv3/TCP hard
# mount, 2 processes x 0.5 MemTotal: every page is written, swapped and
# verified (linear and random order).
# Not in make check: on 2026-12-02 the kernel's NFS swapfile wedged in the
# write phase of one make check run (a GFP_ATOMIC page allocation failure
# in network receive 48 s after boot, then "nfs: server not responding,
# still trying" for 10 minutes with an idle server) after passing in
# another, and bench-latency saw the same wedge: virtio_net refills its
# receive ring with GFP_ATOMIC and no __GFP_MEMALLOC, so under reclaim the
# replies that would complete the swap-out writes cannot be received (the
# reserve model's "unreserved" ring refills).  A fault of the peer, not of
# swapnet, that would fail CI by chance.  The native NFS swapfile is still
# measured side by side in make bench (bench-swap, bench-latency,
# bench-fio, bench-pressure).
# lab-suite: manual
# lab-timeout: 900
# lab-export-mb: 800
# Swap is 3 x the workload: once swap is more than half full the kernel
# frees a page's slot when it is read back, and every later eviction
# rewrites it (twice the traffic, and time, of a roomy swap device).
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
swapfile=/mnt/nfs/swapfile

mkdir -p /mnt/nfs
# nolock: the client runs no rpc.statd, and swap takes no file locks.
mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/nfs &&
	ls -l "$swapfile" && mkswap "$swapfile" && swapon "$swapfile" ||
	{ lab_fail "swap on the NFS swapfile"; lab_exit; }
cat /proc/swaps
lab_meminfo

# 1.0 x MemTotal in all (2 processes x 0.5): well past what fits in RAM
# (MemTotal includes the kernel and the initramfs), so pages really go
# out and come back (lab_memload fails the run otherwise), for the least
# time (make check runs within 60 min).
lab_memload peer-nfs-swapfile -p 2 -r 1.0 -f 0.125 || lab_fail "memload exited with status $?"
lab_meminfo
swapoff "$swapfile" || lab_fail "swapoff"
umount /mnt/nfs || lab_fail "umount"
lab_exit

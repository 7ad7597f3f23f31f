# Server part of bench-pressure: one preallocated (not sparse) 0600 swapfile,
# used in turn by native NFS (through a mount) and by swapnet (through its
# own RPC client), so both peers swap to the same file on the same tmpfs.
# shellcheck shell=sh disable=SC3043
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count=640 2>/dev/null
chmod 600 /export/swapfile

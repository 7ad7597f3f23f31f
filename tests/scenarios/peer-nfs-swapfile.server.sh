# Server part of peer-nfs-swapfile: a preallocated (not sparse) 0600
# swapfile in the export.  Kept if it exists (a server reset with a disk
# export).
# shellcheck shell=sh disable=SC3043
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count=768 2>/dev/null
chmod 600 /export/swapfile

# Server part of swapnet-oom: a preallocated (not sparse)
# 0600 swapfile in the export, as for the native NFS peer.
# shellcheck shell=sh disable=SC3043
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-768}" 2>/dev/null
chmod 600 /export/swapfile

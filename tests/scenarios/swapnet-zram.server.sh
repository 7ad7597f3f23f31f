# Server part of swapnet-zram: a preallocated 0600 file in the export,
# zram's backing device (as large as the client's zram disksize).
# shellcheck shell=sh disable=SC3043
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-256}" 2>/dev/null
chmod 600 /export/swapfile

# Server part of swapnet-smoke: a preallocated 0600 file in the export.
# shellcheck shell=sh disable=SC3043
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-64}" 2>/dev/null
chmod 600 /export/swapfile

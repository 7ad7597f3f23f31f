# Server part of swapnet-resume: a preallocated (not sparse) 0600 swapfile.
# shellcheck shell=sh disable=SC3043
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-512}" 2>/dev/null
chmod 600 /export/swapfile

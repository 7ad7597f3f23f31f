# Server part of bench-verify: one preallocated (not sparse) 0600
# swapfile for swapnet, with and without verification in turn.
# shellcheck shell=sh disable=SC3043
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count=640 2>/dev/null
chmod 600 /export/swapfile

# Server part of swapnetctl-admin: an empty directory in the export for
# `swapnetctl create` to make the swapfile in (through libnfs, from the
# client).
# shellcheck shell=sh disable=SC3043
mkdir -p /export/admin
rm -f /export/admin/swapfile

# Server part of swapnetctl-admin: an empty directory in the export for
# `swapnetctl create` to make the swapfile in (through libnfs, from the
# client).
mkdir -p /export/admin
rm -f /export/admin/swapfile

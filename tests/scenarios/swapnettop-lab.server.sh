# Server part of swapnettop-lab: a preallocated (not sparse) 0600 swapfile
# for swapnet in the export.
# Also a small one for a native NFS swapfile, so that the nfs row (RPC
# stats from the real /proc/self/mountstats) is checked too.
# shellcheck shell=sh disable=SC3043
for f in swapfile:${SWAPFILE_MB:-640} nfsswap:16; do
	name=${f%:*}
	[ -f "/export/$name" ] && continue
	dd if=/dev/zero of="/export/$name" bs=1M count="${f#*:}" 2>/dev/null
	chmod 600 "/export/$name"
done

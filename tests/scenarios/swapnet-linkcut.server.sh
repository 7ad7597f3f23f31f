# Server part of swapnet-linkcut: a preallocated (not sparse) 0600
# swapfile in the export, and a copy of nfsd's statistics (the reply
# cache's "rc hits misses nocache") in the export every second, for the
# client to read over NFS.
# shellcheck shell=sh disable=SC3043
( while :; do
	cat /proc/net/rpc/nfsd > /export/.nfsd.stat.new &&
		mv /export/.nfsd.stat.new /export/nfsd.stat
	sleep 1
done ) </dev/null >/dev/null 2>&1 &
[ -f /export/swapfile ] && exit 0
dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-512}" 2>/dev/null
chmod 600 /export/swapfile

# Server part of swapnet-stale: the swapfile, and a second file for a
# device that carries no swap (the client replaces it to make its file
# handle stale).
# shellcheck shell=sh disable=SC3043
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-384}" 2>/dev/null
	chmod 600 /export/swapfile
fi
if [ ! -f /export/other ]; then
	dd if=/dev/zero of=/export/other bs=1M count=16 2>/dev/null
	chmod 600 /export/other
fi

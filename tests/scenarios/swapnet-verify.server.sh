# Server part of swapnet-verify: the swapfile, and a loop that corrupts
# it behind the client's back.  When the client puts /export/corrupt.req
# (one byte offset of a 4 KiB slot a line), the server overwrites one
# 8-byte word of each slot (word 9, bytes 72-79) with "CORRUPT!" in the
# exported file directly, as a bad disk or a buggy server would, then
# writes the number of slots done to /export/corrupt.done.
# shellcheck shell=sh disable=SC3043
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-512}" 2>/dev/null
	chmod 600 /export/swapfile
fi
printf 'CORRUPT!' > /tmp/corrupt.word
( while :; do
	if [ -f /export/corrupt.req ]; then
		n=0
		while read -r off; do
			dd if=/tmp/corrupt.word of=/export/swapfile bs=8 count=1 \
				seek=$((off / 8 + 9)) conv=notrunc 2>/dev/null &&
				n=$((n + 1))
		done < /export/corrupt.req
		rm -f /export/corrupt.req
		echo "$n" > /export/corrupt.done.tmp
		mv /export/corrupt.done.tmp /export/corrupt.done
	fi
	sleep 0.5
done ) </dev/null >/dev/null 2>&1 &
exit 0

# Server part of swapnet-mirror, on both servers (lab-servers: 2): one
# preallocated 0600 file of zeros, a leg of the mirror (zeros on both
# legs: md's check compares them whole at the end), and a loop that
# corrupts it behind the client's back (step 4, as a bad disk or a buggy
# server would): for each line "OFFSET" (byte offset of a 4 KiB block
# of mirror.swap) of /export/corrupt.req it overwrites words 9 and 300
# of the block (bytes 72-79 and 2400-2407) with "CORRUPT!", then writes
# the number of blocks done to /export/corrupt.done.
# shellcheck shell=sh disable=SC3043
[ -f /export/mirror.swap ] || {
	dd if=/dev/zero of=/export/mirror.swap bs=1M count=288 2>/dev/null
	chmod 600 /export/mirror.swap
}
printf 'CORRUPT!' > /tmp/corrupt.word
( while :; do
	if [ -f /export/corrupt.req ]; then
		n=0
		while read -r off; do
			case $off in ''|*[!0-9]*) continue ;; esac
			dd if=/tmp/corrupt.word of=/export/mirror.swap bs=8 count=1 \
				seek=$((off / 8 + 9)) conv=notrunc 2>/dev/null &&
			dd if=/tmp/corrupt.word of=/export/mirror.swap bs=8 count=1 \
				seek=$((off / 8 + 300)) conv=notrunc 2>/dev/null &&
				n=$((n + 1))
		done < /export/corrupt.req
		rm -f /export/corrupt.req
		echo "$n" > /export/corrupt.done.tmp
		mv /export/corrupt.done.tmp /export/corrupt.done
	fi
	sleep 0.5
done ) </dev/null >/dev/null 2>&1 &
exit 0

# Server part of peer-verify: the swapfile in /export (the native NFS
# peer's and swapnet's), a control directory on a tmpfs of its own
# exported on its own (/srv/ctl, fsid=2: the client mounts it without
# caching, whatever its swap mount of /export does), and a loop that
# corrupts swap areas behind the client's back: for each line "FILE
# OFFSET" of /srv/ctl/corrupt.req it overwrites one 8-byte word (word 9,
# bytes 72-79) of the 4 KiB slot at OFFSET of FILE (/export/swapfile for
# NFS and swapnet, /srv/nbd-swap.img for NBD) with "CORRUPT!", as a bad
# disk or a buggy server would, then writes the count to
# /srv/ctl/corrupt.done.
# shellcheck shell=sh disable=SC3043
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count=512 2>/dev/null
	chmod 600 /export/swapfile
fi
mkdir -p /srv/ctl
grep -q ' /srv/ctl ' /proc/mounts || mount -t tmpfs -o size=1m,mode=0755 ctl /srv/ctl || exit 1
exportfs -o rw,no_root_squash,insecure,sync,no_subtree_check,fsid=2 '*:/srv/ctl' || exit 1
printf 'CORRUPT!' > /tmp/corrupt.word
( while :; do
	if [ -f /srv/ctl/corrupt.req ]; then
		n=0
		while read -r f off; do
			case $f in /export/swapfile|/srv/nbd-swap.img) ;; *) continue ;; esac
			dd if=/tmp/corrupt.word of="$f" bs=8 count=1 \
				seek=$((off / 8 + 9)) conv=notrunc 2>/dev/null &&
				n=$((n + 1))
		done < /srv/ctl/corrupt.req
		rm -f /srv/ctl/corrupt.req
		echo "$n" > /srv/ctl/corrupt.done.tmp
		mv /srv/ctl/corrupt.done.tmp /srv/ctl/corrupt.done
	fi
	sleep 0.5
done ) </dev/null >/dev/null 2>&1 &
exit 0

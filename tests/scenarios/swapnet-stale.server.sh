# Server part of swapnet-stale: the swapfile on its own ext4 file system
# (a loop-mounted image in /export), exported as /fsx without fsid= (the
# file handles carry the file system's UUID, as on a real server), and a
# second file in /export for a device that carries no swap (the client
# replaces it to make its file handle stale).  A loop feeds /export/cmd
# (written by the client over its control mount) to fs_down: "fsdown S"
# unexports and unmounts /fsx for S seconds, then mounts and exports it
# again, as a server whose export's file system comes back late (fsck, a
# late SAN LUN); nfsd keeps running and answers STALE meanwhile.
# Progress lines go to /export/fsdown.log.  Idempotent.
# shellcheck shell=sh disable=SC3043
set -e
FSX_OPTS="rw,no_root_squash,insecure,sync,no_subtree_check"
# the base setup loads ext4 only for a "disk" export
modprobe ext4
if [ ! -f /export/fs.img ]; then
	truncate -s "$(( ${SWAPFILE_MB:-384} + 64 ))M" /export/fs.img
	mkfs.ext4 -q -F -L fsx /export/fs.img
fi
mkdir -p /fsx
if ! grep -q " /fsx " /proc/mounts; then
	mount -t ext4 -o loop /export/fs.img /fsx
fi
if [ ! -f /fsx/swapfile ]; then
	dd if=/dev/zero of=/fsx/swapfile bs=1M count="${SWAPFILE_MB:-384}" 2>/dev/null
	chmod 600 /fsx/swapfile
	sync
fi
exportfs -o "$FSX_OPTS" "*:/fsx"
if [ ! -f /export/other ]; then
	dd if=/dev/zero of=/export/other bs=1M count=16 2>/dev/null
	chmod 600 /export/other
fi

fs_down() {
	local secs="$1" i=0
	echo "fsdown: unexport /fsx" >> /export/fsdown.log
	exportfs -u "*:/fsx"
	exportfs -f
	# nfsd closes its cached open files of the export within seconds
	until umount /fsx 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 60 ]; then
			echo "fsdown: FAILED: /fsx still busy after 30 s" >> /export/fsdown.log
			exportfs -o "$FSX_OPTS" "*:/fsx"
			return 1
		fi
		sleep 0.5
	done
	echo "fsdown: /fsx unmounted after $i tries; exported again without its file system" >> /export/fsdown.log
	# the export stays in the table, as on a server that boots before
	# its file system is mounted: nfsd answers STALE for its handles
	exportfs -o "$FSX_OPTS,fsid=77" "*:/fsx" 2>> /export/fsdown.log || true
	sleep "$secs"
	exportfs -u "*:/fsx" 2>/dev/null || true
	exportfs -f
	mount -t ext4 -o loop /export/fs.img /fsx
	exportfs -o "$FSX_OPTS" "*:/fsx"
	echo "fsdown: /fsx mounted and exported again after $secs s" >> /export/fsdown.log
}

( while :; do
	if [ -f /export/cmd ]; then
		c=$(cat /export/cmd)
		rm -f /export/cmd
		case $c in
		fsdown\ [0-9]*) fs_down "${c#fsdown }" || true ;;
		esac
	fi
	sleep 0.5
done ) </dev/null >/dev/null 2>&1 &
exit 0

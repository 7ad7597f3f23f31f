# swapnet: fio with crc32c verification on /dev/swapnet0.  For each block
# size (4k, 64k, 1m; 1m is split into several NFS WRITEs/READs) and I/O
# depth (1, 32): random writes over 4, 8 or 16 MiB (1024, 128, 16 blocks:
# enough to cover every block size's path, few enough for make check's
# budget), read back and verified by the same job, then read and verified
# again by a second, read-only job.
# lab-suite: check
# lab-timeout: 900
# lab-bins: fio
# fio brings ~80 MB of shared libraries (ceph, icu) into the initramfs:
# more RAM so that they fit.  This scenario does not test memory pressure.
# lab-client-mem: 512
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
dev=$(swapnetctl attach "nfs://$SERVER_IP/export/swapfile" --name fio)
lab_log "attached $dev"

for bs in 4k 64k 1m; do
	case $bs in 4k) size=4m ;; 64k) size=8m ;; *) size=16m ;; esac
	for qd in 1 32; do
		job="--name=swapnet-$bs-qd$qd --filename=$dev --size=$size
		     --bs=$bs --iodepth=$qd --ioengine=libaio --direct=1
		     --rw=randwrite --randrepeat=1 --verify=crc32c
		     --verify_fatal=1 --do_verify=1 --group_reporting --eta=never"
		# shellcheck disable=SC2086
		if ! fio $job --output=/tmp/fio.out; then
			cat /tmp/fio.out
			lab_fail "bs=$bs iodepth=$qd: write+verify failed"
			continue
		fi
		grep -E 'IOPS=|verify' /tmp/fio.out || true
		# same job, read-only: re-read and re-check every block
		# shellcheck disable=SC2086
		if ! fio $job --verify_only=1 --output=/tmp/fio.out; then
			cat /tmp/fio.out
			lab_fail "bs=$bs iodepth=$qd: read verify failed"
			continue
		fi
		grep -E 'IOPS=' /tmp/fio.out || true
		echo "swapnet-fio: bs=$bs iodepth=$qd: all data verified"
	done
done

echo "stat: $(cat /sys/block/swapnet0/swapnet/stat)"
swapnetctl list
errors=$(lab_swapnet_stat swapnet0 errors)
[ "$errors" = 0 ] || lab_fail "$errors I/O errors"
swapnetctl detach "$dev" || lab_fail "detach failed"
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

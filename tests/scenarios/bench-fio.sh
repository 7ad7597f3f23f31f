# Benchmark (make bench): fio on each peer's raw storage, side by side in
# one boot: /dev/nbd0 (nbd-client), /dev/swapnetN (swapnetctl attach) and,
# for native NFS, which has no block device, the swapfile through an
# NFSv3 (vers=3,proto=tcp,hard) mount with O_DIRECT: the closest
# equivalent.  Per peer and block size (4k over 32 MiB, 64k over 64 MiB):
# random writes at iodepth 16, then every block read back and crc32c-
# verified (fio's verify pass: random order too, so its numbers are the
# random-read figures).  One "bench-fio: fio ..." line each for
# tests/lab/bench-report.sh; a failed verification fails the run.
# The client has 768 MiB here, not 256: fio's libraries (~80 MB) must fit
# in its RAM-backed root; direct I/O makes the page cache irrelevant.
# lab-suite: bench
# lab-timeout: 900
# lab-client-mem: 768
# lab-server-mem: 2048
# lab-export-mb: 704
# lab-nbd-mb: 640
# lab-bins: fio
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=bench-fio
order="nbd swapnet nfs"
url=nfs://$SERVER_IP/export/swapfile
dev=''

lab_peers_setup
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"order=$(echo "$order" | tr ' ' ,)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"

# store_on PEER: attach PEER's storage; sets $target for fio.
store_on() {
	case $1 in
	nfs)
		# nolock: the client runs no rpc.statd.
		mount -t nfs -o vers=3,proto=tcp,hard,nolock "$SERVER_IP:/export" /mnt/nfs &&
			target=/mnt/nfs/swapfile ;;
	nbd)
		nbd-client "$SERVER_IP" -N swap /dev/nbd0 -swap >/dev/null &&
			target=/dev/nbd0 ;;
	swapnet)
		dev=$(swapnetctl attach "$url" --name bench) && target=$dev ;;
	esac
}

store_off() {
	case $1 in
	nfs) umount /mnt/nfs ;;
	nbd) nbd-client -d /dev/nbd0 >/dev/null ;;
	swapnet) swapnetctl detach "$dev" ;;
	esac
}

# fio_one PEER BS SIZE: one job, randwrite then verify; one "fio" line
# from the terse output.
fio_one() {
	fio --name="$1-$2" --filename="$target" --size="$3" --bs="$2" \
		--iodepth=16 --ioengine=libaio --direct=1 --rw=randwrite \
		--randrepeat=1 --verify=crc32c --verify_fatal=1 --do_verify=1 \
		--output-format=terse --terse-version=3 > /tmp/fio.out 2>&1
	frc=$?
	# terse v3: fields 6-9 read KiB, KiB/s, IOPS, ms; 47-50 the same for
	# writes.  Verified: status 0, no error, as many KiB read as written.
	awk -F';' -v me="$me" -v p="$1" -v bs="$2" -v rc="$frc" '
		NF > 50 {
			ok = (rc == 0 && $5 == 0 && $6 == $47 && $47 > 0) ? "yes" : "no"
			printf "%s: fio peer=%s bs=%s write_iops=%d write_kibs=%d read_iops=%d read_kibs=%d kib=%d verified=%s\n",
				me, p, bs, $49, $48, $8, $7, $47, ok
			found = 1
		}
		END { if (!found) printf "%s: fio peer=%s bs=%s verified=no status=%d\n", me, p, bs, rc }
	' /tmp/fio.out > /tmp/fio.line
	cat /tmp/fio.line
	grep -q 'verified=yes' /tmp/fio.line || { cat /tmp/fio.out; lab_fail "$1 $2: fio did not verify"; }
}

for p in $order; do
	if ! store_on "$p"; then
		echo "$me: fio peer=$p verified=no status=attach-failed"
		lab_fail "$p: attach failed"
		continue
	fi
	lab_log "$me: $p: $target"
	fio_one "$p" 4k 32m
	fio_one "$p" 64k 64m
	store_off "$p" || lab_fail "$p: detach after fio failed"
done

rmmod swapnet || lab_fail "rmmod swapnet"
lab_exit

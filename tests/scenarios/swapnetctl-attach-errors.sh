# swapnetctl attach errors: a bad URL, a wrong path or export, a dead
# server, a file with holes, too small or too open, a directory, bad
# options, a file on a kernel NFS mount named by its path, an IPv6 server,
# a foreign signature on the device: each error gives one clear line on
# stderr ("swapnetctl: ..."), the documented exit status (1 usage, 2
# kernel or server error) and leaves no device behind; the same file
# cannot be attached twice.  A good attach/detach runs first and last so
# a broken harness cannot pass.  (Privileges: swapnetctl-privileges; a
# dead server's control plane: swapnet-control-plane.)
# lab-suite: check
# lab-kernels: full
# lab-timeout: 600
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
S=$SERVER_IP
# On the link but nobody there: ARP gets no answer.
DEAD=10.99.0.3

good() {
	dev=$(swapnetctl attach "nfs://$S/export/good")
	rc=$?
	if [ "$rc" -ne 0 ] || [ "$dev" != /dev/swapnet0 ]; then
		lab_fail "good attach: status $rc, printed '$dev'"
	fi
	[ -b /dev/swapnet0 ] || lab_fail "good attach: no /dev/swapnet0"
	swapnetctl list | grep -q '^swapnet0: ' &&
		swapnetctl list | grep -q '^    file .*:/export/good$' ||
		lab_fail "good attach: not in list"
	# the same file twice: refused, the first device stays alone
	swapnetctl attach "nfs://$S/export/good" > /tmp/out 2> /tmp/err
	rc=$?
	echo "[dup] -> $rc: $(cat /tmp/err)"
	if [ "$rc" -ne 2 ] || ! grep -q "already attached as /dev/swapnet0" /tmp/err; then
		lab_fail "second attach of the same file: status $rc"
	fi
	[ "$(swapnetctl list | grep -c '^swapnet[0-9]*:')" -eq 1 ] ||
		lab_fail "second attach of the same file: $(swapnetctl list)"
	swapnetctl detach swapnet0 || lab_fail "good detach"
	left=$(lab_swapnet_devices)
	[ -z "$left" ] || lab_fail "good detach: device left behind: $left"
}

modprobe swapnet || { lab_fail "modprobe swapnet"; lab_exit; }
good

lab_log "swapnetctl-attach-errors: bad URLs and options"
lab_expect_error 1 "no path" 2 swapnetctl attach "nfs://$S"
lab_expect_error 1 "nfs://" 2 swapnetctl attach "http://$S/export/good"
lab_expect_error 1 "port" 2 swapnetctl attach "nfs://$S:0/export/good"
lab_expect_error 1 "unterminated" 2 swapnetctl attach "nfs://[fd00::1/export/good"
lab_expect_error 1 "name a file" 2 swapnetctl attach "nfs://$S/export/"
lab_expect_error 1 "not allowed" 2 swapnetctl attach "nfs://$S/export/../etc/passwd"
lab_expect_error 1 "missing URL" 2 swapnetctl attach
lab_expect_error 1 "unknown option" 2 swapnetctl attach "nfs://$S/export/good" --bogus
lab_expect_error 1 "multiple of 4096" 2 swapnetctl attach "nfs://$S/export/good" --rsize 1000
lab_expect_error 1 "10..6000" 2 swapnetctl attach "nfs://$S/export/good" --timeo 5
lab_expect_error 1 "unknown command" 2 swapnetctl frobnicate
lab_expect_error 1 "not a swapnet device" 2 swapnetctl detach sda
lab_expect_error 1 "not on NFS" 2 swapnetctl attach /etc/passwd
lab_expect_error 1 "No such file" 2 swapnetctl attach /nonexistent/swapfile

lab_log "swapnetctl-attach-errors: wrong server, export, path"
lab_expect_error 2 "cannot resolve server 'no-such-host.invalid'" 10 swapnetctl attach "nfs://no-such-host.invalid/export/good"
lab_expect_error 2 "cannot reach NFS server $DEAD" 15 swapnetctl attach "nfs://$DEAD/export/good"
lab_expect_error 2 "cannot reach NFS server $S port 2050: Connection refused" 10 swapnetctl attach "nfs://$S:2050/export/good"
lab_expect_error 2 "cannot mount $S:/nonexport: not exported (exports: /export)" 15 swapnetctl attach "nfs://$S/nonexport/good"
lab_expect_error 2 "$S:/export/missing: no such file on the server" 15 swapnetctl attach "nfs://$S/export/missing"
lab_expect_error 2 "$S:/export/adir is not a regular file" 15 swapnetctl attach "nfs://$S/export/adir"

lab_log "swapnetctl-attach-errors: unusable files"
lab_expect_error 2 "$S:/export/sparse has holes: 0 of 16777216" 15 swapnetctl attach "nfs://$S/export/sparse"
lab_expect_error 2 "has holes" 15 swapnetctl attach "nfs://$S/export/partial"
lab_expect_error 2 "too small: 262144 bytes" 15 swapnetctl attach "nfs://$S/export/small"
lab_expect_error 2 "mode 0644, wider than 0600" 15 swapnetctl attach "nfs://$S/export/wide"
lab_expect_error 2 "has holes" 15 swapnetctl swapon "nfs://$S/export/sparse"

lab_log "swapnetctl-attach-errors: kernel rejections"
lab_expect_error 2 "swapnet7" 5 swapnetctl detach swapnet7
lab_expect_error 2 "no swapnet device is attached" 10 swapnetctl swapoff "nfs://$S/export/good"

lab_log "swapnetctl-attach-errors: paths on a kernel NFS mount"
mkdir -p /mnt/nfs
if mount -t nfs -o vers=3,nolock "$S:/export" /mnt/nfs; then
	dev=$(swapnetctl attach /mnt/nfs/good) || lab_fail "attach by path"
	swapnetctl list | grep -q "^    file $S:/export/good\$" ||
		lab_fail "attach by path: list shows $(swapnetctl list)"
	swapnetctl detach "$dev" || lab_fail "detach after attach by path"
	lab_expect_error 2 "$S:/export/sparse has holes" 15 swapnetctl attach /mnt/nfs/sparse
	lab_expect_error 1 "/mnt/nfs/nothere: No such file" 5 swapnetctl attach /mnt/nfs/nothere
	lab_expect_error 1 "is the mount point" 5 swapnetctl attach /mnt/nfs
	umount /mnt/nfs
else
	lab_fail "cannot mount $S:/export with the kernel client"
fi

lab_log "swapnetctl-attach-errors: IPv6"
ip addr add fd00::2/64 dev eth0
ping6_up() { ping -c 1 -W 1 fd00::1 > /dev/null 2>&1; }
lab_wait 10 ping6_up || lab_log "fd00::1 does not answer ping yet"
dev=$(swapnetctl attach "nfs://[fd00::1]/export/good") || lab_fail "attach [fd00::1]"
swapnetctl list | grep -q "^    file .*fd00::1.*:/export/good\$" ||
	lab_fail "attach [fd00::1]: list shows $(swapnetctl list)"
swapnetctl detach "$dev" || lab_fail "detach after attach [fd00::1]"
lab_expect_error 2 "cannot reach NFS server fd00::3 port 2049" 15 \
	swapnetctl attach "nfs://[fd00::3]/export/good"

lab_log "swapnetctl-attach-errors: foreign signature"
# An ext2 file system (busybox mke2fs) made through the device itself must
# survive swapon, with and without --mkswap.
if dev=$(swapnetctl attach "nfs://$S/export/fs") &&
   mke2fs -F "$dev" > /dev/null && swapnetctl detach "$dev"; then
	lab_expect_error 2 "refusing to use /dev/swapnet0 as swap: it holds ext2 data" 20 \
		swapnetctl swapon "nfs://$S/export/fs"
	lab_expect_error 2 "it holds ext2 data" 20 \
		swapnetctl swapon "nfs://$S/export/fs" --mkswap
	dev=$(swapnetctl attach "nfs://$S/export/fs")
	[ "$(blkid -o value -s TYPE "$dev")" = ext2 ] || lab_fail "ext2 signature lost"
	swapnetctl detach "$dev"
else
	lab_fail "could not make an ext2 file system on nfs://$S/export/fs"
	swapnetctl detach swapnet0 2>/dev/null
fi

good
# swapon/swapoff of the good file, then the list is empty again.
dev=$(swapnetctl swapon "nfs://$S/export/good" --priority 7) ||
	lab_fail "swapon good"
awk -v d="$dev" '$1 == d && $5 == 7 {ok = 1} END {exit !ok}' /proc/swaps ||
	lab_fail "swapon good: not in /proc/swaps: $(cat /proc/swaps)"
swapnetctl swapoff "$dev" || lab_fail "swapoff good"
if grep -q swapnet /proc/swaps; then lab_fail "swapoff good: still in /proc/swaps"; fi
[ "$(swapnetctl list -j)" = "[]" ] ||
	lab_fail "list -j not empty: $(swapnetctl list -j)"
rmmod swapnet || lab_fail "rmmod swapnet"

echo "swapnetctl-attach-errors: $LAB_CASES error cases"
lab_exit

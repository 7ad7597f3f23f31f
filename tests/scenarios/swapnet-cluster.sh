# One image for a cluster (issue 11): a swapnet.conf with %H and create=
# is shown by `start --dry-run` (nothing created), `swapnetctl start`
# creates this node's file and swaps on it with verified data, `stop`,
# and a second start (a "second boot") reuses the file without creating
# it again.  Then an `encrypt` line: dm-crypt plain with a random key on
# top of /dev/swapnetN, `list` shows the mapping, the verifying workload
# swaps through it, stop removes the mapping, and the file on the server
# (read through an NFS mount of the export) holds none of memload's
# pattern, while the plain node file does (so the check can fail).
# zswap = off from the config, reported by check.
# Two nodes booting the same line at once: swapnet-two-nodes (lab-clients: 2).
# lab-suite: check
# lab-timeout: 1200
# lab-mods: dm_crypt xts aesni_intel
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
/usr/sbin/depmod -a
node=$(hostname)
host=${node%%.*}
dir=/export/nodes
conf=/etc/swapnet.conf
size_mb=160

# memload's pattern in clear on the server: word 1 of every page is
# (seed << 20) ^ pass, the same for all pages of a process and pass;
# ciphertext repeats no 8-byte word at a page start.  Prints the largest
# number of non-zero pages (in the first 16 MiB: swap allocates from the
# start of the area) sharing word 1, then the number of non-zero pages.
pattern_count() {
	od -A n -v -t x8 -N 16777216 "$1" |
		awk 'NR % 256 == 1 && $2 !~ /^0+$/ {print $2}' > /tmp/w1
	c=$(sort /tmp/w1 | uniq -c | sort -rn | head -n 1 | awk '{print $1}')
	echo "${c:-0} $(wc -l < /tmp/w1)"
}

cat > $conf <<CONF
# one file for every node, from one image
reserve = auto
zswap = off
nfs://$SERVER_IP$dir/%H.swap  create=${size_mb}M,priority=5
CONF

lab_log "swapnet-cluster: dry run"
mkdir -p /mnt/export
mount -t nfs -o vers=3,nolock,ro "$SERVER_IP:/export" /mnt/export ||
	{ lab_fail "mount the export"; lab_exit; }
swapnetctl start --dry-run > /tmp/dry.txt || lab_fail "start --dry-run"
cat /tmp/dry.txt
grep -q "^  url: nfs://$SERVER_IP$dir/$host.swap\$" /tmp/dry.txt || lab_fail "dry run: no expanded url"
grep -q "^  create: $((size_mb << 20)) bytes if missing" /tmp/dry.txt || lab_fail "dry run: no create line"
[ ! -e "/mnt/export/nodes/$host.swap" ] || lab_fail "dry run created the file"
[ -z "$(swapnetctl list)" ] || lab_fail "dry run attached a device"
# %a: the MAC of the interface the kernel routes to the server through
ifc=$(ip route get "$SERVER_IP" | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n 1)
mac=$(tr : - < "/sys/class/net/$ifc/address")
printf 'nfs://%s/export/nodes/%%a\n' "$SERVER_IP" > /tmp/mac.conf
swapnetctl start --dry-run -c /tmp/mac.conf > /tmp/dry2.txt || lab_fail "dry run with %a"
grep -q "^  url: nfs://$SERVER_IP$dir/$mac\$" /tmp/dry2.txt || lab_fail "%a is not $mac ($ifc): $(grep url: /tmp/dry2.txt)"
# a template the tool does not know: the file and line named
printf 'nfs://%s/export/nodes/%%Q\n' "$SERVER_IP" > /tmp/bad.conf
set +e
swapnetctl start --dry-run -c /tmp/bad.conf 2> /tmp/err
rc=$?
set -e
if ! { [ $rc = 1 ] && grep -q "/tmp/bad.conf:1: .*unknown template '%Q'" /tmp/err; }; then
	lab_fail "bad template: $rc $(cat /tmp/err)"
fi

lab_log "swapnet-cluster: first boot (creates the file)"
swapnetctl start > /tmp/start1.txt || { cat /tmp/start1.txt; lab_fail "start"; lab_exit; }
cat /tmp/start1.txt
grep -q "missing, creating" /tmp/start1.txt || lab_fail "first start did not create"
grep -q '^/dev/swapnet0 ' /proc/swaps || lab_fail "swapnet0 not swapped on"
ls -l /mnt/export/nodes/
swapnetctl check | grep "zswap: off" || lab_fail "check does not report zswap off"
[ "$(cat /sys/module/zswap/parameters/enabled 2>/dev/null || echo N)" = N ] || lab_fail "zswap is on"
lab_meminfo
set +e
lab_memload swapnet-cluster -p 2 -r 0.8 -f 0.125
rc=$?
set -e
lab_meminfo
[ $rc = 0 ] || lab_fail "memload (plain) exited $rc"
swapnetctl stop || lab_fail "stop"
[ -z "$(swapnetctl list)" ] || lab_fail "devices left after stop"

lab_log "swapnet-cluster: second boot (reuses the file)"
swapnetctl start > /tmp/start2.txt || { cat /tmp/start2.txt; lab_fail "second start"; lab_exit; }
cat /tmp/start2.txt
grep -q "there ($(((size_mb << 20) + 4096)) bytes, mode 0600), reused" /tmp/start2.txt || lab_fail "second start did not reuse"
if grep -q "creating" /tmp/start2.txt; then lab_fail "second start created again"; fi
grep -q '^/dev/swapnet0 ' /proc/swaps || lab_fail "swapnet0 not swapped on (second boot)"
swapnetctl stop || lab_fail "stop (second boot)"
# another size on an existing file: refused, never resized
sed -i "s/create=${size_mb}M/create=$((size_mb * 2))M/" $conf
set +e
swapnetctl start > /tmp/start3.txt 2> /tmp/err
rc=$?
set -e
cat /tmp/err
if ! { [ $rc != 0 ] && grep -q "not resized" /tmp/err; }; then
	lab_fail "size mismatch: $rc"
fi
[ -z "$(swapnetctl list)" ] || lab_fail "device left after the refused start"

lab_log "swapnet-cluster: encrypt"
# lab-mods only copies them in: load dm-crypt and an AES-XTS
# (aesni_intel where the CPU has AES-NI; else xts over aes_generic)
/usr/sbin/modprobe -a dm_crypt xts || { lab_fail "modprobe dm_crypt xts"; lab_exit; }
/usr/sbin/modprobe aesni_intel 2>/dev/null || echo "no aesni_intel: aes_generic"
cat > $conf <<CONF
reserve = auto
nfs://$SERVER_IP$dir/%H-crypt.swap  create=${size_mb}M,encrypt
CONF
swapnetctl start > /tmp/start4.txt || { cat /tmp/start4.txt; lab_fail "start (encrypt)"; lab_exit; }
cat /tmp/start4.txt
cat /proc/swaps
swapnetctl list | tee /tmp/list.txt
grep -q "encrypted: /dev/mapper/swapnet0-crypt" /tmp/list.txt || lab_fail "list does not show the mapping"
if grep -q '^/dev/swapnet0 ' /proc/swaps; then
	lab_fail "swapnet0 itself swapped on, not the mapping"
fi
grep -q '^/dev/dm-0 \|^/dev/mapper/swapnet0-crypt ' /proc/swaps || lab_fail "the mapping is not swapped on"
lab_meminfo
set +e
lab_memload swapnet-cluster -p 2 -r 0.8 -f 0.125
rc=$?
set -e
lab_meminfo
[ $rc = 0 ] || lab_fail "memload (encrypt) exited $rc"
swapnetctl stop || lab_fail "stop (encrypt)"
[ -z "$(swapnetctl list)" ] || lab_fail "devices left after stop (encrypt)"
[ ! -e /dev/mapper/swapnet0-crypt ] || lab_fail "mapping left after stop"

lab_log "swapnet-cluster: server-side files"
# shellcheck disable=SC2046 # two numbers
set -- $(pattern_count "/mnt/export/nodes/$host.swap")
echo "plain file: $1 pages share word 1, of $2 non-zero pages"
[ "$1" -ge 64 ] || lab_fail "the plain file shows no memload pattern (the check would not see plaintext)"
# shellcheck disable=SC2046 # two numbers
set -- $(pattern_count "/mnt/export/nodes/$host-crypt.swap")
echo "encrypted file: $1 pages share word 1, of $2 non-zero pages"
[ "$2" -ge 500 ] || lab_fail "the encrypted file has only $2 written pages"
[ "$1" -le 2 ] || lab_fail "the encrypted file holds memload's pattern in clear ($1 pages)"
umount /mnt/export
lab_exit

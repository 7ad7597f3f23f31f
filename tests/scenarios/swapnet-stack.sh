# swapnet under md and dm, as swap (issue 21 item 6): which I/O is
# reclaim I/O is decided by what the device is attached for, not by
# REQ_SWAP, which md raid1 on 6.1 drops (drivers/md/raid1.c rebuilds
# each leg's bi_opf from the op and REQ_SYNC|REQ_FUA).
# 1. Two devices attached for swap (swapnetctl attach --swap), md raid1
#    over them (mdadm, --assume-clean), mkswap, swapon, memload 2
#    processes x 1.6 x MemTotal together, every page verified; the legs
#    say for_swap 1 and swap_active 1, and their writes were reclaim
#    I/O (reclaim_reqs > 0).  Before the attach flag this deadlocked on
#    6.1 at once: the legs' writes were not RPC_TASK_SWAPPER, so rpciod
#    went into direct reclaim for their call buffers and slept behind
#    swap-out to md.
# 2. dm-crypt (plain, random key) over one device, as swapnetctl's
#    encrypt builds it (swapnetctl start with an encrypt line), memload
#    1.0 x MemTotal, verified (3 % of the pages again in random order).
# 3. A device attached without --swap: for_swap 0, swap_active 0 (its
#    transport is not swap-activated), and direct writes to it are not
#    reclaim I/O (reclaim_reqs stays 0).
# lab-suite: check
# lab-timeout: 900
# lab-mods: raid1 dm_crypt xts aesni_intel
# lab-bins: mdadm
# shellcheck shell=sh disable=SC3043,SC2317,SC2015 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=swapnet-stack
/usr/sbin/depmod -a
/usr/sbin/modprobe -a raid1 dm_crypt xts || { lab_fail "modprobe raid1 dm_crypt xts failed"; lab_exit; }
/usr/sbin/modprobe aesni_intel 2>/dev/null || echo "$me: no aesni_intel: aes_generic"
mdadm=$(command -v mdadm || find / -xdev -name mdadm -type f 2>/dev/null | head -n 1)
[ -n "$mdadm" ] || { lab_fail "no mdadm (lab-bins)"; lab_exit; }
url=nfs://$SERVER_IP/export

# 1. md raid1 over two devices attached for swap
a=$(swapnetctl attach "$url/leg0" --swap --name leg0) || { lab_fail "attach leg0 failed"; lab_exit; }
b=$(swapnetctl attach "$url/leg1" --swap --name leg1) || { lab_fail "attach leg1 failed"; lab_exit; }
a=${a#/dev/}; b=${b#/dev/}
for d in $a $b; do
	echo "$me: $d for_swap=$(lab_swapnet_attr "$d" for_swap) swap_active=$(lab_swapnet_attr "$d" swap_active)"
	[ "$(lab_swapnet_attr "$d" for_swap)" = 1 ] || lab_fail "$d: attach --swap: for_swap is not 1"
	[ "$(lab_swapnet_attr "$d" swap_active)" = 1 ] || lab_fail "$d: attached for swap, transport not swap-activated"
done
mkdir -p /dev/md
"$mdadm" --create /dev/md0 --run --level=1 --raid-devices=2 --metadata=1.2 \
	--assume-clean "/dev/$a" "/dev/$b" || { lab_fail "mdadm --create failed"; lab_exit; }
cat /proc/mdstat
mkswap /dev/md0 > /dev/null && swapon /dev/md0 || { lab_fail "swapon /dev/md0 failed"; lab_exit; }
cat /proc/swaps
lab_log "$me: md raid1 over /dev/$a and /dev/$b"
lab_memload "$me" -p 2 -r 1.6 -f 0.03 || lab_fail "memload on md raid1 failed"
swapoff /dev/md0 || lab_fail "swapoff /dev/md0"
echo "$me: md legs reclaim_reqs $a=$(lab_swapnet_stat "$a" reclaim_reqs) $b=$(lab_swapnet_stat "$b" reclaim_reqs) writes $a=$(lab_swapnet_stat "$a" writes) $b=$(lab_swapnet_stat "$b" writes)"
[ "$(lab_swapnet_stat "$a" reclaim_reqs)" -gt 0 ] && [ "$(lab_swapnet_stat "$b" reclaim_reqs)" -gt 0 ] ||
	lab_fail "the legs' writes were not reclaim I/O"
"$mdadm" --stop /dev/md0 || lab_fail "mdadm --stop"
swapnetctl detach "/dev/$a" || lab_fail "detach $a"
swapnetctl detach "/dev/$b" || lab_fail "detach $b"

# 2. dm-crypt over one device, as swapnetctl builds it
lab_log "$me: dm-crypt"
cat > /etc/swapnet.conf <<CONF
$url/crypt encrypt
CONF
swapnetctl start || { lab_fail "swapnetctl start (encrypt) failed"; lab_exit; }
cat /proc/swaps
swapnetctl list
c=
for d in /sys/block/swapnet*; do
	case $(cat "$d/swapnet/path") in */crypt) c=${d##*/} ;; esac
done
[ -n "$c" ] || { lab_fail "no device for $url/crypt after start"; lab_exit; }
echo "$me: $c for_swap=$(lab_swapnet_attr "$c" for_swap) swap_active=$(lab_swapnet_attr "$c" swap_active)"
[ "$(lab_swapnet_attr "$c" for_swap)" = 1 ] || lab_fail "$c: encrypt: for_swap is not 1"
lab_memload "$me" -p 2 -r 1.0 -f 0.03 || lab_fail "memload on dm-crypt failed"
echo "$me: crypt reclaim_reqs=$(lab_swapnet_stat "$c" reclaim_reqs) writes=$(lab_swapnet_stat "$c" writes)"
[ "$(lab_swapnet_stat "$c" reclaim_reqs)" -gt 0 ] || lab_fail "dm-crypt's writes were not reclaim I/O"
swapnetctl stop || lab_fail "swapnetctl stop"

# 3. attached for other use
o=$(swapnetctl attach "$url/leg0" --name other) || { lab_fail "attach (no --swap) failed"; lab_exit; }
o=${o#/dev/}
dd if=/dev/urandom of=/tmp/pattern bs=1M count=4 2>/dev/null
dd if=/tmp/pattern of="/dev/$o" bs=1M oflag=direct 2>/dev/null || lab_fail "direct write to $o"
dd if="/dev/$o" of=/tmp/back bs=1M count=4 iflag=direct 2>/dev/null || lab_fail "direct read from $o"
cmp -s /tmp/pattern /tmp/back || lab_fail "$o read back different data"
echo "$me: $o for_swap=$(lab_swapnet_attr "$o" for_swap) swap_active=$(lab_swapnet_attr "$o" swap_active) reclaim_reqs=$(lab_swapnet_stat "$o" reclaim_reqs) writes=$(lab_swapnet_stat "$o" writes)"
[ "$(lab_swapnet_attr "$o" for_swap)" = 0 ] || lab_fail "$o: attached without --swap, for_swap is not 0"
[ "$(lab_swapnet_attr "$o" swap_active)" = 0 ] || lab_fail "$o: attached without --swap, transport swap-activated"
[ "$(lab_swapnet_stat "$o" reclaim_reqs)" = 0 ] || lab_fail "$o: direct writes sent as reclaim I/O"
swapnetctl detach "/dev/$o" || lab_fail "detach $o"
lab_exit

#!/bin/bash
# Build, or reuse from the cache, the base initramfs of one lab guest role.
#
#   tests/lab/mkbase.sh server|client KVER     -> prints the cached archive path
#
# The base holds everything that does not change from run to run: busybox,
# the host's own Debian binaries with their ldd-resolved libraries, the
# kernel modules the role needs and a few /etc files.  It is keyed by a hash
# of this script and the versions of the packages it copies from, so a
# package upgrade or an edit here rebuilds it; otherwise a run only builds
# its small per-run archive (tests/lab/run).
set -euo pipefail

role=${1:?usage: mkbase.sh server|client KVER}
kver=${2:?usage: mkbase.sh server|client KVER}
here=$(cd "$(dirname "$0")" && pwd)
cache=${LAB_CACHE:-$here/cache}

# What each role needs.  The client stays small: its RAM is the resource
# under test, and the initramfs lives in that RAM.
common_bins="busybox kmod mount umount blkid mkswap swapon swapoff losetup ip"
server_bins="rpc.nfsd rpc.mountd exportfs rpcbind rpc.statd sm-notify nbd-server mke2fs"
client_bins="mount.nfs nbd-client"
common_mods="virtio_pci virtio_net virtio_blk loop"
server_mods="nfsd ext4"
client_mods="nfs nfsv3 nfsv4 nbd"
# swapnet.ko's crc32c() (verified swap-in): the libcrc32c module and its
# crypto back ends where the kernel has one (6.1, 6.12); later kernels
# build crc32c into lib/crc32 and have no such module.
if modprobe -S "$kver" --show-depends libcrc32c > /dev/null 2>&1; then
	client_mods="$client_mods libcrc32c"
fi
pkgs="busybox-static kmod mount util-linux iproute2 nfs-common nfs-kernel-server
      rpcbind nbd-server nbd-client e2fsprogs libc6 ncurses-base"

case $role in
server) bins="$common_bins $server_bins" mods="$common_mods $server_mods" ;;
client) bins="$common_bins $client_bins" mods="$common_mods $client_mods" ;;
*) echo "mkbase.sh: unknown role '$role' (server or client)" >&2; exit 2 ;;
esac

# The kernel's module tree: the host's, or the trixie build root's for 7.x.
LAB_KROOT=$("$here/kernels.sh" --root "$kver") || exit 1
export LAB_KROOT
kroot=${LAB_KROOT%/}
[ -r "$kroot/lib/modules/$kver/modules.dep" ] ||
	{ echo "mkbase.sh: no modules for kernel $kver in ${kroot:-/}/lib/modules (make deps)" >&2; exit 1; }

# shellcheck disable=SC2086
key=$( { cat "$0" "$here/copy.sh"; echo "$role $kver"
	 dpkg-query -W -f '${Package} ${Version}\n' $pkgs 2>/dev/null
	 stat -c '%Y %s' "$kroot/lib/modules/$kver/modules.dep"; } | sha256sum | cut -c1-16)
out="$cache/base-$role-$kver-$key.cpio.zst"
if [ -s "$out" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache"
stage=$(mktemp -d "$cache/stage-$role.XXXXXX")
trap 'rm -rf "$stage"' EXIT
# mktemp makes the directory 0700; as the guest's "/" that keeps rpcbind
# (running as _rpc) from reading /etc/netconfig.
chmod 755 "$stage"

# Merged /usr, like the host, so host paths can be copied verbatim.
mkdir -p "$stage"/usr/bin "$stage"/usr/sbin "$stage"/usr/lib "$stage"/usr/lib64 \
	"$stage"/etc "$stage"/proc "$stage"/sys "$stage"/dev "$stage"/run \
	"$stage"/tmp "$stage"/var/lib "$stage"/mnt "$stage"/root "$stage"/lab
for d in bin sbin lib lib64; do ln -s "usr/$d" "$stage/$d"; done
ln -s ../run "$stage/var/run"
chmod 1777 "$stage/tmp"

# shellcheck source=copy.sh
. "$here/copy.sh"
# shellcheck disable=SC2086
for b in $bins; do lab_copy_bin "$stage" "$b"; done

# kmod applets are symlinks to kmod; the kernel runs /sbin/modprobe for
# module autoloading (e.g. a generic netlink family), so use the real one.
for a in modprobe insmod rmmod lsmod depmod modinfo; do
	ln -sf /usr/bin/kmod "$stage/usr/sbin/$a"
done
if [ "$role" = client ]; then
	for a in mount.nfs4 umount.nfs umount.nfs4; do
		ln -sf mount.nfs "$stage/usr/sbin/$a"
	done
fi
[ "$role" = server ] && ln -sf mke2fs "$stage/usr/sbin/mkfs.ext4"

# Busybox fills in every command not copied above.
while read -r applet; do
	[ -e "$stage/$applet" ] || [ -L "$stage/$applet" ] ||
		ln -s /usr/bin/busybox "$stage/$applet"
done < <(busybox --list-full)

# Kernel modules with their dependencies, then a module index for them.
mdir=/lib/modules/$kver
# shellcheck disable=SC2086
lab_copy_mods "$stage" "$kver" $mods
for f in modules.order modules.builtin modules.builtin.modinfo; do
	lab_copy_to "$stage" "$kroot$mdir/$f" "$mdir/$f"
done
depmod -b "$stage" "$kver"

# /etc: users the daemons switch to, name service from files only.
cat > "$stage/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
_rpc:x:103:65534::/run/rpcbind:/usr/sbin/nologin
statd:x:104:65534::/var/lib/nfs:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
cat > "$stage/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\n' > "$stage/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n10.99.0.1 server\n10.99.0.2 client\n' > "$stage/etc/hosts"
for f in /etc/netconfig /etc/rpc /etc/services /etc/protocols; do lab_copy "$stage" "$f"; done
cp -a /lib/terminfo "$stage/usr/lib/terminfo"
mkdir -p "$stage/var/lib/nfs/sm" "$stage/var/lib/nfs/sm.bak" \
	"$stage/var/lib/nfs/v4recovery" "$stage/etc/nbd-server" "$stage/export" "$stage/srv"
touch "$stage/var/lib/nfs/etab" "$stage/var/lib/nfs/rmtab"

tmp=$(mktemp "$cache/base.XXXXXX")
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	zstd -q -T0 -6 > "$tmp"
mv "$tmp" "$out"
# Older bases of this role and kernel are stale now.
find "$cache" -maxdepth 1 -name "base-$role-$kver-*.cpio.zst" ! -path "$out" -delete
echo "$out"

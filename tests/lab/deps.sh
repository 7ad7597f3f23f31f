#!/bin/sh
# The Debian (bookworm) packages the build, the lab and the tests need.
#   tests/lab/deps.sh check     status 0 if all are installed, else lists the
#                               missing ones and exits 1
#   tests/lab/deps.sh install   apt-get update + install them (as root)
#
# Two guest kernels, each with its headers: Debian 12's own 6.1
# (linux-image-amd64) and the newest 6.12 of bookworm-security
# (linux-image-6.12.N+deb12-amd64; the name is resolved with apt-cache at
# install time, since the archive may carry a newer 6.12.N than this
# machine has).  `check` wants some 6.12 image with its headers installed.
#
# Linux 7.x (the newest 7.N.M+deb13-amd64 of trixie-backports) is not
# installed on the host: its headers need trixie's gcc-14 and glibc >= 2.38.
# `install` makes a trixie build root of the project's own,
# build/trixie-root (debootstrap --variant=minbase; apt sources of its own,
# the host's are not touched for it), installs make, binutils, kmod, dkms
# (tests/host/deb.sh installs the packages there) and the 7.x headers in
# it, and extracts the 7.x image and modules there
# (dpkg-deb -x of linux-binary-* and linux-modules-*: the lab boots them,
# nothing is installed).  kmod/Makefile builds the 7.x module inside it
# (chroot in a private mount namespace), tests/lab/kernels.sh finds the
# kernel there.  A second `install` updates the root to the newest 7.x.
#   tests/lab/deps.sh root      only that root (as root)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
troot=${SWAPNET_TRIXIE_ROOT:-$top/build/trixie-root}
mirror=${SWAPNET_DEBIAN_MIRROR:-http://deb.debian.org/debian}
k7_re='^linux-image-7\.[0-9]+\.[0-9]+\+deb13-amd64$'

pkgs="
make gcc libc6-dev pkg-config
linux-image-amd64 linux-headers-amd64 kmod
libnfs-dev libmnl-dev libblkid-dev libjson-c-dev libncurses-dev libcmocka-dev zlib1g-dev libcryptsetup-dev libmount-dev
qemu-system-x86 busybox-static cpio zstd xz-utils
nfs-kernel-server nfs-common rpcbind nbd-server nbd-client
util-linux mount e2fsprogs iproute2 procps coreutils
fio tmux groff mandoc sparse linux-source dkms gnuplot-nox shellcheck
prometheus mdadm python3
debootstrap debian-archive-keyring
dpkg-dev debhelper dh-dkms lintian systemd
"
# linux-image-6.12.N+deb12-amd64 (only this flavour: not -cloud, -rt, -dbg)
k612_re='^linux-image-6\.12\.[0-9]+\+deb12-amd64$'

installed() {
	dpkg-query -W -f '${Status}\n' "$1" 2>/dev/null | grep -q 'ok installed'
}

missing() {
	for p in $pkgs; do
		installed "$p" || echo "$p"
	done
	# Some 6.12 image whose headers are installed too.
	k=$(dpkg-query -W -f '${Package} ${Status}\n' 'linux-image-6.12.*' 2>/dev/null |
		awk '/ok installed/ {print $1}' | grep -E "$k612_re" | sort -V |
		while read -r img; do
			installed "linux-headers-${img#linux-image-}" && echo "$img"
		done | tail -n 1)
	[ -n "$k" ] || echo "linux-image-6.12.*+deb12-amd64(+its-linux-headers)"
	# The trixie build root with a complete 7.x kernel (what
	# tests/lab/kernels.sh lists).
	k=$(cat "$troot/.swapnet-kernel" 2>/dev/null)
	if [ -z "$k" ] || [ ! -r "$troot/lib/modules/$k/vmlinuz" ] ||
	   [ ! -r "$troot/lib/modules/$k/modules.dep" ] ||
	   [ ! -f "$troot/lib/modules/$k/build/Makefile" ]; then
		echo "trixie-build-root($troot, linux-7.x)"
	fi
}

# in_root CMD...: CMD inside the trixie root, with /proc mounted in a
# private mount namespace (gone when CMD ends).
# shellcheck disable=SC2016  # $0 and $@ are the inner shell's
in_root() {
	unshare -m sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$troot" \
		env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# mkroot: make or update the trixie build root with the newest 7.x.
mkroot() {
	if [ ! -x "$troot/usr/bin/apt-get" ]; then
		echo "deps: making the trixie build root $troot (debootstrap, about a minute)"
		rm -rf "$troot.new"
		mkdir -p "$(dirname "$troot")"
		debootstrap --variant=minbase --include=make,binutils,kmod \
			trixie "$troot.new" "$mirror" > "$troot.debootstrap.log" 2>&1 || {
			tail -n 20 "$troot.debootstrap.log" >&2
			echo "deps: debootstrap trixie failed (log: $troot.debootstrap.log)" >&2
			return 1
		}
		rm -f "$troot.new/etc/apt/sources.list"
		mv "$troot.new" "$troot"
	fi
	printf '%s\n' 'Types: deb' "URIs: $mirror" \
		'Suites: trixie trixie-updates trixie-backports' 'Components: main' \
		'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
		> "$troot/etc/apt/sources.list.d/debian.sources" || return 1
	in_root apt-get update -q > /dev/null || { echo "deps: apt-get update in $troot failed" >&2; return 1; }
	k=$(in_root apt-cache pkgnames linux-image-7. | grep -E "$k7_re" | sort -V | tail -n 1)
	if [ -z "$k" ]; then
		echo "deps: no linux-image-7.*+deb13-amd64 in trixie-backports" >&2
		return 1
	fi
	k=${k#linux-image-}
	echo "deps: Linux 7.x: $k (trixie-backports) in $troot"
	in_root apt-get install -y -q --no-install-recommends make binutils kmod dkms \
		-t trixie-backports "linux-headers-$k" > "$troot.apt.log" 2>&1 || {
		tail -n 20 "$troot.apt.log" >&2
		echo "deps: installing linux-headers-$k in $troot failed" >&2
		return 1
	}
	if [ ! -r "$troot/lib/modules/$k/modules.dep" ] || [ ! -r "$troot/lib/modules/$k/vmlinuz" ]; then
		rm -rf "$troot/var/cache/swapnet-kernel"
		mkdir -p "$troot/var/cache/swapnet-kernel"
		in_root sh -c "cd /var/cache/swapnet-kernel && apt-get download -q linux-binary-$k linux-modules-$k" \
			> "$troot.apt.log" 2>&1 || {
			tail -n 20 "$troot.apt.log" >&2
			echo "deps: downloading linux-binary-$k and linux-modules-$k failed" >&2
			return 1
		}
		for d in "$troot"/var/cache/swapnet-kernel/*.deb; do
			dpkg-deb -x "$d" "$troot/" || return 1
		done
		in_root depmod "$k" || return 1
		rm -rf "$troot/var/cache/swapnet-kernel"
	fi
	echo "$k" > "$troot/.swapnet-kernel"
}

# has_security: bookworm-security is among the apt sources (the 6.12 kernels
# come from there).
has_security() {
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	    /etc/apt/sources.list.d/*.sources 2>/dev/null |
		grep -v '^[[:space:]]*#' | grep -q 'bookworm-security'
}

case ${1:-} in
check)
	m=$(missing)
	if [ -n "$m" ]; then
		# shellcheck disable=SC2086  # one line, words
		echo "deps: missing Debian packages:" $m >&2
		exit 1
	fi
	exit 0
	;;
install)
	if [ "$(id -u)" != 0 ]; then
		echo "deps: installing packages needs root (run: sudo make deps)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	if ! has_security; then
		f=/etc/apt/sources.list.d/swapnet-bookworm-security.sources
		echo "deps: WARNING: bookworm-security is not in the apt sources; the 6.12 kernel comes from there" >&2
		echo "deps: WARNING: adding $f (deb.debian.org/debian-security bookworm-security main)" >&2
		printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian-security' \
			'Suites: bookworm-security' 'Components: main' \
			'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' > "$f" || exit 1
	fi
	apt-get update -q || exit 1
	k=$(apt-cache pkgnames linux-image-6.12. | grep -E "$k612_re" | sort -V | tail -n 1)
	if [ -z "$k" ]; then
		echo "deps: no linux-image-6.12.*+deb12-amd64 in the apt sources (bookworm-security)" >&2
		exit 1
	fi
	echo "deps: 6.12 kernel: $k and linux-headers-${k#linux-image-}"
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $pkgs "$k" "linux-headers-${k#linux-image-}" || exit 1
	mkroot || exit 1
	# nfs-kernel-server and nbd-server are needed for their binaries (copied
	# into the lab's server guest); the lab never uses their host services.
	exit 0
	;;
root)
	if [ "$(id -u)" != 0 ]; then
		echo "deps: making the trixie build root needs root (run: sudo tests/lab/deps.sh root)" >&2
		exit 1
	fi
	mkroot || exit 1
	exit 0
	;;
*)
	echo "usage: tests/lab/deps.sh check|install|root" >&2
	exit 2
	;;
esac

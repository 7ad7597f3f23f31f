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
set -u

pkgs="
make gcc libc6-dev pkg-config
linux-image-amd64 linux-headers-amd64 kmod
libnfs-dev libmnl-dev libblkid-dev libjson-c-dev libncurses-dev libcmocka-dev zlib1g-dev libcryptsetup-dev libmount-dev
qemu-system-x86 busybox-static cpio zstd xz-utils
nfs-kernel-server nfs-common rpcbind nbd-server nbd-client
util-linux mount e2fsprogs iproute2 procps coreutils
fio tmux groff mandoc sparse linux-source dkms gnuplot-nox shellcheck
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
	# nfs-kernel-server and nbd-server are needed for their binaries (copied
	# into the lab's server guest); the lab never uses their host services.
	exit 0
	;;
*)
	echo "usage: tests/lab/deps.sh check|install" >&2
	exit 2
	;;
esac

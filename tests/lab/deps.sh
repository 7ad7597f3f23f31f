#!/bin/sh
# The Debian (bookworm) packages the build, the lab and the tests need.
#   tests/lab/deps.sh check     status 0 if all are installed, else lists the
#                               missing ones and exits 1
#   tests/lab/deps.sh install   apt-get update + install them (as root)
set -u

pkgs="
make gcc libc6-dev pkg-config
linux-image-amd64 linux-headers-amd64 kmod
libnfs-dev libmnl-dev libblkid-dev libjson-c-dev libncurses-dev libcmocka-dev
qemu-system-x86 busybox-static cpio zstd xz-utils
nfs-kernel-server nfs-common rpcbind nbd-server nbd-client
util-linux mount e2fsprogs iproute2 procps coreutils
fio tmux groff mandoc sparse linux-source
"

missing() {
	for p in $pkgs; do
		dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
			echo "$p"
	done
}

case ${1:-} in
check)
	m=$(missing)
	if [ -n "$m" ]; then
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
	apt-get update -q || exit 1
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $pkgs || exit 1
	# nfs-kernel-server and nbd-server are needed for their binaries (copied
	# into the lab's server guest); the lab never uses their host services.
	exit 0
	;;
*)
	echo "usage: tests/lab/deps.sh check|install" >&2
	exit 2
	;;
esac

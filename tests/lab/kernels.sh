#!/bin/sh
# The supported guest kernels available to the lab, one version a line:
# the primary first, then the others.
#
#   tests/lab/kernels.sh              all of them (primary first)
#   tests/lab/kernels.sh --primary    only the primary
#   tests/lab/kernels.sh --others     only the others
#   tests/lab/kernels.sh --root KVER  the root directory of KVER's
#                                     lib/modules/KVER ("/" for the host's
#                                     own kernels, else the trixie root)
#   tests/lab/kernels.sh --image KVER KVER's vmlinuz
#
# Supported: Debian 12's own 6.1 (linux-image-amd64: 6.1.0-N-amd64), the
# 6.12 of bookworm-security (6.12.N+deb12-amd64), both installed on the
# host, and the 7.x of trixie-backports (7.N.M+deb13-amd64), which is not
# installed on the host: `make deps` (tests/lab/deps.sh) makes a trixie
# build root, build/trixie-root, with its headers and the toolchain they
# need, and extracts the image and modules into that root.  A kernel
# counts when its vmlinuz, its modules (lib/modules/KVER/modules.dep) and
# its headers (lib/modules/KVER/build/Makefile: the module is built
# against them) are all there; of each series only the newest counts.
# Primary = the newest 6.1 (or, without one, the newest 6.12); others =
# the newest 6.12, then the newest 7.x.  A supported kernel without headers
# or modules, and a missing 7.x, are named on stderr and left out (make
# deps makes them; deps.sh check fails without them).  Status 1 if there
# is no kernel at all.
set -u
boot=${LAB_BOOT:-/boot}
top=$(cd "$(dirname "$0")/../.." && pwd)
troot=${SWAPNET_TRIXIE_ROOT:-$top/build/trixie-root}
re61='^6\.1\.[0-9]+-[0-9]+-amd64$'
re612='^6\.12\.[0-9]+\+deb12-amd64$'
re7='^7\.[0-9]+\.[0-9]+\+deb13-amd64$'

# candidates ROOT: kernel versions with a vmlinuz under ROOT ("" for the
# host: /boot/vmlinuz-KVER; a trixie root: lib/modules/KVER/vmlinuz, where
# the 7.x packages put it).
candidates() {
	if [ -z "$1" ]; then
		find "$boot" -maxdepth 1 -name 'vmlinuz-*' 2>/dev/null | sed 's|.*/vmlinuz-||'
	else
		find "$1/lib/modules" -mindepth 2 -maxdepth 2 -name vmlinuz 2>/dev/null |
			sed 's|/vmlinuz$||; s|.*/||'
	fi
}

# newest ROOT SERIES-REGEX: the newest complete kernel of that series
# under ROOT ("" for the host).  An absolute build link (/usr/src/...) is
# followed inside ROOT.
newest() {
	candidates "$1" | grep -E "$2" | sort -V -r | while read -r k; do
			b=$(readlink "$1/lib/modules/$k/build" 2>/dev/null) || b=/lib/modules/$k/build
			case $b in /*) ;; *) b=/lib/modules/$k/$b ;; esac
			if [ ! -r "$1/lib/modules/$k/modules.dep" ]; then
				echo "kernels: $k has no modules ($1/lib/modules/$k): skipped" >&2
			elif [ ! -f "$1$b/Makefile" ]; then
				echo "kernels: $k has no headers: skipped (apt-get install linux-headers-$k${1:+ in $1})" >&2
			else
				echo "$k"
				break
			fi
		done
}

case ${1:-} in
--root|--image)
	k=${2:?usage: tests/lab/kernels.sh --root|--image KVER}
	if echo "$k" | grep -qE "$re7"; then
		if [ ! -r "$troot/lib/modules/$k/vmlinuz" ]; then
			echo "kernels: $k is not in the trixie build root $troot (make deps)" >&2
			exit 1
		fi
		if [ "$1" = --root ]; then echo "$troot"; else echo "$troot/lib/modules/$k/vmlinuz"; fi
	elif [ "$1" = --root ]; then
		echo /
	else
		echo "$boot/vmlinuz-$k"
	fi
	exit 0
	;;
esac

k61=$(newest "" "$re61")
k612=$(newest "" "$re612")
k7=$(newest "$troot" "$re7")
[ -n "$k7" ] || echo "kernels: no Linux 7.x in the trixie build root $troot: run make deps (tests/lab/deps.sh install)" >&2
if [ -n "$k61" ]; then
	primary=$k61 others="$k612 $k7"
else
	primary=$k612 others=$k7
fi
if [ -z "$primary" ]; then
	echo "kernels: no supported kernel with headers in $boot (make deps installs 6.1 and 6.12)" >&2
	exit 1
fi
case ${1:-} in
'')		echo "$primary"; for k in $others; do echo "$k"; done ;;
--primary)	echo "$primary" ;;
--others)	for k in $others; do echo "$k"; done ;;
*)		echo "usage: tests/lab/kernels.sh [--primary|--others|--root KVER|--image KVER]" >&2; exit 2 ;;
esac
exit 0

#!/bin/sh
# The supported guest kernels installed on this machine, one version a line:
# the primary first, then the others.
#
#   tests/lab/kernels.sh            all of them (primary first)
#   tests/lab/kernels.sh --primary  only the primary
#   tests/lab/kernels.sh --others   only the others
#
# Supported: Debian 12's own 6.1 (linux-image-amd64: 6.1.0-N-amd64) and the
# 6.12 of bookworm-security (6.12.N+deb12-amd64).  A kernel counts as
# installed when /boot/vmlinuz-KVER, its modules (/lib/modules/KVER/
# modules.dep) and its headers (/lib/modules/KVER/build/Makefile: the
# module is built against them) are all there; of each series only the
# newest counts.  Primary = the newest 6.1 (or, without one, the newest
# 6.12); others = the newest 6.12.  A supported kernel without headers or
# modules is named on stderr and left out.  Status 1 if there is none.
set -u
boot=${LAB_BOOT:-/boot}

# newest SERIES-REGEX: the newest complete kernel of that series.
newest() {
	find "$boot" -maxdepth 1 -name 'vmlinuz-*' 2>/dev/null | sed 's|.*/vmlinuz-||' |
		grep -E "$1" | sort -V -r | while read -r k; do
			if [ ! -r "/lib/modules/$k/modules.dep" ]; then
				echo "kernels: $k has no modules (/lib/modules/$k): skipped" >&2
			elif [ ! -f "/lib/modules/$k/build/Makefile" ]; then
				echo "kernels: $k has no headers: skipped (apt-get install linux-headers-$k)" >&2
			else
				echo "$k"
				break
			fi
		done
}

k61=$(newest '^6\.1\.[0-9]+-[0-9]+-amd64$')
k612=$(newest '^6\.12\.[0-9]+\+deb12-amd64$')
if [ -n "$k61" ]; then
	primary=$k61 others=$k612
else
	primary=$k612 others=
fi
if [ -z "$primary" ]; then
	echo "kernels: no supported kernel with headers in $boot (make deps installs 6.1 and 6.12)" >&2
	exit 1
fi
case ${1:-} in
'')		echo "$primary"; [ -n "$others" ] && echo "$others" ;;
--primary)	echo "$primary" ;;
--others)	[ -n "$others" ] && echo "$others" ;;
*)		echo "usage: tests/lab/kernels.sh [--primary|--others]" >&2; exit 2 ;;
esac
exit 0

#!/bin/bash
# The Debian packages (make deb), on the host:
#   - make deb builds swapnet_VERSION_ARCH.deb and swapnet-dkms_VERSION_all.deb
#     and lintian finds no error and no warning (make deb runs it)
#   - both have Version VERSION; swapnet-dkms depends on dkms
#   - the file lists are exactly the expected ones (tools, units, man
#     pages, completions, example config; the module source with dkms.conf)
#   - /etc/swapnet.conf is swapnet's only conffile; its postinst enables
#     swapnet.service and starts nothing; swapnet-dkms's postinst runs DKMS
#   - unpacked into a DESTDIR (dpkg -x): swapnetctl --version is VERSION,
#     the units pass systemd-analyze verify, dkms.conf has VERSION and the
#     tree's BUILD_EXCLUSIVE_KERNEL
#   - installed with apt into the trixie build root (a chroot with the 7.x
#     headers, tests/lab/deps.sh), swapnet-dkms makes DKMS build and install
#     swapnet.ko for that 7.x kernel; purged, the module is gone again.
#     (The swapnet package itself is built against bookworm's libraries
#     and is not installable on trixie; the lab scenario swapnet-deb-boot
#     runs its tools.)
# Needs root (the chroot) and make deps.  Writes build/deb/ and, for the
# time of the test, swapnet-dkms into build/trixie-root (purged after).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
v=$(cat "$top/VERSION")
arch=$(dpkg --print-architecture)
tmp=$(mktemp -d)
troot=${SWAPNET_TRIXIE_ROOT:-$top/build/trixie-root}
failures=0
fail() { echo "deb.sh: FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "deb.sh: ok: $*"; }
in_root() {
	# shellcheck disable=SC2016  # $0 and $@ are the inner shell's
	unshare -m sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$troot" \
		env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
cleanup() {
	if [ -n "${installed:-}" ]; then
		in_root apt-get purge -y -q swapnet-dkms > /dev/null 2>&1
	fi
	rm -rf "$tmp" "$troot/tmp/swapnet-debs"
}
trap cleanup EXIT

if ! make -C "$top" --no-print-directory deb > "$tmp/make.log" 2>&1; then
	tail -n 40 "$tmp/make.log"
	echo "deb.sh: FAIL: make deb (build or lintian)"
	exit 1
fi
ok "make deb: built, lintian clean (errors and warnings)"
tools=$top/build/deb/swapnet_${v}_$arch.deb
dkms=$top/build/deb/swapnet-dkms_${v}_all.deb

# --- control fields ---------------------------------------------------------
for d in "$tools" "$dkms"; do
	[ "$(dpkg-deb -f "$d" Version)" = "$v" ] || fail "$(basename "$d"): Version $(dpkg-deb -f "$d" Version), VERSION is $v"
done
dpkg-deb -f "$dkms" Depends | grep -qw dkms || fail "swapnet-dkms does not depend on dkms"
[ "$(dpkg-deb -f "$dkms" Architecture)" = all ] || fail "swapnet-dkms is not Architecture: all"

# --- file lists ---------------------------------------------------------------
files() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ { sub(/^\.\//, "", $6); print $6 }' | sort; }
{
	echo etc/swapnet.conf
	echo lib/systemd/system/swapnet-metrics.service
	echo lib/systemd/system/swapnet-metrics.timer
	echo lib/systemd/system/swapnet-monitor.service
	echo lib/systemd/system/swapnet-retry.timer
	echo lib/systemd/system/swapnet.service
	echo usr/bin/swapnettop
	echo usr/sbin/swapnetctl
	echo usr/share/bash-completion/completions/swapnetctl
	echo usr/share/bash-completion/completions/swapnettop
	for f in changelog.Debian.gz changelog.gz copyright; do echo "usr/share/doc/swapnet/$f"; done
	for m in "$top"/man/*.[1-8]; do echo "usr/share/man/man${m##*.}/$(basename "$m").gz"; done
	echo usr/share/swapnet/prometheus/swapnet-alerts.yml
} | sort > "$tmp/want.tools"
{
	for f in changelog.Debian.gz changelog.gz copyright; do echo "usr/share/doc/swapnet-dkms/$f"; done
	for f in "$top"/kmod/*.c "$top"/kmod/*.h "$top"/kmod/Kbuild "$top"/kmod/Makefile "$top"/kmod/dkms.conf "$top"/VERSION; do
		case $f in *.mod.c) continue ;; esac
		echo "usr/src/swapnet-$v/$(basename "$f")"
	done
	for f in "$top"/kmod/uapi/*.h; do echo "usr/src/swapnet-$v/uapi/$(basename "$f")"; done
} | sort > "$tmp/want.dkms"
files "$tools" > "$tmp/got.tools"
files "$dkms" > "$tmp/got.dkms"
for p in tools dkms; do
	if diff -u "$tmp/want.$p" "$tmp/got.$p" > "$tmp/diff.$p"; then
		ok "file list of the $p package ($(wc -l < "$tmp/got.$p") files)"
	else
		fail "file list of the $p package (- expected, + packaged):"
		sed -n '3,$p' "$tmp/diff.$p"
	fi
done

# --- maintainer scripts and conffiles ----------------------------------------
mkdir -p "$tmp/ctl.tools" "$tmp/ctl.dkms"
dpkg-deb -e "$tools" "$tmp/ctl.tools"
dpkg-deb -e "$dkms" "$tmp/ctl.dkms"
[ "$(cat "$tmp/ctl.tools/conffiles" 2>/dev/null)" = /etc/swapnet.conf ] ||
	fail "swapnet's conffiles: '$(cat "$tmp/ctl.tools/conffiles" 2>/dev/null)', want /etc/swapnet.conf"
grep -q "deb-systemd-helper.*enable.*swapnet.service\|deb-systemd-helper unmask 'swapnet.service'" "$tmp/ctl.tools/postinst" 2>/dev/null ||
	fail "swapnet's postinst does not enable swapnet.service"
grep -q 'deb-systemd-invoke.*start' "$tmp/ctl.tools/postinst" 2>/dev/null &&
	fail "swapnet's postinst starts a unit (swap on in the middle of an installation)"
grep -q 'common.postinst' "$tmp/ctl.dkms/postinst" 2>/dev/null ||
	fail "swapnet-dkms's postinst does not run DKMS"
ok "maintainer scripts and conffiles"

# --- unpacked into a DESTDIR ---------------------------------------------------
d=$tmp/root
dpkg-deb -x "$tools" "$d"
dpkg-deb -x "$dkms" "$d"
"$d/usr/sbin/swapnetctl" --version 2>&1 | grep -qF "$v" ||
	fail "packaged swapnetctl --version: '$("$d/usr/sbin/swapnetctl" --version 2>&1)', want $v"
grep -q "^PACKAGE_VERSION=\"$v\"$" "$d/usr/src/swapnet-$v/dkms.conf" || fail "packaged dkms.conf: PACKAGE_VERSION is not $v"
[ "$(grep '^BUILD_EXCLUSIVE_KERNEL=' "$d/usr/src/swapnet-$v/dkms.conf")" = "$(grep '^BUILD_EXCLUSIVE_KERNEL=' "$top/kmod/dkms.conf")" ] ||
	fail "packaged dkms.conf's BUILD_EXCLUSIVE_KERNEL differs from kmod/dkms.conf's"
if command -v systemd-analyze > /dev/null; then
	mkdir -p "$tmp/units"
	for u in swapnet.service swapnet-retry.timer swapnet-metrics.service swapnet-metrics.timer; do
		sed "s|/usr/sbin/swapnetctl|$d/usr/sbin/swapnetctl|" "$d/lib/systemd/system/$u" > "$tmp/units/$u"
	done
	out=$(cd "$tmp/units" && systemd-analyze verify --man=no swapnet.service swapnet-retry.timer swapnet-metrics.service swapnet-metrics.timer 2>&1) ||
		fail "systemd-analyze verify of the packaged units: $out"
	[ -z "$out" ] || fail "systemd-analyze verify of the packaged units: $out"
else
	fail "systemd-analyze missing (make deps)"
fi
ok "unpacked: swapnetctl $v, dkms.conf, units verified"

# --- DKMS in the trixie root (7.x) -----------------------------------------
k=$(cat "$troot/.swapnet-kernel" 2>/dev/null)
if [ "$(id -u)" != 0 ]; then
	fail "the DKMS install into the trixie root needs root"
elif [ -z "$k" ] || [ ! -x "$troot/usr/sbin/dkms" ]; then
	fail "no trixie build root with dkms and a 7.x kernel at $troot (make deps)"
else
	mkdir -p "$troot/tmp/swapnet-debs"
	cp "$dkms" "$troot/tmp/swapnet-debs/"
	installed=1
	if in_root apt-get install -y -q --no-install-recommends "/tmp/swapnet-debs/$(basename "$dkms")" > "$tmp/dkms.log" 2>&1; then
		ko=$(find "$troot/lib/modules/$k/updates/dkms" -name 'swapnet.ko*' 2>/dev/null | head -n 1)
		if [ -n "$ko" ] && [ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$k" ] &&
		   [ "$(modinfo -F version "$ko")" = "$v" ]; then
			ok "apt-get install swapnet-dkms in the trixie root: DKMS built and installed swapnet $v for $k"
		else
			tail -n 20 "$tmp/dkms.log"
			fail "swapnet-dkms installed, but no swapnet.ko $v for $k in updates/dkms"
		fi
	else
		tail -n 20 "$tmp/dkms.log"
		fail "apt-get install swapnet-dkms in the trixie root"
	fi
	if in_root apt-get purge -y -q swapnet-dkms > "$tmp/purge.log" 2>&1; then
		installed=
		find "$troot/lib/modules/$k/updates/dkms" -name 'swapnet.ko*' 2>/dev/null | grep -q . &&
			fail "purged swapnet-dkms left its module behind"
		[ -d "$troot/usr/src/swapnet-$v" ] && fail "purged swapnet-dkms left /usr/src/swapnet-$v"
		ok "purged: module and source gone"
	else
		tail -n 20 "$tmp/purge.log"
		fail "apt-get purge swapnet-dkms in the trixie root"
	fi
fi

if [ "$failures" -gt 0 ]; then
	echo "deb.sh: FAIL ($failures)"
	exit 1
fi
echo "deb.sh: PASS"

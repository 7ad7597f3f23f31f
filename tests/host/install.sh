#!/bin/bash
# make install / dkms-install into a staging directory, on the host:
#   - install lays out the module (depmod'ed), tools, every man page, the
#     unit and the example config, honouring DESTDIR and PREFIX, and never
#     overwrites an existing /etc/swapnet.conf
#   - installed swapnetctl --version == module version == VERSION
#   - man pages: mandoc -Tlint and groff -ww clean, and they render
#   - the unit passes systemd-analyze verify with no ordering cycle (and a
#     unit ordered Before=swap.target does show one: the check can fail)
#   - the example config parses (swapnetctl start on a fixture root)
#   - dkms-install stages a source tree that builds the same module for
#     every kernel `make module` builds for (with dkms: real dkms add,
#     build and install into private trees), whose BUILD_EXCLUSIVE_KERNEL
#     takes 6.1 to 6.12 and 7.x only (7.x is built in the trixie root by
#     make module, not by the host's dkms: kmod's `kernels` lists the
#     host's); without dkms (and no DESTDIR) dkms-install
#     fails with a clear message
# Needs a built tree (make all).  Writes nothing outside its temp dir.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
version=$(cat "$top/VERSION")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "install.sh: FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "install.sh: ok: $*"; }
# first PATH...: the first of a glob's matches that exists (nothing if none)
first() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; }

# make in the tree; output to a log shown on failure
mk() {
	if ! make -C "$top" --no-print-directory "$@" > "$tmp/make.log" 2>&1; then
		tail -n 30 "$tmp/make.log"
		return 1
	fi
}

# the kernel the Makefile builds for: the newest installed linux-image
kver=$(for f in /boot/vmlinuz-*; do echo "${f#/boot/vmlinuz-}"; done | sort -V | tail -n 1)

# --- make install, default PREFIX ----------------------------------------
d=$tmp/root
if mk install DESTDIR="$d"; then
	ok "make install DESTDIR=$d"
else
	fail "make install DESTDIR=$d"
fi
# modules_install compresses it (.ko.xz) where the kernel's modules are
ko=$(first "$d/lib/modules/$kver/extra/swapnet.ko"*)
[ -n "$ko" ] || fail "missing /lib/modules/$kver/extra/swapnet.ko"
expect=(
	"lib/modules/$kver/modules.dep"
	usr/sbin/swapnetctl
	usr/bin/swapnettop
	usr/lib/systemd/system/swapnet.service
	usr/lib/systemd/system/swapnet-retry.timer
	usr/lib/systemd/system/swapnet-metrics.service
	usr/lib/systemd/system/swapnet-metrics.timer
	usr/lib/systemd/system/swapnet-monitor.service
	usr/share/swapnet/prometheus/swapnet-alerts.yml
	etc/swapnet.conf
)
for m in "$top"/man/*.[1-8]; do
	[ -e "$m" ] || continue
	expect+=("usr/share/man/man${m##*.}/$(basename "$m")")
done
for f in "${expect[@]}"; do
	[ -f "$d/$f" ] || fail "missing /$f"
done
for m in swapnetctl.8 swapnet.conf.5; do
	[ -f "$top/man/$m" ] || fail "man/$m does not exist"
done
[ -x "$d/usr/sbin/swapnetctl" ] || fail "swapnetctl not executable"
grep -q "extra/swapnet.ko" "$d/lib/modules/$kver/modules.dep" 2>/dev/null ||
	fail "depmod did not index extra/swapnet.ko"
# modprobe resolves it in the staged tree
if /sbin/modprobe -d "$d" -S "$kver" --show-depends swapnet 2>/dev/null | grep -q swapnet.ko; then
	ok "modprobe finds swapnet in the staged tree"
else
	fail "modprobe -d $d cannot resolve swapnet"
fi
[ "$(stat -c %a "$d/etc/swapnet.conf")" = 644 ] || fail "swapnet.conf mode"

# --- versions agree -------------------------------------------------------
tv=$("$d/usr/sbin/swapnetctl" --version | awk '{print $2}')
mv=$(/sbin/modinfo -F version "$ko" 2>/dev/null)
if [ "$tv" = "$version" ] && [ "$mv" = "$version" ]; then
	ok "swapnetctl $tv, module $mv, VERSION $version"
else
	fail "versions: swapnetctl '$tv', module '$mv', VERSION '$version'"
fi

# --- the admin's config survives a reinstall ------------------------------
echo "# mine" >> "$d/etc/swapnet.conf"
mk install-config DESTDIR="$d" || fail "make install-config (again)"
if grep -q '^# mine$' "$d/etc/swapnet.conf"; then
	ok "existing swapnet.conf kept"
else
	fail "make install overwrote /etc/swapnet.conf"
fi

# --- PREFIX ---------------------------------------------------------------
p=$tmp/prefix
if mk install-tools install-man install-units DESTDIR="$p" PREFIX=/usr/local; then
	[ -x "$p/usr/local/sbin/swapnetctl" ] || fail "PREFIX: no /usr/local/sbin/swapnetctl"
	[ -f "$p/usr/local/share/man/man8/swapnetctl.8" ] || fail "PREFIX: man page"
	grep -q '^ExecStart=/usr/local/sbin/swapnetctl start$' \
		"$p/usr/local/lib/systemd/system/swapnet.service" ||
		fail "PREFIX: unit does not run /usr/local/sbin/swapnetctl"
	[ -e "$p/usr/sbin/swapnetctl" ] && fail "PREFIX: also installed in /usr/sbin"
	ok "PREFIX=/usr/local"
else
	fail "make install-* PREFIX=/usr/local"
fi

# --- man pages ------------------------------------------------------------
for m in "$d"/usr/share/man/man*/*; do
	n=$(basename "$m")
	out=$(mandoc -Tlint "$m" 2>&1) || fail "mandoc -Tlint $n: $out"
	[ -z "$out" ] || fail "mandoc -Tlint $n: $out"
	out=$(groff -ww -z -man "$m" 2>&1)
	[ -z "$out" ] || fail "groff -ww $n: $out"
	# A request glued to the text before it ("stays..SH NAME") is text
	# to roff: the heading vanishes and neither linter says a word.
	out=$(grep -nP '^.+(?<!\\&)\.(SH|SS|TH|TP|PP|LP|P|IP|HP|RS|RE|EX|EE|nf|fi|br|sp|in|ti|B|I|BR|BI|IB|RB|RI|IR|SM|SB|UR|UE|MT|ME)( |$)' "$m")
	[ -z "$out" ] || fail "$n: a request not at the start of a line: $out"
	txt=$(MANWIDTH=80 man -l "$m" 2>/dev/null)
	if ! { echo "$txt" | grep -q '^NAME' && [ "$(echo "$txt" | wc -l)" -gt 20 ]; }; then
		fail "man -l $n does not render"
	fi
done
# every command main.c dispatches is in the man page
while read -r c; do
	grep -q "^\.SS $c\b" "$top/man/swapnetctl.8" || fail "swapnetctl.8 lacks command '$c'"
done < <(sed -n 's/^\t{ "\([a-z]*\)", *cmd_.*/\1/p' "$top/tools/swapnetctl/main.c")
# and every long option its --help lists
# (groff writes each '-' of an option as '\-': compare without the escapes)
man_text=$(sed 's/\\-/-/g' "$top/man/swapnetctl.8")
for o in $("$d/usr/sbin/swapnetctl" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	printf '%s\n' "$man_text" | grep -q -- "${o}\b" ||
		fail "swapnetctl.8 lacks option '$o' of swapnetctl --help"
done
ok "man pages lint clean and render"

# --- systemd unit ---------------------------------------------------------
if command -v systemd-analyze >/dev/null; then
	u=$tmp/unit
	mkdir -p "$u"
	# point ExecStart/Stop at the staged binary so verify can check them
	for f in swapnet.service swapnet-retry.timer; do
		sed "s|/usr/sbin/swapnetctl|$d/usr/sbin/swapnetctl|" \
			"$d/usr/lib/systemd/system/$f" > "$u/$f"
	done
	out=$(cd "$u" && systemd-analyze verify --man=no swapnet.service swapnet-retry.timer 2>&1)
	rc=$?
	if [ $rc = 0 ] && [ -z "$out" ]; then
		ok "systemd-analyze verify: clean"
	else
		fail "systemd-analyze verify ($rc): $out"
	fi
	for unit in swapnet-metrics.service swapnet-metrics.timer; do
		sed "s|/usr/sbin/swapnetctl|$d/usr/sbin/swapnetctl|" \
			"$d/usr/lib/systemd/system/$unit" > "$u/$unit"
	done
	out=$(systemd-analyze verify --man=no "$u/swapnet-metrics.timer" "$u/swapnet-metrics.service" 2>&1)
	rc=$?
	if [ $rc = 0 ] && [ -z "$out" ]; then
		ok "systemd-analyze verify swapnet-metrics.{timer,service}: clean"
	else
		fail "systemd-analyze verify swapnet-metrics ($rc): $out"
	fi
	# the check can fail: the nbd users' trap is caught
	printf '[Unit]\nAfter=network-online.target\nBefore=swap.target\n[Service]\nType=oneshot\nExecStart=/bin/true\n' \
		> "$u/trap.service"
	systemd-analyze verify --man=no "$u/trap.service" 2>&1 | grep -q 'ordering cycle' ||
		fail "systemd-analyze does not report the swap.target cycle of a bad unit"
	if ! { grep -q '^Type=oneshot$' "$u/swapnet.service" &&
		grep -q '^RemainAfterExit=yes$' "$u/swapnet.service" &&
		grep -q '^After=network-online.target' "$u/swapnet.service" &&
		! grep -q 'swap.target' <(grep -v '^#' "$u/swapnet.service"); }; then
		fail "unit shape (oneshot, RemainAfterExit, After=network-online, no swap.target)"
	fi
	# a boot that never hangs: a bounded start (at most 5 min), a retry
	# timer started on failure and stopped on success, not enabled alone
	t=$(sed -n 's/^TimeoutStartSec=\([0-9]*\)s\{0,1\}$/\1/p' "$u/swapnet.service")
	if [ -z "$t" ] || [ "$t" -gt 300 ] || [ "$t" -lt 1 ]; then
		fail "TimeoutStartSec is not a bound of 1 to 300 s: '$(grep '^TimeoutStartSec' "$u/swapnet.service")'"
	fi
	grep -q '^OnFailure=swapnet-retry.timer$' "$u/swapnet.service" ||
		fail "swapnet.service does not start swapnet-retry.timer on failure"
	grep -q '^ExecStartPost=-/bin/systemctl --no-block stop swapnet-retry.timer$' "$u/swapnet.service" ||
		fail "swapnet.service does not stop swapnet-retry.timer when up"
	grep -q '^Unit=swapnet.service$' "$u/swapnet-retry.timer" ||
		fail "swapnet-retry.timer does not start swapnet.service"
	grep -q '^OnUnitInactiveSec=' "$u/swapnet-retry.timer" ||
		fail "swapnet-retry.timer does not repeat after a failed attempt"
	grep -q '^\[Install\]' "$u/swapnet-retry.timer" &&
		fail "swapnet-retry.timer has an [Install] section (it is started by OnFailure= only)"
	# the verify can fail: a timer value it cannot parse is reported
	mkdir -p "$u/bad"
	cp "$u/swapnet.service" "$u/bad/"
	sed 's/^OnUnitInactiveSec=.*/OnUnitInactiveSec=soon/' "$u/swapnet-retry.timer" > "$u/bad/swapnet-retry.timer"
	(cd "$u/bad" && systemd-analyze verify --man=no swapnet.service swapnet-retry.timer 2>&1) |
		grep -q 'Failed to parse timer value' ||
		fail "systemd-analyze does not report a bad timer value"
	ok "units: bounded start (${t}s), retry timer on failure"
else
	echo "install.sh: systemd-analyze not installed: unit not verified"
fi

# --- the example config parses; start applies its policy on a fixture ----
fx=$tmp/fixture
cp -r "$top/tools/swapnetctl/tests/fixtures/reserve/a" "$fx"
mkdir -p "$fx/etc"
cp "$d/etc/swapnet.conf" "$fx/etc/swapnet.conf"
if out=$(SWAPNET_ROOT=$fx "$d/usr/sbin/swapnetctl" start 2>&1) &&
	echo "$out" | grep -q '^0 of 0 swapfiles up$'; then
	ok "example swapnet.conf parses"
else
	fail "swapnetctl start on the example config: $out"
fi

# --- dkms -----------------------------------------------------------------
k=$tmp/dkms
if mk dkms-install DESTDIR="$k"; then
	s=$k/usr/src/swapnet-$version
	grep -q "^PACKAGE_VERSION=\"$version\"$" "$s/dkms.conf" || fail "dkms.conf version"
	grep -q '^PACKAGE_NAME="swapnet"$' "$s/dkms.conf" || fail "dkms.conf name"
	grep -q '^AUTOINSTALL="yes"$' "$s/dkms.conf" || fail "dkms.conf AUTOINSTALL"
	for f in uapi/swapnet.h Kbuild VERSION; do
		[ -f "$s/$f" ] || fail "dkms source incomplete: no $f"
	done
	ls "$s"/*.mod.c "$s"/*.o >/dev/null 2>&1 && fail "build products copied to the dkms source"
	# dkms builds for the supported kernels only
	for v in 6.1.0-57-amd64 6.12.117+deb12-amd64 6.5.0-1-amd64 7.3.4+deb13-amd64 7.1.0; do
		bash -c '. "$1"; [[ $2 =~ $BUILD_EXCLUSIVE_KERNEL ]]' - "$s/dkms.conf" "$v" ||
			fail "dkms.conf BUILD_EXCLUSIVE_KERNEL excludes $v"
	done
	for v in 5.10.0-30-amd64 6.0.1 6.13.2 6.19.1-1-amd64 6.120.1 8.0.1; do
		bash -c '. "$1"; [[ $2 =~ $BUILD_EXCLUSIVE_KERNEL ]]' - "$s/dkms.conf" "$v" &&
			fail "dkms.conf BUILD_EXCLUSIVE_KERNEL accepts $v"
	done
	# every kernel `make module` builds for: with dkms, dkms add, build
	# and install in private trees; without, the way dkms.conf's MAKE
	# does, with (a copy of) the source as build dir
	kernels=$(make -s --no-print-directory -C "$top/kmod" KVER= KDIR= kernels)
	[ -n "$kernels" ] || fail "make -C kmod kernels lists no kernel"
	dk="--sourcetree $k/usr/src --dkmstree $tmp/dkmstree"
	if command -v dkms >/dev/null; then
		mkdir -p "$tmp/dkmstree"
		# shellcheck disable=SC2086
		dkms add -m swapnet -v "$version" $dk > "$tmp/dkms.log" 2>&1 ||
			fail "dkms add: $(tail -n 5 "$tmp/dkms.log")"
	fi
	for kv in $kernels; do
		if command -v dkms >/dev/null; then
			mkdir -p "$tmp/dkmsinst/$kv"
			# shellcheck disable=SC2086
			if dkms build -m swapnet -v "$version" -k "$kv" $dk > "$tmp/dkms.log" 2>&1 &&
				dkms install -m swapnet -v "$version" -k "$kv" $dk \
					--installtree "$tmp/dkmsinst" --no-depmod >> "$tmp/dkms.log" 2>&1; then
				# compressed (.ko.xz) where the kernel's modules are
				ko=$(first "$tmp/dkmsinst/$kv/updates/dkms/swapnet.ko"*)
				how="dkms build/install"
			else
				ko=
				tail -n 20 "$tmp/dkms.log"
			fi
		else
			b=$tmp/dkmsbuild/$kv
			mkdir -p "$b"
			cp -a "$s/." "$b/"
			if make -C "/lib/modules/$kv/build" M="$b" modules > "$tmp/dkms.log" 2>&1; then
				ko=$b/swapnet.ko
				how="dkms source (MAKE line)"
			else
				ko=
				tail -n 20 "$tmp/dkms.log"
			fi
		fi
		if [ -n "$ko" ] && [ -f "$ko" ] &&
			[ "$(/sbin/modinfo -F version "$ko")" = "$version" ] &&
			[ "$(/sbin/modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$kv" ]; then
			ok "$how: swapnet.ko $version for $kv"
		else
			fail "the staged dkms source does not build for $kv"
		fi
	done
else
	fail "make dkms-install DESTDIR=$k"
fi
if ! command -v dkms >/dev/null; then
	if make -C "$top" --no-print-directory dkms-install > "$tmp/nodkms.log" 2>&1; then
		fail "dkms-install without dkms succeeded"
	elif grep -q "dkms is not installed" "$tmp/nodkms.log"; then
		ok "dkms-install without dkms: clear error"
	else
		fail "dkms-install without dkms: $(cat "$tmp/nodkms.log")"
	fi
fi

if [ $failures = 0 ]; then
	echo "install.sh: PASS"
	exit 0
fi
echo "install.sh: $failures failure(s)"
exit 1

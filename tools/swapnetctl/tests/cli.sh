#!/bin/sh
# The command line of swapnetctl ($1) without a kernel or a server: usage
# errors are one line with exit status 1, the help texts name the options,
# and without the module `list` is empty with exit status 0.
# Run from tools/swapnetctl by `make test`.
set -u
BIN=${1:?usage: cli.sh SWAPNETCTL}
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# expect STATUS NEEDLE ARGS...: exit STATUS, one stderr line with NEEDLE
expect() {
	want=$1 needle=$2
	shift 2
	"$BIN" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail "swapnetctl $*: status $rc, not $want ($(cat "$tmp/err"))"
	elif [ "$(wc -l < "$tmp/err")" != 1 ] || ! grep -q -- "$needle" "$tmp/err"; then
		fail "swapnetctl $*: stderr '$(cat "$tmp/err")' is not one line with '$needle'"
	else
		ok "swapnetctl $* -> $rc"
	fi
}

expect 1 "attach: --handle: 'zz' is not a file handle" \
	attach --handle zz --size 1M nfs://h/e/f
expect 1 "1..64 bytes" attach --handle "$(printf '%0130d' 0)" --size 1M nfs://h/e/f
expect 1 "attach: --handle needs --size" attach --handle 00 nfs://h/e/f
expect 1 "swapon: --size: '1x'" swapon --handle 00 --size 1x nfs://h/e/f
expect 1 "--size is for --handle only" attach --size 1G nfs://h/e/f
expect 1 "name the file by URL" attach --handle 00 --size 1G /mnt/swap
expect 1 "attach: --rsize: '5'" attach --rsize 5 nfs://h/e/f
expect 1 "detach: usage" detach --force
expect 1 "detach: unknown option '--bogus'" detach --bogus 0
expect 1 "detach: unexpected argument '1'" detach 0 1
# mirror= (md raid1 over two devices) and the monitor
expect 1 "swapon: --mirror: 'relative' is not a swapfile" swapon nfs://h/e/f --mirror relative
expect 1 "attach: unknown option '--mirror' (swapon's)" attach nfs://h/e/f --mirror nfs://g/e/f
expect 1 "swapon: --mirror: given twice" swapon nfs://h/e/f --mirror nfs://g/e/f --mirror nfs://i/e/f
expect 1 "swapon: --mirror nfs://H:2049/e/f is the swapfile itself" swapon nfs://h/e/f --mirror nfs://H:2049/e/f
expect 1 "monitor: --interval: '0' is not in 1..3600" monitor --interval 0
expect 1 "monitor: unexpected argument 'x'" monitor x
expect 1 "monitor: unknown option '--bogus'" monitor --bogus
expect 1 "not a swapnet device" detach --force sda

# getopt's own text never reaches the user: every command words its
# option errors as "swapnetctl: COMMAND: ..."
expect 1 "create: unknown option '--bogus'" create --bogus
expect 1 "create: --size needs a value" create nfs://h/e/f --size
expect 1 "create: missing --size SIZE" create nfs://h/e/f
expect 1 "create: missing URL or PATH" create
expect 1 "check: unknown option '-x'" check -jx
expect 1 "check: unknown option '--bogus'" check --bogus=1
expect 1 "reserve: unknown option '-z'" reserve -z
expect 1 "reserve: --root needs a value" reserve --root
expect 1 "swapoff: unknown option '--bogus'" swapoff --bogus
expect 1 "list: unknown argument '-x'" list -x
expect 1 "attach: unknown option '--bogus'" attach --bogus nfs://h/e/f
expect 1 "attach: --rsize needs a value" attach nfs://h/e/f --rsize
# the shared limits (tools/common/optlimits.h): 4294967295 is (uid_t)-1
expect 1 "attach: --uid: '4294967295'" attach --uid 4294967295 nfs://h/e/f
expect 1 "create: --uid: '4294967295'" create --uid 4294967295 --size 1M nfs://h/e/f
expect 1 "check: --gid: '4294967295'" check --gid 4294967295 nfs://h/e/f
expect 1 "check: --server: 'srv/swap' is not an absolute path on this server" check --server srv/swap
expect 1 "check: --server PATH takes no URL|DEV|PATH besides" check --server /srv nfs://h/e/f
expect 1 "check: --server: given twice" check --server /a --server /b
# an option given twice is refused, not the last one winning
expect 1 "create: --size: given twice" create nfs://h/e/f --size 1M --size 2M
expect 1 "create: --uid: given twice" create --uid 1 --uid 2 --size 1M nfs://h/e/f
expect 1 "check: --gid: given twice" check --gid 1 --gid 2 nfs://h/e/f
expect 1 "start: -c: given twice" start -c /a -c /b
expect 1 "create: --uid: 'x' is not a numeric uid" create --uid x --size 1M nfs://h/e/f
# what was named is checked before the kernel is asked
expect 1 "swapoff: '/dev/sda1' is neither a swapnet device" swapoff /dev/sda1
expect 1 "check: empty URL, DEV or PATH" check ''
# the cause survives a path too long for the message buffer
expect 1 "File name too long" attach "/$(printf '%05000d' 0)"
expect 1 "attach: /etc/passwd: on /" attach /etc/passwd

# no arguments: a short usage (the command names), not the whole help
"$BIN" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -le 4 ] &&
	grep -q "Commands: attach" "$tmp/err" && ok "no arguments: short usage" ||
	fail "no arguments: status $rc, $(wc -l <"$tmp/err") lines"

"$BIN" --help > "$tmp/help" || fail "--help status"
for o in --handle --size --unstable --force; do
	grep -q -- "$o" "$tmp/help" || fail "--help does not name $o"
done
"$BIN" detach --help | grep -q -- "--force" || fail "detach --help does not name --force"
"$BIN" attach --help | grep -q -- "--handle HEX --size SIZE" ||
	fail "attach --help does not name --handle"

# Only where no swapnet module is loaded or installed (nothing to load).
if [ ! -d /sys/module/swapnet ] && ! modinfo swapnet >/dev/null 2>&1; then
	"$BIN" list -j >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 0 ] && [ "$(cat "$tmp/out")" = "[]" ] &&
		[ "$(wc -l < "$tmp/err")" = 1 ] && grep -q "not loaded" "$tmp/err" ||
		fail "list -j without the module: status $rc, '$(cat "$tmp/out")', '$(cat "$tmp/err")'"
	"$BIN" list >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 0 ] && [ ! -s "$tmp/out" ] && grep -q "not loaded" "$tmp/err" ||
		fail "list without the module: status $rc, '$(cat "$tmp/out")', '$(cat "$tmp/err")'"
	ok "list without the module: empty, status 0, a note"
else
	echo "skip: list without the module (swapnet is loaded or installed)"
fi

# -j and -p as iproute2 takes them: compact by default, -p indents, both
# before the command too; no "fix":"" when nothing needs fixing
expect 1 "list: -p goes with -j" -p list
expect 1 "attach: no JSON output" -j attach nfs://h/e/f
srv=$tmp/srv
mkdir -p "$srv/var/lib/nfs" "$srv/srv/swap"
printf '/srv/swap\t10.0.0.0/24(rw,sync,no_subtree_check)\n' >"$srv/var/lib/nfs/etab"
: >"$srv/srv/swap/n1.swap"
chmod 600 "$srv/srv/swap/n1.swap"
for args in "-j check --server /srv/swap" "check -j --server /srv/swap" \
	    "-j -p check --server /srv/swap" "check --server /srv/swap -jp"; do
	# shellcheck disable=SC2086
	SWAPNET_ROOT=$srv "$BIN" $args >"$tmp/out" 2>"$tmp/err"
	rc=$?
	lines=$(wc -l <"$tmp/out")
	case $args in *-p* | *-jp*) want_lines=more ;; *) want_lines=1 ;; esac
	if [ $rc != 0 ] || grep -q '"fix"' "$tmp/out" ||
	   ! grep -q '"ok": *true' "$tmp/out" ||
	   { [ $want_lines = 1 ] && [ "$lines" != 1 ]; } ||
	   { [ $want_lines = more ] && [ "$lines" -lt 5 ]; }; then
		fail "swapnetctl $args: status $rc, $lines lines: $(cat "$tmp/out" "$tmp/err")"
	else
		ok "swapnetctl $args: $lines line(s), no empty fix"
	fi
done
# check's text within 80 columns, ASCII marks in the C locale
chmod 644 "$srv/srv/swap/n1.swap"
printf '/srv/swap\t*(rw,async,subtree_check)\n' >"$srv/var/lib/nfs/etab"
LC_ALL=C SWAPNET_ROOT=$srv "$BIN" check --server /srv/swap >"$tmp/out" 2>&1
rc=$?
if [ $rc = 2 ] && [ "$(awk 'length > 80' "$tmp/out")" = "" ] &&
   grep -q '^FAIL server: sync: ' "$tmp/out" &&
   grep -q '^    fix: ' "$tmp/out" && ! grep -q "$(printf '\342')" "$tmp/out"; then
	ok "check --server: 80 columns, ASCII marks under LC_ALL=C, status 2"
else
	fail "check --server text: status $rc: $(cat "$tmp/out")"
fi
# reserve's text within 80 columns (the lab's rows too: lab61, lab612),
# the recommendation still the second word of its line for scripts
for fx in tests/fixtures/reserve/*/; do
	SWAPNET_ROOT=$fx "$BIN" reserve >"$tmp/out" 2>&1
	rc=$?
	if [ $rc = 0 ] && [ "$(awk 'length > 80' "$tmp/out")" = "" ] &&
	   awk '$1 == "recommended_kb" && $2 ~ /^[0-9]+$/ { n++ } END { exit n != 1 }' "$tmp/out"; then
		ok "reserve ($fx): 80 columns, recommended_kb for awk"
	else
		fail "reserve ($fx): status $rc: $(awk 'length > 80' "$tmp/out")"
	fi
done
# a full stdout is an error (coreutils' close_stdout), a closed pipe not
"$BIN" --help >/dev/full 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "write error: No space left on device" "$tmp/err"; then
	ok "--help >/dev/full: status 2"
else
	fail "--help >/dev/full: status $rc, $(cat "$tmp/err")"
fi
"$BIN" --help | head -1 >/dev/null
# the help within 80 columns
for c in "" attach swapon create check reserve start stop list detach swapoff; do
	# shellcheck disable=SC2086
	"$BIN" $c --help 2>&1 | awk -v c="$c" 'length > 80 { print "FAIL: help of " c " past 80 columns: " $0; exit 1 }' ||
		fails=$((fails + 1))
done

# metrics: the fixture tree's node through promtool (the recommendation
# is swapnettop's 46223 kB for t1, recommend_compute()), written atomically
# with -o, a full stdout an error; the alert rules pass promtool's own
# rule tests (tests/prometheus).  promtool: Debian's prometheus package.
if command -v promtool >/dev/null; then
	fixt=$(cd ../swapnettop/tests/fixtures/t1 && pwd)
	SWAPNET_ROOT=$fixt "$BIN" metrics >"$tmp/m.prom" 2>"$tmp/err"
	rc=$?
	if [ $rc = 0 ] && promtool check metrics <"$tmp/m.prom" &&
	   grep -q '^swapnet_reserve_free_bytes{node="0"} 2048000$' "$tmp/m.prom" &&
	   grep -q '^swapnet_module_loaded 0$' "$tmp/m.prom" &&
	   grep -q '^swapnet_min_free_recommended_bytes 47332352$' "$tmp/m.prom"; then
		ok "metrics: promtool check metrics clean"
	else
		fail "metrics: status $rc: $(cat "$tmp/err") $(promtool check metrics <"$tmp/m.prom" 2>&1)"
	fi
	SWAPNET_ROOT=$fixt "$BIN" metrics -o "$tmp/out.prom" 2>"$tmp/err"
	if cmp -s "$tmp/out.prom" "$tmp/m.prom" && [ ! -e "$tmp/out.prom.tmp" ]; then
		ok "metrics -o: the same text, no .tmp left"
	else
		fail "metrics -o: $(cat "$tmp/err")"
	fi
	SWAPNET_ROOT=$fixt "$BIN" metrics -o /nonexistent/x.prom 2>"$tmp/err"
	[ $? = 2 ] && grep -q "metrics: /nonexistent/x.prom.tmp: No such file" "$tmp/err" ||
		fail "metrics -o into a missing directory: $(cat "$tmp/err")"
	SWAPNET_ROOT=$fixt "$BIN" metrics >/dev/full 2>"$tmp/err"
	[ $? = 2 ] || fail "metrics >/dev/full did not fail"
	if promtool check rules ../../etc/prometheus/swapnet-alerts.yml >/dev/null &&
	   (cd ../../tests/prometheus && promtool test rules swapnet-alerts.test.yml >/dev/null); then
		ok "alert rules: promtool check rules and test rules"
	else
		fail "alert rules: $(cd ../../tests/prometheus && promtool test rules swapnet-alerts.test.yml 2>&1)"
	fi
else
	fail "promtool missing: install Debian's prometheus package (tests/lab/deps.sh install)"
fi

[ $fails = 0 ] || { echo "cli.sh: $fails failure(s)"; exit 1; }
echo "cli.sh: all passed"

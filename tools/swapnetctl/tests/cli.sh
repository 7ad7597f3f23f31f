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
expect 1 "not a swapnet device" detach --force sda

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

[ $fails = 0 ] || { echo "cli.sh: $fails failure(s)"; exit 1; }
echo "cli.sh: all passed"

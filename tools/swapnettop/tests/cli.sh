#!/bin/sh
# The command line of swapnettop (a sanitized build, $1) on the fixture
# trees: batch and JSON runs, and one-line errors with exit status 1.
# Run from tools/swapnettop by `make test`.
set -u
BIN=${1:?usage: cli.sh SWAPNETTOP}
FIX=tests/fixtures
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# batch: two reports of the same tree, so every rate is zero
# PATH without swapnetctl: the recommendation is swapnettop's own
if PATH=/nonexistent "$BIN" -R $FIX/t1 -b -n 2 -d 0.1 \
	>"$tmp/out" 2>"$tmp/err"; then
	n=$(grep -c '^swapnettop ' "$tmp/out")
	[ "$n" = 2 ] || fail "batch -n 2 printed $n reports"
	grep -q '^reserve node 0 free 500 min 620 low 775 high 930 throttle_at 310 state RESERVE$' "$tmp/out" ||
		fail "batch reserve line"
	grep -q '^min_free_kbytes now 4096 recommended 46223$' "$tmp/out" ||
		fail "batch recommendation from the fixture tree (test_output.c)"
	grep -q '^rates pswpin/s 0.0 pswpout/s 0.0 ' "$tmp/out" ||
		fail "batch zero rates"
	grep -q '^swapnet disabled: ' "$tmp/out" || fail "batch swapnet disabled under -R"
	grep -q '^device /dev/swapnet0 kind swapnet .* stats n/a$' "$tmp/out" ||
		fail "batch swapnet row without stats"
	grep -q '^device /mnt/nfs/swap\\040file kind nfs ' "$tmp/out" ||
		fail "batch nfs row"
	[ -s "$tmp/err" ] && fail "batch wrote to stderr: $(cat "$tmp/err")"
	ok "batch"
else
	fail "batch exited $?: $(cat "$tmp/err")"
fi

# JSON: one compact object on one line by default; validated with
# json_pp when present
if "$BIN" -R $FIX/t1 -j -d 0.1 \
	>"$tmp/json" 2>"$tmp/err"; then
	grep -q '"recommended_min_free_kbytes":46223' "$tmp/json" ||
		fail "json recommendation from the fixture tree"
	grep -q '"state":"RESERVE"' "$tmp/json" || fail "json reserve state"
	[ "$(wc -l <"$tmp/json")" = 1 ] || fail "json: not one line"
	if command -v json_pp >/dev/null; then
		json_pp <"$tmp/json" >/dev/null 2>&1 || fail "json does not parse"
	fi
	ok "json"
else
	fail "json exited $?: $(cat "$tmp/err")"
fi

# -n 3: NDJSON, every line one whole object, snake_case keys only
if "$BIN" -R $FIX/t1 -j -n 3 -d 0.1 >"$tmp/nd" 2>"$tmp/err"; then
	[ "$(wc -l <"$tmp/nd")" = 3 ] || fail "ndjson: $(wc -l <"$tmp/nd") lines, want 3"
	if command -v json_pp >/dev/null; then
		while read -r line; do
			printf '%s\n' "$line" | json_pp >/dev/null 2>&1 ||
				fail "ndjson line does not parse"
		done <"$tmp/nd"
	fi
	bad=$(grep -o '"[^"]*":' "$tmp/nd" | grep -v '^"[a-z0-9_]*":$' | sort -u)
	[ -z "$bad" ] || fail "keys not snake_case: $bad"
	grep -q '"swap_used_kb":524288' "$tmp/nd" || fail "json swap_used_kb as batch"
	ok "ndjson"
else
	fail "ndjson exited $?: $(cat "$tmp/err")"
fi

# -p: indented, and still one document
if "$BIN" -R $FIX/t1 -j -p -d 0.1 >"$tmp/pretty" 2>"$tmp/err"; then
	grep -q '^  "interval_s": ' "$tmp/pretty" || fail "-p not indented"
	if command -v json_pp >/dev/null; then
		json_pp <"$tmp/pretty" >/dev/null 2>&1 || fail "-p does not parse"
	fi
	ok "pretty"
else
	fail "pretty exited $?: $(cat "$tmp/err")"
fi

# the first report at once, not after a whole interval (-d 30): its
# interval is FIRST_INTERVAL (0.2 s) and whatever a loaded machine adds,
# far below 30 s; bounds generous enough for a loaded 2-core CI machine
start=$(date +%s)
"$BIN" -R $FIX/t1 -b -n 1 -d 30 >"$tmp/first" 2>&1 || fail "-b -n 1 -d 30 failed"
took=$(( $(date +%s) - start ))
[ "$took" -lt 20 ] || fail "first report after $took s, want well before -d 30"
first=$(sed -n 's/^swapnettop .* interval_s \([0-9.]*\)$/\1/p' "$tmp/first")
if [ -n "$first" ] && awk -v i="$first" 'BEGIN { exit !(i >= 0.2 && i < 20) }'; then
	ok "first report at once (interval_s $first, $took s)"
else
	fail "first interval_s '$first': want 0.2 up to a loaded machine's delay, not 30"
fi

"$BIN" -V | grep -q '^swapnettop [0-9]' || fail "-V"
"$BIN" --help | grep -q -- '--root DIR' || fail "--help"

# bad input: exit 1 and exactly one line on stderr
mkdir -p "$tmp/empty"
check_err() {
	want=$1
	shift
	"$BIN" "$@" </dev/null >/dev/null 2>"$tmp/err"
	rc=$?
	lines=$(wc -l <"$tmp/err")
	if [ $rc != 1 ] || [ "$lines" != 1 ] || ! grep -q -- "$want" "$tmp/err"; then
		fail "'$*': rc $rc, stderr: $(cat "$tmp/err")"
	else
		ok "error for '$*'"
	fi
}
check_err "unknown option '-x'" -x
check_err "unknown option '--frob'" --frob
check_err "option '-n' needs an argument" -b -n
check_err "-n wants a count of 1 or more, not '0'" -b -n 0
check_err "-d wants seconds from 0.1 to 3600, not 'abc'" -d abc
check_err "-d wants seconds from 0.1 to 3600, not '0.05'" -d 0.05
check_err "-d wants seconds from 0.1 to 3600, not '1e3'" -d 1e3
check_err "-d wants seconds from 0.1 to 3600, not '0x1'" -d 0x1
check_err "-d wants seconds from 0.1 to 3600, not 'inf'" -d inf
check_err "-R /nonexistent: not a directory" -b -R /nonexistent
check_err "cannot read $tmp/empty/proc/meminfo: No such file or directory" \
	-b -R "$tmp/empty"
check_err "-b and -j exclude each other" -b -j
check_err "-p goes with -j" -b -p
check_err "unexpected argument 'extra'" -b extra
check_err "not a terminal" -R $FIX/t1

# the screen on a pseudo-terminal (script(1)): Ctrl-C ends it as q does,
# exit 0 (ncurses' own handler exited 1, the usage error's status).
# Every wait is for a condition, bounded generously (20 s each): Ctrl-C
# only once the screen is drawn (the handler is set before initscr; a
# loaded CI machine took over 1.5 s to get there), then until it exits.
if command -v script >/dev/null; then
	mkfifo "$tmp/tty-in"
	TERM=xterm script -qec "$BIN -R $FIX/t1 -d 1" /dev/null \
		<"$tmp/tty-in" >"$tmp/screen" 2>&1 &
	pid=$!
	exec 3>"$tmp/tty-in"
	i=0
	while [ ! -s "$tmp/screen" ] && [ $i -lt 200 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$tmp/screen" ] || fail "no screen drawn within 20 s"
	sleep 0.3
	printf '\003' >&3
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		fail "still running 20 s after Ctrl-C"
		kill $pid
	fi
	exec 3>&-
	wait $pid
	rc=$?
	if [ $rc = 0 ]; then ok "Ctrl-C exits 0"; else fail "Ctrl-C exited $rc"; fi
else
	fail "script(1) missing (util-linux)"
fi

[ $fails = 0 ] || { echo "cli.sh: $fails failure(s)"; exit 1; }
echo "cli.sh: all passed"

#!/bin/sh
# swapnettop's interactive screen, driven through tmux on a fixture tree:
# header, reserve bar, device rows, non-zero rates after the tree moves
# from t0 to t1, help on h, interval on + / - / d, pause on p, redraw on
# resize (SIGWINCH from tmux resize-window) at 120x40, 200x50, 80x24,
# 57x24 and 40x10, q quits with status 0, NO_COLOR, TERM=dumb falls back
# to batch output, a long path is cut from the left behind "...".
# Needs tmux; builds tools/swapnettop when it is not built.  ~25 s.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$top/tools/swapnettop/swapnettop
fix=$top/tools/swapnettop/tests/fixtures
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed"; exit 1; }
[ -x "$bin" ] || make -s -C "$top/tools/swapnettop" >/dev/null || exit 1

tmp=$(mktemp -d)
sock=swapnettop-test-$$		# a private tmux server: never the user's
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

screen() { tm capture-pane -p -t st; }
# wait_for REGEX [SECONDS]: until the screen matches (extended regex)
wait_for() {
	i=0
	lim=$(( ${2:-15} * 10 ))
	while [ $i -lt $lim ]; do
		screen >"$tmp/screen" 2>/dev/null
		grep -Eq -- "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "--- screen while waiting for /$1/:"; cat "$tmp/screen"
	return 1
}
expect() { if wait_for "$1" "${3:-15}"; then ok "$2"; else fail "$2"; fi; }
# copy a fixture file in atomically, so no sample sees half a file
put() { cp "$fix/$1/proc/$2" "$tmp/root/proc/$2.new" &&
	mv "$tmp/root/proc/$2.new" "$tmp/root/proc/$2"; }
keys() { tm send-keys -t st "$@"; }

cp -r "$fix/t0" "$tmp/root"
tm new-session -d -s st -x 80 -y 24 \
	"env LANG=C.UTF-8 PATH=/nonexistent $bin -R $tmp/root -d 1; echo \$? >$tmp/exit; sleep 30"

# 80x24: header, bar, zones, devices
expect '^swapnettop .*interval 1\.0 s' "title with the interval"
expect '^Mem total 200M free 20M avail 40M +Swap total 1\.5G used 169M' "memory and swap totals"
expect '^Reserve \[[#tmlh.]+\] ok' "reserve bar, state ok on t0"
# the shared reserve model on the tree, no swapnetctl in PATH: the screen
# shows what batch mode computes (the value itself is derived by hand and
# asserted in test_output.c and cli.sh)
rec=$(env PATH=/nonexistent "$bin" -R "$fix/t0" -b -n 1 2>/dev/null |
	sed -n 's/^min_free_kbytes now [0-9]* recommended \([0-9]*\)$/\1/p')
[ -n "$rec" ] || fail "batch mode gives no recommendation for t0"
expect "min_free_kbytes 4096 now, recommended ${rec:-none}" "min_free_kbytes vs the recommendation ($rec)"
expect '^DMA32 +0 +2000 +400 +500 +600' "zone row"
expect '^swapnet0 +swapnet +195M/1\.0G +-2 ' "swapnet device row"
expect '^swapnet stats off: not queried' "swapnet stats shown as off under -R"
# /mnt/nfs/swap\040file is 18 characters: cut from the left, marked
expect '^\.\.\.s/swap file nfs ' "native NFS swapfile row, cut path behind ..."
expect '^nbd0 +nbd ' "NBD row"
expect 'q quit' "key help line"
[ "$(wc -l <"$tmp/screen")" -le 24 ] || fail "more than 24 lines"

# t1: 6000 pages swapped out, node 0 into its reserve
for f in vmstat zoneinfo meminfo swaps net/netstat self/mountstats; do put t1 $f; done
expect 'Swap-out +[1-9][0-9]*\.[0-9] pg/s' "non-zero swap-out after the tree moved"
rate=$(sed -n 's/.*Swap-out *\([0-9.]*\) pg\/s.*/\1/p' "$tmp/screen")
# 6000 pages over an interval of about 1 s
if awk -v r="$rate" 'BEGIN { exit !(r >= 4000 && r <= 8000) }'; then
	ok "swap-out rate $rate pg/s is 6000 pages over ~1 s"
else
	fail "swap-out rate $rate pg/s, want about 6000"
fi
expect '^Reserve \[[#tmlh.]+\] RESERVE' "bar shows the node in its reserve"
expect 'node 0 free 500 pg  min 620  low 775  high 930  throttle <=310' "reserve numbers of the deepest node"
expect '^ +READ +[1-9][0-9]*\.[0-9]' "NFS READ ops/s non-zero"
expect '^ +op +ops/s +kB/s +kB/op +retrans +avg RTT \(ms\) +avg exe \(ms\)' "nfsiostat column names"
expect 'Swap-out +0\.0 pg/s' "rates back to zero when nothing moves" 4

# help
keys h
expect '^swapnettop - keys' "help screen on h"
expect 'p +pause' "help lists pause"
keys x
expect '^Reserve \[' "any key leaves help"

# interval
keys +
expect 'interval 1\.5 s' "+ raises the interval"
keys - -
expect 'interval 0\.5 s' "- lowers the interval"
keys d
expect 'Interval in seconds' "d asks for the interval"
keys 3 Enter
expect 'interval 3\.0 s' "d sets the interval"
keys d 1 Enter
expect 'interval 1\.0 s' "d sets it back"
keys d a b c Enter
expect 'interval unchanged' "d refuses a bad interval"
keys d 1 e 3 Enter
expect 'interval unchanged: give' "d refuses 1e3"
keys d 5 Escape
expect 'interval unchanged \(cancelled\)' "Escape cancels the prompt"
expect 'interval 1\.0 s' "interval kept after Escape"

# pause: the screen must not move while paused
keys p
expect '\[PAUSED\]' "p pauses"
screen | grep -E 'Swap-out' >"$tmp/before"
sed 's/^pswpout .*/pswpout 20000/' "$tmp/root/proc/vmstat" >"$tmp/vm" &&
	mv "$tmp/vm" "$tmp/root/proc/vmstat"
sleep 2.5
screen | grep -E 'Swap-out' >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after" && grep -q 'Swap-out  *0\.0' "$tmp/after"; then
	ok "no update while paused"
else
	fail "screen changed while paused"
fi
keys p
expect 'Swap-out +[1-9][0-9]*\.[0-9] pg/s' "resumed: the paused interval's swap-out shows"
if wait_for '\[PAUSED\]' 1 >/dev/null; then fail "still paused"; fi

# resize: tmux delivers SIGWINCH, the bar follows the width
tm resize-window -t st -x 120 -y 40
expect '^Reserve \[[#tmlh.]{98}\] ' "bar redrawn for 120 columns"
[ "$(wc -l <"$tmp/screen")" = 40 ] || fail "not 40 lines after resize"
tm resize-window -t st -x 80 -y 24
expect '^Reserve \[[#tmlh.]{58}\] ' "bar redrawn for 80 columns"

# 200x50: every section with its values, nothing cut, nothing past 50
tm resize-window -t st -x 200 -y 50
expect '^Reserve \[[#tmlh.]{178}\] ' "bar redrawn for 200 columns"
# (the tree is t1 by now)
expect '^Mem total 200M free 8192K avail 16M +Swap total 1\.5G used 512M' "200x50: memory and swap totals"
expect '^DMA32 +0 +300 +400 +500 +600' "200x50: zone row"
expect '^swapnet0 +swapnet +256M/1\.0G +-2 ' "200x50: swapnet device row"
expect '^nbd0 +nbd ' "200x50: NBD row"
expect 'q quit' "200x50: key help line"
[ "$(wc -l <"$tmp/screen")" = 50 ] || fail "not 50 lines at 200x50"
tm resize-window -t st -x 80 -y 24
expect '^Reserve \[[#tmlh.]{58}\] ' "back to 80x24"
expect '^DMA32 +0 +300 +400 +500 +600' "80x24: zone row"
expect '^swapnet0 +swapnet +256M/1\.0G +-2 ' "80x24: swapnet device row"

# narrow: a clipped line must not spill its tail onto the next one, and
# the clock must not cover the title
for size in 57x24 40x10; do
	tm resize-window -t st -x "${size%x*}" -y "${size#*x}"
	expect '^Throttled ' "rates line at $size"
	grep -q '^OOM kills' "$tmp/screen" && fail "OOM kills wrapped to column 0 at $size"
	grep -Eq '^swapnettop [0-9.]+  interval [0-9.]+ s' "$tmp/screen" ||
		fail "title cut by the clock at $size"
done
tm resize-window -t st -x 80 -y 24
expect '^Reserve \[[#tmlh.]{58}\] ' "back to 80 columns"

keys q
i=0
while [ ! -s "$tmp/exit" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$tmp/exit" 2>/dev/null)" = 0 ]; then
	ok "q quits with status 0"
else
	fail "q: exit status '$(cat "$tmp/exit" 2>/dev/null)'"
fi

# NO_COLOR: the same screen without colour escapes (and with, without it)
for nc in "" 1; do
	tm new-session -d -s "nc$nc" -x 80 -y 24 \
		"env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR=$nc $bin -R $tmp/root -d 1; sleep 30"
	i=0
	while [ $i -lt 50 ]; do
		tm capture-pane -e -p -t "nc$nc" >"$tmp/esc$nc" 2>/dev/null
		grep -q '^.*Reserve' "$tmp/esc$nc" && break
		sleep 0.1
		i=$((i + 1))
	done
	tm kill-session -t "nc$nc"
done
esc=$(printf '\033')
if grep -q "$esc\[[0-9;]*3[0-7]m" "$tmp/esc"; then
	ok "colour without NO_COLOR"
else
	fail "no colour escapes without NO_COLOR"
fi
if grep -q "$esc\[[0-9;]*3[0-7]m" "$tmp/esc1"; then
	fail "colour escapes with NO_COLOR=1"
else
	ok "NO_COLOR=1: no colour"
fi

# TERM=dumb cannot address the cursor: say so, fall back to batch
# output (as top does) instead of a screen with only its last line
tm new-session -d -s dumb -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=dumb $bin -R $tmp/root -d 1 -n 1 >$tmp/dumb.out 2>$tmp/dumb.err; echo EXIT=\$?; sleep 30"
i=0
while [ $i -lt 50 ]; do
	tm capture-pane -p -t dumb >"$tmp/dumb" 2>/dev/null
	grep -q '^EXIT=' "$tmp/dumb" && break
	sleep 0.1
	i=$((i + 1))
done
tm kill-session -t dumb
if grep -q "terminal 'dumb' cannot draw a screen" "$tmp/dumb.err" &&
	grep -q '^mem total_kb 204800 ' "$tmp/dumb.out" && grep -q '^EXIT=0' "$tmp/dumb"; then
	ok "TERM=dumb: a note and batch output"
else
	cat "$tmp/dumb" "$tmp/dumb.err"
	fail "TERM=dumb: no note or no batch output"
fi

# a long path: its tail, behind "..."
printf '/srv/swap/a/very/long/path/swapfile0 file\t\t1024\t0\t-5\n' >>"$tmp/root/proc/swaps"
tm new-session -d -s long -x 80 -y 30 \
	"env LANG=C.UTF-8 $bin -R $tmp/root -d 1; sleep 30"
i=0
while [ $i -lt 50 ]; do
	tm capture-pane -p -t long >"$tmp/long" 2>/dev/null
	grep -q 'swapfile0' "$tmp/long" && break
	sleep 0.1
	i=$((i + 1))
done
tm kill-session -t long
if grep -q '^\.\.\.h/swapfile0 other ' "$tmp/long"; then
	ok "long path cut from the left behind ..."
else
	cat "$tmp/long"
	fail "long path not shown as ...h/swapfile0"
fi

[ $fails = 0 ] || { echo "swapnettop-tmux: $fails failure(s)"; exit 1; }
echo "swapnettop-tmux: all passed"

#!/bin/bash
# Sources the bash completions and asks them what a user's Tab would get.
# Run by `make -C tools test`; needs only bash.
set -u
here=$(cd "$(dirname "$0")" && pwd)
fails=0
# shellcheck source=/dev/null
source "$here/swapnetctl" || exit 1
# shellcheck source=/dev/null
source "$here/swapnettop" || exit 1

# comp FUNC WORD...: COMPREPLY for the last word, sorted, on one line
comp() {
	local fn=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn" 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
want() {
	local exp=$1 got
	shift
	got=$(comp "$@")
	if [[ $got == "$exp" ]]; then
		echo "ok: ${*:2} -> $got"
	else
		echo "FAIL: ${*:2}: got '$got', want '$exp'"
		fails=$((fails + 1))
	fi
}

complete -p swapnetctl >/dev/null || { echo "FAIL: no complete for swapnetctl"; fails=1; }
complete -p swapnettop >/dev/null || { echo "FAIL: no complete for swapnettop"; fails=1; }
want "swapoff swapon" _swapnetctl swapnetctl swap
want "check create" _swapnetctl swapnetctl c
want "--server" _swapnetctl swapnetctl check --se
want "metrics monitor" _swapnetctl swapnetctl m
want "--output" _swapnetctl swapnetctl metrics --o
want "detach" _swapnetctl swapnetctl de
want "--force" _swapnetctl swapnetctl detach --f
want "--help --json --pretty -j -p" _swapnetctl swapnetctl list ""
want "--mkswap" _swapnetctl swapnetctl swapon --mk
want "" _swapnetctl swapnetctl attach --mk
want "--rsize" _swapnetctl swapnetctl attach --rs
want "1048576" _swapnetctl swapnetctl attach --rsize 10
want "--apply" _swapnetctl swapnetctl reserve --ap
want "nfs://" _swapnetctl swapnetctl attach nf
want "--delay" _swapnettop swapnettop --de
want "--batch" _swapnettop swapnettop --b
want "--root" _swapnettop swapnettop -d 1 --r
want "0.5" _swapnettop swapnettop -d 0.

want "--swap" _swapnetctl swapnetctl attach --sw
want "" _swapnetctl swapnetctl swapon --sw
want "--pretty" _swapnetctl swapnetctl list --p
want "--mirror" _swapnetctl swapnetctl swapon nfs://a/e/f --mi
want "" _swapnetctl swapnetctl attach --mi
want "nfs://" _swapnetctl swapnetctl swapon nfs://a/e/f --mirror n
want "monitor" _swapnetctl swapnetctl mo
want "--interval" _swapnetctl swapnetctl monitor --i
want "--once" _swapnetctl swapnetctl monitor --o

# Every option a command's --help names is completed, and nothing else:
# the help and the completion cannot drift apart.  $1: tools/ (default),
# where make -C tools test has built swapnetctl and swapnettop-san.
bin=${1:-$here/..}
for b in "$bin/swapnetctl/swapnetctl" "$bin/swapnettop/tests/swapnettop-san"; do
	[[ -x $b ]] || { echo "FAIL: $b not built (make -C tools test builds it)"; fails=$((fails + 1)); }
done
opts_of() {	# the options help text $@ names, sorted, one line
	"$@" --help 2>&1 | grep -o -- '\(^\|[ ,[|(]\)--\?[a-zA-Z][a-z-]*' |
		sed 's/^[ ,[|(]//' | grep -v -- '^-[A-Z]\{2,\}' | LC_ALL=C sort -u |
		tr '\n' ' ' | sed 's/ $//'
}
for cmd in attach swapon detach list create check reserve metrics start stop swapoff; do
	help=$(opts_of "$bin/swapnetctl/swapnetctl" "$cmd")
	# swapon: its own and "every attach option" but --swap (always)
	[[ $cmd == swapon ]] && help=$(printf '%s\n' $help $(opts_of "$bin/swapnetctl/swapnetctl" attach) |
		grep -vx -- --swap | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//')
	[[ $help == *--help* ]] || help=$(printf '%s\n' $help --help | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//')
	want "$help" _swapnetctl swapnetctl "$cmd" -
done
want "$(opts_of "$bin/swapnettop/tests/swapnettop-san")" _swapnettop swapnettop -

[[ $fails == 0 ]] || { echo "completion: $fails failure(s)"; exit 1; }
echo "completion: all passed"

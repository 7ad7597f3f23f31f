#!/bin/bash
# The documents a newcomer walks in through, on the host:
#   - README.md stays a front door: at most 150 lines (the guide,
#     benchmarks and test catalogue live in docs/, tests/lab/reports/ and
#     tests/README.md)
#   - tests/README.md, the test index, names every scenario
#     (tests/scenarios/NAME.sh) and every host test (host:NAME), and names
#     none that does not exist (lab:NAME, host:NAME)
#   - every relative link of README.md, docs/*.md, tests/README.md and
#     tests/lab/*.md points at a file or directory that exists
# (The man page lint is host:install's.)  Under a second.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
fail() { echo "docs.sh: FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "docs.sh: ok: $*"; }
index=$top/tests/README.md

# --- the front door -------------------------------------------------------
n=$(wc -l < "$top/README.md")
if [ "$n" -le 150 ]; then
	ok "README.md has $n lines (at most 150)"
else
	fail "README.md has $n lines, more than 150: move the detail to docs/ or tests/README.md"
fi

# --- the test index -------------------------------------------------------
f0=$failures
# a name is "in" the index when it stands as a word of its own there
# (lab:NAME, `NAME`, NAME@6.12, ...), not as part of a longer name
named() { grep -qE "(^|[^a-z0-9_-])$1([^a-z0-9_-]|\$)" "$index"; }
for f in "$top"/tests/scenarios/*.sh; do
	case $f in *.server.sh) continue ;; esac
	s=$(basename "$f" .sh)
	named "$s" || fail "tests/README.md does not name scenario $s (tests/scenarios/$s.sh): add its row"
done
for f in "$top"/tests/host/*.sh; do
	h=$(basename "$f" .sh)
	named "host:$h" || fail "tests/README.md does not name host:$h (tests/host/$h.sh): add its row"
done
# and every lab:NAME / host:NAME it names exists
while read -r item; do
	kind=${item%%:*} name=${item#*:}
	case $kind in
	lab) [ -f "$top/tests/scenarios/$name.sh" ] || fail "tests/README.md names $item: no tests/scenarios/$name.sh" ;;
	host) [ -f "$top/tests/host/$name.sh" ] || fail "tests/README.md names $item: no tests/host/$name.sh" ;;
	esac
done < <(grep -oE '(lab|host):[a-z0-9-]+' "$index" | sed 's/-$//' | sort -u)
[ $failures = "$f0" ] && ok "tests/README.md names every scenario and host test, and no other"

# --- relative links ---------------------------------------------------------
f0=$failures
nlinks=0
for doc in "$top"/README.md "$top"/docs/*.md "$index" "$top"/tests/lab/*.md; do
	[ -f "$doc" ] || continue
	dir=$(dirname "$doc")
	while read -r target; do
		target=${target%%#*}
		case $target in ''|*://*|mailto:*) continue ;; esac
		nlinks=$((nlinks + 1))
		[ -e "$dir/$target" ] || fail "${doc#"$top"/}: link to '$target', which does not exist"
	done < <(grep -oE '\]\([^)[:space:]]+\)' "$doc" | sed 's/^](\(.*\))$/\1/')
done
[ $failures = "$f0" ] && ok "$nlinks relative links resolve"

[ $failures = 0 ] && echo "docs.sh: PASS" && exit 0
echo "docs.sh: $failures failure(s)"
exit 1

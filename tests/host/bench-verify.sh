#!/bin/bash
# bench-verify's confidence (issue 22), on fixture data
# (tests/lab/fixtures/bench-verify: the 2026-12-07 runs, 3 pairs each:
# 6.1 and 6.12 with the software crc32c, 6.1 with crc32c-intel):
#   - the unit tests of tests/lab/bench-verify.py and of the bootstrap it
#     shares with tests/lab/bench-latency.py (median_ci: the median's
#     95 % interval, boots resampled first, its coverage on simulated
#     ratios; the within/over/undecided verdicts; pair ratios from the
#     rounds' pages, jiffies and host CPU marks; grouping by kernel and
#     crc32c; a failed round drops its pair, a mismatch exits 1)
#   - tests/lab/bench-report.sh hands the bench-verify lines to it: one
#     "bench: verify" line per kernel, crc32c and measure, after the
#     verify section's round table
# Needs python3 (stdlib only).  ~2 s.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
fail() { echo "bench-verify.sh: FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "bench-verify.sh: ok: $*"; }
command -v python3 >/dev/null || { echo "bench-verify.sh: FAIL: python3 is not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if out=$(PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s "$top/tests/lab" -p 'test_bench_verify.py' 2>&1); then
	ok "unit tests: $(echo "$out" | grep -E '^Ran ')"
else
	fail "unit tests:"; echo "$out"
fi

fx=$top/tests/lab/fixtures/bench-verify
"$top/tests/lab/bench-report.sh" "$fx/6.1-sw.result" "$fx/6.12-sw.result" > "$tmp/out" 2>&1
rc=$?
if [ $rc = 0 ] &&
   grep -q '^    verify cost: CPU per page on/off' "$tmp/out" &&
   grep -q '^=== bench-verify, kernel 6.12.118+deb12-amd64, crc32c crc32c-generic: 1 boot(s), 3 pair(s)$' "$tmp/out" &&
   grep -qE '^bench: verify kver=6.1.0-57-amd64 crc32c=crc32c-generic measure=host pairs=3 boots=1 median=1.037 lo=[0-9.]+ hi=[0-9.]+ min=1.025 max=1.096 goal=<=1.05 verdict=undecided$' "$tmp/out" &&
   [ "$(grep -c '^bench: verify ' "$tmp/out")" = 6 ]; then
	ok "bench-report.sh: the intervals per kernel and measure after the round table"
else
	fail "bench-report.sh: status $rc:"; cat "$tmp/out"
fi

sed 's/ mismatches=0 / mismatches=2 /' "$fx/6.1-sw.result" > "$tmp/bad.result"
"$top/tests/lab/bench-report.sh" "$tmp/bad.result" > "$tmp/out" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q '^bench: DATA NOT VERIFIED' "$tmp/out"; then
	ok "bench-report.sh: a mismatch exits 1"
else
	fail "bench-report.sh with a mismatch: status $rc:"; cat "$tmp/out"
fi

[ $failures = 0 ] && echo "bench-verify.sh: PASS" && exit 0
echo "bench-verify.sh: $failures failure(s)"
exit 1

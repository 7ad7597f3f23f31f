#!/bin/bash
# bench-latency's host side (issue 23), on fixture data
# (tests/lab/fixtures/bench-latency: three boots of 6.1, nbd, nfs and
# swapnet at one level):
#   - the unit tests of tests/lab/bench-latency.py (per-page measures
#     from a round's counters and host CPU marks, the two-stage
#     bootstrap's interval and its verdicts, the report, a mismatch
#     exits 1, input of another format exits 2)
#   - tests/lab/bench-report.sh hands the paced lines to it: the
#     comparison with its intervals and the p99-against-load data, and
#     none of them in the older closed-loop tables
# Needs python3 (stdlib only).  ~2 s.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
fail() { echo "bench-latency.sh: FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "bench-latency.sh: ok: $*"; }
command -v python3 >/dev/null || { echo "bench-latency.sh: FAIL: python3 is not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if out=$(PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s "$top/tests/lab" -p 'test_bench_latency.py' 2>&1); then
	ok "unit tests: $(echo "$out" | grep -E '^Ran ')"
else
	fail "unit tests:"; echo "$out"
fi

cp "$top"/tests/lab/fixtures/bench-latency/*.result "$tmp/"
"$top/tests/lab/bench-report.sh" "$tmp"/boot*.result > "$tmp/out" 2>&1
rc=$?
if [ $rc = 0 ] &&
   grep -q '^=== bench-latency, kernel 6.1.0-57-amd64: 3 boot(s)' "$tmp/out" &&
   grep -qE '^bench: paced kver=6.1.0-57-amd64 phase=p50 measure=cp99_us peer=nbd ratio=[0-9.]+ lo=[0-9.]+ hi=[0-9.]+ n_swapnet=6 n_peer=6 boots=3 goal=<=0.5 verdict=met$' "$tmp/out" &&
   [ -s "$tmp/bench-latency-p99-6.1.0-57-amd64.dat" ] &&
   ! grep -q 'swap-in fault latency under a swap-out storm (bench-latency: faultlat' "$tmp/out"; then
	ok "bench-report.sh: the paced comparison over 3 boots, intervals, p99-vs-load data"
else
	fail "bench-report.sh on the fixtures: status $rc:"; cat "$tmp/out"
fi

[ $failures = 0 ] && echo "bench-latency.sh: PASS" && exit 0
echo "bench-latency.sh: $failures failure(s)"
exit 1

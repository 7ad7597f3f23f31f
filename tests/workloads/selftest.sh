#!/bin/sh
# Host self-test of memload (the test of the test), at a small size:
# a normal run must pass; a --corrupt run must fail with status 1 and say
# where the corrupted word is; a --detect --lose run must pass with the
# page listed as lost; bad usage must fail with status 64.
#   tests/workloads/selftest.sh [MEMLOAD]
set -u
m=${1:-$(dirname "$0")/memload}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail=0

"$m" -p 3 -m 8 -P 2 > "$out" 2>&1
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^memload: result=PASS .*mismatches=0 ' "$out"; then
	echo "selftest: normal run: expected PASS, got status $rc:"; cat "$out"; fail=1
else
	echo "selftest: normal run passes: $(tail -n 1 "$out")"
fi

"$m" -p 2 -m 8 --corrupt > "$out" 2>&1
rc=$?
if [ $rc -ne 1 ] || ! grep -q '^memload: result=FAIL .*mismatches=2 bad_pages=2 ' "$out" ||
   ! grep -q 'first mismatch at 0x.* (page 1024 word 7 pass 1)' "$out"; then
	echo "selftest: --corrupt run: expected status 1 with the bad word found twice, got $rc:"
	cat "$out"; fail=1
else
	echo "selftest: --corrupt run fails as it must: $(grep 'first mismatch' "$out")"
fi

# A sampled random pass: an eighth of the 2048 pages in random order; the
# linear pass still reads (and here catches) every page.
"$m" -p 2 -m 8 -f 0.125 --corrupt > "$out" 2>&1
rc=$?
if [ $rc -ne 1 ] || ! grep -q 'verified 256 of 2048 pages in random order' "$out" ||
   ! grep -q '^memload: result=FAIL .*random_fraction=0.125' "$out" ||
   ! grep -q 'first mismatch at 0x.* (page 1024 word 7 pass 1)' "$out"; then
	echo "selftest: --random-fraction 0.125 --corrupt: expected status 1, 256 random pages, the bad word found, got $rc:"
	cat "$out"; fail=1
else
	echo "selftest: --random-fraction samples 256 of 2048 pages and the linear pass still catches the bad word"
fi

# A compressible page (-z 0.75: the tail three quarters one constant) is
# still verified word by word: the flipped word is found.
"$m" -p 2 -m 8 -z 0.75 --corrupt > "$out" 2>&1
rc=$?
if [ $rc -ne 1 ] || ! grep -q '^memload: result=FAIL .*mismatches=2 bad_pages=2 .*compressible=0.75' "$out" ||
   ! grep -q 'first mismatch at 0x.* (page 1024 word 7 pass 1)' "$out"; then
	echo "selftest: -z 0.75 --corrupt: expected status 1 with the bad word found twice, got $rc:"
	cat "$out"; fail=1
else
	echo "selftest: -z 0.75 --corrupt run fails as it must"
fi

"$m" -p 2 -m 8 -z 0.75 > "$out" 2>&1
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^memload: result=PASS .*compressible=0.75' "$out"; then
	echo "selftest: -z 0.75: expected PASS, got status $rc:"; cat "$out"; fail=1
else
	echo "selftest: -z 0.75 run passes"
fi

for z in 1 -0.5 x; do
	"$m" -z "$z" > "$out" 2>&1
	rc=$?
	if [ $rc -ne 64 ]; then
		echo "selftest: --compressible $z: expected status 64, got $rc:"; cat "$out"; fail=1
	fi
done

"$m" -f 0 > "$out" 2>&1
rc=$?
if [ $rc -ne 64 ]; then
	echo "selftest: --random-fraction 0: expected status 64, got $rc:"; cat "$out"; fail=1
fi

"$m" --seeds -p 4 -m 4 -l 2 > "$out" 2>&1
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^memload: result=PASS' "$out"; then
	echo "selftest: --seeds run: expected PASS, got status $rc:"; cat "$out"; fail=1
else
	echo "selftest: --seeds run passes"
fi

# --detect: a page that raises SIGBUS (--lose: an empty memfd over one
# page) is lost, listed and counted, not a failure; without --detect the
# same page kills the worker (the run fails).
"$m" -p 2 -m 8 --detect --lose > "$out" 2>&1
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^memload: result=PASS .*mismatches=0 .*lost_pages=1$' "$out" ||
   ! grep -q '^memload\[0\]: page 1024 lost (SIGBUS at ' "$out"; then
	echo "selftest: --detect --lose: expected PASS with page 1024 lost, got status $rc:"
	cat "$out"; fail=1
else
	echo "selftest: --detect --lose: $(grep 'lost (SIGBUS' "$out")"
fi
"$m" -p 1 -m 8 --lose > "$out" 2>&1
rc=$?
if [ $rc -eq 0 ] || grep -q '^memload: result=PASS' "$out"; then
	echo "selftest: --lose without --detect: expected a failure, got status $rc:"
	cat "$out"; fail=1
else
	echo "selftest: --lose without --detect fails as it must (status $rc)"
fi

"$m" -p 0 > "$out" 2>&1
rc=$?
if [ $rc -ne 64 ] || [ "$(wc -l < "$out")" -ne 1 ]; then
	echo "selftest: bad usage: expected one line and status 64, got $rc:"; cat "$out"; fail=1
else
	echo "selftest: bad usage rejected: $(cat "$out")"
fi
exit $fail

# shellcheck shell=bash
# Shared by tests/check, tests/demo and tests/bench (bash, sourced): run
# named test items, time them, and count passes and failures.

suite_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite_passed=0
suite_failed=0
suite_lines=()
suite_t0=$SECONDS

# suite_scenarios SUITE: scenario files whose header says "lab-suite: SUITE"
# (or names SUITE among several: "lab-suite: check demo"), in name order
# (server parts excluded).
suite_scenarios() {
	local f
	for f in "$suite_top"/tests/scenarios/*.sh; do
		[ -f "$f" ] || continue
		case $f in *.server.sh) continue ;; esac
		grep -qE "^#[[:space:]]*lab-suite:([[:space:]]+[a-z]+)*[[:space:]]+$1([[:space:]]+[a-z]+)*[[:space:]]*$" "$f" &&
			echo "$f"
	done
	return 0
}

# suite_all_kernels FILE: true if the scenario's header says
# "lab-kernels: all", "every" or "full" (it runs on other supported kernels too,
# not only the primary one: tests/lab/kernels.sh).
suite_all_kernels() {
	grep -qE '^#[[:space:]]*lab-kernels:[[:space:]]*(all|every|full)[[:space:]]*$' "$1"
}

# suite_kernels_of FILE: the scenario's "lab-kernels:" value (empty if
# none): "every" runs on every kernel in make check; "all" on the
# primary and the newest in make check, on every kernel in check-full;
# "full" on the primary in make check, on every kernel in check-full.
suite_kernels_of() {
	sed -n 's/^#[[:space:]]*lab-kernels:[[:space:]]*\([a-z]*\)[[:space:]]*$/\1/p' "$1" | head -n 1
}

# suite_kernels: the guest kernels of this suite run, primary first: $KVER
# alone when it is set (pinned), else tests/lab/kernels.sh's list.
suite_kernels() {
	if [ -n "${KVER:-}" ]; then
		echo "$KVER"
	else
		"$suite_top/tests/lab/kernels.sh"
	fi
}

# suite_selected NAME PATTERN...: true if no patterns or NAME contains one.
suite_selected() {
	local name=$1 p
	shift
	[ $# -eq 0 ] && return 0
	for p; do
		case $name in *"$p"*) return 0 ;; esac
	done
	return 1
}

# suite_item NAME CMD...: run CMD, print "PASS|FAIL NAME (Ns)".
suite_item() {
	local name=$1 t rc
	shift
	echo "=== $name"
	t=$SECONDS
	"$@"
	rc=$?
	t=$((SECONDS - t))
	if [ $rc -eq 0 ]; then
		suite_passed=$((suite_passed + 1))
		suite_lines+=("PASS $name (${t}s)")
	else
		suite_failed=$((suite_failed + 1))
		suite_lines+=("FAIL $name (${t}s, status $rc)")
	fi
	echo "${suite_lines[-1]}"
	return 0
}

# suite_summary: the per-item lines, then "N passed, N failed"; status 1 on
# any failure or when nothing ran.
suite_summary() {
	local l
	echo "==="
	for l in "${suite_lines[@]}"; do echo "$l"; done
	echo "total $((SECONDS - suite_t0))s ($(((SECONDS - suite_t0 + 30) / 60)) min)"
	echo "$suite_passed passed, $suite_failed failed"
	[ "$suite_failed" -eq 0 ] && [ "$suite_passed" -gt 0 ]
}

#!/bin/bash
# The lab library (tests/lab/guest/lib.sh), on the host:
#   - LAB_SWAPNET_STAT_FIELDS names the columns of swapnet/stat in the
#     order stat_show() in kmod/sysfs.c prints them, as many as its format
#     has conversions; the ABI document and swapnet(4) list the same
#     names in the same order (a new column cannot shift the tests)
#   - lab_swapnet_stat, lab_vmstat, lab_wait, lab_await, lab_fail,
#     lab_exit, lab_netstat, lab_ifstat, lab_zswap_stat, lab_swapnet_attr,
#     lab_link_down/up (ping and the link request stubbed) and the bench
#     round loop (lab_bench_rounds, lab_bench_result; peers stubbed) work
#     under busybox sh (the guests' shell) on a fake /sys/block tree, and
#     fail loudly on a bad field, a missing device, a column count the
#     list does not match, a vmstat key the kernel lacks
#   - lib.sh and tests/host/*.sh are shellcheck clean; every scenario
#     says "# shellcheck shell=sh" and has no shellcheck warning; no
#     client scenario defines its own fail/wait/stat helper, reads
#     /proc/vmstat, /proc/uptime or /proc/net itself, rolls its own wait
#     loop or gives its own verdict (lab_exit ends each)
# Needs busybox and shellcheck (tests/lab/deps.sh).  ~20 s.
# shellcheck disable=SC2015 # "A && B || fail": fail is the only C
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
lib=$top/tests/lab/guest/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "lab-lib.sh: FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "lab-lib.sh: ok: $*"; }
for t in busybox shellcheck; do
	command -v "$t" > /dev/null || { echo "lab-lib.sh: FAIL: $t is not installed (tests/lab/deps.sh install)"; exit 1; }
done

# --- the column names, against sysfs.c ------------------------------------
# stat_show's sysfs_emit(): the format's conversions and the arguments
# after it, "s.NAME" -> NAME, the state's atomic_read -> state.
body=$(sed -n '/^static ssize_t stat_show(/,/^DEVICE_ATTR_RO(stat)\|^static DEVICE_ATTR_RO(stat)/p' "$top/kmod/sysfs.c" | tr -d '\n\t')
fmt=$(sed -n 's/.*sysfs_emit(buf,[ ]*"\([^"]*\)".*/\1/p' <<< "$body")
args=$(sed -n 's/.*sysfs_emit(buf,[ ]*"[^"]*",\(.*\));[ ]*}.*/\1/p' <<< "$body")
nconv=$(tr -cd '%' <<< "$fmt" | wc -c)
kmod_names=()
IFS=',' read -ra parts <<< "$args"
for a in "${parts[@]}"; do
	a=$(tr -d ' ' <<< "$a")
	case $a in
	s.*) kmod_names+=("${a#s.}") ;;
	'atomic_read(&dev->state)') kmod_names+=(state) ;;
	*) fail "stat_show argument '$a': name it in tests/host/lab-lib.sh" ;;
	esac
done
read -ra lib_names <<< "$(sed -n '/^LAB_SWAPNET_STAT_FIELDS="/,/"$/p' "$lib" |
	tr -d '"' | sed 's/^LAB_SWAPNET_STAT_FIELDS=//' | tr '\n\t' '  ')"
if [ "$nconv" -lt 10 ] || [ "${#kmod_names[@]}" != "$nconv" ]; then
	fail "could not read stat_show in kmod/sysfs.c ($nconv conversions, ${#kmod_names[@]} arguments)"
elif [ "${kmod_names[*]}" != "${lib_names[*]}" ]; then
	fail "lib.sh's LAB_SWAPNET_STAT_FIELDS is not sysfs.c's order:"
	echo "  sysfs.c: ${kmod_names[*]}"
	echo "  lib.sh:  ${lib_names[*]}"
else
	ok "LAB_SWAPNET_STAT_FIELDS = stat_show's ${#kmod_names[@]} columns"
fi

# The ABI document's stat table: rows "N  name  meaning", N the column.
abi=$top/docs/ABI/testing/sysfs-block-swapnet
if [ -f "$abi" ]; then
	abi_names=$(awk '/^What:.*\/stat$/ { on = 1; next } /^What:/ { on = 0 }
		on && $1 == n + 1 && $2 ~ /^[a-z_]+$/ { n++; printf "%s ", $2 }' "$abi")
	if [ "${abi_names% }" = "${kmod_names[*]}" ]; then
		ok "docs/ABI/testing/sysfs-block-swapnet lists the same columns"
	else
		fail "docs/ABI/testing/sysfs-block-swapnet's stat table: '${abi_names% }', sysfs.c: '${kmod_names[*]}'"
	fi
else
	fail "no docs/ABI/testing/sysfs-block-swapnet"
fi
# swapnet(4), SYSFS, stat: ".TP", the column number, ".I name", to ".RE".
man_names=$(awk '/^\.SH SYSFS/ { sys = 1 } /^\.SH / && !/SYSFS/ { sys = 0 }
	sys && /^\.B stat$/ { on = 1 } on && /^\.RE/ { on = 0 }
	on && prev ~ /^[0-9]+$/ && $1 == ".I" { printf "%s ", $2 }
	{ prev = $0 }' "$top/man/swapnet.4")
if [ "${man_names% }" = "${kmod_names[*]}" ]; then
	ok "swapnet(4) lists the same columns"
else
	fail "swapnet(4)'s stat columns (SYSFS): '${man_names% }', sysfs.c: '${kmod_names[*]}'"
fi

# --- the helpers, under busybox sh ----------------------------------------
# lib.sh with its fixed paths moved into $tmp
mkdir -p "$tmp/sys/block/swapnet0/swapnet" "$tmp/sys/block/swapnet1/swapnet"
sed -e "s|/sys/block/|$tmp/sys/block/|g" -e "s|/tmp/lab.failed|$tmp/lab.failed|g" \
	-e "s|/lab/lib.sh|$tmp/lib.sh|g" "$lib" > "$tmp/lib.sh"
f0=$failures
n=${#lib_names[@]}
line=$(seq 101 $((100 + n)) | tr '\n' ' ')
echo "${line% }" > "$tmp/sys/block/swapnet0/swapnet/stat"
echo "1 2 3" > "$tmp/sys/block/swapnet1/swapnet/stat"
echo OK > "$tmp/sys/block/swapnet0/swapnet/state"
bb() {	# bb SCRIPT: run SCRIPT in busybox sh with lib.sh sourced
	LAB_SCENARIO=t LAB_CLIENTS=1 KVER=test busybox sh -c ". '$tmp/lib.sh'; $1"
}
i=0
for f in "${lib_names[@]}"; do
	i=$((i + 1))
	got=$(bb "lab_swapnet_stat swapnet0 $f")
	[ "$got" = $((100 + i)) ] || fail "lab_swapnet_stat swapnet0 $f: '$got', want $((100 + i))"
done
got=$(bb "lab_swapnet_stat /dev/swapnet0 ${lib_names[n - 1]}")
[ "$got" = $((100 + n)) ] || fail "lab_swapnet_stat /dev/swapnet0: '$got'"
out=$(bb "lab_swapnet_stat swapnet0 nosuch" 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"unknown field 'nosuch'"* ]] || fail "unknown field: rc $rc, '$out'"
out=$(bb "lab_swapnet_stat swapnet9 reads" 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"no stat file"* ]] || fail "missing device: rc $rc, '$out'"
out=$(bb "lab_swapnet_stat swapnet1 reads" 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"has 3 columns, lib.sh names $n"* ]] || fail "short stat line: rc $rc, '$out'"
bb "lab_state_is swapnet0 OK && ! lab_state_is swapnet0 FAILED" || fail "lab_state_is"
[ $failures = "$f0" ] && ok "lab_swapnet_stat by name, and its errors"
f0=$failures

got=$(bb "lab_vmstat nr_free_pages")
[[ $got =~ ^[0-9]+$ ]] || fail "lab_vmstat nr_free_pages: '$got'"
out=$(bb "lab_vmstat no_such_key" 2> "$tmp/err"); rc=$?
[ $rc = 1 ] && [ "$out" = 0 ] && grep -q "no 'no_such_key' in /proc/vmstat" "$tmp/err" ||
	fail "lab_vmstat of a missing key: rc $rc, '$out', $(cat "$tmp/err")"

t0=$(date +%s%N)
bb "lab_wait 1 false"; rc=$?
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
[ $rc = 1 ] && [ $ms -ge 900 ] && [ $ms -lt 3000 ] || fail "lab_wait 1 false: rc $rc after $ms ms"
bb "n=0; f() { n=\$((n + 1)); [ \$n = 3 ]; }; lab_wait 5 f && [ \$n = 3 ]" || fail "lab_wait: a function that succeeds the third time"
out=$(bb "lab_wait x true" 2>&1); rc=$?
[ $rc = 2 ] || fail "lab_wait x: rc $rc '$out'"
[ $failures = "$f0" ] && ok "lab_vmstat, lab_wait"
f0=$failures

# lab_await: on time, nothing; on timeout a failure and the end
rm -f "$tmp/lab.failed"
out=$(bb "lab_await 2 true; echo went-on"); rc=$?
[ $rc = 0 ] && [ "$out" = went-on ] || fail "lab_await 2 true: rc $rc '$out'"
out=$(bb "lab_await 1 test -e $tmp/nosuch; echo not-reached"); rc=$?
[ $rc = 1 ] && [ "$out" = "t: FAIL: timed out after 1 s waiting for: test -e $tmp/nosuch
t: 1 check(s) failed" ] || fail "lab_await on timeout: rc $rc '$out'"
rm -f "$tmp/lab.failed"

# lab_netstat: /proc/net/netstat and /proc/net/snmp by name; lab_ifstat
got=$(bb "lab_netstat Udp InDatagrams"); want=$(awk '$1 == "Udp:" && $2 ~ /^[0-9]/ { print $2 }' /proc/net/snmp)
[ -n "$want" ] && [ "$got" = "$want" ] || fail "lab_netstat Udp InDatagrams: '$got', want '$want'"
got=$(bb "lab_netstat TcpExt TCPTimeouts")
[[ $got =~ ^[0-9]+$ ]] || fail "lab_netstat TcpExt TCPTimeouts: '$got'"
out=$(bb "lab_netstat TcpExt NoSuchCounter" 2> "$tmp/err"); rc=$?
[ $rc = 1 ] && [ "$out" = 0 ] && grep -q "no 'TcpExt NoSuchCounter'" "$tmp/err" ||
	fail "lab_netstat of a missing counter: rc $rc, '$out', $(cat "$tmp/err")"
got=$(bb "lab_ifstat lo rx_bytes")
[[ $got =~ ^[0-9]+$ ]] || fail "lab_ifstat lo rx_bytes: '$got'"
out=$(bb "lab_ifstat nosuch0 rx_bytes" 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"no statistics/rx_bytes for 'nosuch0'"* ]] || fail "lab_ifstat of a missing interface: rc $rc '$out'"
[ "$(bb "lab_zswap_stat no_such_counter")" = 0 ] || fail "lab_zswap_stat of a missing counter is not 0"

# lab_swapnet_attr
echo "server down" > "$tmp/sys/block/swapnet0/swapnet/reason"
[ "$(bb "lab_swapnet_attr /dev/swapnet0 reason")" = "server down" ] || fail "lab_swapnet_attr /dev/swapnet0 reason"
out=$(bb "lab_swapnet_attr swapnet0 nosuch" 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"no swapnet/nosuch for 'swapnet0'"* ]] || fail "lab_swapnet_attr of a missing file: rc $rc '$out'"

# lab_link_down / lab_link_up: the request, then the wait for ping
# (lab_link and ping stubbed: $tmp/up is the server answering)
rm -f "$tmp/up"
stub="lab_link() { echo \"link \$1\" >> $tmp/link.log; [ \$1 = on ] && touch $tmp/up; [ \$1 = off ] && rm -f $tmp/up; return 0; }
	ping() { [ -e $tmp/up ]; }"
: > "$tmp/link.log"
bb "$stub; touch $tmp/up; lab_link_down && ! lab_server_answers && lab_link_up && lab_server_answers" ||
	fail "lab_link_down, lab_link_up"
[ "$(cat "$tmp/link.log")" = $'link off\nlink on' ] || fail "lab_link_down, lab_link_up sent: $(cat "$tmp/link.log")"
t0=$(date +%s)
out=$(bb "$stub; lab_link() { :; }; touch $tmp/up; lab_link_down 2" 2>&1); rc=$?
t1=$(date +%s)
[ $rc = 1 ] && [[ $out == *"still answers 2 s after"* ]] && [ $((t1 - t0)) -ge 1 ] ||
	fail "lab_link_down with a server that still answers: rc $rc after $((t1 - t0)) s, '$out'"
[ $failures = "$f0" ] && ok "lab_await, lab_netstat, lab_ifstat, lab_zswap_stat, lab_swapnet_attr, lab_link_down/up"
f0=$failures

# the bench round loop: peers on and off in order, the round function
# with PEER and ROUND, a peer that does not come up, a wedge
rm -f "$tmp/lab.failed"
bench="lab_peer_on() { echo \"on \$1 \$2\"; [ \$1 != bad ]; }
	lab_peer_off() { echo \"off \$1\"; }
	lab_log() { :; }
	r() { echo \"round \$1 \$2\"; [ \$1 != wedge ]; }"
out=$(bb "$bench; lab_bench_rounds b nfs://s/f r nbd bad swapnet; echo rc=\$?; lab_exit"); rc=$?
want='on nbd nfs://s/f
round nbd 1
off nbd
on bad nfs://s/f
b: run peer=bad round=2 result=FAIL status=swapon-failed
t: FAIL: round 2: bad: swapon failed
on swapnet nfs://s/f
round swapnet 3
off swapnet
rc=0
t: 1 check(s) failed'
[ $rc = 1 ] && [ "$out" = "$want" ] || fail "lab_bench_rounds: rc $rc:"$'\n'"$out"
rm -f "$tmp/lab.failed"
# a wedge: the swapoff in a shell of its own (lib.sh sourced again),
# bounded; after it the next round
mkdir -p "$tmp/bin"
printf '#!/bin/sh\necho "(own shell) swapnetctl $*"\n' > "$tmp/bin/swapnetctl"
chmod +x "$tmp/bin/swapnetctl"
out=$(PATH=$tmp/bin:$PATH bb "$bench; r() { echo \"round \$1 \$2\"; [ \$1 != swapnet ]; }
	LAB_PEER_DEV=/dev/swapnet7; lab_bench_rounds b u r swapnet nbd; echo rc=\$?; lab_exit" 2>&1); rc=$?
want='on swapnet u
round swapnet 1
(own shell) swapnetctl swapoff /dev/swapnet7
on nbd u
round nbd 2
off nbd
rc=0
t: PASS'
[ $rc = 0 ] && [ "$out" = "$want" ] || fail "lab_bench_rounds with a wedge: rc $rc:"$'\n'"$out"

# lab_bench_result: the lines relabelled, status 0 and 2 pass
rm -f "$tmp/lab.failed"
printf '%s\n' 'faultlat: cdf 1 2 3' 'faultlat: ccdf 4 5' 'faultlat: result=PASS x=1' > "$tmp/w.out"
out=$(bb "lab_bench_result b p 3 2 $tmp/w.out; lab_exit"); rc=$?
want='faultlat: cdf 1 2 3
faultlat: ccdf 4 5
faultlat: result=PASS x=1
b: cdf peer=p round=3 1 2 3
b: ccdf peer=p round=3 4 5
b: run peer=p round=3 status=2 result=PASS x=1
t: PASS'
[ $rc = 0 ] && [ "$out" = "$want" ] || fail "lab_bench_result: rc $rc:"$'\n'"$out"
rm -f "$tmp/lab.failed"
echo 'memload: result=FAIL mismatches=1' > "$tmp/w.out"
out=$(bb "lab_bench_result b p 1 1 $tmp/w.out; lab_exit"); rc=$?
[ $rc = 1 ] && [[ $out == *"b: run peer=p round=1 status=1 result=FAIL"*"t: FAIL: round 1: p: the workload exited with status 1"* ]] ||
	fail "lab_bench_result of a mismatch: rc $rc '$out'"
rm -f "$tmp/lab.failed"
: > "$tmp/w.out"
out=$(bb "lab_bench_result b p 1 0 $tmp/w.out; lab_exit"); rc=$?
[ $rc = 1 ] && [[ $out == *"no result line"* ]] || fail "lab_bench_result without a result line: rc $rc '$out'"
# lab_host_cpu: one "cpu TAG" request to the host; a tag with other
# characters is refused
out=$(bb "lab_ctl() { echo \"ctl \$*\"; }; lab_host_cpu l1.r2.nbd-nowbt.start; echo rc=\$?
	lab_host_cpu 'a b'; echo rc=\$?; lab_host_cpu ''; echo rc=\$?" 2>&1)
want="ctl cpu l1.r2.nbd-nowbt.start
rc=0
lab_host_cpu: a tag of letters, digits, . _ -, got 'a b'
rc=2
lab_host_cpu: a tag of letters, digits, . _ -, got ''
rc=2"
[ "$out" = "$want" ] || fail "lab_host_cpu:"$'\n'"$out"
[ $failures = "$f0" ] && ok "lab_bench_rounds, lab_bench_result, lab_host_cpu"
f0=$failures

rm -f "$tmp/lab.failed"
out=$(bb "lab_exit"); rc=$?
[ $rc = 0 ] && [ "$out" = "t: PASS" ] || fail "lab_exit without failures: rc $rc '$out'"
out=$(bb "lab_fail one; (lab_fail two); echo after; lab_exit; echo not-reached"); rc=$?
want=$'t: FAIL: one\nt: FAIL: two\nafter\nt: 2 check(s) failed'
[ $rc = 1 ] && [ "$out" = "$want" ] || fail "lab_fail, lab_exit: rc $rc '$out'"
rm -f "$tmp/lab.failed"
out=$(LAB_HOSTNAME=client2 bb "LAB_CLIENTS=2; lab_fail x; lab_exit"); rc=$?
[[ $rc = 1 && $out == "t: client2: FAIL: x"* ]] || fail "lab_fail with two clients: rc $rc '$out'"
[ $failures = "$f0" ] && ok "lab_fail, lab_exit"
f0=$failures

# --- shellcheck -------------------------------------------------------------
# lib.sh and the host tests (this one included).
if out=$(shellcheck "$lib" "$top"/tests/host/*.sh 2>&1); then
	ok "shellcheck lib.sh tests/host/*.sh"
else
	fail "shellcheck:"; echo "$out"
fi

# Every scenario says which shell it is for and has no warning; the
# lab's own helpers are used: no private fail(), col(), vm(), net(),
# now(), state(), wait_for() and the like, no column number of
# swapnet/stat, no direct read of /proc/vmstat, /proc/uptime or
# /proc/net/{netstat,snmp} (lab_vmstat, lab_uptime, lab_netstat), no
# hand-rolled wait loop ("until", or a one-line while ... sleep: lab_wait)
# and no verdict of its own: a client scenario ends in lab_exit and has
# no "exit N".  (Style notes are left to the scenario's author: other
# scenarios are being written while this one runs.)
helper_re='^[[:space:]]*(fail|col|vm|vmstat|net|netstat|nb|dv|now|uptime|state|stat|sysv|wait[a-z_]*)[[:space:]]*\(\)'
f0=$failures
for f in "$top"/tests/scenarios/*.sh; do
	n=${f#"$top"/}
	grep -q '^# shellcheck shell=sh' "$f" || fail "$n: no '# shellcheck shell=sh' line"
	if grep -nE "$helper_re" "$f"; then
		fail "$n defines its own fail/wait/stat helper: use lib.sh's (lab_fail, lab_wait, lab_vmstat, lab_swapnet_stat, ...)"
	fi
	# awk or cut as a command (not the word in a message) on swapnet/stat
	if grep -nE '(^|[|;&({`])[[:space:]]*(awk|cut)[[:space:]].*/swapnet/stat' "$f"; then
		fail "$n reads swapnet/stat by column number: use lab_swapnet_stat DEV FIELD"
	fi
	if grep -vE '^[[:space:]]*#' "$f" | grep -nE '/proc/(vmstat|uptime|net/netstat|net/snmp)'; then
		fail "$n reads /proc/vmstat, /proc/uptime or /proc/net itself: use lab_vmstat, lab_uptime, lab_netstat"
	fi
	# the rest is for the client's part (the server's has no lib.sh verdicts)
	case $n in *.server.sh) continue ;; esac
	# code only: comments and double-quoted strings out
	code=$(grep -vE '^[[:space:]]*#' "$f" | sed 's/"[^"]*"//g')
	if grep -nE '(^|[;&|[:space:]])until[[:space:]]|while .*sleep' <<< "$code"; then
		fail "$n has a hand-rolled wait loop: use lab_wait SECS CMD (or lab_await)"
	fi
	grep -qE '^[[:space:]]*lab_exit[[:space:]]*$' "$f" || fail "$n does not end in lab_exit"
	# a shell exit ends its command with ";" or the line (awk's "exit 1 }" does not)
	if grep -nE '(^|[;{&|][[:space:]]*)exit([[:space:]]+[^[:space:];]+)?[[:space:]]*(;|$)' <<< "$code"; then
		fail "$n exits with a verdict of its own: lab_fail MSG, then lab_exit"
	fi
done
if ! out=$(cd "$top/tests/scenarios" && shellcheck -x -S warning ./*.sh 2>&1); then
	fail "shellcheck -S warning tests/scenarios:"; echo "$out"
fi
[ $failures = "$f0" ] && ok "scenarios: shell=sh, shellcheck -S warning, the lab's helpers"

[ $failures = 0 ] && echo "lab-lib.sh: PASS" && exit 0
echo "lab-lib.sh: $failures failure(s)"
exit 1

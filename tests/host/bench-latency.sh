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
#   - tests/scenarios/bench-latency.sh under busybox sh with stubbed
#     peers and a fake faultlat: the phases (idle, max, paced at each
#     level of the slowest peer's maximum), the order, the arguments,
#     the queue lines, LAB_ARGS errors and the short mode
# Needs python3 (stdlib only) and busybox.  ~3 s.
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

# The scenario's phases under busybox sh, with lib.sh's real round loop
# and stubs for what needs a guest (peers, faultlat: a fake that logs its
# arguments and reports a maximum per peer); every fixed path moved into
# $tmp (nothing on this host is touched).
mkdir -p "$tmp/bin" "$tmp/t" "$tmp/sys/block/nbd0/queue" "$tmp/sys/block/swapnet0/queue"
for d in nbd0:mq-deadline:2000:256 swapnet0:none:0:8; do
	IFS=: read -r dev sch wbt nr <<< "$d"
	echo "none [$sch]" > "$tmp/sys/block/$dev/queue/scheduler"
	echo "$wbt" > "$tmp/sys/block/$dev/queue/wbt_lat_usec"
	echo "$nr" > "$tmp/sys/block/$dev/queue/nr_requests"
done
sed -e "s|/tmp/|$tmp/t/|g" -e "s|/sys/block/|$tmp/sys/block/|g" "$top/tests/lab/guest/lib.sh" > "$tmp/lib.sh"
cat > "$tmp/stubs.sh" <<'STUBS'
lab_peers_setup() { :; }
lab_peer_on() { case $1 in swapnet*) LAB_PEER_DEV=/dev/swapnet0 ;; esac; }
lab_peer_off() { :; }
lab_log() { :; }
lab_swapnet_attr() { echo 4; }
rmmod() { :; }
STUBS
cat > "$tmp/bin/faultlat" <<'FAKE'
#!/bin/sh
echo "$*" >> "$FAKE_LOG"
label=x pace=0
while [ $# -gt 0 ]; do
	case $1 in -L) label=$2; shift ;; -P) pace=$2; shift ;; esac
	shift
done
case $label in max_nbd*) w=3000 ;; max_nfs*) w=1500 ;; max_swapnet*) w=3600 ;; *) w=$pace ;; esac
# idle rounds: FAKE_REAL of the 10 timed faults read the device (pswpin moved)
case $label in idle_*) real=${FAKE_REAL:-10} ;; *) real=0 ;; esac
echo "faultlat: result=PASS faults=10 p99_us=5 pace_pps=$pace writer_pps=$w pace_lag_s=0.00 label=$label mismatches=0 real=$real"
FAKE
chmod +x "$tmp/bin/faultlat"
sed -e "s|/tmp/|$tmp/t/|g" -e "s|^\. /lab/lib.sh|. $tmp/lib.sh; . $tmp/stubs.sh|" \
	-e "s|/sys/block/|$tmp/sys/block/|g" -e "s|/proc/sys/kernel/hung_task_timeout_secs|$tmp/hung|" \
	-e "s|/dev/ttyS1|$tmp/ttyS1|g" -e "s|pkill |: pkill |" \
	"$top/tests/scenarios/bench-latency.sh" > "$tmp/scen.sh"
scen() {	# scen LAB_ARGS [FAKE_REAL]: the scenario's output and status
	rm -f "$tmp/t/lab.failed" "$tmp/faultlat.log"
	PATH=$tmp/bin:$PATH FAKE_LOG=$tmp/faultlat.log FAKE_REAL=${2:-10} LAB_SCENARIO=bench-latency LAB_ARGS=$1 \
		SERVER_IP=10.0.0.1 sh -c 'cd "$1" && busybox sh "$2"' sh "$tmp/t" "$tmp/scen.sh" 2>&1
}
out=$(scen 'peers=nbd,nfs-nc2,swapnet levels=0.5,0.8 rounds=2'); rc=$?
want_calls="-d 10 -s 1 -b nbd0 -i eth0 -L idle_nbd_r1 -H $tmp/ttyS1 -p 0 -m 8 -R 50 -X
-d 20 -s 1 -b nbd0 -i eth0 -L max_nbd_r1 -H $tmp/ttyS1 -p 2 -w WMIB -R 0
-d 10 -s 2 -b nfs -i eth0 -L idle_nfs-nc2_r2 -H $tmp/ttyS1 -p 0 -m 8 -R 50 -X
-d 20 -s 2 -b nfs -i eth0 -L max_nfs-nc2_r2 -H $tmp/ttyS1 -p 2 -w WMIB -R 0
-d 10 -s 3 -b swapnet0 -i eth0 -L idle_swapnet_r3 -H $tmp/ttyS1 -p 0 -m 8 -R 50 -X
-d 20 -s 3 -b swapnet0 -i eth0 -L max_swapnet_r3 -H $tmp/ttyS1 -p 2 -w WMIB -R 0"
for l in 50:750 80:1200; do
	n=0
	for p in nbd nfs-nc2 swapnet swapnet nfs-nc2 nbd; do
		n=$((n + 1))
		case $p in nbd) dev=nbd0 ;; nfs-nc2) dev=nfs ;; *) dev=swapnet0 ;; esac
		want_calls="$want_calls
-d 30 -s $n -b $dev -i eth0 -L p${l%:*}_${p}_r$n -H $tmp/ttyS1 -p 2 -w WMIB -m 8 -R 50 -P ${l#*:}"
	done
done
calls=$(sed -E 's/-w [0-9]+ /-w WMIB /' "$tmp/faultlat.log" 2>/dev/null)
if [ $rc = 0 ] && [[ $out == *"bench-latency: PASS"* ]] &&
   [[ $out == *"bench-latency: max slowest=nfs-nc2 writer_pps=1500 all=nbd:3000,nfs-nc2:1500,swapnet:3600"* ]] &&
   [[ $out == *"bench-latency: level level=0.5 pct=50 pace_pps=750 of_max_pps=1500"* ]] &&
   [[ $out == *"bench-latency: level level=0.8 pct=80 pace_pps=1200 of_max_pps=1500"* ]] &&
   [[ $out == *"bench-latency: queue peer=nbd label=idle_nbd_r1 dev=nbd0 scheduler=mq-deadline wbt_lat_usec=2000 nr_requests=256 queue_depth=none"* ]] &&
   [[ $out == *"bench-latency: queue peer=swapnet label=p80_swapnet_r4 dev=swapnet0 scheduler=none wbt_lat_usec=0 nr_requests=8 queue_depth=4"* ]] &&
   [[ $out == *"bench-latency: run peer=nfs-nc2 round=5 status=0 result=PASS"*"label=p80_nfs-nc2_r5"* ]] &&
   [ "$calls" = "$want_calls" ]; then
	ok "scenario: idle and max per peer, the slowest's maximum paced at 0.5 and 0.8, rounds in palindrome order"
else
	fail "scenario phases: status $rc:"$'\n'"$out"$'\n'"faultlat calls:"$'\n'"$calls"
fi
for a in 'bogus=1' 'levels=1.5' 'rounds=0'; do
	out=$(scen "$a"); rc=$?
	if [ $rc != 1 ] || [[ $out != *"bench-latency: FAIL: LAB_ARGS: "* ]] || [ -s "$tmp/faultlat.log" ]; then
		fail "scenario with LAB_ARGS='$a': status $rc, '$out'"
	fi
done
out=$(scen short); rc=$?
if [ $rc != 0 ] || [[ $out != *"secs=15 maxsecs=10 idlesecs=5 levels=0.5 rounds=1 mode=short peers=nbd,swapnet "* ]] ||
   [ "$(grep -c -- '-P ' "$tmp/faultlat.log")" != 2 ]; then
	fail "scenario short: status $rc:"$'\n'"$out"
fi
[ $failures = 0 ] && ok "scenario: bad LAB_ARGS fail before any round; short is nbd and swapnet, 2 paced rounds"
# an idle fault that read nothing from the device is no unloaded fault
# time: a failure for a block peer, a note for the NFS swapfile (it
# counts pswpin after the fault may have returned)
out=$(scen 'peers=nfs,swapnet levels=0.5 rounds=1' 7); rc=$?
if [ $rc = 1 ] && [[ $out == *"bench-latency: FAIL: round 2: idle: swapnet: 7 of 10 timed faults read the device"* ]] &&
   [[ $out == *"bench-latency: note round=1 peer=nfs idle: nfs: 7 of 10 timed faults read the device"* ]] &&
   [[ $out != *"FAIL: round 1"* ]]; then
	ok "scenario: idle rounds must time faults that each read the device (-X)"
else
	fail "scenario with idle faults that read nothing: status $rc:"$'\n'"$out"
fi

[ $failures = 0 ] && echo "bench-latency.sh: PASS" && exit 0
echo "bench-latency.sh: $failures failure(s)"
exit 1

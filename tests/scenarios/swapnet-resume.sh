# swapnet: swap I/O resumes within 5 s of the server being reachable
# again, whatever the outage's length (issue 21, item 5).  The device has
# the default options (timeo 60 s, retrans 2: NOT RESPONDING after 180 s
# without a reply).  For each cut length in LAB_ARGS (seconds, in order;
# default "30 180"): a verifying swap workload (2 processes, 1.0 x
# MemTotal, every page read back) runs, the host pulls the cable once
# swap-in (the workload reading its pages back) is in full flow and plugs
# it back after that many seconds, and a watch (lab_watch_start, 0.1 s
# samples) measures from the link's return (the client's carrier) to the
# first request the device completes after it.  Cut during swap-in, the
# server's READ replies are what the network loses and the client has
# nothing of its own to resend: the server's TCP backoff decides when the
# replies come (the case of issue 21: 46 s after a 3 min cut).
# Fails if that is over 5 s, if nothing was waiting for the link, if a
# request completed while the cable was out, if the workload found a
# wrong page or failed, or if a request failed.  About 7 min for both
# cuts (6.1, TCG: 423 s).
# Measured (2026-12-07, module of b3313a1 and later): 6.1 I/O back
# 0.6 s after a 30 s cut and 1.1 s after a 3 min cut, 6.12 1.0 s and
# 0.3 s (335 s in all; the issue saw 46 s after 3 min before b3313a1).  Not run on the code before b3313a1 in
# the lab (the 46 s are the issue's, by hand).
# The sampler (linkwatch, locked in memory, started and READY before the
# workload) sampled through both cuts: 0.1 s between its last sample
# with the cable out and its first with it back.  In make check-full
# (7 min: too long for make check), on the primary kernel.
# lab-suite: full
# lab-timeout: 1200
# lab-bins: tests/workloads/linkwatch
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
/usr/sbin/modprobe swapnet
limit=5
cuts=${LAB_ARGS:-30 180}
for c in $cuts; do
	case $c in ''|*[!0-9]*) lab_fail "LAB_ARGS: cut lengths in seconds, got '$c'"; lab_exit ;; esac
done
longest=0
for c in $cuts; do [ "$c" -le "$longest" ] || longest=$c; done
# A swap-in waits out the whole cut: no hung-task report for that (a wait
# well past the link's return still gets one).
hung=$((longest + 60))
[ "$hung" -ge 120 ] || hung=120
echo "$hung" > /proc/sys/kernel/hung_task_timeout_secs

# The transport's connection events, for the record (lab_watch_diag has
# the sockets and tasks every second).
tr=/sys/kernel/debug/tracing
if [ -d "$tr/events/sunrpc" ]; then
	echo 256 > "$tr/buffer_size_kb"
	for e in sunrpc/rpc_socket_state_change sunrpc/rpc_socket_connect \
		sunrpc/rpc_socket_error sunrpc/rpc_socket_close \
		sunrpc/rpc_socket_shutdown sunrpc/rpc_socket_reset_connection \
		sunrpc/xprt_connect sunrpc/xprt_disconnect_auto \
		sunrpc/xprt_disconnect_force sunrpc/rpc_connect_status \
		sock/inet_sock_set_state tcp/tcp_retransmit_skb; do
		[ -e "$tr/events/$e/enable" ] && echo 1 > "$tr/events/$e/enable"
	done
	echo 1 > "$tr/tracing_on"
fi

dev=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile")
lab_log "swapon $dev (default timeo and retrans)"

set +e
for c in $cuts; do
	lab_watch_start "$dev" || lab_fail "no watch"
	memload -p 2 -r 1.0 -f 0.125 &
	load=$!
	in0=$(lab_vmstat pswpin)
	swapping_in() { [ $(($(lab_vmstat pswpin) - in0)) -ge 3000 ]; }
	lab_wait 240 swapping_in || lab_log "swap-in slow: cutting anyway"
	since=$(lab_uptime)
	lab_cut_link "$c"
	wait $load
	lrc=$?
	lab_log "memload exited with status $lrc"
	[ $lrc = 0 ] || lab_fail "${c}s cut: memload exited with status $lrc"
	lab_watch_stop || lab_fail "${c}s cut: the watch failed"
	if r=$(lab_resume_delay "$since"); then
		# shellcheck disable=SC2086 # the measure's words
		set -- $r
		echo "swapnet-resume: cut=${c}s resume_delay=${1}s outage=${2}s sampling=${3}s pending=$4 completed_during_cut=$5"
		lab_watch_diag "$(awk -v u="$6" 'BEGIN { print u - 4 }')" \
			"$(awk -v u="$6" -v d="$1" 'BEGIN { print u + d + 2 }')"
		awk -v d="$1" -v l="$limit" 'BEGIN { exit !(d <= l) }' ||
			lab_fail "${c}s cut: I/O resumed ${1}s after the link came back (limit ${limit}s)"
		[ "$4" -gt 0 ] || lab_fail "${c}s cut: no RPC was waiting when the link came back"
		[ "$5" = 0 ] || lab_fail "${c}s cut: $5 requests completed while the cable was out"
		awk -v o="$2" -v c="$c" 'BEGIN { exit !(o >= c - 2 && o <= c + 3) }' ||
			lab_fail "${c}s cut: the carrier was down ${2}s"
	else
		lab_fail "${c}s cut: no measure (see above)"
	fi
	echo "swapnet-resume: stat after the ${c}s pull: $(cat "/sys/block/${dev#/dev/}/swapnet/stat")"
done
set -e

if [ -d "$tr/events/sunrpc" ]; then
	echo 0 > "$tr/tracing_on"
	grep -v "^#" "$tr/trace" | tail -n 400
fi
dmesg | grep 'swapnet0' || true
errors=$(lab_swapnet_stat "$dev" errors)
[ "$errors" = 0 ] || lab_fail "$errors requests failed"
lab_state_is "$dev" OK || lab_fail "the device is $(lab_swapnet_state "$dev"), not OK"
swapnetctl swapoff "$dev" || lab_fail "swapoff failed"
rmmod swapnet || lab_fail "rmmod failed"
lab_exit

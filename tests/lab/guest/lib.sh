# shellcheck shell=sh disable=SC3043 # busybox ash has local
# Helpers for lab scenarios: `. /lab/lib.sh` (busybox sh).
# See tests/lab/CONTRACT.md; requests to the host go over the control port
# /dev/ttyS1, one line each.

# lab_log MSG...: timestamped line on the console (seconds since boot).
lab_log() {
	local up
	read -r up _ < /proc/uptime
	echo "[lab $up] $*" > /dev/console
}

# lab_ctl MSG...: one line to the host.
lab_ctl() {
	echo "$*" > /dev/ttyS1
}

# lab_host_cpu TAG: the host samples each QEMU's host CPU seconds now and
# writes "host_cpu_s mark=TAG server=S client=C" into the run's result
# (within ~0.5 s: the benches' CPU per page counts the server guest too).
# TAG: letters, digits and . _ - only.
lab_host_cpu() {
	case $1 in ''|*[!A-Za-z0-9._-]*) echo "lab_host_cpu: a tag of letters, digits, . _ -, got '$1'" >&2; return 2 ;; esac
	lab_ctl "cpu $1"
}

# lab_cut_link SECONDS: the host pulls the virtual cable (both ends) now and
# plugs it back after SECONDS.  Returns at once; the cut is done by the host
# (never from in here: this shell may be swapped out to the dead device).
lab_cut_link() {
	case $1 in ''|*[!0-9]*) echo "lab_cut_link: need whole seconds, got '$1'" >&2; return 2 ;; esac
	lab_log "lab: requesting a ${1}s cable pull"
	lab_ctl "cut $1"
}

# lab_link off|on: pull or plug the cable until told otherwise.
lab_link() {
	case $1 in on|off) ;; *) echo "lab_link: off or on, got '$1'" >&2; return 2 ;; esac
	lab_log "lab: requesting link $1"
	lab_ctl "link $1"
}

# lab_server_answers: true if the server answers a ping within 1 s;
# lab_server_silent: true if it does not.
lab_server_answers() {
	ping -c 1 -W 1 "$SERVER_IP" > /dev/null 2>&1
}

lab_server_silent() {
	! lab_server_answers
}

# lab_link_down [SECS] / lab_link_up [SECS]: lab_link off / on, then wait
# (SECS, default 10) until the server no longer answers / answers again
# (the host acts on a request within about half a second, and a stale
# neighbour entry can hold the first packets after the plug).  Status 1,
# with a line on stderr, if it did not happen in time.
# shellcheck disable=SC2120 # SECS is optional
lab_link_down() {
	lab_link off
	lab_wait "${1:-10}" lab_server_silent && return 0
	echo "lab_link_down: the server still answers ${1:-10} s after the cable pull" >&2
	return 1
}

# shellcheck disable=SC2120 # SECS is optional
lab_link_up() {
	lab_link on
	lab_wait "${1:-10}" lab_server_answers && return 0
	echo "lab_link_up: the server does not answer ${1:-10} s after the plug" >&2
	return 1
}

# lab_reset_server: hard reset of the server guest (QEMU system_reset).  It
# boots again, redoes its setup and reruns NAME.server.sh.  A tmpfs export
# is empty afterwards; use "lab-server-export: disk" to keep it.
lab_reset_server() {
	lab_log "lab: requesting a server reset"
	lab_ctl "reset server"
}

# lab-servers: 2.  lab_cut_link2 SECONDS / lab_link2 off|on: the cable
# between this client and server2 (eth1), as lab_cut_link / lab_link.
lab_cut_link2() {
	case $1 in ''|*[!0-9]*) echo "lab_cut_link2: need whole seconds, got '$1'" >&2; return 2 ;; esac
	lab_log "lab: requesting a ${1}s pull of server2's cable"
	lab_ctl "cut2 $1"
}
lab_link2() {
	case $1 in on|off) ;; *) echo "lab_link2: off or on, got '$1'" >&2; return 2 ;; esac
	lab_log "lab: requesting server2's link $1"
	lab_ctl "link2 $1"
}

# lab_server2 stop [SECONDS]|cont|reset|off: server2's power, from the
# host's QEMU monitor.  stop freezes it (no reply, no RST: a node whose
# power was cut, as the network sees it), for SECONDS if given (the host
# then lets it go on: the shell asking may itself be swapped out to
# server2 meanwhile, so never stop it and sleep); cont lets it go on
# where it was; reset boots it cold (also after stop: setup and
# NAME.server.sh again, a tmpfs export empty, a disk export kept); off
# ends its QEMU for good.  Returns at once.
lab_server2() {
	case $1 in stop|cont|reset|off) ;; *) echo "lab_server2: stop, cont, reset or off, got '$1'" >&2; return 2 ;; esac
	case $1:${2:-} in
	stop:) ;; stop:*[!0-9]*) echo "lab_server2: stop wants whole seconds, got '$2'" >&2; return 2 ;;
	stop:*) ;; *:) ;; *) echo "lab_server2: only stop takes seconds" >&2; return 2 ;;
	esac
	lab_log "lab: requesting server2 $*"
	lab_ctl "server2 $*"
}

# lab_meminfo: one line with the memory numbers scenarios size from.
lab_meminfo() {
	awk '/^(MemTotal|MemFree|MemAvailable|SwapTotal|SwapFree):/ {printf "%s %d MiB  ", $1, $2/1024} END {print ""}' /proc/meminfo
}

# lab_memload NAME [MEMLOAD-ARGS...]: run memload (output on the console
# and in /tmp/memload.out) and check that it really swapped: status is
# memload's, or 1 if it verified but pswpout or pswpin stayed 0 (a workload
# that fits in RAM proves nothing about a swap device).
lab_memload() {
	local name="$1" rc pout pin
	shift
	{ memload "$@"; echo $? > /tmp/memload.rc; } 2>&1 | tee /tmp/memload.out
	rc=$(cat /tmp/memload.rc)
	pout=$(sed -n 's/^memload: result=.* pswpout=\([0-9-]*\).*/\1/p' /tmp/memload.out | tail -n 1)
	pin=$(sed -n 's/^memload: result=.* pswpin=\([0-9-]*\).*/\1/p' /tmp/memload.out | tail -n 1)
	if [ "$rc" = 0 ] && { [ "${pout:-0}" -le 0 ] || [ "${pin:-0}" -le 0 ]; }; then
		echo "$name: memload did not swap (pswpout=${pout:-?} pswpin=${pin:-?}): workload too small"
		rc=1
	fi
	return "$rc"
}

# Benches that compare the network-swap peers (bench-swap, bench-pressure,
# bench-latency, bench-fio) set the client up the same way:
# lab_peers_setup loads what every peer needs.  busybox sh runs its own
# depmod applet, which writes no modules.dep.bin, hence /usr/sbin/depmod.
# 16 SUNRPC slots per transport are global, so native NFS gets them too
# (its slot table also grows on demand): swapnet needs them for 16
# requests in flight.
lab_peers_setup() {
	/usr/sbin/depmod -a
	/usr/sbin/modprobe sunrpc
	echo 16 > /sys/module/sunrpc/parameters/tcp_slot_table_entries
	/usr/sbin/modprobe nbd
	/usr/sbin/modprobe swapnet
	mkdir -p /mnt/nfs
}

# lab_peer_on PEER URL / lab_peer_off PEER: PEER as the only active swap
# area.  PEER: nfs (swapfile URL's file through a vers=3,proto=tcp,hard
# mount of /export), nfs-nc2 (the same with nconnect=2: two TCP
# connections), nbd (nbd-client -swap, export "swap"), nbd-nowbt (nbd
# with writeback throttling off, wbt_lat_usec 0; its off puts the
# kernel's default back, -1), swapnet
# (swapnetctl swapon --mkswap URL) with optional suffixes, in this order:
# -qN (the module reloaded with queue_depth=N; a peer without -qN reloads
# it without the parameter after one with), -rN (--rsize and --wsize of
# N KiB: the largest request), -dl (the mq-deadline scheduler, NBD's
# default) and -nv (--no-verify: no checksums), e.g. swapnet-q8-r64-dl,
# swapnet-nv.  The swapnet device is
# left in LAB_PEER_DEV; LAB_PEER_QD is the queue_depth we loaded it with.
lab_peer_on() {
	local depth='' kib='' nv='' rest
	case $1 in
	nfs|nfs-nc2)
		# nolock: the client runs no rpc.statd, and swap takes no locks.
		rest=vers=3,proto=tcp,hard,nolock
		[ "$1" = nfs-nc2 ] && rest=$rest,nconnect=2
		mount -t nfs -o "$rest" "$SERVER_IP:/export" /mnt/nfs &&
			mkswap /mnt/nfs/swapfile >/dev/null && swapon /mnt/nfs/swapfile ;;
	nbd|nbd-nowbt)
		nbd-client "$SERVER_IP" -N swap /dev/nbd0 -swap >/dev/null || return 1
		if [ "$1" = nbd-nowbt ]; then
			echo 0 > /sys/block/nbd0/queue/wbt_lat_usec
			if [ "$(cat /sys/block/nbd0/queue/wbt_lat_usec)" != 0 ]; then
				echo "lab_peer_on: nbd-nowbt: wbt_lat_usec not 0" >&2
				return 1
			fi
		fi
		mkswap /dev/nbd0 >/dev/null && swapon /dev/nbd0 ;;
	swapnet|swapnet-*)
		rest=${1#swapnet}
		case $rest in -q[0-9]*)
			depth=${rest#-q}; depth=${depth%%-*}
			rest=${rest#-q"$depth"} ;;
		esac
		case $rest in -r[0-9]*)
			kib=${rest#-r}; kib=${kib%%-*}
			rest=${rest#-r"$kib"} ;;
		esac
		case $rest in *-nv) nv=--no-verify; rest=${rest%-nv} ;; esac
		case $rest in ''|-dl) ;; *) echo "lab_peer_on: unknown peer '$1'" >&2; return 2 ;; esac
		if [ "$depth" != "${LAB_PEER_QD:-}" ]; then
			/usr/sbin/rmmod swapnet 2>/dev/null
			/usr/sbin/modprobe swapnet ${depth:+queue_depth="$depth"} || return 1
			LAB_PEER_QD=$depth
		fi
		LAB_PEER_DEV=$(swapnetctl swapon "$2" --mkswap $nv \
			${kib:+--rsize $((kib * 1024)) --wsize $((kib * 1024))}) || return 1
		if [ "$rest" = -dl ]; then
			echo mq-deadline > "/sys/block/${LAB_PEER_DEV##*/}/queue/scheduler" || return 1
		fi ;;
	*)	echo "lab_peer_on: unknown peer '$1'" >&2; return 2 ;;
	esac
}

lab_peer_off() {
	case $1 in
	nfs|nfs-nc2) swapoff /mnt/nfs/swapfile && umount /mnt/nfs ;;
	nbd) swapoff /dev/nbd0 && nbd-client -d /dev/nbd0 >/dev/null ;;
	nbd-nowbt) swapoff /dev/nbd0 && nbd-client -d /dev/nbd0 >/dev/null &&
		echo -1 > /sys/block/nbd0/queue/wbt_lat_usec ;;
	swapnet*) swapnetctl swapoff "$LAB_PEER_DEV" ;;
	*)	echo "lab_peer_off: unknown peer '$1'" >&2; return 2 ;;
	esac
}

# lab_bench_rounds ME URL ROUND PEER...: the benches' round loop.  For
# each PEER in turn (round N = 1, 2, ...): lab_peer_on PEER URL, a
# console line, then the scenario's function ROUND PEER N, then
# lab_peer_off PEER.  A peer that does not come up prints "ME: run
# peer=PEER round=N result=FAIL status=swapon-failed" and fails the
# run; so does a failed swapoff.  ROUND returns 0 when the round ran (its
# verdicts are its own lab_fail calls, lab_bench_result's), 1 when the
# peer wedged: then the swapoff gets 120 s, and if it does not return,
# the rounds after this one are not run (a wedged peer holds the guest).
lab_bench_rounds() {
	local me="$1" url="$2" round_fn="$3" p n=0 rc
	shift 3
	for p; do
		n=$((n + 1))
		if ! lab_peer_on "$p" "$url"; then
			echo "$me: run peer=$p round=$n result=FAIL status=swapon-failed"
			lab_fail "round $n: $p: swapon failed"
			continue
		fi
		lab_log "$me: round $n: $p: $(tr '\n' ' ' < /proc/swaps)"
		"$round_fn" "$p" "$n"
		rc=$?
		if [ $rc = 0 ]; then
			lab_peer_off "$p" || lab_fail "round $n: $p: swapoff failed"
			continue
		fi
		# wedged: a swapoff that may never return, in a shell of its own
		# shellcheck disable=SC2016 # $1 is the inner shell's
		if ! LAB_PEER_DEV=${LAB_PEER_DEV:-} timeout -s KILL 120 \
			sh -c '. /lab/lib.sh; lab_peer_off "$1"' sh "$p"; then
			lab_fail "round $n: $p: no swapoff within 120 s after the wedge: rounds after $n not run"
			return 1
		fi
	done
	return 0
}

# lab_bench_result ME PEER ROUND STATUS FILE: the end of a bench round
# whose workload (memload or faultlat) exited with STATUS and wrote FILE:
# FILE on the console, its "memload: result=..." (or faultlat's) line
# again as "ME: run peer=PEER round=ROUND status=STATUS result=..." and
# faultlat's "cdf" and "ccdf" lines as "ME: cdf peer=PEER round=ROUND ..." (for
# tests/lab/bench-report.sh).  STATUS 0 (verified) and 2 (a process was
# killed, by the OOM killer say: a result, recorded) pass; any other, or
# no result line, is a lab_fail (data).
lab_bench_result() {
	local me="$1" p="$2" n="$3" rc="$4" out="$5" tag
	tag="peer=$p round=$n"
	cat "$out"
	sed -n -e "s/^memload: result=/$me: run $tag status=$rc result=/p" \
		-e "s/^faultlat: result=/$me: run $tag status=$rc result=/p" \
		-e "s/^faultlat: cdf /$me: cdf $tag /p" \
		-e "s/^faultlat: ccdf /$me: ccdf $tag /p" "$out"
	case $rc in
	0|2) ;;
	*) lab_fail "round $n: $p: the workload exited with status $rc" ;;
	esac
	grep -qE '^(memload|faultlat): result=' "$out" ||
		lab_fail "round $n: $p: no result line from the workload"
	return 0
}

# --- Verdicts --------------------------------------------------------------
# lab_fail MSG...: one failed check.  Prints "NAME: FAIL: MSG" (NAME is the
# scenario; "NAME: HOST: FAIL: MSG" with two clients) and marks the run
# failed; the scenario goes on (later checks still report, cleanup still
# runs) and lab_exit turns the mark into its status.  The mark is a file,
# so a lab_fail in a subshell or a pipeline counts too.  To stop at once:
# `lab_fail MSG; lab_exit`.
lab_fail() {
	if [ "${LAB_CLIENTS:-1}" = 2 ]; then
		echo "$LAB_SCENARIO: $LAB_HOSTNAME: FAIL: $*"
	else
		echo "$LAB_SCENARIO: FAIL: $*"
	fi
	echo "$*" >> /tmp/lab.failed
	return 0
}

# lab_failed: true if lab_fail was called.
lab_failed() {
	[ -s /tmp/lab.failed ]
}

# lab_exit: end the scenario: "NAME: PASS" and status 0, or status 1 and
# the number of failed checks if lab_fail was called.
lab_exit() {
	if lab_failed; then
		echo "$LAB_SCENARIO: $(wc -l < /tmp/lab.failed) check(s) failed"
		exit 1
	fi
	echo "$LAB_SCENARIO: PASS"
	exit 0
}

# --- Waiting ---------------------------------------------------------------
# lab_wait SECS CMD [ARGS...]: run CMD every 0.2 s until it succeeds (status
# 0) or SECS seconds have passed.  Status 0 if it succeeded, 1 on timeout.
# CMD is a command or a shell function, e.g.
#   lab_wait 30 lab_state_is swapnet0 OK || lab_fail "not OK after 30 s"
# Time is the guest's uptime, so a slow CMD counts against SECS.
lab_wait() {
	local secs="$1" end
	case $secs in ''|*[!0-9]*) echo "lab_wait: need whole seconds, got '$secs'" >&2; return 2 ;; esac
	shift
	[ $# -gt 0 ] || { echo "lab_wait: no command" >&2; return 2; }
	end=$(( $(lab_uptime_cs) + secs * 100 ))
	while :; do
		"$@" && return 0
		[ "$(lab_uptime_cs)" -lt "$end" ] || return 1
		sleep 0.2
	done
}

# lab_await SECS CMD [ARGS...]: lab_wait, and on timeout a failed check
# that ends the scenario: "timed out after SECS s waiting for: CMD ARGS"
# (lab_fail, then lab_exit).  For the waits a scenario cannot go on
# without, e.g. `lab_await 300 test -e "$S/ready-$other"`.
lab_await() {
	local secs="$1"
	lab_wait "$@" && return 0
	[ $? = 2 ] && { lab_fail "lab_await: bad arguments: $*"; lab_exit; }
	shift
	lab_fail "timed out after $secs s waiting for: $*"
	lab_exit
}

# lab_uptime_cs: the guest's uptime in centiseconds (/proc/uptime has
# two decimals); lab_uptime: in whole seconds.
lab_uptime_cs() {
	local up
	read -r up _ < /proc/uptime
	echo "${up%.*}${up#*.}"
}

lab_uptime() {
	local up
	read -r up _ < /proc/uptime
	echo "${up%.*}"
}

# lab_now: the uptime in centiseconds into LAB_NOW, without a fork (a
# $(...) forks, and under memory pressure a fork waits for memory).
lab_now() {
	local up
	read -r up _ < /proc/uptime
	# shellcheck disable=SC2034 # for the scenario
	LAB_NOW=${up%.*}${up#*.}
}

# --- Counters --------------------------------------------------------------
# lab_vmstat KEY: the value of KEY in /proc/vmstat (e.g. pswpout).  A key
# this kernel does not have prints 0, says so on stderr and returns 1.
lab_vmstat() {
	local v
	v=$(awk -v k="$1" '$1 == k { print $2; exit }' /proc/vmstat)
	if [ -z "$v" ]; then
		echo "lab_vmstat: no '$1' in /proc/vmstat (kernel $KVER)" >&2
		echo 0
		return 1
	fi
	echo "$v"
}

# lab_netstat PREFIX FIELD: a counter of /proc/net/netstat or
# /proc/net/snmp by its line prefix and name (e.g. TcpExt PFMemallocDrop,
# Udp RcvbufErrors).  One this kernel does not have prints 0, says so on
# stderr and returns 1, as lab_vmstat does.
lab_netstat() {
	local v
	v=$(awk -v p="$1:" -v f="$2" '
		$1 == p && !(p in hdr) { hdr[p] = 1; for (i = 2; i <= NF; i++) col[$i] = i; next }
		$1 == p && (f in col) { print $(col[f]); exit }' /proc/net/netstat /proc/net/snmp 2>/dev/null)
	if [ -z "$v" ]; then
		echo "lab_netstat: no '$1 $2' in /proc/net/netstat or /proc/net/snmp (kernel $KVER)" >&2
		echo 0
		return 1
	fi
	echo "$v"
}

# lab_ifstat IFACE FIELD: /sys/class/net/IFACE/statistics/FIELD (tx_bytes,
# rx_dropped, ...); a missing one is an error on stderr, status 2.
lab_ifstat() {
	cat "/sys/class/net/$1/statistics/$2" 2>/dev/null ||
		{ echo "lab_ifstat: no statistics/$2 for '$1'" >&2; return 2; }
}

# lab_zswap_stat NAME: zswap's debugfs counter NAME (stored_pages,
# pool_total_size, written_back_pages, ...), 0 when zswap has none
# (never used yet, or debugfs not mounted: mount it first).
lab_zswap_stat() {
	cat "/sys/kernel/debug/zswap/$1" 2>/dev/null || echo 0
}

# The columns of /sys/block/swapnetN/swapnet/stat, in the order of
# stat_show() in kmod/sysfs.c (also docs/ABI/sysfs-block-swapnet and
# swapnet(4)).  tests/host/lab-lib.sh fails when this list and sysfs.c
# disagree: a new column goes here, at its place, and no scenario counts
# columns itself.
LAB_SWAPNET_STAT_FIELDS="reads writes read_bytes write_bytes inflight
	retrans retries latency_sum_us latency_max_us errors last_error state
	commits write_resends reclaim_reqs verify_errors verify_rereads
	parked_writes parked_reads parked_writes_max"

# lab_swapnet_stat DEV FIELD: one column of DEV's stat file by name (DEV:
# swapnet0 or /dev/swapnet0; FIELD: a name from LAB_SWAPNET_STAT_FIELDS).
# An unknown field, a missing device or a stat line whose column count
# is not the list's is an error on stderr and status 2 (nothing printed).
lab_swapnet_stat() {
	local dev="${1#/dev/}" field="$2" line f n=0 idx=0
	for f in $LAB_SWAPNET_STAT_FIELDS; do
		n=$((n + 1))
		[ "$f" = "$field" ] && idx=$n
	done
	if [ $idx = 0 ]; then
		echo "lab_swapnet_stat: unknown field '$field'" >&2
		return 2
	fi
	line=$(cat "/sys/block/$dev/swapnet/stat" 2>/dev/null) || {
		echo "lab_swapnet_stat: no stat file for '$dev'" >&2
		return 2
	}
	# shellcheck disable=SC2086 # split the line into its columns
	set -- $line
	if [ $# != $n ]; then
		echo "lab_swapnet_stat: $dev/swapnet/stat has $# columns, lib.sh names $n" >&2
		return 2
	fi
	eval "echo \"\${$idx}\""
}

# lab_swapnet_attr DEV NAME: the device's sysfs file swapnet/NAME
# (queue_depth, for_swap, parked_writes, reason, ...); a missing one is
# an error on stderr, status 2.
lab_swapnet_attr() {
	cat "/sys/block/${1#/dev/}/swapnet/$2" 2>/dev/null ||
		{ echo "lab_swapnet_attr: no swapnet/$2 for '$1'" >&2; return 2; }
}

# lab_swapnet_state DEV: the device's state file (OK, NOT_RESPONDING or
# FAILED); lab_state_is DEV STATE: true if it is STATE (for lab_wait).
lab_swapnet_state() {
	cat "/sys/block/${1#/dev/}/swapnet/state"
}

lab_state_is() {
	[ "$(lab_swapnet_state "$1" 2>/dev/null)" = "$2" ]
}

# --- Error paths -------------------------------------------------------------
# lab_expect_error STATUS PATTERN MAXSECONDS CMD...: one error case of a
# project tool.  CMD must exit with STATUS within MAXSECONDS, print nothing
# on stdout and exactly one line on stderr, "swapnetctl: ...PATTERN" (or
# swapnettop), and leave no swapnet device behind; each miss is a
# lab_fail.  Cases are numbered in LAB_CASES.  Output in /tmp/out, /tmp/err.
LAB_CASES=0
lab_expect_error() {
	local want="$1" pat="$2" max="$3" t0 rc dt left
	shift 3
	LAB_CASES=$((LAB_CASES + 1))
	t0=$(lab_uptime)
	timeout $((max + 30)) "$@" > /tmp/out 2> /tmp/err
	rc=$?
	dt=$(($(lab_uptime) - t0))
	echo "[$LAB_CASES] $* -> $rc in ${dt}s: $(cat /tmp/err)"
	[ "$rc" -eq "$want" ] || lab_fail "[$LAB_CASES] exit status $rc, want $want"
	[ "$(wc -l < /tmp/err)" -eq 1 ] || lab_fail "[$LAB_CASES] stderr is not one line"
	grep -q "^swapnet[a-z]*: .*$pat" /tmp/err || lab_fail "[$LAB_CASES] stderr lacks '$pat'"
	[ ! -s /tmp/out ] || lab_fail "[$LAB_CASES] unexpected stdout: $(cat /tmp/out)"
	[ "$dt" -le "$max" ] || lab_fail "[$LAB_CASES] took ${dt}s, more than ${max}s"
	left=$(lab_swapnet_devices)
	[ -z "$left" ] || lab_fail "[$LAB_CASES] device left behind: $left"
}

# lab_swapnet_devices: the swapnet block devices there are (swapnet0 ...),
# one per line; nothing if none.
lab_swapnet_devices() {
	local d
	for d in /sys/block/swapnet*; do
		[ -e "$d" ] && echo "${d##*/}"
	done
	return 0
}

# --- Outages ---------------------------------------------------------------
# lab_watch_start DEV: until lab_watch_stop, every 0.1 s a sample "UPTIME
# CARRIER DONE INFLIGHT": eth0's carrier (0 while the cable is pulled),
# DEV's requests completed so far (reads + writes) and its RPCs in
# flight.  A shell loop cannot take them: while DEV waits for the
# network, its pages are swapped out and its forks wait for memory (a
# busybox loop took one sample in a 30 s cut), so linkwatch does (a
# scenario names tests/workloads/linkwatch in its lab-bins): locked in
# memory, it allocates nothing per sample and prints them all when
# lab_watch_stop ends it, into /tmp/lab-watch.log.  It returns once
# linkwatch samples: call it before the memory pressure starts (a
# process started in a cut waits for the swap device itself).  Besides, every second
# for the record (a shell loop: it may miss the outage), the TCP sockets
# to port 2049 (/proc/net/tcp: state, timer, retransmits) and SUNRPC's
# transport state and first tasks (debugfs) in /tmp/lab-watch.diag.
lab_watch_start() {
	local stat="/sys/block/${1#/dev/}/swapnet/stat" f n=0 ir=0 iw=0 ii=0
	local up
	[ -r "$stat" ] || { echo "lab_watch_start: no stat file for '$1'" >&2; return 2; }
	command -v linkwatch > /dev/null ||
		{ echo "lab_watch_start: no linkwatch (lab-bins: tests/workloads/linkwatch)" >&2; return 2; }
	for f in $LAB_SWAPNET_STAT_FIELDS; do
		n=$((n + 1))
		case $f in reads) ir=$n ;; writes) iw=$n ;; inflight) ii=$n ;; esac
	done
	rm -f /tmp/lab-watch.ready
	linkwatch /sys/class/net/eth0/carrier "$stat" $ir $iw $ii /tmp/lab-watch.ready > /tmp/lab-watch.log &
	LAB_WATCH_PID=$!
	# locked in memory and sampling before anything else happens
	lab_wait 30 test -e /tmp/lab-watch.ready ||
		{ echo "lab_watch_start: linkwatch not sampling after 30 s" >&2; return 2; }
	(
		while :; do
			read -r up _ < /proc/uptime
			echo "== $up"
			grep ':0801 ' /proc/net/tcp
			for f in /sys/kernel/debug/sunrpc/rpc_xprt/*/info; do
				[ -r "$f" ] && echo "xprt ${f%/info}: $(grep state "$f")"
			done
			cat /sys/kernel/debug/sunrpc/rpc_clnt/*/tasks 2>/dev/null | head -n 4
			sleep 1
		done
	) > /tmp/lab-watch.diag 2>&1 &
	LAB_WATCH_DIAG_PID=$!
}

# lab_watch_stop: end the watch; its samples are in /tmp/lab-watch.log.
# Status 1 if linkwatch failed.
lab_watch_stop() {
	local rc
	kill "$LAB_WATCH_DIAG_PID" 2>/dev/null
	wait "$LAB_WATCH_DIAG_PID" 2>/dev/null
	kill "$LAB_WATCH_PID" 2>/dev/null
	wait "$LAB_WATCH_PID"
	rc=$?
	[ "$rc" = 0 ] || echo "lab_watch_stop: linkwatch exited with status $rc" >&2
	[ "$rc" = 0 ]
}

# lab_watch_diag FROM TO: the diagnostic records of lab_watch_start taken
# between uptimes FROM and TO (seconds).
lab_watch_diag() {
	awk -v from="$1" -v to="$2" '
		/^== / { on = ($2 >= from && $2 <= to) }
		on' /tmp/lab-watch.diag
}

# lab_resume_delay SINCE: the first cable pull lab_watch_start saw after
# uptime SINCE (e.g. when lab_cut_link was called), as one line
# "DELAY OUTAGE SAMPLING PENDING DURING UP":
#   DELAY    seconds from the link's return to the first request the
#            device completed after it; an upper bound: from the last
#            sample with the cable out to the first with a new completion
#   OUTAGE   seconds the carrier was seen down
#   SAMPLING seconds between the last sample down and the first up (the
#            uncertainty of the link's return)
#   PENDING  RPCs in flight at the last sample down (0: nothing waited
#            for the link, DELAY says nothing)
#   DURING   requests completed while the cable was out, after its first
#            second
#   UP       the uptime the link was first seen up
# Status 1 and a line on stderr if the watch saw no pull after SINCE, no
# return, or no completion after it.
lab_resume_delay() {
	awk -v since="$1" '
		NR == 1 { first = $0 }
		{ lastline = $0 }
		$1 < since || $3 == "-" { next }
		st == 0 && $2 == 0 {
			st = 1; down0 = $1; base = $3
			last = $1; lastdone = $3; pend = $4; next
		}
		st == 1 && $2 == 0 {
			if ($1 <= down0 + 1) base = $3
			last = $1; lastdone = $3; pend = $4; next
		}
		st == 1 && $2 == 1 { st = 2; up = $1 }
		st == 2 && $3 > lastdone {
			st = 3
			printf "%.1f %.1f %.1f %d %d %.1f\n", $1 - last, up - down0,
			       up - last, pend, lastdone - base, up
			exit
		}
		END {
			if (st == 0) print "lab_resume_delay: no cable pull seen after " since > "/dev/stderr"
			else if (st == 1) print "lab_resume_delay: the link never came back" > "/dev/stderr"
			else if (st == 2) print "lab_resume_delay: no request completed after the link came back" > "/dev/stderr"
			if (st != 3)
				print "lab_resume_delay: " NR " samples, first \"" first "\", last \"" lastline "\"" > "/dev/stderr"
			exit st != 3
		}' /tmp/lab-watch.log
}

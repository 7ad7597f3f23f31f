# What the network swap peers do with a page the server corrupted: the
# corruption of swapnet-verify (one word of up to 32 swapped-out pages
# per memload process overwritten in the server's file, behind the
# client's back) against the kernel's own NFS swapfile, NBD swap and
# swapnet, one after the other in one boot (LAB_ARGS: the peers, default
# "swapnet nbd nfs": the native NFS swapfile, the likeliest to wedge
# here, last; a peer whose read-back does not end within 600 s ends the
# run, WEDGED).  memload (2 processes, 1.0 x MemTotal, --detect, random
# pass on a tenth) writes, lists its pages in swap (--slots), waits
# while the server corrupts, then reads everything back.  A record for nfs and nbd: each
# one's line says how many wrong words reached the process and how many
# pages were lost (SIGBUS); their run passes when they swapped in and the
# server corrupted.  Expected: wrong words, no lost page (neither
# verifies what it reads).  swapnet is the control and is checked: 0
# wrong words, lost pages > 0 (swapnet-verify tests it in detail).
# lab-suite: bench
# lab-timeout: 1500
# lab-expect-oom: yes
# lab-nbd-mb: 512
# lab-server-mem: 2048
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me="$LAB_SCENARIO"
url=nfs://$SERVER_IP/export/swapfile
lab_peers_setup
mkdir -p /mnt/ctl
mount -t nfs -o vers=3,proto=tcp,hard,nolock,noac,lookupcache=none \
	"$SERVER_IP:/srv/ctl" /mnt/ctl || { lab_fail "cannot mount the control export"; lab_exit; }
echo "$me: setup memtotal_mib=$(awk '/^MemTotal:/{print int($2/1024)}' /proc/meminfo)" \
	"peers=$(echo "${LAB_ARGS:-swapnet nbd nfs}" | tr ' ' ,)" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ) kver=$(uname -r)"
ready() { [ -f /tmp/ml/ready.0 ] && [ -f /tmp/ml/ready.1 ]; }
memload_done() { ! kill -0 "$load" 2>/dev/null; }
for peer in ${LAB_ARGS:-swapnet nbd nfs}; do
	case $peer in
	nfs|swapnet) file=/export/swapfile ;;
	nbd) file=/srv/nbd-swap.img ;;
	*) lab_fail "unknown peer '$peer' (nfs, nbd, swapnet)"; continue ;;
	esac
	lab_peer_on "$peer" "$url" || { lab_fail "$peer: swapon failed"; continue; }
	lab_log "$me: $peer: $(tr '\n' ' ' < /proc/swaps)"
	rm -rf /tmp/ml && mkdir -p /tmp/ml
	rm -f /mnt/ctl/corrupt.done
	memload -p 2 -r 1.0 -f 0.1 --detect --slots /tmp/ml > /tmp/memload.out 2>&1 &
	load=$!
	if ! lab_wait 600 ready; then
		lab_fail "$peer: memload did not list its slots"
		cat /tmp/memload.out
		touch /tmp/ml/go; wait $load
		lab_peer_off "$peer" || true
		continue
	fi
	: > /tmp/picked
	for i in 0 1; do
		n=$(wc -l < /tmp/ml/slots.$i)
		awk -v k=$((n / 32 + 1)) -v c=$i 'NR % k == 0 && $2 == 0 { print c, $1, $3 }' \
			/tmp/ml/slots.$i | head -n 32 >> /tmp/picked
	done
	npick=$(wc -l < /tmp/picked)
	awk -v f="$file" '{ print f, $3 }' /tmp/picked > /mnt/ctl/corrupt.tmp
	mv /mnt/ctl/corrupt.tmp /mnt/ctl/corrupt.req
	lab_wait 60 test -f /mnt/ctl/corrupt.done || lab_fail "$peer: the server did not corrupt"
	done_n=$(cat /mnt/ctl/corrupt.done 2>/dev/null || echo 0)
	touch /tmp/ml/go
	# a peer that wedges (the native NFS swapfile has, here) ends the
	# run with what it has rather than at the lab's timeout
	if ! lab_wait 600 memload_done; then
		echo "$me: run peer=$peer corrupted=$done_n picked=$npick result=WEDGED"
		lab_fail "$peer: memload did not finish within 600 s of reading back"
		lab_exit
	fi
	wait $load
	mrc=$?
	grep -E '^memload(\[[0-9]\]: (first mismatch|.*lost \(SIGBUS)|.*mismatch)|: result=)' /tmp/memload.out | head -n 12
	res=$(grep '^memload: result=' /tmp/memload.out || true)
	mism=$(echo "$res" | sed -n 's/.* mismatches=\([0-9]*\) .*/\1/p')
	badp=$(echo "$res" | sed -n 's/.* bad_pages=\([0-9]*\) .*/\1/p')
	lost=$(echo "$res" | sed -n 's/.* lost_pages=\([0-9]*\).*/\1/p')
	pin=$(echo "$res" | sed -n 's/.* pswpin=\([0-9-]*\) .*/\1/p')
	killed=$(echo "$res" | sed -n 's/.* killed=\([0-9]*\) .*/\1/p')
	echo "$me: run peer=$peer corrupted=$done_n picked=$npick wrong_words=${mism:-?}" \
		"wrong_pages=${badp:-?} lost_pages=${lost:-?} killed=${killed:-?} memload_status=$mrc pswpin=${pin:-?}"
	[ "${pin:-0}" -gt 0 ] || lab_fail "$peer: memload did not swap in"
	[ "$done_n" -gt 0 ] || lab_fail "$peer: nothing corrupted"
	if [ "$peer" = swapnet ]; then
		[ "${mism:-x}" = 0 ] || lab_fail "swapnet: ${mism:-?} wrong words reached the process"
		[ "${lost:-0}" -gt 0 ] || lab_fail "swapnet: no corrupted page detected"
		echo "$me: swapnet verify_errors=$(lab_swapnet_stat "$LAB_PEER_DEV" verify_errors)" \
			"verify_rereads=$(lab_swapnet_stat "$LAB_PEER_DEV" verify_rereads)"
	fi
	lab_peer_off "$peer" || lab_fail "$peer: swapoff failed"
done
umount /mnt/ctl || true
lab_exit

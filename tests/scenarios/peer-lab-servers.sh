# Lab self-test (manual) of "lab-servers: 2", the second server guest
# that mirror tests stand on; must PASS.
# - Both links are up: the client reaches SERVER_IP on eth0 and
#   SERVER2_IP on eth1, and each server runs this scenario's server part.
# - One swap device on each server (swapnetctl swapon, same priority:
#   the kernel spreads pages over both), memload 2 x 0.8 x MemTotal,
#   every page verified, while server2 is frozen (lab_server2 stop 8),
#   then, once its device writes again, its cable pulled for 6 s: a
#   frozen server must not lose a page, and both devices did I/O.
# lab-suite: manual
# lab-servers: 2
# lab-timeout: 600
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -u
me=peer-lab-servers
[ "${LAB_SERVERS:-}" = 2 ] || { lab_fail "LAB_SERVERS is '${LAB_SERVERS:-}', not 2"; lab_exit; }
[ "${SERVER2_IP:-}" = 10.99.2.1 ] || { lab_fail "SERVER2_IP is '${SERVER2_IP:-}'"; lab_exit; }
ip -4 addr show dev eth1 | grep -q 'inet 10\.99\.2\.2/24' ||
	{ lab_fail "eth1 has no 10.99.2.2/24"; lab_exit; }
ping -c 1 -W 5 "$SERVER_IP" >/dev/null || lab_fail "no answer from server ($SERVER_IP)"
ping -c 1 -W 5 "$SERVER2_IP" >/dev/null || lab_fail "no answer from server2 ($SERVER2_IP)"
lab_failed && lab_exit

a=$(swapnetctl swapon "nfs://$SERVER_IP/export/swapfile" --priority 5) ||
	{ lab_fail "swapon on server failed"; lab_exit; }
b=$(swapnetctl swapon "nfs://$SERVER2_IP/export/swapfile" --priority 5) ||
	{ lab_fail "swapon on server2 failed"; lab_exit; }
a=${a#/dev/}; b=${b#/dev/}
cat /proc/swaps
wa0=$(lab_swapnet_stat "$a" writes); wb0=$(lab_swapnet_stat "$b" writes)

lab_memload "$me" -p 2 -r 0.8 -f 0.25 &
ml=$!
# once server2's device is writing, freeze server2, then pull its cable
b_wrote() { [ "$(lab_swapnet_stat "$b" writes)" -gt "$wb0" ]; }
b_wrote_more() { [ "$(lab_swapnet_stat "$b" writes)" -gt "$wb1" ]; }
if lab_wait 120 b_wrote; then
	wb1=$(lab_swapnet_stat "$b" writes)
	lab_server2 stop 8
	# then, once it answers again, a cable pull (the host times both)
	lab_wait 60 b_wrote_more || lab_fail "$b did no WRITE after server2 came back"
	lab_cut_link2 6
else
	lab_fail "$b wrote nothing in 120 s"
fi
wait "$ml" || lab_fail "memload failed (status $?)"
wa=$(( $(lab_swapnet_stat "$a" writes) - wa0 ))
wb=$(( $(lab_swapnet_stat "$b" writes) - wb0 ))
echo "$me: writes $a=$wa $b=$wb reads $a=$(lab_swapnet_stat "$a" reads) $b=$(lab_swapnet_stat "$b" reads)"
[ "$wa" -gt 0 ] || lab_fail "$a (server) did no WRITE"
[ "$wb" -gt 0 ] || lab_fail "$b (server2) did no WRITE"
swapnetctl swapoff "/dev/$b" || lab_fail "swapoff /dev/$b failed"
swapnetctl swapoff "/dev/$a" || lab_fail "swapoff /dev/$a failed"
lab_exit

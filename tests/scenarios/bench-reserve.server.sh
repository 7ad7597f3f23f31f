# Server part of bench-reserve: the swapfile (preallocated), and the flood:
# MTU-sized UDP datagrams to a client port whose socket never reads, or
# (LAB_ARGS flood=tcp, conns=N) N TCP connections to a client listener
# that never reads, written to as fast as the server can, from now until
# the run ends (started again after a server reset: this script is run
# again then).
# shellcheck shell=sh disable=SC3043
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count=640 2>/dev/null
	chmod 600 /export/swapfile
fi
flood=$(find / -xdev -name udpflood -type f 2>/dev/null | head -n 1)
[ -n "$flood" ] || { echo "bench-reserve: no udpflood in the server"; exit 1; }
kind=udp conns=64
for w in ${LAB_ARGS:-}; do
	case $w in
	flood=tcp) kind=tcp ;;
	conns=*) conns=${w#conns=} ;;
	esac
done
if [ "$kind" = tcp ]; then
	# many connections to a listener that never reads
	"$flood" tcpsend "$CLIENT_IP" 9999 "$conns" >/dev/null 2>&1 &
else
	"$flood" send "$CLIENT_IP" 9999 1472 >/dev/null 2>&1 &
fi
exit 0

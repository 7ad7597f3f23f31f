# Server part of bench-reserve: the swapfile (preallocated), and the flood:
# MTU-sized UDP datagrams to a client port whose socket never reads, sent
# as fast as the server can from now until the run ends (started again
# after a server reset: this script is run again then).
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count=640 2>/dev/null
	chmod 600 /export/swapfile
fi
flood=$(find / -xdev -name udpflood -type f 2>/dev/null | head -n 1)
[ -n "$flood" ] || { echo "bench-reserve: no udpflood in the server"; exit 1; }
"$flood" send "$CLIENT_IP" 9999 1472 >/dev/null 2>&1 &
exit 0

# Server part of swapnet-flood: the swapfile (preallocated, 0600), and the
# flood: MTU-sized UDP datagrams to a client port whose socket never
# reads, as fast as the server can, until the run ends.
# shellcheck shell=sh disable=SC3043
if [ ! -f /export/tags ]; then
	dd if=/dev/zero of=/export/tags bs=1M count=16 2>/dev/null
	chmod 600 /export/tags
fi
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count=640 2>/dev/null
	chmod 600 /export/swapfile
fi
flood=$(find / -xdev -name udpflood -type f 2>/dev/null | head -n 1)
[ -n "$flood" ] || { echo "swapnet-flood: no udpflood in the server"; exit 1; }
"$flood" send "$CLIENT_IP" 9999 1472 >/dev/null 2>&1 &
exit 0

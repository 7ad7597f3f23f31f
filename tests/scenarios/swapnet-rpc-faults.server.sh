# Server part of swapnet-rpc-faults: the swapfile, and tests/workloads/
# rpcproxy (lab-bins) on port 2050 in front of nfsd, logging to
# /export/rpcproxy.log (read by the client over its control mount).  A
# loop feeds /export/cmd (written by the client) to the proxy's control
# FIFO.  Idempotent.
# shellcheck shell=sh disable=SC3043
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count=256 2>/dev/null
	chmod 600 /export/swapfile
fi
px=/usr/bin/rpcproxy	# lab-bins: tests/workloads/rpcproxy
[ -x "$px" ] || { echo "swapnet-rpc-faults: no $px in the server (lab-bins)"; exit 1; }
pkill -x rpcproxy 2>/dev/null || true
"$px" -l 2050 -c /run/rpcproxy.ctl >> /export/rpcproxy.log 2>&1 </dev/null &
i=0
until [ -p /run/rpcproxy.ctl ] || [ $i -gt 20 ]; do sleep 0.5; i=$((i + 1)); done
( while :; do
	if [ -f /export/cmd ]; then
		cat /export/cmd > /run/rpcproxy.ctl
		rm -f /export/cmd
	fi
	sleep 0.5
done ) </dev/null >/dev/null 2>&1 &
exit 0

# Server part of swapnet-server-faults (export on the ext4 disk, which
# survives lab_reset_server).  Idempotent: it runs again after the reset.
#  - the swapfile, preallocated (not sparse), 0600;
#  - /export/phase: "boot N" at every boot, then "withdrawn" / "restored"
#    around a withdrawal of the exports;
#  - a loop that withdraws the exports for 20 s (exportfs -ua; sleep 20;
#    exportfs -a) when the client creates /export/withdraw.
# shellcheck shell=sh disable=SC3043
if [ ! -f /export/swapfile ]; then
	dd if=/dev/zero of=/export/swapfile bs=1M count="${SWAPFILE_MB:-384}" 2>/dev/null
	chmod 600 /export/swapfile
fi
n=$(cat /export/boots 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > /export/boots
echo "boot $n" > /export/phase
sync
( while :; do
	if [ -f /export/withdraw ]; then
		rm -f /export/withdraw
		echo withdrawn > /export/phase
		exportfs -ua
		sleep 20
		exportfs -a
		echo restored > /export/phase
	fi
	sleep 1
done ) </dev/null >/dev/null 2>&1 &
exit 0

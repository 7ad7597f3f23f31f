# Two diskless nodes, one image (issue 11): two client guests with
# different host names (client, client2; each on its own link to the
# server) boot the same swapnet.conf line, nfs://SERVER/export/nodes/%H.swap
# with create=.  Each `swapnetctl start` creates its own file (the other
# node's is never touched), then both swap at the same time (each waits
# until it sees the other's file before it starts its workload) with
# verified data, and both files are there at the end, each 0600 and of
# the configured size.  The same script runs on both clients; the run
# passes only if both pass.
# lab-suite: full
# lab-clients: 2
# lab-timeout: 900
# shellcheck shell=sh disable=SC3043,SC2317 source=SCRIPTDIR/../lab/guest/lib.sh
. /lab/lib.sh
set -e
host=$(hostname)
case $host in
client) other=client2 ;;
client2) other=client ;;
*) lab_fail "unexpected host name '$host'"; lab_exit ;;
esac
size_mb=128
cat > /etc/swapnet.conf <<CONF
# the same file on every node of the image
reserve = auto
nfs://$SERVER_IP/export/nodes/%H.swap  create=${size_mb}M
CONF
mkdir -p /mnt/export
mount -t nfs -o vers=3,nolock,ro,noac,lookupcache=none "$SERVER_IP:/export" /mnt/export ||
	{ lab_fail "mount the export"; lab_exit; }

lab_log "swapnet-two-nodes: $host: start"
swapnetctl start > /tmp/start.txt || { cat /tmp/start.txt; lab_fail "start"; lab_exit; }
cat /tmp/start.txt
grep -q "missing, creating" /tmp/start.txt || lab_fail "start did not create this node's file"
grep -q '^/dev/swapnet0 ' /proc/swaps || lab_fail "swapnet0 not swapped on"
swapnetctl list | grep -q "/export/nodes/$host.swap" || lab_fail "list does not show $host.swap"

# both nodes swapping at once: wait for the other node's file
t0=$(lab_uptime)
if ! lab_wait 240 test -e "/mnt/export/nodes/$other.swap"; then
	lab_fail "no $other.swap after 240 s: the other node did not start"
	lab_exit
fi
lab_log "swapnet-two-nodes: $host: $other.swap is there after $(($(lab_uptime) - t0))s; swapping"
set +e
lab_memload swapnet-two-nodes -p 2 -r 1.0 -f 0.125
rc=$?
set -e
[ $rc = 0 ] || lab_fail "memload exited $rc"
swapnetctl stop || lab_fail "stop"
[ -z "$(swapnetctl list)" ] || lab_fail "devices left after stop"

ls -ln /mnt/export/nodes/
for n in client client2; do
	f=/mnt/export/nodes/$n.swap
	[ -f "$f" ] || lab_fail "$n.swap is missing"
	[ "$(stat -c %s "$f")" = $(((size_mb << 20) + 4096)) ] || lab_fail "$n.swap is $(stat -c %s "$f") bytes"
	[ "$(stat -c %a "$f")" = 600 ] || lab_fail "$n.swap has mode $(stat -c %a "$f")"
done
umount /mnt/export
lab_exit

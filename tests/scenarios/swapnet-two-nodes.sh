# Two diskless nodes, one image (issue 11): two client guests with
# different host names (client, client2; each on its own link to the
# server) boot the same swapnet.conf line, nfs://SERVER/export/nodes/%H.swap
# with create=.  Each `swapnetctl start` creates its own file (the other
# node's is never touched), then both swap at the same time (each waits
# until it sees the other's file before it starts its workload) with
# verified data, and both files are there at the end, each 0600 and of
# the configured size.  The same script runs on both clients; the run
# passes only if both pass.
# lab-suite: check
# lab-clients: 2
# lab-timeout: 900
. /lab/lib.sh
set -e
host=$(hostname)
fail() { echo "swapnet-two-nodes: $host: FAIL: $*"; exit 1; }
case $host in
client) other=client2 ;;
client2) other=client ;;
*) fail "unexpected host name '$host'" ;;
esac
size_mb=128
cat > /etc/swapnet.conf <<CONF
# the same file on every node of the image
reserve = auto
nfs://$SERVER_IP/export/nodes/%H.swap  create=${size_mb}M
CONF
mkdir -p /mnt/export
mount -t nfs -o vers=3,nolock,ro,noac,lookupcache=none "$SERVER_IP:/export" /mnt/export ||
	fail "mount the export"

lab_log "swapnet-two-nodes: $host: start"
swapnetctl start > /tmp/start.txt || { cat /tmp/start.txt; fail "start"; }
cat /tmp/start.txt
grep -q "missing, creating" /tmp/start.txt || fail "start did not create this node's file"
grep -q '^/dev/swapnet0 ' /proc/swaps || fail "swapnet0 not swapped on"
swapnetctl list | grep -q "/export/nodes/$host.swap" || fail "list does not show $host.swap"

# both nodes swapping at once: wait for the other node's file
i=0
until [ -e "/mnt/export/nodes/$other.swap" ] || [ $i -ge 240 ]; do sleep 1; i=$((i + 1)); done
[ -e "/mnt/export/nodes/$other.swap" ] || fail "no $other.swap after 240 s: the other node did not start"
lab_log "swapnet-two-nodes: $host: $other.swap is there after ${i}s; swapping"
set +e
lab_memload swapnet-two-nodes -p 2 -r 1.0 -f 0.125
rc=$?
set -e
[ $rc = 0 ] || fail "memload exited $rc"
swapnetctl stop || fail "stop"
[ -z "$(swapnetctl list)" ] || fail "devices left after stop"

ls -ln /mnt/export/nodes/
for n in client client2; do
	f=/mnt/export/nodes/$n.swap
	[ -f "$f" ] || fail "$n.swap is missing"
	[ "$(stat -c %s "$f")" = $((size_mb << 20)) ] || fail "$n.swap is $(stat -c %s "$f") bytes"
	[ "$(stat -c %a "$f")" = 600 ] || fail "$n.swap has mode $(stat -c %a "$f")"
done
umount /mnt/export
echo "swapnet-two-nodes: $host: PASS"

# Server part of swapnet-owner: two swapfiles both nodes are given
# (160 MiB of swap area and the 4 KiB owner record each, zeros: no owner
# record yet), and a directory the clients use to wait for each other.
# shellcheck shell=sh disable=SC3043
mkdir -p /export/own/sync
chmod 777 /export/own/sync
rm -f /export/own/sync/*
for f in race cut; do
	dd if=/dev/zero of=/export/own/$f.swap bs=4096 count=$((160 * 256 + 1)) 2>/dev/null
	chmod 600 /export/own/$f.swap
done

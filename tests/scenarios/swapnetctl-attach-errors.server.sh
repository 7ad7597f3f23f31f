# Server part of swapnetctl-attach-errors: one good swapfile and one file
# for each way a swapfile can be wrong.
# shellcheck shell=sh disable=SC3043
set -e
# IPv6 on the link too, for the [IPv6] URL case
ip addr add fd00::1/64 dev eth0
cd /export
dd if=/dev/zero of=good bs=1M count=16 2>/dev/null
chmod 600 good
# holes: 16 MiB long, nothing allocated
truncate -s 16M sparse
chmod 600 sparse
# half allocated: 8 MiB written, 16 MiB long
dd if=/dev/zero of=partial bs=1M count=8 2>/dev/null
truncate -s 16M partial
chmod 600 partial
# smaller than the 1 MiB minimum
dd if=/dev/zero of=small bs=4k count=64 2>/dev/null
chmod 600 small
# readable by others
dd if=/dev/zero of=wide bs=1M count=16 2>/dev/null
chmod 644 wide
mkdir -p adir
# will hold an ext4 file system, made by the client through swapnet
dd if=/dev/zero of=fs bs=1M count=16 2>/dev/null
chmod 600 fs

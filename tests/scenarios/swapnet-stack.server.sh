# Server part of swapnet-stack: three preallocated 0600 files, two legs
# of an md raid1 and one under dm-crypt.
# shellcheck shell=sh disable=SC3043
for f in leg0 leg1 crypt; do
	[ -f /export/$f ] && continue
	dd if=/dev/zero of=/export/$f bs=1M count=288 2>/dev/null
	chmod 600 /export/$f
done

# Server part of swapnet-mirror-both, on both servers (lab-servers: 2):
# one preallocated 0600 file of zeros, a leg of the mirror.
# shellcheck shell=sh
[ -f /export/mirror.swap ] || {
	dd if=/dev/zero of=/export/mirror.swap bs=1M count=288 2>/dev/null
	chmod 600 /export/mirror.swap
}

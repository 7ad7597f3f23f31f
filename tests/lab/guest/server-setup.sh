#!/bin/sh
# Base setup of the server guest: the /export file system, kernel nfsd
# (NFSv3 and v4.2 over TCP) with rpcbind and mountd, and nbd-server with an
# export named "swap".  Runs on every server boot (also after a reset).
set -e
. /lab/lib.sh

# /export: tmpfs (default) or, with "lab-server-export: disk", the ext4
# image the host attached as /dev/vda (kept across a server reset).  No
# fallback: a disk scenario without its disk is a setup failure.  The
# initramfs has no hotplug helper, so virtio_blk is loaded by hand.
if [ "${EXPORT_KIND:-tmpfs}" = disk ]; then
	modprobe virtio_blk || { lab_log "lab: SETUP FAILED: modprobe virtio_blk"; exit 1; }
	i=0
	while [ ! -b /dev/vda ]; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			lab_log "lab: SETUP FAILED: lab-server-export: disk, but no /dev/vda 10 s after loading virtio_blk"
			exit 1
		fi
		sleep 0.1
	done
	modprobe ext4 || { lab_log "lab: SETUP FAILED: modprobe ext4"; exit 1; }
	mount -t ext4 /dev/vda /export ||
		{ lab_log "lab: SETUP FAILED: cannot mount the ext4 disk /dev/vda on /export"; exit 1; }
	chmod 755 /export
	export_desc="ext4 disk /dev/vda"
else
	mount -t tmpfs -o "size=${EXPORT_SIZE_MB}m,mode=755" tmpfs /export
	export_desc=tmpfs
fi
mkdir -p /srv
mount -t tmpfs -o "size=$((NBD_SIZE_MB + 16))m,mode=755" tmpfs /srv

mkdir -p /run/rpcbind /var/lib/nfs/sm /var/lib/nfs/sm.bak
chown _rpc /run/rpcbind
rpcbind -w

modprobe nfsd
mount -t nfsd nfsd /proc/fs/nfsd
# fsid=1 makes /export the NFSv4 pseudo-root as well.
echo "/export *(rw,no_root_squash,insecure,sync,no_subtree_check,fsid=1)" > /etc/exports
exportfs -ra
rpc.mountd --no-udp
# The default 90 s grace period would stall every NFSv4 open after boot.
rpc.nfsd --no-udp --grace-time 10 --lease-time 10 8

# nbd-server: a sparse file in RAM, named export "swap".
truncate -s "${NBD_SIZE_MB}M" /srv/nbd-swap.img
cat > /etc/nbd-server/config <<EOF
[generic]
	user = root
	group = root
	listenaddr = $SERVER_IP
[swap]
	exportname = /srv/nbd-swap.img
EOF
nbd-server -C /etc/nbd-server/config

lab_log "lab: nfsd $(cat /proc/fs/nfsd/versions), export /export ($export_desc, $(df -m /export | awk 'NR==2{print $2}') MiB), nbd export swap (${NBD_SIZE_MB} MiB)"

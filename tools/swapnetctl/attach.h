/* SPDX-License-Identifier: GPL-2.0 */
/*
 * attach: turn a swapfile into /dev/swapnetN (swapnetctl attach, and the
 * first half of swapon).
 */
#ifndef SWAPNETCTL_ATTACH_H
#define SWAPNETCTL_ATTACH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "nfstarget.h"
#include "options.h"
#include "swapnet_nl.h"

/*
 * Resolve o->target (URL or PATH) into *t: EXIT_OK or EXIT_USAGE with err.
 * Done before anything touches the network or the kernel.
 */
int attach_resolve(const struct attach_opts *o, struct nfs_target *t,
		   char *err, size_t errlen);

/*
 * Check the file t through libnfs (regular, mode at most
 * 0600, fully allocated, >= 1 MiB), DEV_ADD it and wait for the /dev node.
 * Returns an exit code (EXIT_OK, EXIT_USAGE, EXIT_FAIL) with err set on
 * failure; *out describes the new device on success.
 */
int attach_device(struct swapnet_nl *nl, const struct attach_opts *o,
		  const struct nfs_target *t, struct swapnet_dev_info *out, char *err, size_t errlen);

/*
 * A link-local IPv6 server (fe80::/10) without a zone
 * (nfs://[fe80::1%25eth0]/...): -EINVAL with why in err.  0 for every
 * other address; the zone's interface goes to DEV_ADD as its scope id.
 */
int link_local_check(const char *host, const struct sockaddr_storage *ss,
		     char *err, size_t errlen);

/* getaddrinfo of host: the first IPv4 or IPv6 address. 0 or -errno. */
int resolve_server(const char *host, struct sockaddr_storage *ss,
		   char *err, size_t errlen);

/*
 * Wait (up to a few seconds) for /dev/NAME to appear; create it from
 * /sys/block/NAME/dev when no devtmpfs/udev does.  0 or -errno.
 */
/*
 * DEV_DEL, then the dynamic reserve (the commands call
 * reserve_on_device_change() once a new device is in use).
 * 0 or a negative errno with err filled.
 */
int detach_device(struct swapnet_nl *nl, uint32_t index,
		  char *err, size_t errlen);
/* force: SWAPNET_A_FORCE (requests in flight fail, their data is lost) */
int detach_device_force(struct swapnet_nl *nl, uint32_t index, bool force,
			char *err, size_t errlen);
/*
 * Write 0 to /sys/block/NAME/queue/wbt_lat_usec (attach_device does it
 * after DEV_ADD): one warning line on failure, never fatal.
 */
void disable_wbt(const char *name);
/*
 * The same under a sysfs root (tests): 0 written, 1 no such file (no
 * wbt in this kernel), or -errno after the warning.
 */
int disable_wbt_at(const char *sysfs, const char *name);
int dev_node_wait(const char *name, char *path, size_t len,
		  char *err, size_t errlen);

#endif /* SWAPNETCTL_ATTACH_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zswap: the zswap settings of swapnet.conf (zswap, zswap_compressor,
 * zswap_max_pool_percent), applied by `swapnetctl start` through
 * /sys/module/zswap/parameters (under SWAPNET_ROOT for the tests), and
 * the state `swapnetctl check` reports.  zswap is not a safety setting:
 * start sets what the file says and prints every value it changed.
 */
#ifndef SWAPNETCTL_ZSWAP_H
#define SWAPNETCTL_ZSWAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config.h"

struct zswap_state {
	bool present;			/* the kernel has zswap */
	bool enabled;
	char compressor[CONFIG_COMPRESSOR_MAX + 1];
	int max_pool_percent;		/* -1: unknown */
};

/* Read the parameters.  0 (present false when the kernel has none). */
int zswap_read(struct zswap_state *z);

/*
 * Apply c's zswap settings; with dry_run only print what would change.
 * One line per change on out ("zswap: enabled N -> Y").  0, or -errno
 * with err (the kernel refused a compressor, no zswap, ...).
 */
int zswap_apply(const struct swapnet_config *c, bool dry_run, FILE *out,
		char *err, size_t errlen);

/* "zswap: on, compressor lz4, max_pool_percent 20" or "zswap: not in this kernel" */
void zswap_describe(const struct zswap_state *z, char *buf, size_t len);

#endif /* SWAPNETCTL_ZSWAP_H */

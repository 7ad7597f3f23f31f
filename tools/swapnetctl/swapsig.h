/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapsig: what a device holds (libblkid) and mkswap.  swapon only writes
 * a swap signature over nothing or over an old swap area, never over a
 * file system, LUKS header, partition table or hibernation image.
 */
#ifndef SWAPNETCTL_SWAPSIG_H
#define SWAPNETCTL_SWAPSIG_H

#include <stddef.h>

enum swapsig {
	SWAPSIG_NONE,		/* no recognisable signature */
	SWAPSIG_SWAP,		/* a swap area */
	SWAPSIG_FOREIGN,	/* anything else: type names it */
};

/* enum swapsig, or -errno with err set. */
int swapsig_probe(const char *dev, char *type, size_t typelen,
		  char *err, size_t errlen);

/* Run mkswap(8) on dev.  0 or -errno with err set. */
int swapsig_mkswap(const char *dev, char *err, size_t errlen);

#endif /* SWAPNETCTL_SWAPSIG_H */

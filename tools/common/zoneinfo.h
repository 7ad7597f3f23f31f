/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zoneinfo: the one /proc/zoneinfo reader of both tools.  Zone blocks
 * start with "Node N, zone NAME" (mm/vmstat.c zoneinfo_show_print); the
 * watermarks are the lines whose first word is exactly min/low/high (the
 * per-cpu "high:" has a colon), the free count is "pages free N", the
 * boost "boost N" (6.1 and 6.12 print it right before min).
 */
#ifndef SWAPNET_ZONEINFO_H
#define SWAPNET_ZONEINFO_H

#include <stdint.h>

struct zoneinfo_zone {
	int node;
	char name[16];
	/* min/low/high as printed: with boost (0 when the line is absent) */
	uint64_t free, min, low, high, present, managed, boost;
};

/*
 * The free pages at or below which a GFP_ATOMIC order-0 allocation fails
 * in this zone: 3/8 of the unboosted min (mm/page_alloc.c,
 * __zone_watermark_ok: min -= min / 2, then min -= min / 4 for
 * ALLOC_NON_BLOCK, :4045/:4055 (6.1), :3223/:3233 (6.12); the boost is
 * ignored for order-0 atomic requests, zone_watermark_fast :4148 (6.1),
 * :3327 (6.12)).  lowmem_reserve (the "protection" a higher zone's
 * request must also leave) is not added.
 */
uint64_t zoneinfo_atomic_floor(uint64_t min, uint64_t boost);

/*
 * Call fn for every zone, in file order, once its block is read; text
 * is modified in place.  0 after at least one zone, -1 when a zone line
 * or one of the numbers above is malformed or there is no zone, or fn's
 * non-zero return (which stops the reading).
 */
int zoneinfo_each(char *text,
		  int (*fn)(const struct zoneinfo_zone *z, void *arg),
		  void *arg);

#endif /* SWAPNET_ZONEINFO_H */

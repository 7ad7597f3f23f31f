/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zoneinfo: the one /proc/zoneinfo reader of both tools.  Zone blocks
 * start with "Node N, zone NAME" (mm/vmstat.c zoneinfo_show_print); the
 * watermarks are the lines whose first word is exactly min/low/high (the
 * per-cpu "high:" has a colon), the free count is "pages free N".
 */
#ifndef SWAPNET_ZONEINFO_H
#define SWAPNET_ZONEINFO_H

#include <stdint.h>

struct zoneinfo_zone {
	int node;
	char name[16];
	uint64_t free, min, low, high, present, managed;
};

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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stacked: the swap areas that stand on swapnet devices through other
 * block drivers (md raid1, dm-crypt), and whether the device swapped on
 * requires stable writes, read from /proc/swaps and sysfs under a root
 * (SWAPNET_ROOT in the tests, "/" on a real system).
 *
 * Why it matters: swapon sets SWP_STABLE_WRITES from the swapped-on
 * device alone (mm/swapfile.c, 6.1 and 6.12), and only with it does the
 * swap-in fault wait for a write in flight before it maps the page
 * writable (mm/memory.c do_swap_page).  md raid1 before Linux 6.11 does
 * not take the flag from its legs (blk_stack_limits passes it up from
 * 6.11 on): a page can change between the two legs' writes, or under a
 * leg's checksum.
 */
#ifndef SWAPNETCTL_STACKED_H
#define SWAPNETCTL_STACKED_H

#include <stddef.h>

#define STACKED_MAX	8	/* swap areas reported */
#define STACKED_LEGS	8	/* swapnet devices named per area */

struct stacked_swap {
	char dev[64];		/* the block device swapped on: "md127" */
	char legs[STACKED_LEGS][32];	/* swapnet devices under it */
	int nlegs;
	int stable;		/* queue/stable_writes: 1, 0, -1 unreadable */
};

/*
 * Fill out[] with the swap areas (type "partition" in /proc/swaps) that
 * are not swapnet devices themselves but have one below them (slaves/,
 * any depth).  Returns how many, or -1 when /proc/swaps cannot be read.
 */
int stacked_swaps(const char *root, struct stacked_swap *out, int max);

#endif /* SWAPNETCTL_STACKED_H */

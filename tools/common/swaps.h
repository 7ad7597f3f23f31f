/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swaps: the one /proc/swaps reader of both tools.  Lines are
 * "Filename Type Size Used Priority" (mm/swapfile.c swap_show), the path
 * seq_escape'd (so a space never splits it) and unescaped here.
 */
#ifndef SWAPNET_SWAPS_H
#define SWAPNET_SWAPS_H

#include <stdint.h>

struct swaps_line {
	char *path;		/* unescaped, in the caller's text */
	char *type;		/* "partition" or "file" */
	uint64_t size_kb, used_kb;
	int prio;
};

struct swaps_iter {
	char *text;		/* NULL once the first line is read */
	char *save;
};

/* Start reading text (modified in place: it is split into lines). */
void swaps_begin(struct swaps_iter *it, char *text);

/*
 * The next swap area: 1 with *l filled, 0 at the end, -1 for a line that
 * is not five fields with numeric size, used and priority (the caller
 * decides whether to skip it).  A first line "Filename..." is skipped.
 */
int swaps_next(struct swaps_iter *it, struct swaps_line *l);

#endif /* SWAPNET_SWAPS_H */

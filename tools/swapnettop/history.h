/* SPDX-License-Identifier: GPL-2.0 */
/* Recent values for the sparklines: swap-out rate and reserve fill. */
#ifndef SWAPNETTOP_HISTORY_H
#define SWAPNETTOP_HISTORY_H

#include <stddef.h>

#define HISTORY_LEN 512

struct history {
	size_t count;			/* values kept, <= HISTORY_LEN */
	size_t head;			/* next slot */
	double swapout[HISTORY_LEN];	/* pages/s */
	double fill[HISTORY_LEN];	/* reserve_fill() of the deepest node */
};

void history_push(struct history *h, double swapout, double fill);

/*
 * The last width values of series (oldest first) as a sparkline into buf:
 * UTF-8 block characters when utf8, else ASCII " .:-=+*#".  Values are
 * scaled to max (values above are clamped); max <= 0 draws the lowest
 * level.  Returns buf.
 */
char *sparkline(const struct history *h, const double *series, size_t width,
		double max, int utf8, char *buf, size_t buflen);

/* The largest of the last width values of series. */
double history_max(const struct history *h, const double *series,
		   size_t width);

#endif /* SWAPNETTOP_HISTORY_H */

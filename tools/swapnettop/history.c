// SPDX-License-Identifier: GPL-2.0
/* Ring buffer of samples and their sparkline rendering. */
#include <string.h>

#include "history.h"

void history_push(struct history *h, double swapout, double fill)
{
	h->swapout[h->head] = swapout;
	h->fill[h->head] = fill;
	h->head = (h->head + 1) % HISTORY_LEN;
	if (h->count < HISTORY_LEN)
		h->count++;
}

/* i-th of the last n values, oldest first */
static double at(const struct history *h, const double *series, size_t n,
		 size_t i)
{
	return series[(h->head + HISTORY_LEN - n + i) % HISTORY_LEN];
}

double history_max(const struct history *h, const double *series,
		   size_t width)
{
	size_t n = width < h->count ? width : h->count, i;
	double max = 0;

	for (i = 0; i < n; i++)
		if (at(h, series, n, i) > max)
			max = at(h, series, n, i);
	return max;
}

char *sparkline(const struct history *h, const double *series, size_t width,
		double max, int utf8, char *buf, size_t buflen)
{
	static const char *const blocks[8] = {
		"\u2581", "\u2582", "\u2583", "\u2584",
		"\u2585", "\u2586", "\u2587", "\u2588",
	};
	static const char ascii[] = " .:-=+*#";
	size_t n = width < h->count ? width : h->count, i, len = 0;

	if (!buflen)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		double v = at(h, series, n, i);
		int level = 0;
		size_t need;

		if (max > 0 && v > 0) {
			level = (int)(v / max * 7.0 + 0.5);
			if (level > 7)
				level = 7;
			if (level < 1)
				level = 1;	/* any activity shows */
		}
		need = utf8 ? strlen(blocks[level]) : 1;
		if (len + need >= buflen)
			break;
		if (utf8)
			memcpy(buf + len, blocks[level], need);
		else
			buf[len] = ascii[level];
		len += need;
		buf[len] = '\0';
	}
	return buf;
}

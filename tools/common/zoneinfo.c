// SPDX-License-Identifier: GPL-2.0
/* zoneinfo: /proc/zoneinfo, zone by zone. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parsenum.h"
#include "zoneinfo.h"

int zoneinfo_each(char *text,
		  int (*fn)(const struct zoneinfo_zone *z, void *arg),
		  void *arg)
{
	struct zoneinfo_zone z;
	char *save = NULL, *line;
	bool in_zone = false, any = false;
	uint64_t *field;
	int ret;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *lsave = NULL, *w1, *w2, *w3, *w4;

		w1 = strtok_r(line, " \t,", &lsave);
		if (!w1)
			continue;
		if (!strcmp(w1, "Node")) {
			w2 = strtok_r(NULL, " \t,", &lsave);
			w3 = strtok_r(NULL, " \t,", &lsave);
			w4 = strtok_r(NULL, " \t,", &lsave);
			if (!w2 || !w3 || strcmp(w3, "zone") || !w4 ||
			    strlen(w4) >= sizeof(z.name))
				return -1;
			if (in_zone) {
				ret = fn(&z, arg);
				if (ret)
					return ret;
			}
			memset(&z, 0, sizeof(z));
			z.node = atoi(w2);
			memcpy(z.name, w4, strlen(w4) + 1);
			in_zone = true;
			any = true;
			continue;
		}
		if (!in_zone)
			continue;
		field = NULL;
		if (!strcmp(w1, "pages")) {
			w2 = strtok_r(NULL, " \t", &lsave);
			if (w2 && !strcmp(w2, "free"))
				field = &z.free;
		} else if (!strcmp(w1, "min")) {
			field = &z.min;
		} else if (!strcmp(w1, "low")) {
			field = &z.low;
		} else if (!strcmp(w1, "high")) {
			field = &z.high;
		} else if (!strcmp(w1, "present")) {
			field = &z.present;
		} else if (!strcmp(w1, "managed")) {
			field = &z.managed;
		} else if (!strcmp(w1, "boost")) {
			field = &z.boost;
		}
		if (field && parse_u64(strtok_r(NULL, " \t", &lsave), field))
			return -1;
	}
	if (!any)
		return -1;
	return fn(&z, arg);
}

uint64_t zoneinfo_atomic_floor(uint64_t min, uint64_t boost)
{
	uint64_t m = boost < min ? min - boost : 0;

	m -= m / 2;		/* ALLOC_MIN_RESERVE (__GFP_HIGH) */
	m -= m / 4;		/* ALLOC_NON_BLOCK (no direct reclaim) */
	return m;
}

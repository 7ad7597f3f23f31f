// SPDX-License-Identifier: GPL-2.0
/* Parsers of /proc/meminfo and /proc/vmstat; /proc/zoneinfo via ../common. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parsenum.h"
#include "parsers.h"
#include "zoneinfo.h"

int parse_meminfo(char *text, struct st_meminfo *m)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "MemTotal:", offsetof(struct st_meminfo, mem_total_kb) },
		{ "MemFree:", offsetof(struct st_meminfo, mem_free_kb) },
		{ "MemAvailable:", offsetof(struct st_meminfo, mem_avail_kb) },
		{ "SwapTotal:", offsetof(struct st_meminfo, swap_total_kb) },
		{ "SwapFree:", offsetof(struct st_meminfo, swap_free_kb) },
	};
	unsigned int seen = 0;
	char *save = NULL, *line;
	size_t i;

	memset(m, 0, sizeof(*m));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *lsave = NULL;
		char *key = strtok_r(line, " \t", &lsave);
		char *val = strtok_r(NULL, " \t", &lsave);

		if (!key)
			continue;
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (strcmp(key, keys[i].key))
				continue;
			if (parse_u64(val, (uint64_t *)((char *)m + keys[i].off)))
				return -1;
			seen |= 1U << i;
		}
	}
	return seen == (1U << (sizeof(keys) / sizeof(keys[0]))) - 1 ? 0 : -1;
}

int parse_vmstat(char *text, struct st_vmstat *v)
{
	bool have_in = false, have_out = false;
	char *save = NULL, *line;
	uint64_t val;

	memset(v, 0, sizeof(*v));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *lsave = NULL;
		char *key = strtok_r(line, " ", &lsave);
		char *num = strtok_r(NULL, " ", &lsave);

		if (!key || parse_u64(num, &val))
			return -1;
		if (!strcmp(key, "pswpin")) {
			v->pswpin = val;
			have_in = true;
		} else if (!strcmp(key, "pswpout")) {
			v->pswpout = val;
			have_out = true;
		} else if (!strcmp(key, "pgscan_direct_throttle")) {
			v->pgscan_direct_throttle = val;
		} else if (!strcmp(key, "oom_kill")) {
			v->oom_kill = val;
		} else if (!strncmp(key, "allocstall", 10)) {
			/* 6.1 has one counter per zone type; old kernels one */
			v->allocstall += val;
		}
	}
	return have_in && have_out ? 0 : -1;
}

struct zones {
	struct st_zone *zones;
	size_t max, *n;
};

static int add_zone(const struct zoneinfo_zone *z, void *arg)
{
	struct zones *zs = arg;
	struct st_zone *to;

	if (*zs->n >= zs->max || strlen(z->name) >= sizeof(to->name))
		return -1;
	to = &zs->zones[(*zs->n)++];
	*to = (struct st_zone){ .node = z->node, .free = z->free,
				.min = z->min, .low = z->low,
				.high = z->high, .managed = z->managed,
				.boost = z->boost };
	memcpy(to->name, z->name, strlen(z->name) + 1);
	return 0;
}

/* The zones of /proc/zoneinfo: the shared reader (../common/zoneinfo.c). */
int parse_zoneinfo(char *text, struct st_zone *zones, size_t max, size_t *n)
{
	struct zones zs = { .zones = zones, .max = max, .n = n };

	*n = 0;
	return zoneinfo_each(text, add_zone, &zs) ? -1 : 0;
}

// SPDX-License-Identifier: GPL-2.0
/* Parsers of /proc/meminfo, /proc/vmstat and /proc/zoneinfo. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"

/* A whole decimal u64, nothing after it. */
static int parse_u64(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

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

/*
 * Zone blocks start with "Node N, zone NAME"; the watermarks are the
 * lines whose first word is exactly min/low/high (the per-cpu "high:" has
 * a colon), the free count is "pages free N".
 */
int parse_zoneinfo(char *text, struct st_zone *zones, size_t max, size_t *n)
{
	struct st_zone *z = NULL;
	char *save = NULL, *line;
	uint64_t *field;

	*n = 0;
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
			    strlen(w4) >= sizeof(z->name) || *n >= max)
				return -1;
			z = &zones[(*n)++];
			memset(z, 0, sizeof(*z));
			z->node = atoi(w2);
			strcpy(z->name, w4);
			continue;
		}
		if (!z)
			continue;
		field = NULL;
		if (!strcmp(w1, "pages")) {
			w2 = strtok_r(NULL, " \t", &lsave);
			if (w2 && !strcmp(w2, "free"))
				field = &z->free;
		} else if (!strcmp(w1, "min")) {
			field = &z->min;
		} else if (!strcmp(w1, "low")) {
			field = &z->low;
		} else if (!strcmp(w1, "high")) {
			field = &z->high;
		} else if (!strcmp(w1, "managed")) {
			field = &z->managed;
		}
		if (field && parse_u64(strtok_r(NULL, " \t", &lsave), field))
			return -1;
	}
	return *n ? 0 : -1;
}

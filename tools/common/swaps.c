// SPDX-License-Identifier: GPL-2.0
/* swaps: /proc/swaps, line by line. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "octal.h"
#include "swaps.h"

static int parse_num(const char *s, long long *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno || *end ? -1 : 0;
}

void swaps_begin(struct swaps_iter *it, char *text)
{
	it->text = text;
	it->save = NULL;
}

int swaps_next(struct swaps_iter *it, struct swaps_line *l)
{
	char *lsave = NULL, *tok[6], *line;
	long long size, used, prio;
	bool first = it->text;
	int i, nt = 0;

	line = strtok_r(it->text, "\n", &it->save);
	it->text = NULL;
	/* the header: "Filename Type Size Used Priority" */
	if (first && line && !strncmp(line, "Filename", 8))
		line = strtok_r(NULL, "\n", &it->save);
	if (!line)
		return 0;
	for (i = 0; i < 6; i++) {
		tok[i] = strtok_r(i ? NULL : line, " \t", &lsave);
		if (tok[i])
			nt++;
	}
	if (nt != 5 || parse_num(tok[2], &size) || parse_num(tok[3], &used) ||
	    parse_num(tok[4], &prio) || size < 0 || used < 0)
		return -1;
	octal_unescape(tok[0]);
	l->path = tok[0];
	l->type = tok[1];
	l->size_kb = (uint64_t)size;
	l->used_kb = (uint64_t)used;
	l->prio = (int)prio;
	return 1;
}

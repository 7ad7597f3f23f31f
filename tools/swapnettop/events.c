// SPDX-License-Identifier: GPL-2.0
/* A small ring of event lines: the screen shows the newest, batch and
 * JSON the ones that arrived during their interval (by sequence number). */
#include <stdio.h>
#include <string.h>

#include "events.h"

void evlog_init(struct evlog *log)
{
	memset(log, 0, sizeof(*log));
	log->next_seq = 1;
}

void evlog_add(struct evlog *log, time_t when, const char *text)
{
	struct evlog_entry *e = &log->e[log->next_seq % EVLOG_SIZE];

	e->seq = log->next_seq++;
	e->when = when;
	snprintf(e->text, sizeof(e->text), "%s", text);
}

const struct evlog_entry *evlog_get(const struct evlog *log, uint64_t seq)
{
	const struct evlog_entry *e = &log->e[seq % EVLOG_SIZE];

	return seq && e->seq == seq ? e : NULL;
}

const struct evlog_entry *evlog_next(const struct evlog *log, uint64_t *seen)
{
	const struct evlog_entry *e;
	uint64_t last = log->next_seq - 1;

	if (last > EVLOG_SIZE && *seen < last - EVLOG_SIZE)
		*seen = last - EVLOG_SIZE;
	if (*seen >= last)
		return NULL;
	e = evlog_get(log, *seen + 1);
	(*seen)++;
	return e;
}

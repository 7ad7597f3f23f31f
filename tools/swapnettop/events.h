/* SPDX-License-Identifier: GPL-2.0 */
/* The last swapnet events from the netlink "events" group, as text. */
#ifndef SWAPNETTOP_EVENTS_H
#define SWAPNETTOP_EVENTS_H

#include <stdint.h>
#include <time.h>

#define EVLOG_SIZE	16
#define EVLOG_TEXT	320	/* name, what, reason, server */

struct evlog_entry {
	uint64_t seq;
	time_t when;
	char text[EVLOG_TEXT];
};

struct evlog {
	uint64_t next_seq;		/* seq of the next entry; starts at 1 */
	struct evlog_entry e[EVLOG_SIZE];
};

void evlog_init(struct evlog *log);
void evlog_add(struct evlog *log, time_t when, const char *text);
/* Entry with sequence number seq, or NULL if it was never or no longer kept. */
const struct evlog_entry *evlog_get(const struct evlog *log, uint64_t seq);

/*
 * The oldest entry newer than *seen, advancing *seen past it; NULL when
 * there is none.  Entries that fell out of the ring are skipped.
 */
const struct evlog_entry *evlog_next(const struct evlog *log, uint64_t *seen);

#endif /* SWAPNETTOP_EVENTS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* Batch (-b) text and JSON (-j) renderings of a view. */
#ifndef SWAPNETTOP_OUTPUT_H
#define SWAPNETTOP_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "events.h"
#include "view.h"

/*
 * One block of text lines for the interval.  Events with a sequence
 * number above *ev_seen are printed and *ev_seen advanced.
 */
void batch_print(FILE *f, const struct view *v, const struct evlog *log,
		 uint64_t *ev_seen);

/*
 * One JSON object, newline-terminated: on one line (NDJSON for a series),
 * or indented when pretty; -1 on ENOMEM.
 */
int json_print(FILE *f, const struct view *v, const struct evlog *log,
	       uint64_t *ev_seen, bool pretty);

/* "2026-11-22T15:00:00Z" */
void format_utc(time_t t, char *buf, size_t len);

#endif /* SWAPNETTOP_OUTPUT_H */

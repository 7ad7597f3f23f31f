/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reserve_lab: what the lab's threshold runs found, per kernel series,
 * for `swapnetctl reserve` to print next to the model's number.  The
 * table is in reserve_lab.c; every row cites the report with its runs.
 */
#ifndef SWAPNETCTL_RESERVE_LAB_H
#define SWAPNETCTL_RESERVE_LAB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json.h>

struct reserve_lab_row {
	const char *series;	/* "6.1", "6.12" */
	const char *flood;	/* "udp", "tcp" */
	const char *setup;	/* module and defaults of the runs */
	uint64_t held_kb;	/* smallest reserve that held in every run at
				 * it, none larger froze; 0: none */
	uint64_t froze_kb;	/* largest reserve that froze, 0: none */
	uint64_t threshold_kb;	/* the smallest reserve run at least 3
				 * times that never froze, 0: none; then
				 * the text gives the bounds that held_kb
				 * and froze_kb set */
	const char *runs;	/* how many runs, briefly */
	const char *report;	/* tests/lab/reports/... */
};

extern const struct reserve_lab_row reserve_lab_rows[];
extern const size_t reserve_lab_nrows;

/*
 * The kernel series ("6.12") of <root>/proc/sys/kernel/osrelease, or of
 * uname() when that cannot be read and root is "/"; "" when unknown.
 */
void reserve_lab_series(const char *root, char *buf, size_t len);

/*
 * The rows of series, as "lab:" lines / as a JSON object; the last line
 * says when no row of series has a threshold, or when there is no row.
 */
void reserve_lab_text(FILE *out, const char *series);
/* The same for another table (the unit tests'). */
void reserve_lab_text_rows(FILE *out, const char *series,
			   const struct reserve_lab_row *rows, size_t nrows);
json_object *reserve_lab_json(const char *series);

#endif /* SWAPNETCTL_RESERVE_LAB_H */

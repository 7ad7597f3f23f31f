/* SPDX-License-Identifier: GPL-2.0 */
/*
 * checklist: the results of swapnetctl check, one line each with the fix,
 * printed as text (✓/✗/?) or JSON with the same field names.
 */
#ifndef SWAPNETCTL_CHECKLIST_H
#define SWAPNETCTL_CHECKLIST_H

#include <stdbool.h>
#include <stdio.h>

enum check_status { CHECK_OK, CHECK_FAIL, CHECK_UNKNOWN };

#define CHECKLIST_MAX 32

struct check_item {
	char check[64];		/* what was checked */
	enum check_status status;
	char detail[512];	/* what was found */
	char fix[512];		/* what to do ("" when ok) */
};

struct checklist {
	int n;
	struct check_item items[CHECKLIST_MAX];
};

/* Record one result; fix may be NULL.  Returns the status. */
enum check_status checklist_add(struct checklist *l, const char *check,
				enum check_status status, const char *fix,
				const char *detail_fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* true when no item failed (unknown does not fail) */
bool checklist_ok(const struct checklist *l);

void checklist_print_text(FILE *out, const struct checklist *l);
void checklist_print_json(FILE *out, const struct checklist *l,
			  const char *target);

#endif /* SWAPNETCTL_CHECKLIST_H */

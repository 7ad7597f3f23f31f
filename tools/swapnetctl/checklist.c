// SPDX-License-Identifier: GPL-2.0
/* checklist: swapnetctl check's results and their output (checklist.h). */
#include <langinfo.h>
#include <stdarg.h>
#include <string.h>

#include <json.h>

#include "checklist.h"
#include "jsonout.h"
#include "textwrap.h"

static const char *const status_name[] = { "ok", "fail", "unknown" };
static const char *const status_mark[] = { "\u2713", "\u2717", "?" };
static const char *const status_ascii[] = { "ok", "FAIL", "?" };

enum check_status checklist_add(struct checklist *l, const char *check,
				enum check_status status, const char *fix,
				const char *detail_fmt, ...)
{
	struct check_item *it;
	va_list ap;

	if (l->n == CHECKLIST_MAX)
		return status;
	it = &l->items[l->n++];
	snprintf(it->check, sizeof(it->check), "%s", check);
	it->status = status;
	va_start(ap, detail_fmt);
	vsnprintf(it->detail, sizeof(it->detail), detail_fmt, ap);
	va_end(ap);
	snprintf(it->fix, sizeof(it->fix), "%s",
		 status != CHECK_OK && fix ? fix : "");
	return status;
}

bool checklist_ok(const struct checklist *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].status == CHECK_FAIL)
			return false;
	return true;
}

void checklist_print_text(FILE *out, const struct checklist *l)
{
	/* the check marks only where the terminal's charset has them */
	const char *const *mark = strcmp(nl_langinfo(CODESET), "UTF-8") ?
				  status_ascii : status_mark;
	char prefix[160];
	int i;

	for (i = 0; i < l->n; i++) {
		const struct check_item *it = &l->items[i];
		int cols;

		cols = snprintf(prefix, sizeof(prefix), "%s %s: ",
				mark[it->status], it->check);
		/* U+2713 and U+2717 are three bytes, one column */
		if (mark == status_mark && it->status != CHECK_UNKNOWN)
			cols -= 2;
		text_wrap(out, prefix, cols, 4, it->detail);
		if (it->fix[0])
			text_wrap(out, "    fix: ", 9, 9, it->fix);
	}
}

void checklist_print_json(FILE *out, const struct checklist *l,
			  const char *target)
{
	json_object *o = json_object_new_object(), *a = json_object_new_array();
	int i;

	json_object_object_add(o, "target",
			       target ? json_object_new_string(target) : NULL);
	for (i = 0; i < l->n; i++) {
		const struct check_item *it = &l->items[i];
		json_object *j = json_object_new_object();

		json_object_object_add(j, "check", json_object_new_string(it->check));
		json_object_object_add(j, "status",
				       json_object_new_string(status_name[it->status]));
		json_object_object_add(j, "detail", json_object_new_string(it->detail));
		/* no fix needed: no "fix" key, rather than an empty one */
		if (it->fix[0])
			json_object_object_add(j, "fix",
					       json_object_new_string(it->fix));
		json_object_array_add(a, j);
	}
	json_object_object_add(o, "checks", a);
	json_object_object_add(o, "ok", json_object_new_boolean(checklist_ok(l)));
	fprintf(out, "%s\n", json_object_to_json_string_ext(o, json_flags()));
	json_object_put(o);
}

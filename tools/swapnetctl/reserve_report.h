/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reserve_report: the reserve breakdown as text and as JSON.  Both use
 * the same field names (units in the names: _kb, _bytes).
 */
#ifndef SWAPNETCTL_RESERVE_REPORT_H
#define SWAPNETCTL_RESERVE_REPORT_H

#include <stdio.h>

#include <json.h>

#include "reserve_apply.h"

const char *reserve_kind_name(enum reserve_dev_kind kind);
void reserve_report_text(FILE *out, const struct reserve_machine *m,
			 const struct reserve_result *r);
/* A new object; the caller json_object_put()s it. */
json_object *reserve_report_json(const struct reserve_machine *m,
				 const struct reserve_result *r);

#endif /* SWAPNETCTL_RESERVE_REPORT_H */

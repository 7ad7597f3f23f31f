/* SPDX-License-Identifier: GPL-2.0 */
/* cmd_list: how swapnetctl list shows one device (unit tested). */
#ifndef SWAPNETCTL_CMD_LIST_H
#define SWAPNETCTL_CMD_LIST_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>

#include "swapnet_nl.h"

/*
 * A block of lines within 80 columns, as ip(8) prints a link: name,
 * state, label and size; the file; the counters; a "reason: ..." line
 * when the state is not OK.  header is kept for the callers, unused.
 */
void list_print_line(FILE *out, const struct swapnet_dev_info *d, bool header);
/* "owner: HOST (machine-id ..., MAC ...), heartbeat N s ago, seq S" */
void list_print_owner(FILE *out, const struct swapnet_dev_info *d);

/*
 * The device's JSON object (caller puts it); file_handle, uid and gid only
 * when the kernel sent them.
 */
json_object *list_dev_json(const struct swapnet_dev_info *d);

#endif /* SWAPNETCTL_CMD_LIST_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* cmd_list: how swapnetctl list shows one device (unit tested). */
#ifndef SWAPNETCTL_CMD_LIST_H
#define SWAPNETCTL_CMD_LIST_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>

#include "mdmirror.h"
#include "swapnet_nl.h"

/*
 * A block of lines within 80 columns, as ip(8) prints a link: name,
 * state, label and size; the file; the counters; "mirror group N" for
 * a mirror leg; a "reason: ..." line when the state is not OK.  header is kept for the callers, unused.
 */
void list_print_line(FILE *out, const struct swapnet_dev_info *d, bool header);
/* "owner: HOST (machine-id ..., MAC ...), heartbeat N s ago, seq S" */
void list_print_owner(FILE *out, const struct swapnet_dev_info *d);

/*
 * The device's JSON object (caller puts it); file_handle, uid and gid only
 * when the kernel sent them.
 */
json_object *list_dev_json(const struct swapnet_dev_info *d);

/*
 * A mirror leg's two lines (mirror=, mirror.h):
 *   "    mirror /dev/md/NAME (mdX), legs swapnet0 swapnet1"
 *   "    mirror state: in sync" | "degraded: swapnet1 faulty since ..." |
 *   "resyncing 42.1% (recover)"
 */
void list_print_mirror(FILE *out, const struct mdm_state *m, time_t now);
/* {"md", "device", "name", "status", ..., "legs": [...]} */
json_object *list_mirror_json(const struct mdm_state *m);

#endif /* SWAPNETCTL_CMD_LIST_H */

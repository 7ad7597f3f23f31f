/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jsonout: -j and -p as iproute2 and swapnettop take them.  -j (--json)
 * prints JSON on one line, -p (--pretty) indents it; both may come
 * before the command (`swapnetctl -j list`) or among its options.
 */
#ifndef SWAPNETCTL_JSONOUT_H
#define SWAPNETCTL_JSONOUT_H

#include <stdbool.h>

extern bool json_output;	/* -j */
extern bool json_pretty;	/* -p */

/* json_object_to_json_string_ext()'s flags for -p or not */
int json_flags(void);

/*
 * After a command's options: -p without -j is a usage error (1 after
 * the message), else 0.
 */
int json_check(const char *cmd);

#endif /* SWAPNETCTL_JSONOUT_H */

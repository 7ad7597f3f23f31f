// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/netstat: pairs of lines, "TcpExt: Name1 Name2 ..." followed by
 * "TcpExt: v1 v2 ...".  PFMemallocDrop counts packets dropped because
 * they arrived for a socket that may not use the memalloc reserve while
 * the skb came from it (sk_filter_trim_cap): the reserve protecting itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parsers.h"

int parse_netstat_pfmemalloc_drop(char *text, uint64_t *value)
{
	char *save = NULL, *names, *values;

	for (names = strtok_r(text, "\n", &save); names;
	     names = strtok_r(NULL, "\n", &save)) {
		char *nsave = NULL, *vsave = NULL, *name, *val;

		if (strncmp(names, "TcpExt:", 7))
			continue;
		values = strtok_r(NULL, "\n", &save);
		if (!values || strncmp(values, "TcpExt:", 7))
			return -1;
		name = strtok_r(names + 7, " ", &nsave);
		val = strtok_r(values + 7, " ", &vsave);
		while (name && val) {
			if (!strcmp(name, "PFMemallocDrop")) {
				char *end;

				errno = 0;
				*value = strtoull(val, &end, 10);
				return errno || *end || end == val ? -1 : 0;
			}
			name = strtok_r(NULL, " ", &nsave);
			val = strtok_r(NULL, " ", &vsave);
		}
		return -1;
	}
	return -1;
}

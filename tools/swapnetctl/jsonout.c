// SPDX-License-Identifier: GPL-2.0
/* jsonout: -j and -p (jsonout.h). */
#include <stdio.h>

#include <json.h>

#include "jsonout.h"

bool json_output, json_pretty;

int json_flags(void)
{
	return (json_pretty ? JSON_C_TO_STRING_PRETTY :
		JSON_C_TO_STRING_PLAIN) | JSON_C_TO_STRING_NOSLASHESCAPE;
}

int json_check(const char *cmd)
{
	if (json_pretty && !json_output) {
		fprintf(stderr, "swapnetctl: %s: -p goes with -j\n", cmd);
		return 1;
	}
	return 0;
}

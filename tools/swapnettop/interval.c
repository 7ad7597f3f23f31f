// SPDX-License-Identifier: GPL-2.0
/* The interval of -d and of the d prompt, one rule for both. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>

#include "swapnettop.h"

int interval_parse(const char *s, double *out)
{
	bool dot = false, digit = false;
	const char *p;
	double v;

	for (p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digit = true;
		else if (*p == '.' && !dot)
			dot = true;
		else
			return -1;
	}
	if (!digit || p - s > 16)
		return -1;
	v = strtod(s, NULL);
	if (!(v >= INTERVAL_MIN) || v > INTERVAL_MAX)
		return -1;
	*out = v;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/* parsenum: whole numbers of /proc and /sys files. */
#include <errno.h>
#include <stdlib.h>

#include "parsenum.h"

int parse_u64(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

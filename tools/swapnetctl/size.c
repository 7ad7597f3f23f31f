// SPDX-License-Identifier: GPL-2.0
/* size: parse the SIZE of swapnetctl create (see size.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"

int size_parse(const char *s, uint64_t *out, char *err, size_t errlen)
{
	unsigned long long n;
	unsigned int shift = 0;
	char *end;

	if (!isdigit((unsigned char)*s)) {
		snprintf(err, errlen, "'%s' is not a size (e.g. 2G)", s);
		return -EINVAL;
	}
	errno = 0;
	n = strtoull(s, &end, 10);
	switch (toupper((unsigned char)*end)) {
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	case 'T': shift = 40; end++; break;
	}
	if (shift && (!strcmp(end, "iB") || !strcmp(end, "B")))
		end += strlen(end);
	if (errno || *end) {
		snprintf(err, errlen, "'%s' is not a size (e.g. 2G)", s);
		return -EINVAL;
	}
	if (n > (UINT64_MAX >> shift)) {
		snprintf(err, errlen, "'%s' is too large", s);
		return -EINVAL;
	}
	n <<= shift;
	if (n < (1u << 20) || n % 4096) {
		snprintf(err, errlen,
			 "'%s' must be at least 1M and a multiple of 4096", s);
		return -EINVAL;
	}
	*out = n;
	return 0;
}

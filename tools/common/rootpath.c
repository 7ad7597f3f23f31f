// SPDX-License-Identifier: GPL-2.0
/* rootpath: a path under a root directory (rootpath.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rootpath.h"

int root_path(char *buf, size_t len, const char *root, const char *fmt, ...)
{
	size_t r = 0;
	va_list ap;
	int n;

	if (!len)
		return errno = ENAMETOOLONG, -1;
	buf[0] = '\0';
	if (root && strcmp(root, "/")) {
		r = strlen(root);
		if (r >= len) {
			snprintf(buf, len, "%s", root);
			return errno = ENAMETOOLONG, -1;
		}
		memcpy(buf, root, r + 1);
	}
	va_start(ap, fmt);
	n = vsnprintf(buf + r, len - r, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len - r)
		return errno = ENAMETOOLONG, -1;
	return 0;
}

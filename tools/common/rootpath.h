/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rootpath: an absolute path under a root directory, the one copy of
 * the idiom both tools use for SWAPNET_ROOT, swapnetctl reserve --root
 * and swapnettop -R (a fixture tree in the tests, "/" on a real system).
 */
#ifndef SWAPNET_ROOTPATH_H
#define SWAPNET_ROOTPATH_H

#include <stddef.h>

/*
 * root, then the path printf-formatted from fmt (which starts with
 * '/'), into buf: root NULL or "/" adds nothing.  0, or -1 with errno
 * ENAMETOOLONG when it does not fit (buf then holds a cut path).
 */
int root_path(char *buf, size_t len, const char *root, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* SWAPNET_ROOTPATH_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the /proc files swapnettop shows, under the root directory
 * (-R).  Parsing is apart (parsers.h): every parser takes the file's
 * text, so the tests can hand them fixtures.
 */
#ifndef SWAPNETTOP_PROCFS_H
#define SWAPNETTOP_PROCFS_H

#include <stddef.h>

/* root + path into buf; -1 (ENAMETOOLONG) when it does not fit. */
int procfs_path(char *buf, size_t len, const char *root, const char *path);

/* Whole file under root, NUL-terminated, malloc'd; NULL with errno set. */
char *procfs_slurp(const char *root, const char *path);

#endif /* SWAPNETTOP_PROCFS_H */

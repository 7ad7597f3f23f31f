/* SPDX-License-Identifier: GPL-2.0 */
/* readfile: the one whole-file reader of both tools. */
#ifndef SWAPNET_READFILE_H
#define SWAPNET_READFILE_H

/*
 * The whole file at path in a malloc'd, NUL-terminated string; NULL with
 * errno set on failure.  /proc files report a size of 0, so it reads
 * until EOF into a growing buffer rather than trusting st_size.
 */
char *read_file(const char *path);

#endif /* SWAPNET_READFILE_H */

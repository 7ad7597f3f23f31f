// SPDX-License-Identifier: GPL-2.0
/*
 * File access for the /proc readers.  Every path goes through
 * procfs_path so that -R DIR points all reads at a fixture tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"

int procfs_path(char *buf, size_t len, const char *root, const char *path)
{
	int n;

	if (!root || !strcmp(root, "/"))
		root = "";
	n = snprintf(buf, len, "%s%s", root, path);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/*
 * /proc files report a size of 0, so read until EOF into a growing
 * buffer rather than trusting st_size.
 */
char *procfs_slurp(const char *root, const char *path)
{
	char name[4096];
	size_t cap = 8192, len = 0;
	char *buf, *nbuf;
	ssize_t r;
	int fd, saved;

	if (procfs_path(name, sizeof(name), root, path))
		return NULL;
	fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	if (!buf)
		goto fail;
	for (;;) {
		if (cap - len < 4096) {
			nbuf = realloc(buf, cap * 2);
			if (!nbuf)
				goto fail;
			buf = nbuf;
			cap *= 2;
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
fail:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return NULL;
}

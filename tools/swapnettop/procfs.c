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
#include "readfile.h"
#include "rootpath.h"

int procfs_path(char *buf, size_t len, const char *root, const char *path)
{
	return root_path(buf, len, root, "%s", path);
}

/* The whole file under root: the shared reader (../common/readfile.c). */
char *procfs_slurp(const char *root, const char *path)
{
	char name[4096];

	if (procfs_path(name, sizeof(name), root, path))
		return NULL;
	return read_file(name);
}

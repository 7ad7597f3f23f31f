// SPDX-License-Identifier: GPL-2.0
/*
 * devnode: wait for /dev/swapnetN after DEV_ADD (attach.h).  Its own
 * file so that the command tests link tests/fakes/fake_devnode.c
 * instead: the real wait sleeps 5 s for a node that never comes there.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "attach.h"

int dev_node_wait(const char *name, char *path, size_t len,
		  char *err, size_t errlen)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	unsigned int maj, min;
	char sys[128];
	struct stat st;
	FILE *f;
	int i;

	snprintf(path, len, "/dev/%s", name);
	/* devtmpfs creates the node at add_disk(); udev may take a moment. */
	for (i = 0; i < 100; i++) {
		if (stat(path, &st) == 0 && S_ISBLK(st.st_mode))
			return 0;
		nanosleep(&ts, NULL);
	}
	snprintf(sys, sizeof(sys), "/sys/block/%s/dev", name);
	f = fopen(sys, "r");
	if (!f || fscanf(f, "%u:%u", &maj, &min) != 2) {
		if (f)
			fclose(f);
		snprintf(err, errlen, "%s did not appear (no %s)", path, sys);
		return -ENOENT;
	}
	fclose(f);
	if (mknod(path, S_IFBLK | 0600, makedev(maj, min)) < 0 &&
	    errno != EEXIST) {
		snprintf(err, errlen, "mknod %s: %s", path, strerror(errno));
		return -errno;
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only dev_node_wait (see ../../devnode.c): the fake kernel makes
 * no /dev node, so answer at once what the real one answers after its
 * 5 s wait, "did not appear", unless fake_devnode_path names a node to
 * hand back.
 */
#include <errno.h>
#include <stdio.h>

#include "attach.h"
#include "fakes.h"

const char *fake_devnode_path;
int fake_devnode_waits;

int dev_node_wait(const char *name, char *path, size_t len,
		  char *err, size_t errlen)
{
	fake_devnode_waits++;
	if (fake_devnode_path) {
		snprintf(path, len, "%s", fake_devnode_path);
		return 0;
	}
	snprintf(path, len, "/dev/%s", name);
	snprintf(err, errlen, "%s did not appear (no /sys/block/%s/dev)",
		 path, name);
	return -ENOENT;
}

// SPDX-License-Identifier: GPL-2.0
/* swapnet in sysfs: a device's flags, the module's version (swapnet_nl.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"
#include "rootpath.h"
#include "swapnet_nl.h"

int swapnet_sysfs_flag(const char *root, const char *dev, const char *attr)
{
	char path[4096], *text;
	int v = -1;

	/* a name, never a path: "swapnet0", not "../x" */
	if (!dev[0] || strchr(dev, '/') || !strcmp(dev, "..") ||
	    root_path(path, sizeof(path), root, "/sys/block/%s/swapnet/%s",
		      dev, attr))
		return -1;
	text = read_file(path);
	if (text && (text[0] == '0' || text[0] == '1') &&
	    (text[1] == '\n' || !text[1]))
		v = text[0] - '0';
	free(text);
	return v;
}

int swapnet_module_version(const char *root, char *buf, size_t len)
{
	char path[4096], *text;

	if (root_path(path, sizeof(path), root, "/sys/module/swapnet/version"))
		return -ENAMETOOLONG;
	text = read_file(path);
	if (!text)
		return -errno;
	text[strcspn(text, "\n")] = '\0';
	snprintf(buf, len, "%s", text);
	free(text);
	return buf[0] ? 0 : -ENODATA;
}

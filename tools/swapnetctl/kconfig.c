// SPDX-License-Identifier: GPL-2.0
/* kconfig: read the running kernel's configuration (see kconfig.h). */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <zlib.h>

#include "kconfig.h"

char kconfig_file(const char *file, const char *name)
{
	size_t len = strlen(name);
	char line[512], val = 'n';
	gzFile f;

	/* gzopen reads an uncompressed file as it is. */
	f = gzopen(file, "rb");
	if (!f)
		return '\0';
	while (gzgets(f, line, sizeof(line)))
		if (!strncmp(line, name, len) && line[len] == '=')
			val = line[len + 1];
	if (!gzeof(f))
		val = '\0';		/* read error: do not guess "not set" */
	gzclose(f);
	if (val != 'y' && val != 'm' && val != '\0')
		val = 'n';
	return val;
}

char kconfig_running(const char *name, char *src, size_t srclen)
{
	char path[300];
	struct utsname u;
	char val;

	val = kconfig_file("/proc/config.gz", name);
	if (val) {
		if (src)
			snprintf(src, srclen, "/proc/config.gz");
		return val;
	}
	if (uname(&u))
		return '\0';
	snprintf(path, sizeof(path), "/boot/config-%s", u.release);
	val = kconfig_file(path, name);
	if (val && src)
		snprintf(src, srclen, "%s", path);
	return val;
}

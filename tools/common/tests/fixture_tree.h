/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-only: a file of a fixture tree (a fake /proc, /sys or /dev under a
 * temporary root), with the directories above it made on the way.
 *
 *	assert_int_equal(fixture_put(root, "proc/swaps", text), 0);
 */
#ifndef SWAPNET_TEST_FIXTURE_TREE_H
#define SWAPNET_TEST_FIXTURE_TREE_H

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* text into root/rel; 0, or -1 when the file cannot be written */
static inline int fixture_put(const char *root, const char *rel,
			      const char *text)
{
	char path[1024], *p;
	FILE *f;
	int ret;

	if (snprintf(path, sizeof(path), "%s/%s", root, rel) >=
	    (int)sizeof(path))
		return -1;
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	if (!f)
		return -1;
	ret = fputs(text, f) < 0 ? -1 : 0;
	return fclose(f) ? -1 : ret;
}

#endif /* SWAPNET_TEST_FIXTURE_TREE_H */

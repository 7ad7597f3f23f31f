/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-only: a fixture directory beside the test's source file, wherever
 * the tests are run from (the tools' tests and common's include it as
 * "tests/fixture_dir.h").
 *
 *	static char root[4096];
 *	FIXTURE_DIR(root, "fixtures/template");	// in main()
 */
#ifndef SWAPNET_TEST_FIXTURE_DIR_H
#define SWAPNET_TEST_FIXTURE_DIR_H

#include <stdio.h>
#include <string.h>

/* rel below the directory of file (a __FILE__), into buf */
static inline void fixture_dir(char *buf, size_t len, const char *file,
			       const char *rel)
{
	const char *slash = strrchr(file, '/');

	snprintf(buf, len, "%.*s%s%s", slash ? (int)(slash - file) : 0, file,
		 slash ? "/" : "", rel);
}

#define FIXTURE_DIR(buf, rel) fixture_dir(buf, sizeof(buf), __FILE__, rel)

#endif /* SWAPNET_TEST_FIXTURE_DIR_H */

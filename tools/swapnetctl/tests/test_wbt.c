// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of attach.c's disable_wbt_at: 0 goes into wbt_lat_usec; a
 * kernel without the file is not an error; any other failure is one
 * warning and a negative errno, never fatal.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../attach.h"

static char root[64];

static void mk(const char *rel)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

static void test_wbt(void **state)
{
	char p[256], buf[32] = "";
	FILE *f;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/swapnet-wbt-XXXXXX");
	assert_non_null(mkdtemp(root));
	mk("block");
	mk("block/swapnet0");
	mk("block/swapnet0/queue");
	snprintf(p, sizeof(p), "%s/block/swapnet0/queue/wbt_lat_usec", root);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("75000\n", f);
	fclose(f);

	assert_int_equal(disable_wbt_at(root, "swapnet0"), 0);
	f = fopen(p, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "0\n");

	/* no wbt in this kernel: nothing to do, no error */
	assert_int_equal(disable_wbt_at(root, "swapnet1"), 1);

	/* cannot write: a warning and -errno */
	mk("block/swapnet2");
	mk("block/swapnet2/queue");
	mk("block/swapnet2/queue/wbt_lat_usec");
	assert_int_equal(disable_wbt_at(root, "swapnet2"), -EISDIR);

	unlink(p);
	snprintf(p, sizeof(p), "%s/block/swapnet2/queue/wbt_lat_usec", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/block/swapnet2/queue", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/block/swapnet2", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/block/swapnet0/queue", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/block/swapnet0", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/block", root);
	rmdir(p);
	rmdir(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wbt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

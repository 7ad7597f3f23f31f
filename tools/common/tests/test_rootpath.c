// SPDX-License-Identifier: GPL-2.0
/* root_path(): "/" and NULL add nothing, a fixture root is prefixed. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rootpath.h"

static void test_root_path(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(root_path(buf, sizeof(buf), "/", "/proc/%s", "swaps"), 0);
	assert_string_equal(buf, "/proc/swaps");
	assert_int_equal(root_path(buf, sizeof(buf), NULL, "/etc/x"), 0);
	assert_string_equal(buf, "/etc/x");
	assert_int_equal(root_path(buf, sizeof(buf), "/tmp/r", "/sys/block/%s/dev",
				   "sw0"), 0);
	assert_string_equal(buf, "/tmp/r/sys/block/sw0/dev");
	/* too long: -1, ENAMETOOLONG, never past buf */
	errno = 0;
	assert_int_equal(root_path(buf, 12, "/tmp/r", "/sys/block"), -1);
	assert_int_equal(errno, ENAMETOOLONG);
	assert_int_equal(root_path(buf, 4, "/tmp/r", "/x"), -1);
	assert_string_equal(buf, "/tm");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

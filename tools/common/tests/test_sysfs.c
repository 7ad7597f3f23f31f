// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet_sysfs_flag() on tests/fixtures/sys: 1, 0, and -1 for what is
 * not a flag, a missing file or a name that is not a device name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"

#include "swapnet_nl.h"

static char root[4096];

static void test_flags(void **state)
{
	(void)state;
	assert_int_equal(swapnet_sysfs_flag(root, "swapnet0", "swap_active"), 1);
	assert_int_equal(swapnet_sysfs_flag(root, "swapnet0", "for_swap"), 1);
	assert_int_equal(swapnet_sysfs_flag(root, "swapnet1", "swap_active"), 0);
	/* an older module: no file */
	assert_int_equal(swapnet_sysfs_flag(root, "swapnet1", "for_swap"), -1);
	assert_int_equal(swapnet_sysfs_flag(root, "swapnet2", "swap_active"), -1);
	assert_int_equal(swapnet_sysfs_flag(root, "swapnet9", "swap_active"), -1);
	assert_int_equal(swapnet_sysfs_flag(root, "../block/swapnet0",
					    "swap_active"), -1);
	assert_int_equal(swapnet_sysfs_flag(root, "", "swap_active"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags),
	};

	FIXTURE_DIR(root, "fixtures");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

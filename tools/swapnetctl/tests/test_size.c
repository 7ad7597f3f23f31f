// SPDX-License-Identifier: GPL-2.0
/* Unit tests of size_parse() (swapnetctl create --size). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../size.h"

static void test_good(void **state)
{
	char err[256];
	uint64_t v;

	(void)state;
	assert_int_equal(size_parse("2G", &v, err, sizeof(err)), 0);
	assert_true(v == 2147483648ull);
	assert_int_equal(size_parse("512m", &v, err, sizeof(err)), 0);
	assert_true(v == 536870912ull);
	assert_int_equal(size_parse("1MiB", &v, err, sizeof(err)), 0);
	assert_true(v == 1048576);
	assert_int_equal(size_parse("1T", &v, err, sizeof(err)), 0);
	assert_true(v == 1099511627776ull);
	assert_int_equal(size_parse("1052672", &v, err, sizeof(err)), 0);
	assert_true(v == 1052672);	/* 257 x 4096 */
	assert_int_equal(size_parse("4096K", &v, err, sizeof(err)), 0);
	assert_true(v == 4194304);
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"", "G", "-1G", "2X", "2GG", "2 G", "1.5G", "1048577",
		"512K",			/* < 1 MiB */
		"20000000000T",		/* overflows 64 bits */
		"99999999999999999999999",
	};
	char err[256];
	uint64_t v = 7;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(size_parse(bad[i], &v, err, sizeof(err)),
				 -22);
		assert_true(strlen(err) > 0);
		assert_true(v == 7);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

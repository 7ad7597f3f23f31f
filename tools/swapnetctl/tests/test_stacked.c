// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of stacked.h (swapnetctl check's "stable writes" line): the
 * swap areas over swapnet devices through md and dm, found from
 * /proc/swaps and sysfs fixtures built under a temporary root.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../stacked.h"
#include "tests/fixture_tree.h"

static char root[256];

static void put(const char *rel, const char *text)
{
	assert_int_equal(fixture_put(root, rel, text), 0);
}

/* sys/class/block/DEV/REL */
static void sysblk(const char *dev, const char *rel, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "sys/class/block/%s/%s", dev, rel);
	put(path, text);
}

/* a slaves/ entry (a file stands for sysfs's link: only its name counts) */
static void slave(const char *dev, const char *below)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "slaves/%s", below);
	sysblk(dev, rel, "");
}

static void stable(const char *dev, const char *v)
{
	sysblk(dev, "queue/stable_writes", v);
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/test_stacked.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#define SWAPS_HEAD "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"

/* md raid1 over two legs, the flag off (6.1's md): found, stable 0 */
static void test_md_unstable(void **state)
{
	struct stacked_swap s[STACKED_MAX];

	(void)state;
	put("proc/swaps", SWAPS_HEAD
	    "/dev/md127                              partition\t294896\t\t0\t\t-2\n");
	put("dev/md127", "");
	slave("md127", "swapnet0");
	slave("md127", "swapnet1");
	stable("md127", "0\n");
	assert_int_equal(stacked_swaps(root, s, STACKED_MAX), 1);
	assert_string_equal(s[0].dev, "md127");
	assert_int_equal(s[0].nlegs, 2);
	assert_int_equal(s[0].stable, 0);
	stable("md127", "1\n");
	assert_int_equal(stacked_swaps(root, s, STACKED_MAX), 1);
	assert_int_equal(s[0].stable, 1);
}

/* dm-crypt over md over swapnet, named by a /dev/mapper link: the top */
static void test_dm_over_md(void **state)
{
	struct stacked_swap s[STACKED_MAX];
	char link[512];

	(void)state;
	put("proc/swaps", SWAPS_HEAD
	    "/dev/mapper/swapnet-crypt               partition\t294896\t\t0\t\t-2\n");
	put("dev/dm-0", "");
	snprintf(link, sizeof(link), "%s/dev/mapper", root);
	mkdir(link, 0755);
	strcat(link, "/swapnet-crypt");
	assert_int_equal(symlink("../dm-0", link), 0);
	slave("dm-0", "md127");
	slave("md127", "swapnet3");
	slave("md127", "swapnet4");
	stable("dm-0", "0\n");
	stable("md127", "1\n");
	assert_int_equal(stacked_swaps(root, s, STACKED_MAX), 1);
	assert_string_equal(s[0].dev, "dm-0");
	assert_int_equal(s[0].nlegs, 2);
	assert_true((!strcmp(s[0].legs[0], "swapnet3") &&
		     !strcmp(s[0].legs[1], "swapnet4")) ||
		    (!strcmp(s[0].legs[0], "swapnet4") &&
		     !strcmp(s[0].legs[1], "swapnet3")));
	assert_int_equal(s[0].stable, 0);
}

/* swap on swapnet itself, a file, an unrelated disk: none reported */
static void test_not_stacked(void **state)
{
	struct stacked_swap s[STACKED_MAX];

	(void)state;
	put("proc/swaps", SWAPS_HEAD
	    "/dev/swapnet0                           partition\t294896\t\t0\t\t-2\n"
	    "/swapfile                               file\t\t1024\t\t0\t\t-3\n"
	    "/dev/sda2                               partition\t1024\t\t0\t\t-4\n");
	put("dev/swapnet0", "");
	put("dev/sda2", "");
	put("swapfile", "");
	stable("sda2", "0\n");
	assert_int_equal(stacked_swaps(root, s, STACKED_MAX), 0);
}

/* no /proc/swaps: -1; an unreadable flag: -1 in stable */
static void test_unreadable(void **state)
{
	struct stacked_swap s[STACKED_MAX];

	(void)state;
	assert_int_equal(stacked_swaps(root, s, STACKED_MAX), -1);
	put("proc/swaps", SWAPS_HEAD
	    "/dev/md0                                partition\t294896\t\t0\t\t-2\n");
	put("dev/md0", "");
	slave("md0", "swapnet0");
	assert_int_equal(stacked_swaps(root, s, STACKED_MAX), 1);
	assert_int_equal(s[0].stable, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_md_unstable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dm_over_md, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_stacked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

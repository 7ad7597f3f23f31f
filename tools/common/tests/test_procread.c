// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the shared /proc readers in tools/common: swaps.c,
 * zoneinfo.c and mountstats.c (used by swapnetctl's reserve probe and by
 * swapnettop).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include <cmocka.h>

#include "mountstats.h"
#include "swaps.h"
#include "zoneinfo.h"

static void test_swaps(void **state)
{
	char text[] =
		"Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		"/dev/swapnet0                           partition\t8388604\t\t12\t\t10\n"
		"/mnt/nfs/swap\\040file  file\t1048572\t0\t-2\n"
		"/short line\n"
		"/dev/nbd0 partition 10 x 5\n"
		"/dev/sda2 partition 999420 0 -4\n";
	struct swaps_iter it;
	struct swaps_line l;

	(void)state;
	swaps_begin(&it, text);
	assert_int_equal(swaps_next(&it, &l), 1);
	assert_string_equal(l.path, "/dev/swapnet0");
	assert_string_equal(l.type, "partition");
	assert_true(l.size_kb == 8388604 && l.used_kb == 12 && l.prio == 10);
	assert_int_equal(swaps_next(&it, &l), 1);
	assert_string_equal(l.path, "/mnt/nfs/swap file");
	assert_string_equal(l.type, "file");
	assert_int_equal(l.prio, -2);
	assert_int_equal(swaps_next(&it, &l), -1);	/* two fields */
	assert_int_equal(swaps_next(&it, &l), -1);	/* used not a number */
	assert_int_equal(swaps_next(&it, &l), 1);	/* goes on after them */
	assert_string_equal(l.path, "/dev/sda2");
	assert_int_equal(swaps_next(&it, &l), 0);
}

static void test_swaps_no_header(void **state)
{
	char empty[] = "Filename Type Size Used Priority\n";
	char bare[] = "/swapfile file 4 0 -1\n";
	struct swaps_iter it;
	struct swaps_line l;

	(void)state;
	swaps_begin(&it, empty);
	assert_int_equal(swaps_next(&it, &l), 0);
	swaps_begin(&it, bare);
	assert_int_equal(swaps_next(&it, &l), 1);
	assert_string_equal(l.path, "/swapfile");
	assert_int_equal(swaps_next(&it, &l), 0);
}

struct zones {
	struct zoneinfo_zone z[8];
	int n, stop_at;
};

static int add_zone(const struct zoneinfo_zone *z, void *arg)
{
	struct zones *zs = arg;

	if (zs->n == zs->stop_at)
		return 7;
	zs->z[zs->n++] = *z;
	return 0;
}

static const char zoneinfo[] =
	"Node 0, zone      DMA\n"
	"  per-node stats\n"
	"      nr_inactive_anon 1024\n"
	"  pages free     3584\n"
	"        min      27\n"
	"        low      33\n"
	"        high     39\n"
	"        spanned  4095\n"
	"        present  3998\n"
	"        managed  3840\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count: 0\n"
	"              high:  378\n"
	"Node 1, zone   Normal\n"
	"  pages free     12000000\n"
	"        min      21500\n"
	"        present  16252928\n"
	"        managed  8000000\n";

static void test_zoneinfo(void **state)
{
	struct zones zs = { .stop_at = -1 };
	char *text = strdup(zoneinfo);

	(void)state;
	assert_non_null(text);
	assert_int_equal(zoneinfo_each(text, add_zone, &zs), 0);
	free(text);
	assert_int_equal(zs.n, 2);
	assert_string_equal(zs.z[0].name, "DMA");
	assert_int_equal(zs.z[0].node, 0);
	assert_true(zs.z[0].free == 3584 && zs.z[0].min == 27 &&
		    zs.z[0].low == 33 && zs.z[0].high == 39);	/* not "high:" */
	assert_true(zs.z[0].present == 3998 && zs.z[0].managed == 3840);
	assert_string_equal(zs.z[1].name, "Normal");
	assert_int_equal(zs.z[1].node, 1);
	assert_true(zs.z[1].present == 16252928 &&
		    zs.z[1].managed == 8000000);
}

static void test_zoneinfo_bad(void **state)
{
	struct zones zs = { .stop_at = -1 };
	char none[] = "nr_free_pages 5\n";
	char badnum[] = "Node 0, zone DMA\n  managed 12x\n";
	char badzone[] = "Node 0, zonk DMA\n";
	char *text = strdup(zoneinfo);

	(void)state;
	assert_int_equal(zoneinfo_each(none, add_zone, &zs), -1);
	assert_int_equal(zoneinfo_each(badnum, add_zone, &zs), -1);
	assert_int_equal(zoneinfo_each(badzone, add_zone, &zs), -1);
	assert_int_equal(zs.n, 0);
	/* the callback's return stops the reading and is returned */
	assert_non_null(text);
	zs.stop_at = 1;
	assert_int_equal(zoneinfo_each(text, add_zone, &zs), 7);
	assert_int_equal(zs.n, 1);
	free(text);
}

static const char mountstats[] =
	"device /dev/sda1 mounted on / with fstype ext4\n"
	"device 10.0.0.1:/ mounted on /mnt/nfs2 with fstype nfs4 statvers=1.1\n"
	"\txprt:\ttcp 701 0 1 0 3 200 200 0 300 0 999 0 0\n"
	"\tper-op statistics\n"
	"\t        READ: 9 9 0 9 9 9 9 9 0\n"
	"device 10.0.0.1:/export mounted on /mnt/nfs\\040dir with fstype nfs statvers=1.1\n"
	"\topts:\trw,vers=3,wsize=65536\n"
	"\txprt:\ttcp 832 1 2 0 0 51234 51234 0 912345 0 65 4 11\n"
	"\tper-op statistics\n"
	"\t        NULL: 1 1 0 44 24 0 0 0 0\n"
	"\t        READ: 10 11 1 1000 2000 3 4 5 6\n"
	"\t       WRITE: 20 21 2 3000 4000 7 8 9\n"
	"device 10.0.0.1:/other mounted on /mnt/nfs\\040dir with fstype nfs statvers=1.1\n"
	"\txprt:\ttcp 833 1 2 0 0 5 5 0 9 0 77 4 11\n";

static void test_mountstats(void **state)
{
	struct mountstats_nfs st;

	(void)state;
	assert_int_equal(mountstats_of(mountstats, "/mnt/nfs dir", &st), 0);
	assert_true(st.have_read && st.have_write && !st.bad_op);
	assert_true(st.read.ops == 10 && st.read.ntrans == 11 &&
		    st.read.timeouts == 1 && st.read.bytes_sent == 1000 &&
		    st.read.bytes_recv == 2000 && st.read.queue_ms == 3 &&
		    st.read.rtt_ms == 4 && st.read.exe_ms == 5 &&
		    st.read.errors == 6);
	/* statvers 1.0: no errors field */
	assert_true(st.write.ops == 20 && st.write.exe_ms == 9 &&
		    st.write.errors == 0);
	/* the first block for the mount point, not the later one */
	assert_true(st.have_tcp && st.tcp_max_slots == 65);

	assert_int_equal(mountstats_of(mountstats, "/mnt/nfs2", &st), 0);
	assert_true(st.have_read && !st.have_write);
	assert_true(st.have_tcp && st.tcp_max_slots == 999);

	assert_int_equal(mountstats_of(mountstats, "/", &st), -ENOENT);
	assert_int_equal(mountstats_of(mountstats, "/mnt/nfs", &st), -ENOENT);
	assert_int_equal(mountstats_of("", "/mnt/nfs", &st), -ENOENT);
}

static void test_mountstats_bad(void **state)
{
	static const char bad[] =
		"device s:/e mounted on /m with fstype nfs statvers=1.1\n"
		"\txprt:\ttcp 1 2 3\n"
		"\tper-op statistics\n"
		"\t        READ: 1 2 3\n"
		"\t       WRITE: 1 2 3 4 5 6 7 8 9\n";
	static const char noops[] =
		"device s:/e mounted on /m with fstype nfs statvers=1.1\n"
		"\t        READ: 1 2 3 4 5 6 7 8 9\n";
	struct mountstats_nfs st;

	(void)state;
	assert_int_equal(mountstats_of(bad, "/m", &st), 0);
	assert_true(st.bad_op && !st.have_read && st.have_write);
	assert_false(st.have_tcp);
	/* op lines count only after "per-op statistics" */
	assert_int_equal(mountstats_of(noops, "/m", &st), 0);
	assert_false(st.have_read);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swaps),
		cmocka_unit_test(test_swaps_no_header),
		cmocka_unit_test(test_zoneinfo),
		cmocka_unit_test(test_zoneinfo_bad),
		cmocka_unit_test(test_mountstats),
		cmocka_unit_test(test_mountstats_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the module's failfast decisions, kmod/failfast.h: the
 * very functions swapnet.ko applies (io.c), compiled on the host.  The
 * request streams are what md raid1 sends a leg (drivers/md/raid1.c and
 * md.c md_super_write, 6.1 and 6.12): marked data WRITEs while both
 * legs work, unmarked sequential READs of leg 0, marked superblock and
 * bitmap WRITEs (REQ_META) on every leg, unmarked data WRITEs once md
 * is degraded; and plain swap, which marks nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../../kmod/failfast.h"

#define NONE SWAPNET_FF_NONE
#define ARMED SWAPNET_FF_ARMED
#define PLAIN SWAPNET_FF_PLAIN

/* one request: marked (failfast), md metadata, WRITE */
struct rq {
	bool failfast, meta, write;
};

static const struct rq data_write_ff = { true, false, true };
static const struct rq data_write = { false, false, true };
static const struct rq data_read_ff = { true, false, false };
static const struct rq data_read = { false, false, false };
static const struct rq meta_write_ff = { true, true, true };
static const struct rq meta_write = { false, true, true };

static enum swapnet_ff_said feed(enum swapnet_ff_said said,
				 const struct rq *r)
{
	return swapnet_ff_said_next(said, r->failfast, r->meta, r->write);
}

/* The table, one row at a time. */
static void test_said_next(void **state)
{
	const enum swapnet_ff_said all[] = { NONE, ARMED, PLAIN };

	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		/* a marked data bio: another leg works */
		assert_int_equal(feed(all[i], &data_write_ff), ARMED);
		assert_int_equal(feed(all[i], &data_read_ff), ARMED);
		/* metadata and unmarked READs say nothing */
		assert_int_equal(feed(all[i], &meta_write_ff), all[i]);
		assert_int_equal(feed(all[i], &data_read), all[i]);
	}
	/* an unmarked WRITE: md's last leg, once md has marked any */
	assert_int_equal(feed(NONE, &data_write), NONE);
	assert_int_equal(feed(ARMED, &data_write), PLAIN);
	assert_int_equal(feed(PLAIN, &data_write), PLAIN);
	/* LastDev: md's superblock unmarked, after a failed marked one */
	assert_int_equal(feed(ARMED, &meta_write), PLAIN);
}

/*
 * Plain swap on /dev/swapnetN: no bio is ever marked.  The device stays
 * NONE, and no silence, however long, may fence it: hard semantics.
 */
static void test_plain_swap_never(void **state)
{
	const struct rq *stream[] = { &data_write, &data_read, &data_write,
				      &meta_write, &data_read };
	enum swapnet_ff_said said = NONE;

	(void)state;
	for (size_t i = 0; i < sizeof(stream) / sizeof(stream[0]); i++) {
		said = feed(said, stream[i]);
		assert_int_equal(said, NONE);
		assert_false(swapnet_ff_may_fence(said, true, false));
		assert_false(swapnet_ff_may_fence(said, false, false));
	}
}

/*
 * The lab's phase 2 (6.1): md wrote both legs (marked), then only
 * sequential READs of leg 0 waited when server1's cable was pulled.
 * Those READs are unmarked; the leg is ARMED, so their silence fences
 * it (133bee3 waited for md's next marked bio: 30.7 s).
 */
static void test_unmarked_reads_of_an_armed_leg(void **state)
{
	enum swapnet_ff_said said = NONE;

	(void)state;
	said = feed(said, &data_write_ff);
	said = feed(said, &data_read);
	said = feed(said, &data_read);
	assert_int_equal(said, ARMED);
	assert_true(swapnet_ff_may_fence(said, true, false));
	/* md's last marked bio too old: only a marked request fences */
	assert_false(swapnet_ff_may_fence(said, false, false));
	assert_true(swapnet_ff_may_fence(said, false, true));
}

/*
 * md failed the other leg: it writes this one unmarked.  Nothing may
 * fence it now, not even md's superblock or bitmap write, which md
 * still marks; failing that would make md fail its last leg, and
 * raid1 then refuses every WRITE (MD_BROKEN).  A fence already up
 * fails no marked request at once either.
 */
static void test_last_leg_never(void **state)
{
	enum swapnet_ff_said said = NONE;

	(void)state;
	said = feed(said, &data_write_ff);
	said = feed(said, &data_write);		/* degraded */
	said = feed(said, &meta_write_ff);	/* md_update_sb */
	said = feed(said, &data_read);
	assert_int_equal(said, PLAIN);
	assert_false(swapnet_ff_may_fence(said, true, true));
	assert_false(swapnet_ff_may_fence(said, true, false));
	assert_false(swapnet_ff_fails_fenced(said));
	/* the other leg is back and in sync: md marks again */
	said = feed(said, &data_write_ff);
	assert_int_equal(said, ARMED);
	assert_true(swapnet_ff_may_fence(said, true, true));
	assert_true(swapnet_ff_fails_fenced(said));
}

/*
 * A new array before any data: only md's marked superblock writes.
 * A marked request fences as in 133bee3 (md's judgement); unmarked
 * ones do not.
 */
static void test_metadata_only(void **state)
{
	enum swapnet_ff_said said = feed(NONE, &meta_write_ff);

	(void)state;
	assert_int_equal(said, NONE);
	assert_true(swapnet_ff_may_fence(said, false, true));
	assert_false(swapnet_ff_may_fence(said, true, false));
	assert_true(swapnet_ff_fails_fenced(said));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_said_next),
		cmocka_unit_test(test_plain_swap_never),
		cmocka_unit_test(test_unmarked_reads_of_an_armed_leg),
		cmocka_unit_test(test_last_leg_never),
		cmocka_unit_test(test_metadata_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

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

/* ---- mirror groups: a leg fences only while another leg answers ---- */

/* a leg in flight to a server that has been silent since the outage */
static const struct swapnet_ff_leg silent = {
	.fence = false, .failed = false, .ok = true, .busy = true,
	.heard = false,
};

/*
 * The whole decision for one leg of md's mirror (io.c swapnet_timeout
 * and swapnet_fence): its own silence (failfast.h's first table), then
 * the group's.  other: the other leg of a two-leg mirror.
 */
static bool leg_fences(enum swapnet_ff_said said, bool marked,
		       unsigned int group, const struct swapnet_ff_leg *other)
{
	return swapnet_ff_may_fence(said, true, marked) &&
	       swapnet_ff_group_may_fence(group,
					  swapnet_ff_leg_answers(other));
}

/*
 * Issue 22, lab swapnet-mirror-both: both servers silent at once (the
 * client's cable).  Both legs are ARMED with marked WRITEs in flight;
 * each alone would fence (the code before: md failed one leg and broke
 * the array on the other, MD_BROKEN).  In one group neither fences.
 */
static void test_group_both_silent(void **state)
{
	enum swapnet_ff_said said = feed(NONE, &data_write_ff);

	(void)state;
	/* alone (group 0, as every device was before): both fence */
	assert_true(leg_fences(said, true, 0, &silent));
	/* one group: neither, whichever asks first, at every tick */
	assert_false(leg_fences(said, true, 7, &silent));
	assert_false(leg_fences(said, false, 7, &silent));
	assert_false(leg_fences(ARMED, true, 7, &silent));
}

/*
 * One server silent, the other answering: the silent leg fences (md
 * fails it with the other in sync), and from then on the other, fenced
 * leg answers for nobody: the survivor never fences, even if its own
 * server goes silent later with md's marked requests still in flight.
 */
static void test_group_one_silent(void **state)
{
	struct swapnet_ff_leg b = silent, a = silent;

	(void)state;
	b.heard = true;			/* b answered just now */
	assert_true(leg_fences(ARMED, true, 7, &b));
	a.fence = true;			/* a's fence is up */
	assert_false(swapnet_ff_leg_answers(&a));
	assert_false(leg_fences(ARMED, true, 7, &a));
	a.busy = false;			/* md sends a failed leg nothing */
	assert_false(leg_fences(ARMED, true, 7, &a));
	/* md's last leg (PLAIN) never fences, group or not */
	assert_false(leg_fences(PLAIN, true, 7, &b));
}

/*
 * The lab's cables pulled 5 s apart (6.1, swapnet-mirror-both): a
 * fenced while b still answered, md failed a; then b went silent, still
 * ARMED.  When a's fence came down 42 s later, a answered again (OK,
 * nothing in flight: md sends a failed leg nothing), and b fenced md's
 * last leg.  Now a is out until b sees md whole again (an unmarked data
 * WRITE after a's fence, then a marked one).
 */
static void test_group_staggered(void **state)
{
	struct swapnet_ff_leg a = silent, b = silent;

	(void)state;
	b.heard = true;
	assert_true(leg_fences(ARMED, true, 7, &b));	/* a fences */
	a.busy = false;		/* a's fence lifted, md sends it nothing */
	a.out = false;		/* as before: a answers, b would fence */
	assert_true(leg_fences(ARMED, true, 7, &a));
	a.out = swapnet_ff_leg_out(true, false);	/* fenced, md not whole */
	assert_true(a.out);
	assert_false(swapnet_ff_leg_answers(&a));
	assert_false(leg_fences(ARMED, true, 7, &a));
	assert_false(leg_fences(ARMED, false, 7, &a));
	/* md whole again (a resynced): a answers, b may fence */
	a.out = swapnet_ff_leg_out(true, true);
	assert_false(a.out);
	assert_true(leg_fences(ARMED, true, 7, &a));
	/* never fenced: never out */
	assert_false(swapnet_ff_leg_out(false, false));
}

/* Who answers: the table in failfast.h, row by row. */
static void test_group_answers(void **state)
{
	struct swapnet_ff_leg l;

	(void)state;
	l = silent;
	assert_false(swapnet_ff_leg_answers(&l));
	l.heard = true;			/* a recent reply */
	assert_true(swapnet_ff_leg_answers(&l));
	l.ok = false;			/* NOT_RESPONDING, but heard */
	assert_true(swapnet_ff_leg_answers(&l));
	l.failed = true;		/* its file is gone */
	assert_false(swapnet_ff_leg_answers(&l));
	l = silent;
	l.busy = false;			/* idle and OK */
	assert_true(swapnet_ff_leg_answers(&l));
	l.ok = false;			/* idle, NOT_RESPONDING */
	assert_false(swapnet_ff_leg_answers(&l));
	l = silent;
	l.busy = false;
	l.heard = true;
	l.fence = true;			/* fenced: never */
	assert_false(swapnet_ff_leg_answers(&l));
	l.fence = false;
	l.out = true;			/* out of md: never */
	assert_false(swapnet_ff_leg_answers(&l));
	/* how recent: min(failfast_timeo / 2, 2 s) */
	assert_int_equal(swapnet_ff_heard_ms(5), 2000);
	assert_int_equal(swapnet_ff_heard_ms(4), 2000);
	assert_int_equal(swapnet_ff_heard_ms(3), 1500);
	assert_int_equal(swapnet_ff_heard_ms(1), 500);
	assert_int_equal(swapnet_ff_heard_ms(3600), 2000);
	/* no group: alone, whatever the others */
	assert_true(swapnet_ff_group_may_fence(0, false));
	assert_false(swapnet_ff_group_may_fence(1, false));
	assert_true(swapnet_ff_group_may_fence(1, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_said_next),
		cmocka_unit_test(test_plain_swap_never),
		cmocka_unit_test(test_unmarked_reads_of_an_armed_leg),
		cmocka_unit_test(test_last_leg_never),
		cmocka_unit_test(test_metadata_only),
		cmocka_unit_test(test_group_both_silent),
		cmocka_unit_test(test_group_one_silent),
		cmocka_unit_test(test_group_staggered),
		cmocka_unit_test(test_group_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

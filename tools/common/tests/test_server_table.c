// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the module's server state machine, kmod/server.h: the
 * very functions swapnet.ko applies (server.c), compiled on the host.
 * Every (state, report) pair of its table, and the events of a run of
 * transitions with FAILED at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../../kmod/server.h"

#define OK SWAPNET_STATE_OK
#define NR SWAPNET_STATE_NOT_RESPONDING
#define FAILED SWAPNET_STATE_FAILED

static void test_step_table(void **state)
{
	/* FAILED is final */
	const enum swapnet_state all[] = { OK, NR, FAILED };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		assert_int_equal(swapnet_server_step(FAILED, all[i], true),
				 SWAPNET_STEP_NONE);
		assert_int_equal(swapnet_server_step(FAILED, all[i], false),
				 SWAPNET_STEP_NONE);
	}
	(void)state;
	/* OK -> NOT_RESPONDING or FAILED: a transition */
	assert_int_equal(swapnet_server_step(OK, NR, false), SWAPNET_STEP_CHANGE);
	assert_int_equal(swapnet_server_step(OK, NR, true), SWAPNET_STEP_CHANGE);
	assert_int_equal(swapnet_server_step(OK, FAILED, false),
			 SWAPNET_STEP_CHANGE);
	/* NOT_RESPONDING -> OK or FAILED: a transition */
	assert_int_equal(swapnet_server_step(NR, OK, false), SWAPNET_STEP_CHANGE);
	assert_int_equal(swapnet_server_step(NR, FAILED, true),
			 SWAPNET_STEP_CHANGE);
	/* NOT_RESPONDING again: nothing, or renamed with another reason */
	assert_int_equal(swapnet_server_step(NR, NR, true), SWAPNET_STEP_NONE);
	assert_int_equal(swapnet_server_step(NR, NR, false), SWAPNET_STEP_RENAME);
	/* OK while OK: nothing, whatever the reason */
	assert_int_equal(swapnet_server_step(OK, OK, true), SWAPNET_STEP_NONE);
	assert_int_equal(swapnet_server_step(OK, OK, false), SWAPNET_STEP_NONE);
}

/* OK -> NR -> OK -> NR -> FAILED: events 1..4, the 4th FAILED. */
static void test_events(void **state)
{
	(void)state;
	assert_int_equal(swapnet_server_event(1, 0),
			 SWAPNET_CMD_EVT_NOT_RESPONDING);
	assert_int_equal(swapnet_server_event(2, 0), SWAPNET_CMD_EVT_RESPONDING);
	assert_int_equal(swapnet_server_event(3, 4),
			 SWAPNET_CMD_EVT_NOT_RESPONDING);
	assert_int_equal(swapnet_server_event(4, 4), SWAPNET_CMD_EVT_FAILED);
	/* OK -> FAILED at once: the first transition is FAILED */
	assert_int_equal(swapnet_server_event(1, 1), SWAPNET_CMD_EVT_FAILED);
	/* an even FAILED (from OK after a NOT_RESPONDING run) too */
	assert_int_equal(swapnet_server_event(2, 2), SWAPNET_CMD_EVT_FAILED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_table),
		cmocka_unit_test(test_events),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapnet: the server state machine's table (server.c applies it).
 *
 * Pure: no device, no lock, no kernel interface beyond bool, so that a
 * host test (tools/common/tests/test_server_table.c) runs the very code
 * the module does.  Included by internal.h; a host includes
 * <stdbool.h> first.
 *
 *   state now        report                     result
 *   FAILED           anything                   nothing: FAILED is final
 *   OK               NOT_RESPONDING or FAILED   a transition, an event
 *   NOT_RESPONDING   OK or FAILED               a transition, an event
 *   NOT_RESPONDING   NOT_RESPONDING, same why   nothing
 *   NOT_RESPONDING   NOT_RESPONDING, new why    renamed: logged, no event
 *   OK               OK                         nothing
 */
#ifndef SWAPNET_SERVER_H
#define SWAPNET_SERVER_H

#include "uapi/swapnet.h"

enum swapnet_step {
	SWAPNET_STEP_NONE,	/* the report changes nothing */
	SWAPNET_STEP_RENAME,	/* same state, another reason: logged */
	SWAPNET_STEP_CHANGE,	/* a transition: logged, one event */
};

/* What reporting state (same_reason: with the reason now held) does in old. */
static inline enum swapnet_step
swapnet_server_step(enum swapnet_state old, enum swapnet_state state,
		    bool same_reason)
{
	if (old == SWAPNET_STATE_FAILED)
		return SWAPNET_STEP_NONE;
	if (old != state)
		return SWAPNET_STEP_CHANGE;
	if (state == SWAPNET_STATE_OK || same_reason)
		return SWAPNET_STEP_NONE;
	return SWAPNET_STEP_RENAME;
}

/*
 * The event of transition seq (1, 2, ...; failed_seq 0: none FAILED).
 * Until FAILED, transitions alternate OK -> NOT_RESPONDING -> OK ...:
 * an odd one is NOT_RESPONDING, an even one RESPONDING, and the one
 * recorded in failed_seq is FAILED.
 */
static inline enum swapnet_cmd swapnet_server_event(unsigned int seq,
						    unsigned int failed_seq)
{
	if (failed_seq && seq == failed_seq)
		return SWAPNET_CMD_EVT_FAILED;
	return seq & 1 ? SWAPNET_CMD_EVT_NOT_RESPONDING :
			 SWAPNET_CMD_EVT_RESPONDING;
}

#endif

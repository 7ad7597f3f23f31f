/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapnet: what md's bios say about a failfast leg, and when a silence
 * may fence it (io.c applies it; the top of io.c says why).
 *
 * Pure: no device, no lock, no time, no kernel interface beyond bool,
 * so that a host test (tools/common/tests/test_failfast.c) runs the
 * very code the module does.  Included by internal.h; a host includes
 * <stdbool.h> first.
 *
 *   request md sent                     md's last word becomes
 *   data bio marked failfast            ARMED (another leg works)
 *   WRITE not marked, after any mark    PLAIN (md writes its last leg)
 *   md metadata (REQ_META), marked      unchanged (marked on any leg)
 *   READ not marked                     unchanged (leg 0's sequential)
 *   any request, no mark ever seen      NONE stays NONE
 *
 *   a request silent for failfast_timeo fences the device if
 *   it is marked and md's last word is not PLAIN, or
 *   md's last word is ARMED, recent enough (io.c: 30 s before)
 */
#ifndef SWAPNET_FAILFAST_H
#define SWAPNET_FAILFAST_H

/*
 * What md's bios last said about a failfast leg: nothing yet (every
 * device that never got a failfast bio), a data bio md marked failfast
 * (another leg works: ARMED), or a WRITE md did not mark (md writes its
 * last leg so: PLAIN).
 */
enum swapnet_ff_said {
	SWAPNET_FF_NONE,
	SWAPNET_FF_ARMED,
	SWAPNET_FF_PLAIN,
};

/*
 * md's last word after a request: failfast (all its bios marked), meta
 * (md's superblock or bitmap), write (else a READ).
 */
static inline enum swapnet_ff_said
swapnet_ff_said_next(enum swapnet_ff_said said, bool failfast, bool meta,
		     bool write)
{
	if (failfast && !meta)
		return SWAPNET_FF_ARMED;
	if (write && !failfast && said != SWAPNET_FF_NONE)
		return SWAPNET_FF_PLAIN;
	return said;
}

/*
 * May a request (failfast: marked) that had no reply, and the server
 * none, for failfast_timeo fence the device?  recent: md's last ARMED
 * word is young enough (io.c).
 */
static inline bool swapnet_ff_may_fence(enum swapnet_ff_said said,
					bool recent, bool failfast)
{
	if (said == SWAPNET_FF_PLAIN)
		return false;		/* md's last leg: never */
	return failfast || (said == SWAPNET_FF_ARMED && recent);
}

/* FENCED: does a marked request fail at once (else it is hard)? */
static inline bool swapnet_ff_fails_fenced(enum swapnet_ff_said said)
{
	return said != SWAPNET_FF_PLAIN;
}

#endif

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
 *   md's last word is ARMED, recent enough (io.c: 30 s before),
 *   and, in a mirror group, another leg of the group answers:
 *
 *   the other leg (one of them is enough)        answers
 *   fenced or being fenced                       no
 *   out: fenced once, and md has not been seen    no
 *     whole again since (below)
 *   FAILED (its file is gone)                    no
 *   a reply within min(failfast_timeo / 2, 2 s)  yes
 *   nothing in flight and OK                     yes
 *   else (in flight, silent: the same outage?)   no
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

/*
 * Another leg of a device's mirror group, as the fence decision sees it
 * (io.c swapnet_group_answers, under one lock for every group).
 */
struct swapnet_ff_leg {
	bool fence;		/* FENCING or FENCED */
	bool out;		/* swapnet_ff_leg_out() */
	bool failed;		/* SWAPNET_STATE_FAILED */
	bool ok;		/* SWAPNET_STATE_OK */
	bool busy;		/* requests in flight */
	bool heard;		/* a reply within swapnet_ff_heard_ms() */
};

/* How recent a reply makes a busy leg answer: min(ff / 2, 2 s), in ms. */
static inline unsigned int swapnet_ff_heard_ms(unsigned int ff_s)
{
	return ff_s >= 4 ? 2000 : ff_s * 500;
}

/*
 * Is a leg out of md's mirror as far as the deciding leg can tell?  Once
 * its fence failed md's requests (fenced), md has failed it, and it
 * counts for nothing until md is seen whole again: the deciding leg got
 * an unmarked data WRITE (md degraded) after that fence and then a
 * marked one (md marks a data WRITE only while raid_disks - degraded >
 * 1).  A fence that came down is not enough: md re-adds the leg only
 * later and rebuilds it from the deciding leg, its last in sync until
 * then; nor are marked WRITEs alone, since md may still send ones it
 * built before it failed the leg.
 */
static inline bool swapnet_ff_leg_out(bool fenced, bool whole_since)
{
	return fenced && !whole_since;
}

/* Does that leg answer (the table above)? */
static inline bool swapnet_ff_leg_answers(const struct swapnet_ff_leg *leg)
{
	if (leg->fence || leg->out || leg->failed)
		return false;
	return leg->heard || (!leg->busy && leg->ok);
}

/*
 * May a device of mirror group `group` fence, now that its own silence
 * says so (swapnet_ff_may_fence)?  Group 0 (none): yes, alone, as
 * always.  Else only if another leg of the group answers: md fails the
 * fenced leg with that one still in sync.  With none answering the leg
 * keeps hard semantics, and the next tick of the block layer's timer
 * asks again (io.c says why).
 */
static inline bool swapnet_ff_group_may_fence(unsigned int group,
					      bool other_answers)
{
	return !group || other_answers;
}

/* FENCED: does a marked request fail at once (else it is hard)? */
static inline bool swapnet_ff_fails_fenced(enum swapnet_ff_said said)
{
	return said != SWAPNET_FF_PLAIN;
}

#endif

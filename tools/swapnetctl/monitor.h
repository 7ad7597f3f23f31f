/* SPDX-License-Identifier: GPL-2.0 */
/*
 * monitor: what `swapnetctl monitor` does about a mirror (mirror.h), as
 * a pure function of the md state and the legs' swapnet states, so the
 * tests can feed it every case.
 *
 * A leg md has failed (faulty) or removed is re-added (mdadm --re-add:
 * md resyncs only what the write-intent bitmap marks) once its swapnet
 * device answers again (state OK); while the device does not answer, or
 * is gone, the monitor waits.  A leg md is recovering (a member not yet
 * in sync, not faulty) is left to md.  A re-add that failed is tried
 * again after MONITOR_RETRY_S, not at every tick.
 *
 * Repair from the other leg: a leg whose reads failed verification (the
 * module's VERIFY_ERROR events, each with the block's offset on the
 * leg and the device's verify_errors count) holds wrong words; md
 * failed it (a failfast leg's failed READ is md_error(), not md's
 * read-error repair), the reader got the other leg's copy, and a
 * bitmap re-add does not rewrite those blocks (the bitmap never marked
 * them).  So once every leg is back in sync and md is idle, the regions
 * of those blocks get md's own "repair" (mirror_repair()).  While md
 * resyncs, or a leg is out, the repair waits.
 */
#ifndef SWAPNETCTL_MONITOR_H
#define SWAPNETCTL_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "mdmirror.h"

#define MONITOR_RETRY_S 30

enum monitor_act {
	MON_NONE,			/* in sync, or md is recovering it */
	MON_WAIT,			/* out of the array, not answering */
	MON_READD,			/* out of the array, answering: re-add */
	MON_REPAIR,			/* in sync, verify errors: md's repair */
};

/*
 * The verify errors of one leg not yet repaired.  seen: the highest
 * verify_errors count accounted for (by an event, or by a repair that
 * ended after it).  An event whose count is not above seen is old news
 * (the repair's own reads of the bad blocks fail verification too); one
 * whose count rose by more than one stands for errors whose offsets
 * were not sent (the module sends the latest offset only when errors
 * come faster than its events), and so does a count above seen when
 * the repair starts or after events were lost: then the region is the
 * whole array (whole).  The count alone never starts a repair (its
 * event may be on its way).
 */
#define MONITOR_OFFSETS_MAX 64
struct monitor_verify {
	uint64_t seen;
	bool whole;
	size_t n;
	uint64_t off[MONITOR_OFFSETS_MAX];	/* byte offsets on the leg */
};

/*
 * An event: offset, and the count it carried (have_stats).  False when
 * it is old news (counted already: a repair's own read of the block).
 */
bool monitor_verify_event(struct monitor_verify *v, uint64_t offset,
			  bool have_stats, uint64_t errors);
/* Errors not yet repaired (the events'; the count alone is no cause). */
bool monitor_verify_pending(const struct monitor_verify *v);
/* Events were lost (ENOBUFS): a count above seen makes it whole. */
void monitor_verify_lost(struct monitor_verify *v, uint64_t errors);
/*
 * When the repair starts: a count above seen (errors no event named)
 * makes the region the whole array.  True when a repair is due.
 */
bool monitor_verify_due(struct monitor_verify *v, uint64_t errors);
/* A repair of everything recorded ended well with the count at errors. */
void monitor_verify_done(struct monitor_verify *v, uint64_t errors);

/* What the monitor knows of one leg besides md. */
struct monitor_leg_info {
	int state;			/* SWAPNET_STATE_*, -1: no such device */
	time_t last_fail;		/* the last failed re-add, 0: none */
	bool repair_due;		/* verify errors not yet repaired */
	size_t repair_blocks;		/* their offsets known; 0: unknown */
	time_t repair_fail;		/* the last failed repair, 0: none */
};

struct monitor_decision {
	enum monitor_act act;
	char leg[MDM_NAME_MAX];
	bool listed;			/* md still lists it (faulty): remove first */
	char why[160];
};

/*
 * One decision per leg of m (info[i] for m->legs[i]) into out; returns
 * how many (m->nlegs).
 */
size_t monitor_decide(const struct mdm_state *m,
		      const struct monitor_leg_info *info, time_t now,
		      struct monitor_decision *out);

#endif /* SWAPNETCTL_MONITOR_H */

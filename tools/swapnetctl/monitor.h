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
 */
#ifndef SWAPNETCTL_MONITOR_H
#define SWAPNETCTL_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mdmirror.h"

#define MONITOR_RETRY_S 30

enum monitor_act {
	MON_NONE,			/* in sync, or md is recovering it */
	MON_WAIT,			/* out of the array, not answering */
	MON_READD,			/* out of the array, answering: re-add */
};

/* What the monitor knows of one leg besides md. */
struct monitor_leg_info {
	int state;			/* SWAPNET_STATE_*, -1: no such device */
	time_t last_fail;		/* the last failed re-add, 0: none */
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

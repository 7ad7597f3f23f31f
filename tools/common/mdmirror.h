/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mdmirror: the state of an md raid1 array over swapnet devices (the
 * `mirror=` option of swapnetctl), read from sysfs only, so that list,
 * metrics, monitor and swapnettop say the same thing and the tests can
 * feed fixture trees:
 *   /sys/block/swapnetN/holders/mdX           the array over a leg
 *   /sys/block/mdX/md/{array_state,degraded,sync_action,sync_completed}
 *   /sys/block/mdX/md/dev-NAME/state          each member (in_sync,
 *                                             faulty, failfast, ...)
 *   /dev/md/NAME -> ../mdX                    the array's name
 * and two small files of ours under /run/swapnet/mirror (md keeps
 * neither a removed member's name nor a time):
 *   mdX.legs       "swapnet0 swapnet1\n": the legs swapnetctl built it on
 *   mdX.degraded   "SINCE LEG\n": when swapnetctl monitor first saw LEG
 *                  out of the array, SINCE in seconds since the epoch
 * Every path is under root (NULL or "/": the live system).
 */
#ifndef SWAPNET_MDMIRROR_H
#define SWAPNET_MDMIRROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define MDM_NAME_MAX 32
#define MDM_LEGS_MAX 4
#define MDM_STATE_DIR "/run/swapnet/mirror"

struct mdm_leg {
	char dev[MDM_NAME_MAX];		/* "swapnet1" */
	char state[64];			/* dev-*\/state, "" when not a member */
	bool member;			/* listed under md/ (not removed) */
	bool in_sync;
	bool faulty;
};

enum mdm_status {
	MDM_IN_SYNC,			/* every leg in_sync, nothing to do */
	MDM_DEGRADED,			/* a leg faulty or out of the array */
	MDM_RESYNCING,			/* resync/recover running */
	MDM_INACTIVE,			/* assembled but not running */
};

struct mdm_state {
	char md[MDM_NAME_MAX];		/* "md127" */
	char name[MDM_NAME_MAX + 8];	/* "swapnet-node1" (/dev/md/), or "" */
	char array_state[32];		/* "clean", "active", "inactive", ... */
	char sync_action[32];		/* "idle", "resync", "recover", ... */
	int degraded;			/* md's count; -1 unknown */
	bool have_progress;		/* sync_completed gave numbers */
	uint64_t sync_done, sync_total;	/* sectors */
	size_t nlegs;
	struct mdm_leg legs[MDM_LEGS_MAX];
	/* the monitor's record; since 0: none */
	time_t degraded_since;
	char degraded_leg[MDM_NAME_MAX];
	enum mdm_status status;
};

/*
 * The md array holding swapnet device dev (a name, "swapnet0"), in md
 * ("md127"): 1 found, 0 none.
 */
int mdm_holder(const char *root, const char *dev, char *md, size_t len);

/*
 * Read array md: its attributes, its members, the legs of mdX.legs md
 * no longer lists (as not members), the degraded record.  0, or -ENOENT
 * when the array is not there.
 */
int mdm_read(const char *root, const char *md, struct mdm_state *s);

/* Write mdX.legs (swapnetctl swapon).  0 or -errno. */
int mdm_record_legs(const char *root, const char *md, const char *const *legs,
		    size_t n);
/* Remove both files of md (swapoff). */
void mdm_forget(const char *root, const char *md);

/*
 * Every md array with a swapnet device among its slaves, read, into
 * out (at most max), sorted by name.  Returns how many.
 */
size_t mdm_find_all(const char *root, struct mdm_state *out, size_t max);

/* "in sync", "degraded", "resyncing", "inactive" */
const char *mdm_status_name(enum mdm_status st);

/*
 * One line: "in sync", "degraded: swapnet1 faulty since 12:03:04 (5 min
 * ago)", "resyncing 42.1% (recover)".  now for "ago".
 */
void mdm_describe(const struct mdm_state *s, time_t now, char *buf,
		  size_t len);

/* Resync progress in percent (0..100), -1 when not resyncing. */
double mdm_progress(const struct mdm_state *s);

/*
 * The monitor's degraded record for md: write "SINCE LEG" (when no
 * record is there yet; an older one is kept: since is the first time),
 * or remove it (clear).  0 or -errno.
 */
int mdm_record_degraded(const char *root, const char *md, const char *leg,
			time_t since);
int mdm_clear_degraded(const char *root, const char *md);

#endif /* SWAPNET_MDMIRROR_H */

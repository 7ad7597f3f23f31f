// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl monitor [--interval S] [--once]: put mirror legs back.
 * Listens to the module's events (RESPONDING, NOT RESPONDING, ADDED,
 * VERIFY ERROR, ...) and looks at every mirror at each event and every
 * S seconds (default 5): a leg md failed whose device answers again is
 * re-added, and the blocks of a leg whose reads failed verification are
 * repaired from the other leg by md once both are in sync (monitor.h).
 * One line per action on stderr (the journal under
 * swapnet-monitor.service).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "mdmirror.h"
#include "mirror.h"
#include "monitor.h"
#include "options.h"
#include "readfile.h"
#include "reserve_model.h"
#include "rootpath.h"
#include "swapnet_nl.h"
#include "util.h"

bool monitor_verify_event(struct monitor_verify *v, uint64_t offset,
			  bool have_stats, uint64_t errors)
{
	size_t i;

	if (have_stats && errors <= v->seen)
		return false;	/* counted already: a repair's own reads */
	if (!have_stats || errors > v->seen + 1)
		v->whole = true;	/* errors whose offsets were not sent */
	if (have_stats)
		v->seen = errors;
	for (i = 0; i < v->n; i++)
		if (v->off[i] == offset)
			return true;
	if (v->n < MONITOR_OFFSETS_MAX)
		v->off[v->n++] = offset;
	else
		v->whole = true;
	return true;
}

bool monitor_verify_pending(const struct monitor_verify *v)
{
	return v->whole || v->n;
}

bool monitor_verify_due(struct monitor_verify *v, uint64_t errors)
{
	if (errors > v->seen) {
		v->whole = true;
		v->seen = errors;
	}
	return v->whole || v->n;
}

void monitor_verify_lost(struct monitor_verify *v, uint64_t errors)
{
	(void)monitor_verify_due(v, errors);
}

void monitor_verify_done(struct monitor_verify *v, uint64_t errors)
{
	if (errors > v->seen)
		v->seen = errors;
	v->whole = false;
	v->n = 0;
}

/* A leg md lists and has not failed: in sync, recovering; a repair. */
static void decide_member(const struct mdm_state *m, const struct mdm_leg *l,
			  const struct monitor_leg_info *info, time_t now,
			  struct monitor_decision *d)
{
	char what[64];

	d->act = MON_NONE;
	if (!l->in_sync || !info->repair_due) {
		snprintf(d->why, sizeof(d->why), "%s",
			 l->in_sync ? "in sync" : "md is recovering it");
		return;
	}
	if (info->repair_blocks)
		snprintf(what, sizeof(what), "%zu block%s failed verification",
			 info->repair_blocks,
			 info->repair_blocks == 1 ? "" : "s");
	else
		snprintf(what, sizeof(what),
			 "blocks failed verification (offsets not all known)");
	if (m->status == MDM_RESYNCING) {
		snprintf(d->why, sizeof(d->why),
			 "%s: %s: the repair waits for md's %s", l->dev, what,
			 m->sync_action);
	} else if (m->status != MDM_IN_SYNC) {
		d->act = MON_WAIT;
		snprintf(d->why, sizeof(d->why),
			 "%s: %s: the repair waits for every leg in sync",
			 l->dev, what);
	} else if (strcmp(m->sync_action, "idle")) {
		d->act = MON_WAIT;
		snprintf(d->why, sizeof(d->why),
			 "%s: %s: the repair waits for md (sync_action %s)",
			 l->dev, what, m->sync_action);
	} else if (info->state != SWAPNET_STATE_OK) {
		d->act = MON_WAIT;
		snprintf(d->why, sizeof(d->why),
			 "%s: %s: the repair waits for its server",
			 l->dev, what);
	} else if (info->repair_fail &&
		   now - info->repair_fail < MONITOR_RETRY_S) {
		d->act = MON_WAIT;
		snprintf(d->why, sizeof(d->why),
			 "%s: %s: the last repair failed %lld s ago", l->dev,
			 what, (long long)(now - info->repair_fail));
	} else {
		d->act = MON_REPAIR;
		snprintf(d->why, sizeof(d->why),
			 "%s: %s: md repairs %s from the other leg", l->dev,
			 what, info->repair_blocks ? "them" : "the whole array");
	}
}

size_t monitor_decide(const struct mdm_state *m,
		      const struct monitor_leg_info *info, time_t now,
		      struct monitor_decision *out)
{
	size_t i;

	for (i = 0; i < m->nlegs; i++) {
		const struct mdm_leg *l = &m->legs[i];
		struct monitor_decision *d = &out[i];

		memset(d, 0, sizeof(*d));
		snprintf(d->leg, sizeof(d->leg), "%s", l->dev);
		d->listed = l->member;
		if (l->member && !l->faulty) {
			decide_member(m, l, &info[i], now, d);
			continue;
		}
		if (m->status == MDM_INACTIVE) {
			d->act = MON_WAIT;
			snprintf(d->why, sizeof(d->why), "array not running");
			continue;
		}
		if (info[i].state < 0) {
			d->act = MON_WAIT;
			snprintf(d->why, sizeof(d->why),
				 "%s out of the array and no longer attached",
				 l->dev);
		} else if (info[i].state != SWAPNET_STATE_OK) {
			d->act = MON_WAIT;
			snprintf(d->why, sizeof(d->why),
				 "%s out of the array, its server %s",
				 l->dev,
				 info[i].state == SWAPNET_STATE_FAILED ?
				 "failed it (FAILED)" : "is not responding");
		} else if (info[i].last_fail &&
			   now - info[i].last_fail < MONITOR_RETRY_S) {
			d->act = MON_WAIT;
			snprintf(d->why, sizeof(d->why),
				 "%s: the last re-add failed %lld s ago",
				 l->dev, (long long)(now - info[i].last_fail));
		} else {
			d->act = MON_READD;
			snprintf(d->why, sizeof(d->why),
				 "%s %s and answers again", l->dev,
				 l->faulty ? "faulty" : "removed");
		}
	}
	return m->nlegs;
}

/* ---- the daemon ---- */

#define TRACK_MAX 64

/*
 * per leg: what was last said about it, when its re-add or repair last
 * failed, its verify errors not yet repaired (v, from vinit on)
 */
struct track {
	char md[MDM_NAME_MAX], leg[MDM_NAME_MAX];
	enum monitor_act said;
	time_t last_fail, repair_fail;
	bool vinit;
	struct monitor_verify v;
};

#define REPAIR_TIMEOUT_S 600
#define REGIONS_MAX 16

static struct track tracks[TRACK_MAX];
static volatile sig_atomic_t stopping;
/* the event socket overflowed: verify errors may have gone unnamed */
static bool lost_events;

static struct track *track_of(const char *md, const char *leg)
{
	struct track *free_slot = NULL;
	size_t i;

	for (i = 0; i < TRACK_MAX; i++) {
		if (!strcmp(tracks[i].md, md) && !strcmp(tracks[i].leg, leg))
			return &tracks[i];
		if (!free_slot && !tracks[i].md[0])
			free_slot = &tracks[i];
	}
	if (!free_slot)
		free_slot = &tracks[0];
	memset(free_slot, 0, sizeof(*free_slot));
	snprintf(free_slot->md, sizeof(free_slot->md), "%s", md);
	snprintf(free_slot->leg, sizeof(free_slot->leg), "%s", leg);
	return free_slot;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("swapnetctl: monitor: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* the leg's SWAPNET_STATE_*, -1 when gone; its verify_errors count */
static int leg_state(struct swapnet_nl *nl, const char *leg,
		     uint64_t *verify_errors)
{
	struct swapnet_dev_info d;
	uint32_t index;

	*verify_errors = 0;
	if (parse_dev_spec(leg, &index) ||
	    swapnet_nl_dev_get(nl, index, &d, NULL, 0) < 0)
		return -1;
	*verify_errors = d.stats.verify_errors;
	return d.state;
}

/* The track of mirror leg leg (in the array holding it), or NULL. */
static struct track *track_of_leg(const char *leg)
{
	char md[MDM_NAME_MAX];
	size_t i;

	if (mdm_holder(reserve_root(NULL), leg, md, sizeof(md)) == 1)
		for (i = 0; i < TRACK_MAX; i++)
			if (!strcmp(tracks[i].md, md) &&
			    !strcmp(tracks[i].leg, leg))
				return &tracks[i];
	for (i = 0; i < TRACK_MAX; i++)
		if (tracks[i].md[0] && !strcmp(tracks[i].leg, leg))
			return &tracks[i];
	return NULL;
}

/* A VERIFY_ERROR event: the block's offset, for the repair. */
static void on_verify_event(const struct swapnet_event *e)
{
	struct track *t = track_of_leg(e->name);

	if (!t) {
		say("event: %s %s (not a mirror leg: nothing to repair it from)",
		    e->name, e->reason);
		return;
	}
	if (!t->vinit) {
		t->vinit = true;
		t->v.seen = 0;
	}
	if (monitor_verify_event(&t->v, e->verify_offset, e->have_stats,
				 e->verify_errors))
		say("event: %s %s: its region is repaired from the other leg once %s is in sync",
		    e->name, e->reason, t->md);
	else
		say("event: %s %s: counted already (a repair's own read of the block)",
		    e->name, e->reason);
}

/* md/ATTR of md as a number: 0, or -1 when unreadable */
static int md_ull(const char *md, const char *attr, unsigned long long *v)
{
	char path[4200], *txt;
	int ret = -1;

	if (root_path(path, sizeof(path), reserve_root(NULL),
		      "/sys/block/%s/md/%s", md, attr))
		return -1;
	txt = read_file(path);
	if (txt && sscanf(txt, "%llu", v) == 1)
		ret = 0;
	free(txt);
	return ret;
}

/*
 * md's repair of the regions of t's recorded blocks (monitor.h).
 * One line per region; 0 when every region checked the same after.
 */
static int repair(struct swapnet_nl *nl, struct track *t, uint64_t errors)
{
	struct mirror_region r[REGIONS_MAX];
	struct mirror_repair_result res;
	char attr[MDM_NAME_MAX + 16], err[ERR_LEN];
	unsigned long long data_offset, array;
	size_t n, i, outside = 0;
	int failed = 0;

	monitor_verify_due(&t->v, errors);
	snprintf(attr, sizeof(attr), "dev-%s/offset", t->leg);
	if (md_ull(t->md, attr, &data_offset) ||
	    md_ull(t->md, "component_size", &array) || !array) {
		say("%s: repair of %s: cannot read md/component_size or md/%s",
		    t->md, t->leg, attr);
		return -1;
	}
	array *= 2;	/* KiB to sectors */
	if (t->v.whole) {
		r[0].lo = 0;
		r[0].hi = array;
		n = 1;
	} else {
		n = mirror_repair_regions(t->v.off, t->v.n, data_offset, array,
					  r, REGIONS_MAX, &outside);
	}
	if (outside)
		say("%s: %s: %zu block%s that failed verification lie in md's superblock or bitmap, not in data md can repair: left to md",
		    t->md, t->leg, outside, outside == 1 ? "" : "s");
	if (!n) {
		monitor_verify_done(&t->v, errors);
		return 0;
	}
	for (i = 0; i < n && !stopping; i++) {
		char what[320];

		snprintf(what, sizeof(what),
			 "%s: repair of %s, array sectors %llu-%llu (%llu KiB at leg offset %llu)%s",
			 t->md, t->leg, (unsigned long long)r[i].lo,
			 (unsigned long long)r[i].hi,
			 (unsigned long long)(r[i].hi - r[i].lo) / 2,
			 (unsigned long long)(r[i].lo + data_offset) * 512,
			 t->v.whole ? " (the whole array: offsets not all known)" : "");
		if (mirror_repair(t->md, t->leg, &r[i], REPAIR_TIMEOUT_S,
				  &stopping, &res, err, sizeof(err))) {
			failed++;
			say("%s: FAILED: %s (mismatch_cnt %llu, %.1f s)", what,
			    err, (unsigned long long)res.mismatch, res.seconds);
		} else {
			say("%s: %s: md found %llu sectors different (mismatch_cnt) and rewrote them from the other leg; a check after: %llu (%.1f s)",
			    what, res.mismatch ? "repaired" : "nothing differed",
			    (unsigned long long)res.mismatch,
			    (unsigned long long)res.after, res.seconds);
		}
	}
	if (failed || stopping)
		return -1;
	/* the repair's own reads of the bad blocks failed: counted now */
	leg_state(nl, t->leg, &errors);
	say("%s: %s: every block that failed verification is repaired (%zu region%s)",
	    t->md, t->leg, n, n == 1 ? "" : "s");
	monitor_verify_done(&t->v, errors);
	return 0;
}

/* One look at every mirror.  Returns the number of failed re-adds. */
static int scan(struct swapnet_nl *nl)
{
	static struct mdm_state ms[16];
	const char *root = reserve_root(NULL);
	size_t n = mdm_find_all(root, ms, 16), i, k;
	time_t now = time(NULL);
	int failed = 0;

	for (i = 0; i < n; i++) {
		struct monitor_leg_info info[MDM_LEGS_MAX];
		struct monitor_decision dec[MDM_LEGS_MAX];
		uint64_t errors[MDM_LEGS_MAX];
		const struct mdm_state *m = &ms[i];
		bool out = false;

		for (k = 0; k < m->nlegs; k++) {
			struct track *t = track_of(m->md, m->legs[k].dev);

			info[k].state = leg_state(nl, m->legs[k].dev,
						  &errors[k]);
			if (!t->vinit && info[k].state >= 0) {
				t->vinit = true;
				t->v.seen = errors[k];
				if (errors[k])
					say("%s: %s: %llu verify errors before this monitor started: their offsets are unknown, not repaired here (echo repair > /sys/block/%s/md/sync_action repairs the whole array)",
					    m->md, t->leg,
					    (unsigned long long)errors[k],
					    m->md);
			}
			info[k].last_fail = t->last_fail;
			info[k].repair_fail = t->repair_fail;
			if (t->vinit && lost_events)
				monitor_verify_lost(&t->v, errors[k]);
			info[k].repair_due = t->vinit &&
				monitor_verify_pending(&t->v);
			info[k].repair_blocks = t->v.whole ? 0 : t->v.n;
		}
		monitor_decide(m, info, now, dec);
		for (k = 0; k < m->nlegs; k++) {
			struct track *t = track_of(m->md, dec[k].leg);
			char err[ERR_LEN];

			/* out of the array (a repair's wait is not) */
			if (dec[k].act != MON_NONE &&
			    (!m->legs[k].member || m->legs[k].faulty)) {
				out = true;
				if (mdm_record_degraded(root, m->md, dec[k].leg,
							now))
					say("%s: cannot write %s/%s.degraded",
					    m->md, MDM_STATE_DIR, m->md);
			}
			if (dec[k].act == MON_WAIT && t->said != MON_WAIT)
				say("%s: waiting: %s", m->md, dec[k].why);
			if (dec[k].act == MON_NONE && t->said != MON_NONE &&
			    t->said != MON_READD)
				say("%s: %s: %s", m->md, dec[k].leg,
				    dec[k].why);
			t->said = dec[k].act;
			if (dec[k].act == MON_REPAIR) {
				say("%s: %s", m->md, dec[k].why);
				if (repair(nl, t, errors[k])) {
					t->repair_fail = now;
					failed++;
				} else {
					t->repair_fail = 0;
				}
				continue;
			}
			if (dec[k].act != MON_READD)
				continue;
			say("%s: %s: mdadm --manage /dev/%s%s --re-add /dev/%s",
			    m->md, dec[k].why, m->md,
			    dec[k].listed ? " --remove (faulty), then" : "",
			    dec[k].leg);
			if (mirror_readd(m->md, dec[k].leg, dec[k].listed, err,
					 sizeof(err))) {
				t->last_fail = now;
				failed++;
				say("%s: re-adding %s failed: %s (again in %d s; a full `mdadm --add` is the admin's call)",
				    m->md, dec[k].leg, err, MONITOR_RETRY_S);
			} else {
				t->last_fail = 0;
				say("%s: %s re-added: md resyncs the regions its bitmap marks",
				    m->md, dec[k].leg);
			}
		}
		if (!out && m->status != MDM_RESYNCING)
			mdm_clear_degraded(root, m->md);
	}
	lost_events = false;
	return failed;
}

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static const char usage[] =
"Usage: swapnetctl monitor [--interval S] [--once]\n"
"  re-add a mirror leg md failed once its server answers again, and\n"
"  repair from the other leg the blocks that failed verification\n"
"  --interval S  look at every mirror each S seconds too, 1..3600 (5)\n"
"  --once        look once and exit (status 2 when a re-add or a repair\n"
"                failed)\n";

int cmd_monitor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "once", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct swapnet_nl *req = NULL, *ev = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	char err[ERR_LEN];
	uint32_t interval = 5;
	bool once = false;
	int c, ret;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (parse_u32(optarg, 1, 3600, &interval))
				return errorf(EXIT_USAGE,
					      "monitor: --interval: '%s' is not in 1..3600 (seconds)",
					      optarg);
			break;
		case 'o':
			once = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			opt_error(err, sizeof(err), "monitor", c, argc, argv,
				  optind, optopt);
			return errorf(EXIT_USAGE, "%s", err);
		}
	}
	if (optind < argc)
		return errorf(EXIT_USAGE, "monitor: unexpected argument '%s'",
			      argv[optind]);
	if (swapnet_nl_open(&req, err, sizeof(err)) < 0)
		return errorf(EXIT_FAIL, "monitor: %s", err);
	if (once) {
		ret = scan(req);
		swapnet_nl_close(req);
		return ret ? EXIT_FAIL : EXIT_OK;
	}
	if (swapnet_nl_open(&ev, err, sizeof(err)) < 0 ||
	    swapnet_nl_subscribe_events(ev, err, sizeof(err)) < 0) {
		swapnet_nl_close(req);
		swapnet_nl_close(ev);
		return errorf(EXIT_FAIL, "monitor: events: %s", err);
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	say("watching mirrors (events, and every %u s)", interval);
	scan(req);
	while (!stopping) {
		struct pollfd p = { .fd = swapnet_nl_event_fd(ev),
				    .events = POLLIN };
		struct swapnet_event e;
		int r = poll(&p, 1, (int)interval * 1000);

		if (r < 0 && errno != EINTR) {
			say("poll: %s", strerror(errno));
			break;
		}
		while (r > 0 && (r = swapnet_nl_read_event(ev, &e, err,
							   sizeof(err))) == 1)
			if (e.cmd == SWAPNET_CMD_EVT_VERIFY_ERROR)
				on_verify_event(&e);
			else if (e.cmd == SWAPNET_CMD_EVT_RESPONDING ||
			    e.cmd == SWAPNET_CMD_EVT_NOT_RESPONDING ||
			    e.cmd == SWAPNET_CMD_EVT_FAILED)
				say("event: %s %s", e.name,
				    swapnet_event_name(e.cmd));
		if (r == -ENOBUFS) {
			say("%s: events were lost; a leg's count of verify errors above those named makes its repair the whole array",
			    err);
			lost_events = true;
		}
		if (!stopping)
			scan(req);
	}
	say("stopping");
	swapnet_nl_close(ev);
	swapnet_nl_close(req);
	return EXIT_OK;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl monitor [--interval S] [--once]: put mirror legs back.
 * Listens to the module's events (RESPONDING, NOT RESPONDING, ADDED,
 * ...) and looks at every mirror at each event and every S seconds
 * (default 5): a leg md failed whose device answers again is re-added
 * (monitor.h).  One line per action on stderr (the journal under
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
#include "reserve_model.h"
#include "swapnet_nl.h"
#include "util.h"

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
			d->act = MON_NONE;
			snprintf(d->why, sizeof(d->why), "%s",
				 l->in_sync ? "in sync" : "md is recovering it");
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

/* per leg: what was last said about it, when its re-add last failed */
struct track {
	char md[MDM_NAME_MAX], leg[MDM_NAME_MAX];
	enum monitor_act said;
	time_t last_fail;
};

static struct track tracks[TRACK_MAX];
static volatile sig_atomic_t stopping;

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

static int leg_state(struct swapnet_nl *nl, const char *leg)
{
	struct swapnet_dev_info d;
	uint32_t index;

	if (parse_dev_spec(leg, &index) ||
	    swapnet_nl_dev_get(nl, index, &d, NULL, 0) < 0)
		return -1;
	return d.state;
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
		const struct mdm_state *m = &ms[i];
		bool out = false;

		for (k = 0; k < m->nlegs; k++) {
			info[k].state = leg_state(nl, m->legs[k].dev);
			info[k].last_fail =
				track_of(m->md, m->legs[k].dev)->last_fail;
		}
		monitor_decide(m, info, now, dec);
		for (k = 0; k < m->nlegs; k++) {
			struct track *t = track_of(m->md, dec[k].leg);
			char err[ERR_LEN];

			if (dec[k].act != MON_NONE) {
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
	return failed;
}

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static const char usage[] =
"Usage: swapnetctl monitor [--interval S] [--once]\n"
"  re-add a mirror leg md failed once its server answers again\n"
"  --interval S  look at every mirror each S seconds too, 1..3600 (5)\n"
"  --once        look once and exit (status 2 when a re-add failed)\n";

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
		while (r > 0 && swapnet_nl_read_event(ev, &e, err,
						      sizeof(err)) == 1)
			if (e.cmd == SWAPNET_CMD_EVT_RESPONDING ||
			    e.cmd == SWAPNET_CMD_EVT_NOT_RESPONDING ||
			    e.cmd == SWAPNET_CMD_EVT_FAILED)
				say("event: %s %s", e.name,
				    swapnet_event_name(e.cmd));
		if (!stopping)
			scan(req);
	}
	say("stopping");
	swapnet_nl_close(ev);
	swapnet_nl_close(req);
	return EXIT_OK;
}

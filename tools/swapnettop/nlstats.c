// SPDX-License-Identifier: GPL-2.0
/*
 * Two handles, as swapnet_nl.h asks: one for DEV_GET requests, one
 * subscribed to the "events" group whose fd the main loop polls.
 *
 * The family lookup autoloads swapnet.ko when it is installed; a monitor
 * must not load modules as a side effect, so nothing is opened until
 * /sys/module/swapnet exists, and a failed handle is closed and retried
 * on the next interval (the module may be loaded or reloaded meanwhile).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nlstats.h"

struct nlstats {
	bool enabled;
	struct swapnet_nl *req;
	struct swapnet_nl *ev;		/* NULL when subscribing failed */
	char ev_err[SWAPNET_ERR_MAX];
};

struct nlstats *nlstats_new(bool enabled)
{
	struct nlstats *ns = calloc(1, sizeof(*ns));

	if (ns)
		ns->enabled = enabled;
	return ns;
}

static void nl_close(struct nlstats *ns)
{
	if (ns->req)
		swapnet_nl_close(ns->req);
	if (ns->ev)
		swapnet_nl_close(ns->ev);
	ns->req = NULL;
	ns->ev = NULL;
}

void nlstats_free(struct nlstats *ns)
{
	if (!ns)
		return;
	nl_close(ns);
	free(ns);
}

static int nl_connect(struct nlstats *ns, char *err, size_t errlen)
{
	int ret;

	if (access("/sys/module/swapnet", F_OK)) {
		snprintf(err, errlen, "swapnet module not loaded");
		return -ENOENT;
	}
	ret = swapnet_nl_open(&ns->req, err, errlen);
	if (ret) {
		ns->req = NULL;
		return ret;
	}
	/* events are a bonus: stats still work without them */
	ns->ev_err[0] = '\0';
	if (swapnet_nl_open(&ns->ev, ns->ev_err, sizeof(ns->ev_err))) {
		ns->ev = NULL;
	} else if (swapnet_nl_subscribe_events(ns->ev, ns->ev_err,
					       sizeof(ns->ev_err))) {
		swapnet_nl_close(ns->ev);
		ns->ev = NULL;
	}
	return 0;
}

static int add_dev(const struct swapnet_dev_info *dev, void *arg)
{
	struct snapshot *s = arg;

	struct swapnet_dev_info *d;

	if (s->nnet == ST_MAX_NETDEVS)
		return 0;
	d = &s->net[s->nnet++];
	*d = *dev;
	/* not in netlink: the live system's sysfs (no -R here) */
	d->swap_active = swapnet_sysfs_flag(NULL, d->name, "swap_active");
	return 0;
}

void nlstats_sample(struct nlstats *ns, struct snapshot *s)
{
	char err[SWAPNET_ERR_MAX] = "";

	s->nnet = 0;
	s->net_msg[0] = '\0';
	if (!ns->enabled) {
		s->net_status = ST_NET_DISABLED;
		snprintf(s->net_msg, sizeof(s->net_msg),
			 "not queried: -R reads a tree, not this kernel");
		return;
	}
	if (!ns->req && nl_connect(ns, err, sizeof(err))) {
		s->net_status = ST_NET_UNAVAILABLE;
		snprintf(s->net_msg, sizeof(s->net_msg), "%s", err);
		return;
	}
	if (swapnet_nl_dev_dump(ns->req, add_dev, s, err, sizeof(err))) {
		nl_close(ns);
		s->nnet = 0;
		s->net_status = ST_NET_UNAVAILABLE;
		snprintf(s->net_msg, sizeof(s->net_msg), "%s", err);
		return;
	}
	s->net_status = ST_NET_OK;
	if (!ns->ev && ns->ev_err[0])
		snprintf(s->net_msg, sizeof(s->net_msg),
			 "events unavailable: %.200s", ns->ev_err);
}

int nlstats_event_fd(const struct nlstats *ns)
{
	return ns && ns->ev ? swapnet_nl_event_fd(ns->ev) : -1;
}

void nlstats_event_text(const struct swapnet_event *ev, char *buf, size_t len)
{
	const char *what;

	switch (ev->cmd) {
	case SWAPNET_CMD_EVT_ADDED:
		what = "added";
		break;
	case SWAPNET_CMD_EVT_REMOVED:
		what = "removed";
		break;
	case SWAPNET_CMD_EVT_NOT_RESPONDING:
		what = "NOT RESPONDING";
		break;
	case SWAPNET_CMD_EVT_RESPONDING:
		what = "responding again";
		break;
	case SWAPNET_CMD_EVT_FAILED:
		what = "FAILED";
		break;
	case SWAPNET_CMD_EVT_VERIFY_ERROR:
		what = "LOST A PAGE";
		break;
	case SWAPNET_CMD_EVT_LOST:
		what = "LOST A REQUEST";
		break;
	default:
		what = "unknown event";
		break;
	}
	snprintf(buf, len, "%s %s%s%s%s%.120s%s", ev->name, what,
		 ev->reason[0] ? ": " : "", ev->reason,
		 ev->server_name[0] ? " (server " : "", ev->server_name,
		 ev->server_name[0] ? ")" : "");
}

void nlstats_read_events(struct nlstats *ns, struct evlog *log)
{
	char err[SWAPNET_ERR_MAX], text[EVLOG_TEXT];
	struct swapnet_event ev;
	int ret;

	if (!ns || !ns->ev)
		return;
	while ((ret = swapnet_nl_read_event(ns->ev, &ev, err,
					    sizeof(err))) == 1) {
		nlstats_event_text(&ev, text, sizeof(text));
		evlog_add(log, time(NULL), text);
	}
	if (ret < 0) {
		/* e.g. ENOBUFS after an overrun: say so, resubscribe later */
		snprintf(text, sizeof(text), "event socket: %.150s", err);
		evlog_add(log, time(NULL), text);
		nl_close(ns);
	}
}

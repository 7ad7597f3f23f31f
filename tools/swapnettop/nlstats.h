/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapnet device stats and events over generic netlink, through the
 * shared client tools/common/swapnet_nl.c.  Absence of the module is a
 * state to show, never an error: swapnettop runs on any machine.
 */
#ifndef SWAPNETTOP_NLSTATS_H
#define SWAPNETTOP_NLSTATS_H

#include <stdbool.h>
#include <stddef.h>

#include "events.h"
#include "snapshot.h"

struct nlstats;

/* enabled false (-R: the tree is not the running kernel): never opens a socket. */
struct nlstats *nlstats_new(bool enabled);
void nlstats_free(struct nlstats *ns);

/* DEV_GET dump into s->net; sets s->net_status and s->net_msg. */
void nlstats_sample(struct nlstats *ns, struct snapshot *s);

/* fd to poll for events, -1 while not subscribed. */
int nlstats_event_fd(const struct nlstats *ns);

/*
 * The event log's line for ev: "swapnet0 FAILED: <reason> (server S)";
 * the reason only for NOT RESPONDING and FAILED.
 */
struct swapnet_event;
void nlstats_event_text(const struct swapnet_event *ev, char *buf,
			size_t len);

/* Read every pending event into log (non-blocking). */
void nlstats_read_events(struct nlstats *ns, struct evlog *log);

#endif /* SWAPNETTOP_NLSTATS_H */

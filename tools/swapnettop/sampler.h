/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Takes snapshots of the running system (or a -R tree): /proc, netlink
 * stats, events, and the recommended reserve for the devices of the
 * moment (the shared reserve model, recommend.h).
 */
#ifndef SWAPNETTOP_SAMPLER_H
#define SWAPNETTOP_SAMPLER_H

#include <poll.h>

#include "events.h"
#include "nlstats.h"
#include "recommend.h"
#include "snapshot.h"

struct sampler {
	const char *root;		/* NULL: live system */
	struct nlstats *nl;
	struct evlog events;
	long recommended_kb;		/* -1: n/a */
};

int sampler_init(struct sampler *sp, const char *root);
void sampler_fini(struct sampler *sp);
/* 0, or -1 with a one-line message when /proc cannot be read. */
int sampler_take(struct sampler *sp, struct snapshot *s, char *err,
		 size_t errlen);
/* The fds the main loop polls (events); returns how many. */
nfds_t sampler_pollfds(const struct sampler *sp, struct pollfd *pfd);
/*
 * After poll: read pending events, never blocking.
 * 1 when something new is there to show.
 */
int sampler_service(struct sampler *sp);

#endif /* SWAPNETTOP_SAMPLER_H */

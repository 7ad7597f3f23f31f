// SPDX-License-Identifier: GPL-2.0
/* One snapshot per call; see sampler.h. */
#include <stdio.h>
#include <string.h>

#include "recommend.h"
#include "sampler.h"

int sampler_init(struct sampler *sp, const char *root)
{
	memset(sp, 0, sizeof(*sp));
	sp->root = root;
	sp->recommended_kb = -1;
	evlog_init(&sp->events);
	sp->nl = nlstats_new(root == NULL);
	return sp->nl ? 0 : -1;
}

void sampler_fini(struct sampler *sp)
{
	nlstats_free(sp->nl);
	sp->nl = NULL;
}

int sampler_take(struct sampler *sp, struct snapshot *s, char *err,
		 size_t errlen)
{
	struct timespec ts;

	memset(s, 0, sizeof(*s));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	s->mono = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	s->wall = time(NULL);
	if (snapshot_read_proc(s, sp->root, err, errlen))
		return -1;
	nlstats_sample(sp->nl, s);
	sampler_service(sp);
	/* cheap (a few /proc and /sys files): always for the devices now */
	sp->recommended_kb = recommend_compute(sp->root);
	return 0;
}

nfds_t sampler_pollfds(const struct sampler *sp, struct pollfd *pfd)
{
	nfds_t n = 0;
	int fd;

	fd = nlstats_event_fd(sp->nl);
	if (fd >= 0)
		pfd[n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	return n;
}

int sampler_service(struct sampler *sp)
{
	uint64_t before = sp->events.next_seq;

	nlstats_read_events(sp->nl, &sp->events);
	return sp->events.next_seq != before;
}

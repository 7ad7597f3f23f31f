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
	recommend_init(&sp->job);
	sp->nl = nlstats_new(root == NULL);
	return sp->nl ? 0 : -1;
}

void sampler_fini(struct sampler *sp)
{
	recommend_cancel(&sp->job);
	nlstats_free(sp->nl);
	sp->nl = NULL;
}

static void update_recommendation(struct sampler *sp, const struct snapshot *s)
{
	char set[sizeof(sp->swapset)] = "";
	size_t i, len = 0;

	for (i = 0; i < s->nswaps && len < sizeof(set); i++)
		len += (size_t)snprintf(set + len, sizeof(set) - len, "%s\n",
					s->swaps[i].path);
	if (sp->asked && !strcmp(set, sp->swapset))
		return;
	memcpy(sp->swapset, set, sizeof(set));
	sp->asked = true;
	/* the old value stays on screen until the new one arrives */
	if (recommend_start(&sp->job))
		sp->recommended_kb = -1;
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
	update_recommendation(sp, s);
	return 0;
}

nfds_t sampler_pollfds(const struct sampler *sp, struct pollfd *pfd)
{
	nfds_t n = 0;
	int fd;

	fd = nlstats_event_fd(sp->nl);
	if (fd >= 0)
		pfd[n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	fd = recommend_fd(&sp->job);
	if (fd >= 0)
		pfd[n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	return n;
}

int sampler_service(struct sampler *sp)
{
	uint64_t before = sp->events.next_seq;
	long kb;
	int changed = 0;

	nlstats_read_events(sp->nl, &sp->events);
	if (sp->events.next_seq != before)
		changed = 1;
	if (recommend_collect(&sp->job, &kb)) {
		sp->recommended_kb = kb;
		changed = 1;
	}
	return changed;
}

// SPDX-License-Identifier: GPL-2.0
/* One snapshot per call; see sampler.h. */
#include <stdio.h>
#include <string.h>

#include "recommend.h"
#include "reserve_model.h"
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
	struct reserve_text texts[5];
	struct proc_texts t;
	struct timespec ts;
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	s->mono = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	s->wall = time(NULL);
	if (snapshot_read_proc_texts(s, sp->root, &t, err, errlen)) {
		proc_texts_free(&t);
		return -1;
	}
	nlstats_sample(sp->nl, s);
	sampler_service(sp);
	/*
	 * Always, for the devices now, from the /proc texts just read (the
	 * model reads only what the snapshot does not: a few /sys files).
	 */
	texts[n++] = (struct reserve_text){ "/proc/zoneinfo", t.zoneinfo };
	texts[n++] = (struct reserve_text){ "/proc/sys/vm/min_free_kbytes",
					    t.min_free_kbytes };
	texts[n++] = (struct reserve_text){ "/proc/swaps", t.swaps };
	texts[n++] = (struct reserve_text){ "/proc/self/mountinfo",
					    t.mountinfo };
	if (t.tried_mountstats)
		texts[n++] = (struct reserve_text){ "/proc/self/mountstats",
						    t.mountstats };
	sp->recommended_kb = recommend_compute_texts(sp->root, texts, n);
	proc_texts_free(&t);
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

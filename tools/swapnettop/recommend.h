/* SPDX-License-Identifier: GPL-2.0 */
/*
 * min_free_kbytes recommended by `swapnetctl reserve -j` (issue 4), which
 * knows the network swap devices, NICs and the kernel's rules; swapnettop
 * only shows it next to the current value.
 *
 * swapnetctl runs as a child whose output the main loop collects through
 * poll(): under memory pressure, exactly when swapnettop is watched, it
 * can take seconds, and the screen must not stall meanwhile.
 */
#ifndef SWAPNETTOP_RECOMMEND_H
#define SWAPNETTOP_RECOMMEND_H

#include <stddef.h>
#include <sys/types.h>

/* The JSON field of swapnetctl reserve -j holding the recommendation. */
#define RECOMMEND_JSON_KEY "recommended_kb"
#define RECOMMEND_TIMEOUT_S 30.0

struct recommend_job {
	pid_t pid;			/* 0: idle */
	int fd;				/* child's stdout, -1: idle */
	char *buf;
	size_t len, cap;
	double deadline;		/* CLOCK_MONOTONIC seconds */
};

/* Recommended kB from the JSON text, or -1 when absent or malformed. */
long recommend_parse(const char *json);

void recommend_init(struct recommend_job *j);
/*
 * Start PROG reserve -j (PROG: $SWAPNETCTL, else swapnetctl from PATH),
 * cancelling a running one.  0 started, -1 not (not installed...).
 */
int recommend_start(struct recommend_job *j);
/* fd to poll while running, -1 when idle. */
int recommend_fd(const struct recommend_job *j);
/*
 * Read what is there without blocking.  1 when the job ended (*kb: the
 * recommendation or -1 for n/a, and the job is idle again), 0 while it
 * runs.  Kills the child past its deadline.
 */
int recommend_collect(struct recommend_job *j, long *kb);
void recommend_cancel(struct recommend_job *j);

/* Start, wait and collect in one call (tests). */
long recommend_query(void);

#endif /* SWAPNETTOP_RECOMMEND_H */

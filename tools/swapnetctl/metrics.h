/* SPDX-License-Identifier: GPL-2.0 */
/*
 * metrics: `swapnetctl metrics`, the node and its swapnet devices for
 * Prometheus.  The text is the Prometheus exposition format that
 * node_exporter's textfile collector reads (HELP, TYPE, samples; no
 * timestamps), named as OpenMetrics and Prometheus want: the swapnet_
 * prefix, base units (seconds, bytes), counters ending in _total.  Pure
 * formatting of what cmd_metrics.c read, so the tests feed it.
 */
#ifndef SWAPNETCTL_METRICS_H
#define SWAPNETCTL_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mdmirror.h"
#include "swapnet_nl.h"

#define METRICS_MAX_NODES 64

struct metrics_reserve {
	int node;
	uint64_t free, min, low, high;	/* pages, zones up to Normal */
};

struct metrics_node {
	uint64_t page_size;
	bool have_min_free;
	uint64_t min_free_kb;		/* vm.min_free_kbytes */
	bool have_recommended;
	uint64_t recommended_kb;	/* swapnetctl reserve's */
	size_t nnodes;
	struct metrics_reserve nodes[METRICS_MAX_NODES];
	bool have_vmstat;
	uint64_t pswpin, pswpout;	/* pages */
	uint64_t throttled;		/* pgscan_direct_throttle */
	uint64_t allocstall;		/* allocstall_* summed */
	uint64_t oom_kill;
	bool have_pfmemalloc_drop;
	uint64_t pfmemalloc_drop;	/* TcpExt PFMemallocDrop */
	bool module_loaded;
};

/* Everything, in the textfile collector's format, ending with a newline. */
void metrics_print(FILE *f, const struct metrics_node *n,
		   const struct swapnet_dev_info *devs, size_t ndevs);

/*
 * The mirrors (mirror=): swapnet_mirror_info, _in_sync, _degraded,
 * _resyncing, _resync_progress_ratio, _degraded_since_seconds (when
 * swapnetctl monitor recorded it) and _leg_in_sync per leg.  Nothing
 * without mirrors.
 */
#define METRICS_MAX_MIRRORS 16
void metrics_print_mirrors(FILE *f, const struct mdm_state *m, size_t n);

/*
 * The node's part from a /proc tree: root "/" or a fixture.  Missing
 * files leave their have_ flags false; 0, or -1 with err when even
 * /proc/zoneinfo cannot be read.
 */
int metrics_read_node(const char *root, struct metrics_node *n, char *err,
		      size_t errlen);

#endif /* SWAPNETCTL_METRICS_H */

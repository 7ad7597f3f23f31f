// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl metrics [-o FILE]: the node and its swapnet devices for
 * Prometheus (metrics.h), on stdout or written atomically to FILE for
 * node_exporter's textfile collector (etc/swapnet-metrics.timer).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "metrics.h"
#include "recommend.h"
#include "reserve_model.h"
#include "rootpath.h"
#include "swapnet_nl.h"
#include "util.h"

static const char usage_text[] =
"Usage: swapnetctl metrics [-o FILE]\n"
"  print the node's reserve, swap and each swapnet device's counters in\n"
"  Prometheus' text format (node_exporter's textfile collector)\n"
"  -o, --output FILE  write FILE atomically (FILE.tmp, then rename) instead\n"
"                     of stdout\n";

static struct metrics_node node;			/* large */

struct devs {
	struct swapnet_dev_info *d;
	size_t n, cap;
};

static int collect(const struct swapnet_dev_info *d, void *arg)
{
	struct devs *v = arg;

	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		struct swapnet_dev_info *p = realloc(v->d, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		v->d = p;
		v->cap = cap;
	}
	v->d[v->n] = *d;
	/* not in netlink: the live system's sysfs (devices only live) */
	v->d[v->n++].swap_active = swapnet_sysfs_flag(NULL, d->name,
						      "swap_active");
	return 0;
}

static struct mdm_state mirrors[METRICS_MAX_MIRRORS];
static size_t nmirrors;

/* write to path.tmp, fsync, rename: a reader sees the old or the new */
static int write_atomic(const char *path, struct swapnet_dev_info *d,
			size_t n, char *err, size_t errlen)
{
	char tmp[4200];
	FILE *f;
	int bad;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	metrics_print(f, &node, d, n);
	metrics_print_mirrors(f, mirrors, nmirrors);
	bad = fflush(f) || ferror(f) || fsync(fileno(f));
	if (fclose(f) || bad) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path)) {
		snprintf(err, errlen, "rename %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int cmd_metrics(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *out = NULL, *root = reserve_root(NULL);
	struct devs devs = { 0 };
	char err[4400], path[4200];
	long rec;
	struct swapnet_nl *nl;
	int c, ret = EXIT_OK;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			opt_error(err, sizeof(err), "metrics", c, argc, argv,
				  optind, optopt);
			return errorf(EXIT_USAGE, "%s", err);
		}
	}
	if (optind < argc)
		return errorf(EXIT_USAGE, "metrics: unexpected argument '%s'",
			      argv[optind]);
	memset(&node, 0, sizeof(node));
	if (metrics_read_node(root, &node, err, sizeof(err)))
		return errorf(EXIT_FAIL, "metrics: %s", err);
	rec = recommend_compute(root);
	if (rec >= 0) {
		node.have_recommended = true;
		node.recommended_kb = (uint64_t)rec;
	}
	/* not loaded: no devices (and opening the family would load it) */
	nmirrors = mdm_find_all(root, mirrors, METRICS_MAX_MIRRORS);
	root_path(path, sizeof(path), root, "/sys/module/swapnet");
	node.module_loaded = access(path, F_OK) == 0;
	if (node.module_loaded && !strcmp(root, "/")) {
		if (swapnet_nl_open(&nl, err, sizeof(err)) < 0)
			return errorf(EXIT_FAIL, "metrics: %s", err);
		if (swapnet_nl_dev_dump(nl, collect, &devs, err,
					sizeof(err)) < 0) {
			swapnet_nl_close(nl);
			free(devs.d);
			return errorf(EXIT_FAIL, "metrics: %s", err);
		}
		swapnet_nl_close(nl);
	}
	if (out) {
		if (write_atomic(out, devs.d, devs.n, err, sizeof(err)))
			ret = errorf(EXIT_FAIL, "metrics: %s", err);
	} else {
		metrics_print(stdout, &node, devs.d, devs.n);
		metrics_print_mirrors(stdout, mirrors, nmirrors);
	}
	free(devs.d);
	return ret;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnettop: a top view of the memory reserve and network swap.
 * Options, and the batch/JSON loop (the interactive one is in ui.c).
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "output.h"
#include "screen.h"
#include "sampler.h"
#include "swapnettop.h"
#include "view.h"

#ifndef SWAPNETTOP_VERSION
#define SWAPNETTOP_VERSION "0"
#endif

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: swapnettop [-b | -j [-p]] [-n COUNT] [-d SECONDS] [-R DIR]\n"
		"A top view of the memory reserve and network swap devices.\n"
		"\n"
		"  -b, --batch           text lines per interval, no screen\n"
		"  -j, --json            JSON snapshot per interval (default -n 1),\n"
		"                        one object per line\n"
		"  -p, --pretty          with -j: indented JSON\n"
		"  -n, --iterations N    stop after N reports\n"
		"  -d, --delay SECONDS   interval, 0.1 to 3600 (default 2)\n"
		"  -R, --root DIR        read /proc and /sys under DIR (tests);\n"
		"                        swapnet netlink stats are not queried\n"
		"  -h, --help            this help\n"
		"  -V, --version         print the version\n"
		"\n"
		"Keys: q quit, d interval, + and - change it, p pause, h help.\n");
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/* Sleep until deadline, reading swapnet events meanwhile. */
static void wait_until(struct sampler *sp, double deadline)
{
	while (!stop) {
		struct pollfd pfd[2];
		nfds_t n = sampler_pollfds(sp, pfd);
		double left = deadline - now_s();

		if (left <= 0)
			return;
		if (poll(pfd, n, (int)(left * 1000) + 1) > 0)
			sampler_service(sp);
	}
}

int run_batch(const struct options *o)
{
	struct snapshot *prev = calloc(1, sizeof(*prev));
	struct snapshot *cur = calloc(1, sizeof(*cur)), *t;
	struct view *v = calloc(1, sizeof(*v));
	struct sampler sp;
	struct sigaction sa;
	uint64_t ev_seen = 0;
	int ret = EXIT_RUNTIME;
	char err[256];
	long n;

	if (!prev || !cur || !v || sampler_init(&sp, o->root)) {
		fprintf(stderr, "swapnettop: out of memory\n");
		goto out_free;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (sampler_take(&sp, prev, err, sizeof(err))) {
		fprintf(stderr, "swapnettop: %s\n", err);
		ret = EXIT_USAGE;	/* nearly always a bad -R */
		goto out;
	}
	/*
	 * The first report comes at once (its rates over FIRST_INTERVAL,
	 * interval_s says so), the others each cover a whole interval.
	 */
	for (n = 0; !o->count || n < o->count; n++) {
		wait_until(&sp, prev->mono + (n || o->interval < FIRST_INTERVAL ?
					      o->interval : FIRST_INTERVAL));
		if (stop)
			break;
		if (sampler_take(&sp, cur, err, sizeof(err))) {
			fprintf(stderr, "swapnettop: %s\n", err);
			goto out;
		}
		view_build(v, prev, cur, sp.recommended_kb,
			   (unsigned long)sysconf(_SC_PAGESIZE));
		if (o->json) {
			if (json_print(stdout, v, &sp.events, &ev_seen,
				       o->pretty)) {
				fprintf(stderr, "swapnettop: out of memory\n");
				goto out;
			}
		} else {
			batch_print(stdout, v, &sp.events, &ev_seen);
		}
		if (ferror(stdout)) {
			fprintf(stderr, "swapnettop: write error: %s\n",
				strerror(errno));
			goto out;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	ret = 0;
out:
	sampler_fini(&sp);
out_free:
	free(prev);
	free(cur);
	free(v);
	return ret;
}

static int parse_count(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "delay", required_argument, NULL, 'd' },
		{ "root", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct options o = { .interval = 2.0 };
	bool have_count = false;
	struct stat st;
	int c;

	/* UTF-8 sparklines need the locale; numbers stay C for JSON/batch */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	opterr = 0;	/* our own one-line messages */
	while ((c = getopt_long(argc, argv, ":bjpn:d:R:hV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'b':
			o.batch = true;
			break;
		case 'j':
			o.json = true;
			break;
		case 'p':
			o.pretty = true;
			break;
		case 'n':
			if (parse_count(optarg, &o.count)) {
				fprintf(stderr, "swapnettop: -n wants a count "
					"of 1 or more, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			have_count = true;
			break;
		case 'd':
			if (interval_parse(optarg, &o.interval)) {
				fprintf(stderr, "swapnettop: -d wants seconds "
					"from 0.1 to 3600, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'R':
			o.root = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("swapnettop %s\n", SWAPNETTOP_VERSION);
			return 0;
		case ':':
			fprintf(stderr, "swapnettop: option '%s' needs an "
				"argument (see swapnettop --help)\n",
				argv[optind - 1]);
			return EXIT_USAGE;
		default:
			if (optopt)
				fprintf(stderr, "swapnettop: unknown option "
					"'-%c' (see swapnettop --help)\n",
					optopt);
			else
				fprintf(stderr, "swapnettop: unknown option "
					"'%s' (see swapnettop --help)\n",
					argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "swapnettop: unexpected argument '%s' "
			"(see swapnettop --help)\n", argv[optind]);
		return EXIT_USAGE;
	}
	if (o.batch && o.json) {
		fprintf(stderr, "swapnettop: -b and -j exclude each other\n");
		return EXIT_USAGE;
	}
	if (o.pretty && !o.json) {
		fprintf(stderr, "swapnettop: -p goes with -j\n");
		return EXIT_USAGE;
	}
	if (o.root && (stat(o.root, &st) || !S_ISDIR(st.st_mode))) {
		fprintf(stderr, "swapnettop: -R %s: not a directory\n", o.root);
		return EXIT_USAGE;
	}
	if (o.root && !strcmp(o.root, "/"))
		o.root = NULL;
	if (o.json && !have_count)
		o.count = 1;	/* -j alone: one snapshot */
	if (o.batch || o.json)
		return run_batch(&o);
	if (!screen_term_usable()) {
		const char *term = getenv("TERM");

		fprintf(stderr, "swapnettop: terminal '%s' cannot draw a screen (no cursor addressing): batch mode, as with -b\n",
			term && *term ? term : "(TERM unset)");
		o.batch = true;
		return run_batch(&o);
	}
	return run_interactive(&o);
}

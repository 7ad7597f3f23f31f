// SPDX-License-Identifier: GPL-2.0
/*
 * linkwatch - when a cable came back and when a swap device completed its
 * first request after it, for the lab's outage tests (lab_watch_start in
 * tests/lab/guest/lib.sh: swapnet-resume, swapnet-linkcut).
 *
 *   linkwatch CARRIER STAT READS WRITES INFLIGHT [READY]
 *
 * Every 100 ms it samples the file CARRIER (/sys/class/net/IF/carrier:
 * 1 link up, 0 cable pulled) and the columns READS, WRITES and INFLIGHT
 * (1-based) of the one-line file STAT (/sys/block/DEV/swapnet/stat), and
 * keeps "UPTIME CARRIER DONE INFLIGHT" (UPTIME: /proc/uptime's, the
 * scenario's clock; DONE = reads + writes) in memory.  On SIGTERM or
 * SIGINT it prints every sample on stdout, then one line on stderr:
 * "linkwatch: N samples, carrier 1: N, 0: N, unreadable: N, longest gap
 * S s", and exits 0.  Once it is locked in memory and has its first
 * sample it creates the file READY (if given): start it, and wait for
 * READY, before the memory pressure does (in a cut, exec and page-in of
 * a process that is not locked yet wait for the swap device: the lab saw
 * a first sample only once the link was back).
 *
 * A shell loop cannot take these samples: while the swap device waits
 * for the network, its pages can be swapped out and every fork()
 * allocates, so it stops with everything else (measured: a busybox loop
 * took one sample in the 30 s of a cut).  This process locks itself in
 * memory (mlockall) before it starts, keeps both files open and reads
 * them with pread() (sysfs keeps its buffer), and writes nothing until
 * it is told to stop: a sample allocates nothing and faults nothing.
 *
 * Exit: 64 bad usage, 1 setup error (a file that cannot be read, no
 * memory lock), 0 after printing.  More than MAX_SAMPLES samples (over
 * 55 minutes): the later ones are dropped and counted on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "sampleio.h"

#define MAX_SAMPLES 33000
#define PERIOD_NS 100000000L

struct sample {
	char t[24];		/* /proc/uptime's first word */
	int carrier;		/* -1: unreadable */
	long long done;		/* -1: unreadable */
	long long inflight;
};

static struct sample samples[MAX_SAMPLES];
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int parse_col(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > 64) {
		fprintf(stderr, "linkwatch: %s must be a column number 1..64, got '%s'\n",
			what, s);
		exit(64);
	}
	return (int)v;
}

int main(int argc, char **argv)
{
	int carrier_fd, stat_fd, uptime_fd, rcol, wcol, icol;
	size_t n = 0, dropped = 0, up = 0, down = 0, bad = 0;
	double prev = -1, gap = 0;
	struct sigaction sa;
	char buf[1024];

	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: linkwatch CARRIER STAT READS WRITES INFLIGHT [READY]\n");
		return 64;
	}
	rcol = parse_col(argv[3], "READS");
	wcol = parse_col(argv[4], "WRITES");
	icol = parse_col(argv[5], "INFLIGHT");
	carrier_fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (carrier_fd < 0 || sample_read(carrier_fd, buf, sizeof(buf))) {
		fprintf(stderr, "linkwatch: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	stat_fd = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (stat_fd < 0 || sample_read(stat_fd, buf, sizeof(buf)) ||
	    sample_column(buf, rcol) < 0 || sample_column(buf, wcol) < 0 ||
	    sample_column(buf, icol) < 0) {
		fprintf(stderr, "linkwatch: %s: not a line with columns %d, %d and %d\n",
			argv[2], rcol, wcol, icol);
		return 1;
	}
	uptime_fd = open("/proc/uptime", O_RDONLY | O_CLOEXEC);
	if (uptime_fd < 0 || sample_read(uptime_fd, buf, sizeof(buf))) {
		fprintf(stderr, "linkwatch: /proc/uptime: %s\n", strerror(errno));
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) || sigaction(SIGINT, &sa, NULL)) {
		perror("linkwatch: sigaction");
		return 1;
	}
	/* fault the sample array in, then lock everything we have and get */
	memset(samples, 0, sizeof(samples));
	if (mlockall(MCL_CURRENT | MCL_FUTURE)) {
		perror("linkwatch: mlockall");
		return 1;
	}

	while (!stop) {
		struct timespec next = { 0, PERIOD_NS };
		struct sample s;

		if (sample_read(uptime_fd, buf, sizeof(buf)))
			strcpy(s.t, "-");
		else
			snprintf(s.t, sizeof(s.t), "%.*s",
				 (int)strcspn(buf, " \n"), buf);
		s.carrier = sample_read(carrier_fd, buf, sizeof(buf)) ? -1 : atoi(buf);
		if (sample_read(stat_fd, buf, sizeof(buf))) {
			s.done = -1;
			s.inflight = -1;
		} else {
			long long r = sample_column(buf, rcol), w = sample_column(buf, wcol);

			s.done = r < 0 || w < 0 ? -1 : r + w;
			s.inflight = sample_column(buf, icol);
		}
		if (n < MAX_SAMPLES)
			samples[n++] = s;
		else
			dropped++;
		if (n == 1 && argc == 7) {
			int fd = open(argv[6], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

			if (fd < 0) {
				fprintf(stderr, "linkwatch: %s: %s\n", argv[6],
					strerror(errno));
				return 1;
			}
			close(fd);
		}
		nanosleep(&next, NULL);
	}

	for (size_t i = 0; i < n; i++) {
		const struct sample *s = &samples[i];
		double t = atof(s->t);

		printf("%s %d ", s->t, s->carrier);
		if (s->done < 0)
			printf("- -\n");
		else
			printf("%lld %lld\n", s->done, s->inflight);
		if (s->carrier == 1)
			up++;
		else if (s->carrier == 0)
			down++;
		else
			bad++;
		if (prev >= 0 && t - prev > gap)
			gap = t - prev;
		prev = t;
	}
	fprintf(stderr, "linkwatch: %zu samples, carrier 1: %zu, 0: %zu, unreadable: %zu, longest gap %.2f s\n",
		n, up, down, bad, gap);
	if (dropped)
		fprintf(stderr, "linkwatch: %zu samples dropped (over %d)\n",
			dropped, MAX_SAMPLES);
	return fflush(stdout) ? 1 : 0;
}

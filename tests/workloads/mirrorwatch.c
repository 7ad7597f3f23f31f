// SPDX-License-Identifier: GPL-2.0
/*
 * mirrorwatch - what an md mirror and the processes around it do while a
 * leg fails, for swapnet-mirror (tests/scenarios/swapnet-mirror.sh).
 *
 *   mirrorwatch [-w SECS] READY MDSTAT [NAME=FILE[@COLS]]... [+COMM]...
 *
 * Every 100 ms it takes one sample and keeps it in memory:
 *   S UPTIME READS WRITES INFLIGHT NAME=VALUE... COMM:PID=WCHAN...
 * UPTIME is /proc/uptime's (the scenario's clock, the kernel log's within
 * a few ms); READS and WRITES are MDSTAT's requests completed (columns 1
 * and 5 of /sys/block/MD/stat), INFLIGHT its column 9; VALUE is the
 * first line of FILE with blanks made ',' (or only its columns COLS,
 * e.g. @1,2,5: 1-based, joined by ','), at most 39 characters; WCHAN is
 * /proc/PID/wchan (where the process sleeps; "0": running) of every
 * process whose comm is COMM ("-": gone).
 * Processes are looked up in /proc at the start and again every second
 * until every COMM has one (a workload started just after the watch).
 * Once it is locked in memory and has its first sample it creates READY.
 * With -w, when MDSTAT's READS + WRITES have not moved for SECS s with requests in
 * flight, it writes 'w' to /proc/sysrq-trigger (the kernel logs every
 * blocked task's stack), at most 3 times, 5 s apart at least.
 * On SIGTERM or SIGINT it prints every record on stdout, then on stderr
 * "mirrorwatch: N samples, longest between samples S s at UPTIME", and
 * a line for each of the first 10 gaps between samples over 0.5 s, and
 * exits 0.
 *
 * Why not a shell loop: under the memory pressure of a swap storm whose
 * device waits, a fork() allocates and waits with everything else, and
 * a loop that forks measures its own wait as the device's.  This process
 * locks itself in memory (mlockall) before it samples, keeps its files
 * open and reads them with pread() (sysfs and proc keep their buffer),
 * and writes nothing until it is told to stop.  What the kernel still
 * allocates for it (the lookup of a new process) it allocates as an I/O
 * flusher (PR_SET_IO_FLUSHER: GFP_NOIO, reclaim that does not wait for
 * swap-out).  Measured (lab, 6.1): reading /proc/PID/stack every 0.5 s
 * (a kmalloc each), the watch itself stopped for 29 s, and once for a
 * whole 90 s outage; every second, as an I/O flusher, for 25 s once
 * (before the outage; the stack reads or the lookups).  So it reads no
 * stack (sysrq w has them) and looks processes up only until found.
 *
 * Exit: 64 bad usage, 1 setup error (a file that cannot be read, no
 * memory lock), 0 after printing.  Samples beyond MAX_SAMPLES (5 min)
 * are dropped and counted on stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "sampleio.h"

#define MAX_SAMPLES 3000
#define MAX_FILES 8
#define MAX_COMMS 4
#define MAX_PROCS 12
#define VAL 40
#define PERIOD_NS 100000000L
#define MAX_SYSRQ 3

#ifndef PR_SET_IO_FLUSHER
#define PR_SET_IO_FLUSHER 57
#endif

struct file {
	const char *name;
	int fd;
	int cols[8];
	int ncols;
};

struct proc {
	int comm;		/* index into comms */
	int pid;
	int wfd;		/* /proc/PID/wchan */
};

struct sample {
	double t;
	long long reads, writes, inflight;
	char val[MAX_FILES][VAL];
	char wchan[MAX_PROCS][VAL];
	int nprocs;
};

static struct file files[MAX_FILES];
static int nfiles;
static const char *comms[MAX_COMMS];
static int ncomms;
static struct proc procs[MAX_PROCS];
static int nprocs;
static struct sample samples[MAX_SAMPLES];
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The first line of buf, blanks made ',', or its columns, into out. */
static void value(const struct file *f, const char *buf, char *out)
{
	size_t n = 0;

	if (f->ncols) {
		for (int i = 0; i < f->ncols && n < VAL - 1; i++) {
			long long v = sample_column(buf, f->cols[i]);
			int k = snprintf(out + n, VAL - n, "%s%lld",
					 i ? "," : "", v);

			if (k < 0 || (size_t)k >= VAL - n) {
				n = VAL - 1;
				break;
			}
			n += (size_t)k;
		}
		out[n] = '\0';
		return;
	}
	while (*buf == ' ' || *buf == '\t')
		buf++;
	for (; *buf && *buf != '\n' && n < VAL - 1; buf++)
		out[n++] = (*buf == ' ' || *buf == '\t') ? ',' : *buf;
	out[n] = '\0';
	if (!n)
		strcpy(out, "-");
}

static int open_proc(int pid, const char *what)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* Every process whose comm is one of comms[] and not watched yet. */
static void find_procs(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) && nprocs < MAX_PROCS) {
		char buf[64];
		int pid, fd, known = 0;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = atoi(e->d_name);
		for (int i = 0; i < nprocs; i++)
			known |= procs[i].pid == pid;
		if (known)
			continue;
		fd = open_proc(pid, "comm");
		if (fd < 0)
			continue;
		if (sample_read(fd, buf, sizeof(buf))) {
			close(fd);
			continue;
		}
		close(fd);
		buf[strcspn(buf, "\n")] = '\0';
		for (int c = 0; c < ncomms; c++) {
			struct proc *p = &procs[nprocs];

			if (strcmp(buf, comms[c]))
				continue;
			p->wfd = open_proc(pid, "wchan");
			if (p->wfd < 0)
				break;
			p->comm = c;
			p->pid = pid;
			nprocs++;
			break;
		}
	}
	closedir(d);
}

static int all_found(void)
{
	for (int c = 0; c < ncomms; c++) {
		int found = 0;

		for (int i = 0; i < nprocs; i++)
			found |= procs[i].comm == c;
		if (!found)
			return 0;
	}
	return 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: mirrorwatch [-w SECS] READY MDSTAT [NAME=FILE[@COLS]]... [+COMM]...\n");
	exit(64);
}

static void add_file(const char *arg)
{
	struct file *f = &files[nfiles];
	char *eq = strchr(arg, '='), *path, *at;
	char buf[1024];

	if (nfiles == MAX_FILES || !eq || eq == arg)
		usage();
	f->name = strndup(arg, (size_t)(eq - arg));
	path = strdup(eq + 1);
	if (!f->name || !path) {
		perror("mirrorwatch");
		exit(1);
	}
	at = strchr(path, '@');
	if (at) {
		char *s = at + 1, *end;

		*at = '\0';
		while (*s && f->ncols < 8) {
			long v = strtol(s, &end, 10);

			if (end == s || v < 1 || v > 64 || (*end && *end != ','))
				usage();
			f->cols[f->ncols++] = (int)v;
			s = *end ? end + 1 : end;
		}
		if (!f->ncols)
			usage();
	}
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0 || sample_read(f->fd, buf, sizeof(buf))) {
		fprintf(stderr, "mirrorwatch: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	for (int i = 0; i < f->ncols; i++) {
		if (sample_column(buf, f->cols[i]) < 0) {
			fprintf(stderr, "mirrorwatch: %s: no column %d\n", path,
				f->cols[i]);
			exit(1);
		}
	}
	nfiles++;
}

int main(int argc, char **argv)
{
	int md_fd, uptime_fd, stat_ok = 1, sysrq_fd = -1, nsysrq = 0, ngaps = 0;
	size_t n = 0, dropped = 0, tick = 0;
	double gap = 0, gap_at = 0, wait_s = 0, moved = 0, last_sysrq = -1e9;
	long long last_done = -2;
	struct sigaction sa;
	char buf[4096];

	if (argc > 2 && !strcmp(argv[1], "-w")) {
		char *end;

		wait_s = strtod(argv[2], &end);
		if (*end || wait_s < 1)
			usage();
		argv += 2;
		argc -= 2;
	}
	if (argc < 3)
		usage();
	if (wait_s > 0) {
		sysrq_fd = open("/proc/sysrq-trigger", O_WRONLY | O_CLOEXEC);
		if (sysrq_fd < 0) {
			perror("mirrorwatch: /proc/sysrq-trigger");
			return 1;
		}
	}
	for (int i = 3; i < argc; i++) {
		if (argv[i][0] == '+') {
			if (ncomms == MAX_COMMS || !argv[i][1])
				usage();
			comms[ncomms++] = argv[i] + 1;
		} else {
			add_file(argv[i]);
		}
	}
	md_fd = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (md_fd < 0 || sample_read(md_fd, buf, sizeof(buf)) ||
	    sample_column(buf, 9) < 0) {
		fprintf(stderr, "mirrorwatch: %s: not a block stat line\n", argv[2]);
		return 1;
	}
	uptime_fd = open("/proc/uptime", O_RDONLY | O_CLOEXEC);
	if (uptime_fd < 0 || sample_read(uptime_fd, buf, sizeof(buf))) {
		fprintf(stderr, "mirrorwatch: /proc/uptime: %s\n", strerror(errno));
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) || sigaction(SIGINT, &sa, NULL)) {
		perror("mirrorwatch: sigaction");
		return 1;
	}
	/* fault the records in, then lock everything we have and get */
	memset(samples, 0, sizeof(samples));
	if (mlockall(MCL_CURRENT | MCL_FUTURE)) {
		perror("mirrorwatch: mlockall");
		return 1;
	}
	if (prctl(PR_SET_IO_FLUSHER, 1, 0, 0, 0)) {
		perror("mirrorwatch: prctl(PR_SET_IO_FLUSHER)");
		return 1;
	}
	find_procs();

	while (!stop) {
		struct timespec next = { 0, PERIOD_NS };
		struct sample *s = n < MAX_SAMPLES ? &samples[n] : NULL;
		struct sample spare;
		double t;

		if (!s) {
			s = &spare;
			dropped++;
		}
		t = sample_read(uptime_fd, buf, sizeof(buf)) ? -1 : atof(buf);
		s->t = t;
		if (sample_read(md_fd, buf, sizeof(buf))) {
			s->reads = -1;
			s->writes = -1;
			s->inflight = -1;
		} else {
			s->reads = sample_column(buf, 1);
			s->writes = sample_column(buf, 5);
			s->inflight = sample_column(buf, 9);
		}
		for (int i = 0; i < nfiles; i++) {
			if (sample_read(files[i].fd, buf, sizeof(buf)))
				strcpy(s->val[i], "-");
			else
				value(&files[i], buf, s->val[i]);
		}
		if (s->reads + s->writes != last_done) {
			last_done = s->reads + s->writes;
			moved = t;
		} else if (sysrq_fd >= 0 && s->inflight > 0 &&
			   nsysrq < MAX_SYSRQ && t - moved >= wait_s &&
			   t - last_sysrq >= 5) {
			last_sysrq = t;
			nsysrq++;
			if (write(sysrq_fd, "w", 1) != 1)
				nsysrq = MAX_SYSRQ;
		}
		s->nprocs = nprocs;
		for (int i = 0; i < nprocs; i++) {
			if (sample_read(procs[i].wfd, buf, VAL))
				strcpy(s->wchan[i], "-");
			else
				value(&(struct file){ 0 }, buf, s->wchan[i]);
		}
		if (tick % 10 == 0 && !all_found())
			find_procs();
		if (s != &spare)
			n++;
		if (n == 1 && tick == 0) {
			int fd = open(argv[1], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

			if (fd < 0) {
				fprintf(stderr, "mirrorwatch: %s: %s\n", argv[1],
					strerror(errno));
				return 1;
			}
			close(fd);
		}
		tick++;
		nanosleep(&next, NULL);
	}

	for (size_t i = 0; i < n; i++) {
		const struct sample *s = &samples[i];

		printf("S %.2f %lld %lld %lld", s->t, s->reads, s->writes,
		       s->inflight);
		for (int f = 0; f < nfiles; f++)
			printf(" %s=%s", files[f].name, s->val[f]);
		for (int p = 0; p < s->nprocs; p++)
			printf(" %s:%d=%s", comms[procs[p].comm], procs[p].pid,
			       s->wchan[p]);
		putchar('\n');
		if (s->reads < 0 || s->writes < 0)
			stat_ok = 0;
		if (i && s->t - samples[i - 1].t > gap) {
			gap = s->t - samples[i - 1].t;
			gap_at = samples[i - 1].t;
		}
	}
	fprintf(stderr, "mirrorwatch: %zu samples, longest between samples %.2f s at %.2f%s; %d blocked-task dumps\n",
		n, gap, gap_at, stat_ok ? "" : ", md stat unreadable at times",
		nsysrq);
	for (size_t i = 1; i < n && ngaps < 10; i++) {
		if (samples[i].t - samples[i - 1].t > 0.5) {
			fprintf(stderr, "mirrorwatch: no sample for %.2f s from %.2f\n",
				samples[i].t - samples[i - 1].t, samples[i - 1].t);
			ngaps++;
		}
	}
	if (dropped)
		fprintf(stderr, "mirrorwatch: %zu samples dropped\n", dropped);
	return fflush(stdout) ? 1 : 0;
}

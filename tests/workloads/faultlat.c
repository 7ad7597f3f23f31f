// SPDX-License-Identifier: GPL-2.0
/*
 * faultlat: swap-in fault latency under a swap-out storm.
 *
 * One probe process keeps a set of its own pages out of memory
 * (MADV_PAGEOUT after every touch, so it does not depend on pressure for
 * its own pages) and touches one page that mincore() reports
 * non-resident at a fixed rate, timing the first read of the page with
 * CLOCK_MONOTONIC and counting it as a swap-in fault only if getrusage()'s
 * ru_majflt went up.  Every page it touches is verified in full.  Its own
 * code, stack and buffers are mlocked so that only the probe set faults.
 * Meanwhile N writer processes cycle through W MiB each as fast as they
 * can (verify every page's previous contents, write a new generation):
 * they push swap-out (and swap-in) as hard as the machine allows.
 *
 *   faultlat [-p WRITERS] [-w WRITER_MIB] [-m PROBE_MIB] [-R TOUCHES_PER_S]
 *            [-d SECONDS] [-s SEED] [-c CDF_POINTS] [--corrupt]
 *
 * Output: one "faultlat: cdf ..." line (latency CDF, us:fraction points)
 * and one "faultlat: result=PASS|FAIL ..." summary line with p50/p99/max
 * in microseconds, the major faults timed, the pages the writers moved,
 * pswpin/pswpout and guest CPU seconds (/proc/stat, not idle or iowait)
 * over the measured interval.  Exit 0 verified, 1 data mismatch, 2 a
 * process was killed (e.g. by the OOM killer), 3 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define MAXW 16

static long pgsz;
static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void fill(uint64_t *p, uint64_t seed, uint64_t idx, uint64_t gen)
{
	uint64_t b = mix(seed ^ mix(idx ^ (gen << 40)));
	size_t n = pgsz / 8;

	for (size_t i = 0; i < n; i++)
		p[i] = b + i * 0x100000001b3ULL;
}

/* Returns the number of mismatching words. */
static size_t check(const uint64_t *p, uint64_t seed, uint64_t idx, uint64_t gen)
{
	uint64_t b = mix(seed ^ mix(idx ^ (gen << 40)));
	size_t n = pgsz / 8, bad = 0;

	for (size_t i = 0; i < n; i++)
		if (p[i] != b + i * 0x100000001b3ULL)
			bad++;
	return bad;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static long vmstat(const char *key)
{
	FILE *f = fopen("/proc/vmstat", "r");
	char k[64];
	long v, r = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", k, &v) == 2)
		if (!strcmp(k, key)) {
			r = v;
			break;
		}
	fclose(f);
	return r;
}

/* Busy guest CPU seconds: user+nice+system+irq+softirq (no idle, iowait, steal). */
static double cpu_busy(void)
{
	FILE *f = fopen("/proc/stat", "r");
	unsigned long long u = 0, n = 0, s = 0, id = 0, io = 0, irq = 0, sirq = 0;
	long hz = sysconf(_SC_CLK_TCK);

	if (!f)
		return -1;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu", &u, &n, &s, &id,
		   &io, &irq, &sirq) != 7)
		u = n = s = irq = sirq = 0;
	fclose(f);
	return (double)(u + n + s + irq + sirq) / (hz > 0 ? hz : 100);
}

/*
 * Writer: cycle through mib MiB, verifying each page's previous generation
 * and writing the next, until SIGTERM.  Reports pages moved and mismatches
 * through the pipe fd (after one full first pass it writes a 'r' byte to
 * rfd so the probe starts measuring once the storm is under way).
 */
static int writer(int id, long mib, uint64_t seed, int rfd, int ofd, int corrupt)
{
	size_t npg = (size_t)mib * 1024 * 1024 / pgsz;
	char *m = mmap(NULL, npg * pgsz, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t gen = 1, bad = 0, moved = 0;
	char msg[128];

	if (m == MAP_FAILED)
		return 3;
	seed ^= mix(id + 1000);
	for (size_t i = 0; i < npg && !stop; i++)
		fill((uint64_t *)(m + i * pgsz), seed, i, gen);
	if (write(rfd, "r", 1) != 1)
		return 3;
	close(rfd);
	while (!stop) {
		for (size_t i = 0; i < npg && !stop; i++) {
			uint64_t *p = (uint64_t *)(m + i * pgsz);

			if (corrupt && gen == 2 && i == npg / 2)
				p[3] ^= 1;
			if (check(p, seed, i, gen)) {
				bad++;
				fprintf(stderr, "faultlat: writer %d: page %zu gen %llu: data mismatch\n",
					id, i, (unsigned long long)gen);
			}
			fill(p, seed, i, gen + 1);
			moved++;
		}
		if (!stop)
			gen++;
		else
			break;
	}
	/* Final pass: whatever page got generation gen+1 was rewritten last. */
	snprintf(msg, sizeof(msg), "%llu %llu\n", (unsigned long long)moved,
		 (unsigned long long)bad);
	if (write(ofd, msg, strlen(msg)) < 0)
		return 3;
	return bad ? 1 : 0;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(const double *v, size_t n, double q)
{
	size_t i;

	if (!n)
		return 0;
	i = (size_t)(q * (n - 1) + 0.5);
	return v[i];
}

/* 2^-(k * 12 / n): CDF points denser towards the tail (to p99.98). */
static double pow2neg(long k, long n)
{
	double e = (double)k * 12 / n, r = 1;

	while (e >= 1) {
		r /= 2;
		e -= 1;
	}
	/* 2^-e for 0 <= e < 1, linear is close enough for plot points */
	return r * (1 - e / 2);
}

static void usage(void)
{
	fprintf(stderr, "usage: faultlat [-p WRITERS] [-w WRITER_MIB] [-m PROBE_MIB] [-R TOUCHES_PER_S] [-d SECONDS] [-s SEED] [-c CDF_POINTS] [--corrupt]\n");
	exit(3);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "corrupt", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	long nw = 2, wmib = 128, pmib = 8, rate = 100, dur = 30, cdfn = 40;
	uint64_t seed = 1;
	int corrupt = 0, c, rp[2], op[2], status = 0, killed = 0;
	pid_t pids[MAXW];
	size_t npg, nlat = 0, maxlat, minor = 0, skipped = 0, ticks = 0;
	unsigned long long moved = 0, wbad = 0, pbad = 0;
	double *lat, t0, t1, c0, c1, next, period;
	long in0, out0, in1, out1;
	unsigned char vec;
	char *m, buf[256];
	struct sigaction sa;

	pgsz = sysconf(_SC_PAGESIZE);
	while ((c = getopt_long(argc, argv, "p:w:m:R:d:s:c:", lo, NULL)) != -1) {
		switch (c) {
		case 'p': nw = atol(optarg); break;
		case 'w': wmib = atol(optarg); break;
		case 'm': pmib = atol(optarg); break;
		case 'R': rate = atol(optarg); break;
		case 'd': dur = atol(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'c': cdfn = atol(optarg); break;
		case 'C': corrupt = 1; break;
		default: usage();
		}
	}
	if (optind != argc || nw < 0 || nw > MAXW || wmib < 1 || pmib < 1 ||
	    rate < 1 || dur < 1 || cdfn < 2)
		usage();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	if (pipe(rp) || pipe(op)) {
		perror("faultlat: pipe");
		return 3;
	}
	for (int i = 0; i < nw; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("faultlat: fork");
			return 3;
		}
		if (!pids[i]) {
			close(rp[0]);
			close(op[0]);
			_exit(writer(i, wmib, seed, rp[1], op[1], corrupt));
		}
	}
	close(rp[1]);
	close(op[1]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* The probe: buffers first, then lock them (and code, stack). */
	maxlat = (size_t)rate * dur + 16;
	lat = calloc(maxlat, sizeof(*lat));
	if (!lat) {
		perror("faultlat: calloc");
		return 3;
	}
	memset(lat, 0, maxlat * sizeof(*lat));
	if (mlockall(MCL_CURRENT))
		fprintf(stderr, "faultlat: mlockall: %s (probe's own code may fault)\n",
			strerror(errno));
	npg = (size_t)pmib * 1024 * 1024 / pgsz;
	m = mmap(NULL, npg * pgsz, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		perror("faultlat: mmap");
		return 3;
	}
	for (size_t i = 0; i < npg; i++)
		fill((uint64_t *)(m + i * pgsz), seed, i, 0);
	if (madvise(m, npg * pgsz, MADV_PAGEOUT))
		fprintf(stderr, "faultlat: MADV_PAGEOUT: %s (relying on pressure)\n",
			strerror(errno));

	/* Wait until every writer has written its whole set once. */
	for (int i = 0; i < nw; i++)
		if (read(rp[0], buf, 1) != 1)
			break;

	in0 = vmstat("pswpin");
	out0 = vmstat("pswpout");
	c0 = cpu_busy();
	t0 = now();
	period = 1.0 / rate;
	next = t0;
	srand48((long)seed);
	while (now() - t0 < dur && nlat < maxlat) {
		size_t pg = 0;
		int found = 0;
		struct rusage r0, r1;
		double a, b;
		struct timespec ts;

		next += period;
		ticks++;
		for (int tries = 0; tries < 64; tries++) {
			pg = (size_t)(drand48() * npg) % npg;
			if (!mincore(m + pg * pgsz, pgsz, &vec) && !(vec & 1)) {
				found = 1;
				break;
			}
		}
		if (!found) {
			skipped++;
		} else {
			uint64_t *p = (uint64_t *)(m + pg * pgsz);

			getrusage(RUSAGE_SELF, &r0);
			a = now();
			(void)*(volatile uint64_t *)p;
			b = now();
			getrusage(RUSAGE_SELF, &r1);
			if (r1.ru_majflt > r0.ru_majflt)
				lat[nlat++] = (b - a) * 1e6;
			else
				minor++;
			if (check(p, seed, pg, 0)) {
				pbad++;
				fprintf(stderr, "faultlat: probe page %zu: data mismatch\n", pg);
			}
			madvise(p, pgsz, MADV_PAGEOUT);
		}
		ts.tv_sec = (time_t)next;
		ts.tv_nsec = (long)((next - (double)ts.tv_sec) * 1e9);
		if (now() < next)
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	}
	t1 = now();
	c1 = cpu_busy();
	in1 = vmstat("pswpin");
	out1 = vmstat("pswpout");

	/* Every probe page verified once more at the end. */
	for (size_t i = 0; i < npg; i++)
		if (check((uint64_t *)(m + i * pgsz), seed, i, 0)) {
			pbad++;
			fprintf(stderr, "faultlat: probe page %zu: data mismatch (final)\n", i);
		}

	for (int i = 0; i < nw; i++)
		kill(pids[i], SIGTERM);
	{
		FILE *of = fdopen(op[0], "r");
		unsigned long long a, b;

		while (of && fscanf(of, "%llu %llu", &a, &b) == 2) {
			moved += a;
			wbad += b;
		}
	}
	for (int i = 0; i < nw; i++) {
		int st;

		if (waitpid(pids[i], &st, 0) < 0)
			continue;
		if (WIFSIGNALED(st))
			killed++;
		else if (WEXITSTATUS(st) == 1)
			status = 1;
		else if (WEXITSTATUS(st))
			status = status ? status : 3;
	}

	qsort(lat, nlat, sizeof(*lat), cmpd);
	printf("faultlat: cdf points=");
	for (long k = 0; nlat && k < cdfn; k++) {
		/* quantiles spread towards the tail: 1 - 2^-(k*12/cdfn) */
		double q = k == cdfn - 1 ? 1.0 : 1.0 - pow2neg(k, cdfn);

		printf("%s%.0f:%.5f", k ? "," : "", pct(lat, nlat, q), q);
	}
	printf("\n");
	{
		long pin = in1 - in0, pout = out1 - out0;
		double el = t1 - t0, cpu = c1 - c0;
		const char *res;

		if (pbad || wbad)
			status = 1;
		if (!status && killed)
			status = 2;
		res = status ? "FAIL" : "PASS";
		printf("faultlat: result=%s faults=%zu p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f"
		       " minor=%zu skipped=%zu ticks=%zu elapsed_s=%.1f writers=%ld writer_mib=%ld probe_mib=%ld rate=%ld"
		       " writer_pages=%llu pswpin=%ld pswpout=%ld pages_per_s=%.0f cpu_s=%.2f cpu_us_per_page=%.1f"
		       " mismatches=%llu killed=%d\n",
		       res, nlat, pct(lat, nlat, 0.5), pct(lat, nlat, 0.9), pct(lat, nlat, 0.99),
		       nlat ? lat[nlat - 1] : 0.0, minor, skipped, ticks, el, nw, wmib, pmib, rate,
		       moved, pin, pout, el > 0 ? (pin + pout) / el : 0.0, cpu,
		       pin + pout > 0 ? cpu * 1e6 / (pin + pout) : 0.0, pbad + wbad, killed);
	}
	fflush(stdout);
	free(lat);
	return status;
}

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
 * Each fault is timed twice: from the touch (the per-fault figure, p*_us)
 * and from the moment the probe's schedule said to touch (cp*_us: a tick
 * the probe is late for runs at once and counts its lateness, no tick is
 * skipped; the correction for coordinated omission, see faultstat.h).
 * Meanwhile N writer processes cycle through W MiB each (verify every
 * page's previous contents, write a new generation): as fast as they can
 * (closed loop, the default), or with -P at PAGES_PER_S pages per second
 * between them (open loop: a writer behind its schedule catches up, so
 * the storm's load is the same whatever the swap device's speed, as long
 * as the device keeps up; writer_pps and pace_lag_s say whether it did).
 * -R 0 runs no probe: the writers' throughput alone, over -d seconds.
 * -X (the unloaded fault time, with -p 0): a page MADV_PAGEOUT wrote stays
 * in the swap cache until pressure frees it (mincore: resident; a touch:
 * a minor fault), so without writers the probe would time no fault.  With
 * -X the probe touches each such page once its write is done and pages it
 * out again, which frees a clean swap-cache page at once: before the first
 * tick every page of the set is out of memory and out of the swap cache
 * (else exit 3 after 120 s; the passes go to stderr).  The pages a fault
 * reads ahead stay in the swap cache untouched (a touch would count a
 * readahead hit and widen the next faults' window: random faults read
 * one page each, as an unloaded random swap-in does); only a tick that
 * finds no page out does the same again.  real= counts the timed faults
 * during which pswpin moved: with the probe alone, proof that each read
 * the device; all_rd_pages, the pages each read.
 * Each major fault's time is broken down (struct fault_rec): the probe
 * thread's run-queue wait (/proc/thread-self/schedstat) and CPU time,
 * the rest asleep (the device, locks, reclaim throttling), and the
 * system-wide /proc/vmstat deltas over the touch (pswpin, allocstall_*,
 * pgscan_direct, pgscan_direct_throttle, nr_throttled_written); the
 * result line gives their means over the slow faults (slow_*: the worst
 * 1 %, the set worst1_us averages) and over all faults (all_*), and
 * snap_us, the mean cost of the counter reads before a touch (part of
 * the corrected figure, not of the per-fault one).
 *
 *   faultlat [-p WRITERS] [-w WRITER_MIB] [-m PROBE_MIB] [-R TOUCHES_PER_S]
 *            [-P PAGES_PER_S] [-d SECONDS] [-s SEED] [-c CDF_POINTS]
 *            [-b BLOCKDEV|nfs] [-i IFACE] [-L LABEL] [-H CTLDEV] [-X] [--corrupt]
 *
 * Output: one "faultlat: cdf ..." line (latency CDF, us:fraction points,
 * the per-fault figure), one "faultlat: ccdf ..." line (the same of the
 * corrected figure) and one "faultlat: result=PASS|FAIL ..." summary
 * line: p50/p90/p95/p99/max and worst1 (the mean of the worst 1 %) in
 * microseconds, per fault and corrected (c prefix), the major faults
 * timed, the writers' pages (writer_pages, writer_pps, in the measured
 * interval), pswpin/pswpout and guest CPU seconds (/proc/stat, not idle
 * or iowait), setup_s (the seconds before the measured interval: the
 * writers' first pass), and the counters' deltas over the measured interval:
 * BLOCKDEV's requests and sectors (/sys/block/BLOCKDEV/stat; with nfs
 * the NFSv3 client's READ and WRITE calls, /proc/net/rpc/nfs), IFACE's
 * bytes and packets (/proc/net/dev), context switches (/proc/stat ctxt),
 * thp_swpout and thp_swpout_fallback (/proc/vmstat) and the mTHP swpout
 * counters summed over sizes (/sys/kernel/mm/transparent_hugepage); "na"
 * where this kernel has none.  A BLOCKDEV or IFACE that cannot be read
 * is a setup error.  -L LABEL goes into the result line as label=LABEL;
 * with -H CTLDEV (the lab's control port, /dev/ttyS1) faultlat writes
 * "cpu LABEL.t0" and "cpu LABEL.t1" to it when the measured interval
 * starts and ends (the host then samples the guests' host CPU seconds:
 * lab_host_cpu in tests/lab/guest/lib.sh).  Exit 0 verified, 1 data mismatch, 2 a process was
 * killed (e.g. by the OOM killer), 3 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "faultstat.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define MAXW 16

static long pgsz;
static volatile sig_atomic_t stop;

/* Shared with the writers: pages written so far, and how late they are. */
struct wshare {
	_Atomic unsigned long long pages;
	_Atomic long long lag_us;	/* behind the pace's schedule now (>= 0) */
};

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

static void sleep_until(double t)
{
	struct timespec ts;

	ts.tv_sec = (time_t)t;
	ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
	if (ts.tv_nsec >= 1000000000L)
		ts.tv_nsec = 999999999L;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR && !stop)
		;
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
 * and writing the next, until SIGTERM; pps > 0 paces it (page k of the
 * cycling is due at start + k / pps; a late page is written at once).
 * Counts pages in sh; reports pages moved and mismatches through the pipe
 * fd (after one full first pass it writes a 'r' byte to rfd so the probe
 * starts measuring once the storm is under way).
 */
static int writer(int id, long mib, uint64_t seed, int rfd, int ofd, int corrupt,
		  double pps, struct wshare *sh)
{
	size_t npg = (size_t)mib * 1024 * 1024 / pgsz;
	char *m = mmap(NULL, npg * pgsz, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t gen = 1, bad = 0, moved = 0;
	double start;
	char msg[128];

	if (m == MAP_FAILED)
		return 3;
	seed ^= mix(id + 1000);
	for (size_t i = 0; i < npg && !stop; i++)
		fill((uint64_t *)(m + i * pgsz), seed, i, gen);
	if (write(rfd, "r", 1) != 1)
		return 3;
	close(rfd);
	start = now();
	while (!stop) {
		for (size_t i = 0; i < npg && !stop; i++) {
			uint64_t *p = (uint64_t *)(m + i * pgsz);

			if (pps > 0) {
				double due = start + (double)moved / pps, t = now();

				if (t < due) {
					sleep_until(due);
					atomic_store_explicit(&sh->lag_us, 0, memory_order_relaxed);
				} else {
					atomic_store_explicit(&sh->lag_us, (long long)((t - due) * 1e6),
							      memory_order_relaxed);
				}
				if (stop)
					break;
			}
			if (corrupt && gen == 2 && i == npg / 2)
				p[3] ^= 1;
			if (check(p, seed, i, gen)) {
				bad++;
				fprintf(stderr, "faultlat: writer %d: page %zu gen %llu: data mismatch\n",
					id, i, (unsigned long long)gen);
			}
			fill(p, seed, i, gen + 1);
			moved++;
			atomic_fetch_add_explicit(&sh->pages, 1, memory_order_relaxed);
		}
		if (!stop)
			gen++;
		else
			break;
	}
	snprintf(msg, sizeof(msg), "%llu %llu\n", (unsigned long long)moved,
		 (unsigned long long)bad);
	if (write(ofd, msg, strlen(msg)) < 0)
		return 3;
	return bad ? 1 : 0;
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

static void print_cdf(const char *what, const double *v, size_t n, long cdfn)
{
	printf("faultlat: %s points=", what);
	for (long k = 0; n && k < cdfn; k++) {
		/* quantiles spread towards the tail: 1 - 2^-(k*12/cdfn) */
		double q = k == cdfn - 1 ? 1.0 : 1.0 - pow2neg(k, cdfn);

		printf("%s%.0f:%.5f", k ? "," : "", lat_pct(v, n, q), q);
	}
	printf("\n");
}

/* The real probe: the ops probe_run drives. */
struct probe {
	char *m;
	size_t npg;
	uint64_t seed;
	unsigned long long bad;
	int evict;		/* -X: keep the set out of the swap cache too */
	unsigned char *vec;	/* mincore's answer for the whole set */
	unsigned long long rearmed;	/* pages -X touched and paged out again */
	int vmfd, ssfd;		/* /proc/vmstat, /proc/thread-self/schedstat */
	double snap_s;		/* time the snapshots before a touch took */
	size_t snaps;
};

struct tsnap {
	struct vmsnap vm;
	long long run_delay_ns;
	double cpu_s;
};

/*
 * The counters around a touch, each a kept fd re-read from 0 (no open).
 * The thread's CPU clock is read nearest the touch (last before it,
 * first after it) so that the other reads' CPU time is not the fault's.
 */
static void snap_vm(struct probe *pr, struct tsnap *t, char *buf, size_t sz)
{
	ssize_t n;

	t->vm.pswpin = t->vm.allocstall = t->vm.pgscan_direct = -1;
	t->vm.direct_throttle = t->vm.throttled_written = -1;
	if (pr->vmfd >= 0 && (n = pread(pr->vmfd, buf, sz - 1, 0)) > 0) {
		buf[n] = 0;
		parse_vmsnap(buf, &t->vm);
	}
}

static void snap_sched(struct probe *pr, struct tsnap *t, char *buf, size_t sz)
{
	ssize_t n;

	t->run_delay_ns = -1;
	if (pr->ssfd >= 0 && (n = pread(pr->ssfd, buf, sz - 1, 0)) > 0) {
		buf[n] = 0;
		if (parse_schedstat(buf, &t->run_delay_ns))
			t->run_delay_ns = -1;
	}
}

static void snap_cpu(struct tsnap *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	t->cpu_s = ts.tv_sec + ts.tv_nsec / 1e9;
}

static void snap(struct probe *pr, struct tsnap *t, int after)
{
	static char buf[16384];

	if (after) {
		snap_cpu(t);
		snap_sched(pr, t, buf, sizeof(buf));
		snap_vm(pr, t, buf, sizeof(buf));
	} else {
		snap_vm(pr, t, buf, sizeof(buf));
		snap_sched(pr, t, buf, sizeof(buf));
		snap_cpu(t);
	}
}

static long long dv(long long a, long long b)
{
	return a < 0 || b < 0 ? -1 : b - a;
}

/*
 * -X: touch (and verify) every page of the set that mincore() reports
 * resident, then MADV_PAGEOUT the set.  A page paged out once is written
 * and stays in the swap cache (mincore: resident) until pressure frees
 * it; touched once its I/O is done it is mapped clean, and MADV_PAGEOUT
 * then frees it at once (a clean swap-cache page needs no write).  A page
 * still under writeback is kept: the next pass gets it.  Returns the
 * pages still resident before this pass.
 */
static size_t rearm(struct probe *pr)
{
	size_t res = 0;

	if (mincore(pr->m, pr->npg * pgsz, pr->vec))
		return pr->npg;
	for (size_t i = 0; i < pr->npg; i++) {
		uint64_t *p;

		if (!(pr->vec[i] & 1))
			continue;
		res++;
		p = (uint64_t *)(pr->m + i * pgsz);
		if (check(p, pr->seed, i, 0)) {
			pr->bad++;
			fprintf(stderr, "faultlat: probe page %zu: data mismatch (-X)\n", i);
		}
		pr->rearmed++;
	}
	if (res)
		madvise(pr->m, pr->npg * pgsz, MADV_PAGEOUT);
	return res;
}

static double op_now(void *ctx)
{
	(void)ctx;
	return now();
}

static void op_sleep(void *ctx, double t)
{
	(void)ctx;
	sleep_until(t);
}

static int op_touch(void *ctx, double *a, double *b, struct fault_rec *rec)
{
	struct probe *pr = ctx;
	struct rusage r0, r1;
	struct tsnap s0, s1;
	unsigned char vec;
	size_t pg = 0;
	int found = 0, major;
	uint64_t *p;
	double t;

	for (int tries = 0; tries < 64; tries++) {
		pg = (size_t)(drand48() * pr->npg) % pr->npg;
		if (!mincore(pr->m + pg * pgsz, pgsz, &vec) && !(vec & 1)) {
			found = 1;
			break;
		}
	}
	if (!found) {
		/* -X: the pages read ahead are in the swap cache; touching
		 * them counts readahead hits, which widen the next faults'
		 * window, so only when the set has run out (a skipped tick) */
		if (pr->evict)
			rearm(pr);
		return -1;
	}
	p = (uint64_t *)(pr->m + pg * pgsz);
	t = now();
	getrusage(RUSAGE_SELF, &r0);
	snap(pr, &s0, 0);
	*a = now();
	pr->snap_s += *a - t;
	pr->snaps++;
	(void)*(volatile uint64_t *)p;
	*b = now();
	snap(pr, &s1, 1);
	getrusage(RUSAGE_SELF, &r1);
	major = r1.ru_majflt > r0.ru_majflt;
	rec->runq_us = s0.run_delay_ns >= 0 && s1.run_delay_ns >= 0 ?
		       (double)(s1.run_delay_ns - s0.run_delay_ns) / 1e3 : 0;
	rec->cpu_us = (s1.cpu_s - s0.cpu_s) * 1e6;
	rec->pswpin = dv(s0.vm.pswpin, s1.vm.pswpin);
	rec->allocstall = dv(s0.vm.allocstall, s1.vm.allocstall);
	rec->pgscan_direct = dv(s0.vm.pgscan_direct, s1.vm.pgscan_direct);
	rec->direct_throttle = dv(s0.vm.direct_throttle, s1.vm.direct_throttle);
	rec->throttled_written = dv(s0.vm.throttled_written, s1.vm.throttled_written);
	if (check(p, pr->seed, pg, 0)) {
		pr->bad++;
		fprintf(stderr, "faultlat: probe page %zu: data mismatch\n", pg);
	}
	/* read-only and clean: this frees it at once (the swap slot stays) */
	madvise(p, pgsz, MADV_PAGEOUT);
	return major;
}

/* Has this system a swap area?  (/proc/swaps: a header, a line per area) */
static int have_swap(void)
{
	FILE *f = fopen("/proc/swaps", "r");
	char line[512];
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n > 1;
}

/* A mean for the result line: "na" when no fault had the counter. */
static const char *fnum(char *buf, double v)
{
	if (isnan(v))
		return "na";
	snprintf(buf, 32, "%.1f", v);
	return buf;
}

static void usage(void)
{
	fprintf(stderr, "usage: faultlat [-p WRITERS] [-w WRITER_MIB] [-m PROBE_MIB] [-R TOUCHES_PER_S] [-P PAGES_PER_S] [-d SECONDS] [-s SEED] [-c CDF_POINTS] [-b BLOCKDEV|nfs] [-i IFACE] [-L LABEL] [-H CTLDEV] [-X] [--corrupt]\n");
	exit(3);
}

/* "cpu LABEL.WHAT" to the control port (one write: one line). */
static int mark(int fd, const char *label, const char *what)
{
	char line[160];
	int n;

	if (fd < 0)
		return 0;
	n = snprintf(line, sizeof(line), "cpu %s.%s\n", label, what);
	if (n < 0 || (size_t)n >= sizeof(line) || write(fd, line, (size_t)n) != n) {
		fprintf(stderr, "faultlat: -H: cannot write the mark %s.%s: %s\n", label, what, strerror(errno));
		return -1;
	}
	return 0;
}

/* A whole number >= min from optarg, or the usage line. */
static long num(const char *s, long min)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "corrupt", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	long nw = 2, wmib = 128, pmib = 8, rate = 100, dur = 30, cdfn = 40, pace = 0;
	const char *blkdev = NULL, *iface = NULL, *label = "none", *ctl = NULL;
	int ctlfd = -1;
	uint64_t seed = 1;
	int corrupt = 0, c, rp[2], op[2], status = 0, killed = 0;
	pid_t pids[MAXW];
	unsigned long long moved = 0, wbad = 0, wp0 = 0, wp1 = 0;
	long long lag_us = 0;
	double c0, c1, tstart, primed_s = 0;
	struct counters k0, k1, kd;
	struct probe pr = { .vmfd = -1, .ssfd = -1 };
	struct probe_ops ops = { op_now, op_sleep, op_touch, &pr };
	struct probe_res res = { 0 };
	struct wshare *sh;
	char buf[256];
	struct sigaction sa;

	tstart = now();
	pgsz = sysconf(_SC_PAGESIZE);
	while ((c = getopt_long(argc, argv, "p:w:m:R:P:d:s:c:b:i:L:H:X", lo, NULL)) != -1) {
		switch (c) {
		case 'p': nw = num(optarg, 0); break;
		case 'w': wmib = num(optarg, 1); break;
		case 'm': pmib = num(optarg, 1); break;
		case 'R': rate = num(optarg, 0); break;
		case 'P': pace = num(optarg, 0); break;
		case 'd': dur = num(optarg, 1); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'c': cdfn = num(optarg, 2); break;
		case 'b': blkdev = optarg; break;
		case 'i': iface = optarg; break;
		case 'L': label = optarg; break;
		case 'H': ctl = optarg; break;
		case 'C': corrupt = 1; break;
		case 'X': pr.evict = 1; break;
		default: usage();
		}
	}
	if (optind != argc || nw > MAXW || (rate == 0 && nw == 0) || (pr.evict && !rate) || !*label ||
	    strspn(label, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(label) ||
	    strlen(label) > 100)
		usage();
	if (pr.evict && !have_swap()) {
		fprintf(stderr, "faultlat: -X: no swap area in /proc/swaps: nothing to page out to\n");
		return 3;
	}
	if (ctl) {
		ctlfd = open(ctl, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (ctlfd < 0) {
			fprintf(stderr, "faultlat: -H %s: %s\n", ctl, strerror(errno));
			return 3;
		}
	}

	/* The counters asked for must be there: no silent "na". */
	counters_take(&k0, blkdev, iface);
	if (blkdev && k0.v[strcmp(blkdev, "nfs") ? C_BLK_RD : C_RPC_RD] < 0) {
		fprintf(stderr, "faultlat: -b %s: cannot read its counters (%s)\n", blkdev,
			strcmp(blkdev, "nfs") ? "/sys/block/DEV/stat" : "/proc/net/rpc/nfs proc3");
		return 3;
	}
	if (iface && k0.v[C_RX_BYTES] < 0) {
		fprintf(stderr, "faultlat: -i %s: no such interface in /proc/net/dev\n", iface);
		return 3;
	}

	sh = mmap(NULL, sizeof(*sh) * MAXW, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("faultlat: mmap");
		return 3;
	}
	for (int i = 0; i < MAXW; i++) {
		atomic_init(&sh[i].pages, 0);
		atomic_init(&sh[i].lag_us, 0);
	}
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
			_exit(writer(i, wmib, seed, rp[1], op[1], corrupt,
				     pace > 0 ? (double)pace / nw : 0, &sh[i]));
		}
	}
	close(rp[1]);
	close(op[1]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* The probe: buffers first, then lock them (and code, stack). */
	res.cap = rate ? (size_t)rate * dur + 16 : 1;
	res.lat = calloc(res.cap, sizeof(*res.lat));
	res.clat = calloc(res.cap, sizeof(*res.clat));
	res.rec = calloc(res.cap, sizeof(*res.rec));
	pr.npg = rate ? (size_t)pmib * 1024 * 1024 / pgsz : 0;
	pr.vec = calloc(pr.npg ? pr.npg : 1, 1);
	if (!res.lat || !res.clat || !res.rec || !pr.vec) {
		perror("faultlat: calloc");
		return 3;
	}
	if (mlockall(MCL_CURRENT))
		fprintf(stderr, "faultlat: mlockall: %s (probe's own code may fault)\n",
			strerror(errno));
	pr.seed = seed;
	/* the breakdown's counters: kept open, re-read from 0 per touch */
	pr.vmfd = open("/proc/vmstat", O_RDONLY | O_CLOEXEC);
	pr.ssfd = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
	if (rate && (pr.vmfd < 0 || pr.ssfd < 0)) {
		fprintf(stderr, "faultlat: %s: %s (the slow faults' breakdown needs it)\n",
			pr.vmfd < 0 ? "/proc/vmstat" : "/proc/thread-self/schedstat", strerror(errno));
		return 3;
	}
	if (rate) {
		pr.m = mmap(NULL, pr.npg * pgsz, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (pr.m == MAP_FAILED) {
			perror("faultlat: mmap");
			return 3;
		}
		for (size_t i = 0; i < pr.npg; i++)
			fill((uint64_t *)(pr.m + i * pgsz), seed, i, 0);
		if (madvise(pr.m, pr.npg * pgsz, MADV_PAGEOUT))
			fprintf(stderr, "faultlat: MADV_PAGEOUT: %s (relying on pressure)\n",
				strerror(errno));
	}
	if (pr.evict) {
		/* every page of the set out of memory and out of the swap
		 * cache before the first tick (bound: 120 s), or no run */
		double p0 = now();
		size_t left;
		int passes = 0, cpus[CPU_SETSIZE], ncpu = 0;
		cpu_set_t all, one;

		/*
		 * A page whose write ended on another CPU can sit in that
		 * CPU's LRU batch (folio_rotate_reclaimable), whose reference
		 * keeps reclaim from freeing it; MADV_PAGEOUT drains only the
		 * caller's CPU (lru_add_drain).  So the passes go round the
		 * CPUs: 2026-12-07 on 6.12 15 and 32 pages stayed 75-116 s
		 * on one CPU.
		 */
		if (!sched_getaffinity(0, sizeof(all), &all))
			for (int c = 0; c < CPU_SETSIZE; c++)
				if (CPU_ISSET(c, &all))
					cpus[ncpu++] = c;
		fprintf(stderr, "faultlat: -X: resident at each pass (pages@s):");
		while ((left = rearm(&pr)) && now() - p0 < 120) {
			if (passes++ < 40)
				fprintf(stderr, " %zu@%.1f", left, now() - p0);
			if (ncpu > 1) {
				CPU_ZERO(&one);
				CPU_SET(cpus[passes % ncpu], &one);
				sched_setaffinity(0, sizeof(one), &one);
			}
			sleep_until(now() + 0.05);
		}
		if (ncpu > 1)
			sched_setaffinity(0, sizeof(all), &all);
		primed_s = now() - p0;
		fprintf(stderr, " %zu@%.1f: %d passes on %d CPUs\n", left, primed_s, passes, ncpu);
		if (left) {
			fprintf(stderr, "faultlat: -X: %zu of %zu probe pages still resident after %.0f s of page-outs\n",
				left, pr.npg, primed_s);
			return 3;
		}
	}

	/* Wait until every writer has written its whole set once. */
	for (int i = 0; i < nw; i++)
		if (read(rp[0], buf, 1) != 1)
			break;

	if (mark(ctlfd, label, "t0"))
		status = 3;
	counters_take(&k0, blkdev, iface);
	for (int i = 0; i < nw; i++)
		wp0 += atomic_load(&sh[i].pages);
	c0 = cpu_busy();
	srand48((long)seed);
	if (rate) {
		probe_run(&ops, (double)rate, (double)dur, &res);
	} else {
		res.t0 = now();
		sleep_until(res.t0 + dur);
		res.t1 = now();
	}
	c1 = cpu_busy();
	for (int i = 0; i < nw; i++) {
		long long l = atomic_load(&sh[i].lag_us);

		wp1 += atomic_load(&sh[i].pages);
		if (l > lag_us)
			lag_us = l;
	}
	counters_take(&k1, blkdev, iface);
	counters_delta(&k0, &k1, &kd);
	if (mark(ctlfd, label, "t1"))
		status = 3;

	/* Every probe page verified once more at the end. */
	for (size_t i = 0; i < pr.npg; i++)
		if (check((uint64_t *)(pr.m + i * pgsz), seed, i, 0)) {
			pr.bad++;
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

	{
		struct lat_sum s, cs;
		struct slow_sum sl, al;
		long long pin = kd.v[C_PSWPIN], pout = kd.v[C_PSWPOUT];
		double el = res.t1 - res.t0, cpu = c1 - c0;
		unsigned long long wpg = wp1 - wp0;
		const char *r;
		char b1[32], b2[32], b3[32], b4[32], b5[32], b6[32];

		/* the breakdown first: lat_summary sorts lat */
		slow_summary(res.lat, res.rec, res.n, 0, &sl);
		slow_summary(res.lat, res.rec, res.n, 1, &al);
		lat_summary(res.lat, res.n, &s);
		lat_summary(res.clat, res.n, &cs);
		print_cdf("cdf", res.lat, res.n, cdfn);
		print_cdf("ccdf", res.clat, res.n, cdfn);
		if (pr.bad || wbad)
			status = 1;
		if (!status && killed)
			status = 2;
		r = status ? "FAIL" : "PASS";
		printf("faultlat: result=%s faults=%zu p50_us=%.0f p90_us=%.0f p95_us=%.0f p99_us=%.0f worst1_us=%.0f max_us=%.0f"
		       " cp50_us=%.0f cp95_us=%.0f cp99_us=%.0f cworst1_us=%.0f cmax_us=%.0f"
		       " minor=%zu skipped=%zu ticks=%zu elapsed_s=%.1f writers=%ld writer_mib=%ld probe_mib=%ld rate=%ld"
		       " pace_pps=%ld writer_pages=%llu writer_pps=%.0f pace_lag_s=%.2f"
		       " pages_per_s=%.0f cpu_s=%.2f cpu_us_per_page=%.1f"
		       " writer_pages_total=%llu setup_s=%.1f mismatches=%llu killed=%d blkdev=%s iface=%s label=%s",
		       r, res.n, s.p50, s.p90, s.p95, s.p99, s.worst1, s.max,
		       cs.p50, cs.p95, cs.p99, cs.worst1, cs.max,
		       res.minor, res.skipped, res.ticks, el, nw, wmib, pmib, rate,
		       pace, wpg, el > 0 ? wpg / el : 0.0, lag_us / 1e6,
		       el > 0 ? (pin + pout) / el : 0.0, cpu,
		       pin + pout > 0 ? cpu * 1e6 / (pin + pout) : 0.0, moved, res.t0 - tstart,
		       pr.bad + wbad, killed,
		       blkdev ? blkdev : "none", iface ? iface : "none", label);
		counters_print(stdout, &kd);
		/* the slow faults' breakdown (slow_*) beside every fault's (all_*) */
		printf(" slow_n=%zu slow_us=%.0f slow_runq_us=%.0f slow_cpu_us=%.0f slow_blocked_us=%.0f"
		       " slow_stalled=%zu slow_allocstall=%s slow_pgscan_direct=%s slow_direct_throttle=%s"
		       " slow_throttled_written=%s slow_rd_pages=%s"
		       " all_runq_us=%.0f all_cpu_us=%.0f all_blocked_us=%.0f all_stalled=%zu all_rd_pages=%s"
		       " real=%zu snap_us=%.0f evict=%d primed_s=%.1f rearmed=%llu",
		       sl.n, sl.wall_us, sl.runq_us, sl.cpu_us, sl.blocked_us, sl.with_stall,
		       fnum(b1, sl.allocstall), fnum(b2, sl.pgscan_direct), fnum(b3, sl.direct_throttle),
		       fnum(b4, sl.throttled_written), fnum(b5, sl.pswpin),
		       al.runq_us, al.cpu_us, al.blocked_us, al.with_stall, fnum(b6, al.pswpin),
		       al.real, pr.snaps ? pr.snap_s * 1e6 / (double)pr.snaps : 0.0,
		       pr.evict, primed_s, pr.rearmed);
		printf("\n");
	}
	fflush(stdout);
	free(res.lat);
	free(res.clat);
	free(res.rec);
	free(pr.vec);
	return status;
}

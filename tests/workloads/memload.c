// SPDX-License-Identifier: GPL-2.0
/*
 * memload - verifying memory-pressure workload for the swapnet lab.
 *
 * N processes each map M MiB of anonymous memory (together a multiple of
 * MemTotal, so most of it has to live in swap), fill every page with a
 * pattern derived from (page index, process seed, pass), then read it all
 * back and check every word: once in linear order, once in random order.
 * Any difference is a data-integrity failure of the swap path under test.
 * The linear pass reads every page; the random pass may be limited to a
 * random sample (--random-fraction): under TCG it dominates a lab run
 * (each page fault there reads a readahead window of mostly pages not
 * asked for), while what it adds over the linear pass (swap-ins out of
 * order, readahead misses) a sample shows as well.
 *
 * Modes:
 *   default   write + verify linear + verify random, PASSES times
 *   --seeds   8 x NCPU processes, 4 x MemTotal in total, each writing once
 *             and then re-reading (verifying) its mapping linearly in a
 *             loop: many processes faulting at once
 *   --corrupt the test of the test: child 0 flips one bit of one page
 *             after writing it; the run must report the mismatch and fail
 *
 * --detect: a SIGBUS on a page (the kernel could not read it back, e.g.
 * a swap device that found it corrupt and failed the read) counts that
 * page as lost, not as a failure: the page is skipped from then on, and
 * each one is listed ("memload[N]: page P lost (SIGBUS)") and counted
 * (lost_pages= in the result line).  Wrong data is still a mismatch.
 * --lose is its test: child 0 replaces one page, after writing it, by
 * one that raises SIGBUS (an empty memfd mapped over it).
 *
 * --slots DIR: after the first write pass each child i lists its pages
 * that are in swap now ("PAGE TYPE OFFSET": swap area, byte offset of
 * the slot, from /proc/self/pagemap: root only) in DIR/slots.i, creates
 * DIR/ready.i and waits until DIR/go exists before it reads anything:
 * a scenario can change what the swap device holds meanwhile.
 *
 * --compressible F makes the tail (share F) of every page's words one
 * constant derived from (seed, pass), so that zswap can compress the page;
 * those words are verified like all others.
 *
 * Exit status: 0 all data verified; 1 a mismatch (takes precedence);
 * 2 a child died (e.g. OOM-killed) or could not run; 64 bad usage.
 * The last line is machine-readable:
 *   memload: result=PASS|FAIL procs=.. mib_per_proc=.. mismatches=.. ...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_MISMATCH 1
#define EXIT_CHILD 2
#define EXIT_USAGE 64

struct opts {
	long procs;		/* number of worker processes */
	long mib;		/* MiB per process; 0: derive from ratio */
	double ratio;		/* total size as a multiple of MemTotal */
	uint64_t seed;		/* base seed; child i uses seed + i */
	long passes;		/* write + verify rounds (default mode) */
	long loops;		/* read loops (--seeds) */
	long duration;		/* stop read loops after this many seconds */
	double random_fraction;	/* share of pages the random pass visits */
	double compressible;	/* share of each page's words set to a constant */
	int seeds;
	int corrupt;
	int detect;		/* SIGBUS: page lost, not fatal */
	int lose;		/* child 0: one page raises SIGBUS */
	const char *slots;	/* --slots DIR */
};

/* One per child, in shared memory: what the parent reports. */
struct result {
	uint64_t mismatches;	/* differing words over all verifications */
	uint64_t bad_pages;	/* pages with at least one differing word */
	uintptr_t first_addr;	/* first differing word seen */
	uint64_t first_page, first_word, first_expected, first_got;
	uint64_t first_pass;
	uint64_t lost_pages;	/* --detect: pages that raised SIGBUS */
	double write_s, lin_s, rand_s;	/* summed over passes / loops */
	long loops_done;
	int ran;		/* child reached the end of its work */
};

static size_t page_size;
static sigjmp_buf bus_env;
static volatile sig_atomic_t bus_armed;
static uint8_t *lost;		/* --detect: one byte per page of the child */
static size_t words_per_page;
static size_t varied_words;	/* words from here on: the constant tail */

static void die_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("memload: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see memload --help)\n", stderr);
	exit(EXIT_USAGE);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* splitmix64 finalizer: a cheap, well-mixed 64-bit hash. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/*
 * The pattern of word w of page p.  Words 0 and 1 carry the page's identity
 * in clear (page index; seed and pass) so that a misplaced page is easy to
 * recognise in a report; the rest differ per word so that any offset or
 * partial-page error shows, except the compressible tail (words from
 * varied_words on), one constant per (seed, pass).
 */
static uint64_t page_base(uint64_t p, uint64_t seed, uint64_t pass)
{
	return mix(p ^ mix(seed ^ mix(pass)));
}

static uint64_t pattern(uint64_t base, uint64_t p, uint64_t seed,
			uint64_t pass, size_t w)
{
	if (w == 0)
		return p;
	if (w == 1)
		return (seed << 20) ^ pass;
	if (w >= varied_words)
		return mix(0xc0a1e5cedULL ^ mix(seed ^ mix(pass + 1)));
	return base ^ ((uint64_t)w * 0x9e3779b97f4a7c15ULL);
}

static void write_page(uint64_t *pg, uint64_t p, uint64_t seed, uint64_t pass)
{
	uint64_t base = page_base(p, seed, pass);
	size_t w;

	for (w = 0; w < words_per_page; w++)
		pg[w] = pattern(base, p, seed, pass, w);
}

static void verify_page(const uint64_t *pg, uint64_t p, uint64_t seed,
			uint64_t pass, struct result *r)
{
	uint64_t base = page_base(p, seed, pass);
	uint64_t bad = 0;
	size_t w;

	for (w = 0; w < words_per_page; w++) {
		uint64_t want = pattern(base, p, seed, pass, w);

		if (pg[w] == want)
			continue;
		if (r->mismatches + bad == 0) {
			r->first_addr = (uintptr_t)&pg[w];
			r->first_page = p;
			r->first_word = w;
			r->first_expected = want;
			r->first_got = pg[w];
			r->first_pass = pass;
		}
		bad++;
	}
	if (bad) {
		r->mismatches += bad;
		r->bad_pages++;
	}
}

/* xorshift64*: the random visiting order. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static void say(long child, const char *fmt, ...)
{
	va_list ap;
	char line[256];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* One write per line: children share the console. */
	printf("memload[%ld]: %s\n", child, line);
	fflush(stdout);
}

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	if (bus_armed) {
		bus_armed = 0;
		siglongjmp(bus_env, 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* One page access: write or verify. */
struct access {
	uint64_t *pg;
	size_t p;
	uint64_t seed, pass;
	int write;
	struct result *r;
};

static void do_access(const struct access *a)
{
	if (a->write)
		write_page(a->pg, a->p, a->seed, a->pass);
	else
		verify_page(a->pg, a->p, a->seed, a->pass, a->r);
}

/* The access with SIGBUS caught: 0 done, -1 it raised SIGBUS. */
static int guarded_access(const struct access *a)
{
	static const struct access *volatile cur;

	cur = a;
	if (sigsetjmp(bus_env, 1))
		return -1;
	bus_armed = 1;
	do_access(cur);
	bus_armed = 0;
	return 0;
}

/*
 * --detect: a page that raises SIGBUS is lost (listed once, then
 * skipped).  Without --detect, just the access.
 */
static void touch_page(const struct opts *o, long idx, uint8_t *mem,
		       size_t p, uint64_t seed, uint64_t pass, int write,
		       struct result *r)
{
	struct access a = {
		.pg = (uint64_t *)(mem + p * page_size),
		.p = p, .seed = seed, .pass = pass, .write = write, .r = r,
	};

	if (!o->detect) {
		do_access(&a);
		return;
	}
	if (lost[p])
		return;
	if (guarded_access(&a)) {
		lost[p] = 1;
		r->lost_pages++;
		say(idx, "page %zu lost (SIGBUS at %p)", p, (void *)a.pg);
	}
}

/* --lose: page p of the mapping now raises SIGBUS (an empty memfd). */
static int lose_page(long idx, uint8_t *mem, size_t p)
{
	int fd = memfd_create("memload-lose", 0);
	void *a;

	if (fd < 0) {
		say(idx, "--lose: memfd_create: %s", strerror(errno));
		return -1;
	}
	a = mmap(mem + p * page_size, page_size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0);
	close(fd);
	if (a == MAP_FAILED) {
		say(idx, "--lose: mmap: %s", strerror(errno));
		return -1;
	}
	say(idx, "--lose: page %zu now raises SIGBUS", p);
	return 0;
}

/* PM_SWAP entries of /proc/self/pagemap: bits 0-4 type, 5-54 offset. */
#define PM_SWAP		(1ULL << 62)
#define PM_SWAP_TYPE(e)	((e) & 0x1f)
#define PM_SWAP_OFF(e)	(((e) & ((1ULL << 55) - 1)) >> 5)

/* --slots: list the swapped-out pages, say ready, wait for go. */
static int slots_handshake(long idx, const char *dir, uint8_t *mem,
			   size_t npages)
{
	char path[4096], tmp[4096];
	uint64_t e;
	size_t p, n = 0;
	FILE *pm, *out;

	snprintf(path, sizeof(path), "%s/slots.%ld", dir, idx);
	snprintf(tmp, sizeof(tmp), "%s/slots.%ld.tmp", dir, idx);
	pm = fopen("/proc/self/pagemap", "rb");
	out = fopen(tmp, "w");
	if (!pm || !out ||
	    fseeko(pm, (off_t)((uintptr_t)mem / page_size * sizeof(e)),
		   SEEK_SET)) {
		say(idx, "--slots: %s: %s", pm ? tmp : "/proc/self/pagemap",
		    strerror(errno));
		return -1;
	}
	for (p = 0; p < npages; p++) {
		if (fread(&e, sizeof(e), 1, pm) != 1) {
			say(idx, "--slots: short read of /proc/self/pagemap");
			return -1;
		}
		if (!(e & PM_SWAP) || !PM_SWAP_OFF(e))
			continue;
		fprintf(out, "%zu %u %llu\n", p, (unsigned int)PM_SWAP_TYPE(e),
			(unsigned long long)(PM_SWAP_OFF(e) * page_size));
		n++;
	}
	fclose(pm);
	if (fclose(out) || rename(tmp, path)) {
		say(idx, "--slots: %s: %s", path, strerror(errno));
		return -1;
	}
	say(idx, "--slots: %zu of %zu pages in swap, listed in %s; waiting for %s/go",
	    n, npages, path, dir);
	snprintf(path, sizeof(path), "%s/ready.%ld", dir, idx);
	out = fopen(path, "w");
	if (!out || fclose(out)) {
		say(idx, "--slots: %s: %s", path, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/go", dir);
	while (access(path, F_OK)) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
	return 0;
}

static int child_main(long idx, const struct opts *o, size_t npages,
		      struct result *r)
{
	uint64_t seed = o->seed + (uint64_t)idx;
	size_t len = npages * page_size;
	uint32_t *order = NULL;
	uint8_t *mem;
	uint64_t pass, s;
	size_t i, nrandom;
	double t;

	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		say(idx, "cannot map %zu MiB: %s", len >> 20, strerror(errno));
		return EXIT_CHILD;
	}
	if (o->detect) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_sigbus;
		sa.sa_flags = SA_SIGINFO | SA_NODEFER;
		sigemptyset(&sa.sa_mask);
		lost = calloc(npages, 1);
		if (!lost || sigaction(SIGBUS, &sa, NULL)) {
			say(idx, "--detect: cannot set up: %s", strerror(errno));
			return EXIT_CHILD;
		}
	}
	if (!o->seeds) {
		order = malloc(npages * sizeof(*order));
		if (!order) {
			say(idx, "out of memory for the page order");
			return EXIT_CHILD;
		}
	}

	for (pass = 1; pass <= (uint64_t)(o->seeds ? 1 : o->passes); pass++) {
		t = now_s();
		for (i = 0; i < npages; i++)
			touch_page(o, idx, mem, i, seed, pass, 1, r);
		r->write_s += now_s() - t;
		say(idx, "pass %" PRIu64 ": wrote %zu MiB in %.1f s", pass,
		    len >> 20, now_s() - t);

		if (o->corrupt && idx == 0 && pass == 1) {
			size_t victim = npages / 2;
			uint64_t *w = (uint64_t *)(mem + victim * page_size) + 7;

			*w ^= 1ULL << 13;
			say(idx, "--corrupt: flipped one bit at %p (page %zu word 7)",
			    (void *)w, victim);
		}

		if (o->lose && idx == 0 && pass == 1 &&
		    lose_page(idx, mem, npages / 2))
			return EXIT_CHILD;
		if (o->slots && pass == 1 &&
		    slots_handshake(idx, o->slots, mem, npages))
			return EXIT_CHILD;

		if (o->seeds)
			break;

		t = now_s();
		for (i = 0; i < npages; i++)
			touch_page(o, idx, mem, i, seed, pass, 0, r);
		r->lin_s += now_s() - t;
		say(idx, "pass %" PRIu64 ": verified linearly in %.1f s, %" PRIu64
		    " bad words so far", pass, now_s() - t, r->mismatches);

		/* Fisher-Yates shuffle of the page indices. */
		for (i = 0; i < npages; i++)
			order[i] = (uint32_t)i;
		s = mix(seed ^ (pass << 32)) | 1;
		for (i = npages - 1; i > 0; i--) {
			size_t j = (size_t)(rnd(&s) % (i + 1));
			uint32_t tmp = order[i];

			order[i] = order[j];
			order[j] = tmp;
		}
		/* A sample: the first part of the shuffled order (at least one). */
		nrandom = (size_t)((double)npages * o->random_fraction + 0.5);
		if (nrandom < 1)
			nrandom = 1;
		if (nrandom > npages)
			nrandom = npages;
		t = now_s();
		for (i = 0; i < nrandom; i++)
			touch_page(o, idx, mem, order[i], seed, pass, 0, r);
		r->rand_s += now_s() - t;
		say(idx, "pass %" PRIu64 ": verified %zu of %zu pages in random order in %.1f s, %"
		    PRIu64 " bad words so far", pass, nrandom, npages, now_s() - t,
		    r->mismatches);
	}

	if (o->seeds) {
		double start = now_s();
		long l;

		for (l = 0; l < o->loops; l++) {
			if (o->duration && now_s() - start >= (double)o->duration)
				break;
			t = now_s();
			for (i = 0; i < npages; i++)
				touch_page(o, idx, mem, i, seed, 1, 0, r);
			r->lin_s += now_s() - t;
			r->loops_done++;
			say(idx, "loop %ld: read %zu MiB in %.1f s, %" PRIu64
			    " bad words so far", l + 1, len >> 20, now_s() - t,
			    r->mismatches);
		}
	}
	free(order);
	free(lost);
	munmap(mem, len);
	r->ran = 1;
	return r->mismatches ? EXIT_MISMATCH : 0;
}

/* Value of a /proc/vmstat or /proc/meminfo counter; -1 if absent. */
static long long proc_counter(const char *file, const char *key)
{
	char line[256];
	size_t klen = strlen(key);
	long long v = -1;
	FILE *f = fopen(file, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, klen) == 0 &&
		    (line[klen] == ' ' || line[klen] == ':')) {
			v = strtoll(line + klen + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

static long parse_long(const char *name, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		die_usage("%s must be a whole number from %ld to %ld, got '%s'",
			  name, min, max, s);
	return v;
}

static void usage(void)
{
	puts("usage: memload [options]\n"
	     "  -p, --procs N       worker processes (default 2; --seeds: 8 x NCPU)\n"
	     "  -m, --mib M         MiB per process (default: from --ratio)\n"
	     "  -r, --ratio X       total size as a multiple of MemTotal (default 2.5;\n"
	     "                      --seeds: 4)\n"
	     "  -s, --seed S        base seed; process i uses S + i (default 1)\n"
	     "  -P, --passes N      write + verify rounds (default 1)\n"
	     "  -f, --random-fraction F\n"
	     "                      share of the pages the random-order verify\n"
	     "                      visits, above 0 and at most 1 (default 1: all;\n"
	     "                      the linear verify always reads every page)\n"
	     "      --seeds         seeds' test: write once, then many processes\n"
	     "                      re-read their mappings linearly in a loop\n"
	     "  -l, --loops N       read loops in --seeds mode (default 2)\n"
	     "  -d, --duration S    stop --seeds loops after S seconds (default: no limit)\n"
	     "  -z, --compressible F\n"
	     "                      share of each page's words (the tail) that is one\n"
	     "                      constant per seed and pass, so zswap can compress\n"
	     "                      it; at least 0 and below 1 (default 0)\n"
	     "      --corrupt       flip one bit of one page: the run must FAIL\n"
	     "      --detect        a page that raises SIGBUS is lost (listed,\n"
	     "                      counted in lost_pages=, skipped), not a failure\n"
	     "      --lose          one page raises SIGBUS (the test of --detect)\n"
	     "      --slots DIR     after writing: list the pages in swap (PAGE TYPE\n"
	     "                      OFFSET) in DIR/slots.N, create DIR/ready.N, wait\n"
	     "                      for DIR/go (root: /proc/self/pagemap)\n"
	     "  -h, --help          this text\n"
	     "Exit: 0 verified, 1 mismatch, 2 a worker died, 64 usage.");
}

static void parse(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "procs", required_argument, NULL, 'p' },
		{ "mib", required_argument, NULL, 'm' },
		{ "ratio", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "passes", required_argument, NULL, 'P' },
		{ "random-fraction", required_argument, NULL, 'f' },
		{ "compressible", required_argument, NULL, 'z' },
		{ "loops", required_argument, NULL, 'l' },
		{ "duration", required_argument, NULL, 'd' },
		{ "seeds", no_argument, NULL, 'S' },
		{ "corrupt", no_argument, NULL, 'C' },
		{ "detect", no_argument, NULL, 'D' },
		{ "lose", no_argument, NULL, 'L' },
		{ "slots", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, ratio_set = 0;
	char *end;

	while ((c = getopt_long(argc, argv, "p:m:r:s:P:f:z:l:d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->procs = parse_long("--procs", optarg, 1, 4096);
			break;
		case 'm':
			o->mib = parse_long("--mib", optarg, 1, 1L << 24);
			break;
		case 'r':
			errno = 0;
			o->ratio = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(o->ratio > 0 && o->ratio <= 64))
				die_usage("--ratio must be a number above 0 and at most 64, got '%s'",
					  optarg);
			ratio_set = 1;
			break;
		case 'f':
			errno = 0;
			o->random_fraction = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			    !(o->random_fraction > 0 && o->random_fraction <= 1))
				die_usage("--random-fraction must be a number above 0 and at most 1, got '%s'",
					  optarg);
			break;
		case 'z':
			errno = 0;
			o->compressible = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			    !(o->compressible >= 0 && o->compressible < 1))
				die_usage("--compressible must be a number from 0 to below 1, got '%s'",
					  optarg);
			break;
		case 's':
			o->seed = (uint64_t)parse_long("--seed", optarg, 0, LONG_MAX);
			break;
		case 'P':
			o->passes = parse_long("--passes", optarg, 1, 1000000);
			break;
		case 'l':
			o->loops = parse_long("--loops", optarg, 1, LONG_MAX);
			break;
		case 'd':
			o->duration = parse_long("--duration", optarg, 1, LONG_MAX);
			break;
		case 'S':
			o->seeds = 1;
			break;
		case 'C':
			o->corrupt = 1;
			break;
		case 'D':
			o->detect = 1;
			break;
		case 'L':
			o->lose = 1;
			break;
		case 'W':
			o->slots = optarg;
			break;
		case 'h':
			usage();
			exit(0);
		default:
			die_usage("unknown option");
		}
	}
	if (optind < argc)
		die_usage("unexpected argument '%s'", argv[optind]);
	if (o->seeds) {
		if (!o->procs)
			o->procs = 8 * sysconf(_SC_NPROCESSORS_ONLN);
		if (!ratio_set)
			o->ratio = 4.0;
	}
	if (!o->procs)
		o->procs = 2;
}

int main(int argc, char **argv)
{
	struct opts o = { .ratio = 2.5, .seed = 1, .passes = 1, .loops = 2,
			  .random_fraction = 1.0 };
	long long memtotal_kb, in0, out0, oom0;
	struct result *res;
	pid_t *pids;
	size_t npages;
	long i, killed = 0, failed = 0;
	uint64_t mism = 0, badp = 0, lostp = 0;
	int status, rc;
	double t0;

	page_size = (size_t)sysconf(_SC_PAGESIZE);
	words_per_page = page_size / sizeof(uint64_t);
	parse(argc, argv, &o);
	varied_words = words_per_page -
		(size_t)((double)words_per_page * o.compressible);
	if (varied_words < 2)
		varied_words = 2;

	memtotal_kb = proc_counter("/proc/meminfo", "MemTotal");
	if (!o.mib) {
		if (memtotal_kb <= 0)
			die_usage("cannot read MemTotal from /proc/meminfo; give --mib");
		o.mib = (long)((double)memtotal_kb / 1024.0 * o.ratio / (double)o.procs);
		if (o.mib < 1)
			o.mib = 1;
	}
	npages = (size_t)o.mib * (1024 * 1024 / page_size);
	if (npages > UINT32_MAX)
		die_usage("--mib too large");

	res = mmap(NULL, (size_t)o.procs * sizeof(*res), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pids = calloc((size_t)o.procs, sizeof(*pids));
	if (res == MAP_FAILED || !pids) {
		fprintf(stderr, "memload: out of memory for bookkeeping\n");
		return EXIT_CHILD;
	}

	printf("memload: mode=%s procs=%ld mib_per_proc=%ld total_mib=%ld memtotal_mib=%lld seed=%" PRIu64 "%s%s%s\n",
	       o.seeds ? "seeds" : "verify", o.procs, o.mib, o.procs * o.mib,
	       memtotal_kb / 1024, o.seed, o.corrupt ? " corrupt=yes" : "",
	       o.detect ? " detect=yes" : "", o.lose ? " lose=yes" : "");
	fflush(stdout);
	in0 = proc_counter("/proc/vmstat", "pswpin");
	out0 = proc_counter("/proc/vmstat", "pswpout");
	oom0 = proc_counter("/proc/vmstat", "oom_kill");
	t0 = now_s();

	for (i = 0; i < o.procs; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			fprintf(stderr, "memload: fork: %s\n", strerror(errno));
			failed++;
			break;
		}
		if (pids[i] == 0)
			_exit(child_main(i, &o, npages, &res[i]));
	}

	for (i = 0; i < o.procs; i++) {
		if (pids[i] <= 0)
			continue;
		while (waitpid(pids[i], &status, 0) < 0) {
			if (errno != EINTR) {
				fprintf(stderr, "memload: waitpid: %s\n", strerror(errno));
				return EXIT_CHILD;
			}
		}
		if (WIFSIGNALED(status)) {
			killed++;
			printf("memload[%ld]: killed by signal %d (%s)%s\n", i,
			       WTERMSIG(status), strsignal(WTERMSIG(status)),
			       WTERMSIG(status) == SIGKILL ? ", likely the OOM killer" : "");
		} else if (WEXITSTATUS(status) == EXIT_CHILD || !res[i].ran) {
			failed++;
		}
		mism += res[i].mismatches;
		badp += res[i].bad_pages;
		lostp += res[i].lost_pages;
		printf("memload[%ld]: pid %d %s: write %.1f s, verify linear %.1f s, random %.1f s, loops %ld, bad words %" PRIu64 ", bad pages %" PRIu64 ", lost pages %" PRIu64 "\n",
		       i, (int)pids[i], res[i].ran ? "finished" : "did not finish",
		       res[i].write_s, res[i].lin_s, res[i].rand_s,
		       res[i].loops_done, res[i].mismatches, res[i].bad_pages,
		       res[i].lost_pages);
		if (res[i].mismatches)
			printf("memload[%ld]: first mismatch at 0x%" PRIxPTR " (page %" PRIu64 " word %" PRIu64 " pass %" PRIu64 "): expected 0x%016" PRIx64 " got 0x%016" PRIx64 "\n",
			       i, res[i].first_addr, res[i].first_page,
			       res[i].first_word, res[i].first_pass,
			       res[i].first_expected, res[i].first_got);
	}

	rc = mism ? EXIT_MISMATCH : (killed || failed) ? EXIT_CHILD : 0;
	printf("memload: result=%s procs=%ld mib_per_proc=%ld total_mib=%ld mismatches=%" PRIu64 " bad_pages=%" PRIu64 " killed=%ld failed=%ld pswpin=%lld pswpout=%lld oom_kill=%lld elapsed_s=%.1f random_fraction=%g compressible=%g lost_pages=%" PRIu64 "\n",
	       rc ? "FAIL" : "PASS", o.procs, o.mib, o.procs * o.mib, mism, badp,
	       killed, failed,
	       in0 < 0 ? -1 : proc_counter("/proc/vmstat", "pswpin") - in0,
	       out0 < 0 ? -1 : proc_counter("/proc/vmstat", "pswpout") - out0,
	       oom0 < 0 ? -1 : proc_counter("/proc/vmstat", "oom_kill") - oom0,
	       now_s() - t0, o.random_fraction, o.compressible, lostp);
	free(pids);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of faultstat.c (make -C tests/workloads test): the probe's
 * schedule and its correction on a synthetic clock (a stall of 100 ms at
 * 100 ticks/s), the summary (p50..p99, the mean of the worst 1 %) on
 * known values, and the counter parsers on sample /proc and /sys text.
 * Prints one line per check; exit 1 on the first failure.
 */
#define _GNU_SOURCE
#include "faultstat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int fails;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		printf("faultstat-test: FAIL %s:%d: ", __FILE__, __LINE__); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		fails++; \
	} \
} while (0)

static int near(double a, double b)
{
	return fabs(a - b) < 1e-6 * (fabs(b) > 1 ? fabs(b) : 1);
}

/* A synthetic clock: each touch takes svc seconds, touch number stall_at
 * takes stall seconds; sleeping moves the clock to the wake-up time. */
struct fake {
	double t, svc, stall;
	size_t touches, stall_at;
	size_t minor_every;	/* every Nth touch does not fault (0: none) */
};

static double f_now(void *ctx)
{
	return ((struct fake *)ctx)->t;
}

static void f_sleep(void *ctx, double t)
{
	struct fake *f = ctx;

	if (t > f->t)
		f->t = t;
}

static int f_touch(void *ctx, double *a, double *b, struct fault_rec *rec)
{
	struct fake *f = ctx;
	size_t i = f->touches++;

	/* a record that names its touch: probe_run must keep it with its fault */
	rec->runq_us = (double)i;
	rec->pswpin = (long long)i;
	*a = f->t;
	f->t += i == f->stall_at ? f->stall : f->svc;
	*b = f->t;
	if (f->minor_every && i % f->minor_every == f->minor_every - 1)
		return 0;
	return 1;
}

static void test_schedule(void)
{
	/* 100 ticks/s for 1 s, 1 ms per fault, tick 10 stalls 100 ms */
	struct fake f = { .t = 5.0, .svc = 0.001, .stall = 0.100, .stall_at = 10 };
	struct probe_ops o = { f_now, f_sleep, f_touch, &f };
	double lat[200], clat[200];
	struct fault_rec rec[200];
	struct probe_res r = { .lat = lat, .clat = clat, .rec = rec, .cap = 200 };
	size_t late = 0, big = 0;

	probe_run(&o, 100, 1.0, &r);
	/* no tick skipped: every one of the 100 due in the second ran */
	CHECK(r.ticks == 100 && r.n == 100, "ticks %zu faults %zu, want 100 and 100", r.ticks, r.n);
	for (size_t i = 0; i < r.n; i++) {
		/* tick i is due at 5 + i/100; the stall ends at 5.2, then the
		 * late ticks run back to back at 1 ms each until caught up */
		double due = 5.0 + i * 0.01, want_lat = i == 10 ? 100000 : 1000, end;

		CHECK(near(lat[i], want_lat), "lat[%zu] = %.1f us, want %.1f", i, lat[i], want_lat);
		if (i < 10)
			end = due + 0.001;
		else if (i == 10)
			end = 5.2;
		else
			end = 5.2 + (i - 10) * 0.001 > due ? 5.2 + (i - 10) * 0.001 : due + 0.001;
		if (end - 0.001 > due + 1e-9) {
			/* ran late: counted from its due time, not its start */
			late++;
			CHECK(near(clat[i], (end - due) * 1e6), "clat[%zu] = %.1f us, want %.1f",
			      i, clat[i], (end - due) * 1e6);
		} else if (i != 10) {
			CHECK(near(clat[i], 1000), "clat[%zu] = %.1f us, want 1000 (on time)", i, clat[i]);
		}
		if (clat[i] > 5000)
			big++;
	}
	/* HdrHistogram's correction of one 100 ms sample at a 10 ms
	 * interval adds 90, 80, ..., 10 ms: here the late ticks are those,
	 * plus the 1 ms each took (100, 91, 82, ..., 10 ms, 1 ms steps) */
	CHECK(late == 11, "%zu ticks ran late, want 11", late);
	CHECK(big == 11, "%zu corrected samples above 5 ms, want 11 (the per-fault figure has 1)", big);
	CHECK(near(clat[10], 100000) && near(clat[11], 91000) && near(clat[20], 10000),
	      "corrected 100/91/10 ms: %.0f %.0f %.0f", clat[10], clat[11], clat[20]);
	printf("faultstat-test: schedule: 100 ticks, none skipped; a 100 ms stall is 1 slow fault, %zu late ticks corrected\n", late);

	/* without a stall the two figures agree; minor touches are counted, not timed */
	memset(&f, 0, sizeof(f));
	f.t = 1.0; f.svc = 0.002; f.stall_at = (size_t)-1; f.minor_every = 4;
	probe_run(&o, 50, 2.0, &r);
	CHECK(r.ticks == 100 && r.minor == 25 && r.n == 75, "ticks %zu minor %zu n %zu", r.ticks, r.minor, r.n);
	for (size_t i = 0; i < r.n; i++)
		CHECK(near(lat[i], clat[i]), "no stall: lat %.1f != clat %.1f", lat[i], clat[i]);
	/* fault i is touch i + i / 3 (every 4th touch minor): its record too */
	for (size_t i = 0; i < r.n; i++)
		CHECK(rec[i].pswpin == (long long)(i + i / 3), "fault %zu has the record of touch %lld",
		      i, rec[i].pswpin);
	CHECK(near(r.t0, 1.0) && near(r.t1, 3.0), "interval %.3f..%.3f", r.t0, r.t1);
	printf("faultstat-test: schedule: no stall, corrected = per fault; minor touches not timed\n");

	/* the cap stops it */
	memset(&f, 0, sizeof(f));
	f.svc = 0.0001; f.stall_at = (size_t)-1;
	r.cap = 7;
	probe_run(&o, 1000, 10.0, &r);
	CHECK(r.n == 7, "cap 7: %zu faults", r.n);
}

static void test_summary(void)
{
	double v[1000];
	struct lat_sum s;

	/* 1..1000 shuffled: p50 = 500 (nearest rank of 0.5 * 999 + 0.5),
	 * p99 = 990, worst 1 % = mean of 991..1000 = 995.5 */
	for (int i = 0; i < 1000; i++)
		v[i] = (double)((i * 337) % 1000 + 1);
	lat_summary(v, 1000, &s);
	CHECK(near(s.p50, 501) && near(s.p95, 950) && near(s.p99, 990) && near(s.max, 1000),
	      "p50 %.0f p95 %.0f p99 %.0f max %.0f", s.p50, s.p95, s.p99, s.max);
	CHECK(near(s.worst1, 995.5), "worst1 %.2f, want 995.5", s.worst1);
	/* fewer than 100: the worst 1 % is the single largest */
	for (int i = 0; i < 50; i++)
		v[i] = i;
	lat_summary(v, 50, &s);
	CHECK(near(s.worst1, 49) && near(s.max, 49), "n=50: worst1 %.1f", s.worst1);
	lat_summary(v, 0, &s);
	CHECK(s.p99 == 0 && s.worst1 == 0, "n=0: zeros");
	printf("faultstat-test: summary: p50/p95/p99/max, worst 1 %% mean 995.5 of 1..1000\n");
}

static void test_breakdown(void)
{
	/* 200 faults: 198 of 1 ms, all on CPU; two slow ones (the worst 1 %
	 * of 200 is 2): 50 ms with 10 ms run-queue wait, 5 ms CPU and
	 * direct reclaim (3 allocstalls, 64 pages scanned), and 30 ms with
	 * 2 ms wait, 40 ms CPU (more CPU than wall: blocked 0, not < 0) and
	 * no vmstat (na) */
	double lat[200];
	struct fault_rec rec[200];
	struct slow_sum s;

	memset(rec, 0, sizeof(rec));
	for (int i = 0; i < 200; i++) {
		lat[i] = 1000;
		rec[i].cpu_us = 1000;
		rec[i].pswpin = 1;
	}
	lat[17] = 50000;
	rec[17] = (struct fault_rec){ .runq_us = 10000, .cpu_us = 5000, .pswpin = 8,
				      .allocstall = 3, .pgscan_direct = 64, .direct_throttle = 0,
				      .throttled_written = 0 };
	lat[150] = 30000;
	rec[150] = (struct fault_rec){ .runq_us = 2000, .cpu_us = 40000, .pswpin = -1,
				       .allocstall = -1, .pgscan_direct = -1, .direct_throttle = -1,
				       .throttled_written = -1 };
	slow_summary(lat, rec, 200, 0, &s);
	CHECK(s.n == 2 && near(s.wall_us, 40000) && near(s.runq_us, 6000) && near(s.cpu_us, 22500),
	      "slow: n %zu wall %.0f runq %.0f cpu %.0f", s.n, s.wall_us, s.runq_us, s.cpu_us);
	CHECK(near(s.blocked_us, 17500), "blocked (35000 + 0) / 2 = 17500, got %.0f", s.blocked_us);
	CHECK(near(s.allocstall, 3) && near(s.pgscan_direct, 64) && near(s.pswpin, 8) &&
	      s.with_stall == 1 && s.real == 1,
	      "vmstat means over the faults that had them: allocstall %.1f scan %.1f pswpin %.1f stalled %zu real %zu",
	      s.allocstall, s.pgscan_direct, s.pswpin, s.with_stall, s.real);
	CHECK(near(lat[17], 50000) && near(lat[150], 30000) && near(lat[0], 1000), "lat not reordered");
	slow_summary(lat, rec, 200, 1, &s);
	CHECK(s.n == 200 && s.real == 199 && s.with_stall == 1 && near(s.wall_us, (198 * 1000 + 80000) / 200.0),
	      "all: n %zu real %zu wall %.1f", s.n, s.real, s.wall_us);
	slow_summary(lat, rec, 0, 0, &s);
	CHECK(s.n == 0 && isnan(s.allocstall), "n=0: nothing, na");
	printf("faultstat-test: breakdown: worst 1 %% = 2 of 200, runq/cpu/blocked means, na kept apart\n");
}

static FILE *text(const char *s)
{
	FILE *f = fmemopen((void *)s, strlen(s), "r");

	if (!f) {
		perror("fmemopen");
		exit(1);
	}
	return f;
}

static void test_parsers(void)
{
	long long a = -1, b = -1, c = -1, d = -1;
	FILE *f;

	f = text("    1234       10    56789     400     4321      20   98765    900        0    1000    1300        0        0        0        0\n");
	CHECK(!parse_blkstat(f, &a, &b, &c, &d) && a == 1234 && b == 56789 && c == 4321 && d == 98765,
	      "blkstat %lld %lld %lld %lld", a, b, c, d);
	fclose(f);

	f = text("Inter-|   Receive                                                |  Transmit\n"
		 " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
		 "    lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0\n"
		 "  eth0:1234567890   8000    0    0    0     0          0         0 987654321    7000    0    0    0     0       0          0\n"
		 " eth00:      1       1    0    0    0     0          0         0        1       1    0    0    0     0       0          0\n");
	CHECK(!parse_netdev(f, "eth0", &a, &b, &c, &d) && a == 1234567890 && b == 8000 && c == 987654321 && d == 7000,
	      "netdev eth0 %lld %lld %lld %lld", a, b, c, d);
	fclose(f);
	f = text("  eth00:      1       1    0    0    0     0          0         0        1       1    0    0    0     0       0          0\n");
	CHECK(parse_netdev(f, "eth0", &a, &b, &c, &d) == -1, "eth0 must not match eth00");
	fclose(f);

	f = text("cpu  1 2 3 4 5 6 7 0 0 0\ncpu0 1 2 3 4 5 6 7 0 0 0\nintr 5 1 2\nctxt 424242\nbtime 1\n");
	CHECK(!parse_ctxt(f, &a) && a == 424242, "ctxt %lld", a);
	fclose(f);

	f = text("pswpin 5\npswpout 7\nthp_swpout 3\nthp_swpout_fallback 2\n");
	CHECK(!parse_vmstat(f, "thp_swpout_fallback", &a) && a == 2, "vmstat %lld", a);
	fclose(f);
	f = text("pswpin 5\npswpout 7\n");
	CHECK(parse_vmstat(f, "thp_swpout", &a) == -1, "a key the kernel lacks: not found");
	fclose(f);

	f = text("net 0 0 0 0\nrpc 100 0 0\nproc3 22 0 10 0 3 4 0 555 666 0 0 0 0 0 0 0 0 0 0 0 0 0 0\nproc4 2 0 0\n");
	CHECK(!parse_rpc_nfs3(f, &a, &b) && a == 555 && b == 666, "nfs3 read %lld write %lld", a, b);
	fclose(f);

	{
		struct counters x, y, z;

		for (int i = 0; i < C_N; i++) {
			x.v[i] = 10;
			y.v[i] = 25;
		}
		x.v[C_THP_SWPOUT] = -1;
		counters_delta(&x, &y, &z);
		CHECK(z.v[C_CTXT] == 15 && z.v[C_THP_SWPOUT] == -1, "delta %lld, na %lld",
		      z.v[C_CTXT], z.v[C_THP_SWPOUT]);
	}
	{
		struct vmsnap v;
		long long rd = -1;

		/* 6.1's names; allocstall_* summed; a kernel without a name: -1 */
		CHECK(!parse_vmsnap("nr_free_pages 100\nnr_throttled_written 12\npswpin 40\npswpout 50\n"
				    "allocstall_dma 1\nallocstall_dma32 2\nallocstall_normal 30\nallocstall_movable 0\n"
				    "pgscan_kswapd 7\npgscan_direct 99\npgscan_direct_throttle 4\n", &v) &&
		      v.pswpin == 40 && v.allocstall == 33 && v.pgscan_direct == 99 &&
		      v.direct_throttle == 4 && v.throttled_written == 12,
		      "vmsnap %lld %lld %lld %lld %lld", v.pswpin, v.allocstall, v.pgscan_direct,
		      v.direct_throttle, v.throttled_written);
		CHECK(!parse_vmsnap("pswpin 1\npgscan_direct 2", &v) && v.allocstall == -1 &&
		      v.throttled_written == -1 && v.pgscan_direct == 2, "missing names: -1");
		CHECK(parse_vmsnap("", &v) == -1, "empty vmstat: unparsable");
		CHECK(!parse_schedstat("123456789 4200 77\n", &rd) && rd == 4200, "schedstat run_delay %lld", rd);
		CHECK(parse_schedstat("0 0\n", &rd) == -1, "schedstat short: unparsable");
	}
	printf("faultstat-test: parsers: block stat, /proc/net/dev, ctxt, vmstat, rpc nfs proc3, deltas, vmsnap, schedstat\n");
}

int main(void)
{
	test_schedule();
	test_summary();
	test_breakdown();
	test_parsers();
	if (fails) {
		printf("faultstat-test: %d check(s) failed\n", fails);
		return 1;
	}
	printf("faultstat-test: PASS\n");
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/* faultstat: see faultstat.h. */
#define _GNU_SOURCE
#include "faultstat.h"

#include <glob.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void probe_run(const struct probe_ops *o, double rate, double dur,
	       struct probe_res *r)
{
	double period = 1.0 / rate, t;
	size_t k = 0;

	r->n = r->minor = r->skipped = r->ticks = 0;
	r->t0 = o->now(o->ctx);
	/* tick k is due at t0 + k * period, late or not: no skipping; the
	 * ticks due in [t0, t0 + dur) run (the last ones late, if so) */
	while ((double)k * period < dur && (t = o->now(o->ctx)) - r->t0 < dur &&
	       r->n < r->cap) {
		double due = r->t0 + (double)k * period, a, b;
		struct fault_rec rec = { 0 };
		int rc;

		k++;
		r->ticks++;
		if (t < due)
			o->sleep_until(o->ctx, due);
		rc = o->touch(o->ctx, &a, &b, &rec);
		if (rc > 0) {
			r->lat[r->n] = (b - a) * 1e6;
			r->clat[r->n] = (b - due) * 1e6;
			if (r->rec)
				r->rec[r->n] = rec;
			r->n++;
		} else if (rc == 0) {
			r->minor++;
		} else {
			r->skipped++;
		}
	}
	/* the interval is the whole dur (counters and rates are over it) */
	if (r->n < r->cap && o->now(o->ctx) < r->t0 + dur)
		o->sleep_until(o->ctx, r->t0 + dur);
	r->t1 = o->now(o->ctx);
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double lat_pct(const double *v, size_t n, double q)
{
	if (!n)
		return 0;
	return v[(size_t)(q * (double)(n - 1) + 0.5)];
}

void lat_summary(double *v, size_t n, struct lat_sum *s)
{
	size_t k = (n + 99) / 100;
	double sum = 0;

	memset(s, 0, sizeof(*s));
	if (!n)
		return;
	qsort(v, n, sizeof(*v), cmpd);
	s->p50 = lat_pct(v, n, 0.50);
	s->p90 = lat_pct(v, n, 0.90);
	s->p95 = lat_pct(v, n, 0.95);
	s->p99 = lat_pct(v, n, 0.99);
	s->max = v[n - 1];
	for (size_t i = n - k; i < n; i++)
		sum += v[i];
	s->worst1 = sum / (double)k;
}

/* Index order by lat, largest first (qsort has no context: a file static). */
static const double *order_lat;

static int cmp_desc(const void *a, const void *b)
{
	double x = order_lat[*(const size_t *)a], y = order_lat[*(const size_t *)b];

	return x > y ? -1 : x < y;
}

void slow_summary(const double *lat, const struct fault_rec *rec, size_t n,
		  int all, struct slow_sum *s)
{
	size_t k = all ? n : (n + 99) / 100, *idx;
	/* per vmstat field: sum and how many faults had it */
	double sum[5] = { 0 };
	size_t have[5] = { 0 };

	memset(s, 0, sizeof(*s));
	s->pswpin = s->allocstall = s->pgscan_direct = NAN;
	s->direct_throttle = s->throttled_written = NAN;
	if (!n || !(idx = malloc(n * sizeof(*idx))))
		return;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	order_lat = lat;
	qsort(idx, n, sizeof(*idx), cmp_desc);
	for (size_t j = 0; j < k; j++) {
		const struct fault_rec *r = &rec[idx[j]];
		double w = lat[idx[j]], bl = w - r->runq_us - r->cpu_us;
		long long v[5] = { r->pswpin, r->allocstall, r->pgscan_direct,
				   r->direct_throttle, r->throttled_written };

		s->wall_us += w;
		s->runq_us += r->runq_us;
		s->cpu_us += r->cpu_us;
		s->blocked_us += bl > 0 ? bl : 0;
		for (int f = 0; f < 5; f++)
			if (v[f] >= 0) {
				sum[f] += (double)v[f];
				have[f]++;
			}
		if (r->allocstall > 0)
			s->with_stall++;
		if (r->pswpin > 0)
			s->real++;
	}
	free(idx);
	s->n = k;
	s->wall_us /= (double)k;
	s->runq_us /= (double)k;
	s->cpu_us /= (double)k;
	s->blocked_us /= (double)k;
	{
		double *out[5] = { &s->pswpin, &s->allocstall, &s->pgscan_direct,
				   &s->direct_throttle, &s->throttled_written };

		for (int f = 0; f < 5; f++)
			if (have[f])
				*out[f] = sum[f] / (double)have[f];
	}
}

int parse_vmsnap(const char *text, struct vmsnap *v)
{
	const char *p = text;
	int any = 0;

	v->pswpin = v->allocstall = v->pgscan_direct = -1;
	v->direct_throttle = v->throttled_written = -1;
	while (p && *p) {
		char k[64];
		long long x;

		if (sscanf(p, "%63s %lld", k, &x) == 2) {
			any = 1;
			if (!strcmp(k, "pswpin"))
				v->pswpin = x;
			else if (!strncmp(k, "allocstall_", 11))
				v->allocstall = (v->allocstall < 0 ? 0 : v->allocstall) + x;
			else if (!strcmp(k, "pgscan_direct"))
				v->pgscan_direct = x;
			else if (!strcmp(k, "pgscan_direct_throttle"))
				v->direct_throttle = x;
			else if (!strcmp(k, "nr_throttled_written"))
				v->throttled_written = x;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return any ? 0 : -1;
}

int parse_schedstat(const char *text, long long *run_delay_ns)
{
	unsigned long long exec, delay, pcount;

	if (sscanf(text, "%llu %llu %llu", &exec, &delay, &pcount) != 3)
		return -1;
	*run_delay_ns = (long long)delay;
	return 0;
}

int parse_blkstat(FILE *f, long long *rd, long long *rd_sec,
		  long long *wr, long long *wr_sec)
{
	long long rm, rt, wm;

	if (fscanf(f, "%lld %lld %lld %lld %lld %lld %lld", rd, &rm, rd_sec,
		   &rt, wr, &wm, wr_sec) != 7)
		return -1;
	return 0;
}

int parse_netdev(FILE *f, const char *iface, long long *rx_bytes,
		 long long *rx_pkts, long long *tx_bytes, long long *tx_pkts)
{
	char line[512];
	size_t il = strlen(iface);

	while (fgets(line, sizeof(line), f)) {
		char *p = line, *c;
		long long x[10];

		while (*p == ' ')
			p++;
		c = strchr(p, ':');
		if (!c || (size_t)(c - p) != il || strncmp(p, iface, il))
			continue;
		/* rx: bytes packets errs drop fifo frame compressed multicast; tx: bytes packets */
		if (sscanf(c + 1, "%lld %lld %lld %lld %lld %lld %lld %lld %lld %lld",
			   &x[0], &x[1], &x[2], &x[3], &x[4], &x[5], &x[6], &x[7],
			   &x[8], &x[9]) != 10)
			return -1;
		*rx_bytes = x[0];
		*rx_pkts = x[1];
		*tx_bytes = x[8];
		*tx_pkts = x[9];
		return 0;
	}
	return -1;
}

int parse_ctxt(FILE *f, long long *ctxt)
{
	char line[4096];

	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "ctxt ", 5))
			return sscanf(line + 5, "%lld", ctxt) == 1 ? 0 : -1;
	return -1;
}

int parse_vmstat(FILE *f, const char *key, long long *v)
{
	char k[64];
	long long x;

	while (fscanf(f, "%63s %lld", k, &x) == 2)
		if (!strcmp(k, key)) {
			*v = x;
			return 0;
		}
	return -1;
}

int parse_rpc_nfs3(FILE *f, long long *rd, long long *wr)
{
	char line[1024];

	while (fgets(line, sizeof(line), f)) {
		long long n, x[8];

		if (strncmp(line, "proc3 ", 6))
			continue;
		/* proc3 COUNT null getattr setattr lookup access readlink read write ... */
		if (sscanf(line + 6, "%lld %lld %lld %lld %lld %lld %lld %lld %lld", &n,
			   &x[0], &x[1], &x[2], &x[3], &x[4], &x[5], &x[6], &x[7]) != 9 || n < 8)
			return -1;
		*rd = x[6];
		*wr = x[7];
		return 0;
	}
	return -1;
}

static FILE *open_r(const char *path)
{
	return fopen(path, "r");
}

static void vm(const char *key, long long *v)
{
	FILE *f = open_r("/proc/vmstat");

	*v = -1;
	if (!f)
		return;
	if (parse_vmstat(f, key, v))
		*v = -1;
	fclose(f);
}

/* Sum of /sys/kernel/mm/transparent_hugepage/hugepages-*kB/stats/NAME. */
static long long mthp(const char *name)
{
	char pat[128];
	glob_t g;
	long long sum = -1;

	snprintf(pat, sizeof(pat), "/sys/kernel/mm/transparent_hugepage/hugepages-*kB/stats/%s", name);
	if (glob(pat, 0, NULL, &g))
		return -1;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = open_r(g.gl_pathv[i]);
		long long x;

		if (!f)
			continue;
		if (fscanf(f, "%lld", &x) == 1)
			sum = (sum < 0 ? 0 : sum) + x;
		fclose(f);
	}
	globfree(&g);
	return sum;
}

void counters_take(struct counters *c, const char *blkdev, const char *iface)
{
	FILE *f;
	char path[256];

	for (size_t i = 0; i < C_N; i++)
		c->v[i] = -1;
	if (blkdev && !strcmp(blkdev, "nfs")) {
		f = open_r("/proc/net/rpc/nfs");
		if (f) {
			if (parse_rpc_nfs3(f, &c->v[C_RPC_RD], &c->v[C_RPC_WR]))
				c->v[C_RPC_RD] = c->v[C_RPC_WR] = -1;
			fclose(f);
		}
	} else if (blkdev) {
		snprintf(path, sizeof(path), "/sys/block/%s/stat", blkdev);
		f = open_r(path);
		if (f) {
			if (parse_blkstat(f, &c->v[C_BLK_RD], &c->v[C_BLK_RD_SEC], &c->v[C_BLK_WR], &c->v[C_BLK_WR_SEC]))
				c->v[C_BLK_RD] = c->v[C_BLK_RD_SEC] = c->v[C_BLK_WR] = c->v[C_BLK_WR_SEC] = -1;
			fclose(f);
		}
	}
	if (iface) {
		f = open_r("/proc/net/dev");
		if (f) {
			if (parse_netdev(f, iface, &c->v[C_RX_BYTES], &c->v[C_RX_PKTS], &c->v[C_TX_BYTES], &c->v[C_TX_PKTS]))
				c->v[C_RX_BYTES] = c->v[C_RX_PKTS] = c->v[C_TX_BYTES] = c->v[C_TX_PKTS] = -1;
			fclose(f);
		}
	}
	f = open_r("/proc/stat");
	if (f) {
		if (parse_ctxt(f, &c->v[C_CTXT]))
			c->v[C_CTXT] = -1;
		fclose(f);
	}
	vm("pswpin", &c->v[C_PSWPIN]);
	vm("pswpout", &c->v[C_PSWPOUT]);
	vm("thp_swpout", &c->v[C_THP_SWPOUT]);
	vm("thp_swpout_fallback", &c->v[C_THP_SWPOUT_FALLBACK]);
	c->v[C_MTHP_SWPOUT] = mthp("swpout");
	c->v[C_MTHP_SWPOUT_FALLBACK] = mthp("swpout_fallback");
}

static const char *const names[] = {
	"blk_rd", "blk_rd_sec", "blk_wr", "blk_wr_sec", "rpc_rd", "rpc_wr",
	"rx_bytes", "rx_pkts", "tx_bytes", "tx_pkts", "ctxt",
	"pswpin", "pswpout", "thp_swpout", "thp_swpout_fallback",
	"mthp_swpout", "mthp_swpout_fallback",
};
_Static_assert(sizeof(names) / sizeof(names[0]) == C_N, "a name per counter");

void counters_delta(const struct counters *a, const struct counters *b,
		    struct counters *d)
{
	for (size_t i = 0; i < C_N; i++)
		d->v[i] = (a->v[i] < 0 || b->v[i] < 0) ? -1 : b->v[i] - a->v[i];
}

void counters_print(FILE *f, const struct counters *d)
{
	for (size_t i = 0; i < C_N; i++) {
		if (d->v[i] < 0)
			fprintf(f, " %s=na", names[i]);
		else
			fprintf(f, " %s=%lld", names[i], d->v[i]);
	}
}

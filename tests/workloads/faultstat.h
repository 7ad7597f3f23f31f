/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faultstat: the parts of faultlat that can be tested without a swap
 * device (tests/workloads/faultstat-test.c): the probe's schedule and its
 * correction for coordinated omission, the latency summary, and the
 * parsers of the counters a round reports per page.
 */
#ifndef FAULTSTAT_H
#define FAULTSTAT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Where one fault's time went, measured around the touch: the probe
 * thread's own run-queue wait (/proc/thread-self/schedstat run_delay)
 * and CPU time (CLOCK_THREAD_CPUTIME_ID: fault handling, and direct
 * reclaim if the probe entered it), the rest of the wall time being
 * time the thread slept (device I/O, lock waits, reclaim throttling);
 * and the deltas of system-wide /proc/vmstat counters over the touch
 * (anyone's: the writers' direct reclaim shows up here too), -1 where
 * this kernel has none.
 */
struct fault_rec {
	double runq_us;		/* waiting for a CPU */
	double cpu_us;		/* on a CPU */
	long long pswpin;	/* pages read from swap (readahead included) */
	long long allocstall;	/* direct reclaim entries, all zones */
	long long pgscan_direct;	/* pages scanned by direct reclaim */
	long long direct_throttle;	/* pgscan_direct_throttle */
	long long throttled_written;	/* nr_throttled_written */
};

/*
 * The probe's schedule: tick k is due at t0 + k / rate.  The probe sleeps
 * until a tick is due, never skips one it is late for (a late tick runs at
 * once), and times each major fault twice: from the touch (lat, the
 * per-fault figure) and from the tick's due time (clat, the
 * schedule-corrected figure: what a user touching memory at that rate
 * waited, as HdrHistogram's correction for coordinated omission counts
 * it).  A stall of S seconds is then one slow sample in lat, and in clat
 * that sample plus every tick that fell due during the stall, each late
 * by what was left of it.
 */
struct probe_ops {
	double (*now)(void *ctx);			/* seconds, monotonic */
	void (*sleep_until)(void *ctx, double t);	/* absolute, as now() */
	/*
	 * One touch: 1 a major fault timed from *a to *b, 0 a touch that
	 * did not fault (minor), -1 no non-resident page found (skipped).
	 * *rec: where the fault's time went (struct fault_rec), filled by
	 * touch on a major fault.
	 */
	int (*touch)(void *ctx, double *a, double *b, struct fault_rec *rec);
	void *ctx;
};

struct probe_res {
	double *lat;	/* us, per major fault: the fault alone */
	double *clat;	/* us, per major fault: from the tick's due time */
	struct fault_rec *rec;	/* per major fault (NULL: not kept) */
	size_t cap;	/* room in lat and clat */
	size_t n;	/* major faults timed */
	size_t minor, skipped, ticks;
	double t0, t1;	/* the measured interval (now()) */
};

/* Run the probe for dur seconds at rate ticks/s (or until cap faults). */
void probe_run(const struct probe_ops *o, double rate, double dur,
	       struct probe_res *r);

/* Latency summary of n values (sorted in place): us. */
struct lat_sum {
	double p50, p90, p95, p99, max;
	double worst1;	/* mean of the largest ceil(n / 100) values */
};

void lat_summary(double *v, size_t n, struct lat_sum *s);
/* Nearest-rank quantile of n sorted values (0 if n is 0). */
double lat_pct(const double *v, size_t n, double q);

/*
 * The breakdown of the slow faults: the worst ceil(n / 100) by the
 * per-fault figure (the set worst1 averages), or, with all, every fault.
 * Means per fault: wall, runq, cpu, blocked (wall - runq - cpu, at least
 * 0: the device, lock waits, throttling sleeps); the vmstat deltas'
 * means (NAN when none was available), with_stall the faults during
 * which direct reclaim was entered anywhere (allocstall moved), real the
 * faults during which pswpin moved (a device read; system-wide: proof
 * only when the probe runs alone).  lat is not reordered.
 */
struct slow_sum {
	size_t n, with_stall, real;
	double wall_us, runq_us, cpu_us, blocked_us;
	double pswpin, allocstall, pgscan_direct, direct_throttle, throttled_written;
};

void slow_summary(const double *lat, const struct fault_rec *rec, size_t n,
		  int all, struct slow_sum *s);

/*
 * One /proc/vmstat text: the counters a fault_rec takes (allocstall the
 * sum of allocstall_*), -1 for a name this kernel does not have; and
 * /proc/PID/schedstat: "exec_ns run_delay_ns pcount".  Status 0, -1
 * unparsable.
 */
struct vmsnap {
	long long pswpin, allocstall, pgscan_direct, direct_throttle, throttled_written;
};

int parse_vmsnap(const char *text, struct vmsnap *v);
int parse_schedstat(const char *text, long long *run_delay_ns);

/*
 * Counters a round reports (deltas over the measured interval); -1 in a
 * field means "not available here" (printed as na).
 */
enum {
	C_BLK_RD, C_BLK_RD_SEC, C_BLK_WR, C_BLK_WR_SEC,	/* /sys/block/DEV/stat */
	C_RPC_RD, C_RPC_WR,		/* /proc/net/rpc/nfs proc3 READ, WRITE */
	C_RX_BYTES, C_RX_PKTS, C_TX_BYTES, C_TX_PKTS,	/* /proc/net/dev IFACE */
	C_CTXT,				/* /proc/stat */
	C_PSWPIN, C_PSWPOUT, C_THP_SWPOUT, C_THP_SWPOUT_FALLBACK, /* /proc/vmstat */
	C_MTHP_SWPOUT, C_MTHP_SWPOUT_FALLBACK,	/* sum over hugepages-*kB/stats */
	C_N
};

struct counters {
	long long v[C_N];
};

/* Parsers, each on an open file; status 0 found, -1 not found. */
int parse_blkstat(FILE *f, long long *rd, long long *rd_sec,
		  long long *wr, long long *wr_sec);
int parse_netdev(FILE *f, const char *iface, long long *rx_bytes,
		 long long *rx_pkts, long long *tx_bytes, long long *tx_pkts);
int parse_ctxt(FILE *f, long long *ctxt);
int parse_vmstat(FILE *f, const char *key, long long *v);
int parse_rpc_nfs3(FILE *f, long long *rd, long long *wr);

/*
 * Take every counter: blkdev NULL for none ("nfs": the NFSv3 client's
 * READ and WRITE calls instead), iface NULL for none.
 */
void counters_take(struct counters *c, const char *blkdev, const char *iface);
/* d = b - a, field by field (-1 where either is -1). */
void counters_delta(const struct counters *a, const struct counters *b,
		    struct counters *d);
/* " key=value ..." of d, na for -1, to f. */
void counters_print(FILE *f, const struct counters *d);

#endif

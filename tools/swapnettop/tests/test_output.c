// SPDX-License-Identifier: GPL-2.0
/*
 * Rates, reserve depth, batch and JSON output from the fixture trees
 * t0 (at 100 s) and t1 (at 102 s), with swapnet devices as DEV_GET would
 * report them.  Every expected number is derived in the comments.
 */
#include <poll.h>
#include <time.h>

#include <json-c/json.h>

#include "output.h"
#include "history.h"
#include "nlstats.h"
#include "recommend.h"
#include "testutil.h"
#include "view.h"

#define PAGE 4096

static void add_net(struct snapshot *s, const char *name, const char *server,
		    uint64_t size, const struct swapnet_dev_stats *st,
		    uint8_t state)
{
	struct swapnet_dev_info *d = &s->net[s->nnet++];

	memset(d, 0, sizeof(*d));
	d->index = (uint32_t)(s->nnet - 1);
	snprintf(d->name, sizeof(d->name), "%s", name);
	snprintf(d->cfg.server_name, sizeof(d->cfg.server_name), "%s", server);
	d->cfg.size_bytes = size;
	d->stats = *st;
	d->state = state;
	s->net_status = ST_NET_OK;
}

/*
 * swapnet0 between t0 and t1: reads 1000 -> 1100, writes 3000 -> 3300:
 * 400 ops in 2 s = 200.0 ops/s; bytes 409600 + 1228800 = 1600 kB in 2 s
 * = 800.0 kB/s; latency sum +1000000 us over 400 ops = 2.50 ms; max
 * 150000 us = 150.00 ms; retrans 1 -> 3 = 2; in flight 4; NOT RESPONDING.
 * swapnet1 is attached (512 MiB) but not swapped on and idle.
 */
static void fixture_pair(struct snapshot **a, struct snapshot **b)
{
	const struct swapnet_dev_stats s0 = {
		.reads = 1000, .writes = 3000, .read_bytes = 4096000,
		.write_bytes = 12288000, .inflight = 2, .retrans = 1,
		.latency_sum_us = 8000000, .latency_max_us = 150000,
	};
	const struct swapnet_dev_stats s1 = {
		.reads = 1100, .writes = 3300, .read_bytes = 4505600,
		.write_bytes = 13516800, .inflight = 4, .retrans = 3,
		.latency_sum_us = 9000000, .latency_max_us = 150000,
		.commits = 7, .write_resends = 1, .reclaim_reqs = 300,
		.verify_errors = 5, .verify_rereads = 6,
		.have_parked = true, .parked_writes = 12,
		.parked_writes_max = 508,
	};
	const struct swapnet_dev_stats idle = { .latency_max_us = 0 };

	*a = load_snapshot(FIX_T0, 100.0);
	*b = load_snapshot(FIX_T1, 102.0);
	add_net(*a, "swapnet0", "10.99.0.1", 1ULL << 30, &s0, 0);
	add_net(*a, "swapnet1", "10.99.0.2", 512ULL << 20, &idle, 0);
	add_net(*b, "swapnet0", "10.99.0.1", 1ULL << 30, &s1,
		SWAPNET_STATE_NOT_RESPONDING);
	snprintf((*b)->net[0].reason, sizeof((*b)->net[0].reason),
		 "no reply for 60 s");
	add_net(*b, "swapnet1", "10.99.0.2", 512ULL << 20, &idle, 0);
	/*
	 * swapnet0 attached for swap, its transport swap-activated (sysfs);
	 * swapnet1 not for swap, from a module that says nothing of either
	 */
	(*b)->net[0].cfg.flags = SWAPNET_F_SWAP;
	(*b)->net[0].swap_active = 1;
	(*b)->net[1].swap_active = -1;
}

static struct view *build(struct snapshot *a, struct snapshot *b, long rec)
{
	struct view *v = calloc(1, sizeof(*v));

	assert_non_null(v);
	view_build(v, a, b, rec, PAGE);
	return v;
}

static char *render(void (*fn)(FILE *, const struct view *,
			       const struct evlog *, uint64_t *),
		    const struct view *v, const struct evlog *log,
		    uint64_t *seen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(f, v, log, seen);
	fclose(f);
	return buf;
}

static void json_fn(FILE *f, const struct view *v, const struct evlog *log,
		    uint64_t *seen)
{
	assert_int_equal(json_print(f, v, log, seen, true), 0);
}

static void test_rates_and_reserve(void **state)
{
	struct snapshot *a, *b;
	struct view *v;

	(void)state;
	fixture_pair(&a, &b);
	v = build(a, b, -1);
	assert_true(v->dt == 2.0);
	/* pswpin 1000 -> 1400: 200/s = 200 * 4096 B = 0.78125 MiB/s */
	assert_true(v->pswpin_ps == 200.0);
	assert_true(v->swapin_mib_s == 0.78125);
	/* pswpout 5000 -> 11000: 3000/s = 11.71875 MiB/s */
	assert_true(v->pswpout_ps == 3000.0);
	assert_true(v->swapout_mib_s == 11.71875);
	assert_true(v->throttle_ps == 3.0);	/* 10 -> 16 */
	assert_true(v->allocstall_ps == 5.0);	/* sums 10 -> 20 */
	assert_true(v->pfmemalloc_drop_ps == 2.5);	/* 40 -> 45 */
	assert_int_equal(v->oom_kills, 1);
	/*
	 * Node 0, zones DMA+DMA32+Normal (Movable excluded): free 100+300+100
	 * = 500, min 20+400+200 = 620, low 775, high 930; 310 < 500 < 620:
	 * in the reserve.  Node 1 (Normal only; its Movable has no managed
	 * pages): free 5000 > low 750: ok.
	 */
	assert_int_equal(v->nnodes, 2);
	assert_int_equal(v->nodes[0].free, 500);
	assert_int_equal(v->nodes[0].min, 620);
	assert_int_equal(v->nodes[0].low, 775);
	assert_int_equal(v->nodes[0].high, 930);
	assert_int_equal(v->nodes[0].state, RES_RESERVE);
	assert_int_equal(v->nodes[1].free, 5000);
	assert_int_equal(v->nodes[1].state, RES_OK);
	assert_int_equal(v->worst, 0);
	/* bar fill: 500 / (2 * 930) */
	assert_true(reserve_fill(&v->nodes[0]) == 500.0 / 1860.0);
	assert_true(reserve_fill(&v->nodes[1]) == 1.0);
	free(v);
	free(a);
	free(b);
}

/* One zone with the given free and min/low/high = min, 1.25 min, 1.5 min. */
static enum reserve_state state_for(uint64_t free_pages, uint64_t min)
{
	struct snapshot *s = calloc(1, sizeof(*s));
	struct view *v;
	enum reserve_state st;

	assert_non_null(s);
	s->nzones = 1;
	snprintf(s->zones[0].name, sizeof(s->zones[0].name), "Normal");
	s->zones[0].free = free_pages;
	s->zones[0].min = min;
	s->zones[0].low = min + min / 4;
	s->zones[0].high = min + min / 2;
	s->zones[0].managed = 100000;
	v = build(s, s, -1);
	assert_int_equal(v->nnodes, 1);
	st = v->nodes[0].state;
	free(v);
	free(s);
	return st;
}

static void test_reserve_states(void **state)
{
	(void)state;
	assert_int_equal(state_for(2000, 1000), RES_OK);
	assert_int_equal(state_for(1250, 1000), RES_OK);	/* at low */
	assert_int_equal(state_for(1249, 1000), RES_LOW);
	assert_int_equal(state_for(1000, 1000), RES_LOW);	/* at min */
	assert_int_equal(state_for(999, 1000), RES_RESERVE);
	assert_int_equal(state_for(501, 1000), RES_RESERVE);
	/* allow_direct_reclaim: ok only while free > min/2 */
	assert_int_equal(state_for(500, 1000), RES_THROTTLED);
	assert_int_equal(state_for(0, 1000), RES_THROTTLED);
	/* no reserve at all: the kernel does not throttle */
	assert_int_equal(state_for(0, 0), RES_OK);
	assert_string_equal(reserve_state_name(RES_THROTTLED), "THROTTLED");
}

static const char expected_batch[] =
	"swapnettop 2023-11-14T22:13:20Z interval_s 2.00\n"
	/* swap used = 1572864 - 1048576 */
	"mem total_kb 204800 free_kb 8192 available_kb 16384"
	" swap_total_kb 1572864 swap_used_kb 524288\n"
	"reserve node 0 free 500 min 620 low 775 high 930 throttle_at 310"
	" state RESERVE\n"
	"reserve node 1 free 5000 min 600 low 750 high 900 throttle_at 300"
	" state ok\n"
	"min_free_kbytes now 4096 recommended 8192\n"
	"rates pswpin/s 200.0 pswpout/s 3000.0 swapin_MiB/s 0.78"
	" swapout_MiB/s 11.72 pgscan_direct_throttle/s 3.0 allocstall/s 5.0"
	" PFMemallocDrop/s 2.5 oom_kill 1 oom_kill_total 2\n"
	/*
	 * t1/dev/kmsg: two reports, both GFP_ATOMIC, the first with
	 * try_fill_recv in its trace
	 */
	"page_alloc_failures total 2 atomic 2 nic_refill 1\n"
	/* atomic_floor: 3/8 of the unboosted min (min - min/2, - 1/4 more) */
	"zone node 0 DMA free 100 min 20 low 25 high 30 boost 0"
	" atomic_floor 8 atomic_headroom 92\n"
	"zone node 0 DMA32 free 300 min 400 low 500 high 600 boost 0"
	" atomic_floor 150 atomic_headroom 150\n"
	"zone node 0 Normal free 100 min 200 low 250 high 300 boost 0"
	" atomic_floor 75 atomic_headroom 25\n"
	"zone node 0 Movable free 5000 min 100 low 125 high 150 boost 0"
	" atomic_floor 38 atomic_headroom 4962\n"
	"zone node 1 Normal free 5000 min 600 low 750 high 900 boost 0"
	" atomic_floor 225 atomic_headroom 4775\n"
	"device /dev/swapnet0 kind swapnet used_kb 262144 size_kb 1048576"
	" prio -2 ops/s 200.0 kB/s 800.0 rtt_avg_ms 2.50 rtt_max_ms 150.00"
	" retrans 2 inflight 4 commits 7 write_resends 1 reclaim_reqs 300"
	" verify_errors 5 verify_rereads 6 parked_writes 12"
	" parked_writes_max 508 for_swap yes swap_active yes"
	" state NOT_RESPONDING server 10.99.0.1 reason no reply for 60 s\n"
	"device /mnt/nfs/swap\\040file kind nfs used_kb 131072 size_kb 262144"
	" prio -3 mount /mnt/nfs\n"
	"nfs /mnt/nfs\n"
	"  op          ops/s       kB/s      kB/op        retrans"
	"   avg RTT (ms)   avg exe (ms)\n"
	/*
	 * READ 100 -> 140 ops: 20/s; ntrans +42: 2 retrans = 5.0 %;
	 * bytes +5120 +163840 = 165 kB: 82.5 kB/s, 4.125 kB/op;
	 * rtt +150 ms / 40 = 3.75; execute +200 / 40 = 5.
	 */
	"  READ       20.000     82.500      4.125       2 (5.0%)"
	"          3.750          5.000\n"
	/*
	 * WRITE 500 -> 600: 50/s; ntrans +100: no retrans;
	 * bytes +417280 +5120 = 412.5 kB: 206.25 kB/s, 4.125 kB/op;
	 * rtt +800 / 100 = 8; execute +1200 / 100 = 12.
	 */
	"  WRITE      50.000    206.250      4.125       0 (0.0%)"
	"          8.000         12.000\n"
	"device /dev/nbd0 kind nbd used_kb 0 size_kb 131072 prio -4\n"
	"device /dev/vda2 kind other used_kb 1024 size_kb 131072 prio 5\n"
	/* attached, not swapped on: 512 MiB, idle, no request timed */
	"device /dev/swapnet1 kind swapnet size_kb 524288 swap off ops/s 0.0"
	" kB/s 0.0 rtt_avg_ms - rtt_max_ms 0.00 retrans 0 inflight 0"
	" commits 0 write_resends 0 reclaim_reqs 0 verify_errors 0"
	" verify_rereads 0 parked_writes n/a parked_writes_max n/a"
	" for_swap no swap_active n/a state OK server 10.99.0.2\n"
	"event 2023-11-14T22:13:21Z swapnet0 NOT RESPONDING"
	" (server 10.99.0.1)\n";

/* Fail naming the first line that differs (cmocka cuts long strings). */
static void assert_text(const char *got, const char *want)
{
	size_t line = 1, i = 0, start = 0;

	while (got[i] && got[i] == want[i]) {
		if (got[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	if (got[i] || want[i])
		fail_msg("line %zu differs:\n got: %.120s\nwant: %.120s", line,
			 got + start, want + start);
}

static void test_batch(void **state)
{
	struct snapshot *a, *b;
	struct evlog log;
	uint64_t seen = 0;
	struct view *v;
	char *out;

	(void)state;
	fixture_pair(&a, &b);
	v = build(a, b, 8192);
	evlog_init(&log);
	evlog_add(&log, 1700000001,
		  "swapnet0 NOT RESPONDING (server 10.99.0.1)");
	out = render(batch_print, v, &log, &seen);
	assert_text(out, expected_batch);
	assert_int_equal(seen, 1);
	free(out);
	/* the next interval does not repeat the event */
	out = render(batch_print, v, &log, &seen);
	assert_null(strstr(out, "event "));
	free(out);
	free(v);
	free(a);
	free(b);
}

/*
 * An interval that is not whole seconds (the sampler's clock is a
 * double): rates divide by 1.6 s, not by 1 or 2, and the report says
 * interval_s 1.60.
 */
static void test_fractional_interval(void **state)
{
	struct snapshot *a = load_snapshot(FIX_T0, 100.25);
	struct snapshot *b = load_snapshot(FIX_T1, 101.85);
	struct evlog log;
	uint64_t seen = 0;
	struct view *v;
	char *out;

	(void)state;
	v = build(a, b, -1);
	assert_true(v->dt > 1.5999 && v->dt < 1.6001);
	/* pswpin 1000 -> 1400: 400 / 1.6 s = 250/s */
	assert_true(v->pswpin_ps > 249.999 && v->pswpin_ps < 250.001);
	/* pswpout 5000 -> 11000: 6000 / 1.6 s = 3750/s */
	assert_true(v->pswpout_ps > 3749.999 && v->pswpout_ps < 3750.001);
	evlog_init(&log);
	out = render(batch_print, v, &log, &seen);
	assert_non_null(strstr(out, " interval_s 1.60\n"));
	free(out);
	free(v);
	free(a);
	free(b);
}

static void test_batch_without_swapnet(void **state)
{
	struct snapshot *a = load_snapshot(FIX_T0, 100.0);
	struct snapshot *b = load_snapshot(FIX_T1, 102.0);
	struct evlog log;
	uint64_t seen = 0;
	struct view *v;
	char *out;

	(void)state;
	b->net_status = ST_NET_UNAVAILABLE;
	snprintf(b->net_msg, sizeof(b->net_msg), "swapnet module not loaded");
	v = build(a, b, -1);
	evlog_init(&log);
	out = render(batch_print, v, &log, &seen);
	assert_non_null(strstr(out, "\nmin_free_kbytes now 4096 recommended n/a\n"));
	assert_non_null(strstr(out, "\nswapnet unavailable: swapnet module not loaded\n"));
	assert_non_null(strstr(out, "\ndevice /dev/swapnet0 kind swapnet used_kb 262144"
			       " size_kb 1048576 prio -2 stats n/a\n"));
	assert_null(strstr(out, "swapnet1"));
	free(out);
	free(v);
	free(a);
	free(b);
}

static struct json_object *path(struct json_object *o, const char *p)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", p);
	for (tok = strtok_r(buf, ".", &save); tok;
	     tok = strtok_r(NULL, ".", &save)) {
		if (*tok >= '0' && *tok <= '9')
			o = json_object_array_get_idx(o, (size_t)atoi(tok));
		else if (!json_object_object_get_ex(o, tok, &o))
			fail_msg("no %s in %s", tok, p);
		if (!o)
			return NULL;
	}
	return o;
}

static void expect_double(struct json_object *root, const char *p, double want)
{
	struct json_object *o = path(root, p);

	assert_non_null(o);
	if (json_object_get_double(o) != want)
		fail_msg("%s: %g, want %g", p, json_object_get_double(o), want);
}

static void expect_int(struct json_object *root, const char *p, int64_t want)
{
	struct json_object *o = path(root, p);

	assert_non_null(o);
	assert_int_equal(json_object_get_int64(o), want);
}

static void expect_str(struct json_object *root, const char *p, const char *want)
{
	struct json_object *o = path(root, p);

	assert_non_null(o);
	assert_string_equal(json_object_get_string(o), want);
}

static void test_json(void **state)
{
	struct snapshot *a, *b;
	struct json_object *root;
	struct evlog log;
	uint64_t seen = 0;
	struct view *v;
	char *out;

	(void)state;
	fixture_pair(&a, &b);
	v = build(a, b, -1);
	evlog_init(&log);
	evlog_add(&log, 1700000001, "swapnet0 NOT RESPONDING (server 10.99.0.1)");
	out = render(json_fn, v, &log, &seen);
	root = json_tokener_parse(out);
	assert_non_null(root);
	/* fixed decimals as written, not 17 digits */
	assert_non_null(strstr(out, "\"swapout_mib_per_s\": 11.72,"));
	assert_non_null(strstr(out, "\"interval_s\": 2.00,"));

	expect_str(root, "time", "2023-11-14T22:13:20Z");
	expect_int(root, "memory.total_kb", 204800);
	expect_int(root, "memory.swap_used_kb", 524288);
	expect_int(root, "reserve.nodes.0.free_pages", 500);
	expect_int(root, "reserve.nodes.0.min_pages", 620);
	expect_int(root, "reserve.nodes.0.throttle_at_pages", 310);
	expect_str(root, "reserve.nodes.0.state", "RESERVE");
	expect_int(root, "reserve.min_free_kbytes", 4096);
	assert_null(path(root, "reserve.recommended_min_free_kbytes"));
	expect_double(root, "rates.pswpin_pages_per_s", 200.0);
	expect_double(root, "rates.pswpout_pages_per_s", 3000.0);
	expect_double(root, "rates.pgscan_direct_throttle_per_s", 3.0);
	expect_double(root, "rates.allocstall_per_s", 5.0);
	expect_double(root, "rates.pfmemalloc_drop_per_s", 2.5);
	expect_int(root, "rates.oom_kill", 1);
	assert_int_equal(json_object_array_length(path(root, "zones")), 5);
	expect_str(root, "zones.3.zone", "Movable");
	expect_str(root, "swapnet.status", "ok");

	expect_str(root, "devices.0.name", "/dev/swapnet0");
	expect_str(root, "devices.0.kind", "swapnet");
	expect_int(root, "devices.0.used_kb", 262144);
	expect_int(root, "devices.0.priority", -2);
	expect_double(root, "devices.0.swapnet.ops_per_s", 200.0);
	expect_double(root, "devices.0.swapnet.kb_per_s", 800.0);
	expect_double(root, "devices.0.swapnet.rtt_avg_ms", 2.5);
	expect_double(root, "devices.0.swapnet.rtt_max_ms", 150.0);
	expect_int(root, "devices.0.swapnet.retrans", 2);
	expect_int(root, "devices.0.swapnet.inflight", 4);
	expect_str(root, "devices.0.swapnet.state", "NOT RESPONDING");
	expect_str(root, "devices.0.swapnet.reason", "no reply for 60 s");
	/* cumulative, not per interval */
	expect_int(root, "devices.0.swapnet.commits", 7);
	expect_int(root, "devices.0.swapnet.write_resends", 1);
	expect_int(root, "devices.0.swapnet.reclaim_reqs", 300);
	expect_int(root, "devices.0.swapnet.verify_errors", 5);
	expect_int(root, "devices.0.swapnet.verify_rereads", 6);
	expect_int(root, "devices.0.swapnet.parked_writes", 12);
	expect_int(root, "devices.0.swapnet.parked_writes_max", 508);
	assert_true(json_object_get_boolean(path(root, "devices.0.swapnet.for_swap")));
	assert_true(json_object_get_boolean(path(root, "devices.0.swapnet.swap_active")));

	expect_str(root, "devices.1.name", "/mnt/nfs/swap file");
	expect_str(root, "devices.1.nfs.mount", "/mnt/nfs");
	expect_double(root, "devices.1.nfs.read.ops_per_s", 20.0);
	expect_double(root, "devices.1.nfs.read.kb_per_s", 82.5);
	expect_double(root, "devices.1.nfs.read.kb_per_op", 4.125);
	expect_int(root, "devices.1.nfs.read.retrans", 2);
	expect_double(root, "devices.1.nfs.read.retrans_pct", 5.0);
	expect_double(root, "devices.1.nfs.read.rtt_avg_ms", 3.75);
	expect_double(root, "devices.1.nfs.read.exe_avg_ms", 5.0);
	expect_double(root, "devices.1.nfs.write.kb_per_s", 206.25);
	expect_double(root, "devices.1.nfs.write.exe_avg_ms", 12.0);
	expect_str(root, "devices.2.kind", "nbd");
	expect_str(root, "devices.3.kind", "other");

	expect_str(root, "devices.4.name", "/dev/swapnet1");
	assert_false(json_object_get_boolean(path(root, "devices.4.swapped_on")));
	assert_null(path(root, "devices.4.used_kb"));
	expect_int(root, "devices.4.size_kb", 524288);
	assert_null(path(root, "devices.4.swapnet.rtt_avg_ms"));
	/* unknown is null, not 0 or false */
	assert_null(path(root, "devices.4.swapnet.parked_writes"));
	assert_null(path(root, "devices.4.swapnet.swap_active"));
	assert_false(json_object_get_boolean(path(root, "devices.4.swapnet.for_swap")));

	expect_str(root, "events.0.time", "2023-11-14T22:13:21Z");
	expect_str(root, "events.0.text",
		   "swapnet0 NOT RESPONDING (server 10.99.0.1)");
	json_object_put(root);
	free(out);
	free(v);
	free(a);
	free(b);
}

/*
 * The recommendation from the shared reserve model on fixture t1, every
 * input from the tree (no ethtool under -R: eth0 gets the default ring):
 *   socket = ceil((4096 + 4096) / 1024) = 8
 *   reads cost eth0's RX truesize per byte, 2176 / 1448 (below), and the
 *   RX limit 2 x 6291456 + 4194304 / 2 + 65536 + 98486 -> 14497 kB is
 *   not reached by any device, so payload = all reads:
 *   swapnet0: 32 x 256 = 8192, payload ceil(8192 x 2176 / 1448 =
 *             12310.6) = 12311, header 32 x 4 = 128: 12447
 *   nbd0:     16 x 128 = 2048, payload ceil(3077.7) = 3078, header 64:
 *             3150
 *   nfs file: max_slots 2 (mountstats xprt) x wsize 256 = 512,
 *             payload ceil(769.4) = 770, header 8: 786
 *   eth0:     no device/driver link in the tree: the netdev_alloc_skb
 *             frame, ALIGN(1500 + 18 + 64, 64) = 1600 + 320 + 256 =
 *             2176 B, x 256 = 544
 *   network 12447 + 3150 + 786 + 544 = 16927, x 8/3 = 45138.67 -> 45139;
 *   lowmem 163840 pages (DMA 3840 + DMA32 50000 + Normal 10000 + 100000,
 *   Movable not counted): ceil(45139 x 163840 / 160000 = 46222.3) =
 *   46223, above the default isqrt(16 x 655360) = 3238.  swapnetctl
 *   reserve on the same tree says 46223 too.
 */
static void test_recommend_compute(void **state)
{
	char root[4200];

	(void)state;
	snprintf(root, sizeof(root), "%s", FIX_T1);
	assert_int_equal(recommend_compute(root), 46223);
	/* a tree without what the model needs: n/a, never a guess */
	assert_int_equal(recommend_compute("fixtures/no-such-tree"), -1);
}

static void test_sparkline(void **state)
{
	static struct history h;
	char buf[64];

	(void)state;
	history_push(&h, 0, 1.0);
	history_push(&h, 50, 0.5);
	history_push(&h, 100, 0.0);
	/* levels 0..7 of " .:-=+*#": 0 -> 0, 50 -> 4, 100 -> 7 */
	assert_string_equal(sparkline(&h, h.swapout, 10, 100, 0, buf,
				      sizeof(buf)), " =#");
	assert_string_equal(sparkline(&h, h.swapout, 2, 100, 1, buf,
				      sizeof(buf)), "\u2585\u2588");
	assert_true(history_max(&h, h.swapout, 10) == 100);
	assert_true(history_max(&h, h.swapout, 1) == 100);
	assert_string_equal(sparkline(&h, h.fill, 3, 1.0, 0, buf,
				      sizeof(buf)), "#= ");
}

/*
 * A device that FAILED (the file is gone for good): the state and its
 * reason in batch and JSON, and the FAILED event's line in the log.
 */
static void test_failed(void **state)
{
	struct swapnet_event ev = { .cmd = SWAPNET_CMD_EVT_FAILED };
	struct json_object *root;
	struct snapshot *a, *b;
	char text[EVLOG_TEXT];
	uint64_t seen = 0;
	struct evlog log;
	struct view *v;
	char *out;

	(void)state;
	fixture_pair(&a, &b);
	b->net[0].state = SWAPNET_STATE_FAILED;
	snprintf(b->net[0].reason, sizeof(b->net[0].reason),
		 "NFS3ERR_STALE: the swapfile is gone");
	v = build(a, b, -1);
	evlog_init(&log);
	out = render(batch_print, v, &log, &seen);
	assert_non_null(strstr(out, " reclaim_reqs 300 verify_errors 5 verify_rereads 6 parked_writes 12 parked_writes_max 508 for_swap yes swap_active yes state FAILED server 10.99.0.1 reason NFS3ERR_STALE: the swapfile is gone\n"));
	free(out);
	seen = 0;
	out = render(json_fn, v, &log, &seen);
	root = json_tokener_parse(out);
	assert_non_null(root);
	expect_str(root, "devices.0.swapnet.state", "FAILED");
	expect_str(root, "devices.0.swapnet.reason",
		   "NFS3ERR_STALE: the swapfile is gone");
	json_object_put(root);
	free(out);

	snprintf(ev.name, sizeof(ev.name), "swapnet0");
	snprintf(ev.server_name, sizeof(ev.server_name), "10.99.0.1");
	snprintf(ev.reason, sizeof(ev.reason), "NFS3ERR_STALE");
	nlstats_event_text(&ev, text, sizeof(text));
	assert_string_equal(text, "swapnet0 FAILED: NFS3ERR_STALE (server 10.99.0.1)");
	ev.cmd = SWAPNET_CMD_EVT_NOT_RESPONDING;
	snprintf(ev.reason, sizeof(ev.reason), "no reply for 60 s");
	nlstats_event_text(&ev, text, sizeof(text));
	assert_string_equal(text, "swapnet0 NOT RESPONDING: no reply for 60 s (server 10.99.0.1)");
	ev.cmd = SWAPNET_CMD_EVT_VERIFY_ERROR;
	snprintf(ev.reason, sizeof(ev.reason),
		 "verify error at offset 4096: CRC32C written 00000001, read 00000002");
	nlstats_event_text(&ev, text, sizeof(text));
	assert_string_equal(text, "swapnet0 LOST A PAGE: verify error at offset 4096: CRC32C written 00000001, read 00000002 (server 10.99.0.1)");
	ev.cmd = SWAPNET_CMD_EVT_ADDED;
	ev.reason[0] = '\0';
	ev.server_name[0] = '\0';
	nlstats_event_text(&ev, text, sizeof(text));
	assert_string_equal(text, "swapnet0 added");
	free(v);
	free(a);
	free(b);
}

/* The owner record: who owns the file and its heartbeat's age. */
static void test_owner(void **state)
{
	struct json_object *root;
	struct snapshot *a, *b;
	uint64_t seen = 0;
	struct evlog log;
	struct view *v;
	char *out;

	(void)state;
	fixture_pair(&a, &b);
	b->net[0].cfg.owner.set = true;
	snprintf(b->net[0].cfg.owner.host, sizeof(b->net[0].cfg.owner.host),
		 "node07");
	b->net[0].cfg.owner.has_age = true;
	b->net[0].cfg.owner.age_ms = 1500;
	v = build(a, b, -1);
	evlog_init(&log);
	out = render(batch_print, v, &log, &seen);
	assert_non_null(strstr(out, " state NOT_RESPONDING server 10.99.0.1 owner node07 heartbeat_ms 1500 reason no reply for 60 s\n"));
	free(out);
	seen = 0;
	out = render(json_fn, v, &log, &seen);
	root = json_tokener_parse(out);
	assert_non_null(root);
	expect_str(root, "devices.0.swapnet.owner", "node07");
	json_object_put(root);
	free(out);
	free(v);
	free(a);
	free(b);
}

/* mirror=: the md array over two legs, in batch and JSON */
static void test_mirror(void **state)
{
	struct json_object *root;
	struct snapshot *a, *b;
	struct mdm_state *m;
	uint64_t seen = 0;
	struct evlog log;
	struct view *v;
	char *out;

	(void)state;
	fixture_pair(&a, &b);
	b->nmirrors = 1;
	m = &b->mirrors[0];
	memset(m, 0, sizeof(*m));
	snprintf(m->md, sizeof(m->md), "md127");
	snprintf(m->name, sizeof(m->name), "swapnet-mir");
	m->status = MDM_DEGRADED;
	m->degraded = 1;
	m->degraded_since = 86400;
	m->nlegs = 2;
	snprintf(m->legs[0].dev, sizeof(m->legs[0].dev), "swapnet0");
	m->legs[0].member = m->legs[0].in_sync = true;
	snprintf(m->legs[1].dev, sizeof(m->legs[1].dev), "swapnet1");
	m->legs[1].member = m->legs[1].faulty = true;
	v = build(a, b, -1);
	evlog_init(&log);
	out = render(batch_print, v, &log, &seen);
	assert_non_null(strstr(out, "mirror md127 name swapnet-mir status degraded degraded 1 legs swapnet0:in_sync,swapnet1:faulty degraded_since 1970-01-02T00:00:00Z\n"));
	free(out);
	seen = 0;
	out = render(json_fn, v, &log, &seen);
	root = json_tokener_parse(out);
	assert_non_null(root);
	expect_str(root, "mirrors.0.md", "md127");
	expect_str(root, "mirrors.0.status", "degraded");
	expect_str(root, "mirrors.0.legs.1.state", "faulty");
	json_object_put(root);
	free(out);
	/* resyncing: the percentage */
	m->status = MDM_RESYNCING;
	snprintf(m->sync_action, sizeof(m->sync_action), "recover");
	m->have_progress = true;
	m->sync_done = 250;
	m->sync_total = 1000;
	m->legs[1].faulty = false;
	free(v);
	v = build(a, b, -1);
	seen = 0;
	out = render(batch_print, v, &log, &seen);
	assert_non_null(strstr(out, "status resyncing degraded 1 legs swapnet0:in_sync,swapnet1:recovering resync_percent 25.0\n"));
	free(out);
	free(v);
	free(a);
	free(b);
}

static void test_evlog_overflow(void **state)
{
	struct evlog log;
	const struct evlog_entry *e;
	uint64_t seen = 0, n = 0, first = 0;
	char text[16];
	int i;

	(void)state;
	evlog_init(&log);
	for (i = 1; i <= 20; i++) {
		snprintf(text, sizeof(text), "e%d", i);
		evlog_add(&log, i, text);
	}
	while ((e = evlog_next(&log, &seen)) != NULL) {
		if (!n++)
			first = e->seq;
	}
	/* the ring keeps the newest EVLOG_SIZE */
	assert_int_equal(n, EVLOG_SIZE);
	assert_int_equal(first, 20 - EVLOG_SIZE + 1);
	assert_int_equal(seen, 20);
	assert_string_equal(evlog_get(&log, 20)->text, "e20");
	assert_null(evlog_get(&log, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates_and_reserve),
		cmocka_unit_test(test_reserve_states),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_fractional_interval),
		cmocka_unit_test(test_batch_without_swapnet),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_recommend_compute),
		cmocka_unit_test(test_failed),
		cmocka_unit_test(test_owner),
		cmocka_unit_test(test_mirror),
		cmocka_unit_test(test_sparkline),
		cmocka_unit_test(test_evlog_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/* Rates, reserve depth and device rows from two snapshots. */
#include <stdio.h>
#include <string.h>

#include "view.h"

/* Counters can go back (device re-added, fixture swapped): no negative rates. */
static uint64_t delta(uint64_t prev, uint64_t cur)
{
	return cur > prev ? cur - prev : 0;
}

static double per_s(uint64_t d, double dt)
{
	return dt > 0 ? (double)d / dt : 0.0;
}

bool zone_in_reserve(const char *name)
{
	return !strcmp(name, "DMA") || !strcmp(name, "DMA32") ||
	       !strcmp(name, "Normal");
}

const char *reserve_state_name(enum reserve_state st)
{
	switch (st) {
	case RES_LOW:
		return "low";
	case RES_RESERVE:
		return "RESERVE";
	case RES_THROTTLED:
		return "THROTTLED";
	default:
		return "ok";
	}
}

double reserve_fill(const struct reserve *r)
{
	double scale = 2.0 * (double)r->high;
	double f;

	if (scale <= 0)
		return 1.0;
	f = (double)r->free / scale;
	return f > 1.0 ? 1.0 : f;
}

static enum reserve_state classify(const struct reserve *r)
{
	if (!r->min)		/* no reserve: the kernel does not throttle */
		return RES_OK;
	if (r->free <= r->min / 2)
		return RES_THROTTLED;
	if (r->free < r->min)
		return RES_RESERVE;
	if (r->free < r->low)
		return RES_LOW;
	return RES_OK;
}

static void build_reserve(struct view *v, const struct snapshot *cur)
{
	size_t i, j;

	v->nnodes = 0;
	for (i = 0; i < cur->nzones; i++) {
		const struct st_zone *z = &cur->zones[i];
		struct reserve *r = NULL;

		/* allow_direct_reclaim skips zones without managed pages */
		if (!zone_in_reserve(z->name) || !z->managed)
			continue;
		for (j = 0; j < v->nnodes; j++)
			if (v->nodes[j].node == z->node)
				r = &v->nodes[j];
		if (!r) {
			if (v->nnodes >= VIEW_MAX_NODES)
				continue;
			r = &v->nodes[v->nnodes++];
			memset(r, 0, sizeof(*r));
			r->node = z->node;
		}
		r->free += z->free;
		r->min += z->min;
		r->low += z->low;
		r->high += z->high;
	}
	v->worst = 0;
	for (j = 0; j < v->nnodes; j++) {
		struct reserve *r = &v->nodes[j];

		r->state = classify(r);
		if (reserve_fill(r) < reserve_fill(&v->nodes[v->worst]))
			v->worst = j;
	}
}

static void rpc_rate(struct rpc_rate *out, const struct st_rpcop *a,
		     const struct st_rpcop *b, double dt)
{
	uint64_t ops = delta(a->ops, b->ops);
	double kb = (double)(delta(a->bytes_sent, b->bytes_sent) +
			     delta(a->bytes_recv, b->bytes_recv)) / 1024.0;

	memset(out, 0, sizeof(*out));
	out->ops_s = per_s(ops, dt);
	out->kb_s = dt > 0 ? kb / dt : 0.0;
	/* as nfsiostat: retransmissions are transmissions beyond one per op */
	out->retrans = delta(ops, delta(a->ntrans, b->ntrans));
	if (ops) {
		out->kb_op = kb / (double)ops;
		out->retrans_pct = 100.0 * (double)out->retrans / (double)ops;
		out->rtt_ms = (double)delta(a->rtt_ms, b->rtt_ms) / (double)ops;
		out->exe_ms = (double)delta(a->exe_ms, b->exe_ms) / (double)ops;
	}
}

static const struct swapnet_dev_info *find_net(const struct snapshot *s,
					       const char *name)
{
	size_t i;

	for (i = 0; i < s->nnet; i++)
		if (!strcmp(s->net[i].name, name))
			return &s->net[i];
	return NULL;
}

static const struct st_swap *find_swap(const struct snapshot *s,
				       const char *path)
{
	size_t i;

	for (i = 0; i < s->nswaps; i++)
		if (!strcmp(s->swaps[i].path, path))
			return &s->swaps[i];
	return NULL;
}

static void net_stats(struct view_dev *d, const struct swapnet_dev_info *a,
		      const struct swapnet_dev_info *b, double dt)
{
	const struct swapnet_dev_stats *p = &a->stats, *c = &b->stats;
	uint64_t ops = delta(p->reads, c->reads) + delta(p->writes, c->writes);
	uint64_t bytes = delta(p->read_bytes, c->read_bytes) +
			 delta(p->write_bytes, c->write_bytes);

	d->have_net = true;
	d->ops_s = per_s(ops, dt);
	d->kb_s = dt > 0 ? (double)bytes / 1024.0 / dt : 0.0;
	d->rtt_valid = ops > 0;
	if (ops)
		d->rtt_avg_ms = (double)delta(p->latency_sum_us,
					      c->latency_sum_us) /
				(double)ops / 1000.0;
	/* the module keeps only the all-time maximum */
	d->rtt_max_ms = (double)c->latency_max_us / 1000.0;
	d->retrans = delta(p->retrans, c->retrans);
	d->inflight = c->inflight;
	d->state = b->state;
	snprintf(d->reason, sizeof(d->reason), "%s", b->reason);
	d->commits = c->commits;
	d->write_resends = c->write_resends;
	d->reclaim_reqs = c->reclaim_reqs;
	d->verify_errors = c->verify_errors;
	d->verify_rereads = c->verify_rereads;
	d->have_parked = c->have_parked;
	d->parked_writes = c->parked_writes;
	d->parked_writes_max = c->parked_writes_max;
	d->for_swap = b->cfg.flags & SWAPNET_F_SWAP;
	d->swap_active = b->swap_active;
	snprintf(d->server, sizeof(d->server), "%s", b->cfg.server_name);
	snprintf(d->owner, sizeof(d->owner), "%s",
		 b->cfg.owner.set ? b->cfg.owner.host : "");
	d->owner_age_valid = b->cfg.owner.set && b->cfg.owner.has_age;
	d->owner_age_ms = b->cfg.owner.age_ms;
}

static void build_devs(struct view *v, const struct snapshot *prev,
		       const struct snapshot *cur, double dt)
{
	size_t i;

	v->ndevs = 0;
	for (i = 0; i < cur->nswaps && v->ndevs < VIEW_MAX_DEVS; i++) {
		const struct st_swap *sw = &cur->swaps[i];
		const struct st_swap *old = find_swap(prev, sw->path);
		struct view_dev *d = &v->devs[v->ndevs++];

		memset(d, 0, sizeof(*d));
		snprintf(d->name, sizeof(d->name), "%s", sw->path);
		d->kind = sw->kind;
		d->swapped_on = true;
		d->size_kb = sw->size_kb;
		d->used_kb = sw->used_kb;
		d->prio = sw->prio;
		if (sw->kind == ST_KIND_SWAPNET) {
			const struct swapnet_dev_info *b, *a;

			b = find_net(cur, sw->path + 5);	/* "/dev/" */
			a = find_net(prev, sw->path + 5);
			if (b)
				net_stats(d, a ? a : b, b, a ? dt : 0);
		}
		if (sw->kind == ST_KIND_NFS) {
			snprintf(d->mnt, sizeof(d->mnt), "%s", sw->mnt);
			if (sw->have_rpc && old && old->have_rpc) {
				d->have_rpc = true;
				rpc_rate(&d->rpc_read, &old->rpc_read,
					 &sw->rpc_read, dt);
				rpc_rate(&d->rpc_write, &old->rpc_write,
					 &sw->rpc_write, dt);
			}
		}
	}
	/* attached swapnet devices that are not swapped on */
	for (i = 0; i < cur->nnet && v->ndevs < VIEW_MAX_DEVS; i++) {
		const struct swapnet_dev_info *b = &cur->net[i];
		const struct swapnet_dev_info *a = find_net(prev, b->name);
		char path[64];
		struct view_dev *d;

		snprintf(path, sizeof(path), "/dev/%s", b->name);
		if (find_swap(cur, path))
			continue;
		d = &v->devs[v->ndevs++];
		memset(d, 0, sizeof(*d));
		snprintf(d->name, sizeof(d->name), "%s", path);
		d->kind = ST_KIND_SWAPNET;
		d->size_kb = b->cfg.size_bytes / 1024;
		net_stats(d, a ? a : b, b, a ? dt : 0);
	}
}

void view_build(struct view *v, const struct snapshot *prev,
		const struct snapshot *cur, long recommended_kb,
		unsigned long page_size)
{
	double dt = cur->mono - prev->mono;
	double mib_per_page = (double)page_size / (1024.0 * 1024.0);

	if (dt < 0)
		dt = 0;
	v->wall = cur->wall;
	v->dt = dt;
	v->mem = cur->mem;
	v->zswap = cur->zswap;
	v->nmirrors = cur->nmirrors;
	memcpy(v->mirrors, cur->mirrors, sizeof(v->mirrors));
	build_reserve(v, cur);
	v->min_free_kbytes = cur->min_free_kbytes;
	v->recommended_kb = recommended_kb;
	v->pswpin_ps = per_s(delta(prev->vm.pswpin, cur->vm.pswpin), dt);
	v->pswpout_ps = per_s(delta(prev->vm.pswpout, cur->vm.pswpout), dt);
	v->swapin_mib_s = v->pswpin_ps * mib_per_page;
	v->swapout_mib_s = v->pswpout_ps * mib_per_page;
	v->throttle_ps = per_s(delta(prev->vm.pgscan_direct_throttle,
				     cur->vm.pgscan_direct_throttle), dt);
	v->allocstall_ps = per_s(delta(prev->vm.allocstall,
				       cur->vm.allocstall), dt);
	v->have_pfmemalloc_drop = cur->have_pfmemalloc_drop;
	v->pfmemalloc_drop_ps = per_s(delta(prev->pfmemalloc_drop,
					    cur->pfmemalloc_drop), dt);
	v->have_allocfail = cur->have_allocfail;
	v->allocfail = cur->allocfail;
	v->oom_kills = delta(prev->vm.oom_kill, cur->vm.oom_kill);
	v->oom_kill_total = cur->vm.oom_kill;
	v->nzones = cur->nzones;
	memcpy(v->zones, cur->zones, cur->nzones * sizeof(cur->zones[0]));
	build_devs(v, prev, cur, dt);
	v->net_status = cur->net_status;
	snprintf(v->net_msg, sizeof(v->net_msg), "%s", cur->net_msg);
}

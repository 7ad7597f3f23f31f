// SPDX-License-Identifier: GPL-2.0
/*
 * -j: the view as one JSON object (json-c), on one line unless pretty
 * (-p), so that -n N gives NDJSON.  Keys are snake_case with the unit as
 * the suffix (_kb, _pages, _per_s, _ms, _pct), as in swapnetctl; rates
 * are printed with fixed decimals (json_object_new_double_s) so that the
 * output is stable and readable; unknown values are null.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "output.h"
#include "zoneinfo.h"

static struct json_object *num(double v, int decimals)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	return json_object_new_double_s(v, buf);
}

static struct json_object *u64(uint64_t v)
{
	return json_object_new_uint64(v);
}

static void add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add(o, key, v);
}

static struct json_object *rpc_json(const struct rpc_rate *r)
{
	struct json_object *o = json_object_new_object();

	/* nfsiostat's columns, snake_case */
	add(o, "ops_per_s", num(r->ops_s, 3));
	add(o, "kb_per_s", num(r->kb_s, 3));
	add(o, "kb_per_op", num(r->kb_op, 3));
	add(o, "retrans", u64(r->retrans));
	add(o, "retrans_pct", num(r->retrans_pct, 1));
	add(o, "rtt_avg_ms", num(r->rtt_ms, 3));
	add(o, "exe_avg_ms", num(r->exe_ms, 3));
	return o;
}

static struct json_object *dev_json(const struct view_dev *d)
{
	struct json_object *o = json_object_new_object(), *n;

	add(o, "name", json_object_new_string(d->name));
	add(o, "kind", json_object_new_string(st_kind_name(d->kind)));
	add(o, "swapped_on", json_object_new_boolean(d->swapped_on));
	add(o, "size_kb", u64(d->size_kb));
	add(o, "used_kb", d->swapped_on ? u64(d->used_kb) : NULL);
	add(o, "priority", d->swapped_on ? json_object_new_int(d->prio) : NULL);
	if (d->kind == ST_KIND_SWAPNET) {
		if (d->have_net) {
			n = json_object_new_object();
			add(n, "ops_per_s", num(d->ops_s, 1));
			add(n, "kb_per_s", num(d->kb_s, 1));
			add(n, "rtt_avg_ms",
			    d->rtt_valid ? num(d->rtt_avg_ms, 2) : NULL);
			add(n, "rtt_max_ms", num(d->rtt_max_ms, 2));
			add(n, "retrans", u64(d->retrans));
			add(n, "inflight", json_object_new_int64(d->inflight));
			add(n, "commits", u64(d->commits));
			add(n, "write_resends", u64(d->write_resends));
			add(n, "reclaim_reqs", u64(d->reclaim_reqs));
			add(n, "verify_errors", u64(d->verify_errors));
			add(n, "verify_rereads", u64(d->verify_rereads));
			add(n, "parked_writes", d->have_parked ?
			    u64(d->parked_writes) : NULL);
			add(n, "parked_writes_max", d->have_parked ?
			    u64(d->parked_writes_max) : NULL);
			add(n, "for_swap", json_object_new_boolean(d->for_swap));
			add(n, "swap_active", d->swap_active < 0 ? NULL :
			    json_object_new_boolean(d->swap_active));
			add(n, "state", json_object_new_string(
				    swapnet_state_name(d->state)));
			add(n, "reason", d->reason[0] ?
			    json_object_new_string(d->reason) : NULL);
			add(n, "server", json_object_new_string(d->server));
			if (d->owner[0]) {
				add(n, "owner", json_object_new_string(d->owner));
				add(n, "heartbeat_age_ms", d->owner_age_valid ?
				    u64(d->owner_age_ms) : NULL);
			}
		} else {
			n = NULL;
		}
		add(o, "swapnet", n);
	}
	if (d->kind == ST_KIND_NFS) {
		n = json_object_new_object();
		add(n, "mount", json_object_new_string(d->mnt));
		add(n, "read", d->have_rpc ? rpc_json(&d->rpc_read) : NULL);
		add(n, "write", d->have_rpc ? rpc_json(&d->rpc_write) : NULL);
		add(o, "nfs", n);
	}
	return o;
}

static struct json_object *reserve_json(const struct view *v)
{
	struct json_object *o = json_object_new_object();
	struct json_object *nodes = json_object_new_array();
	size_t i;

	for (i = 0; i < v->nnodes; i++) {
		const struct reserve *r = &v->nodes[i];
		struct json_object *n = json_object_new_object();

		add(n, "node", json_object_new_int(r->node));
		add(n, "free_pages", u64(r->free));
		add(n, "min_pages", u64(r->min));
		add(n, "low_pages", u64(r->low));
		add(n, "high_pages", u64(r->high));
		add(n, "throttle_at_pages", u64(r->min / 2));
		add(n, "state", json_object_new_string(
			    reserve_state_name(r->state)));
		json_object_array_add(nodes, n);
	}
	add(o, "nodes", nodes);
	/* the sysctl's own name (kbytes: its unit) */
	add(o, "min_free_kbytes", v->min_free_kbytes >= 0 ?
	    json_object_new_int64(v->min_free_kbytes) : NULL);
	add(o, "recommended_min_free_kbytes", v->recommended_kb >= 0 ?
	    json_object_new_int64(v->recommended_kb) : NULL);
	return o;
}

static struct json_object *rates_json(const struct view *v)
{
	struct json_object *o = json_object_new_object();

	add(o, "pswpin_pages_per_s", num(v->pswpin_ps, 1));
	add(o, "pswpout_pages_per_s", num(v->pswpout_ps, 1));
	add(o, "swapin_mib_per_s", num(v->swapin_mib_s, 2));
	add(o, "swapout_mib_per_s", num(v->swapout_mib_s, 2));
	add(o, "pgscan_direct_throttle_per_s", num(v->throttle_ps, 1));
	add(o, "allocstall_per_s", num(v->allocstall_ps, 1));
	add(o, "pfmemalloc_drop_per_s", v->have_pfmemalloc_drop ?
	    num(v->pfmemalloc_drop_ps, 1) : NULL);
	add(o, "oom_kill", u64(v->oom_kills));
	add(o, "oom_kill_total", u64(v->oom_kill_total));
	return o;
}

static struct json_object *mirror_json(const struct mdm_state *m)
{
	struct json_object *o = json_object_new_object();
	struct json_object *legs = json_object_new_array();
	char when[32];
	size_t k;

	add(o, "md", json_object_new_string(m->md));
	add(o, "name", json_object_new_string(m->name));
	add(o, "status", json_object_new_string(mdm_status_name(m->status)));
	add(o, "degraded", json_object_new_int(m->degraded));
	add(o, "resync_percent", m->status == MDM_RESYNCING ?
	    num(mdm_progress(m), 1) : NULL);
	if (m->status == MDM_DEGRADED && m->degraded_since) {
		format_utc(m->degraded_since, when, sizeof(when));
		add(o, "degraded_since", json_object_new_string(when));
	} else {
		add(o, "degraded_since", NULL);
	}
	for (k = 0; k < m->nlegs; k++) {
		struct json_object *l = json_object_new_object();

		add(l, "device", json_object_new_string(m->legs[k].dev));
		add(l, "state", json_object_new_string(
			    !m->legs[k].member ? "removed" :
			    m->legs[k].faulty ? "faulty" :
			    m->legs[k].in_sync ? "in_sync" : "recovering"));
		json_object_array_add(legs, l);
	}
	add(o, "legs", legs);
	return o;
}

int json_print(FILE *f, const struct view *v, const struct evlog *log,
	       uint64_t *ev_seen, bool pretty)
{
	struct json_object *root = json_object_new_object(), *o, *a;
	const struct evlog_entry *e;
	char when[32];
	size_t i;

	if (!root)
		return -1;
	format_utc(v->wall, when, sizeof(when));
	add(root, "time", json_object_new_string(when));
	add(root, "interval_s", num(v->dt, 2));

	o = json_object_new_object();
	/* the names of the batch "mem" line */
	add(o, "total_kb", u64(v->mem.mem_total_kb));
	add(o, "free_kb", u64(v->mem.mem_free_kb));
	add(o, "available_kb", u64(v->mem.mem_avail_kb));
	add(o, "swap_total_kb", u64(v->mem.swap_total_kb));
	add(o, "swap_used_kb", u64(v->mem.swap_total_kb >
				    v->mem.swap_free_kb ?
				    v->mem.swap_total_kb -
				    v->mem.swap_free_kb : 0));
	add(root, "memory", o);
	add(root, "reserve", reserve_json(v));
	add(root, "rates", rates_json(v));

	a = json_object_new_array();
	for (i = 0; i < v->nzones; i++) {
		const struct st_zone *z = &v->zones[i];

		if (!z->managed)
			continue;
		o = json_object_new_object();
		add(o, "node", json_object_new_int(z->node));
		add(o, "zone", json_object_new_string(z->name));
		add(o, "free_pages", u64(z->free));
		add(o, "min_pages", u64(z->min));
		add(o, "low_pages", u64(z->low));
		add(o, "high_pages", u64(z->high));
		add(o, "boost_pages", u64(z->boost));
		add(o, "atomic_floor_pages",
		    u64(zoneinfo_atomic_floor(z->min, z->boost)));
		add(o, "atomic_headroom_pages", json_object_new_int64(
			    (int64_t)z->free -
			    (int64_t)zoneinfo_atomic_floor(z->min, z->boost)));
		json_object_array_add(a, o);
	}
	add(root, "zones", a);

	if (v->have_allocfail) {
		o = json_object_new_object();
		add(o, "total", u64(v->allocfail.total));
		add(o, "atomic", u64(v->allocfail.atomic));
		add(o, "nic_refill", u64(v->allocfail.nic_refill));
	} else {
		o = NULL;
	}
	add(root, "page_alloc_failures", o);

	o = json_object_new_object();
	add(o, "status", json_object_new_string(
		    v->net_status == ST_NET_OK ? "ok" :
		    v->net_status == ST_NET_DISABLED ? "disabled" :
		    "unavailable"));
	add(o, "message", v->net_msg[0] ?
	    json_object_new_string(v->net_msg) : NULL);
	add(root, "swapnet", o);
	add(root, "zswap", zswap_json(&v->zswap));

	a = json_object_new_array();
	for (i = 0; i < v->ndevs; i++)
		json_object_array_add(a, dev_json(&v->devs[i]));
	add(root, "devices", a);

	a = json_object_new_array();
	for (i = 0; i < v->nmirrors; i++)
		json_object_array_add(a, mirror_json(&v->mirrors[i]));
	add(root, "mirrors", a);

	a = json_object_new_array();
	while ((e = evlog_next(log, ev_seen)) != NULL) {
		o = json_object_new_object();
		format_utc(e->when, when, sizeof(when));
		add(o, "time", json_object_new_string(when));
		add(o, "text", json_object_new_string(e->text));
		json_object_array_add(a, o);
	}
	add(root, "events", a);

	fprintf(f, "%s\n", json_object_to_json_string_ext(
			root, (pretty ? JSON_C_TO_STRING_PRETTY |
				       JSON_C_TO_STRING_SPACED :
				       JSON_C_TO_STRING_PLAIN) |
			JSON_C_TO_STRING_NOSLASHESCAPE));
	fflush(f);
	json_object_put(root);
	return 0;
}

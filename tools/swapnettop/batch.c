// SPDX-License-Identifier: GPL-2.0
/*
 * Batch mode: one block of lines per interval, each line a keyword and
 * "name value" pairs so scripts can pick fields with awk; the NFS op
 * table keeps nfsiostat's column names.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "zoneinfo.h"

void format_utc(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, len, "%lld", (long long)t);
}

/* Paths as /proc/swaps writes them (octal escapes), so a field never splits. */
static void print_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			fprintf(f, "\\%03o", (unsigned char)*s);
		else
			fputc(*s, f);
	}
}

static void print_rpc(FILE *f, const char *op, const struct rpc_rate *r)
{
	char retrans[48];

	snprintf(retrans, sizeof(retrans), "%" PRIu64 " (%.1f%%)",
		 r->retrans, r->retrans_pct);
	fprintf(f, "  %-6s %10.3f %10.3f %10.3f %14s %14.3f %14.3f\n", op,
		r->ops_s, r->kb_s, r->kb_op, retrans, r->rtt_ms, r->exe_ms);
}

/* One token per state in batch lines. */
static const char *batch_state_name(uint8_t state)
{
	switch (state) {
	case SWAPNET_STATE_OK:
		return "OK";
	case SWAPNET_STATE_NOT_RESPONDING:
		return "NOT_RESPONDING";
	case SWAPNET_STATE_FAILED:
		return "FAILED";
	default:
		return "UNKNOWN";
	}
}

static void print_dev(FILE *f, const struct view_dev *d)
{
	fprintf(f, "device ");
	print_escaped(f, d->name);
	fprintf(f, " kind %s", st_kind_name(d->kind));
	if (d->swapped_on)
		fprintf(f, " used_kb %" PRIu64 " size_kb %" PRIu64 " prio %d",
			d->used_kb, d->size_kb, d->prio);
	else
		fprintf(f, " size_kb %" PRIu64 " swap off", d->size_kb);
	if (d->kind == ST_KIND_SWAPNET) {
		if (!d->have_net) {
			fprintf(f, " stats n/a\n");
			return;
		}
		fprintf(f, " ops/s %.1f kB/s %.1f", d->ops_s, d->kb_s);
		if (d->rtt_valid)
			fprintf(f, " rtt_avg_ms %.2f", d->rtt_avg_ms);
		else
			fprintf(f, " rtt_avg_ms -");
		fprintf(f, " rtt_max_ms %.2f retrans %" PRIu64 " inflight %u"
			" commits %" PRIu64 " write_resends %" PRIu64
			" reclaim_reqs %" PRIu64 " verify_errors %" PRIu64
			" verify_rereads %" PRIu64,
			d->rtt_max_ms, d->retrans, d->inflight, d->commits,
			d->write_resends, d->reclaim_reqs, d->verify_errors,
			d->verify_rereads);
		/* n/a: a module that does not say */
		if (d->have_parked)
			fprintf(f, " parked_writes %" PRIu32
				" parked_writes_max %" PRIu32,
				d->parked_writes, d->parked_writes_max);
		else
			fprintf(f, " parked_writes n/a parked_writes_max n/a");
		fprintf(f, " for_swap %s swap_active %s",
			d->for_swap ? "yes" : "no",
			d->swap_active < 0 ? "n/a" :
			d->swap_active ? "yes" : "no");
		fprintf(f, " state %s server %s", batch_state_name(d->state),
			d->server[0] ? d->server : "-");
		if (d->owner[0]) {
			fprintf(f, " owner %s heartbeat_ms ", d->owner);
			if (d->owner_age_valid)
				fprintf(f, "%" PRIu64, d->owner_age_ms);
			else
				fputc('-', f);
		}
		/* the reason is free text: last, to the end of the line */
		if (d->reason[0])
			fprintf(f, " reason %s", d->reason);
		fputc('\n', f);
		return;
	}
	if (d->kind != ST_KIND_NFS) {
		fputc('\n', f);
		return;
	}
	fprintf(f, " mount ");
	print_escaped(f, d->mnt);
	fprintf(f, "\nnfs ");
	print_escaped(f, d->mnt);
	if (!d->have_rpc) {
		fprintf(f, " stats n/a\n");
		return;
	}
	fprintf(f, "\n  %-6s %10s %10s %10s %14s %14s %14s\n",
		"op", "ops/s", "kB/s", "kB/op", "retrans", "avg RTT (ms)",
		"avg exe (ms)");
	print_rpc(f, "READ", &d->rpc_read);
	print_rpc(f, "WRITE", &d->rpc_write);
}

/*
 * "mirror md127 name swapnet-mir status degraded degraded 1 legs
 * swapnet0:in_sync,swapnet1:faulty [resync_percent 42.1]
 * [degraded_since 2026-...Z]"
 */
static void print_mirror(FILE *f, const struct mdm_state *m)
{
	char when[32];
	size_t k;

	fprintf(f, "mirror %s name %s status %s degraded %d legs", m->md,
		m->name[0] ? m->name : "-", mdm_status_name(m->status),
		m->degraded);
	for (k = 0; k < m->nlegs; k++)
		fprintf(f, "%c%s:%s", k ? ',' : ' ', m->legs[k].dev,
			!m->legs[k].member ? "removed" :
			m->legs[k].faulty ? "faulty" :
			m->legs[k].in_sync ? "in_sync" : "recovering");
	if (m->status == MDM_RESYNCING)
		fprintf(f, " resync_percent %.1f", mdm_progress(m));
	if (m->status == MDM_DEGRADED && m->degraded_since) {
		format_utc(m->degraded_since, when, sizeof(when));
		fprintf(f, " degraded_since %s", when);
	}
	fputc('\n', f);
}

void batch_print(FILE *f, const struct view *v, const struct evlog *log,
		 uint64_t *ev_seen)
{
	const struct evlog_entry *e;
	char when[32];
	size_t i;

	format_utc(v->wall, when, sizeof(when));
	fprintf(f, "swapnettop %s interval_s %.2f\n", when, v->dt);
	fprintf(f, "mem total_kb %" PRIu64 " free_kb %" PRIu64
		" available_kb %" PRIu64 " swap_total_kb %" PRIu64
		" swap_used_kb %" PRIu64 "\n",
		v->mem.mem_total_kb, v->mem.mem_free_kb, v->mem.mem_avail_kb,
		v->mem.swap_total_kb,
		v->mem.swap_total_kb > v->mem.swap_free_kb ?
		v->mem.swap_total_kb - v->mem.swap_free_kb : 0);
	for (i = 0; i < v->nnodes; i++) {
		const struct reserve *r = &v->nodes[i];

		fprintf(f, "reserve node %d free %" PRIu64 " min %" PRIu64
			" low %" PRIu64 " high %" PRIu64 " throttle_at %" PRIu64
			" state %s\n", r->node, r->free, r->min, r->low,
			r->high, r->min / 2, reserve_state_name(r->state));
	}
	fprintf(f, "min_free_kbytes now ");
	if (v->min_free_kbytes >= 0)
		fprintf(f, "%ld", v->min_free_kbytes);
	else
		fprintf(f, "n/a");
	if (v->recommended_kb >= 0)
		fprintf(f, " recommended %ld\n", v->recommended_kb);
	else
		fprintf(f, " recommended n/a\n");
	fprintf(f, "rates pswpin/s %.1f pswpout/s %.1f swapin_MiB/s %.2f"
		" swapout_MiB/s %.2f pgscan_direct_throttle/s %.1f"
		" allocstall/s %.1f", v->pswpin_ps, v->pswpout_ps,
		v->swapin_mib_s, v->swapout_mib_s, v->throttle_ps,
		v->allocstall_ps);
	if (v->have_pfmemalloc_drop)
		fprintf(f, " PFMemallocDrop/s %.1f", v->pfmemalloc_drop_ps);
	else
		fprintf(f, " PFMemallocDrop/s n/a");
	fprintf(f, " oom_kill %" PRIu64 " oom_kill_total %" PRIu64 "\n",
		v->oom_kills, v->oom_kill_total);
	if (v->have_allocfail)
		fprintf(f, "page_alloc_failures total %" PRIu64 " atomic %" PRIu64
			" nic_refill %" PRIu64 "\n", v->allocfail.total,
			v->allocfail.atomic, v->allocfail.nic_refill);
	else
		fprintf(f, "page_alloc_failures n/a\n");
	for (i = 0; i < v->nzones; i++) {
		const struct st_zone *z = &v->zones[i];

		if (!z->managed)
			continue;
		fprintf(f, "zone node %d %s free %" PRIu64 " min %" PRIu64
			" low %" PRIu64 " high %" PRIu64 " boost %" PRIu64
			" atomic_floor %" PRIu64 " atomic_headroom %lld\n",
			z->node, z->name, z->free, z->min, z->low, z->high,
			z->boost, zoneinfo_atomic_floor(z->min, z->boost),
			(long long)z->free -
			(long long)zoneinfo_atomic_floor(z->min, z->boost));
	}
	if (v->net_status != ST_NET_OK)
		fprintf(f, "swapnet %s: %s\n",
			v->net_status == ST_NET_DISABLED ? "disabled" :
			"unavailable", v->net_msg);
	else if (v->net_msg[0])
		fprintf(f, "swapnet ok: %s\n", v->net_msg);
	zswap_batch(f, &v->zswap);
	for (i = 0; i < v->ndevs; i++)
		print_dev(f, &v->devs[i]);
	for (i = 0; i < v->nmirrors; i++)
		print_mirror(f, &v->mirrors[i]);
	while ((e = evlog_next(log, ev_seen)) != NULL) {
		format_utc(e->when, when, sizeof(when));
		fprintf(f, "event %s %s\n", when, e->text);
	}
	fflush(f);
}

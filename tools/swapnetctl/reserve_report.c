// SPDX-License-Identifier: GPL-2.0
/*
 * reserve_report: print what reserve_compute() found, so the admin sees
 * where every kilobyte of the recommendation comes from.
 */
#include "reserve_report.h"
#include "textwrap.h"

const char *reserve_kind_name(enum reserve_dev_kind kind)
{
	switch (kind) {
	case RESERVE_DEV_SWAPNET: return "swapnet";
	case RESERVE_DEV_NBD: return "nbd";
	case RESERVE_DEV_NFS: return "nfs-file";
	}
	return "?";
}

#define U(x) ((unsigned long long)(x))

/*
 * One line of the reserve section: "  KEY  VALUE  note", the note broken
 * under itself when the line would pass 80 columns.  The key and value
 * stay the first two words (scripts read "$1 == recommended_kb").
 */
static void line(FILE *out, const char *key, const char *value,
		 const char *note)
{
	char prefix[64];
	int cols;

	cols = snprintf(prefix, sizeof(prefix), "  %-16s %10s%s", key, value,
			note && *note ? "  " : "");
	text_wrap(out, prefix, cols, cols, note ? note : "");
}

static void num(FILE *out, const char *key, uint64_t v, const char *note)
{
	char value[24];

	snprintf(value, sizeof(value), "%llu", U(v));
	line(out, key, value, note);
}

void reserve_report_text(FILE *out, const struct reserve_machine *m,
			 const struct reserve_result *r)
{
	char note[256];
	struct kvline k;
	size_t i;

	/* a block per device and per NIC, key-value, within 80 columns */
	fprintf(out, "devices:\n");
	if (!m->ndevs)
		fprintf(out, "  (no network swap device: the NICs need no reserve)\n");
	for (i = 0; i < m->ndevs; i++) {
		const struct reserve_dev *d = &m->devs[i];

		kv_begin(&k, out, 2, 4);
		kv_add(&k, "device", "%s", d->name);
		kv_add(&k, "kind", "%s", reserve_kind_name(d->kind));
		kv_add(&k, "depth", "%u", d->depth);
		kv_add(&k, "max_req_kb", "%u", d->max_req_kb);
		kv_end(&k);
		kv_begin(&k, out, 4, 4);
		kv_add(&k, "inflight_kb", "%llu", U(d->inflight_kb));
		kv_add(&k, "payload_kb", "%llu", U(d->payload_kb));
		kv_add(&k, "header_kb", "%llu", U(d->header_kb));
		kv_add(&k, "socket_kb", "%llu", U(d->socket_kb));
		kv_break(&k);
		kv_add(&k, "total_kb", "%llu", U(d->total_kb));
		kv_end(&k);
	}
	fprintf(out, "nics:\n");
	for (i = 0; i < m->nnics; i++) {
		const struct reserve_nic *n = &m->nics[i];

		kv_begin(&k, out, 2, 4);
		kv_add(&k, "nic", "%s", n->name);
		kv_add(&k, "driver", "%s", n->driver[0] ? n->driver : "-");
		kv_add(&k, "mtu", "%u", n->mtu);
		kv_add(&k, "rx_ring", "%u", n->rx_ring);
		kv_add(&k, "rx_queues", "%u", n->rx_queues);
		kv_end(&k);
		kv_begin(&k, out, 4, 4);
		kv_add(&k, "rx_buf_bytes", "%u", n->rx_buf_bytes);
		kv_add(&k, "rx_reserve_bytes", "%u", n->rx_reserve_bytes);
		kv_add(&k, "total_kb", "%llu", U(n->total_kb));
		kv_add(&k, "unreserved_kb", "%llu", U(n->unreserved_kb));
		kv_break(&k);
		kv_add(&k, "refill_buf_bytes", "%u", n->refill_buf_bytes);
		kv_add(&k, "refill_kb", "%llu", U(n->refill_kb));
		kv_end(&k);
		if (n->rx_ring_default)
			fprintf(out, "    (ring not reported: default)\n");
		if (n->rx_page_frag)
			fprintf(out, "    (buffers refilled GFP_ATOMIC: not from the reserve)\n");
	}
	if (m->nnics_over)
		fprintf(out, "  (%zu more interfaces, each counted as the largest)\n",
			m->nnics_over);
	fprintf(out, "reserve:\n");
	num(out, "devices_kb", r->devices_kb, "devices");
	num(out, "nics_kb", r->nics_kb, "NICs");
	num(out, "rx_unreserved_kb", r->nics_unreserved_kb,
	    r->nics_unreserved_kb ?
	    "not counted: RX buffers refilled with GFP_ATOMIC without __GFP_MEMALLOC (skb_page_frag_refill): the reserve cannot refill them; below 3/8 of min those rings run dry" :
	    "not counted: none (no page-fragment RX refill known)");
	num(out, "network_kb", r->network_kb,
	    "what swap-out needs from the reserve");
	num(out, "atomic_safe_kb", r->atomic_safe_kb,
	    "x 8/3: GFP_ATOMIC may take min down to 3/8");
	num(out, "needed_kb", r->needed_kb, "+ ZONE_DMA's share");
	num(out, "refill_kb", r->refill_kb,
	    "a full atomic refill of every NIC's RX rings");
	num(out, "refill_needed_kb", r->refill_needed_kb,
	    "x 8/5 + ZONE_DMA's share: only atomic allocations use min down to 3/8");
	if (r->lab_floor_kb)
		snprintf(note, sizeof(note),
			 "1.5 x %u kB, the smallest reserve that held pressure + flood in the lab at the defaults",
			 RESERVE_LAB_HELD_KB);
	else
		snprintf(note, sizeof(note), "(no network swap device)");
	num(out, "lab_floor_kb", r->lab_floor_kb, note);
	snprintf(note, sizeof(note), "sqrt(16 x lowmem_kb %llu), clamped",
		 U(r->lowmem_kb));
	num(out, "sqrt_kb", r->sqrt_kb, note);
	if (r->thp_kb)
		num(out, "thp_kb", r->thp_kb,
		    "khugepaged's minimum (THP enabled)");
	num(out, "default_kb", r->default_kb,
	    "the kernel's own value: never go below");
	num(out, "recommended_kb", r->recommended_kb, NULL);
	line(out, "recommended_term", reserve_term_name(r->term),
	     "the largest of default, swap (needed_kb), refill (refill_needed_kb), lab floor");
	num(out, "current_kb", r->current_kb,
	    r->current_kb < r->recommended_kb ? "too low (swapnetctl reserve --apply)" :
	    r->current_kb == r->recommended_kb ? "ok" :
	    "higher than recommended");
	snprintf(note, sizeof(note),
		 "the cost: kswapd keeps about this free (min + 2 x max(min/4, lowmem x %u/10000))",
		 m->watermark_scale_factor);
	num(out, "kswapd_high_kb", r->kswapd_high_kb, note);
	if (r->too_large)
		text_wrap(out, "warning: ", 9, 4,
			  "more than a quarter of lowmem; lower the devices' queue/nr_requests or max_sectors_kb");
}

json_object *reserve_report_json(const struct reserve_machine *m,
				 const struct reserve_result *r)
{
	json_object *o = json_object_new_object();
	json_object *devs = json_object_new_array();
	json_object *nics = json_object_new_array();
	size_t i;

	for (i = 0; i < m->ndevs; i++) {
		const struct reserve_dev *d = &m->devs[i];
		json_object *j = json_object_new_object();

		json_object_object_add(j, "device", json_object_new_string(d->name));
		json_object_object_add(j, "kind",
				       json_object_new_string(reserve_kind_name(d->kind)));
		json_object_object_add(j, "depth", json_object_new_int64(d->depth));
		json_object_object_add(j, "max_req_kb",
				       json_object_new_int64(d->max_req_kb));
		json_object_object_add(j, "inflight_kb",
				       json_object_new_int64((int64_t)d->inflight_kb));
		json_object_object_add(j, "payload_kb",
				       json_object_new_int64((int64_t)d->payload_kb));
		json_object_object_add(j, "header_kb",
				       json_object_new_int64((int64_t)d->header_kb));
		json_object_object_add(j, "socket_kb",
				       json_object_new_int64((int64_t)d->socket_kb));
		json_object_object_add(j, "total_kb",
				       json_object_new_int64((int64_t)d->total_kb));
		json_object_array_add(devs, j);
	}
	for (i = 0; i < m->nnics; i++) {
		const struct reserve_nic *n = &m->nics[i];
		json_object *j = json_object_new_object();

		json_object_object_add(j, "nic", json_object_new_string(n->name));
		json_object_object_add(j, "mtu", json_object_new_int64(n->mtu));
		json_object_object_add(j, "rx_ring", json_object_new_int64(n->rx_ring));
		json_object_object_add(j, "rx_queues",
				       json_object_new_int64(n->rx_queues));
		json_object_object_add(j, "rx_ring_default",
				       json_object_new_boolean(n->rx_ring_default));
		json_object_object_add(j, "driver",
				       json_object_new_string(n->driver));
		json_object_object_add(j, "rx_buf_bytes",
				       json_object_new_int64(n->rx_buf_bytes));
		json_object_object_add(j, "rx_reserve_bytes",
				       json_object_new_int64(n->rx_reserve_bytes));
		json_object_object_add(j, "total_kb",
				       json_object_new_int64((int64_t)n->total_kb));
		json_object_object_add(j, "unreserved_kb",
				       json_object_new_int64((int64_t)n->unreserved_kb));
		json_object_object_add(j, "refill_buf_bytes",
				       json_object_new_int64(n->refill_buf_bytes));
		json_object_object_add(j, "refill_kb",
				       json_object_new_int64((int64_t)n->refill_kb));
		json_object_array_add(nics, j);
	}
	json_object_object_add(o, "devices", devs);
	json_object_object_add(o, "nics", nics);
#define NUM(key, v) json_object_object_add(o, key, json_object_new_int64((int64_t)(v)))
	NUM("devices_kb", r->devices_kb);
	NUM("nics_kb", r->nics_kb);
	NUM("rx_unreserved_kb", r->nics_unreserved_kb);
	NUM("network_kb", r->network_kb);
	NUM("atomic_safe_kb", r->atomic_safe_kb);
	NUM("needed_kb", r->needed_kb);
	NUM("refill_kb", r->refill_kb);
	NUM("refill_needed_kb", r->refill_needed_kb);
	NUM("lab_floor_kb", r->lab_floor_kb);
	NUM("sqrt_kb", r->sqrt_kb);
	NUM("thp_kb", r->thp_kb);
	NUM("default_kb", r->default_kb);
	NUM("lowmem_kb", r->lowmem_kb);
	NUM("recommended_kb", r->recommended_kb);
	json_object_object_add(o, "recommended_term",
			       json_object_new_string(reserve_term_name(r->term)));
	NUM("current_kb", r->current_kb);
	NUM("kswapd_high_kb", r->kswapd_high_kb);
#undef NUM
	json_object_object_add(o, "too_large", json_object_new_boolean(r->too_large));
	return o;
}

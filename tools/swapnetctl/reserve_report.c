// SPDX-License-Identifier: GPL-2.0
/*
 * reserve_report: print what reserve_compute() found, so the admin sees
 * where every kilobyte of the recommendation comes from.
 */
#include "reserve_report.h"

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

void reserve_report_text(FILE *out, const struct reserve_machine *m,
			 const struct reserve_result *r)
{
	size_t i;

	fprintf(out, "devices:\n");
	if (!m->ndevs)
		fprintf(out, "  (no network swap device: the NICs need no reserve)\n");
	else
		fprintf(out, "  %-16s %-8s %6s %10s %11s %10s %9s %9s %9s\n",
			"device", "kind", "depth", "max_req_kb", "inflight_kb",
			"payload_kb", "header_kb", "socket_kb", "total_kb");
	for (i = 0; i < m->ndevs; i++) {
		const struct reserve_dev *d = &m->devs[i];

		fprintf(out, "  %-16s %-8s %6u %10u %11llu %10llu %9llu %9llu %9llu\n",
			d->name, reserve_kind_name(d->kind), d->depth,
			d->max_req_kb, U(d->inflight_kb), U(d->payload_kb),
			U(d->header_kb), U(d->socket_kb), U(d->total_kb));
	}
	fprintf(out, "nics:\n  %-16s %-12s %6s %8s %9s %13s %16s %9s %13s %17s %10s\n",
		"nic", "driver", "mtu", "rx_ring", "rx_queues", "rx_buf_bytes",
		"rx_reserve_bytes", "total_kb", "unreserved_kb",
		"refill_buf_bytes", "refill_kb");
	for (i = 0; i < m->nnics; i++) {
		const struct reserve_nic *n = &m->nics[i];

		fprintf(out, "  %-16s %-12s %6u %8u %9u %13u %16u %9llu %13llu %17u %10llu%s%s\n",
			n->name, n->driver[0] ? n->driver : "-", n->mtu,
			n->rx_ring, n->rx_queues, n->rx_buf_bytes,
			n->rx_reserve_bytes, U(n->total_kb),
			U(n->unreserved_kb), n->refill_buf_bytes,
			U(n->refill_kb),
			n->rx_ring_default ? "  (ring not reported: default)" : "",
			n->rx_page_frag ? "  (buffers refilled GFP_ATOMIC: not from the reserve)" : "");
	}
	if (m->nnics_over)
		fprintf(out, "  (%zu more interfaces, each counted as the largest)\n",
			m->nnics_over);
	fprintf(out, "reserve:\n");
	fprintf(out, "  %-16s %10llu  devices\n", "devices_kb", U(r->devices_kb));
	fprintf(out, "  %-16s %10llu  NICs\n", "nics_kb", U(r->nics_kb));
	fprintf(out, "  %-16s %10llu  %s\n", "rx_unreserved_kb",
		U(r->nics_unreserved_kb), r->nics_unreserved_kb ?
		"not counted: RX buffers refilled with GFP_ATOMIC without __GFP_MEMALLOC (skb_page_frag_refill): the reserve cannot refill them; below 3/8 of min those rings run dry" :
		"not counted: none (no page-fragment RX refill known)");
	fprintf(out, "  %-16s %10llu  what swap-out needs from the reserve\n",
		"network_kb", U(r->network_kb));
	fprintf(out, "  %-16s %10llu  x 8/3: GFP_ATOMIC may take min down to 3/8\n",
		"atomic_safe_kb", U(r->atomic_safe_kb));
	fprintf(out, "  %-16s %10llu  + ZONE_DMA's share\n", "needed_kb",
		U(r->needed_kb));
	fprintf(out, "  %-16s %10llu  a full atomic refill of every NIC's RX rings\n",
		"refill_kb", U(r->refill_kb));
	fprintf(out, "  %-16s %10llu  x 8/5 + ZONE_DMA's share: only atomic allocations use min down to 3/8\n",
		"refill_needed_kb", U(r->refill_needed_kb));
	if (r->lab_floor_kb)
		fprintf(out, "  %-16s %10llu  1.5 x %u kB, the smallest reserve that held pressure + flood in the lab at the defaults\n",
			"lab_floor_kb", U(r->lab_floor_kb), RESERVE_LAB_HELD_KB);
	else
		fprintf(out, "  %-16s %10llu  (no network swap device)\n",
			"lab_floor_kb", U(r->lab_floor_kb));
	fprintf(out, "  %-16s %10llu  sqrt(16 x lowmem_kb %llu), clamped\n",
		"sqrt_kb", U(r->sqrt_kb), U(r->lowmem_kb));
	if (r->thp_kb)
		fprintf(out, "  %-16s %10llu  khugepaged's minimum (THP enabled)\n",
			"thp_kb", U(r->thp_kb));
	fprintf(out, "  %-16s %10llu  the kernel's own value: never go below\n",
		"default_kb", U(r->default_kb));
	fprintf(out, "  %-16s %10llu\n", "recommended_kb", U(r->recommended_kb));
	fprintf(out, "  %-16s %10s  the largest of default, swap (needed_kb), refill (refill_needed_kb), lab floor\n",
		"recommended_term", reserve_term_name(r->term));
	fprintf(out, "  %-16s %10llu  %s\n", "current_kb", U(r->current_kb),
		r->current_kb < r->recommended_kb ? "too low (swapnetctl reserve --apply)" :
		r->current_kb == r->recommended_kb ? "ok" :
		"higher than recommended");
	fprintf(out, "  %-16s %10llu  the cost: kswapd keeps about this free (min + 2 x max(min/4, lowmem x %u/10000))\n",
		"kswapd_high_kb", U(r->kswapd_high_kb),
		m->watermark_scale_factor);
	if (r->too_large)
		fprintf(out, "warning: more than a quarter of lowmem; lower the devices' queue/nr_requests or max_sectors_kb\n");
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

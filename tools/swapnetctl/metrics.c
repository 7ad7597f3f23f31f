// SPDX-License-Identifier: GPL-2.0
/* metrics: Prometheus text for swapnetctl metrics (metrics.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "metrics.h"
#include "readfile.h"
#include "rootpath.h"
#include "zoneinfo.h"

/* "# HELP name text" and "# TYPE name type" */
static void family(FILE *f, const char *name, const char *type,
		   const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value, escaped as the format wants (\\, \", \n). */
static void label(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* v exactly: an integer, or micro millionths as seconds (0.150000) */
static void value(FILE *f, uint64_t v, bool micro)
{
	if (micro)
		fprintf(f, " %" PRIu64 ".%06" PRIu64 "\n", v / 1000000,
			v % 1000000);
	else
		fprintf(f, " %" PRIu64 "\n", v);
}

static void dev_sample(FILE *f, const char *name,
		       const struct swapnet_dev_info *d, const char *op,
		       uint64_t v, bool micro)
{
	fprintf(f, "%s{device=", name);
	label(f, d->name);
	if (op) {
		fputs(",op=", f);
		label(f, op);
	}
	fputc('}', f);
	value(f, v, micro);
}

/* a stats field as a u64, whichever its width */
static uint64_t field_at(const struct swapnet_dev_info *d, size_t off,
			 bool is32)
{
	const char *base = (const char *)&d->stats;

	return is32 ? *(const uint32_t *)(base + off) :
		      *(const uint64_t *)(base + off);
}

/* one family with one sample per device (two with op read and write) */
static void per_dev(FILE *f, const char *name, const char *type,
		    const char *help, const struct swapnet_dev_info *devs,
		    size_t n, size_t off_a, size_t off_b, bool micro,
		    bool is32)
{
	size_t i;

	if (!n)
		return;
	family(f, name, type, help);
	for (i = 0; i < n; i++) {
		uint64_t a = field_at(&devs[i], off_a, is32);

		if (off_b == (size_t)-1) {
			dev_sample(f, name, &devs[i], NULL, a, micro);
		} else {
			dev_sample(f, name, &devs[i], "read", a, micro);
			dev_sample(f, name, &devs[i], "write",
				   field_at(&devs[i], off_b, false), micro);
		}
	}
}

#define OFF(field) offsetof(struct swapnet_dev_stats, field)
#define NONE ((size_t)-1)

static void print_devices(FILE *f, const struct swapnet_dev_info *d,
			  size_t n)
{
	static const uint8_t states[] = {
		SWAPNET_STATE_OK, SWAPNET_STATE_NOT_RESPONDING,
		SWAPNET_STATE_FAILED,
	};
	size_t i, k;

	if (!n)
		return;
	family(f, "swapnet_device_info", "gauge",
	       "An attached swapnet device: its server, file and label (always 1).");
	for (i = 0; i < n; i++) {
		fputs("swapnet_device_info{device=", f);
		label(f, d[i].name);
		fputs(",server=", f);
		label(f, d[i].cfg.server_name);
		fputs(",file=", f);
		label(f, d[i].cfg.path);
		fputs(",label=", f);
		label(f, d[i].cfg.label);
		fputs("} 1\n", f);
	}
	family(f, "swapnet_device_state", "gauge",
	       "1 for the device's state (OK, NOT RESPONDING, FAILED), 0 for the others.");
	for (i = 0; i < n; i++)
		for (k = 0; k < sizeof(states); k++) {
			fputs("swapnet_device_state{device=", f);
			label(f, d[i].name);
			fputs(",state=", f);
			label(f, swapnet_state_name(states[k]));
			fprintf(f, "} %d\n", d[i].state == states[k]);
		}
	family(f, "swapnet_device_size_bytes", "gauge",
	       "Size of the swapfile behind the device.");
	for (i = 0; i < n; i++)
		dev_sample(f, "swapnet_device_size_bytes", &d[i], NULL,
			   d[i].cfg.size_bytes, false);
	per_dev(f, "swapnet_requests_total", "counter",
		"Requests completed, by operation.", d, n, OFF(reads),
		OFF(writes), false, false);
	per_dev(f, "swapnet_bytes_total", "counter",
		"Bytes read from and written to the server.", d, n,
		OFF(read_bytes), OFF(write_bytes), false, false);
	per_dev(f, "swapnet_retransmits_total", "counter",
		"RPC retransmissions (a major timeout's minor ones).", d, n,
		OFF(retrans), NONE, false, false);
	per_dev(f, "swapnet_retries_total", "counter",
		"Requests sent again after an error the module retries.", d, n,
		OFF(retries), NONE, false, false);
	per_dev(f, "swapnet_errors_total", "counter",
		"Requests failed: their data is lost (see the kernel log).", d,
		n, OFF(errors), NONE, false, false);
	per_dev(f, "swapnet_commits_total", "counter",
		"COMMIT calls sent.", d, n, OFF(commits), NONE, false, false);
	per_dev(f, "swapnet_write_resends_total", "counter",
		"WRITEs sent again because the server's verifier changed.", d,
		n, OFF(write_resends), NONE, false, false);
	per_dev(f, "swapnet_reclaim_requests_total", "counter",
		"Requests sent as memory reclaim I/O.", d, n,
		OFF(reclaim_reqs), NONE, false, false);
	per_dev(f, "swapnet_verify_errors_total", "counter",
		"Pages whose reads failed because their checksum differed twice: each one lost (see the kernel log).",
		d, n, OFF(verify_errors), NONE, false, false);
	per_dev(f, "swapnet_verify_rereads_total", "counter",
		"READs sent again because a page's checksum differed.", d, n,
		OFF(verify_rereads), NONE, false, false);
	per_dev(f, "swapnet_inflight_requests", "gauge",
		"Requests sent and not yet answered.", d, n, OFF(inflight),
		NONE, false, true);
	/* a module that does not send them: no samples, rather than 0 */
	if (d[0].stats.have_parked) {
		per_dev(f, "swapnet_parked_writes", "gauge",
			"WRITEs parked now, waiting for a place in flight.", d,
			n, OFF(parked_writes), NONE, false, true);
		per_dev(f, "swapnet_parked_writes_max", "gauge",
			"Most WRITEs parked at once since the device was attached.",
			d, n, OFF(parked_writes_max), NONE, false, true);
	}
	family(f, "swapnet_device_for_swap", "gauge",
	       "1 if the device is attached for swap (its WRITEs may use the memory reserve).");
	for (i = 0; i < n; i++)
		dev_sample(f, "swapnet_device_for_swap", &d[i], NULL,
			   !!(d[i].cfg.flags & SWAPNET_F_SWAP), false);
	/* sysfs only: a device whose swap_active cannot be read has none */
	for (i = k = 0; i < n; i++)
		k += d[i].swap_active >= 0;
	if (k)
		family(f, "swapnet_device_swap_active", "gauge",
		       "1 if the device's transport is swap-activated (SOCK_MEMALLOC).");
	for (i = 0; i < n; i++)
		if (d[i].swap_active >= 0)
			dev_sample(f, "swapnet_device_swap_active", &d[i], NULL,
				   (uint64_t)d[i].swap_active, false);
	per_dev(f, "swapnet_request_latency_max_seconds", "gauge",
		"Longest request since the device was attached.", d, n,
		OFF(latency_max_us), NONE, true, false);
	/* a summary without quantiles: rate(_sum) / rate(_count) is the mean */
	family(f, "swapnet_request_latency_seconds", "summary",
	       "Time from sending a request to its completion.");
	for (i = 0; i < n; i++) {
		fputs("swapnet_request_latency_seconds_sum{device=", f);
		label(f, d[i].name);
		fputc('}', f);
		value(f, d[i].stats.latency_sum_us, true);
		fputs("swapnet_request_latency_seconds_count{device=", f);
		label(f, d[i].name);
		fprintf(f, "} %" PRIu64 "\n",
			d[i].stats.reads + d[i].stats.writes);
	}
}

void metrics_print(FILE *f, const struct metrics_node *n,
		   const struct swapnet_dev_info *devs, size_t ndevs)
{
	static const char *const wm[] = { "free", "min", "low", "high" };
	static const char *const help[] = {
		"Free memory in the zones up to Normal of the node.",
		"The min watermarks of those zones, summed: below it only the reserve is left (free below half of it throttles direct reclaim).",
		"The low watermarks of those zones, summed: below it kswapd reclaims.",
		"The high watermarks of those zones, summed: kswapd stops above it.",
	};
	size_t i, k;

	family(f, "swapnet_module_loaded", "gauge",
	       "1 when the swapnet module is loaded.");
	fprintf(f, "swapnet_module_loaded %d\n", n->module_loaded);
	family(f, "swapnet_devices", "gauge", "swapnet devices attached.");
	fprintf(f, "swapnet_devices %zu\n", ndevs);
	print_devices(f, devs, ndevs);
	if (n->have_min_free) {
		family(f, "swapnet_min_free_bytes", "gauge",
		       "vm.min_free_kbytes now, in bytes.");
		fprintf(f, "swapnet_min_free_bytes %" PRIu64 "\n",
			n->min_free_kb * 1024);
	}
	if (n->have_recommended) {
		family(f, "swapnet_min_free_recommended_bytes", "gauge",
		       "vm.min_free_kbytes swapnetctl reserve recommends for this machine now, in bytes.");
		fprintf(f, "swapnet_min_free_recommended_bytes %" PRIu64 "\n",
			n->recommended_kb * 1024);
	}
	for (k = 0; k < 4 && n->nnodes; k++) {
		char name[64];

		snprintf(name, sizeof(name), "swapnet_reserve_%s_bytes", wm[k]);
		family(f, name, "gauge", help[k]);
		for (i = 0; i < n->nnodes; i++) {
			const struct metrics_reserve *r = &n->nodes[i];
			uint64_t v = k == 0 ? r->free : k == 1 ? r->min :
				     k == 2 ? r->low : r->high;

			fprintf(f, "%s{node=\"%d\"} %" PRIu64 "\n", name,
				r->node, v * n->page_size);
		}
	}
	if (n->have_vmstat) {
		family(f, "swapnet_swap_in_bytes_total", "counter",
		       "Bytes swapped in (pswpin), every swap device.");
		fprintf(f, "swapnet_swap_in_bytes_total %" PRIu64 "\n",
			n->pswpin * n->page_size);
		family(f, "swapnet_swap_out_bytes_total", "counter",
		       "Bytes swapped out (pswpout), every swap device.");
		fprintf(f, "swapnet_swap_out_bytes_total %" PRIu64 "\n",
			n->pswpout * n->page_size);
		family(f, "swapnet_reclaim_throttled_total", "counter",
		       "Direct reclaimers throttled with free memory at half the reserve (pgscan_direct_throttle).");
		fprintf(f, "swapnet_reclaim_throttled_total %" PRIu64 "\n",
			n->throttled);
		family(f, "swapnet_allocstalls_total", "counter",
		       "Allocations that had to reclaim directly (allocstall, every zone).");
		fprintf(f, "swapnet_allocstalls_total %" PRIu64 "\n",
			n->allocstall);
		family(f, "swapnet_oom_kills_total", "counter",
		       "Processes killed by the OOM killer (oom_kill).");
		fprintf(f, "swapnet_oom_kills_total %" PRIu64 "\n", n->oom_kill);
	}
	if (n->have_pfmemalloc_drop) {
		family(f, "swapnet_pfmemalloc_drops_total", "counter",
		       "Packets dropped because they came from the reserve and were not for a swap socket (TcpExt PFMemallocDrop).");
		fprintf(f, "swapnet_pfmemalloc_drops_total %" PRIu64 "\n",
			n->pfmemalloc_drop);
	}
}

/* ---- reading ---- */

static char *slurp(const char *root, const char *path)
{
	char full[4200];

	if (root_path(full, sizeof(full), root, "%s", path))
		return NULL;
	return read_file(full);
}

/* zones DMA, DMA32 and Normal make the reserve (as swapnettop's view) */
static int add_zone(const struct zoneinfo_zone *z, void *arg)
{
	struct metrics_node *n = arg;
	struct metrics_reserve *r = NULL;
	size_t i;

	if (strcmp(z->name, "DMA") && strcmp(z->name, "DMA32") &&
	    strcmp(z->name, "Normal"))
		return 0;
	if (!z->managed)
		return 0;
	for (i = 0; i < n->nnodes; i++)
		if (n->nodes[i].node == z->node)
			r = &n->nodes[i];
	if (!r) {
		if (n->nnodes == METRICS_MAX_NODES)
			return 0;
		r = &n->nodes[n->nnodes++];
		memset(r, 0, sizeof(*r));
		r->node = z->node;
	}
	r->free += z->free;
	r->min += z->min;
	r->low += z->low;
	r->high += z->high;
	return 0;
}

/* the value of "key N" lines (vmstat), summed over keys starting with
 * prefix when prefix ends in '_'; 0 and false when none */
static bool vm_value(const char *text, const char *key, uint64_t *out)
{
	size_t klen = strlen(key);
	bool prefix = key[klen - 1] == '_', found = false;
	const char *p = text;

	*out = 0;
	while (*p) {
		size_t len = strcspn(p, "\n");

		if (!strncmp(p, key, klen) &&
		    (prefix || p[klen] == ' ')) {
			const char *sp = memchr(p, ' ', len);

			if (sp) {
				*out += strtoull(sp + 1, NULL, 10);
				found = true;
			}
		}
		p += len + (p[len] == '\n');
	}
	return found;
}

/* TcpExt's PFMemallocDrop: a header line of names, then one of values */
static bool netstat_value(const char *text, const char *key, uint64_t *out)
{
	const char *names = text, *vals;

	while ((names = strstr(names, "TcpExt:"))) {
		size_t nl = strcspn(names, "\n");
		int idx = 0, k;
		const char *w;

		vals = names + nl + (names[nl] == '\n');
		if (strncmp(vals, "TcpExt:", 7)) {
			names = vals;
			continue;
		}
		for (w = names + 7; w < names + nl;) {
			size_t wl;

			w += strspn(w, " ");
			wl = strcspn(w, " \n");
			if (wl == strlen(key) && !strncmp(w, key, wl)) {
				const char *v = vals + 7;

				for (k = 0; k < idx; k++) {
					v += strspn(v, " ");
					v += strcspn(v, " \n");
				}
				*out = strtoull(v, NULL, 10);
				return true;
			}
			w += wl;
			idx++;
		}
		return false;
	}
	return false;
}

int metrics_read_node(const char *root, struct metrics_node *n, char *err,
		      size_t errlen)
{
	uint64_t v = 0;
	char *text;

	n->page_size = (uint64_t)sysconf(_SC_PAGESIZE);
	text = slurp(root, "/proc/sys/vm/min_free_kbytes");
	if (text) {
		n->have_min_free = true;
		n->min_free_kb = strtoull(text, NULL, 10);
		free(text);
	}
	text = slurp(root, "/proc/zoneinfo");
	if (!text || zoneinfo_each(text, add_zone, n) < 0) {
		free(text);
		char p[4200];

		root_path(p, sizeof(p), root, "/proc/zoneinfo");
		snprintf(err, errlen, "cannot read %s", p);
		return -1;
	}
	free(text);
	text = slurp(root, "/proc/vmstat");
	if (text) {
		n->have_vmstat = vm_value(text, "pswpin", &n->pswpin);
		vm_value(text, "pswpout", &n->pswpout);
		vm_value(text, "pgscan_direct_throttle", &n->throttled);
		vm_value(text, "allocstall_", &n->allocstall);
		vm_value(text, "oom_kill", &n->oom_kill);
		free(text);
	}
	text = slurp(root, "/proc/net/netstat");
	if (text) {
		n->have_pfmemalloc_drop = netstat_value(text, "PFMemallocDrop",
							&v);
		n->pfmemalloc_drop = v;
		free(text);
	}
	return 0;
}

static void md_label(FILE *f, const char *name, const struct mdm_state *m)
{
	fprintf(f, "%s{md=", name);
	label(f, m->md);
	fputs(",name=", f);
	label(f, m->name);
}

void metrics_print_mirrors(FILE *f, const struct mdm_state *m, size_t n)
{
	size_t i, k;

	if (!n)
		return;
	family(f, "swapnet_mirror_info", "gauge",
	       "A mirror (md raid1 over two swapnet devices), always 1.");
	for (i = 0; i < n; i++) {
		md_label(f, "swapnet_mirror_info", &m[i]);
		fputs(",status=", f);
		label(f, mdm_status_name(m[i].status));
		fputs("} 1\n", f);
	}
	family(f, "swapnet_mirror_in_sync", "gauge",
	       "1 when every leg of the mirror is in sync.");
	for (i = 0; i < n; i++) {
		md_label(f, "swapnet_mirror_in_sync", &m[i]);
		fprintf(f, "} %d\n", m[i].status == MDM_IN_SYNC);
	}
	family(f, "swapnet_mirror_degraded", "gauge",
	       "Legs missing from the mirror (md's degraded count).");
	for (i = 0; i < n; i++) {
		md_label(f, "swapnet_mirror_degraded", &m[i]);
		fprintf(f, "} %d\n", m[i].degraded < 0 ? 0 : m[i].degraded);
	}
	family(f, "swapnet_mirror_resyncing", "gauge",
	       "1 while md resyncs or recovers a leg.");
	for (i = 0; i < n; i++) {
		md_label(f, "swapnet_mirror_resyncing", &m[i]);
		fprintf(f, "} %d\n", m[i].status == MDM_RESYNCING);
	}
	family(f, "swapnet_mirror_resync_progress_ratio", "gauge",
	       "How far the running resync is, 0..1.");
	for (i = 0; i < n; i++) {
		if (m[i].status != MDM_RESYNCING)
			continue;
		md_label(f, "swapnet_mirror_resync_progress_ratio", &m[i]);
		fprintf(f, "} %.4f\n", mdm_progress(&m[i]) / 100.0);
	}
	family(f, "swapnet_mirror_degraded_since_seconds", "gauge",
	       "When swapnetctl monitor first saw a leg out (Unix time).");
	for (i = 0; i < n; i++) {
		if (m[i].status != MDM_DEGRADED || !m[i].degraded_since)
			continue;
		md_label(f, "swapnet_mirror_degraded_since_seconds", &m[i]);
		fprintf(f, "} %lld\n", (long long)m[i].degraded_since);
	}
	family(f, "swapnet_mirror_leg_in_sync", "gauge",
	       "1 when the leg is an in-sync member of its mirror.");
	for (i = 0; i < n; i++)
		for (k = 0; k < m[i].nlegs; k++) {
			const struct mdm_leg *l = &m[i].legs[k];

			md_label(f, "swapnet_mirror_leg_in_sync", &m[i]);
			fputs(",device=", f);
			label(f, l->dev);
			fprintf(f, "} %d\n",
				l->member && l->in_sync && !l->faulty);
		}
}

// SPDX-License-Identifier: GPL-2.0
/* zswap's figures (see proc_zswap.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "procfs.h"
#include "proc_zswap.h"

/* The first line of a file as a whole u64; -1 when absent or not one. */
static int read_u64(const char *root, const char *path, uint64_t *out)
{
	char *t = procfs_slurp(root, path), *end;
	unsigned long long v;
	int ret = -1;

	if (!t)
		return -1;
	errno = 0;
	v = strtoull(t, &end, 10);
	if (!errno && end != t && (*end == '\n' || !*end) && t[0] != '-') {
		*out = v;
		ret = 0;
	}
	free(t);
	return ret;
}

/* "KEY value" (vmstat) or "KEY: value kB" (meminfo) in text. */
static int find_key(const char *text, const char *key, uint64_t *out)
{
	size_t klen = strlen(key);
	const char *p = text;
	char *end;

	while (p && *p) {
		if (!strncmp(p, key, klen) && (p[klen] == ' ' || p[klen] == ':')) {
			p += klen + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p < '0' || *p > '9')
				return -1;
			errno = 0;
			*out = strtoull(p, &end, 10);
			return errno ? -1 : 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

void zswap_read(struct st_zswap *z, const char *root,
		unsigned long page_size)
{
	char *meminfo = procfs_slurp(root, "/proc/meminfo");
	char *vmstat = procfs_slurp(root, "/proc/vmstat");

	zswap_read_texts(z, root, page_size, meminfo, vmstat);
	free(meminfo);
	free(vmstat);
}

void zswap_read_texts(struct st_zswap *z, const char *root,
		      unsigned long page_size, const char *meminfo,
		      const char *vmstat)
{
	static const char dbg[] = "/sys/kernel/debug/zswap/";
	uint64_t pool_b, stored, wb, kb;
	char path[128];
	char *t;

	memset(z, 0, sizeof(*z));
	t = procfs_slurp(root, "/sys/module/zswap/parameters/enabled");
	if (t) {
		z->present = true;
		z->enabled = t[0] == 'Y' || t[0] == 'y' || t[0] == '1';
		free(t);
	}
	t = procfs_slurp(root, "/sys/module/zswap/parameters/compressor");
	if (t) {
		t[strcspn(t, "\n")] = '\0';
		snprintf(z->compressor, sizeof(z->compressor), "%.31s", t);
		free(t);
	}

	snprintf(path, sizeof(path), "%spool_total_size", dbg);
	if (!read_u64(root, path, &pool_b)) {
		snprintf(path, sizeof(path), "%sstored_pages", dbg);
		if (!read_u64(root, path, &stored)) {
			z->from_debugfs = true;
			z->present = true;
			z->have_pool = z->have_stored = true;
			z->pool_kb = pool_b / 1024;
			z->stored_pages = stored;
			snprintf(path, sizeof(path), "%swritten_back_pages", dbg);
			if (!read_u64(root, path, &wb)) {
				z->written_back_pages = wb;
				z->have_written_back = true;
			}
		}
	}

	if (meminfo && !z->from_debugfs) {
		if (!find_key(meminfo, "Zswap", &kb)) {
			z->pool_kb = kb;
			z->have_pool = true;
		}
		if (!find_key(meminfo, "Zswapped", &kb) && page_size) {
			z->stored_pages = kb * 1024 / page_size;
			z->have_stored = true;
		}
	}
	if (vmstat) {
		if (!find_key(vmstat, "zswpout", &z->zswpout) &&
		    !find_key(vmstat, "zswpin", &z->zswpin))
			z->have_zswpout = true;
		if (!z->have_written_back &&
		    !find_key(vmstat, "zswpwb", &z->written_back_pages))
			z->have_written_back = true;
	}
}

bool zswap_shown(const struct st_zswap *z)
{
	return z->present && (z->enabled || z->stored_pages > 0);
}

void zswap_format(const struct st_zswap *z, char *buf, size_t len)
{
	char pool[32] = "n/a", stored[32] = "n/a", wb[32] = "n/a";

	if (z->have_pool)
		snprintf(pool, sizeof(pool), "%.1f MiB", (double)z->pool_kb / 1024.0);
	if (z->have_stored)
		snprintf(stored, sizeof(stored), "%" PRIu64 " pg", z->stored_pages);
	if (z->have_written_back)
		snprintf(wb, sizeof(wb), "%" PRIu64 " pg", z->written_back_pages);
	snprintf(buf, len, "Zswap %s%s%s%s  pool %s  stored %s  written back %s",
		 z->enabled ? "on" : "off", z->compressor[0] ? " (" : "",
		 z->compressor, z->compressor[0] ? ")" : "", pool, stored, wb);
}

static void batch_u64(FILE *f, const char *key, bool have, uint64_t v)
{
	if (have)
		fprintf(f, " %s %" PRIu64, key, v);
	else
		fprintf(f, " %s n/a", key);
}

void zswap_batch(FILE *f, const struct st_zswap *z)
{
	if (!zswap_shown(z))
		return;
	fprintf(f, "zswap enabled %s compressor %s", z->enabled ? "yes" : "no",
		z->compressor[0] ? z->compressor : "n/a");
	batch_u64(f, "pool_kb", z->have_pool, z->pool_kb);
	batch_u64(f, "stored_pages", z->have_stored, z->stored_pages);
	batch_u64(f, "written_back_pages", z->have_written_back,
		  z->written_back_pages);
	batch_u64(f, "zswpout", z->have_zswpout, z->zswpout);
	batch_u64(f, "zswpin", z->have_zswpout, z->zswpin);
	fprintf(f, " source %s\n", z->from_debugfs ? "debugfs" : "proc");
}

static struct json_object *opt_u64(bool have, uint64_t v)
{
	return have ? json_object_new_uint64(v) : NULL;
}

struct json_object *zswap_json(const struct st_zswap *z)
{
	struct json_object *o;

	if (!z->present)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "enabled", json_object_new_boolean(z->enabled));
	json_object_object_add(o, "compressor", z->compressor[0] ?
			       json_object_new_string(z->compressor) : NULL);
	json_object_object_add(o, "pool_kb", opt_u64(z->have_pool, z->pool_kb));
	json_object_object_add(o, "stored_pages",
			       opt_u64(z->have_stored, z->stored_pages));
	json_object_object_add(o, "written_back_pages",
			       opt_u64(z->have_written_back,
				       z->written_back_pages));
	json_object_object_add(o, "zswpout", opt_u64(z->have_zswpout, z->zswpout));
	json_object_object_add(o, "zswpin", opt_u64(z->have_zswpout, z->zswpin));
	json_object_object_add(o, "source", json_object_new_string(
				       z->from_debugfs ? "debugfs" : "proc"));
	return o;
}

// SPDX-License-Identifier: GPL-2.0
/* Assemble the /proc half of a snapshot from the parsers in proc_*.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parsers.h"
#include "procfs.h"

typedef int (*parse_fn)(char *text, void *arg);

static int p_meminfo(char *t, void *a) { return parse_meminfo(t, a); }
static int p_vmstat(char *t, void *a) { return parse_vmstat(t, a); }

static int p_zoneinfo(char *t, void *a)
{
	struct snapshot *s = a;

	return parse_zoneinfo(t, s->zones, ST_MAX_ZONES, &s->nzones);
}

static int p_swaps(char *t, void *a)
{
	struct snapshot *s = a;

	return parse_swaps(t, s->swaps, ST_MAX_SWAPS, &s->nswaps);
}

/* A file every kernel we support has: failing to read it is fatal. */
static int read_required(const char *root, const char *path, parse_fn fn,
			 void *arg, char *err, size_t errlen)
{
	char *text = procfs_slurp(root, path);
	int ret;

	if (!text) {
		char full[4096];

		if (procfs_path(full, sizeof(full), root, path))
			snprintf(full, sizeof(full), "%s", path);
		snprintf(err, errlen, "cannot read %s: %s", full,
			 strerror(errno));
		return -1;
	}
	ret = fn(text, arg);
	free(text);
	if (ret) {
		char full[4096];

		if (procfs_path(full, sizeof(full), root, path))
			snprintf(full, sizeof(full), "%s", path);
		snprintf(err, errlen, "cannot parse %s", full);
	}
	return ret;
}

static void read_pfmemalloc(struct snapshot *s, const char *root)
{
	char *text = procfs_slurp(root, "/proc/net/netstat");

	s->have_pfmemalloc_drop = text &&
		!parse_netstat_pfmemalloc_drop(text, &s->pfmemalloc_drop);
	if (!s->have_pfmemalloc_drop)
		s->pfmemalloc_drop = 0;
	free(text);
}

static void read_min_free(struct snapshot *s, const char *root)
{
	char *text = procfs_slurp(root, "/proc/sys/vm/min_free_kbytes");
	char *end;
	long v;

	s->min_free_kbytes = -1;
	if (!text)
		return;
	errno = 0;
	v = strtol(text, &end, 10);
	if (!errno && end != text && (*end == '\n' || !*end) && v >= 0)
		s->min_free_kbytes = v;
	free(text);
}

/* Find each swapfile's NFS mount, then that mount's READ/WRITE stats. */
static void classify_swaps(struct snapshot *s, const char *root)
{
	char *mountinfo = procfs_slurp(root, "/proc/self/mountinfo");
	char *mountstats = NULL;
	size_t i;

	for (i = 0; i < s->nswaps; i++) {
		struct st_swap *sw = &s->swaps[i];
		int on_nfs = 0;

		if (mountinfo && !strcmp(sw->type, "file")) {
			char *copy = strdup(mountinfo);

			if (copy)
				on_nfs = mountinfo_nfs_mount_of(copy, sw->path,
								sw->mnt,
								sizeof(sw->mnt));
			free(copy);
		}
		sw->kind = swap_kind(sw->path, sw->type, on_nfs);
		if (sw->kind != ST_KIND_NFS)
			continue;
		if (!mountstats)
			mountstats = procfs_slurp(root, "/proc/self/mountstats");
		if (mountstats) {
			char *copy = strdup(mountstats);

			sw->have_rpc = copy && !parse_mountstats(copy, sw->mnt,
								 &sw->rpc_read,
								 &sw->rpc_write);
			free(copy);
		}
	}
	free(mountinfo);
	free(mountstats);
}

int snapshot_read_proc(struct snapshot *s, const char *root,
		       char *err, size_t errlen)
{
	if (read_required(root, "/proc/meminfo", p_meminfo, &s->mem,
			  err, errlen) ||
	    read_required(root, "/proc/vmstat", p_vmstat, &s->vm,
			  err, errlen) ||
	    read_required(root, "/proc/zoneinfo", p_zoneinfo, s,
			  err, errlen) ||
	    read_required(root, "/proc/swaps", p_swaps, s, err, errlen))
		return -1;
	read_pfmemalloc(s, root);
	/* EPERM as a user (dmesg_restrict): shown as n/a */
	s->have_allocfail = !allocfail_read(root, &s->allocfail);
	read_min_free(s, root);
	classify_swaps(s, root);
	zswap_read(&s->zswap, root, (unsigned long)sysconf(_SC_PAGESIZE));
	return 0;
}

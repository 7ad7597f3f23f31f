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

/*
 * A file every kernel we support has: failing to read it is fatal.  Its
 * text is kept in *keep; the parser splits a copy.
 */
static int read_required(const char *root, const char *path, char **keep,
			 parse_fn fn, void *arg, char *err, size_t errlen)
{
	char *text = procfs_slurp(root, path), *copy;
	char full[4096];
	int ret;

	*keep = text;
	if (procfs_path(full, sizeof(full), root, path))
		snprintf(full, sizeof(full), "%s", path);
	if (!text) {
		snprintf(err, errlen, "cannot read %s: %s", full,
			 strerror(errno));
		return -1;
	}
	copy = strdup(text);
	if (!copy) {
		snprintf(err, errlen, "%s: %s", full, strerror(ENOMEM));
		return -1;
	}
	ret = fn(copy, arg);
	free(copy);
	if (ret)
		snprintf(err, errlen, "cannot parse %s", full);
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

static void read_min_free(struct snapshot *s, const char *root, char **keep)
{
	char *text = procfs_slurp(root, "/proc/sys/vm/min_free_kbytes");
	char *end;
	long v;

	*keep = text;
	s->min_free_kbytes = -1;
	if (!text)
		return;
	errno = 0;
	v = strtol(text, &end, 10);
	if (!errno && end != text && (*end == '\n' || !*end) && v >= 0)
		s->min_free_kbytes = v;
}

/* Find each swapfile's NFS mount, then that mount's READ/WRITE stats. */
static void classify_swaps(struct snapshot *s, const char *root,
			   struct proc_texts *t)
{
	char *mountinfo = procfs_slurp(root, "/proc/self/mountinfo");
	char *mountstats = NULL;
	size_t i;

	t->mountinfo = mountinfo;

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
		if (!t->tried_mountstats) {
			t->tried_mountstats = true;
			mountstats = procfs_slurp(root, "/proc/self/mountstats");
			t->mountstats = mountstats;
		}
		if (mountstats) {
			char *copy = strdup(mountstats);

			sw->have_rpc = copy && !parse_mountstats(copy, sw->mnt,
								 &sw->rpc_read,
								 &sw->rpc_write);
			free(copy);
		}
	}
}

void proc_texts_free(struct proc_texts *t)
{
	free(t->meminfo);
	free(t->vmstat);
	free(t->zoneinfo);
	free(t->swaps);
	free(t->min_free_kbytes);
	free(t->mountinfo);
	free(t->mountstats);
	memset(t, 0, sizeof(*t));
}

int snapshot_read_proc_texts(struct snapshot *s, const char *root,
			     struct proc_texts *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	if (read_required(root, "/proc/meminfo", &t->meminfo, p_meminfo,
			  &s->mem, err, errlen) ||
	    read_required(root, "/proc/vmstat", &t->vmstat, p_vmstat, &s->vm,
			  err, errlen) ||
	    read_required(root, "/proc/zoneinfo", &t->zoneinfo, p_zoneinfo, s,
			  err, errlen) ||
	    read_required(root, "/proc/swaps", &t->swaps, p_swaps, s, err,
			  errlen))
		return -1;
	read_pfmemalloc(s, root);
	/* EPERM as a user (dmesg_restrict): shown as n/a */
	s->have_allocfail = !allocfail_read(root, &s->allocfail);
	read_min_free(s, root, &t->min_free_kbytes);
	classify_swaps(s, root, t);
	s->nmirrors = mdm_find_all(root, s->mirrors, ST_MAX_MIRRORS);
	zswap_read_texts(&s->zswap, root, (unsigned long)sysconf(_SC_PAGESIZE),
			 t->meminfo, t->vmstat);
	return 0;
}

int snapshot_read_proc(struct snapshot *s, const char *root,
		       char *err, size_t errlen)
{
	struct proc_texts t;
	int ret = snapshot_read_proc_texts(s, root, &t, err, errlen);

	proc_texts_free(&t);
	return ret;
}

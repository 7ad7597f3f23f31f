// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/swaps and the classification of each swap area: a swapnet device,
 * a swapfile on an NFS mount (the kernel's native swap-over-NFS, found
 * through /proc/self/mountinfo), an NBD device, or anything else.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mounts.h"
#include "parsers.h"
#include "swaps.h"

/* The lines of /proc/swaps: the shared reader (../common/swaps.c). */
int parse_swaps(char *text, struct st_swap *swaps, size_t max, size_t *n)
{
	struct swaps_iter it;
	struct swaps_line l;
	int ret;

	*n = 0;
	swaps_begin(&it, text);
	while ((ret = swaps_next(&it, &l)) > 0) {
		struct st_swap *s;

		if (*n >= max || strlen(l.path) >= sizeof(s->path) ||
		    strlen(l.type) >= sizeof(s->type))
			return -1;
		s = &swaps[(*n)++];
		memset(s, 0, sizeof(*s));
		memcpy(s->path, l.path, strlen(l.path) + 1);
		memcpy(s->type, l.type, strlen(l.type) + 1);
		s->size_kb = l.size_kb;
		s->used_kb = l.used_kb;
		s->prio = l.prio;
		s->kind = ST_KIND_OTHER;
	}
	return ret;
}

/* The mount holding file: the shared libmount reader (../common/mounts.c). */
int mountinfo_nfs_mount_of(char *text, const char *file, char *mnt,
			   size_t mntlen)
{
	static struct mount_of m;	/* large: not on the stack */
	int ret = mounts_of_text(text, file, &m);

	if (ret == -ENOENT)
		return 0;
	if (ret)
		return -1;
	if (!mount_is_nfs(&m))
		return 0;
	if (strlen(m.target) >= mntlen)
		return -1;
	strcpy(mnt, m.target);
	return 1;
}

enum st_kind swap_kind(const char *path, const char *type, int on_nfs)
{
	if (!strncmp(path, "/dev/swapnet", 12))
		return ST_KIND_SWAPNET;
	if (!strncmp(path, "/dev/nbd", 8))
		return ST_KIND_NBD;
	if (!strcmp(type, "file") && on_nfs > 0)
		return ST_KIND_NFS;
	return ST_KIND_OTHER;
}

const char *st_kind_name(enum st_kind kind)
{
	switch (kind) {
	case ST_KIND_SWAPNET:
		return "swapnet";
	case ST_KIND_NFS:
		return "nfs";
	case ST_KIND_NBD:
		return "nbd";
	default:
		return "other";
	}
}

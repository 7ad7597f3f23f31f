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
#include "procfs.h"

static int parse_num(const char *s, long long *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno || *end ? -1 : 0;
}

int parse_swaps(char *text, struct st_swap *swaps, size_t max, size_t *n)
{
	char *save = NULL, *line;
	bool header = true;

	*n = 0;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *lsave = NULL, *tok[6];
		long long size, used, prio;
		struct st_swap *s;
		int i, nt = 0;

		if (header) {	/* "Filename Type Size Used Priority" */
			header = false;
			if (!strncmp(line, "Filename", 8))
				continue;
		}
		for (i = 0; i < 6; i++) {
			tok[i] = strtok_r(i ? NULL : line, " \t", &lsave);
			if (tok[i])
				nt++;
		}
		/* the path is escaped, so spaces in it never split it */
		if (nt != 5 || parse_num(tok[2], &size) ||
		    parse_num(tok[3], &used) || parse_num(tok[4], &prio) ||
		    size < 0 || used < 0)
			return -1;
		if (*n >= max)
			return -1;
		s = &swaps[(*n)++];
		memset(s, 0, sizeof(*s));
		octal_unescape(tok[0]);
		if (strlen(tok[0]) >= sizeof(s->path) ||
		    strlen(tok[1]) >= sizeof(s->type))
			return -1;
		strcpy(s->path, tok[0]);
		strcpy(s->type, tok[1]);
		s->size_kb = (uint64_t)size;
		s->used_kb = (uint64_t)used;
		s->prio = (int)prio;
		s->kind = ST_KIND_OTHER;
	}
	return 0;
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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mounts: the one mountinfo reader of both tools, through libmount
 * (which also undoes the \040-style escapes).  The mount holding a path
 * is the longest mount point that is a prefix of it; among equal ones the
 * later line wins, as a later mount hides an earlier one on the same
 * directory.  No path is canonicalised: the caller passes a real path,
 * and the fixture trees (SWAPNET_ROOT, --root) are read as they are.
 */
#ifndef SWAPNET_MOUNTS_H
#define SWAPNET_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#define MOUNTS_PATH_MAX 4096

struct mount_of {
	char target[MOUNTS_PATH_MAX];	/* mount point */
	char root[MOUNTS_PATH_MAX];	/* root of the mount within its fs */
	char fstype[64];
	char source[MOUNTS_PATH_MAX];	/* "server:/export" for NFS */
	char super[4096];		/* super-block options */
	size_t match;			/* bytes of path it covers: 1 for "/" */
};

/* Is fstype the kernel's NFS client (nfs, nfs4)? */
bool mount_is_nfs(const struct mount_of *m);

/*
 * The mount holding path, from mountinfo text (mounts_of_text) or the
 * mountinfo file at file (mounts_of_file).  0 with *m filled, -ENOENT
 * when no mount point is a prefix of path, -ENOMEM, or -errno opening
 * file.  Lines libmount cannot parse are skipped.
 */
int mounts_of_text(const char *text, const char *path, struct mount_of *m);
int mounts_of_file(const char *file, const char *path, struct mount_of *m);

/* "KEY=value" among comma-separated options: value length, -1 if absent. */
int mount_opt(const char *opts, const char *key, const char **value);

#endif /* SWAPNET_MOUNTS_H */

// SPDX-License-Identifier: GPL-2.0
/* mounts: the mount holding a path, from mountinfo through libmount. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libmount.h>

#include "mounts.h"

bool mount_is_nfs(const struct mount_of *m)
{
	return !strcmp(m->fstype, "nfs") || !strcmp(m->fstype, "nfs4");
}

/* Is mnt a path prefix of path ("/a" of "/a/b", "/" of anything)? */
static size_t prefix_len(const char *mnt, const char *path)
{
	size_t n = strlen(mnt);

	if (!strcmp(mnt, "/"))
		return 1;
	if (!n || strncmp(mnt, path, n) || (path[n] != '/' && path[n] != '\0'))
		return 0;
	return n;
}

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

/* Skip a line libmount cannot parse (return > 0 to go on). */
static int skip_line(struct libmnt_table *tb, const char *file, int line)
{
	(void)tb;
	(void)file;
	(void)line;
	return 1;
}

static int find(FILE *f, const char *name, const char *path,
		struct mount_of *m)
{
	struct libmnt_table *tb = mnt_new_table();
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs, *best = NULL;
	size_t best_len = 0, len;
	int ret = -ENOENT;

	if (!tb || !it) {
		ret = -ENOMEM;
		goto out;
	}
	mnt_table_set_parser_errcb(tb, skip_line);
	if (mnt_table_parse_stream(tb, f, name) < 0)
		goto out;
	while (mnt_table_next_fs(tb, it, &fs) == 0) {
		const char *target = mnt_fs_get_target(fs);

		len = target ? prefix_len(target, path) : 0;
		if (len && len >= best_len) {
			best_len = len;
			best = fs;
		}
	}
	if (!best)
		goto out;
	memset(m, 0, sizeof(*m));
	copy(m->target, sizeof(m->target), mnt_fs_get_target(best));
	copy(m->root, sizeof(m->root), mnt_fs_get_root(best));
	copy(m->fstype, sizeof(m->fstype), mnt_fs_get_fstype(best));
	copy(m->source, sizeof(m->source), mnt_fs_get_source(best));
	copy(m->super, sizeof(m->super), mnt_fs_get_fs_options(best));
	m->match = best_len;
	ret = 0;
out:
	mnt_free_iter(it);
	mnt_unref_table(tb);
	return ret;
}

int mounts_of_text(const char *text, const char *path, struct mount_of *m)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	if (!f)
		return strlen(text) ? -ENOMEM : -ENOENT;
	ret = find(f, "mountinfo", path, m);
	fclose(f);
	return ret;
}

int mounts_of_file(const char *file, const char *path, struct mount_of *m)
{
	FILE *f = fopen(file, "re");
	int ret;

	if (!f)
		return -errno;
	ret = find(f, file, path, m);
	fclose(f);
	return ret;
}

int mount_opt(const char *opts, const char *key, const char **value)
{
	size_t klen = strlen(key);
	const char *p = opts;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			*value = p + klen + 1;
			return (int)(n - klen - 1);
		}
		p = end ? end + 1 : NULL;
	}
	return -1;
}

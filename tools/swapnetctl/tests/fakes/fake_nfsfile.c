// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only nfsfile.h over a local directory (link-time substitution for
 * nfsfile.c in tests/test_cmd_*): the export "/E" of any host is the
 * directory fake_nfs_root + "/E".  Holes, modes and name limits are the
 * local file system's; a host named in fake_nfs_unreachable fails to
 * connect the way a dead server does.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "nfsfile.h"
#include "seterr.h"
#include "fakes.h"

char fake_nfs_root[4096];
char fake_nfs_export[4200];
const char *fake_nfs_unreachable = "10.255.255.1";
int fake_nfs_connects;

struct nfsfile {
	struct nfs_target target;
	char path[12288];
	int fd;
};

int nfsfile_connect(struct nfsfile **out, const struct nfs_target *t,
		    const struct nfsfile_opts *opts, char *err, size_t errlen)
{
	char dir[8192];
	struct stat st;
	struct nfsfile *f;

	(void)opts;
	*out = NULL;
	fake_nfs_connects++;
	if (fake_nfs_unreachable && !strcmp(t->host, fake_nfs_unreachable))
		return set_err(err, errlen, -EHOSTUNREACH,
			       "server %s: not reachable (port 2049): Connection timed out",
			       t->host);
	snprintf(dir, sizeof(dir), "%s%s", fake_nfs_root, t->export);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return set_err(err, errlen, -ENOENT,
			       "cannot mount %s:%s: not exported (exports: none visible)",
			       t->host, t->export);
	f = calloc(1, sizeof(*f));
	if (!f)
		return set_err(err, errlen, -ENOMEM, "out of memory");
	f->target = *t;
	f->fd = -1;
	snprintf(f->path, sizeof(f->path), "%s%s%s", fake_nfs_root,
		 strcmp(t->export, "/") ? t->export : "", t->file);
	*out = f;
	return 0;
}

int nfsfile_open(struct nfsfile *f, int oflags, int mode,
		 char *err, size_t errlen)
{
	const struct nfs_target *t = &f->target;
	const char *exp = strcmp(t->export, "/") ? t->export : "";
	int ret;

	if (f->fd >= 0)
		close(f->fd);
	f->fd = open(f->path, oflags, mode);
	if (f->fd >= 0 && (oflags & O_CREAT) && fake_nfs_create_mode)
		fchmod(f->fd, (mode_t)fake_nfs_create_mode);
	if (f->fd >= 0)
		return 0;
	ret = -errno;
	if (ret == -ENOENT)
		return set_err(err, errlen, ret,
			       "%s:%s%s: no such file on the server",
			       t->host, exp, t->file);
	return set_err(err, errlen, ret, "%s:%s%s: %s", t->host, exp, t->file,
		       strerror(-ret));
}

static int need_open(struct nfsfile *f, char *err, size_t errlen)
{
	if (f->fd < 0)
		return set_err(err, errlen, -EBADF, "internal: file not open");
	return 0;
}

int nfsfile_stat(struct nfsfile *f, struct nfsfile_stat *st,
		 char *err, size_t errlen)
{
	struct stat s;

	if (need_open(f, err, errlen))
		return -EBADF;
	if (fstat(f->fd, &s) < 0)
		return set_err(err, errlen, -errno, "stat: %s", strerror(errno));
	st->size = (uint64_t)s.st_size;
	st->used = (uint64_t)s.st_blocks * 512;
	st->mode = s.st_mode;
	st->uid = s.st_uid;
	st->gid = s.st_gid;
	st->ino = s.st_ino;
	return 0;
}

int nfsfile_pread(struct nfsfile *f, void *buf, size_t len, uint64_t off,
		  char *err, size_t errlen)
{
	if (need_open(f, err, errlen))
		return -EBADF;
	if (pread(f->fd, buf, len, (off_t)off) != (ssize_t)len)
		return set_err(err, errlen, -EIO, "read: short");
	return 0;
}

static bool all_zeros(const void *buf, size_t len)
{
	const unsigned char *p = buf;

	return !len || (!p[0] && !memcmp(p, p + 1, len - 1));
}

int nfsfile_pwrite(struct nfsfile *f, const void *buf, size_t len,
		   uint64_t off, char *err, size_t errlen)
{
	if (need_open(f, err, errlen))
		return -EBADF;
	if (fake_nfs_write_fail)
		return set_err(err, errlen, fake_nfs_write_fail,
			       "write: %s", strerror(-fake_nfs_write_fail));
	if (fake_nfs_zfs && all_zeros(buf, len)) {
		struct stat s;

		/*
		 * ZFS with compression: a block of zeros is stored as a hole
		 * (none allocated, the one there freed), the size grows.
		 */
		if (fstat(f->fd, &s) == 0 && (uint64_t)s.st_size < off + len &&
		    ftruncate(f->fd, (off_t)(off + len)) < 0)
			return set_err(err, errlen, -errno, "write: %s",
				       strerror(errno));
		if (fallocate(f->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			      (off_t)off, (off_t)len) < 0)
			return set_err(err, errlen, -errno, "write: %s",
				       strerror(errno));
		return 0;
	}
	if (pwrite(f->fd, buf, len, (off_t)off) != (ssize_t)len)
		return set_err(err, errlen, -EIO, "write: short");
	return 0;
}

int fake_nfs_write_fail;
int fake_nfs_zfs;
int fake_nfs_create_mode;

int nfsfile_fsync(struct nfsfile *f, char *err, size_t errlen)
{
	if (need_open(f, err, errlen))
		return -EBADF;
	return fsync(f->fd) < 0 ? set_err(err, errlen, -errno, "fsync: %s",
					  strerror(errno)) : 0;
}

int nfsfile_truncate(struct nfsfile *f, uint64_t size,
		     char *err, size_t errlen)
{
	if (need_open(f, err, errlen))
		return -EBADF;
	return ftruncate(f->fd, (off_t)size) < 0 ?
	       set_err(err, errlen, -errno, "truncate: %s", strerror(errno)) : 0;
}

int nfsfile_unlink(struct nfsfile *f, char *err, size_t errlen)
{
	if (f->fd >= 0) {
		close(f->fd);
		f->fd = -1;
	}
	return unlink(f->path) < 0 ?
	       set_err(err, errlen, -errno, "unlink: %s", strerror(errno)) : 0;
}

uint64_t fake_nfs_avail = 1ull << 40;

int nfsfile_fsstat(struct nfsfile *f, struct nfsfile_fsstat *fs,
		   char *err, size_t errlen)
{
	(void)f;
	(void)err;
	(void)errlen;
	fs->total = fake_nfs_avail * 2;
	fs->avail = fake_nfs_avail;
	return 0;
}

/* No directory handles here: attach sends none (STALE judged by time). */
int nfsfile_dir_fh(struct nfsfile *f, uint8_t *fh, size_t *len,
		   char *name, size_t namelen)
{
	(void)f;
	(void)fh;
	(void)len;
	(void)name;
	(void)namelen;
	return -EOPNOTSUPP;
}

int nfsfile_fh(struct nfsfile *f, const uint8_t **fh, size_t *len)
{
	static uint8_t h[8];
	struct stat s;

	if (f->fd < 0 || fstat(f->fd, &s) < 0)
		return -EBADF;
	memcpy(h, &s.st_ino, sizeof(h));
	*fh = h;
	*len = sizeof(h);
	return 0;
}

static void put_line(const char *root, const char *rel, const char *line)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
}

static const char *const fixture_dirs[] = {
	"etc", "proc", "proc/sys", "proc/sys/kernel", "proc/sys/kernel/random",
};

void fixture_identity(const char *root, const char *host, bool first_boot)
{
	char path[8192];
	size_t i;

	for (i = 0; i < sizeof(fixture_dirs) / sizeof(fixture_dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, fixture_dirs[i]);
		mkdir(path, 0755);
	}
	put_line(root, "etc/hostname", host);
	put_line(root, "etc/machine-id", FAKE_MACHINE_ID);
	put_line(root, "proc/sys/kernel/random/boot_id",
		 first_boot ? FAKE_BOOT_ID : FAKE_BOOT_ID2);
}

void fixture_identity_remove(const char *root)
{
	char path[8192];
	size_t i;

	snprintf(path, sizeof(path), "%s/etc/hostname", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/etc/machine-id", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/proc/sys/kernel/random/boot_id", root);
	unlink(path);
	for (i = sizeof(fixture_dirs) / sizeof(fixture_dirs[0]); i-- > 0;) {
		snprintf(path, sizeof(path), "%s/%s", root, fixture_dirs[i]);
		rmdir(path);
	}
}

uint64_t fake_nfs_iomax = 1048576;

uint64_t nfsfile_readmax(struct nfsfile *f)
{
	(void)f;
	return fake_nfs_iomax;
}

uint64_t nfsfile_writemax(struct nfsfile *f)
{
	(void)f;
	return fake_nfs_iomax;
}

const struct nfs_target *nfsfile_target(const struct nfsfile *f)
{
	return &f->target;
}

void nfsfile_close(struct nfsfile *f)
{
	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	free(f);
}

void fake_nfs_tree(char *tmpdir)
{
	if (!mkdtemp(tmpdir)) {
		perror(tmpdir);
		exit(1);
	}
	setenv("SWAPNET_ROOT", tmpdir, 1);
	snprintf(fake_nfs_root, sizeof(fake_nfs_root), "%s/srv", tmpdir);
	snprintf(fake_nfs_export, sizeof(fake_nfs_export), "%s/export",
		 fake_nfs_root);
	if (mkdir(fake_nfs_root, 0755) || mkdir(fake_nfs_export, 0755)) {
		perror(fake_nfs_export);
		exit(1);
	}
}

void fake_nfs_tree_remove(const char *tmpdir)
{
	char cmd[4200];

	/* only the test's own mkdtemp directory */
	if (strncmp(tmpdir, "/tmp/swapnet-", 13) || strchr(tmpdir, '\''))
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		fprintf(stderr, "fake_nfs_tree_remove: %s left\n", tmpdir);
}

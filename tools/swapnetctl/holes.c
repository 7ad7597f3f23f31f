// SPDX-License-Identifier: GPL-2.0
/* holes: allocation of a swapfile judged by what its server keeps (holes.h) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "holes.h"
#include "seterr.h"

void holes_probe_name(char *buf, size_t len, const char *what)
{
	char host[65] = "";
	uint32_t r = 0;

	/*
	 * Nodes booted from one image start with the same PIDs, at the same
	 * time, often in one directory: the host name and a random number
	 * keep their probes apart (O_EXCL would refuse the second).
	 */
	gethostname(host, sizeof(host) - 1);
	host[strcspn(host, "/")] = '\0';
	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r))
		r ^= (uint32_t)time(NULL) ^ (uint32_t)clock();
	snprintf(buf, len, ".swapnetctl-%s.%s.%d.%08x", what, host,
		 (int)getpid(), r);
}

enum holes_verdict holes_judge(uint64_t size, uint64_t used,
			       const struct holes_probe *p)
{
	if (used >= size)
		return HOLES_NONE;
	if (!p || p->ret || !p->written)
		return HOLES_UNKNOWN;
	return p->used >= p->written ? HOLES_SPARSE : HOLES_COMPRESSING;
}

int holes_sibling(const struct nfs_target *t, const char *name,
		  struct nfs_target *out)
{
	const char *slash = strrchr(t->file, '/');
	int dirlen = slash ? (int)(slash - t->file) : 0;

	*out = *t;
	if (snprintf(out->file, sizeof(out->file), "%.*s/%s", dirlen, t->file,
		     name) >= (int)sizeof(out->file))
		return -ENAMETOOLONG;
	return 0;
}

void holes_probe_server(const struct nfs_target *t,
			const struct nfsfile_opts *o, struct holes_probe *p)
{
	struct nfs_target probe;
	struct nfsfile *f = NULL;
	struct nfsfile_stat st;
	char name[160];
	void *zeros;
	int ret;

	memset(p, 0, sizeof(*p));
	holes_probe_name(name, sizeof(name), "probe");
	zeros = calloc(1, HOLES_PROBE_LEN);
	if (!zeros) {
		p->ret = set_err(p->err, sizeof(p->err), -ENOMEM,
				 "out of memory");
		return;
	}
	ret = holes_sibling(t, name, &probe);
	if (ret)
		set_err(p->err, sizeof(p->err), ret, "path too long");
	else
		ret = nfsfile_connect(&f, &probe, o, p->err, sizeof(p->err));
	if (!ret)
		ret = nfsfile_open(f, O_RDWR | O_CREAT | O_EXCL, 0600, p->err,
				   sizeof(p->err));
	if (!ret) {
		ret = nfsfile_pwrite(f, zeros, HOLES_PROBE_LEN, 0, p->err,
				     sizeof(p->err));
		if (!ret)
			ret = nfsfile_fsync(f, p->err, sizeof(p->err));
		if (!ret)
			ret = nfsfile_stat(f, &st, p->err, sizeof(p->err));
		nfsfile_unlink(f, NULL, 0);
	}
	nfsfile_close(f);
	free(zeros);
	p->ret = ret;
	if (!ret) {
		p->written = HOLES_PROBE_LEN;
		p->used = st.used;
	}
}

void holes_probe_local(const char *path, struct holes_probe *p)
{
	const char *slash = strrchr(path, '/');
	void *zeros = calloc(1, HOLES_PROBE_LEN);
	char name[4400], base[160];
	struct stat st;
	int fd = -1, ret = 0;
	ssize_t n;

	memset(p, 0, sizeof(*p));
	holes_probe_name(base, sizeof(base), "probe");
	if (snprintf(name, sizeof(name), "%.*s/%s",
		     slash ? (int)(slash - path) : 1, slash ? path : ".",
		     base) >= (int)sizeof(name))
		ret = -ENAMETOOLONG;
	else if (!zeros)
		ret = -ENOMEM;
	else if ((fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600)) < 0)
		ret = -errno;
	else if ((n = write(fd, zeros, HOLES_PROBE_LEN)) != HOLES_PROBE_LEN)
		ret = n < 0 ? -errno : -ENOSPC;
	else if (fsync(fd) || fstat(fd, &st))
		ret = -errno;
	if (fd >= 0) {
		close(fd);
		unlink(name);
	}
	free(zeros);
	p->ret = ret;
	if (ret) {
		snprintf(p->err, sizeof(p->err), "%s", strerror(-ret));
		return;
	}
	p->written = HOLES_PROBE_LEN;
	p->used = (uint64_t)st.st_blocks * 512;
}

enum holes_verdict holes_check(const struct nfs_target *t,
			       const struct nfsfile_opts *o,
			       const struct nfsfile_stat *st,
			       char *msg, size_t len)
{
	unsigned long long used = st->used, size = st->size;
	struct holes_probe p;
	enum holes_verdict v;

	if (st->used >= st->size) {
		snprintf(msg, len, "fully allocated (%llu bytes used)", used);
		return HOLES_NONE;
	}
	holes_probe_server(t, o, &p);
	v = holes_judge(st->size, st->used, &p);
	if (v == HOLES_SPARSE)
		snprintf(msg, len,
			 "%llu of %llu bytes allocated: the file has holes (the server keeps written zeros allocated)",
			 used, size);
	else if (v == HOLES_COMPRESSING)
		snprintf(msg, len,
			 "%llu of %llu bytes allocated: the server keeps written zeros in less space (%llu bytes for %llu: ZFS with compression?), so holes cannot be seen; it allocates as swap writes: keep free space on it",
			 used, size, (unsigned long long)p.used,
			 (unsigned long long)p.written);
	else
		snprintf(msg, len,
			 "%llu of %llu bytes allocated, and the server could not be asked whether it compresses (a probe file next to it: %s): holes or compression?",
			 used, size, p.err);
	return v;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfsfile: a file on an NFS server through libnfs (NFSv3, userspace), for
 * the commands that prepare, inspect and attach swapfiles.  No kernel NFS
 * mount is involved.
 *
 * Usage:
 *	struct nfs_target t;		// from nfs_target_resolve()
 *	struct nfsfile *f;
 *	nfsfile_connect(&f, &t, NULL, err, sizeof(err));   // MOUNT the export
 *	nfsfile_open(f, O_RDWR, 0, err, sizeof(err));       // or O_CREAT|O_EXCL
 *	nfsfile_stat(f, &st, ...); nfsfile_pwrite(f, ...); nfsfile_fh(f, ...);
 *	nfsfile_close(f);
 *
 * Every function returning int gives 0 or a negative errno and, when err is
 * not NULL, one line of text for the user (libnfs's message included).
 */
#ifndef SWAPNETCTL_NFSFILE_H
#define SWAPNETCTL_NFSFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "nfstarget.h"

struct nfsfile;

struct nfsfile_opts {
	int set_cred;		/* use uid/gid below for AUTH_UNIX */
	uint32_t uid, gid;	/* otherwise libnfs uses the caller's ids */
	int timeout_ms;		/* per RPC; 0: 10000.  Whole seconds. */
};

struct nfsfile_stat {
	uint64_t size;		/* bytes */
	uint64_t used;		/* bytes allocated on the server */
	uint32_t mode;		/* st_mode: type and permission bits */
	uint32_t uid, gid;
	uint64_t ino;		/* NFS fileid */
};

struct nfsfile_fsstat {
	uint64_t total;		/* bytes */
	uint64_t avail;		/* bytes available to the caller */
};

/* MOUNT t->export on t->host (port t->port when given). */
int nfsfile_connect(struct nfsfile **out, const struct nfs_target *t,
		    const struct nfsfile_opts *opts, char *err, size_t errlen);

/*
 * Open t->file.  oflags: O_RDONLY / O_RDWR, optionally O_CREAT|O_EXCL
 * (mode used then) and O_TRUNC.
 */
int nfsfile_open(struct nfsfile *f, int oflags, int mode,
		 char *err, size_t errlen);

int nfsfile_stat(struct nfsfile *f, struct nfsfile_stat *st,
		 char *err, size_t errlen);

/* Whole-buffer I/O: loops on short transfers; -EIO on a 0-byte transfer. */
int nfsfile_pread(struct nfsfile *f, void *buf, size_t len, uint64_t off,
		  char *err, size_t errlen);
int nfsfile_pwrite(struct nfsfile *f, const void *buf, size_t len,
		   uint64_t off, char *err, size_t errlen);
int nfsfile_fsync(struct nfsfile *f, char *err, size_t errlen);
int nfsfile_truncate(struct nfsfile *f, uint64_t size,
		     char *err, size_t errlen);
/* Remove t->file (e.g. after a failed create). */
int nfsfile_unlink(struct nfsfile *f, char *err, size_t errlen);

/* Free space of the export (statvfs of its root). */
int nfsfile_fsstat(struct nfsfile *f, struct nfsfile_fsstat *fs,
		   char *err, size_t errlen);

/* The NFSv3 file handle of the open file; valid until nfsfile_close. */
int nfsfile_fh(struct nfsfile *f, const uint8_t **fh, size_t *len);
/*
 * The handle of the file's directory (into fh, *len bytes at most) and
 * the file's name in it: 0 or -errno.
 */
int nfsfile_dir_fh(struct nfsfile *f, uint8_t *fh, size_t *len,
		   char *name, size_t namelen);

/* The server's limits from FSINFO (0 if unknown). */
uint64_t nfsfile_readmax(struct nfsfile *f);
uint64_t nfsfile_writemax(struct nfsfile *f);

const struct nfs_target *nfsfile_target(const struct nfsfile *f);

/* Closes the file if open, unmounts, frees.  NULL is fine. */
void nfsfile_close(struct nfsfile *f);

#endif /* SWAPNETCTL_NFSFILE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * holes: does a swapfile have holes?  A hole is a block the server must
 * allocate when swap writes it, and may then refuse (NOSPC): a lost page.
 *
 * NFSv3 shows only how many bytes a file takes on the server ("used"); it
 * has no SEEK_HOLE/SEEK_DATA (NFSv4.2's SEEK), and a hole reads as zeros,
 * so reading cannot tell.  used < size means holes only where the server's
 * file system keeps written zeros allocated (ext4, xfs, tmpfs; btrfs
 * too, compressed or not: it counts bytes before compression).  ZFS with
 * compression (lz4, its default) stores a record of zeros as a hole, so
 * a fully written file takes almost nothing, and there a hole and written
 * zeros are the same on disk: it allocates on every write anyway (copy on
 * write).  So when a file is not fully allocated we ask the server: write
 * HOLES_PROBE_LEN zero bytes to a new file next to it and read back what
 * it allocated for them.
 */
#ifndef SWAPNETCTL_HOLES_H
#define SWAPNETCTL_HOLES_H

#include <stddef.h>
#include <stdint.h>

#include "nfsfile.h"
#include "nfstarget.h"

/* 1 MiB: a whole record of ZFS (128 KiB default, 1 MiB at most). */
#define HOLES_PROBE_LEN (1u << 20)

enum holes_verdict {
	HOLES_NONE,		/* fully allocated */
	HOLES_SPARSE,		/* the server keeps written zeros: holes */
	HOLES_COMPRESSING,	/* it keeps them in less space: no telling */
	HOLES_UNKNOWN,		/* not fully allocated, server not probed */
};

struct holes_probe {
	int ret;		/* 0: made; -errno: could not be */
	uint64_t written;	/* zero bytes written */
	uint64_t used;		/* bytes the server allocated for them */
	char err[512];		/* why not, when ret */
};

/* The verdict on a file of size bytes taking used (p: NULL, not probed). */
enum holes_verdict holes_judge(uint64_t size, uint64_t used,
			       const struct holes_probe *p);

/*
 * A file named name (no '/') in t->file's directory, into out: 0, or
 * -ENAMETOOLONG.
 */
int holes_sibling(const struct nfs_target *t, const char *name,
		  struct nfs_target *out);

/*
 * A probe file's name (no '/'): ".swapnetctl-WHAT.HOST.PID.RANDOM",
 * apart from every other node's and run's in a shared directory.
 */
void holes_probe_name(char *buf, size_t len, const char *what);

/*
 * Probe the server's file system in t->file's directory with o's
 * identity (a file holes_probe_name(.., "probe"), removed again).
 * Fills p.
 */
void holes_probe_server(const struct nfs_target *t,
			const struct nfsfile_opts *o, struct holes_probe *p);

/* The same through the local file system, next to the file at path. */
void holes_probe_local(const char *path, struct holes_probe *p);

/*
 * Judge st (t's file), probing the server only when st is not fully
 * allocated.  msg gets one line for the user: for HOLES_SPARSE and
 * HOLES_UNKNOWN why the file is refused, for HOLES_COMPRESSING what was
 * found (no holes can be seen; space is taken as swap writes), for
 * HOLES_NONE the bytes allocated.
 */
enum holes_verdict holes_check(const struct nfs_target *t,
			       const struct nfsfile_opts *o,
			       const struct nfsfile_stat *st,
			       char *msg, size_t len);

#endif /* SWAPNETCTL_HOLES_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfstarget: where a swapfile lives, as the user names it.
 *
 * Two spellings are accepted:
 *   nfs://server[:port]/export/path     server: IPv4, [IPv6] or a host name
 *   /some/path                          a file on a mounted NFS file system,
 *                                       resolved through /proc/self/mountinfo
 *
 * Pure string work (no network, no libnfs) so it can be unit tested.
 */
#ifndef SWAPNETCTL_NFSTARGET_H
#define SWAPNETCTL_NFSTARGET_H

#include <stddef.h>
#include <stdint.h>

#define NFSTARGET_HOST_MAX 255
#define NFSTARGET_PATH_MAX 1023

struct nfs_target {
	char host[NFSTARGET_HOST_MAX + 1];	/* no brackets around IPv6 */
	uint16_t port;				/* 0: not given (2049) */
	/*
	 * Export to MOUNT and the file below it ("/swapfile").  A URL does
	 * not say where the export ends: export is the URL's directory and
	 * file its last component, which Linux's mountd accepts even when
	 * the export proper is a parent directory.
	 */
	char export[NFSTARGET_PATH_MAX + 1];
	char file[NFSTARGET_PATH_MAX + 1];
	/*
	 * For a PATH: the inode number the local NFS client shows, which is
	 * the server's fileid, so the file found over NFSv3 can be checked
	 * to be the same one.  0 for a URL.
	 */
	uint64_t local_ino;
};

/* 1 when arg looks like a URL ("nfs://..."), 0 for a path. */
int nfs_target_is_url(const char *arg);

/* Parse nfs://server[:port]/export/path.  0 or -EINVAL with a message. */
int nfs_target_parse_url(const char *url, struct nfs_target *t,
			 char *err, size_t errlen);

/*
 * Resolve an absolute, canonical path (realpath() it first) against a
 * mountinfo text (the contents of /proc/self/mountinfo).  The file must be
 * on an nfs or nfs4 mount.  0, -ENOENT (not on NFS) or -EINVAL (bad
 * mountinfo), with a message.
 */
int nfs_target_from_mountinfo(const char *path, const char *mountinfo,
			      struct nfs_target *t, char *err, size_t errlen);

/*
 * URL or path: parses a URL, or realpath()s a path and reads
 * /proc/self/mountinfo.  0 or -errno with a message.
 */
int nfs_target_resolve(const char *arg, struct nfs_target *t,
		       char *err, size_t errlen);

/*
 * "export/file" joined ("/export/swapfile"), as the kernel's
 * SWAPNET_A_FILE_PATH and list show it.  0 or -ENAMETOOLONG.
 */
int nfs_target_path(const struct nfs_target *t, char *buf, size_t len);

/* "nfs://host[:port]/export/file" back, for messages; returns buf. */
char *nfs_target_url(const struct nfs_target *t, char *buf, size_t len);

#endif /* SWAPNETCTL_NFSTARGET_H */

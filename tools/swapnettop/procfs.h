/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Readers of the /proc files swapnettop shows.  Reading (procfs_slurp,
 * which honours the root directory) is kept apart from parsing, and every
 * parser takes the file's text, so the tests can hand them fixtures.
 * Parsers modify the text they are given (they split it in place).
 */
#ifndef SWAPNETTOP_PROCFS_H
#define SWAPNETTOP_PROCFS_H

#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

/* root + path into buf; -1 (ENAMETOOLONG) when it does not fit. */
int procfs_path(char *buf, size_t len, const char *root, const char *path);

/* Whole file under root, NUL-terminated, malloc'd; NULL with errno set. */
char *procfs_slurp(const char *root, const char *path);

/* octal_unescape(): the kernel's "\040" escapes, from ../common */
#include "octal.h"

/* proc_mem.c: 0, or -1 when a required field is missing. */
int parse_meminfo(char *text, struct st_meminfo *m);
int parse_vmstat(char *text, struct st_vmstat *v);
/* Zones in file order; -1 on a malformed file or more than max zones. */
int parse_zoneinfo(char *text, struct st_zone *zones, size_t max,
		   size_t *n);

/* proc_net.c: TcpExt PFMemallocDrop; 0 found, -1 not in the file. */
int parse_netstat_pfmemalloc_drop(char *text, uint64_t *value);

/* proc_swaps.c */
int parse_swaps(char *text, struct st_swap *swaps, size_t max, size_t *n);
/*
 * The mount point of the NFS (nfs or nfs4) mount holding file according
 * to /proc/self/mountinfo text: 1 and mnt filled when the file lies on an
 * NFS mount, 0 when not, -1 when mnt is too small (lines that are not
 * mountinfo are skipped).
 */
int mountinfo_nfs_mount_of(char *text, const char *file, char *mnt,
			   size_t mntlen);
/* Kind of a swap area from its path and (for files) its NFS mount. */
enum st_kind swap_kind(const char *path, const char *type, int on_nfs);

/* proc_nfs.c: READ and WRITE of the NFS mount at mnt; 0 found, -1 not. */
int parse_mountstats(char *text, const char *mnt, struct st_rpcop *rd,
		     struct st_rpcop *wr);

#endif /* SWAPNETTOP_PROCFS_H */

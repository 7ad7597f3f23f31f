/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parsers of the /proc files swapnettop shows, one declaration per
 * file that defines it (proc_mem.c, proc_net.c, proc_swaps.c,
 * proc_nfs.c).  Each takes the file's text, read with procfs.h or handed
 * over by a test, and modifies it (splits it in place).
 */
#ifndef SWAPNETTOP_PARSERS_H
#define SWAPNETTOP_PARSERS_H

#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

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

#endif /* SWAPNETTOP_PARSERS_H */

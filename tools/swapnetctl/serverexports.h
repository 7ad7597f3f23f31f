/* SPDX-License-Identifier: GPL-2.0 */
/*
 * serverexports: `swapnetctl check --server PATH`, run on the NFS server
 * (issue 21, item 4).  A client cannot see export options, yet an
 * "async" export loses acknowledged swap-outs in a server crash with no
 * error anywhere: so the server side is checked where it can be seen.
 *
 * The export table is read as the server uses it:
 *   /var/lib/nfs/etab        every export, written by exportfs(8) from
 *                            /etc/exports (what `exportfs -ra` put in
 *                            effect; rpc.mountd answers the kernel from
 *                            it), one "PATH<TAB>CLIENT(OPTIONS)" line per
 *                            client, every option spelled out (sync or
 *                            async, subtree_check or no_subtree_check);
 *   /proc/fs/nfsd/exports    the kernel's own export cache (nfsd must be
 *                            running), the same shape with the flags of
 *                            fs/nfsd/export.c (no_subtree_check only when
 *                            set), but only exports a client used lately.
 * etab is read when it lists anything; else the kernel's table.
 */
#ifndef SWAPNETCTL_SERVEREXPORTS_H
#define SWAPNETCTL_SERVEREXPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"

#define EXPORT_PATH_MAX 1023
#define EXPORT_CLIENT_MAX 255

struct export_line {
	char path[EXPORT_PATH_MAX + 1];		/* unescaped (\040) */
	char client[EXPORT_CLIENT_MAX + 1];	/* "10.0.0.0/24", "*", ... */
	bool sync, no_subtree_check, rw, root_squash;
};

/*
 * Parse an etab or /proc/fs/nfsd/exports text ('#' lines skipped) into
 * at most max lines.  Returns how many, or -EINVAL for a line that is
 * neither.
 */
int exports_parse(const char *text, struct export_line *out, size_t max);

/*
 * The export holding path (absolute, canonical): the longest export
 * path that is path or one of its parent directories.  NULL when none.
 */
const char *exports_holding(const struct export_line *l, size_t n,
			    const char *path);

/* true for a client that is any host: "*", "<world>", 0.0.0.0/0, ::/0 */
bool export_client_is_world(const char *client);

/*
 * Check the export holding path and the swapfiles there into l (the
 * table and the files read under root, "/" on a real server; tables
 * there: root/var/lib/nfs/etab, root/proc/fs/nfsd/exports).
 */
void server_check(const char *root, const char *path, struct checklist *l);

#endif /* SWAPNETCTL_SERVEREXPORTS_H */

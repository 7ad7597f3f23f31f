// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/self/mountstats: for the NFS mount holding a native swapfile, the
 * RPC per-op counters of READ and WRITE (the ops swap I/O becomes), as
 * net/sunrpc/stats.c prints them: ops ntrans timeouts bytes_sent
 * bytes_recv queue_ms rtt_ms execute_ms [errors].
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"

static int parse_op(char *rest, struct st_rpcop *op)
{
	uint64_t *f[] = { &op->ops, &op->ntrans, &op->timeouts,
			  &op->bytes_sent, &op->bytes_recv, &op->queue_ms,
			  &op->rtt_ms, &op->exe_ms, &op->errors };
	char *save = NULL, *tok, *end;
	size_t i;

	memset(op, 0, sizeof(*op));
	for (i = 0, tok = strtok_r(rest, " \t", &save);
	     tok && i < sizeof(f) / sizeof(f[0]);
	     i++, tok = strtok_r(NULL, " \t", &save)) {
		errno = 0;
		*f[i] = strtoull(tok, &end, 10);
		if (errno || *end)
			return -1;
	}
	/* errors only exist from statvers 1.1 on */
	return i >= 8 ? 0 : -1;
}

int parse_mountstats(char *text, const char *mnt, struct st_rpcop *rd,
		     struct st_rpcop *wr)
{
	char *save = NULL, *line;
	bool in_mount = false, in_ops = false;
	int found = 0;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *p;

		if (!strncmp(line, "device ", 7)) {
			/* device SRC mounted on MNT with fstype T statvers=V */
			char *lsave = NULL, *tok, *mp = NULL, *fstype = NULL;
			int i;

			if (in_mount)	/* past our mount's block */
				break;
			for (i = 0, tok = strtok_r(line, " ", &lsave); tok;
			     i++, tok = strtok_r(NULL, " ", &lsave)) {
				if (i == 4)
					mp = tok;
				if (i == 7)
					fstype = tok;
			}
			if (!mp || !fstype)
				continue;
			octal_unescape(mp);
			in_mount = !strcmp(mp, mnt) &&
				   (!strcmp(fstype, "nfs") ||
				    !strcmp(fstype, "nfs4"));
			in_ops = false;
			continue;
		}
		if (!in_mount)
			continue;
		p = line + strspn(line, " \t");
		if (!strcmp(p, "per-op statistics")) {
			in_ops = true;
			continue;
		}
		if (!in_ops)
			continue;
		if (!strncmp(p, "READ:", 5)) {
			if (parse_op(p + 5, rd))
				return -1;
			found |= 1;
		} else if (!strncmp(p, "WRITE:", 6)) {
			if (parse_op(p + 6, wr))
				return -1;
			found |= 2;
		}
	}
	return found == 3 ? 0 : -1;
}

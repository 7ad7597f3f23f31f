// SPDX-License-Identifier: GPL-2.0
/* mountstats: one NFS mount's block of /proc/self/mountstats. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mountstats.h"
#include "octal.h"
#include "parsenum.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* "ops ntrans ... execute [errors]": 8 or 9 whole numbers. */
static int parse_op(char *rest, struct mountstats_op *op)
{
	uint64_t *f[] = { &op->ops, &op->ntrans, &op->timeouts,
			  &op->bytes_sent, &op->bytes_recv, &op->queue_ms,
			  &op->rtt_ms, &op->exe_ms, &op->errors };
	char *save = NULL, *tok;
	size_t i;

	memset(op, 0, sizeof(*op));
	for (i = 0, tok = strtok_r(rest, " \t", &save);
	     tok && i < ARRAY_SIZE(f);
	     i++, tok = strtok_r(NULL, " \t", &save))
		if (parse_u64(tok, f[i]))
			return -1;
	/* errors only exist from statvers 1.1 on */
	return i >= 8 ? 0 : -1;
}

/* "tcp srcport bind connect ctime idle sends recvs badxids req bklog max" */
static void parse_tcp(const char *rest, struct mountstats_nfs *out)
{
	unsigned long v[11];

	if (sscanf(rest, "%lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu",
		   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		   &v[8], &v[9], &v[10]) != 11)
		return;
	out->have_tcp = true;
	out->tcp_max_slots = v[10];
}

/* device SRC mounted on MNT with fstype T statvers=V: is it mnt's? */
static bool is_mount(char *line, const char *mnt)
{
	char *lsave = NULL, *tok, *mp = NULL, *fstype = NULL;
	int i;

	for (i = 0, tok = strtok_r(line, " ", &lsave); tok;
	     i++, tok = strtok_r(NULL, " ", &lsave)) {
		if (i == 4)
			mp = tok;
		if (i == 7)
			fstype = tok;
	}
	if (!mp || !fstype)
		return false;
	octal_unescape(mp);
	return !strcmp(mp, mnt) &&
	       (!strcmp(fstype, "nfs") || !strcmp(fstype, "nfs4"));
}

int mountstats_of(const char *text, const char *mnt,
		  struct mountstats_nfs *out)
{
	char *copy = strdup(text), *save = NULL, *line;
	bool in_mount = false, in_ops = false;
	int ret = -ENOENT;

	if (!copy)
		return -ENOMEM;
	memset(out, 0, sizeof(*out));
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *p;

		if (!strncmp(line, "device ", 7)) {
			if (in_mount)	/* past our mount's block */
				break;
			in_mount = is_mount(line, mnt);
			if (in_mount)
				ret = 0;
			continue;
		}
		if (!in_mount)
			continue;
		p = line + strspn(line, " \t");
		if (!strcmp(p, "per-op statistics")) {
			in_ops = true;
		} else if (!strncmp(p, "xprt:", 5)) {
			p += 5 + strspn(p + 5, " \t");
			if (!strncmp(p, "tcp ", 4))
				parse_tcp(p + 4, out);
		} else if (in_ops && !strncmp(p, "READ:", 5)) {
			if (parse_op(p + 5, &out->read))
				out->bad_op = true;
			else
				out->have_read = true;
		} else if (in_ops && !strncmp(p, "WRITE:", 6)) {
			if (parse_op(p + 6, &out->write))
				out->bad_op = true;
			else
				out->have_write = true;
		}
	}
	free(copy);
	return ret;
}

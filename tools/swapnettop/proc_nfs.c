// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/self/mountstats: for the NFS mount holding a native swapfile, the
 * RPC per-op counters of READ and WRITE (the ops swap I/O becomes), as
 * net/sunrpc/stats.c prints them: ops ntrans timeouts bytes_sent
 * bytes_recv queue_ms rtt_ms execute_ms [errors].
 */
#include <errno.h>
#include <string.h>

#include "mountstats.h"
#include "parsers.h"

static void copy_op(struct st_rpcop *to, const struct mountstats_op *from)
{
	*to = (struct st_rpcop){
		.ops = from->ops, .ntrans = from->ntrans,
		.timeouts = from->timeouts, .bytes_sent = from->bytes_sent,
		.bytes_recv = from->bytes_recv, .queue_ms = from->queue_ms,
		.rtt_ms = from->rtt_ms, .exe_ms = from->exe_ms,
		.errors = from->errors,
	};
}

/* The mount's block: the shared reader (../common/mountstats.c). */
int parse_mountstats(char *text, const char *mnt, struct st_rpcop *rd,
		     struct st_rpcop *wr)
{
	struct mountstats_nfs st;

	if (mountstats_of(text, mnt, &st) || st.bad_op || !st.have_read ||
	    !st.have_write)
		return -1;
	copy_op(rd, &st.read);
	copy_op(wr, &st.write);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mountstats: the one /proc/self/mountstats reader of both tools.  For
 * the NFS (nfs or nfs4) mount at a mount point: the RPC per-op counters of
 * READ and WRITE as net/sunrpc/stats.c prints them (ops ntrans timeouts
 * bytes_sent bytes_recv queue_ms rtt_ms execute_ms [errors]) and the
 * largest slot use of its TCP transport (the 11th number of "xprt: tcp",
 * xs_tcp_print_stats).
 */
#ifndef SWAPNET_MOUNTSTATS_H
#define SWAPNET_MOUNTSTATS_H

#include <stdbool.h>
#include <stdint.h>

struct mountstats_op {
	uint64_t ops, ntrans, timeouts, bytes_sent, bytes_recv;
	uint64_t queue_ms, rtt_ms, exe_ms, errors;
};

struct mountstats_nfs {
	bool have_read, have_write;	/* well-formed READ:/WRITE: lines */
	bool bad_op;			/* a malformed READ: or WRITE: line */
	struct mountstats_op read, write;
	bool have_tcp;
	uint64_t tcp_max_slots;
};

/*
 * The first "device ... mounted on MNT with fstype nfs|nfs4" block whose
 * (unescaped) mount point is mnt; text is not modified.  0 with *out
 * filled (see its flags for what was found), -ENOENT when there is no
 * such block, -ENOMEM.
 */
int mountstats_of(const char *text, const char *mnt,
		  struct mountstats_nfs *out);

#endif /* SWAPNET_MOUNTSTATS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One sample of everything swapnettop shows, taken at one moment: what
 * /proc and /sys say plus the swapnet devices' counters from generic
 * netlink.  Rates come from two of these (view.c); renderers never read
 * the system themselves, so tests can feed them fixture trees.
 */
#ifndef SWAPNETTOP_SNAPSHOT_H
#define SWAPNETTOP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../common/allocfail.h"
#include "../common/mdmirror.h"
#include "../common/swapnet_nl.h"
#include "proc_zswap.h"

#define ST_MAX_ZONES	64
#define ST_MAX_SWAPS	32
#define ST_MAX_NETDEVS	32
#define ST_PATH_MAX	512
#define ST_MSG_MAX	256
#define ST_MAX_MIRRORS	8

struct st_meminfo {
	uint64_t mem_total_kb, mem_free_kb, mem_avail_kb;
	uint64_t swap_total_kb, swap_free_kb;
};

/* The /proc/vmstat counters we show; allocstall sums allocstall_*. */
struct st_vmstat {
	uint64_t pswpin, pswpout;
	uint64_t pgscan_direct_throttle;
	uint64_t allocstall;
	uint64_t oom_kill;
};

/* One zone of /proc/zoneinfo, in pages. */
struct st_zone {
	int node;
	char name[16];
	uint64_t free, min, low, high, managed;
	uint64_t boost;			/* included in min/low/high */
};

enum st_kind { ST_KIND_SWAPNET, ST_KIND_NFS, ST_KIND_NBD, ST_KIND_OTHER };

/* One RPC op line of /proc/self/mountstats ("per-op statistics"). */
struct st_rpcop {
	uint64_t ops, ntrans, timeouts, bytes_sent, bytes_recv;
	uint64_t queue_ms, rtt_ms, exe_ms, errors;
};

/* One swap area of /proc/swaps, classified. */
struct st_swap {
	char path[ST_PATH_MAX];		/* unescaped */
	char type[16];			/* "partition" / "file" */
	uint64_t size_kb, used_kb;
	int prio;
	enum st_kind kind;
	/* ST_KIND_NFS: the mount holding the file and its RPC stats */
	char mnt[ST_PATH_MAX];
	bool have_rpc;
	struct st_rpcop rpc_read, rpc_write;
};

enum st_net_status {
	ST_NET_OK,		/* devices listed from DEV_GET */
	ST_NET_DISABLED,	/* -R: the tree is not the running kernel */
	ST_NET_UNAVAILABLE,	/* module not loaded or family absent */
};

struct snapshot {
	double mono;			/* CLOCK_MONOTONIC, seconds */
	time_t wall;
	struct st_meminfo mem;
	struct st_vmstat vm;
	uint64_t pfmemalloc_drop;	/* TcpExt PFMemallocDrop */
	bool have_pfmemalloc_drop;
	long min_free_kbytes;		/* -1: unknown */
	/* warn_alloc()'s reports in the kernel log (../common/allocfail.h) */
	bool have_allocfail;
	struct allocfail allocfail;
	size_t nzones;
	struct st_zone zones[ST_MAX_ZONES];
	size_t nswaps;
	struct st_swap swaps[ST_MAX_SWAPS];
	enum st_net_status net_status;
	char net_msg[ST_MSG_MAX];
	size_t nnet;
	struct swapnet_dev_info net[ST_MAX_NETDEVS];
	struct st_zswap zswap;
	/* md raid1 over swapnet devices (mirror=), from sysfs */
	size_t nmirrors;
	struct mdm_state mirrors[ST_MAX_MIRRORS];
};

/*
 * Read the /proc parts of a snapshot under root ("" or "/" for the live
 * system).  Returns 0, or -1 with a one-line message in err when a file
 * every Linux system has (meminfo, vmstat, zoneinfo, swaps) cannot be read
 * or parsed.  Optional files (netstat, mountinfo, mountstats,
 * min_free_kbytes) leave their fields unknown.  Netlink is not touched.
 */
int snapshot_read_proc(struct snapshot *s, const char *root,
		       char *err, size_t errlen);

/*
 * The /proc texts of one snapshot as read (NULL: unreadable), kept for
 * the reserve model (sampler.c) so that no file is read twice a tick.
 * mountstats is read only with an NFS swapfile (tried_mountstats).
 */
struct proc_texts {
	char *meminfo, *vmstat, *zoneinfo, *swaps, *min_free_kbytes;
	char *mountinfo, *mountstats;
	bool tried_mountstats;
};

/* snapshot_read_proc, keeping the texts in *t (proc_texts_free them). */
int snapshot_read_proc_texts(struct snapshot *s, const char *root,
			     struct proc_texts *t, char *err, size_t errlen);
void proc_texts_free(struct proc_texts *t);

const char *st_kind_name(enum st_kind kind);

#endif /* SWAPNETTOP_SNAPSHOT_H */

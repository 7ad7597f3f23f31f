/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the screen, batch and JSON outputs show: rates over the interval
 * between two snapshots, the reserve per node and one row per device.
 * Built once per interval by view_build; the renderers only format it.
 */
#ifndef SWAPNETTOP_VIEW_H
#define SWAPNETTOP_VIEW_H

#include "events.h"
#include "snapshot.h"

#define VIEW_MAX_NODES	16
#define VIEW_MAX_DEVS	(ST_MAX_SWAPS + ST_MAX_NETDEVS)

/*
 * How deep a node is, after mm/vmscan.c allow_direct_reclaim(): the
 * reserve is the sum of the min watermarks of the zones up to NORMAL;
 * free at or below half of it throttles direct reclaimers
 * (pgscan_direct_throttle); below min only allocations allowed into the
 * reserve succeed; below low kswapd is reclaiming.
 */
enum reserve_state { RES_OK, RES_LOW, RES_RESERVE, RES_THROTTLED };

struct reserve {
	int node;
	uint64_t free, min, low, high;	/* pages, zones <= NORMAL */
	enum reserve_state state;
};

/* nfsiostat's columns for one op over the interval. */
struct rpc_rate {
	double ops_s, kb_s, kb_op;
	uint64_t retrans;
	double retrans_pct;
	double rtt_ms, exe_ms;		/* averages per op */
};

struct view_dev {
	char name[ST_PATH_MAX];		/* /proc/swaps path or /dev/swapnetN */
	enum st_kind kind;
	bool swapped_on;		/* listed in /proc/swaps */
	uint64_t size_kb, used_kb;
	int prio;
	/* swapnet devices with netlink stats */
	bool have_net;
	double ops_s, kb_s;
	bool rtt_valid;			/* false: no request completed */
	double rtt_avg_ms, rtt_max_ms;
	uint64_t retrans;		/* in the interval */
	uint32_t inflight;
	uint8_t state;			/* enum swapnet_state */
	char reason[SWAPNET_REASON_MAX + 1];	/* "" when OK */
	/* since the device was attached */
	uint64_t commits, write_resends, reclaim_reqs;
	uint64_t verify_errors, verify_rereads;
	/* WRITEs parked now and the most at once (have_parked: sent) */
	bool have_parked;
	uint32_t parked_writes, parked_writes_max;
	bool for_swap;			/* attached for swap (SWAPNET_F_SWAP) */
	int swap_active;		/* sysfs: 1, 0, -1 unknown */
	char server[SWAPNET_SERVER_NAME_MAX + 1];
	/* the owner record (swapnet(4) Ownership): "" when none */
	char owner[SWAPNET_OWNER_HOST_MAX + 1];
	bool owner_age_valid;		/* a heartbeat was acknowledged ... */
	uint64_t owner_age_ms;		/* ... this long ago */
	/* native NFS swapfiles */
	char mnt[ST_PATH_MAX];
	bool have_rpc;
	struct rpc_rate rpc_read, rpc_write;
};

struct view {
	time_t wall;
	double dt;			/* seconds between the snapshots */
	struct st_meminfo mem;
	size_t nnodes;
	struct reserve nodes[VIEW_MAX_NODES];
	size_t worst;			/* index of the deepest node */
	long min_free_kbytes;		/* -1: unknown */
	long recommended_kb;		/* -1: n/a */
	double pswpin_ps, pswpout_ps;
	double swapin_mib_s, swapout_mib_s;
	double throttle_ps, allocstall_ps;
	bool have_pfmemalloc_drop;
	double pfmemalloc_drop_ps;
	bool have_allocfail;
	struct allocfail allocfail;	/* since boot, as the log holds them */
	uint64_t oom_kills;		/* in the interval */
	uint64_t oom_kill_total;
	size_t nzones;
	struct st_zone zones[ST_MAX_ZONES];
	size_t ndevs;
	struct view_dev devs[VIEW_MAX_DEVS];
	enum st_net_status net_status;
	char net_msg[ST_MSG_MAX];
	struct st_zswap zswap;
	size_t nmirrors;		/* mirror=: md raid1 over swapnet */
	struct mdm_state mirrors[ST_MAX_MIRRORS];
};

void view_build(struct view *v, const struct snapshot *prev,
		const struct snapshot *cur, long recommended_kb,
		unsigned long page_size);

/* Zones the reserve counts: DMA, DMA32, Normal (not HighMem/Movable/Device). */
bool zone_in_reserve(const char *name);

const char *reserve_state_name(enum reserve_state st);

/* free pages over the bar's scale (twice the summed high watermark), 0..1 */
double reserve_fill(const struct reserve *r);

#endif /* SWAPNETTOP_VIEW_H */

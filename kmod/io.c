// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: block requests to NFSv3 READ/WRITE (and COMMIT) calls.
 *
 * A request becomes one asynchronous rpc_task whose memory is the
 * request's PDU: task, message, arguments, results and page array.  No
 * allocation of ours happens between queue_rq and completion.  What
 * SUNRPC itself still allocates per call: the call/reply buffer
 * (rpc_malloc: GFP_NOWAIT from rpciod, falling back to SUNRPC's own
 * preallocated mempool), the TCP skbs of the request (the socket is
 * SOCK_MEMALLOC, and SUNRPC sets PF_MEMALLOC while a task transmits on
 * a swap-activated transport), and the receive skbs (the driver's).
 * Slots come from the transport's preallocation (below), the rpc_cred
 * is bound once at DEV_ADD (swapnet_io_bind_cred: AUTH_UNIX would
 * otherwise kmalloc one per call).
 *
 * The in-flight limit is ours, not the tag set's.  The tag set has
 * SWAPNET_NR_TAGS (512) tags; at most queue_depth WRITEs and read_depth
 * READs have an RPC running (writes_sent, reads_sent), and queue_depth
 * + read_depth never exceeds the transport's preallocated slots
 * (xprt->min_reqs, SUNRPC's tcp_slot_table_entries when the transport
 * was made): beyond them SUNRPC kzallocs an rpc_rqst per call
 * (xprt_dynamic_alloc_slot, net/sunrpc/xprt.c 6.1 and 6.12,
 * rpc_task_gfp_mask(): GFP_KERNEL | __GFP_NORETRY from rpciod, and from
 * the emergency reserve itself for a SWAPPER task), and swap activation
 * adds no slots (xs_enable_swap only marks the socket SOCK_MEMALLOC).
 * A request beyond its kind's limit is parked on dev->parked_writes or
 * parked_reads, in order, already started (blk_mq_start_request) and
 * holding its tag; queue_rq returns at once.  When an RPC of a kind
 * ends (swapnet_release, on dev->wq), its place goes to the oldest
 * parked request of that kind (swapnet_next), so a READ (a swap-in
 * fault) never waits behind parked WRITEs (swap-outs): reads have their
 * own places.  io_lock (irq-safe: a stacking driver may submit from
 * softirq) protects the lists and counts; nothing sleeps or allocates.
 *
 * Why: with the tags as the limit (queue_depth tags, 4), every reclaimer
 * that started a swap-out behind 4 requests in flight slept in
 * blk_mq_get_tag until one completed.  Under memory pressure and a UDP
 * flood that was a circular wait (issue 20, lab on 6.1 and 6.12): the
 * flood's atomic RX refills took free memory below 3/8 of min,
 * virtio_net's refill_work refilled its ring with GFP_KERNEL, went into
 * direct reclaim, started a swap-out and slept for a tag, while the 4
 * requests waited for replies only that ring could receive.  Now a
 * reclaimer, refill_work included, gets a tag, parks its request and
 * goes on: it no longer waits on swapnet's tags for a reply.  What
 * remains (lab, 6.12, 2026-12-07):
 * - a submitter still sleeps for a tag once SWAPNET_NR_TAGS requests
 *   are outstanding, i.e. after reclaim parked 504 requests (2 MiB of
 *   single pages to 63 MiB of 128 KiB requests under writeback) behind
 *   RPCs without a reply; under 4 x 1.5 x MemTotal with the flood,
 *   reclaim parked up to 508 WRITEs: the bound is reached, not remote;
 * - with free memory at zero (the kernel's default min_free_kbytes
 *   under the flood) the same wait comes one step later: refill_work and
 *   kswapd slept in bio_alloc_bioset -> mempool_alloc (fs_bio_set, for
 *   the swap-out bio) until a bio came back, i.e. until a reply.  Only
 *   the reserve (swapnetctl(8)) keeps free memory off zero there;
 * - a parked write, like one in flight, is only as fast as the network.
 * The cost: the PDU and the
 * struct request are preallocated per tag, about 1 KiB at 128 KiB
 * requests (2.7 KiB at 1 MiB): 0.5 MiB per device (1.4 MiB).
 *
 * Who sees a parked request: the timeout handler leaves it alone (it
 * sent nothing: the RPCs ahead of it say whether the server answers);
 * a FAILED device or a forced removal (swapnet_io_kill, before
 * rpc_killall_tasks) fails it when its turn comes instead of sending
 * it, and fails new requests in queue_rq; a queue freeze, del_gendisk
 * and module exit wait for it like for any request (it is sent as the
 * RPCs ahead end).  A request is parked only while its kind's places are
 * all taken, so an RPC is always running ahead of it.
 *
 * Life of a request:
 *   queue_rq: fill the page array, rpc_run_task(), drop our reference
 *     with rpc_put_task_async() (queue_rq must not sleep).
 *   rpc_call_done (rpciod): look at the result; short transfers,
 *     COMMIT and refusals restart the same task; otherwise record the
 *     block status.
 *   rpc_release (the device's WQ_MEM_RECLAIM workqueue, once SUNRPC has
 *     finished with the task): end the block request, exactly once.
 *     Completing any earlier would let blk-mq reuse the PDU while SUNRPC
 *     still touches the task after rpc_call_done.
 *
 * Hard semantics (but failfast, below): tasks are hard (no
 * RPC_TASK_SOFT/TIMEOUT), so SUNRPC retransmits a call that gets no
 * reply with its original XID for as long as it takes
 * (RPC_CALL_MAJORSEEN), and the server's duplicate
 * request cache recognises it: a WRITE that was already executed is not
 * executed again after a newer WRITE of the same block.  NOT RESPONDING
 * comes from the age of the oldest call in flight: the block layer's
 * timeout handler (swapnet_timeout) sees a call older than
 * timeo x (retrans + 1) without a reply.  The next reply of any kind
 * (except a refusal) makes the device OK again.
 *
 * Failfast (md raid1 mirrors, issue 22): the one exception to hard
 * semantics.  md marks a leg's bios REQ_FAILFAST_DEV|TRANSPORT
 * (MD_FAILFAST) when the leg was added --failfast and is not the last
 * working one (drivers/md/raid1.c, md.c md_super_write; 6.1 and 6.12);
 * an error on such a bio makes md fail the leg at once and serve the
 * I/O from the other.  A request all of whose bios carry it is
 * failfast; any other request (swap on the device itself, md's last
 * leg, a bio without it merged in) keeps hard semantics.  Like nbd's
 * blk_mq_ops.timeout, the block layer's timer finds it: a failfast
 * request, sent or parked, that has had no reply and the server none at
 * all for failfast_timeo seconds (module parameter, default 5; sysfs
 * per device; 0 never) puts up a fence on the device (swapnet_fence);
 * a leg of a mirror group (SWAPNET_A_MIRROR_GROUP: swapnetctl's
 * mirror=) only while another leg of the group answers, so that both
 * servers silent at once fence neither (above swapnet_fence: why).
 * So does any request, failfast or not, of an ARMED device: one whose
 * last word from md (swapnet_ff_note) was a data bio marked failfast,
 * at most SWAPNET_FF_ARMED_FOR (30 s) before the server fell silent,
 * with no unmarked WRITE since (md writes its last leg unmarked).  md does not mark every bio
 * of a working leg: read_balance marks a read only once it has seen a
 * second leg, so a sequential read of leg 0 is never marked (6.1 marks
 * almost no read at all), and a stream of such reads, with no failfast
 * request among them, held the mirror for 30.7 s after server1's cable
 * was pulled (lab, 6.1, swapnet-mirror), until the bitmap daemon wrote
 * a page.  A device that never got a failfast bio is never ARMED:
 * plain swap on /dev/swapnetN is exactly as hard as before.
 * md's last working leg must fail nothing: raid1_error sets MD_BROKEN
 * when told to fail the last in-sync leg (6.1 drivers/md/raid1.c:1657,
 * 6.12 raid1.c:1765), and md_submit_bio then fails every WRITE to the
 * array (6.1 md.c:435, 6.12 md.c:423) until it is stopped: swap-out
 * fails for good.  Yet md marks its superblock and bitmap writes
 * failfast on the last leg too (md_super_write: only LastDev stops it,
 * set by super_written after such a write failed and md_error ran), and
 * a fence fails them.  So a device whose last word from md was an
 * unmarked WRITE (PLAIN: md is degraded and writes this leg as its
 * last) puts up no fence and fails nothing fast: hard, like plain swap.
 * The cost: after md rebuilt the other leg, this one stays PLAIN (md
 * wrote it unmarked while degraded) until md's next data WRITE to it;
 * if its server dies in that quiet time, md's next superblock write
 * waits for it, hard, and the mirror with it, until the server answers
 * or an admin fails the leg (mdadm --fail).  The fence:
 * - FENCING: nothing more is sent (queue_rq and swapnet_next park
 *   everything); every I/O RPC of the device is cancelled
 *   (rpc_cancel_tasks with SWAPNET_FENCE_ERR, again every HZ/10 until
 *   they are gone: rpc_restart_call clears a cancellation that comes
 *   while rpc_call_done restarts the task; swapnet_restart does not
 *   restart while FENCING) and the transport is closed
 *   (xprt_force_disconnect).  A cancelled task ends; swapnet_release
 *   holds its request instead of ending it: failfast ones to fail,
 *   the others to send again.
 * - When the last task has ended (inflight 0, swapnet_fence_check), and
 *   only then, the failfast requests fail (md fails the leg): no WRITE
 *   of this device is in SUNRPC any more, so none sent before the error
 *   can be sent, or retransmitted, after it.  READs that were in flight
 *   or waiting fail too, failfast or not: md marks a working leg's read
 *   failfast only when read_balance saw a second disk first, so a
 *   sequential read of leg 0 is not, and hard it held the faulting
 *   process for the whole outage (lab, 6.1: 62 s); md re-reads it from
 *   the other leg.  The cost, for legs outside a mirror group: if both
 *   servers die at once, a read that was in flight on md's last leg
 *   fails up (the process gets SIGBUS) where hard semantics would have
 *   waited; in a group the second leg does not fence.  WRITEs that were not
 *   failfast go again from the start, hard, on a new connection (a new
 *   XID: the block layer still holds them, nothing newer was written
 *   to their blocks), and complete when the server answers.  FENCED: a
 *   failfast request now fails at once, without a new wait of
 *   failfast_timeo; a request without the mark is hard.
 * - The device is NOT RESPONDING with the reason "fenced: ..." (a log
 *   line, an event), sysfs fences counts it.  A NULL call every second
 *   (ping_task, preallocated) looks for the server, since md sends
 *   nothing to a failed leg.  The fence comes down, RESPONDING with it
 *   (swapnetctl monitor re-adds the leg, md resyncs what its bitmap
 *   marks), once the server has answered for SWAPNET_FENCE_HOLD and
 *   SWAPNET_FENCE_SETTLE has passed since the fence.
 * What a client cannot take back: bytes already in the closed socket's
 * send queue (xs_tcp_shutdown shuts an established connection down,
 * it does not reset it), in the network or in the server's receive
 * queue.  The socket gives them up after its TCP user timeout (10 s;
 * 18 s on 6.1, rpc.c), within SWAPNET_FENCE_SETTLE; a server that was
 * frozen, not dead, executes what it had already received as soon as it
 * runs again, i.e. before it answers the ping that lifts the fence, and
 * SWAPNET_FENCE_HOLD is the margin before the re-add.  Owner heartbeats
 * (owner.c) are not fenced: they write outside the swap area.
 *
 * Refusals (RPC auth errors, PROG_UNAVAIL/MISMATCH, PROC_UNAVAIL,
 * garbage, JUKEBOX, ACCES/PERM/NOSPC/DQUOT/ROFS, a READ or WRITE reply of
 * 0 bytes without eof) are outages: the task restarts after a capped
 * backoff (a new XID: the server did not execute it), the device is
 * NOT RESPONDING with the reason.  STALE/BADHANDLE are an outage too
 * until a request has been answered nothing else for the major timeout;
 * then the device is FAILED: the file is gone and so are the pages on
 * it.  Any other answer (NFS3_OK, JUKEBOX, a refusal) starts the count
 * again, and so does a reply that took the major timeout itself: a
 * server that was silent that long (rebooting, taking over an export)
 * may say STALE for a while again before its export is back.  See
 * swapnet(4) for the table.
 *
 * Durability: a WRITE reply that says less than FILE_SYNC (always, with
 * SWAPNET_F_UNSTABLE) is followed by a COMMIT of the request's range on
 * the same task; the request completes only when the COMMIT's verifier
 * is the WRITE's.  A changed verifier (the server rebooted and lost
 * unstable data) re-sends the whole WRITE.
 *
 * The memory reserve, decided by what the device is for, not by the
 * request: every WRITE of a device attached for swap (SWAPNET_F_SWAP:
 * swapnetctl swapon, start and encrypt, attach --swap) is
 * RPC_TASK_SWAPPER, and only its transport is swap-activated (rpc.c); a
 * device attached otherwise (dd, fio, a filesystem) does neither.
 * REQ_SWAP cannot decide it: a stacking driver may drop it (md raid1 on
 * 6.1 rebuilds each leg's bi_opf from the op and REQ_SYNC|REQ_FUA,
 * drivers/md/raid1.c raid1_write_request; swap on md raid1 over two
 * devices deadlocked with rpciod in call_allocate -> rpc_malloc ->
 * direct reclaim -> swap_writepage -> blk_mq_get_tag), and dm-crypt
 * writes its own bios.  Reads are not SWAPPER: a swap-in has already got
 * its page, its call buffer falls back to SUNRPC's mempool, and reclaim
 * makes progress through the writes, which keep the reserve.
 */
#include <linux/blk-mq.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/sunrpc/auth.h>
#include <linux/sunrpc/clnt.h>
#include <linux/sunrpc/sched.h>

#include "internal.h"

#define SWAPNET_JUKEBOX_MIN	HZ	/* JUKEBOX: wait at least this */
#define SWAPNET_STALE_DELAY	HZ	/* STALE: wait at least this */
#define SWAPNET_SERVER_ERR_TRIES 5	/* NFS3ERR_IO/SERVERFAULT: retries */
#define SWAPNET_STALE_CHECK	(5 * HZ)	/* STALE: LOOKUP at most this often */
#define SWAPNET_STALE_BASE_TRIES 30	/* LOOKUPs at attach, 10 s apart */
#define SWAPNET_STALE_REASON	"file handle stale: export filesystem not mounted?"
#define SWAPNET_VERF_RESENDS	3	/* verifier changes re-sent at once */

static unsigned int swapnet_stale_timeout_s;
module_param_named(stale_timeout, swapnet_stale_timeout_s, uint, 0644);
MODULE_PARM_DESC(stale_timeout,
		 "Seconds a request may get only STALE while the file's name is not shown to be another file before the device is FAILED; 0 (default): no limit");

static int swapnet_set_failfast_timeo(const char *val,
				      const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, SWAPNET_FAILFAST_TIMEO_MAX);
}

static const struct kernel_param_ops swapnet_failfast_timeo_ops = {
	.set = swapnet_set_failfast_timeo,
	.get = param_get_uint,
};

static unsigned int swapnet_failfast_timeo_s = 5;
module_param_cb(failfast_timeo, &swapnet_failfast_timeo_ops,
		&swapnet_failfast_timeo_s, 0644);
MODULE_PARM_DESC(failfast_timeo,
		 "Seconds without a reply after which a failfast request (md raid1's failfast legs) fails, after a fence, for devices added later (sysfs failfast_timeo per device), 0..3600; 0: never (default 5)");

/* FENCED: the old connection's retransmissions are over (see the top) */
#define SWAPNET_FENCE_SETTLE	(20 * HZ)
/* FENCED: the server has answered this long before the fence lifts */
#define SWAPNET_FENCE_HOLD	(2 * HZ)
/* the error of an RPC cancelled by a fence (rpc_cancel_tasks) */
#define SWAPNET_FENCE_ERR	(-ECANCELED)
/* ARMED: md's last marked data bio at most this long before a silence */
#define SWAPNET_FF_ARMED_FOR	(30 * HZ)

/*
 * FENCED: a marked request fails at once, unless md's last word to this
 * leg was a WRITE it did not mark (PLAIN: md is degraded and this is
 * its last working leg; an error md gets from its last leg breaks the
 * whole array, see the top of the file).  failfast.h has the table.
 */
static bool swapnet_ff_fails_now(struct swapnet_dev *dev)
{
	return swapnet_ff_fails_fenced(READ_ONCE(dev->ff_said));
}

/* No reply for this long: NOT RESPONDING (SUNRPC's major timeout). */
static unsigned long swapnet_major_timeout(struct swapnet_dev *dev)
{
	/* timeo_ds <= 6000, retrans <= 10: no overflow */
	return (unsigned long)dev->cfg.timeo_ds * HZ / 10 *
	       (dev->cfg.retrans + 1);
}

/* Retry n of a kind: 1/4 s, doubling, up to max_backoff_s. */
static unsigned long swapnet_delay(unsigned int n)
{
	unsigned long cap = (unsigned long)READ_ONCE(swapnet_max_backoff_s) *
			    HZ;
	unsigned long delay = (HZ / 4) << min(n, 8U);

	return clamp(delay, 1UL, max(cap, 1UL));
}

static unsigned long swapnet_backoff(struct swapnet_req *cmd)
{
	return swapnet_delay(cmd->backoff++);
}

/* Restart the same task later: no allocation, nothing visible above. */
static void swapnet_restart(struct rpc_task *task, struct swapnet_req *cmd,
			    unsigned long delay)
{
	/*
	 * A fence began: the task ends here (rpc_restart_call would clear
	 * the cancellation if it came just now); swapnet_release holds it.
	 */
	if (READ_ONCE(cmd->dev->fence) == SWAPNET_FENCING) {
		cmd->fenced = true;
		return;
	}
	WRITE_ONCE(cmd->attempt, jiffies + delay);
	if (delay)
		rpc_delay(task, delay);
	rpc_restart_call_prepare(task);
}

static void swapnet_retry(struct rpc_task *task, struct swapnet_req *cmd,
			  unsigned long delay)
{
	atomic64_inc(&cmd->dev->stats.retries);
	swapnet_restart(task, cmd, delay);
}

/*
 * The request fails to the block layer: its pages are lost.  Named
 * (log, sysfs "lost", EVT_LOST) by swapnet_release(), once.
 */
static void swapnet_fail(struct swapnet_req *cmd, s32 err, const char *why)
{
	atomic_set(&cmd->dev->stats.last_error, err);
	cmd->status = BLK_STS_IOERR;
	cmd->lost_err = err;
	cmd->lost_why = why;
}

/*
 * The server is reachable but refuses or cannot serve the call: an
 * outage, retried for as long as it lasts.
 */
static void swapnet_outage(struct rpc_task *task, struct swapnet_req *cmd,
			   s32 err, unsigned long min_delay,
			   const char *reason)
{
	struct swapnet_dev *dev = cmd->dev;

	atomic_set(&dev->stats.last_error, err);
	swapnet_state_trouble(dev, SWAPNET_STATE_NOT_RESPONDING,
			      "%s (%s %d)", reason,
			      err > 0 ? "nfsstat3" : "error", err);
	swapnet_retry(task, cmd, max(swapnet_backoff(cmd), min_delay));
}

static const char *swapnet_rpc_reason(int status)
{
	switch (status) {
	case -EACCES:
		return "RPC auth error: server refuses us (exports withdrawn?)";
	case -EKEYREJECTED:
		return "RPC auth error: credential rejected";
	case -EPFNOSUPPORT:
		return "RPC PROG_UNAVAIL: no NFS service";
	case -EPROTONOSUPPORT:
		return "RPC mismatch or PROG_MISMATCH: no NFSv3";
	case -EOPNOTSUPP:
		return "RPC PROC_UNAVAIL";
	case -EIO:
		return "garbage reply";
	default:
		return "RPC error";
	}
}

static const char *swapnet_nfs_reason(u32 status)
{
	switch (status) {
	case SWAPNET_NFS3ERR_JUKEBOX:
		return "server busy: NFS3ERR_JUKEBOX";
	case SWAPNET_NFS3ERR_ACCES:
		return "server denies access to the file: NFS3ERR_ACCES";
	case SWAPNET_NFS3ERR_PERM:
		return "server denies access to the file: NFS3ERR_PERM";
	case SWAPNET_NFS3ERR_NOSPC:
		return "server out of space: NFS3ERR_NOSPC";
	case SWAPNET_NFS3ERR_DQUOT:
		return "server quota exceeded: NFS3ERR_DQUOT";
	case SWAPNET_NFS3ERR_ROFS:
		return "export is read-only: NFS3ERR_ROFS";
	default:
		return "server error";
	}
}

/* Advance the page window after a short transfer. */
static void swapnet_advance(struct swapnet_req *cmd, u32 count)
{
	unsigned int off = cmd->args.pgbase + count;

	cmd->done += count;
	cmd->args.offset += count;
	cmd->args.count -= count;
	cmd->args.pages += off >> PAGE_SHIFT;
	cmd->args.pgbase = off & ~PAGE_MASK;
}

/*
 * Set up the WRITE or READ of the whole request: the message of a new
 * task (queue_rq) or of a running one (&task->tk_msg: start again).
 */
static void swapnet_rewind(struct rpc_message *msg, struct swapnet_req *cmd,
			   unsigned int proc)
{
	struct request *rq = blk_mq_rq_from_pdu(cmd);

	cmd->done = 0;
	cmd->unstable = false;
	cmd->args.offset = (u64)blk_rq_pos(rq) << SECTOR_SHIFT;
	cmd->args.count = cmd->total;
	cmd->args.pages = cmd->pages;
	cmd->args.pgbase = cmd->pgbase;
	msg->rpc_proc = &swapnet_nfs3_procs[proc];
}

/*
 * The write verifier changed: the server rebooted and lost what it had
 * not made stable, so the whole WRITE goes again at once.  A verifier
 * that changes on every reply is no reboot but a broken server: after
 * SWAPNET_VERF_RESENDS changes in one request, an outage (NOT
 * RESPONDING with the reason, backoff), never a loop without end, and
 * never a completion the server has not made stable.
 */
static void swapnet_resend(struct rpc_task *task, struct swapnet_req *cmd)
{
	atomic64_inc(&cmd->dev->stats.write_resends);
	swapnet_rewind(&task->tk_msg, cmd, SWAPNET_PROC_WRITE);
	if (++cmd->verf_changes <= SWAPNET_VERF_RESENDS) {
		swapnet_restart(task, cmd, 0);
		return;
	}
	swapnet_outage(task, cmd, -EAGAIN,
		       swapnet_delay(cmd->verf_changes - SWAPNET_VERF_RESENDS),
		       "write verifier changes on every reply");
}

/* A request's RPC from the start: at queue_rq, or sent again. */
static void swapnet_prepare(struct swapnet_req *cmd)
{
	cmd->backoff = 0;
	cmd->io_tries = 0;
	cmd->verf_changes = 0;
	cmd->lost_err = -EIO;
	cmd->lost_why = NULL;
	cmd->stale = false;
	cmd->status = BLK_STS_IOERR;
	swapnet_verify_start(cmd, cmd->write);
	memset(&cmd->res, 0, sizeof(cmd->res));
	swapnet_rewind(&cmd->msg, cmd, cmd->write ? SWAPNET_PROC_WRITE :
		       SWAPNET_PROC_READ);
}

static void swapnet_alive(struct swapnet_dev *dev);

/* A COMMIT reply: the data is stable if the verifier did not change. */
static void swapnet_commit_done(struct rpc_task *task, struct swapnet_req *cmd)
{
	struct swapnet_dev *dev = cmd->dev;

	if (memcmp(cmd->res.verf, cmd->verf, SWAPNET_VERF_SIZE)) {
		/* the server rebooted: what it had not made stable is lost */
		pr_warn_ratelimited("%s: write verifier of %s changed: re-sending %u bytes at offset %llu\n",
				    dev->name, dev->cfg.server_name,
				    cmd->total, cmd->args.offset);
		swapnet_resend(task, cmd);
		return;
	}
	if (cmd->verf_changes > SWAPNET_VERF_RESENDS)
		swapnet_alive(dev);	/* the loop is over */
	cmd->status = BLK_STS_OK;
}

/*
 * What a reply asks for: the whole reply table, in one pure function of
 * the reply (swapnet_judge), so that a reader sees it at once.
 */
enum swapnet_disp {
	SWAPNET_D_PROGRESS,	/* NFS3_OK with bytes, or COMMIT: go on */
	SWAPNET_D_OUTAGE,	/* refused or busy: NOT RESPONDING, retry */
	SWAPNET_D_STALE,	/* STALE/BADHANDLE: an outage, or the file is gone */
	SWAPNET_D_SERVER_ERR,	/* IO/SERVERFAULT: retry, own budget, then fail */
	SWAPNET_D_FAIL,		/* no retry can change the answer */
};

struct swapnet_verdict {
	enum swapnet_disp disp;
	s32 err;		/* nfsstat3 (> 0) or -errno */
	bool alive;		/* the server answered: NOT RESPONDING ends */
	unsigned long min_delay;	/* OUTAGE: wait at least this */
	const char *reason;
};

#define SWAPNET_VERDICT(d, e, a, m, r) \
	((struct swapnet_verdict){ .disp = (d), .err = (e), .alive = (a), \
				   .min_delay = (m), .reason = (r) })

/*
 * rpc_status: task->tk_status; res: the decoded reply; proc: the
 * SWAPNET_PROC_* called; asked: the bytes it asked for.
 */
static struct swapnet_verdict swapnet_judge(int rpc_status,
					    const struct swapnet_rw_res *res,
					    unsigned int proc, u32 asked)
{
	bool write = proc == SWAPNET_PROC_WRITE;

	/* hard tasks: no timeouts here, only refusals and garbage */
	if (rpc_status < 0)
		return SWAPNET_VERDICT(SWAPNET_D_OUTAGE, rpc_status, false, 0,
				       swapnet_rpc_reason(rpc_status));
	switch (res->status) {
	case SWAPNET_NFS3_OK:
		break;
	case SWAPNET_NFS3ERR_JUKEBOX:
		return SWAPNET_VERDICT(SWAPNET_D_OUTAGE, res->status, false,
				       SWAPNET_JUKEBOX_MIN,
				       swapnet_nfs_reason(res->status));
	case SWAPNET_NFS3ERR_ACCES:
	case SWAPNET_NFS3ERR_PERM:
	case SWAPNET_NFS3ERR_NOSPC:
	case SWAPNET_NFS3ERR_DQUOT:
	case SWAPNET_NFS3ERR_ROFS:
		/* an administrator can fix these: wait for it */
		return SWAPNET_VERDICT(SWAPNET_D_OUTAGE, res->status, false, 0,
				       swapnet_nfs_reason(res->status));
	case SWAPNET_NFS3ERR_STALE:
		return SWAPNET_VERDICT(SWAPNET_D_STALE, res->status, false,
				       SWAPNET_STALE_DELAY,
				       "server says stale file handle");
	case SWAPNET_NFS3ERR_BADHANDLE:
		return SWAPNET_VERDICT(SWAPNET_D_STALE, res->status, false,
				       SWAPNET_STALE_DELAY,
				       "server says bad file handle");
	case SWAPNET_NFS3ERR_IO:
		/* the server's storage failed: try a few times, then say so */
		return SWAPNET_VERDICT(SWAPNET_D_SERVER_ERR, res->status, true,
				       0, "server I/O error: NFS3ERR_IO");
	case SWAPNET_NFS3ERR_SERVERFAULT:
		return SWAPNET_VERDICT(SWAPNET_D_SERVER_ERR, res->status, true,
				       0, "server fault: NFS3ERR_SERVERFAULT");
	case SWAPNET_NFS3ERR_INVAL:
		return SWAPNET_VERDICT(SWAPNET_D_FAIL, res->status, true, 0,
				       "server says invalid: NFS3ERR_INVAL");
	case SWAPNET_NFS3ERR_FBIG:
		return SWAPNET_VERDICT(SWAPNET_D_FAIL, res->status, true, 0,
				       "beyond the server's file size limit: NFS3ERR_FBIG");
	case SWAPNET_NFS3ERR_NXIO:
		return SWAPNET_VERDICT(SWAPNET_D_FAIL, res->status, true, 0,
				       "no such device on the server: NFS3ERR_NXIO");
	default:
		/* no retry can change the answer */
		return SWAPNET_VERDICT(SWAPNET_D_FAIL, res->status, true, 0,
				       "server error");
	}

	if (proc == SWAPNET_PROC_COMMIT)
		return SWAPNET_VERDICT(SWAPNET_D_PROGRESS, 0, true, 0, NULL);
	if (res->count == 0) {
		/* the file shrank under us: permanent */
		if (!write && res->eof)
			return SWAPNET_VERDICT(SWAPNET_D_FAIL, -ENXIO, true, 0,
					       "beyond the end of the file");
		/*
		 * NFS3_OK without a byte and without eof: no progress.  An
		 * outage like JUKEBOX (retried, visible), not a silent loop,
		 * and not a reply that makes the device OK again.
		 */
		return SWAPNET_VERDICT(SWAPNET_D_OUTAGE, -EAGAIN, false,
				       SWAPNET_JUKEBOX_MIN,
				       write ? "server wrote 0 bytes" :
				       "server read 0 bytes before end of file");
	}
	if (res->count > asked)
		return SWAPNET_VERDICT(SWAPNET_D_FAIL, -EIO, true, 0,
				       "overlong reply");
	return SWAPNET_VERDICT(SWAPNET_D_PROGRESS, 0, true, 0, NULL);
}

/*
 * The STALE check.  knfsd answers STALE for a file that was removed or
 * replaced, and also for every handle of an export whose file system is
 * not mounted (yet: a server booting into fsck, a late SAN LUN;
 * fs/nfsd/nfsfh.c).  The first loses the pages, the second only delays
 * them: told apart by a LOOKUP of the file's name in its directory
 * (SWAPNET_A_DIR_HANDLE, SWAPNET_A_FILE_NAME).  Once the device is
 * live, a LOOKUP records the directory (fsid, fileid) with the name
 * giving our handle.  On STALE, a LOOKUP at most every
 * SWAPNET_STALE_CHECK: in the same directory, another handle or NOENT
 * is the file gone, FAILED at once; the directory STALE too, or not
 * the same directory (an export with fsid= whose file system is not
 * mounted shows the bare mount point), or no answer is an outage,
 * waited out (stale_timeout bounds it).  Runs on system_long_wq: a
 * synchronous soft RPC that may take its timeout, only ever while
 * requests wait anyway (and system_wq is deprecated from 7.x on).
 */
static void swapnet_stale_work(struct work_struct *work)
{
	struct swapnet_stale *st = container_of(to_delayed_work(work),
						struct swapnet_stale, work);
	struct swapnet_dev *dev = container_of(st, struct swapnet_dev, stale);
	struct swapnet_lookup_args args = {
		.dir_fh = dev->cfg.dir_fh,
		.dir_fh_len = dev->cfg.dir_fh_len,
		.name = dev->cfg.name,
		.name_len = strlen(dev->cfg.name),
	};
	struct swapnet_lookup_res res = {};
	struct rpc_message msg = {
		.rpc_proc = &swapnet_nfs3_procs[SWAPNET_PROC_LOOKUP],
		.rpc_argp = &args,
		.rpc_resp = &res,
		.rpc_cred = dev->cred,
	};
	bool ours;
	int err;

	if (READ_ONCE(st->stop))
		return;
	WRITE_ONCE(st->checked, jiffies);
	err = rpc_call_sync(dev->clnt, &msg, RPC_TASK_SOFT | RPC_TASK_TIMEOUT);
	ours = !err && res.status == SWAPNET_NFS3_OK &&
	       res.fh_len == dev->cfg.fh_len &&
	       !memcmp(res.fh, dev->cfg.fh, res.fh_len);
	if (!st->base) {
		/* at attach: the file is there, its name must give it */
		if (ours && res.dir_attr) {
			st->dir_fsid = res.dir.fsid;
			st->dir_fileid = res.dir.fileid;
			WRITE_ONCE(st->base, true);
		} else if (!err && (res.status == SWAPNET_NFS3_OK ||
				    res.status == SWAPNET_NFS3ERR_NOENT)) {
			pr_warn("%s: %s in its directory on %s is not the attached file (nfsstat3 %u): STALE is judged by time\n",
				dev->name, dev->cfg.name, dev->cfg.server_name,
				res.status);
			WRITE_ONCE(st->off, true);
		} else if (++st->tries < SWAPNET_STALE_BASE_TRIES &&
			   !READ_ONCE(st->stop)) {
			queue_delayed_work(system_long_wq, &st->work, 10 * HZ);
		} else {
			pr_warn("%s: no answer to LOOKUP %s on %s: STALE is judged by time\n",
				dev->name, dev->cfg.name, dev->cfg.server_name);
			WRITE_ONCE(st->off, true);
		}
		return;
	}
	if (err || ours || !res.dir_attr || res.dir.fsid != st->dir_fsid ||
	    res.dir.fileid != st->dir_fileid)
		return;		/* not the directory we know: an outage */
	if (res.status == SWAPNET_NFS3_OK)
		swapnet_state_trouble(dev, SWAPNET_STATE_FAILED,
				      "the file was replaced (%s has another file handle)",
				      dev->cfg.name);
	else if (res.status == SWAPNET_NFS3ERR_NOENT)
		swapnet_state_trouble(dev, SWAPNET_STATE_FAILED,
				      "the file was removed (no %s in its directory)",
				      dev->cfg.name);
}

void swapnet_stale_init(struct swapnet_dev *dev)
{
	INIT_DELAYED_WORK(&dev->stale.work, swapnet_stale_work);
}

void swapnet_stale_start(struct swapnet_dev *dev)
{
	if (dev->cfg.dir_fh_len)
		queue_delayed_work(system_long_wq, &dev->stale.work, 0);
}

void swapnet_stale_stop(struct swapnet_dev *dev)
{
	WRITE_ONCE(dev->stale.stop, true);
	/* a LOOKUP waiting for a dead server ends now */
	if (dev->clnt)
		rpc_killall_tasks(dev->clnt);
	cancel_delayed_work_sync(&dev->stale.work);
}

/* A STALE reply: LOOKUP the name, unless one ran a moment ago. */
static void swapnet_stale_kick(struct swapnet_dev *dev)
{
	if (time_after(jiffies, READ_ONCE(dev->stale.checked) +
		       SWAPNET_STALE_CHECK) && !READ_ONCE(dev->stale.stop))
		queue_delayed_work(system_long_wq, &dev->stale.work, 0);
}

/*
 * STALE/BADHANDLE.  With the directory known (the STALE check above):
 * an outage, until the LOOKUP shows the file gone (FAILED) or
 * stale_timeout runs out.  Without: mostly the file is gone, but a
 * server taking over an export (failover, a crashed nfsd restarted,
 * exports reloaded) can say so for a while too: an outage until STALE
 * has lasted as long as no reply at all would (the major timeout), then
 * the pages are lost.  A reply to a call that went unanswered that long
 * comes after an outage of its own: it starts the count again.
 */
static void swapnet_stale(struct rpc_task *task, struct swapnet_req *cmd,
			  const struct swapnet_verdict *v)
{
	struct swapnet_dev *dev = cmd->dev;

	if (READ_ONCE(dev->stale.base)) {
		unsigned int limit = READ_ONCE(swapnet_stale_timeout_s);

		if (!cmd->stale) {
			cmd->stale = true;
			cmd->stale_since = jiffies;
		}
		if (!limit || time_before(jiffies, cmd->stale_since +
					  (unsigned long)limit * HZ)) {
			swapnet_stale_kick(dev);
			swapnet_outage(task, cmd, v->err, v->min_delay,
				       SWAPNET_STALE_REASON);
			return;
		}
		atomic_set(&dev->stats.last_error, v->err);
		swapnet_state_trouble(dev, SWAPNET_STATE_FAILED,
				      "file handle stale for %u s (stale_timeout)",
				      limit);
		swapnet_fail(cmd, v->err, "file handle stale (stale_timeout)");
		return;
	}

	if (!cmd->stale ||
	    time_after_eq(jiffies, READ_ONCE(cmd->attempt) +
			  swapnet_major_timeout(dev))) {
		cmd->stale = true;
		cmd->stale_since = jiffies;
	}
	if (time_before(jiffies, cmd->stale_since +
			swapnet_major_timeout(dev))) {
		swapnet_outage(task, cmd, v->err, v->min_delay, v->reason);
		return;
	}
	atomic_set(&dev->stats.last_error, v->err);
	swapnet_state_trouble(dev, SWAPNET_STATE_FAILED,
			      "the file is gone (%s)",
			      v->err == SWAPNET_NFS3ERR_STALE ?
			      "stale file handle" : "bad file handle");
	swapnet_fail(cmd, v->err, "the file is gone (stale file handle)");
}

/*
 * A READ or WRITE that moved bytes, or a COMMIT that answered: continue
 * a short transfer, COMMIT unstable WRITEs, verify a READ, or complete.
 */
static void swapnet_progress(struct rpc_task *task, struct swapnet_req *cmd,
			     unsigned int proc)
{
	struct swapnet_dev *dev = cmd->dev;
	bool write = proc != SWAPNET_PROC_READ;

	if (proc == SWAPNET_PROC_COMMIT) {
		swapnet_commit_done(task, cmd);
		return;
	}
	if (write && cmd->res.committed < SWAPNET_FILE_SYNC) {
		if (!cmd->unstable) {
			cmd->unstable = true;
			memcpy(cmd->verf, cmd->res.verf, SWAPNET_VERF_SIZE);
		} else if (memcmp(cmd->verf, cmd->res.verf,
				  SWAPNET_VERF_SIZE)) {
			/* rebooted between two parts: all again */
			swapnet_resend(task, cmd);
			return;
		}
	}
	cmd->backoff = 0;
	cmd->io_tries = 0;
	swapnet_advance(cmd, cmd->res.count);
	if (cmd->args.count) {
		/* short READ or WRITE: continue where it stopped */
		swapnet_retry(task, cmd, 0);
		return;
	}
	if (write && cmd->unstable) {
		/* COMMIT what the WRITEs covered, on the same task */
		struct request *rq = blk_mq_rq_from_pdu(cmd);

		atomic64_inc(&dev->stats.commits);
		cmd->args.offset = (u64)blk_rq_pos(rq) << SECTOR_SHIFT;
		cmd->args.count = cmd->total;
		task->tk_msg.rpc_proc = &swapnet_nfs3_procs[SWAPNET_PROC_COMMIT];
		swapnet_restart(task, cmd, 0);
		return;
	}
	if (!write) {
		/* verified swap-in (verify.c): the whole READ once more */
		switch (swapnet_verify_read(cmd)) {
		case 0:
			break;
		case -EAGAIN:
			swapnet_rewind(&task->tk_msg, cmd, SWAPNET_PROC_READ);
			swapnet_restart(task, cmd, 0);
			return;
		default:
			/* verify.c named each lost block */
			cmd->status = BLK_STS_IOERR;
			return;
		}
	}
	cmd->status = BLK_STS_OK;
}

static void swapnet_call_done(struct rpc_task *task, void *calldata)
{
	struct swapnet_req *cmd = calldata;
	struct swapnet_dev *dev = cmd->dev;
	unsigned int proc = task->tk_msg.rpc_proc - swapnet_nfs3_procs;
	struct swapnet_verdict v;

	if (READ_ONCE(task->tk_rpc_status) == SWAPNET_FENCE_ERR) {
		/* cancelled by a fence: swapnet_release holds it */
		cmd->fenced = true;
		return;
	}
	if (RPC_SIGNALLED(task)) {
		/* rpc_killall_tasks: forced removal or shutdown */
		swapnet_fail(cmd, task->tk_status,
			     "forced removal: request killed");
		return;
	}
	if (atomic_read(&dev->state) == SWAPNET_STATE_FAILED) {
		swapnet_fail(cmd, -ESTALE, "the device is FAILED");
		return;
	}
	v = swapnet_judge(task->tk_status, &cmd->res, proc, cmd->args.count);
	if (v.disp != SWAPNET_D_STALE)
		cmd->stale = false;	/* another answer ends a STALE row */
	/* a request re-sent for a changing verifier does not say OK */
	if (v.alive && cmd->verf_changes <= SWAPNET_VERF_RESENDS)
		swapnet_alive(dev);
	switch (v.disp) {
	case SWAPNET_D_OUTAGE:
		swapnet_outage(task, cmd, v.err, v.min_delay, v.reason);
		return;
	case SWAPNET_D_STALE:
		swapnet_stale(task, cmd, &v);
		return;
	case SWAPNET_D_SERVER_ERR:
		/*
		 * Its own budget: the outage backoff a request used up
		 * waiting out a reboot does not count here.
		 */
		atomic_set(&dev->stats.last_error, v.err);
		if (cmd->io_tries < SWAPNET_SERVER_ERR_TRIES) {
			swapnet_retry(task, cmd, swapnet_delay(cmd->io_tries++));
			return;
		}
		swapnet_fail(cmd, v.err, v.reason);
		return;
	case SWAPNET_D_FAIL:
		swapnet_fail(cmd, v.err, v.reason);
		return;
	case SWAPNET_D_PROGRESS:
		swapnet_progress(task, cmd, proc);
		return;
	}
}

static void swapnet_send(struct swapnet_req *cmd);

/*
 * A parked request that must not be sent: the device is FAILED (as in
 * queue_rq) or being removed by force.  Ends it, true; else false.
 */
static bool swapnet_refuse(struct swapnet_req *cmd)
{
	struct swapnet_dev *dev = cmd->dev;
	struct request *rq = blk_mq_rq_from_pdu(cmd);
	const char *why;

	if (READ_ONCE(dev->io_killed)) {
		why = "forced removal";
	} else if (atomic_read(&dev->state) == SWAPNET_STATE_FAILED) {
		why = "the device is FAILED";
	} else if (cmd->failfast && READ_ONCE(dev->fence) == SWAPNET_FENCED &&
		   swapnet_ff_fails_now(dev)) {
		/* md fails the leg: not a lost page */
		atomic64_inc(&dev->stats.failfast_errors);
		blk_mq_end_request(rq, BLK_STS_IOERR);
		return true;
	} else {
		return false;
	}
	atomic64_inc(&dev->stats.errors);
	swapnet_lost(dev, cmd->write, (u64)blk_rq_pos(rq) << SECTOR_SHIFT,
		     blk_rq_bytes(rq), -EIO, why);
	blk_mq_end_request(rq, BLK_STS_IOERR);
	return true;
}

/*
 * Under io_lock: the oldest parked request of a kind, off its list, or
 * NULL.  Nothing leaves while a fence is being put up.
 */
static struct swapnet_req *swapnet_unpark(struct swapnet_dev *dev, bool write)
{
	struct list_head *list = write ? &dev->parked_writes :
					 &dev->parked_reads;
	struct swapnet_req *next;

	lockdep_assert_held(&dev->io_lock);
	if (dev->fence == SWAPNET_FENCING)
		return NULL;
	next = list_first_entry_or_null(list, struct swapnet_req, park);
	if (!next)
		return NULL;
	list_del_init(&next->park);
	WRITE_ONCE(next->parked, false);
	if (write)
		dev->nr_parked_writes--;
	else
		dev->nr_parked_reads--;
	/* counted in flight from here: a fence waits for it */
	atomic_inc(&dev->stats.inflight);
	return next;
}

static void swapnet_fence_check(struct swapnet_dev *dev);

/* A task of the device ended (or was never started): inflight - 1. */
static void swapnet_put_inflight(struct swapnet_dev *dev)
{
	if (atomic_dec_and_test(&dev->stats.inflight))
		swapnet_fence_check(dev);
}

/*
 * Send the parked requests of a kind that have a place.  held: the
 * caller hands over the place of a request of that kind that left
 * flight (swapnet_release): it goes to the oldest parked request, or is
 * given back, and one request at most is sent.  !held: places are free
 * (a fence came down, swapnet_fence_check): parked requests take them
 * while there are both.  A request refused instead of sent
 * (swapnet_refuse ended it) passes its place on to the next one.
 */
static void swapnet_send_parked(struct swapnet_dev *dev, bool write,
				bool held)
{
	unsigned int *sent = write ? &dev->writes_sent : &dev->reads_sent;
	unsigned int depth = write ? dev->queue_depth : dev->read_depth;
	bool fill = !held;
	struct swapnet_req *next;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&dev->io_lock, flags);
		if (!held && *sent < depth) {
			(*sent)++;
			held = true;
		}
		next = held ? swapnet_unpark(dev, write) : NULL;
		if (!next && held)
			(*sent)--;	/* nothing to send: the place goes back */
		spin_unlock_irqrestore(&dev->io_lock, flags);
		if (!next)
			return;
		if (swapnet_refuse(next)) {
			/* ended: its place goes on to the next one */
			swapnet_put_inflight(dev);
			continue;
		}
		swapnet_send(next);
		if (!fill)
			return;
		held = false;
	}
}

/* A request of this kind left flight (its place is handed over). */
static void swapnet_next(struct swapnet_dev *dev, bool write)
{
	swapnet_send_parked(dev, write, true);
}

/* Places of a kind are free (a fence came down): send what is parked. */
static void swapnet_fill(struct swapnet_dev *dev, bool write)
{
	swapnet_send_parked(dev, write, false);
}

/*
 * Failfast.  A fence ends when every task that was in flight has ended
 * (inflight 0): then the failfast requests and the READs it held fail,
 * the WRITEs are sent again, hard, on a new connection (see the top of
 * the file).
 */
static void swapnet_group_out(struct swapnet_dev *dev);

static void swapnet_fence_check(struct swapnet_dev *dev)
{
	struct swapnet_req *cmd, *tmp;
	unsigned int failed = 0, resent = 0;
	unsigned long flags;
	LIST_HEAD(fail);
	LIST_HEAD(resend);

	if (READ_ONCE(dev->fence) != SWAPNET_FENCING)
		return;
	spin_lock_irqsave(&dev->io_lock, flags);
	if (dev->fence != SWAPNET_FENCING ||
	    atomic_read(&dev->stats.inflight)) {
		spin_unlock_irqrestore(&dev->io_lock, flags);
		return;
	}
	WRITE_ONCE(dev->fence, SWAPNET_FENCED);
	dev->answered = false;
	list_splice_init(&dev->fence_fail, &fail);
	list_splice_init(&dev->fence_resend, &resend);
	/* failfast requests parked before the fence fail now too */
	list_for_each_entry_safe(cmd, tmp, &dev->parked_writes, park) {
		if (cmd->failfast) {
			list_move_tail(&cmd->park, &fail);
			dev->nr_parked_writes--;
		}
	}
	/*
	 * And every READ that was in flight or waiting: md sends some of a
	 * working leg's reads without the mark (raid1 read_balance marks
	 * a read failfast only once it has seen a second disk, so not a
	 * sequential read of the first one); hard, one would wait out the
	 * outage and hold the process that faulted.  md re-reads a failed
	 * read from another leg; only a fence makes a read fail, and only
	 * a failfast user (a stacking driver with another leg or path)
	 * raises one.  Writes stay hard.
	 */
	list_for_each_entry_safe(cmd, tmp, &dev->parked_reads, park) {
		list_move_tail(&cmd->park, &fail);
		dev->nr_parked_reads--;
	}
	list_for_each_entry_safe(cmd, tmp, &resend, park) {
		if (!cmd->write) {
			list_move_tail(&cmd->park, &fail);
			dev->reads_sent--;	/* its place goes back */
		}
	}
	/* the re-sent keep their places: in flight again */
	list_for_each_entry(cmd, &resend, park)
		atomic_inc(&dev->stats.inflight);
	spin_unlock_irqrestore(&dev->io_lock, flags);
	/* before md hears of it: out for the other legs of its mirror */
	swapnet_group_out(dev);

	list_for_each_entry_safe(cmd, tmp, &fail, park) {
		list_del_init(&cmd->park);
		WRITE_ONCE(cmd->parked, false);
		atomic64_inc(&dev->stats.failfast_errors);
		blk_mq_end_request(blk_mq_rq_from_pdu(cmd), BLK_STS_IOERR);
		failed++;
	}
	list_for_each_entry_safe(cmd, tmp, &resend, park) {
		list_del_init(&cmd->park);
		WRITE_ONCE(cmd->parked, false);
		resent++;
		swapnet_prepare(cmd);
		if (swapnet_refuse(cmd)) {
			spin_lock_irqsave(&dev->io_lock, flags);
			if (cmd->write)
				dev->writes_sent--;
			else
				dev->reads_sent--;
			spin_unlock_irqrestore(&dev->io_lock, flags);
			swapnet_put_inflight(dev);
			continue;
		}
		swapnet_send(cmd);
	}
	pr_warn("%s: fenced: no RPC of the device is left; %u failfast requests and READs failed, %u WRITEs sent again\n",
		dev->name, failed, resent);
	swapnet_fill(dev, true);
	swapnet_fill(dev, false);
}

/* Runs on dev->wq after SUNRPC let go of the task (rpc_free_task). */
static void swapnet_release(void *calldata)
{
	struct swapnet_req *cmd = calldata;
	struct request *rq = blk_mq_rq_from_pdu(cmd);
	struct swapnet_dev *dev = cmd->dev;
	bool write = cmd->write;

	if (cmd->fenced) {
		unsigned long flags;

		/*
		 * Held until the fence is up: a failfast request to fail
		 * (its place goes back), another one to send again (keeps
		 * its place).
		 */
		cmd->fenced = false;
		spin_lock_irqsave(&dev->io_lock, flags);
		list_add_tail(&cmd->park, cmd->failfast ? &dev->fence_fail :
						      &dev->fence_resend);
		WRITE_ONCE(cmd->parked, true);
		spin_unlock_irqrestore(&dev->io_lock, flags);
		if (cmd->failfast)
			swapnet_next(dev, write);
		swapnet_put_inflight(dev);
		return;
	}
	if (cmd->status == BLK_STS_OK) {
		swapnet_stats_account(dev, write, cmd->total, cmd->start_ns);
	} else {
		atomic64_inc(&dev->stats.errors);
		/* a verify error named its blocks (verify.c) */
		if (!cmd->vfy.failed)
			swapnet_lost(dev, write,
				     (u64)blk_rq_pos(rq) << SECTOR_SHIFT,
				     cmd->total, cmd->lost_err,
				     cmd->lost_why ?: "ended without a reply");
	}
	/*
	 * Send the next one before ending this one: a parked request
	 * holds the queue, so the device outlives this function either
	 * way (teardown waits for every request, then for dev->wq).
	 */
	swapnet_next(dev, write);
	swapnet_put_inflight(dev);
	if (swapnet_verify_release(cmd))
		return;
	blk_mq_end_request(rq, cmd->status);
}

static const struct rpc_call_ops swapnet_call_ops = {
	.rpc_call_done = swapnet_call_done,
	.rpc_release = swapnet_release,
};

/*
 * Collect the request's pages.  virt_boundary_mask = PAGE_SIZE - 1 makes
 * every segment but the first start at a page boundary and every one
 * but the last end at one, so the pages form one xdr page array:
 * pgbase in pages[0], then whole pages.
 */
static int swapnet_map_pages(struct request *rq, struct swapnet_req *cmd)
{
	struct req_iterator iter;
	struct bio_vec bv;
	unsigned int n = 0;
	bool first = true;

	rq_for_each_segment(bv, rq, iter) {
		if (first) {
			cmd->pgbase = bv.bv_offset;
			first = false;
		} else if (bv.bv_offset != 0) {
			return -EINVAL;
		}
		if (n == cmd->nr_pages)
			return -EINVAL;
		cmd->pages[n++] = bv.bv_page;
	}
	return 0;
}

/*
 * Start the request's RPC.  Its place in flight is taken (writes_sent
 * or reads_sent); never sleeps, allocates nothing of ours.
 */
static void swapnet_send(struct swapnet_req *cmd)
{
	struct swapnet_dev *dev = cmd->dev;
	struct rpc_task_setup setup = {
		.task = &cmd->task,
		.rpc_client = dev->clnt,
		.rpc_message = &cmd->msg,
		.callback_ops = &swapnet_call_ops,
		.callback_data = cmd,
		.workqueue = dev->wq,
		.rpc_op_cred = dev->op_cred,	/* NULL: looked up per call */
		/* hard: retransmissions keep their XID */
		.flags = RPC_TASK_ASYNC,
	};
	struct rpc_task *task;

	/* only a device for swap writes as reclaim (the header says why) */
	if (cmd->write && (dev->cfg.flags & SWAPNET_F_SWAP)) {
		setup.flags |= RPC_TASK_SWAPPER;
		atomic64_inc(&dev->stats.reclaim_reqs);
	}
	/* inflight was counted when its place was taken */
	WRITE_ONCE(cmd->attempt, jiffies);

	/*
	 * With setup.task set, rpc_run_task() allocates nothing and cannot
	 * fail (6.1, 6.12: rpc_new_task fails only when it has to allocate
	 * the task, and then it calls rpc_release first).  Whatever it
	 * returns, swapnet_release() ends the request, exactly once: never
	 * end it from here.
	 */
	task = rpc_run_task(&setup);
	if (WARN_ON_ONCE(IS_ERR(task)))
		return;
	/* Not the last reference unless it already finished: never sleeps. */
	rpc_put_task_async(task);
}

/*
 * Failfast: every bio of the request asks for it (md raid1 marks the
 * bios of a failfast leg REQ_FAILFAST_DEV | REQ_FAILFAST_TRANSPORT
 * while another leg works).  A request of merged bios with and without
 * is not: a bio that did not ask must not fail.
 */
static bool swapnet_is_failfast(struct request *rq)
{
	struct bio *bio;

	if (!rq->bio)
		return false;
	__rq_for_each_bio(bio, rq)
		if (!(bio->bi_opf & (REQ_FAILFAST_DEV |
				     REQ_FAILFAST_TRANSPORT)))
			return false;
	return true;
}

/*
 * md's metadata: its superblock and write-intent bitmap (md_super_write:
 * REQ_META), which md marks failfast on its last leg too.
 */
static bool swapnet_is_meta(struct request *rq)
{
	struct bio *bio;

	__rq_for_each_bio(bio, rq)
		if (bio->bi_opf & REQ_META)
			return true;
	return false;
}

/*
 * Under io_lock, at queue_rq: what the request says about md's legs.
 * A data bio md marked failfast (a leg's WRITE while another leg is in
 * sync, raid1_write_request; a READ read_balance chose between two
 * legs; a resync bio) arms the device; a WRITE md did not mark, once
 * it has marked any, disarms it: md marks a data WRITE only while
 * raid_disks - degraded > 1 (drivers/md/raid1.c, 6.1 and 6.12), so an
 * unmarked one says that the other leg is out (this is md's last leg)
 * or being rebuilt.  md's metadata says nothing (marked on the last
 * leg too), nor does an unmarked READ (a sequential read of leg 0 is
 * never marked).  The table: failfast.h.  A device that never got a
 * failfast bio stays NONE: ff_said is read, never written.
 */
static void swapnet_ff_note(struct swapnet_dev *dev, struct swapnet_req *cmd,
			    bool ff_data)
{
	enum swapnet_ff_said said;

	lockdep_assert_held(&dev->io_lock);
	if (ff_data)
		WRITE_ONCE(dev->ff_armed_at, jiffies);
	/* md whole again after being degraded (swapnet_ff_leg_out) */
	if (cmd->write && !cmd->meta && !cmd->failfast) {
		dev->ff_unmarked = true;
		dev->ff_unmarked_at = jiffies;
	} else if (cmd->write && ff_data && dev->ff_unmarked) {
		dev->ff_unmarked = false;
		WRITE_ONCE(dev->ff_whole_from, dev->ff_unmarked_at);
		WRITE_ONCE(dev->ff_whole, true);
	}
	said = swapnet_ff_said_next(dev->ff_said, cmd->failfast, cmd->meta,
				    cmd->write);
	if (said != dev->ff_said)
		WRITE_ONCE(dev->ff_said, said);
}

/*
 * Under io_lock: park a WRITE at the end of the queue, but md's
 * superblock and bitmap writes (meta) before every parked data WRITE,
 * after those already there.  md waits for each of them before it goes
 * on (md_super_wait): for the superblock update that must end before
 * md accepts any WRITE again after failing the other leg (md_update_sb,
 * MD_SB_CHANGE_PENDING: md_write_start), and for the bitmap pages it
 * writes before data (md_bitmap_unplug).  At the end of the queue each
 * waited for up to SWAPNET_NR_TAGS parked WRITEs; ahead of them, for
 * queue_depth in flight.  Safe to reorder: the block layer orders no
 * two outstanding requests, md's data never covers its superblock or
 * bitmap, and md itself waits for what must come first.
 */
static void swapnet_park_write(struct swapnet_dev *dev,
			       struct swapnet_req *cmd)
{
	struct list_head *at = &dev->parked_writes;
	struct swapnet_req *pos;

	lockdep_assert_held(&dev->io_lock);
	if (cmd->meta) {
		list_for_each_entry(pos, &dev->parked_writes, park) {
			if (!pos->meta) {
				at = &pos->park;
				break;
			}
		}
	}
	list_add_tail(&cmd->park, at);
}

/*
 * md's last ARMED word is recent: at most SWAPNET_FF_ARMED_FOR before
 * the silence that fences (so at most that plus failfast_timeo before
 * now).  Read only when ff_said is ARMED.
 */
static bool swapnet_ff_recent(struct swapnet_dev *dev)
{
	return time_before(jiffies, READ_ONCE(dev->ff_armed_at) +
			   SWAPNET_FF_ARMED_FOR +
			   (unsigned long)READ_ONCE(dev->failfast_timeo_s) * HZ);
}

/*
 * ARMED and recent: any request without a reply for failfast_timeo
 * fences the device (swapnet_timeout), failfast or not.
 */
static bool swapnet_ff_armed(struct swapnet_dev *dev)
{
	return READ_ONCE(dev->ff_said) == SWAPNET_FF_ARMED &&
	       swapnet_ff_recent(dev);
}

/* May this request's silence fence the device?  failfast.h's table. */
static bool swapnet_ff_may_fence_dev(struct swapnet_dev *dev, bool failfast)
{
	enum swapnet_ff_said said = READ_ONCE(dev->ff_said);

	return swapnet_ff_may_fence(said, said == SWAPNET_FF_ARMED &&
					  swapnet_ff_recent(dev), failfast);
}

blk_status_t swapnet_queue_rq(struct blk_mq_hw_ctx *hctx,
			      const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	struct swapnet_req *cmd = blk_mq_rq_to_pdu(rq);
	struct swapnet_dev *dev = hctx->queue->queuedata;
	unsigned long flags;
	bool write, send, ff_data;

	switch (req_op(rq)) {
	case REQ_OP_READ:
		write = false;
		break;
	case REQ_OP_WRITE:
		write = true;
		break;
	case REQ_OP_FLUSH:
		/*
		 * Nothing is ever cached: a WRITE completes only once
		 * FILE_SYNC or a matching COMMIT made it stable.
		 */
		blk_mq_start_request(rq);
		blk_mq_end_request(rq, BLK_STS_OK);
		return BLK_STS_OK;
	default:
		return BLK_STS_NOTSUPP;
	}

	cmd->failfast = swapnet_is_failfast(rq) &&
			READ_ONCE(dev->failfast_timeo_s);
	/*
	 * md's superblock or bitmap write on a failfast leg: parked ahead
	 * of data (swapnet_park_write).  A device that never got a
	 * failfast bio neither sets nor stores meta (false from
	 * swapnet_init_request on).
	 */
	if (cmd->failfast || cmd->meta)
		cmd->meta = cmd->failfast && swapnet_is_meta(rq);
	ff_data = cmd->failfast && !cmd->meta;
	/*
	 * The block layer checks on us this often (swapnet_timeout): every
	 * second where a request may fence the device.
	 */
	rq->timeout = cmd->failfast || swapnet_ff_armed(dev) ? HZ :
		      clamp(swapnet_major_timeout(dev) / 4, (unsigned long)HZ,
			    30UL * HZ);
	cmd->dev = dev;
	cmd->write = write;
	cmd->fenced = false;
	cmd->attempt = jiffies;
	cmd->ff_since = jiffies;
	blk_mq_start_request(rq);
	if (atomic_read(&dev->state) == SWAPNET_STATE_FAILED ||
	    READ_ONCE(dev->io_killed)) {
		atomic64_inc(&dev->stats.errors);
		swapnet_lost(dev, write, (u64)blk_rq_pos(rq) << SECTOR_SHIFT,
			     blk_rq_bytes(rq), -EIO,
			     READ_ONCE(dev->io_killed) ? "forced removal" :
			     "the device is FAILED");
		return BLK_STS_IOERR;
	}
	cmd->total = blk_rq_bytes(rq);
	cmd->args.fh = dev->cfg.fh;
	cmd->args.fh_len = dev->cfg.fh_len;
	cmd->args.stable = dev->cfg.flags & SWAPNET_F_UNSTABLE ?
			   SWAPNET_UNSTABLE : SWAPNET_FILE_SYNC;
	if (swapnet_map_pages(rq, cmd)) {
		atomic64_inc(&dev->stats.errors);
		swapnet_lost(dev, write, (u64)blk_rq_pos(rq) << SECTOR_SHIFT,
			     cmd->total, -EINVAL,
			     "request does not fit the page array");
		return BLK_STS_IOERR;
	}
	cmd->msg.rpc_argp = &cmd->args;
	cmd->msg.rpc_resp = &cmd->res;
	cmd->msg.rpc_cred = dev->cred;
	swapnet_prepare(cmd);
	cmd->start_ns = ktime_get_ns();

	/*
	 * In flight if its kind has room, else parked: the submitter
	 * returns at once either way (it already holds its tag).
	 */
	spin_lock_irqsave(&dev->io_lock, flags);
	swapnet_ff_note(dev, cmd, ff_data);
	if (cmd->failfast && dev->fence == SWAPNET_FENCED &&
	    swapnet_ff_fails_fenced(dev->ff_said)) {
		/* the server has not answered since the fence: fail fast */
		spin_unlock_irqrestore(&dev->io_lock, flags);
		atomic64_inc(&dev->stats.failfast_errors);
		return BLK_STS_IOERR;
	}
	if (cmd->failfast && dev->fence == SWAPNET_FENCING) {
		/* fails once the fence is up */
		list_add_tail(&cmd->park, &dev->fence_fail);
		WRITE_ONCE(cmd->parked, true);
		spin_unlock_irqrestore(&dev->io_lock, flags);
		return BLK_STS_OK;
	}
	if (dev->fence == SWAPNET_FENCING) {
		/* sent once the fence is up (swapnet_fill) */
		send = false;
		list_add_tail(&cmd->park, write ? &dev->parked_writes :
						  &dev->parked_reads);
		if (write)
			dev->nr_parked_writes++;
		else
			dev->nr_parked_reads++;
	} else if (write) {
		send = dev->writes_sent < dev->queue_depth;
		if (send) {
			dev->writes_sent++;
		} else {
			swapnet_park_write(dev, cmd);
			dev->nr_parked_writes++;
			dev->parked_writes_max = max(dev->parked_writes_max,
						     dev->nr_parked_writes);
		}
	} else {
		send = dev->reads_sent < dev->read_depth;
		if (send) {
			dev->reads_sent++;
		} else {
			list_add_tail(&cmd->park, &dev->parked_reads);
			dev->nr_parked_reads++;
		}
	}
	WRITE_ONCE(cmd->parked, !send);
	if (send)
		atomic_inc(&dev->stats.inflight);
	spin_unlock_irqrestore(&dev->io_lock, flags);
	if (send)
		swapnet_send(cmd);
	return BLK_STS_OK;
}

static bool swapnet_is_io_task(const struct rpc_task *task, const void *data)
{
	return task->tk_ops == &swapnet_call_ops;
}

/*
 * Mirror groups (issue 22): the legs of one md mirror, given the same
 * SWAPNET_A_MIRROR_GROUP by swapnetctl.  A leg may fence only while
 * another leg of its group answers (failfast.h's table).  Why: md
 * raid1 fails a leg whose failfast request errors, but for the last
 * in-sync leg it refuses AND sets MD_BROKEN first (raid1_error, 6.1
 * drivers/md/raid1.c:1657, 6.12 raid1.c:1765), which nothing clears:
 * md_submit_bio then fails every WRITE to the array (6.1 md.c:435,
 * 6.12 md.c:423) and swap can never write again.  When both servers
 * fall silent at once (the client's own cable or switch), both legs
 * were ARMED, both fenced after failfast_timeo and failed their marked
 * requests: md failed the first leg and broke the array on the second
 * (lab, swapnet-mirror-both).
 *
 * With groups, whichever leg fences first does so while another
 * answers, so md fails it with that one still in sync; from then on
 * the other sees it fenced and never fences while the fence is up, and
 * md, now degraded, writes the other unmarked (raid1_write_request
 * marks a WRITE only while raid_disks - degraded > 1: 6.1 raid1.c:1560,
 * 6.12 raid1.c:1658): PLAIN, hard, as before.  With no leg answering,
 * no leg fences: each keeps hard semantics and waits, as plain swap
 * does, and the block layer's timer (BLK_EH_RESET_TIMER) asks again
 * every tick.  The decision and the fence it puts up happen under
 * swapnet_groups_lock, one lock for every group, so two legs cannot
 * both decide at once, each seeing the other not fenced.  Nothing
 * under it sleeps: it reads the other legs' fields (READ_ONCE) and
 * takes a leg's io_lock (always in that order).
 *
 * A fence that came down does not make a leg answer again: md failed
 * it and rebuilds it only after swapnetctl monitor re-added it, from
 * the other leg, its last in sync until then.  The lab cut the two
 * cables 5 s apart (6.1, swapnet-mirror-both): swapnet0 fenced while
 * swapnet1 still answered, md failed it; then swapnet1 was silent,
 * still ARMED (md's WRITEs waited for its superblock update on
 * swapnet1: no unmarked one came), and when swapnet0's fence came down
 * 42 s later swapnet1 fenced, failing md's last leg (SIGBUS, md's
 * superblock write failed).  So a leg whose fence failed md's requests
 * is out (swapnet_group_out, before md hears of it) until the deciding
 * leg sees md whole again: an unmarked data WRITE after that fence (md
 * degraded), then a marked one (swapnet_ff_note; failfast.h
 * swapnet_ff_leg_out).  While md rebuilds that leg, its sync WRITEs
 * to it are marked (6.1 raid1.c:2257, 6.12 raid1.c:2385) and it
 * answers, yet it stays out: md's last leg does not fence on its word
 * until md is whole.  (md's rebuild READs from its last leg go unmarked:
 * with one readable disk md clears the mark, 6.1 raid1.c:2946 and 2955,
 * 6.12 raid1.c:3064 and 3073.)  The limit:
 * with more than two legs md stays whole when one fails, and a leg out
 * stays out for the others (they answer for each other).
 */
static DEFINE_SPINLOCK(swapnet_groups_lock);
static LIST_HEAD(swapnet_groups);

void swapnet_group_join(struct swapnet_dev *dev)
{
	unsigned long flags;

	if (!dev->cfg.mirror_group)
		return;
	spin_lock_irqsave(&swapnet_groups_lock, flags);
	list_add_tail(&dev->group_node, &swapnet_groups);
	spin_unlock_irqrestore(&swapnet_groups_lock, flags);
}

void swapnet_group_leave(struct swapnet_dev *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&swapnet_groups_lock, flags);
	list_del_init(&dev->group_node);
	spin_unlock_irqrestore(&swapnet_groups_lock, flags);
}

/*
 * dev's fence is up and fails md's requests now: md fails dev, which is
 * out for the other legs until they see md whole again
 * (swapnet_ff_leg_out).
 */
static void swapnet_group_out(struct swapnet_dev *dev)
{
	unsigned long flags;

	if (!dev->cfg.mirror_group)
		return;
	spin_lock_irqsave(&swapnet_groups_lock, flags);
	dev->group_out_at = jiffies;
	dev->group_out = true;
	spin_unlock_irqrestore(&swapnet_groups_lock, flags);
}

/* Under swapnet_groups_lock: does another leg of dev's group answer? */
static bool swapnet_group_answers(struct swapnet_dev *dev, unsigned int ff)
{
	unsigned long heard = msecs_to_jiffies(swapnet_ff_heard_ms(ff));
	u32 group = dev->cfg.mirror_group;
	struct swapnet_ff_leg leg;
	struct swapnet_dev *o;
	int state;

	lockdep_assert_held(&swapnet_groups_lock);
	list_for_each_entry(o, &swapnet_groups, group_node) {
		if (o == dev || o->cfg.mirror_group != group)
			continue;
		state = atomic_read(&o->state);
		leg.fence = READ_ONCE(o->fence) != SWAPNET_FENCE_NONE;
		leg.out = swapnet_ff_leg_out(o->group_out,
					     READ_ONCE(dev->ff_whole) &&
					     time_after(READ_ONCE(dev->ff_whole_from),
							o->group_out_at));
		leg.failed = state == SWAPNET_STATE_FAILED;
		leg.ok = state == SWAPNET_STATE_OK;
		leg.busy = atomic_read(&o->stats.inflight) != 0;
		leg.heard = time_before(jiffies,
					READ_ONCE(o->last_reply) + heard);
		if (swapnet_ff_leg_answers(&leg))
			return true;
	}
	return false;
}

/*
 * Put up the fence (a failfast request, or any request of an ARMED
 * device, without a reply for ff s): no new RPC, every I/O RPC of the
 * device cancelled, the transport closed.  swapnet_fence_check() ends
 * it once the last task has ended.  A leg of a mirror group fences only
 * while another leg answers (above); else nothing happens now, the next
 * tick decides again.
 */
static void swapnet_fence(struct swapnet_dev *dev, unsigned int ff,
			  bool failfast)
{
	const char *what = failfast ? "to a failfast request" :
				      "on a failfast leg";
	u32 group = dev->cfg.mirror_group;
	unsigned long flags;
	unsigned long n;

	spin_lock_irqsave(&swapnet_groups_lock, flags);
	if (!swapnet_ff_group_may_fence(group,
					group && swapnet_group_answers(dev, ff))) {
		bool said = READ_ONCE(dev->group_held);

		WRITE_ONCE(dev->group_held, true);
		spin_unlock_irqrestore(&swapnet_groups_lock, flags);
		/* once per silence: a reply clears it (swapnet_alive) */
		if (!said)
			pr_warn("%s: no reply from %s for %u s, but no other leg of mirror group %u answers: no fence, hard (as plain swap)\n",
				dev->name, dev->cfg.server_name, ff, group);
		return;
	}
	spin_lock(&dev->io_lock);
	if (dev->fence != SWAPNET_FENCE_NONE) {
		spin_unlock(&dev->io_lock);
		spin_unlock_irqrestore(&swapnet_groups_lock, flags);
		return;
	}
	WRITE_ONCE(dev->fence, SWAPNET_FENCING);
	dev->fenced_at = jiffies;
	spin_unlock(&dev->io_lock);
	spin_unlock_irqrestore(&swapnet_groups_lock, flags);

	atomic64_inc(&dev->stats.fences);
	swapnet_state_trouble(dev, SWAPNET_STATE_NOT_RESPONDING,
			      "fenced: no reply for %u s %s", ff, what);
	n = rpc_cancel_tasks(dev->clnt, SWAPNET_FENCE_ERR, swapnet_is_io_task,
			     NULL);
	swapnet_rpc_disconnect(dev);
	pr_warn("%s: no reply from %s for %u s %s (failfast_timeo): fencing: %lu RPCs cancelled, transport closed; failfast requests fail until the server answers again\n",
		dev->name, dev->cfg.server_name, ff, what, n);
	/*
	 * Not from here: ending a request (fence_check) inside the block
	 * layer's timeout handler, which then re-arms its timer, is not
	 * allowed; the work checks at once.
	 */
	queue_delayed_work(dev->wq, &dev->fence_work, 0);
}

/* The server answered (FENCED): the fence comes down once it is safe. */
static void swapnet_fence_lift(struct swapnet_dev *dev)
{
	unsigned long flags;
	bool lift = false;

	spin_lock_irqsave(&dev->io_lock, flags);
	if (dev->fence == SWAPNET_FENCED) {
		if (!dev->answered) {
			dev->answered = true;
			dev->answered_at = jiffies;
		}
		if (time_after_eq(jiffies, dev->answered_at +
				  SWAPNET_FENCE_HOLD) &&
		    time_after_eq(jiffies, dev->fenced_at +
				  SWAPNET_FENCE_SETTLE)) {
			WRITE_ONCE(dev->fence, SWAPNET_FENCE_NONE);
			lift = true;
		}
	}
	spin_unlock_irqrestore(&dev->io_lock, flags);
	if (!lift)
		return;
	pr_info("%s: server %s answers again: fence lifted after %u s, failfast requests are sent again\n",
		dev->name, dev->cfg.server_name,
		jiffies_to_msecs(jiffies - dev->fenced_at) / 1000);
	swapnet_state_ok(dev);
}

/* Any reply but a refusal (rpciod, dev->wq). */
static void swapnet_alive(struct swapnet_dev *dev)
{
	WRITE_ONCE(dev->last_reply, jiffies);
	if (READ_ONCE(dev->group_held))
		WRITE_ONCE(dev->group_held, false);
	if (READ_ONCE(dev->fence) == SWAPNET_FENCE_NONE)
		swapnet_state_ok(dev);
	else
		swapnet_fence_lift(dev);
}

static void swapnet_ping_done(struct rpc_task *task, void *calldata)
{
	if (!task->tk_status)
		swapnet_alive(calldata);
}

static void swapnet_ping_release(void *calldata)
{
	struct swapnet_dev *dev = calldata;

	clear_bit(0, &dev->ping_busy);
}

static const struct rpc_call_ops swapnet_ping_ops = {
	.rpc_call_done = swapnet_ping_done,
	.rpc_release = swapnet_ping_release,
};

/*
 * FENCED: a NULL call, hard, on the preallocated ping_task, so that the
 * server's return is seen when no request is sent (md sends nothing to
 * a failed leg).
 */
static void swapnet_ping(struct swapnet_dev *dev)
{
	struct rpc_task_setup setup = {
		.task = &dev->ping_task,
		.rpc_client = dev->clnt,
		.rpc_message = &dev->ping_msg,
		.callback_ops = &swapnet_ping_ops,
		.callback_data = dev,
		.workqueue = dev->wq,
		.rpc_op_cred = dev->op_cred,
		.flags = RPC_TASK_ASYNC,
	};
	struct rpc_task *task;

	if (test_and_set_bit(0, &dev->ping_busy))
		return;
	dev->ping_msg.rpc_proc = &swapnet_nfs3_procs[SWAPNET_PROC_NULL];
	dev->ping_msg.rpc_cred = dev->cred;
	/* preallocated task: allocates nothing, cannot fail (above) */
	task = rpc_run_task(&setup);
	if (WARN_ON_ONCE(IS_ERR(task)))
		return;
	rpc_put_task_async(task);
}

/*
 * FENCING: cancel again every HZ / 10 (a task that was restarting when
 * the cancellation came has it cleared by rpc_restart_call); FENCED: a
 * ping every second until the fence comes down.
 */
static void swapnet_fence_work(struct work_struct *work)
{
	struct swapnet_dev *dev = container_of(to_delayed_work(work),
					       struct swapnet_dev, fence_work);

	switch (READ_ONCE(dev->fence)) {
	case SWAPNET_FENCING:
		rpc_cancel_tasks(dev->clnt, SWAPNET_FENCE_ERR,
				 swapnet_is_io_task, NULL);
		swapnet_fence_check(dev);
		queue_delayed_work(dev->wq, &dev->fence_work, HZ / 10);
		return;
	case SWAPNET_FENCED:
		swapnet_ping(dev);
		queue_delayed_work(dev->wq, &dev->fence_work, HZ);
		return;
	default:
		return;
	}
}

void swapnet_fence_stop(struct swapnet_dev *dev)
{
	cancel_delayed_work_sync(&dev->fence_work);
}

/*
 * The block layer calls this for a request in flight every rq->timeout
 * (set in queue_rq).  A slow server is never a reason to fail a
 * request; a call without a reply for the major timeout makes the
 * device NOT RESPONDING.
 */
enum blk_eh_timer_return swapnet_timeout(struct request *rq)
{
	struct swapnet_req *cmd = blk_mq_rq_to_pdu(rq);
	struct swapnet_dev *dev = cmd->dev;
	unsigned long major = swapnet_major_timeout(dev);
	unsigned long age = jiffies - READ_ONCE(cmd->attempt);
	unsigned int ff = READ_ONCE(dev->failfast_timeo_s);

	/*
	 * A failfast request, or any request of an ARMED device (md's
	 * failfast leg while another leg works), in flight or parked: no
	 * reply to it, and none from the server at all, for failfast_timeo.
	 * Held by a fence: left alone.  Never md's last leg (PLAIN), even
	 * for a failfast request: md marks its superblock and bitmap
	 * writes failfast there too.  A device that never got a failfast
	 * bio is never ARMED: for it this is one read of ff_said.  A leg of
	 * a mirror group fences only while another leg answers
	 * (swapnet_fence); until then this asks again every tick.
	 */
	if (swapnet_ff_may_fence_dev(dev, cmd->failfast) && ff &&
	    READ_ONCE(dev->fence) == SWAPNET_FENCE_NONE) {
		unsigned long since = READ_ONCE(cmd->ff_since);
		unsigned long heard = READ_ONCE(dev->last_reply);

		if (time_after(heard, since))
			since = heard;
		if (time_after_eq(jiffies, since + (unsigned long)ff * HZ))
			swapnet_fence(dev, ff, cmd->failfast);
	}
	/*
	 * A parked request has sent nothing yet: it says nothing about the
	 * server (the requests in flight ahead of it do).
	 */
	if (READ_ONCE(cmd->parked))
		return BLK_EH_RESET_TIMER;
	if ((long)age >= (long)major)
		swapnet_state_trouble(dev, SWAPNET_STATE_NOT_RESPONDING,
				      "no reply for %lu s", major / HZ);
	return BLK_EH_RESET_TIMER;
}

void swapnet_io_init(struct swapnet_dev *dev, unsigned int slots)
{
	spin_lock_init(&dev->io_lock);
	INIT_LIST_HEAD(&dev->parked_writes);
	INIT_LIST_HEAD(&dev->parked_reads);
	INIT_LIST_HEAD(&dev->fence_fail);
	INIT_LIST_HEAD(&dev->fence_resend);
	INIT_DELAYED_WORK(&dev->fence_work, swapnet_fence_work);
	dev->failfast_timeo_s = READ_ONCE(swapnet_failfast_timeo_s);
	dev->last_reply = jiffies;
	dev->ff_said = SWAPNET_FF_NONE;	/* no failfast bio yet */
	INIT_LIST_HEAD(&dev->group_node);	/* swapnet_group_join */
	/*
	 * Never more RPCs than the transport has preallocated slots (a
	 * call beyond them makes SUNRPC allocate one under memory
	 * pressure): queue_depth WRITEs and as many READs as fit, at
	 * least one of each (SUNRPC preallocates at least 2).
	 */
	slots = max(slots, 2U);
	dev->queue_depth = clamp(swapnet_queue_depth, 1U, slots - 1);
	dev->read_depth = min(swapnet_queue_depth, slots - dev->queue_depth);
	dev->read_depth = max(dev->read_depth, 1U);
}

void swapnet_io_kill(struct swapnet_dev *dev)
{
	unsigned long flags;

	/* the next completion of each kind fails what is parked */
	spin_lock_irqsave(&dev->io_lock, flags);
	WRITE_ONCE(dev->io_killed, true);
	spin_unlock_irqrestore(&dev->io_lock, flags);
}

void swapnet_io_parked(struct swapnet_dev *dev, unsigned int *writes,
		       unsigned int *reads, unsigned int *writes_max)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->io_lock, flags);
	*writes = dev->nr_parked_writes;
	*reads = dev->nr_parked_reads;
	*writes_max = dev->parked_writes_max;
	spin_unlock_irqrestore(&dev->io_lock, flags);
}

int swapnet_io_bind_cred(struct swapnet_dev *dev)
{
	struct rpc_auth *auth = dev->clnt->cl_auth;
	struct auth_cred acred = { .cred = dev->cred };
	struct rpc_cred *cred;

	cred = auth->au_ops->lookup_cred(auth, &acred, 0);
	if (IS_ERR(cred))
		return PTR_ERR(cred);
	dev->op_cred = cred;
	return 0;
}

void swapnet_io_put_cred(struct swapnet_dev *dev)
{
	put_rpccred(dev->op_cred);
	dev->op_cred = NULL;
}

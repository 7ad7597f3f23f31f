// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: block requests to NFSv3 READ/WRITE calls.
 *
 * A request becomes one asynchronous rpc_task whose memory is the
 * request's PDU: task, message, arguments, results and page array.  No
 * allocation of ours happens between queue_rq and completion.
 *
 * Life of a request:
 *   queue_rq: fill the page array, rpc_run_task(), drop our reference
 *     with rpc_put_task_async() (queue_rq must not sleep).
 *   rpc_call_done (rpciod): look at the result; short transfers and
 *     transient faults restart the same task; otherwise record the
 *     block status.
 *   rpc_release (the device's WQ_MEM_RECLAIM workqueue, once SUNRPC has
 *     finished with the task): end the block request.  Completing any
 *     earlier would let blk-mq reuse the PDU while SUNRPC still touches
 *     the task after rpc_call_done.
 *
 * Hard semantics: the tasks are soft with RPC_TASK_TIMEOUT only so that
 * SUNRPC reports a major timeout (-ETIMEDOUT after timeo × retrans);
 * swapnet then marks the server NOT RESPONDING and restarts the same
 * task after a capped backoff, forever.  Only a permanent nfsstat3
 * (STALE, NOSPC, IO, ACCES, ...) fails a request.
 */
#include <linux/blk-mq.h>
#include <linux/sunrpc/clnt.h>
#include <linux/sunrpc/sched.h>

#include "internal.h"

#define SWAPNET_JUKEBOX_DELAY	(5 * HZ)

static unsigned long swapnet_backoff(struct swapnet_req *cmd)
{
	unsigned long cap = (unsigned long)swapnet_max_backoff_s * HZ;
	unsigned int shift = min(cmd->backoff, 8U);
	unsigned long delay = (HZ / 4) << shift;

	cmd->backoff++;
	return clamp(delay, 1UL, max(cap, 1UL));
}

/* Restart the same task later: no allocation, nothing visible above. */
static void swapnet_retry(struct rpc_task *task, struct swapnet_req *cmd,
			  unsigned long delay)
{
	atomic64_inc(&cmd->dev->stats.retries);
	if (delay)
		rpc_delay(task, delay);
	rpc_restart_call_prepare(task);
}

static bool swapnet_is_transient(int status)
{
	switch (status) {
	case -EACCES:		/* the server rejected our credential */
	case -EKEYREJECTED:
		return false;
	default:
		return true;
	}
}

static void swapnet_fail(struct swapnet_req *cmd, s32 err, const char *why)
{
	struct swapnet_dev *dev = cmd->dev;

	atomic_set(&dev->stats.last_error, err);
	cmd->status = BLK_STS_IOERR;
	pr_err_ratelimited("%s: %s %s at offset %llu on %s:%s failed: %s %d\n",
			   dev->name,
			   cmd->msg.rpc_proc->p_name, why, cmd->args.offset,
			   dev->cfg.server_name, dev->cfg.path,
			   err > 0 ? "nfsstat3" : "error", err);
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

static void swapnet_call_done(struct rpc_task *task, void *calldata)
{
	struct swapnet_req *cmd = calldata;
	struct swapnet_dev *dev = cmd->dev;
	int status = task->tk_status;

	if (status < 0) {
		if (RPC_SIGNALLED(task)) {
			/* rpc_killall_tasks: the client is being shut down */
			swapnet_fail(cmd, status, "killed");
			return;
		}
		if (!swapnet_is_transient(status)) {
			swapnet_fail(cmd, status, "rejected");
			return;
		}
		atomic_set(&dev->stats.last_error, status);
		if (status == -ETIMEDOUT)
			swapnet_set_state(dev, SWAPNET_STATE_NOT_RESPONDING);
		swapnet_retry(task, cmd, swapnet_backoff(cmd));
		return;
	}

	switch (cmd->res.status) {
	case SWAPNET_NFS3_OK:
		break;
	case SWAPNET_NFS3ERR_JUKEBOX:
		/* the server is busy (e.g. recalling the file): wait */
		atomic_set(&dev->stats.last_error, cmd->res.status);
		swapnet_retry(task, cmd, SWAPNET_JUKEBOX_DELAY);
		return;
	default:
		swapnet_fail(cmd, cmd->res.status, "failed");
		return;
	}

	/* the server answered: it is alive again */
	swapnet_set_state(dev, SWAPNET_STATE_OK);

	if (cmd->res.count > cmd->args.count) {
		swapnet_fail(cmd, -EIO, "overlong reply");
		return;
	}
	if (cmd->res.count == 0) {
		if (rq_data_dir(blk_mq_rq_from_pdu(cmd)) == READ &&
		    cmd->res.eof) {
			/* the file shrank under us: permanent */
			swapnet_fail(cmd, -ENXIO, "beyond end of file");
			return;
		}
		/* no progress: do not spin on the server */
		swapnet_retry(task, cmd, swapnet_backoff(cmd));
		return;
	}
	cmd->backoff = 0;
	swapnet_advance(cmd, cmd->res.count);
	if (cmd->args.count) {
		/* short READ or WRITE: continue where it stopped */
		swapnet_retry(task, cmd, 0);
		return;
	}
	cmd->status = BLK_STS_OK;
}

/* Runs on dev->wq after SUNRPC let go of the task (rpc_free_task). */
static void swapnet_release(void *calldata)
{
	struct swapnet_req *cmd = calldata;
	struct request *rq = blk_mq_rq_from_pdu(cmd);
	struct swapnet_dev *dev = cmd->dev;

	atomic_dec(&dev->stats.inflight);
	if (cmd->status == BLK_STS_OK)
		swapnet_stats_account(dev, rq_data_dir(rq) == WRITE,
				      cmd->total, cmd->start_ns);
	else
		atomic64_inc(&dev->stats.errors);
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
			cmd->args.pgbase = bv.bv_offset;
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

blk_status_t swapnet_queue_rq(struct blk_mq_hw_ctx *hctx,
			      const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	struct swapnet_req *cmd = blk_mq_rq_to_pdu(rq);
	struct swapnet_dev *dev = hctx->queue->queuedata;
	struct rpc_task_setup setup = {
		.task = &cmd->task,
		.rpc_client = dev->clnt,
		.rpc_message = &cmd->msg,
		.callback_ops = &swapnet_call_ops,
		.callback_data = cmd,
		.workqueue = dev->wq,
		/*
		 * Reads are SWAPPER too: a swap-in is what lets a task
		 * under memory pressure make progress (and exit, freeing
		 * memory), and what it may take from the reserves is
		 * bounded: one small RPC buffer and one request skb per
		 * queue slot, at most queue_depth of them.
		 */
		.flags = RPC_TASK_ASYNC | RPC_TASK_SWAPPER |
			 RPC_TASK_SOFT | RPC_TASK_TIMEOUT,
	};
	struct rpc_task *task;
	bool write;

	switch (req_op(rq)) {
	case REQ_OP_READ:
		write = false;
		break;
	case REQ_OP_WRITE:
		write = true;
		break;
	case REQ_OP_FLUSH:
		/* every WRITE is FILE_SYNC: nothing is ever cached */
		blk_mq_start_request(rq);
		blk_mq_end_request(rq, BLK_STS_OK);
		return BLK_STS_OK;
	default:
		return BLK_STS_NOTSUPP;
	}

	blk_mq_start_request(rq);
	cmd->dev = dev;
	cmd->total = blk_rq_bytes(rq);
	cmd->done = 0;
	cmd->backoff = 0;
	cmd->status = BLK_STS_IOERR;
	cmd->args.fh = dev->cfg.fh;
	cmd->args.fh_len = dev->cfg.fh_len;
	cmd->args.offset = (u64)blk_rq_pos(rq) << SECTOR_SHIFT;
	cmd->args.count = cmd->total;
	cmd->args.pages = cmd->pages;
	if (swapnet_map_pages(rq, cmd)) {
		pr_err_ratelimited("%s: request does not fit the page array\n",
				   dev->name);
		return BLK_STS_IOERR;
	}
	memset(&cmd->res, 0, sizeof(cmd->res));
	cmd->msg.rpc_proc = &swapnet_nfs3_procs[write ? SWAPNET_PROC_WRITE :
						SWAPNET_PROC_READ];
	cmd->msg.rpc_argp = &cmd->args;
	cmd->msg.rpc_resp = &cmd->res;
	cmd->msg.rpc_cred = dev->cred;
	cmd->start_ns = ktime_get_ns();
	atomic_inc(&dev->stats.inflight);

	/* With setup.task set, rpc_run_task() allocates nothing. */
	task = rpc_run_task(&setup);
	if (WARN_ON_ONCE(IS_ERR(task))) {
		atomic_dec(&dev->stats.inflight);
		return BLK_STS_IOERR;
	}
	/* Not the last reference unless it already finished: never sleeps. */
	rpc_put_task_async(task);
	return BLK_STS_OK;
}

/* Hard semantics: a slow server is never a reason to fail a request. */
enum blk_eh_timer_return swapnet_timeout(struct request *rq)
{
	return BLK_EH_RESET_TIMER;
}

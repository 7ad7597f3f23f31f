// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: per-device counters and lost requests (the server state is
 * in server.c).
 *
 * Counters are plain atomics updated from completion context; readers
 * (DEV_GET, sysfs) take a snapshot without locking, so two counters may
 * be one request apart.
 */
#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "internal.h"

void swapnet_stats_account(struct swapnet_dev *dev, bool write, u32 bytes,
			   u64 start_ns)
{
	struct swapnet_stats *st = &dev->stats;
	u64 us = div_u64(ktime_get_ns() - start_ns, NSEC_PER_USEC);
	s64 max = atomic64_read(&st->latency_max_us);

	if (write) {
		atomic64_inc(&st->writes);
		atomic64_add(bytes, &st->write_bytes);
	} else {
		atomic64_inc(&st->reads);
		atomic64_add(bytes, &st->read_bytes);
	}
	atomic64_add(us, &st->latency_sum_us);
	while ((u64)max < us) {
		s64 old = atomic64_cmpxchg(&st->latency_max_us, max, us);

		if (old == max)
			break;
		max = old;
	}
}

void swapnet_stats_snapshot(struct swapnet_dev *dev,
			    struct swapnet_stats_snap *snap)
{
	struct swapnet_stats *st = &dev->stats;

	snap->reads = atomic64_read(&st->reads);
	snap->writes = atomic64_read(&st->writes);
	snap->read_bytes = atomic64_read(&st->read_bytes);
	snap->write_bytes = atomic64_read(&st->write_bytes);
	snap->inflight = atomic_read(&st->inflight);
	/* SUNRPC counts retransmissions in the per-device rpc_stat */
	snap->retrans = READ_ONCE(dev->rpcstat.rpcretrans);
	snap->retries = atomic64_read(&st->retries);
	snap->latency_sum_us = atomic64_read(&st->latency_sum_us);
	snap->latency_max_us = atomic64_read(&st->latency_max_us);
	snap->errors = atomic64_read(&st->errors);
	snap->last_error = atomic_read(&st->last_error);
	snap->commits = atomic64_read(&st->commits);
	snap->write_resends = atomic64_read(&st->write_resends);
	snap->reclaim_reqs = atomic64_read(&st->reclaim_reqs);
	snap->verify_errors = atomic64_read(&st->verify_errors);
	snap->verify_rereads = atomic64_read(&st->verify_rereads);
}

/*
 * Lost requests.  Recorded from any context (rpciod, the block layer's
 * submission, dev->wq) under an irq-safe lock into a ring of the last
 * SWAPNET_LOST_RECENT; work sends each as EVT_LOST (building it
 * allocates).  A swap-in that fails kills the process that faulted:
 * its log line is never rate-limited.
 */
void swapnet_lost(struct swapnet_dev *dev, bool write, u64 offset, u32 len,
		  s32 err, const char *why)
{
	struct swapnet_losses *l = &dev->losses;
	struct swapnet_loss *e;
	unsigned long flags;
	u64 seq;

	spin_lock_irqsave(&l->lock, flags);
	seq = ++l->seq;
	e = &l->ring[(seq - 1) % SWAPNET_LOST_RECENT];
	e->seq = seq;
	e->time_ns = ktime_get_real_ns();
	e->offset = offset;
	e->len = len;
	e->err = err;
	e->write = write;
	e->why = why;
	spin_unlock_irqrestore(&l->lock, flags);

	if (write)
		pr_err_ratelimited("%s: lost WRITE of %u bytes at offset %llu on %s:%s: %s (%s %d)\n",
				   dev->name, len, offset, dev->cfg.server_name,
				   dev->cfg.path, why,
				   err > 0 ? "nfsstat3" : "error", err);
	else
		pr_err("%s: lost READ of %u bytes at offset %llu on %s:%s: %s (%s %d)\n",
		       dev->name, len, offset, dev->cfg.server_name,
		       dev->cfg.path, why, err > 0 ? "nfsstat3" : "error", err);
	schedule_work(&l->work);
}

static void swapnet_lost_work(struct work_struct *work)
{
	struct swapnet_losses *l = container_of(work, struct swapnet_losses,
						work);
	struct swapnet_dev *dev = container_of(l, struct swapnet_dev, losses);
	struct swapnet_loss e;

	for (;;) {
		spin_lock_irq(&l->lock);
		if (l->sent == l->seq) {
			spin_unlock_irq(&l->lock);
			return;
		}
		/* fallen behind the ring: the gap in seq says how far */
		if (l->seq - l->sent > SWAPNET_LOST_RECENT)
			l->sent = l->seq - SWAPNET_LOST_RECENT;
		e = l->ring[l->sent % SWAPNET_LOST_RECENT];
		l->sent++;
		spin_unlock_irq(&l->lock);
		swapnet_event_lost(dev, &e);
	}
}

void swapnet_lost_init(struct swapnet_dev *dev)
{
	spin_lock_init(&dev->losses.lock);
	INIT_WORK(&dev->losses.work, swapnet_lost_work);
}

void swapnet_lost_stop(struct swapnet_dev *dev)
{
	cancel_work_sync(&dev->losses.work);
}

unsigned int swapnet_lost_recent(struct swapnet_dev *dev,
				 struct swapnet_loss *out)
{
	struct swapnet_losses *l = &dev->losses;
	unsigned long flags;
	unsigned int n, i;
	u64 first;

	spin_lock_irqsave(&l->lock, flags);
	n = min_t(u64, l->seq, SWAPNET_LOST_RECENT);
	first = l->seq - n;
	for (i = 0; i < n; i++)
		out[i] = l->ring[(first + i) % SWAPNET_LOST_RECENT];
	spin_unlock_irqrestore(&l->lock, flags);
	return n;
}

u64 swapnet_lost_count(struct swapnet_dev *dev)
{
	unsigned long flags;
	u64 n;

	spin_lock_irqsave(&dev->losses.lock, flags);
	n = dev->losses.seq;
	spin_unlock_irqrestore(&dev->losses.lock, flags);
	return n;
}

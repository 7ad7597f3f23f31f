// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: per-device counters and the server state.
 *
 * Counters are plain atomics updated from completion context; readers
 * (DEV_GET, sysfs) take a snapshot without locking, so two counters may
 * be one request apart.
 */
#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/math64.h>

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
}

/*
 * Record a server state transition once: the first major timeout makes
 * the device NOT RESPONDING, the first successful reply after that makes
 * it OK again.  Called from rpciod; the log line is printed here, the
 * netlink event is sent from process context (event_work) because
 * building it allocates.
 */
void swapnet_set_state(struct swapnet_dev *dev, enum swapnet_state state)
{
	int old = state == SWAPNET_STATE_OK ? SWAPNET_STATE_NOT_RESPONDING :
					       SWAPNET_STATE_OK;

	if (atomic_read(&dev->state) != old ||
	    atomic_cmpxchg(&dev->state, old, state) != old)
		return;
	if (state == SWAPNET_STATE_OK)
		pr_info("%s: server %s OK\n", dev->name, dev->cfg.server_name);
	else
		pr_warn("%s: server %s not responding, still trying\n",
			dev->name, dev->cfg.server_name);
	atomic_inc(&dev->transitions);
	schedule_work(&dev->event_work);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: swap block devices backed by a swapfile on an NFS server,
 * spoken to through the kernel's SUNRPC client.  Module entry points and
 * parameters; see swapnet(4).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <net/genetlink.h>

#include "internal.h"

/*
 * Small: a swap-in READ waits behind the WRITEs in flight ahead of it.
 * A server whose stable writes are slow may need more (swapnet(4)).
 */
unsigned int swapnet_queue_depth = 4;
module_param_named(queue_depth, swapnet_queue_depth, uint, 0444);
MODULE_PARM_DESC(queue_depth,
		 "Requests in flight per device, further capped by the transport's preallocated slots (sunrpc tcp_slot_table_entries) (default 4)");

/*
 * The writable parameters are checked on every write, not only at load:
 * a DEV_ADD takes its defaults from them.  An out-of-range value is
 * refused (-EINVAL) and the old one stays.
 */
static int swapnet_param_set_range(const char *val,
				   const struct kernel_param *kp,
				   unsigned int min, unsigned int max)
{
	unsigned int n;
	int err;

	err = kstrtouint(val, 0, &n);
	if (err)
		return err;
	if (n < min || n > max) {
		pr_err("swapnet: %s must be %u..%u\n", kp->name, min, max);
		return -EINVAL;
	}
	WRITE_ONCE(*(unsigned int *)kp->arg, n);
	return 0;
}

#define SWAPNET_RANGE_PARAM(name, min, max)				\
static int swapnet_set_##name(const char *val,				\
			      const struct kernel_param *kp)		\
{									\
	return swapnet_param_set_range(val, kp, min, max);		\
}									\
static const struct kernel_param_ops swapnet_##name##_ops = {		\
	.set = swapnet_set_##name,					\
	.get = param_get_uint,						\
}

SWAPNET_RANGE_PARAM(max_backoff_s, 1, SWAPNET_MAX_BACKOFF_S);
SWAPNET_RANGE_PARAM(timeo_ds, SWAPNET_MIN_TIMEO_DS, SWAPNET_MAX_TIMEO_DS);
SWAPNET_RANGE_PARAM(retrans, SWAPNET_MIN_RETRANS, SWAPNET_MAX_RETRANS);

unsigned int swapnet_max_backoff_s = 15;
module_param_cb(max_backoff_s, &swapnet_max_backoff_s_ops,
		&swapnet_max_backoff_s, 0644);
MODULE_PARM_DESC(max_backoff_s,
		 "Cap, in seconds, of the delay before a failed RPC is retried and of the reconnect delay, 1..3600 (default 15)");

unsigned int swapnet_default_timeo_ds = SWAPNET_DEFAULT_TIMEO_DS;
module_param_cb(timeo_ds, &swapnet_timeo_ds_ops, &swapnet_default_timeo_ds,
		0644);
MODULE_PARM_DESC(timeo_ds,
		 "RPC timeout in tenths of a second for devices added without SWAPNET_A_TIMEO_DS, 10..6000 (default 600)");

unsigned int swapnet_default_retrans = SWAPNET_DEFAULT_RETRANS;
module_param_cb(retrans, &swapnet_retrans_ops, &swapnet_default_retrans,
		0644);
MODULE_PARM_DESC(retrans,
		 "Retransmissions before a server is not responding, for devices added without SWAPNET_A_RETRANS, 1..10 (default 2)");

static int __init swapnet_init(void)
{
	int err;

	/* the writable parameters were checked by their set() */
	if (!swapnet_queue_depth || swapnet_queue_depth > 1024) {
		pr_err("swapnet: queue_depth must be 1..1024\n");
		return -EINVAL;
	}
	err = swapnet_blkdev_init();
	if (err)
		return err;
	err = swapnet_genl_init();
	if (err) {
		swapnet_blkdev_exit();
		return err;
	}
	pr_info("swapnet: version %s loaded\n", SWAPNET_VERSION);
	return 0;
}

static void __exit swapnet_exit(void)
{
	/*
	 * First no event and no new DEV_ADD (netlink.c: an event posted
	 * while the family goes could reach another family's group), then
	 * the devices, none of them open: each cancels its work items
	 * (events, losses, heartbeat, STALE check) before it is freed.
	 */
	swapnet_genl_exit();
	swapnet_dev_remove_all();
	swapnet_blkdev_exit();
}

module_init(swapnet_init);
module_exit(swapnet_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Swap block devices backed by a file on an NFS server");
MODULE_VERSION(SWAPNET_VERSION);
MODULE_ALIAS_GENL_FAMILY(SWAPNET_GENL_NAME);

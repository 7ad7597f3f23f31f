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

unsigned int swapnet_queue_depth = 16;
module_param_named(queue_depth, swapnet_queue_depth, uint, 0444);
MODULE_PARM_DESC(queue_depth,
		 "Requests in flight per device, further capped by the transport's preallocated slots (sunrpc tcp_slot_table_entries) (default 16)");

unsigned int swapnet_max_backoff_s = 15;
module_param_named(max_backoff_s, swapnet_max_backoff_s, uint, 0644);
MODULE_PARM_DESC(max_backoff_s,
		 "Cap, in seconds, of the delay before a failed RPC is retried and of the reconnect delay (default 15)");

unsigned int swapnet_default_timeo_ds = SWAPNET_DEFAULT_TIMEO_DS;
module_param_named(timeo_ds, swapnet_default_timeo_ds, uint, 0644);
MODULE_PARM_DESC(timeo_ds,
		 "RPC timeout in tenths of a second for devices added without SWAPNET_A_TIMEO_DS (default 600)");

unsigned int swapnet_default_retrans = SWAPNET_DEFAULT_RETRANS;
module_param_named(retrans, swapnet_default_retrans, uint, 0644);
MODULE_PARM_DESC(retrans,
		 "Retransmissions before a server is not responding, for devices added without SWAPNET_A_RETRANS (default 2)");

static int __init swapnet_init(void)
{
	int err;

	if (!swapnet_queue_depth || swapnet_queue_depth > 1024 ||
	    swapnet_default_timeo_ds < 10 || swapnet_default_timeo_ds > 6000 ||
	    swapnet_default_retrans < 1 || swapnet_default_retrans > 10) {
		pr_err("swapnet: queue_depth must be 1..1024, timeo_ds 10..6000, retrans 1..10\n");
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
	/* first: no new DEV_ADD; then the devices, none of them open */
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

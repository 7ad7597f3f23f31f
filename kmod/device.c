// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: /dev/swapnetN, the blk-mq device and its lifetime.
 *
 * Devices live in an idr under swapnet_devs_lock.  An index is reserved
 * (NULL entry) while a device is being built, so the slow part of
 * DEV_ADD (connecting, GETATTR) does not block DEV_GET or other adds.
 *
 * Teardown order: refuse new opens and remove from the idr, then
 * del_gendisk (waits for the last request), swap-deactivate and shut the
 * RPC client down, drain and destroy the workqueue, free disk and tags.
 */
#include <linux/blkdev.h>
#include <linux/blk-mq.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "internal.h"

/* one minor per device; no partitions */
#define SWAPNET_MAX_DEVS	256

static DEFINE_MUTEX(swapnet_devs_lock);
static DEFINE_IDR(swapnet_idr);
static int swapnet_major;

static int swapnet_open(struct block_device *bdev, fmode_t mode)
{
	struct swapnet_dev *dev = bdev->bd_disk->private_data;
	int err = 0;

	mutex_lock(&dev->open_lock);
	if (dev->removing)
		err = -ENXIO;
	else
		dev->open_count++;
	mutex_unlock(&dev->open_lock);
	return err;
}

static void swapnet_release_bdev(struct gendisk *disk, fmode_t mode)
{
	struct swapnet_dev *dev = disk->private_data;

	mutex_lock(&dev->open_lock);
	dev->open_count--;
	mutex_unlock(&dev->open_lock);
}

/*
 * .owner makes every open hold a module reference: rmmod cannot run
 * while a device is open, so module exit never meets a busy device.
 */
static const struct block_device_operations swapnet_fops = {
	.owner = THIS_MODULE,
	.open = swapnet_open,
	.release = swapnet_release_bdev,
};

static int swapnet_init_request(struct blk_mq_tag_set *set,
				struct request *rq, unsigned int hctx_idx,
				unsigned int numa_node)
{
	struct swapnet_dev *dev = set->driver_data;
	struct swapnet_req *cmd = blk_mq_rq_to_pdu(rq);

	cmd->dev = dev;
	cmd->nr_pages = dev->max_bytes / PAGE_SIZE + 1;
	return 0;
}

static const struct blk_mq_ops swapnet_mq_ops = {
	.queue_rq = swapnet_queue_rq,
	.timeout = swapnet_timeout,
	.init_request = swapnet_init_request,
};

unsigned int swapnet_dev_open_count(struct swapnet_dev *dev)
{
	unsigned int n;

	mutex_lock(&dev->open_lock);
	n = dev->open_count;
	mutex_unlock(&dev->open_lock);
	return n;
}

static int swapnet_init_disk(struct swapnet_dev *dev,
			     struct netlink_ext_ack *extack)
{
	unsigned int nr_pages = dev->max_bytes / PAGE_SIZE + 1;
	struct blk_mq_tag_set *set = &dev->tag_set;
	struct request_queue *q;
	struct gendisk *disk;
	int err;

	set->ops = &swapnet_mq_ops;
	set->nr_hw_queues = 1;
	set->queue_depth = dev->queue_depth;
	set->numa_node = NUMA_NO_NODE;
	set->cmd_size = struct_size((struct swapnet_req *)NULL, pages,
				    nr_pages);
	/* no I/O scheduler: a network file gains nothing from reordering */
	set->flags = BLK_MQ_F_SHOULD_MERGE | BLK_MQ_F_NO_SCHED_BY_DEFAULT;
	set->driver_data = dev;
	err = blk_mq_alloc_tag_set(set);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot allocate the request tags");
		return err;
	}

	disk = blk_mq_alloc_disk(set, dev);
	if (IS_ERR(disk)) {
		err = PTR_ERR(disk);
		NL_SET_ERR_MSG_MOD(extack, "cannot allocate the disk");
		goto out_tags;
	}
	q = disk->queue;
	blk_queue_logical_block_size(q, SZ_4K);
	blk_queue_physical_block_size(q, SZ_4K);
	blk_queue_io_min(q, SZ_4K);
	blk_queue_max_hw_sectors(q, dev->max_bytes >> SECTOR_SHIFT);
	blk_queue_max_segments(q, nr_pages);
	/* a request's pages must form one xdr page array */
	blk_queue_virt_boundary(q, PAGE_SIZE - 1);
	blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
	blk_queue_flag_clear(QUEUE_FLAG_ADD_RANDOM, q);
	/* no volatile cache (every WRITE is FILE_SYNC), no discard */
	blk_queue_write_cache(q, false, false);

	disk->major = swapnet_major;
	disk->first_minor = dev->index;
	disk->minors = 1;
	disk->flags |= GENHD_FL_NO_PART;
	disk->fops = &swapnet_fops;
	disk->private_data = dev;
	strscpy(disk->disk_name, dev->name, sizeof(disk->disk_name));
	set_capacity(disk, dev->cfg.size >> SECTOR_SHIFT);
	dev->disk = disk;

	err = device_add_disk(NULL, disk, swapnet_disk_groups);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot register the disk");
		goto out_disk;
	}
	/*
	 * Writeback throttling aims at 2 ms read latency on non-rotational
	 * devices; an RPC round trip is longer, so it would take every
	 * request as congestion and hold kswapd's swap writes to a depth
	 * of one.  The queue depth already bounds writes in flight.  (The
	 * administrator can still enable it in queue/wbt_lat_usec.)
	 */
	wbt_disable_default(q);
	return 0;

out_disk:
	put_disk(disk);
	dev->disk = NULL;
out_tags:
	blk_mq_free_tag_set(set);
	return err;
}

static void swapnet_dev_free(struct swapnet_dev *dev)
{
	if (dev->wq)
		destroy_workqueue(dev->wq);
	kfree(dev);
}

struct swapnet_dev *swapnet_dev_create(const struct swapnet_config *cfg,
				       struct netlink_ext_ack *extack)
{
	struct swapnet_dev *dev;
	int err;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev->cfg = *cfg;
	mutex_init(&dev->open_lock);
	atomic_set(&dev->state, SWAPNET_STATE_OK);
	INIT_WORK(&dev->event_work, swapnet_event_work);

	mutex_lock(&swapnet_devs_lock);
	err = idr_alloc(&swapnet_idr, NULL, 0, SWAPNET_MAX_DEVS, GFP_KERNEL);
	mutex_unlock(&swapnet_devs_lock);
	if (err < 0) {
		NL_SET_ERR_MSG_MOD(extack, "too many swapnet devices");
		kfree(dev);
		return ERR_PTR(err == -ENOSPC ? -EMFILE : err);
	}
	dev->index = err;
	snprintf(dev->name, sizeof(dev->name), "swapnet%d", dev->index);

	dev->wq = alloc_workqueue("%s", WQ_MEM_RECLAIM, 0, dev->name);
	if (!dev->wq) {
		err = -ENOMEM;
		NL_SET_ERR_MSG_MOD(extack, "cannot allocate the workqueue");
		goto out_idr;
	}

	err = swapnet_rpc_setup(dev, extack);
	if (err)
		goto out_idr;

	/*
	 * Never more requests than the transport has preallocated slots:
	 * a request beyond them would make SUNRPC allocate a slot under
	 * memory pressure.
	 */
	dev->queue_depth = min(swapnet_queue_depth, swapnet_rpc_slots(dev));
	dev->queue_depth = max(dev->queue_depth, 1U);
	dev->max_bytes = min(dev->cfg.rsize, dev->cfg.wsize);

	err = swapnet_init_disk(dev, extack);
	if (err)
		goto out_rpc;

	mutex_lock(&swapnet_devs_lock);
	idr_replace(&swapnet_idr, dev, dev->index);
	mutex_unlock(&swapnet_devs_lock);
	pr_info("%s: %s:%s, %llu MiB, queue depth %u, max request %u KiB\n",
		dev->name, dev->cfg.server_name, dev->cfg.path,
		dev->cfg.size >> 20, dev->queue_depth, dev->max_bytes >> 10);
	swapnet_event(dev, SWAPNET_CMD_EVT_ADDED);
	return dev;

out_rpc:
	swapnet_rpc_teardown(dev);
out_idr:
	mutex_lock(&swapnet_devs_lock);
	idr_remove(&swapnet_idr, dev->index);
	mutex_unlock(&swapnet_devs_lock);
	swapnet_dev_free(dev);
	return ERR_PTR(err);
}

/* The device is out of the idr and can no longer be opened. */
static void swapnet_dev_destroy(struct swapnet_dev *dev)
{
	swapnet_event(dev, SWAPNET_CMD_EVT_REMOVED);
	/* waits for every request, i.e. for the last rpc_release */
	del_gendisk(dev->disk);
	swapnet_rpc_teardown(dev);
	cancel_work_sync(&dev->event_work);
	drain_workqueue(dev->wq);
	put_disk(dev->disk);
	blk_mq_free_tag_set(&dev->tag_set);
	pr_info("%s: removed\n", dev->name);
	swapnet_dev_free(dev);
}

int swapnet_dev_remove(int index, struct netlink_ext_ack *extack)
{
	struct swapnet_dev *dev;

	mutex_lock(&swapnet_devs_lock);
	dev = idr_find(&swapnet_idr, index);
	if (!dev) {
		mutex_unlock(&swapnet_devs_lock);
		NL_SET_ERR_MSG_MOD(extack, "no such swapnet device");
		return -ENODEV;
	}
	mutex_lock(&dev->open_lock);
	if (dev->open_count) {
		mutex_unlock(&dev->open_lock);
		mutex_unlock(&swapnet_devs_lock);
		NL_SET_ERR_MSG_MOD(extack,
				   "device is in use (swapoff it first)");
		return -EBUSY;
	}
	dev->removing = true;
	mutex_unlock(&dev->open_lock);
	idr_remove(&swapnet_idr, index);
	mutex_unlock(&swapnet_devs_lock);

	swapnet_dev_destroy(dev);
	return 0;
}

/*
 * Module exit: no device can be open (an open holds a module reference),
 * and no DEV_ADD can be running (the family is already unregistered).
 */
void swapnet_dev_remove_all(void)
{
	struct swapnet_dev *dev;
	int id;

	mutex_lock(&swapnet_devs_lock);
	idr_for_each_entry(&swapnet_idr, dev, id) {
		idr_remove(&swapnet_idr, id);
		mutex_lock(&dev->open_lock);
		WARN_ON(dev->open_count);
		dev->removing = true;
		mutex_unlock(&dev->open_lock);
		swapnet_dev_destroy(dev);
	}
	mutex_unlock(&swapnet_devs_lock);
	idr_destroy(&swapnet_idr);
}

int swapnet_dev_for_each(int *index,
			 int (*fn)(struct swapnet_dev *dev, void *arg),
			 void *arg)
{
	struct swapnet_dev *dev;
	int id = *index;
	int ret = 0;

	mutex_lock(&swapnet_devs_lock);
	for (dev = idr_get_next(&swapnet_idr, &id); dev;
	     id++, dev = idr_get_next(&swapnet_idr, &id)) {
		ret = fn(dev, arg);
		if (ret)
			break;
	}
	*index = id;
	mutex_unlock(&swapnet_devs_lock);
	return ret;
}

int swapnet_dev_call(int index, int (*fn)(struct swapnet_dev *dev, void *arg),
		     void *arg)
{
	struct swapnet_dev *dev;
	int ret = -ENODEV;

	mutex_lock(&swapnet_devs_lock);
	dev = idr_find(&swapnet_idr, index);
	if (dev)
		ret = fn(dev, arg);
	mutex_unlock(&swapnet_devs_lock);
	return ret;
}

int swapnet_blkdev_init(void)
{
	swapnet_major = register_blkdev(0, "swapnet");
	return swapnet_major < 0 ? swapnet_major : 0;
}

void swapnet_blkdev_exit(void)
{
	unregister_blkdev(swapnet_major, "swapnet");
}

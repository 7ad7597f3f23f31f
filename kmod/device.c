// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: /dev/swapnetN, the blk-mq device and its lifetime.
 *
 * Devices live in an idr under swapnet_devs_lock; the netlink family
 * runs its operations in parallel (parallel_ops), so the lock (or a
 * reference to the gendisk, whose ->free_disk frees the device) is what
 * keeps a device alive.  A device being built holds its index but is not
 * live: lookups skip it, and the slow part of DEV_ADD (connecting,
 * GETATTR) runs without the lock, so it blocks neither DEV_GET nor
 * other adds.
 *
 * Teardown order: refuse new opens and make the device invisible, then
 * del_gendisk (waits for the last request; a forced DEV_DEL kills them),
 * swap-deactivate and shut the RPC client down, destroy the workqueue,
 * free the tags, drop the index; the last disk reference frees the
 * struct.
 */
#include <linux/blkdev.h>
#include <linux/blk-mq.h>
#include <linux/delay.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/sunrpc/addr.h>
#include <net/netlink.h>

#include "internal.h"

/* one minor per device; no partitions */
#define SWAPNET_MAX_DEVS	256

static DEFINE_MUTEX(swapnet_devs_lock);
static DEFINE_IDR(swapnet_idr);
static int swapnet_major;

static int swapnet_open(struct gendisk *disk, blk_mode_t mode)
{
	struct swapnet_dev *dev = disk->private_data;
	int err = 0;

	mutex_lock(&dev->open_lock);
	if (dev->removing)
		err = -ENXIO;
	else
		dev->open_count++;
	mutex_unlock(&dev->open_lock);
	return err;
}

static void swapnet_release_bdev(struct gendisk *disk)
{
	struct swapnet_dev *dev = disk->private_data;

	mutex_lock(&dev->open_lock);
	dev->open_count--;
	mutex_unlock(&dev->open_lock);
}

COMPAT_BDOPS_ADAPTERS(swapnet_open, swapnet_release_bdev);

static void swapnet_free_disk(struct gendisk *disk);

/*
 * .owner makes every open hold a module reference: rmmod cannot run
 * while a device is open, so module exit never meets a busy device.
 */
static const struct block_device_operations swapnet_fops = {
	.owner = THIS_MODULE,
	.open = BDOPS_OPEN(swapnet_open),
	.release = BDOPS_RELEASE(swapnet_release_bdev),
	.free_disk = swapnet_free_disk,
};

static int swapnet_init_request(struct blk_mq_tag_set *set,
				struct request *rq, unsigned int hctx_idx,
				swapnet_numa_node_t numa_node)
{
	struct swapnet_dev *dev = set->driver_data;
	struct swapnet_req *cmd = blk_mq_rq_to_pdu(rq);

	cmd->dev = dev;
	INIT_LIST_HEAD(&cmd->park);
	cmd->meta = false;	/* queue_rq stores it only once failfast */
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
	/*
	 * No features: not rotational, no entropy from I/O timing, no
	 * volatile cache (every WRITE is FILE_SYNC), no discard.
	 *
	 * One request is one READ or WRITE of at most max_bytes into one
	 * xdr page array: virt_boundary_mask makes every segment but the
	 * first start on a page boundary and every one but the last end on
	 * one.  Large folios (mTHP swap-out, 6.10+) arrive as multi-page
	 * bvecs; the block layer splits them at max_hw_sectors, and
	 * rq_for_each_segment() still hands io.c one page at a time, at
	 * most max_bytes / PAGE_SIZE + 1 of them (pgbase in the first).
	 */
	struct queue_limits lim = {
		.logical_block_size = SZ_4K,
		.physical_block_size = SZ_4K,
		.io_min = SZ_4K,
		.max_hw_sectors = dev->max_bytes >> SECTOR_SHIFT,
		.max_segments = nr_pages,
		.virt_boundary_mask = PAGE_SIZE - 1,
	};
	struct gendisk *disk;
	int err;

	set->ops = &swapnet_mq_ops;
	set->nr_hw_queues = 1;
	/*
	 * Far more tags than requests in flight (io.c keeps that limit):
	 * a submitter never sleeps for a tag while the network is slow.
	 */
	set->queue_depth = SWAPNET_NR_TAGS;
	set->numa_node = NUMA_NO_NODE;
	set->cmd_size = struct_size((struct swapnet_req *)NULL, pages,
				    nr_pages);
	/*
	 * no I/O scheduler: a network file gains nothing from reordering
	 * (bios are merged: the default since 6.14, compat.h before)
	 */
	set->flags = BLK_MQ_F_NO_SCHED_BY_DEFAULT;
	set->driver_data = dev;
	err = blk_mq_alloc_tag_set(set);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot allocate the request tags");
		return err;
	}

	disk = blk_mq_alloc_disk(set, &lim, dev);
	if (IS_ERR(disk)) {
		err = PTR_ERR(disk);
		NL_SET_ERR_MSG_MOD(extack, "cannot allocate the disk");
		goto out_tags;
	}

	err = swapnet_verify_disk(dev, disk);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot declare stable writes");
		goto out_disk;
	}
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
	 * Writeback throttling must be off, and swapnetctl attach turns it
	 * off (writes 0 to queue/wbt_lat_usec): the block layer gives
	 * drivers no interface for it.  wbt aims at 2 ms read latency on a
	 * non-rotational queue; an RPC round trip is longer, so it takes
	 * every request as congestion and scales the write depth down to
	 * one.  6.1 exempts only kswapd (direct reclaim and other swap-out
	 * are throttled), 6.12 gives REQ_SWAP the full depth but scales
	 * that down too.  The queue depth already bounds writes in flight.
	 */
	return 0;

out_disk:
	put_disk(disk);
	dev->disk = NULL;
out_tags:
	blk_mq_free_tag_set(set);
	return err;
}

/*
 * The struct lives as long as its gendisk: an opener that still holds
 * the device after a (forced) DEV_DEL calls ->release on it, and the
 * last reference to the disk frees it here.
 */
static void swapnet_free_disk(struct gendisk *disk)
{
	kfree(disk->private_data);
}

static void swapnet_err_dup(struct netlink_ext_ack *extack,
			    const struct swapnet_dev *other)
{
	SWAPNET_ERR_FMT(extack,
			"already attached (same server, port and file handle)",
			"already attached as %s", other->name);
}

/*
 * DEV_ADD of a file whose previous device is still being removed waits
 * for that removal to end, at most SWAPNET_GONE_WAIT: a forced removal
 * kills the old device's requests, and until its RPC client is shut
 * down a WRITE of the old device may still reach the server after the
 * new device's first ones.  swapnet_gone counts finished removals.
 */
#define SWAPNET_GONE_WAIT	(30 * HZ)
static DECLARE_WAIT_QUEUE_HEAD(swapnet_gone_wq);
static atomic_t swapnet_gone = ATOMIC_INIT(0);

/* Same server address, port and file handle: the same backing file. */
static struct swapnet_dev *swapnet_find_dup(const struct swapnet_config *cfg)
{
	struct swapnet_dev *dev;
	int id;

	lockdep_assert_held(&swapnet_devs_lock);
	idr_for_each_entry(&swapnet_idr, dev, id) {
		if (dev->cfg.fh_len == cfg->fh_len &&
		    !memcmp(dev->cfg.fh, cfg->fh, cfg->fh_len) &&
		    rpc_cmp_addr_port((const struct sockaddr *)&dev->cfg.addr,
				      (const struct sockaddr *)&cfg->addr))
			return dev;
	}
	return NULL;
}

/*
 * Forced DEV_DEL: fail whatever is in flight, again and again until
 * del_gendisk() has seen the last request (a request dispatched after
 * one pass is killed by the next).  io.c fails a signalled task.
 */
static void swapnet_kill_work(struct work_struct *work)
{
	struct swapnet_dev *dev = container_of(to_delayed_work(work),
					       struct swapnet_dev, kill_work);

	/* parked requests fail, a running RPC is killed */
	swapnet_io_kill(dev);
	if (atomic_read(&dev->stats.inflight))
		rpc_killall_tasks(dev->clnt);
	schedule_delayed_work(&dev->kill_work, HZ / 10);
}

int swapnet_dev_create(const struct swapnet_config *cfg,
		       struct netlink_ext_ack *extack)
{
	struct swapnet_dev *dev, *other;
	long left = SWAPNET_GONE_WAIT;
	struct sk_buff *added;
	int err, index;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	dev->cfg = *cfg;
	mutex_init(&dev->open_lock);
	spin_lock_init(&dev->reason_lock);
	atomic_set(&dev->state, SWAPNET_STATE_OK);
	INIT_WORK(&dev->event_work, swapnet_event_work);
	init_completion(&dev->added);
	swapnet_lost_init(dev);
	swapnet_stale_init(dev);
	INIT_DELAYED_WORK(&dev->kill_work, swapnet_kill_work);

	/*
	 * The index is taken now, the entry stays invisible (!live) while
	 * the slow part (connect, GETATTR) runs without the lock; it
	 * still counts for the duplicate check.
	 */
	mutex_lock(&swapnet_devs_lock);
	other = swapnet_find_dup(cfg);
	while (other && other->removing && left > 0) {
		unsigned int gone = atomic_read(&swapnet_gone);

		mutex_unlock(&swapnet_devs_lock);
		left = wait_event_killable_timeout(swapnet_gone_wq,
						   atomic_read(&swapnet_gone) != gone,
						   left);
		if (left < 0) {
			kfree(dev);
			return -EINTR;	/* killed while waiting */
		}
		mutex_lock(&swapnet_devs_lock);
		other = swapnet_find_dup(cfg);
	}
	if (other && other->removing) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the file's previous device is still being removed");
		pr_warn("%s:%s: its previous device %s is still being removed after %u s\n",
			cfg->server_name, cfg->path, other->name,
			SWAPNET_GONE_WAIT / HZ);
		mutex_unlock(&swapnet_devs_lock);
		kfree(dev);
		return -EBUSY;
	}
	if (other) {
		swapnet_err_dup(extack, other);
		pr_info("%s:%s is already attached as %s\n", cfg->server_name,
			cfg->path, other->name);
		mutex_unlock(&swapnet_devs_lock);
		kfree(dev);
		return -EEXIST;
	}
	err = idr_alloc(&swapnet_idr, dev, 0, SWAPNET_MAX_DEVS, GFP_KERNEL);
	mutex_unlock(&swapnet_devs_lock);
	if (err < 0) {
		NL_SET_ERR_MSG_MOD(extack, "too many swapnet devices");
		kfree(dev);
		return err == -ENOSPC ? -EMFILE : err;
	}
	dev->index = err;
	snprintf(dev->name, sizeof(dev->name), "swapnet%d", dev->index);

	err = swapnet_verify_alloc(dev, extack);
	if (err)
		goto out_idr;

	dev->wq = alloc_workqueue("%s", WQ_MEM_RECLAIM | WQ_PERCPU, 0,
				  dev->name);
	if (!dev->wq) {
		err = -ENOMEM;
		NL_SET_ERR_MSG_MOD(extack, "cannot allocate the workqueue");
		goto out_idr;
	}

	err = swapnet_rpc_setup(dev, extack);
	if (err)
		goto out_wq;

	/* in flight: within the transport's preallocated slots */
	swapnet_io_init(dev, swapnet_rpc_slots(dev));
	dev->max_bytes = min(dev->cfg.rsize, dev->cfg.wsize);

	err = swapnet_init_disk(dev, extack);
	if (err)
		goto out_rpc;

	/*
	 * EVT_ADDED is built (allocated) before the device-list lock and
	 * multicast after it: neither may stall DEV_GET and other adds
	 * under memory pressure.  A DEV_DEL of the new device waits for
	 * it (dev->added) before its EVT_REMOVED.
	 */
	added = swapnet_event_build(dev, SWAPNET_CMD_EVT_ADDED);
	/* published: from here on only under the lock or a disk reference */
	mutex_lock(&swapnet_devs_lock);
	dev->live = true;
	index = dev->index;
	pr_info("%s: %s:%s, %llu MiB, queue depth %u (reads %u, tags %u), max request %u KiB, verify %s\n",
		dev->name, dev->cfg.server_name, dev->cfg.path,
		dev->cfg.size >> 20, dev->queue_depth, dev->read_depth,
		SWAPNET_NR_TAGS, dev->max_bytes >> 10,
		dev->vfy.sums ? "on" : "off");
	swapnet_owner_start(dev);
	swapnet_stale_start(dev);
	swapnet_group_join(dev);
	mutex_unlock(&swapnet_devs_lock);
	swapnet_event_post(added);
	complete_all(&dev->added);
	return index;

out_rpc:
	swapnet_rpc_teardown(dev);
out_wq:
	destroy_workqueue(dev->wq);
out_idr:
	mutex_lock(&swapnet_devs_lock);
	idr_remove(&swapnet_idr, dev->index);
	mutex_unlock(&swapnet_devs_lock);
	cancel_work_sync(&dev->event_work);
	swapnet_lost_stop(dev);
	swapnet_verify_free(dev);
	swapnet_owner_free(dev);
	kfree(dev);
	return err;
}

/*
 * The device is no longer live (invisible, cannot be opened); its idr
 * entry goes only at the end, so its index and name are not reused
 * while the old disk is still being deleted.
 */
static void swapnet_dev_destroy(struct swapnet_dev *dev, bool force)
{
	struct gendisk *disk = dev->disk;
	u64 errors = atomic64_read(&dev->stats.errors);
	unsigned int inflight = atomic_read(&dev->stats.inflight);

	/* a leg being removed answers for no other leg of its mirror */
	swapnet_group_leave(dev);
	/* a DEV_DEL that came right after DEV_ADD: ADDED goes first */
	wait_for_completion(&dev->added);
	swapnet_event(dev, SWAPNET_CMD_EVT_REMOVED);
	if (force) {
		/*
		 * In-flight RPCs are killed (first: marking the disk dead
		 * may sync, i.e. wait for writeback in flight), then new
		 * I/O fails at submission.
		 */
		schedule_delayed_work(&dev->kill_work, 0);
		blk_mark_disk_dead(disk);
	}
	/* waits for every request, i.e. for the last rpc_release */
	del_gendisk(disk);
	if (force) {
		cancel_delayed_work_sync(&dev->kill_work);
		errors = atomic64_read(&dev->stats.errors) - errors;
		if (errors)
			pr_err("%s: forced removal: %llu requests to %s:%s failed, their data is lost\n",
			       dev->name, errors, dev->cfg.server_name,
			       dev->cfg.path);
		else
			pr_warn("%s: forced removal (%u requests were in flight, none failed)\n",
				dev->name, inflight);
	}
	/* the heartbeat goes on until the last request is done */
	swapnet_owner_stop(dev);
	swapnet_stale_stop(dev);
	swapnet_rpc_teardown(dev);
	cancel_work_sync(&dev->event_work);
	swapnet_lost_stop(dev);
	destroy_workqueue(dev->wq);
	dev->wq = NULL;
	swapnet_owner_free(dev);
	blk_mq_free_tag_set(&dev->tag_set);
	swapnet_verify_free(dev);
	pr_info("%s: removed\n", dev->name);

	mutex_lock(&swapnet_devs_lock);
	idr_remove(&swapnet_idr, dev->index);
	mutex_unlock(&swapnet_devs_lock);
	/* a DEV_ADD of the same file may go on */
	atomic_inc(&swapnet_gone);
	wake_up_all(&swapnet_gone_wq);
	/* the last reference (maybe an opener's, later) frees dev */
	put_disk(disk);
}

static u64 swapnet_completed(struct swapnet_dev *dev)
{
	return atomic64_read(&dev->stats.reads) +
	       atomic64_read(&dev->stats.writes) +
	       atomic64_read(&dev->stats.errors);
}

/*
 * True if requests are in flight and none completed for
 * SWAPNET_STUCK_MS: the server does not answer, and del_gendisk() would
 * wait for as long as it does not.
 */
#define SWAPNET_STUCK_MS	1000

static bool swapnet_dev_stuck(struct swapnet_dev *dev)
{
	u64 done = swapnet_completed(dev);
	int i;

	for (i = 0; i < SWAPNET_STUCK_MS / 50; i++) {
		if (!atomic_read(&dev->stats.inflight) ||
		    swapnet_completed(dev) != done)
			return false;
		msleep(50);
	}
	return atomic_read(&dev->stats.inflight) &&
	       swapnet_completed(dev) == done;
}

/*
 * DEV_DEL.  Refused (-EBUSY) while the whole-disk block device has an
 * exclusive holder (swapon, mount, device mapper): force does not
 * change that.  Without force, also refused while requests are stuck on
 * a server that does not answer, and while the device is open.  With
 * force, an opener that merely holds it (dd) gets errors, and requests
 * in flight fail.
 */
int swapnet_dev_remove(int index, bool force, struct netlink_ext_ack *extack)
{
	struct swapnet_dev *dev;
	struct gendisk *disk;
	int err = 0;

	mutex_lock(&swapnet_devs_lock);
	dev = idr_find(&swapnet_idr, index);
	if (!dev || !dev->live) {
		mutex_unlock(&swapnet_devs_lock);
		NL_SET_ERR_MSG_MOD(extack, "no such swapnet device");
		return -ENODEV;
	}
	disk = dev->disk;
	get_device(disk_to_dev(disk));	/* keeps dev too (free_disk) */
	mutex_unlock(&swapnet_devs_lock);

	if (READ_ONCE(disk->part0->bd_holder)) {
		/* checked again below, under open_mutex */
		NL_SET_ERR_MSG_MOD(extack,
				   "in use as swap or mounted (swapoff or umount it first)");
		err = -EBUSY;
		goto out_put;
	}
	if (!force && swapnet_dev_stuck(dev)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "requests in flight to a server that does not answer; use --force (loses them)");
		err = -EBUSY;
		goto out_put;
	}

	/*
	 * open_mutex: no open can finish claiming the disk meanwhile.
	 * Taken before the device-list lock: a last close may hold it
	 * for long (syncing), and DEV_GET must not wait for that.
	 */
	err = mutex_lock_killable(&disk->open_mutex);
	if (err)
		goto out_put;
	mutex_lock(&swapnet_devs_lock);
	mutex_lock(&dev->open_lock);
	if (!dev->live) {
		/* another DEV_DEL won */
		NL_SET_ERR_MSG_MOD(extack, "no such swapnet device");
		err = -ENODEV;
	} else if (READ_ONCE(disk->part0->bd_holder)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "in use as swap or mounted (swapoff or umount it first)");
		err = -EBUSY;
	} else if (dev->open_count && !force) {
		NL_SET_ERR_MSG_MOD(extack,
				   "device is open (close it first, or use --force)");
		err = -EBUSY;
	} else {
		dev->removing = true;
		dev->live = false;
	}
	mutex_unlock(&dev->open_lock);
	mutex_unlock(&swapnet_devs_lock);
	mutex_unlock(&disk->open_mutex);
	if (!err) {
		if (force)
			pr_warn("%s: forced removal requested\n", dev->name);
		swapnet_dev_destroy(dev, force);
	}
out_put:
	put_disk(disk);
	return err;
}

/*
 * Module exit: no device can be open (an open holds a module reference),
 * and no DEV_ADD or DEV_DEL can be running (the family is already
 * unregistered, which waits for the operations in progress).
 */
void swapnet_dev_remove_all(void)
{
	struct swapnet_dev *dev;
	int id;

	for (;;) {
		id = 0;
		mutex_lock(&swapnet_devs_lock);
		dev = idr_get_next(&swapnet_idr, &id);
		if (dev) {
			WARN_ON(!dev->live);
			dev->live = false;
			mutex_lock(&dev->open_lock);
			WARN_ON(dev->open_count);
			dev->removing = true;
			mutex_unlock(&dev->open_lock);
		}
		mutex_unlock(&swapnet_devs_lock);
		if (!dev)
			break;
		swapnet_dev_destroy(dev, false);
	}
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
		if (!dev->live)
			continue;
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
	if (dev && dev->live)
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

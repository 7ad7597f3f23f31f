/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapnet: older kernels made to look like the newest supported one.
 *
 * The module's files are written for the newest kernel swapnet supports
 * (7.x: 7.3 of trixie-backports); each block below gives an older kernel
 * (down to 6.1) the 7.x interface, keyed on the release that changed it.  Kbuild force-includes
 * this file in every object (-include), as WireGuard did with its compat
 * layer, so that no other file carries a LINUX_VERSION_CODE test.
 */
#ifndef SWAPNET_COMPAT_H
#define SWAPNET_COMPAT_H

#include <linux/build_bug.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "swapnet needs Linux 6.1 or later"
#endif

#include <linux/blkdev.h>
#include <linux/blk-mq.h>

/*
 * 7.x: blk_mq_ops.init_request() takes the NUMA node as an int (it was an
 * unsigned int through 6.12).  The release in between that changed it is
 * not pinned down here: swapnet builds only for 6.1 to 6.12 and 7.x
 * (dkms.conf's BUILD_EXCLUSIVE_KERNEL, kmod/Makefile), and both sides of
 * that gap are built.  A wrong type is a build error (gcc 14) or a W=1
 * warning (gcc 12), never a silent mismatch.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
#define swapnet_numa_node_t int
#else
#define swapnet_numa_node_t unsigned int
#endif

/*
 * 7.x: a workqueue says whether it is per-CPU (WQ_PERCPU, new in 6.17,
 * a flag with no effect there) or unbound; one that says neither gets a
 * WARNING and per-CPU.  Before 6.17 every workqueue without WQ_UNBOUND
 * was per-CPU: the flag is 0 there (6.12.118 has it from the stable
 * series, with no effect; 6.1.0-57 does not).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 17, 0)
#include <linux/workqueue.h>
#define WQ_PERCPU 0
#endif

/*
 * 6.14: BLK_MQ_F_SHOULD_MERGE is gone; every tag set merges bios.  Before,
 * a driver that wanted merging set the flag: blk_mq_alloc_tag_set() sets
 * it here, so that 6.1 to 6.13 merge as before and as 7.x does.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 14, 0)
static inline int compat_blk_mq_alloc_tag_set(struct blk_mq_tag_set *set)
{
	set->flags |= BLK_MQ_F_SHOULD_MERGE;
	return blk_mq_alloc_tag_set(set);
}

#define blk_mq_alloc_tag_set(set)	compat_blk_mq_alloc_tag_set(set)
#endif

/*
 * 6.5: block_device_operations.open() gets the gendisk and a blk_mode_t,
 * release() loses its mode argument.  The handlers are written the 6.5
 * way and named in the operations table through BDOPS_OPEN() and
 * BDOPS_RELEASE(); on an older kernel those name adapters with the old
 * signatures, which COMPAT_BDOPS_ADAPTERS() defines.  It also checks, on
 * every kernel, that the handlers have the 6.5 signatures.
 */
#define COMPAT_BDOPS_CHECK(open_type, release_type)			\
	static_assert(__builtin_types_compatible_p(open_type,		\
			int (struct gendisk *, blk_mode_t)) &&		\
		      __builtin_types_compatible_p(release_type,	\
			void (struct gendisk *)))

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
#define blk_mode_t fmode_t

#define COMPAT_BDOPS_ADAPTERS(open_fn, release_fn)			\
static int open_fn##_compat(struct block_device *bdev, fmode_t mode)	\
{									\
	return open_fn(bdev->bd_disk, mode);				\
}									\
									\
static void release_fn##_compat(struct gendisk *disk, fmode_t mode)	\
{									\
	release_fn(disk);						\
}									\
									\
COMPAT_BDOPS_CHECK(typeof(open_fn), typeof(release_fn))
#define BDOPS_OPEN(fn)		fn##_compat
#define BDOPS_RELEASE(fn)	fn##_compat
#else
#define COMPAT_BDOPS_ADAPTERS(open_fn, release_fn)			\
	COMPAT_BDOPS_CHECK(typeof(open_fn), typeof(release_fn))
#define BDOPS_OPEN(fn)		(fn)
#define BDOPS_RELEASE(fn)	(fn)
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 11, 0)
/*
 * 6.9: blk_mq_alloc_disk() takes the queue limits; before, the driver
 * set them one by one on the new queue (only the fields swapnet uses are
 * carried over here).  6.11: the queue's features are limits too, and a
 * driver that asks for none gets a non-rotational queue that feeds no
 * entropy and has no volatile write cache; before, those were queue
 * flags with other defaults.
 */
static inline struct gendisk *
compat_blk_mq_alloc_disk(struct blk_mq_tag_set *set,
			 struct queue_limits *lim, void *queuedata)
{
	static struct lock_class_key key;
	struct request_queue *q;
	struct gendisk *disk;

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 9, 0)
	disk = __blk_mq_alloc_disk(set, queuedata, &key);
	if (IS_ERR(disk))
		return disk;
	q = disk->queue;
	blk_queue_logical_block_size(q, lim->logical_block_size);
	blk_queue_physical_block_size(q, lim->physical_block_size);
	blk_queue_io_min(q, lim->io_min);
	blk_queue_max_hw_sectors(q, lim->max_hw_sectors);
	blk_queue_max_segments(q, lim->max_segments);
	blk_queue_virt_boundary(q, lim->virt_boundary_mask);
#else
	disk = __blk_mq_alloc_disk(set, lim, queuedata, &key);
	if (IS_ERR(disk))
		return disk;
	q = disk->queue;
#endif
	blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
	blk_queue_flag_clear(QUEUE_FLAG_ADD_RANDOM, q);
	blk_queue_write_cache(q, false, false);
	return disk;
}

#undef blk_mq_alloc_disk
#define blk_mq_alloc_disk(set, lim, queuedata)				\
	compat_blk_mq_alloc_disk(set, lim, queuedata)
#endif

/*
 * 6.2: extack messages can be formatted (into a buffer in the extack).
 * Before, a message had to be a string constant: there SWAPNET_ERR_FMT()
 * sets the constant FALLBACK instead.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#include <net/netlink.h>
#define SWAPNET_ERR_FMT(extack, fallback, fmt, ...)			\
	NL_SET_ERR_MSG_MOD(extack, fallback)
#else
#define SWAPNET_ERR_FMT(extack, fallback, fmt, ...)			\
	NL_SET_ERR_MSG_FMT_MOD(extack, fmt, ##__VA_ARGS__)
#endif

/*
 * Stable writes (a page does not change while it is being written;
 * verify.c's checksums depend on it): 6.11 made them a queue feature in
 * the limits, set here on a queue that has no I/O yet; before, a queue
 * flag.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 11, 0)
static inline int compat_queue_stable_writes(struct request_queue *q)
{
	blk_queue_flag_set(QUEUE_FLAG_STABLE_WRITES, q);
	return 0;
}
#else
#include <linux/blkdev.h>
static inline int compat_queue_stable_writes(struct request_queue *q)
{
	struct queue_limits lim = queue_limits_start_update(q);

	lim.features |= BLK_FEAT_STABLE_WRITES;
	return queue_limits_commit_update(q, &lim);
}
#endif

#endif /* SWAPNET_COMPAT_H */

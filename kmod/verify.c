// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: verified swap-in.
 *
 * The client keeps a CRC32C of every 4 KiB block it writes: one u32 per
 * block of the device (4 bytes per 4 KiB: 1 MiB per GiB of swap),
 * allocated at DEV_ADD.  An entry of 0 is "unknown": never written since
 * the attach, a write in flight, or one that failed; such a block is not
 * checked.  A checksum is stored as (crc ?: 1), so that no real checksum
 * reads as unknown (crc 0 and 1 compare equal: a 2^-32 loss).
 *
 * WRITE: queue_rq makes the request's blocks unknown before the WRITE
 * can be sent.  rpc_release, once the WRITE (and its COMMIT) completed
 * successfully and before the request ends, computes the checksums from
 * the request's pages: what was sent, since the queue declares stable
 * writes and the pages stay under writeback until the request ends.  An
 * entry that changed meanwhile (another write of the block completed
 * while this one was in flight: which one the server kept is unknown)
 * is made unknown.
 *
 * READ: rpc_call_done (rpciod: no sleeping) checks every known block of
 * a READ that completed.  On a mismatch the whole READ is sent once more
 * (a transient fault: a packet TCP's checksum let through, a server
 * cache); if a block still differs, the bios that hold such a block fail
 * (a process that faults on the page gets SIGBUS) and the others
 * complete with their data.  A page whose checksum differs is never
 * handed up.  Each such block is logged (device, offset, both checksums;
 * never rate-limited: it is a lost page), counted (verify_errors) and
 * announced (SWAPNET_CMD_EVT_VERIFY_ERROR).
 *
 * What it does not cover: a block written through an O_DIRECT buffer
 * that the writer changes during the write (undefined data anyway; it
 * reads back as a verify error), and pages written before the attach.
 */
#include <linux/bitmap.h>
#include <linux/blk-mq.h>
#include <linux/crc32c.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "internal.h"

#define SWAPNET_VERIFY_SHIFT	12	/* 4 KiB blocks */
#define SWAPNET_VERIFY_BLOCK	SZ_4K

bool swapnet_verify_default = true;
module_param_named(verify, swapnet_verify_default, bool, 0644);
MODULE_PARM_DESC(verify,
		 "Verify every read against a CRC32C of what was written, kept on the client (4 bytes per 4 KiB of swap), for devices added without SWAPNET_A_VERIFY (default 1)");

static void swapnet_verify_event_work(struct work_struct *work)
{
	struct swapnet_verify *v = container_of(work, struct swapnet_verify,
						event_work);
	struct swapnet_dev *dev = container_of(v, struct swapnet_dev, vfy);
	u64 offset;
	u32 want, got;

	spin_lock_irq(&v->lock);
	offset = v->last_offset;
	want = v->last_want;
	got = v->last_got;
	spin_unlock_irq(&v->lock);
	swapnet_event_verify(dev, offset, want, got);
}

int swapnet_verify_alloc(struct swapnet_dev *dev,
			 struct netlink_ext_ack *extack)
{
	struct swapnet_verify *v = &dev->vfy;

	spin_lock_init(&v->lock);
	INIT_WORK(&v->event_work, swapnet_verify_event_work);
	if (!dev->cfg.verify)
		return 0;
	v->nr_blocks = dev->cfg.size >> SWAPNET_VERIFY_SHIFT;
	v->sums = kvcalloc(v->nr_blocks, sizeof(*v->sums), GFP_KERNEL);
	if (!v->sums) {
		SWAPNET_ERR_FMT(extack,
				"cannot allocate the checksum table (verify off saves it)",
				"cannot allocate the checksum table (%llu KiB; verify off saves it)",
				v->nr_blocks * sizeof(*v->sums) >> 10);
		pr_err("%s: cannot allocate %llu KiB of checksums for %s:%s\n",
		       dev->name, v->nr_blocks * sizeof(*v->sums) >> 10,
		       dev->cfg.server_name, dev->cfg.path);
		return -ENOMEM;
	}
	return 0;
}

int swapnet_verify_disk(struct swapnet_dev *dev, struct gendisk *disk)
{
	if (!dev->vfy.sums)
		return 0;
	return compat_queue_stable_writes(disk->queue);
}

void swapnet_verify_free(struct swapnet_dev *dev)
{
	cancel_work_sync(&dev->vfy.event_work);
	kvfree(dev->vfy.sums);
	dev->vfy.sums = NULL;
}

/* The request's first block and number of blocks. */
static u64 swapnet_verify_first(struct swapnet_req *cmd, unsigned int *n)
{
	struct request *rq = blk_mq_rq_from_pdu(cmd);

	*n = cmd->total >> SWAPNET_VERIFY_SHIFT;
	return ((u64)blk_rq_pos(rq) << SECTOR_SHIFT) >> SWAPNET_VERIFY_SHIFT;
}

/* Block i of the request in its pages (it may span two of them). */
static u32 swapnet_verify_sum(struct swapnet_req *cmd, unsigned int i)
{
	unsigned int off = cmd->pgbase + i * SWAPNET_VERIFY_BLOCK;
	struct page **pages = cmd->pages + (off >> PAGE_SHIFT);
	unsigned int pgoff = off & ~PAGE_MASK;
	unsigned int len = min_t(unsigned int, SWAPNET_VERIFY_BLOCK,
				 PAGE_SIZE - pgoff);
	u32 crc;
	void *p;

	p = kmap_local_page(pages[0]);
	crc = crc32c(~0U, p + pgoff, len);
	kunmap_local(p);
	if (len < SWAPNET_VERIFY_BLOCK) {
		p = kmap_local_page(pages[1]);
		crc = crc32c(crc, p, SWAPNET_VERIFY_BLOCK - len);
		kunmap_local(p);
	}
	return crc ?: 1;
}

static bool swapnet_verify_in_range(struct swapnet_req *cmd, u64 first,
				    unsigned int n)
{
	struct swapnet_dev *dev = cmd->dev;

	if (first + n <= dev->vfy.nr_blocks)
		return true;
	pr_err_ratelimited("%s: request at block %llu beyond the checksum table\n",
			   dev->name, first);
	return false;
}

void swapnet_verify_start(struct swapnet_req *cmd, bool write)
{
	u32 *sums = cmd->dev->vfy.sums;
	unsigned int i, n;
	u64 first;

	cmd->vfy.reread = false;
	cmd->vfy.failed = false;
	if (!sums || !write)
		return;
	first = swapnet_verify_first(cmd, &n);
	if (!swapnet_verify_in_range(cmd, first, n))
		return;
	for (i = 0; i < n; i++)
		WRITE_ONCE(sums[first + i], 0);
}

static void swapnet_verify_record(struct swapnet_req *cmd)
{
	u32 *sums = cmd->dev->vfy.sums;
	unsigned int i, n;
	u64 first;

	first = swapnet_verify_first(cmd, &n);
	if (!swapnet_verify_in_range(cmd, first, n))
		return;
	for (i = 0; i < n; i++) {
		u32 sum = swapnet_verify_sum(cmd, i);

		/* still unknown, as queue_rq left it: no other write won */
		if (cmpxchg(&sums[first + i], 0, sum) != 0)
			WRITE_ONCE(sums[first + i], 0);
	}
}

static void swapnet_verify_lost(struct swapnet_req *cmd, u64 block,
				u32 want, u32 got)
{
	struct swapnet_dev *dev = cmd->dev;
	struct swapnet_verify *v = &dev->vfy;
	u64 offset = block << SWAPNET_VERIFY_SHIFT;
	unsigned long flags;

	/* a lost page: never rate-limited */
	pr_err("%s: verify error: 4 KiB at offset %llu of %s:%s read twice with CRC32C %08x, written with %08x: the read fails\n",
	       dev->name, offset, dev->cfg.server_name, dev->cfg.path, got,
	       want);
	atomic64_inc(&dev->stats.verify_errors);
	spin_lock_irqsave(&v->lock, flags);
	v->last_offset = offset;
	v->last_want = want;
	v->last_got = got;
	spin_unlock_irqrestore(&v->lock, flags);
	schedule_work(&v->event_work);
}

int swapnet_verify_read(struct swapnet_req *cmd)
{
	struct swapnet_dev *dev = cmd->dev;
	u32 *sums = dev->vfy.sums;
	unsigned int i, n;
	u64 first;

	if (!sums)
		return 0;
	first = swapnet_verify_first(cmd, &n);
	if (!swapnet_verify_in_range(cmd, first, n))
		return 0;
	for (i = 0; i < n; i++) {
		u32 want = READ_ONCE(sums[first + i]);
		u32 got;

		if (!want)
			continue;
		got = swapnet_verify_sum(cmd, i);
		if (got == want)
			continue;
		if (!cmd->vfy.reread) {
			pr_warn_ratelimited("%s: 4 KiB at offset %llu of %s:%s read with CRC32C %08x, written with %08x: reading again\n",
					    dev->name,
					    (first + i) << SWAPNET_VERIFY_SHIFT,
					    dev->cfg.server_name,
					    dev->cfg.path, got, want);
			atomic64_inc(&dev->stats.verify_rereads);
			cmd->vfy.reread = true;
			return -EAGAIN;
		}
		if (!cmd->vfy.failed)
			bitmap_zero(cmd->vfy.bad, SWAPNET_MAX_IO_SIZE /
				    SWAPNET_VERIFY_BLOCK);
		cmd->vfy.failed = true;
		__set_bit(i, cmd->vfy.bad);
		swapnet_verify_lost(cmd, first + i, want, got);
	}
	if (!cmd->vfy.failed)
		return 0;
	atomic_set(&dev->stats.last_error, -EBADMSG);
	return -EIO;
}

/*
 * A READ with lost blocks: each bio ends on its own, with an error if
 * it holds such a block (blk_update_request() keeps a bio's error once
 * set), so that the other pages of the request (swap readahead merges
 * neighbours of other processes into one request) are not lost too.
 */
static void swapnet_verify_end_read(struct swapnet_req *cmd)
{
	struct request *rq = blk_mq_rq_from_pdu(cmd);
	unsigned int done = 0;

	while (rq->bio) {
		unsigned int bytes = rq->bio->bi_iter.bi_size;
		unsigned int b0 = done >> SWAPNET_VERIFY_SHIFT;
		unsigned int b1 = (done + bytes + SWAPNET_VERIFY_BLOCK - 1) >>
				  SWAPNET_VERIFY_SHIFT;
		bool bad = find_next_bit(cmd->vfy.bad, b1, b0) < b1;

		done += bytes;
		if (!blk_update_request(rq, bad ? BLK_STS_IOERR : BLK_STS_OK,
					bytes))
			break;
	}
	__blk_mq_end_request(rq, BLK_STS_IOERR);
}

bool swapnet_verify_release(struct swapnet_req *cmd)
{
	struct request *rq = blk_mq_rq_from_pdu(cmd);

	if (!cmd->dev->vfy.sums)
		return false;
	if (req_op(rq) == REQ_OP_WRITE) {
		if (cmd->status == BLK_STS_OK)
			swapnet_verify_record(cmd);
		return false;
	}
	if (req_op(rq) != REQ_OP_READ || !cmd->vfy.failed)
		return false;
	swapnet_verify_end_read(cmd);
	return true;
}

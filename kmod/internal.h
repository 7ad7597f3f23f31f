/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapnet: internal declarations shared by the module's files.
 *
 * One struct swapnet_dev per /dev/swapnetN: its configuration (fixed at
 * DEV_ADD), its rpc_clnt, its blk-mq tag set and gendisk, its workqueue
 * and its counters.  One struct swapnet_req per blk-mq request (the tag
 * set's PDU): everything an I/O needs lives there, so the I/O path never
 * allocates memory of its own.
 */
#ifndef SWAPNET_INTERNAL_H
#define SWAPNET_INTERNAL_H

#include <linux/atomic.h>
#include <linux/blk-mq.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/socket.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/sunrpc/clnt.h>
#include <linux/sunrpc/sched.h>
#include <linux/sunrpc/stats.h>
#include <linux/workqueue.h>

#include "uapi/swapnet.h"

/* DEV_ADD's limits and defaults are in uapi/swapnet.h */
#define SWAPNET_MAX_BACKOFF_S		3600
#define SWAPNET_FAILFAST_TIMEO_MAX	3600	/* seconds (sysfs) */

/* nfsstat3 values swapnet tells apart (RFC 1813, 2.6) */
enum {
	SWAPNET_NFS3_OK		= 0,
	SWAPNET_NFS3ERR_PERM	= 1,
	SWAPNET_NFS3ERR_NOENT	= 2,
	SWAPNET_NFS3ERR_IO	= 5,
	SWAPNET_NFS3ERR_NXIO	= 6,
	SWAPNET_NFS3ERR_ACCES	= 13,
	SWAPNET_NFS3ERR_INVAL	= 22,
	SWAPNET_NFS3ERR_FBIG	= 27,
	SWAPNET_NFS3ERR_NOSPC	= 28,
	SWAPNET_NFS3ERR_ROFS	= 30,
	SWAPNET_NFS3ERR_DQUOT	= 69,
	SWAPNET_NFS3ERR_STALE	= 70,
	SWAPNET_NFS3ERR_BADHANDLE = 10001,
	SWAPNET_NFS3ERR_NOTSUPP	= 10004,
	SWAPNET_NFS3ERR_SERVERFAULT = 10006,
	SWAPNET_NFS3ERR_JUKEBOX	= 10008,
};

/* NFSv3 ftype3 */
#define SWAPNET_NF3REG		1

/* WRITE3args.stable, WRITE3resok.committed */
#define SWAPNET_UNSTABLE	0
#define SWAPNET_FILE_SYNC	2
#define SWAPNET_VERF_SIZE	8	/* writeverf3 */

/* What GETATTR tells us about the backing file. */
struct swapnet_fattr {
	u32 type;
	u32 mode;
	u64 size;
	u64 used;
	u64 fsid;
	u64 fileid;
};

/*
 * READ/WRITE arguments: a window of the request's page array.  COMMIT
 * uses fh, offset and count only.
 */
struct swapnet_rw_args {
	const u8 *fh;
	unsigned int fh_len;
	u64 offset;
	u32 count;
	u32 stable;			/* WRITE: SWAPNET_UNSTABLE/FILE_SYNC */
	unsigned int pgbase;		/* offset into pages[0] */
	struct page **pages;
};

struct swapnet_rw_res {
	u32 status;			/* nfsstat3 */
	u32 count;
	u32 eof;
	u32 committed;
	u8 verf[SWAPNET_VERF_SIZE];	/* WRITE and COMMIT */
};

struct swapnet_getattr_args {
	const u8 *fh;
	unsigned int fh_len;
};

struct swapnet_getattr_res {
	u32 status;
	struct swapnet_fattr attr;
};

/* LOOKUP of the file's name in its directory (the STALE check, io.c). */
struct swapnet_lookup_args {
	const u8 *dir_fh;
	unsigned int dir_fh_len;
	const char *name;
	unsigned int name_len;
};

struct swapnet_lookup_res {
	u32 status;
	u8 fh[SWAPNET_FH_MAX];		/* NFS3_OK: the name's handle */
	unsigned int fh_len;
	bool dir_attr;			/* the reply had the directory's ... */
	struct swapnet_fattr dir;	/* ... attributes */
};

/* Procedure indexes into swapnet_nfs3_procs[] (nfs3xdr.c). */
enum {
	SWAPNET_PROC_NULL,
	SWAPNET_PROC_GETATTR,
	SWAPNET_PROC_READ,
	SWAPNET_PROC_WRITE,
	SWAPNET_PROC_COMMIT,
	SWAPNET_PROC_LOOKUP,
	SWAPNET_NR_PROCS
};

extern const struct rpc_program swapnet_nfs3_program;
extern const struct rpc_procinfo swapnet_nfs3_procs[SWAPNET_NR_PROCS];

#include "owner.h"
#include "server.h"
#include "failfast.h"

/* Device configuration, fixed at DEV_ADD. */
struct swapnet_config {
	struct sockaddr_storage addr;	/* includes the port */
	size_t addrlen;
	u16 port;
	char server_name[SWAPNET_SERVER_NAME_MAX + 1];
	u8 fh[SWAPNET_FH_MAX];
	unsigned int fh_len;
	char path[SWAPNET_FILE_PATH_MAX + 1];
	u8 dir_fh[SWAPNET_FH_MAX];	/* 0 dir_fh_len: not given */
	unsigned int dir_fh_len;
	char name[SWAPNET_FILE_NAME_MAX + 1];	/* in that directory */
	u64 size;
	u32 rsize, wsize;
	u32 uid, gid;
	u32 timeo_ds, retrans;
	u32 flags;
	char label[SWAPNET_LABEL_MAX + 1];
	bool verify;			/* verified swap-in (verify.c) */
	u32 mirror_group;		/* 0: none; io.c swapnet_group_* */
	struct swapnet_owner_id owner;	/* owner.c; !set: no record */
};

struct swapnet_stats {
	atomic64_t reads, writes;
	atomic64_t read_bytes, write_bytes;
	atomic_t inflight;
	atomic64_t retries;
	atomic64_t latency_sum_us, latency_max_us;
	atomic64_t errors;
	atomic_t last_error;
	atomic64_t commits, write_resends, reclaim_reqs;
	atomic64_t verify_errors, verify_rereads;
	atomic64_t fences, failfast_errors;	/* failfast (io.c) */
};

/* A consistent-enough copy for DEV_GET and sysfs. */
struct swapnet_stats_snap {
	u64 reads, writes, read_bytes, write_bytes;
	u32 inflight;
	u64 retrans, retries;
	u64 latency_sum_us, latency_max_us;
	u64 errors;
	s32 last_error;
	u64 commits, write_resends, reclaim_reqs;
	u64 verify_errors, verify_rereads;
	/* io.c, under io_lock (swapnet_io_parked) */
	unsigned int parked_writes, parked_reads, parked_writes_max;
};

/*
 * Verified swap-in (verify.c): a CRC32C per 4 KiB block of the device,
 * 0 while unknown.  sums is NULL when the device does not verify.
 */
struct swapnet_verify {
	u32 *sums;
	u64 nr_blocks;
	spinlock_t lock;		/* the last error, for the event */
	u64 last_offset;
	u32 last_want, last_got;
	struct work_struct event_work;
};

/*
 * A lost request (stats.c): the last SWAPNET_LOST_RECENT are kept for
 * sysfs "lost" and DEV_GET; each is sent as EVT_LOST by work.
 */
struct swapnet_loss {
	u64 seq;			/* 1, 2, ... */
	u64 time_ns;			/* CLOCK_REALTIME */
	u64 offset;
	u32 len;
	s32 err;			/* nfsstat3 (> 0) or -errno */
	bool write;
	const char *why;		/* a string literal */
};

struct swapnet_losses {
	spinlock_t lock;		/* irq-safe: the fields below */
	u64 seq;			/* losses recorded so far */
	u64 sent;			/* of those, handed to events */
	struct swapnet_loss ring[SWAPNET_LOST_RECENT];	/* [(seq - 1) % N] */
	struct work_struct work;	/* sends EVT_LOST */
};

/*
 * The STALE check (io.c): the directory as it was at attach, and the
 * LOOKUP that tells a replaced file from a file system not mounted.
 */
struct swapnet_stale {
	struct delayed_work work;
	unsigned long checked;		/* jiffies: the last LOOKUP started */
	bool stop;			/* teardown: no more LOOKUPs */
	bool base;			/* dir: the directory at attach */
	bool off;			/* the name was not our file: by time */
	u64 dir_fsid, dir_fileid;
	unsigned int tries;		/* LOOKUPs at attach without an answer */
};

/* Per request: a READ's checksum state. */
struct swapnet_verify_req {
	bool reread;			/* read again after a mismatch */
	bool failed;			/* blocks in bad[] fail */
	DECLARE_BITMAP(bad, SWAPNET_MAX_IO_SIZE / SZ_4K);
};

/*
 * Failfast (io.c): a device with a failfast request, or any request if
 * md armed it (failfast.h), left unanswered for failfast_timeo is
 * fenced, unless it is md's last leg.  FENCING: its I/O RPCs are cancelled, the
 * transport closed, nothing is sent; FENCED: every task that was in
 * flight has ended, failfast requests fail at once, the rest is sent
 * hard, until the server has answered again (then NONE).
 */
enum swapnet_fence {
	SWAPNET_FENCE_NONE,
	SWAPNET_FENCING,
	SWAPNET_FENCED,
};

struct swapnet_dev {
	int index;
	char name[DISK_NAME_LEN];
	struct swapnet_config cfg;
	const struct cred *cred;	/* AUTH_UNIX identity of every call */
	struct rpc_cred *op_cred;	/* cred bound to every I/O (io.c) */
	struct rpc_clnt *clnt;
	struct rpc_stat rpcstat;	/* per-device: counts retransmits */
	bool swap_active;
	struct workqueue_struct *wq;	/* rpc_release runs here */
	struct blk_mq_tag_set tag_set;	/* SWAPNET_NR_TAGS requests */
	struct gendisk *disk;
	unsigned int queue_depth;	/* WRITEs in flight at most */
	unsigned int read_depth;	/* READs in flight at most */
	unsigned int max_bytes;		/* one request = one READ/WRITE */

	/* the in-flight limit (io.c): what is sent, what waits */
	spinlock_t io_lock;		/* irq-safe: protects the fields below */
	struct list_head parked_writes;	/* FIFO of requests not sent yet */
	struct list_head parked_reads;
	unsigned int writes_sent;	/* RPC tasks running: WRITEs ... */
	unsigned int reads_sent;	/* ... and READs */
	unsigned int nr_parked_writes;
	unsigned int nr_parked_reads;
	unsigned int parked_writes_max;	/* most WRITEs parked at once */
	bool io_killed;			/* forced removal: send nothing more */
	enum swapnet_fence fence;	/* failfast: the fence (io.c) */
	struct list_head fence_fail;	/* FENCING: failfast, fail at FENCED */
	struct list_head fence_resend;	/* FENCING: killed, send at FENCED */
	unsigned long fenced_at;	/* jiffies: the fence began */
	unsigned long answered_at;	/* jiffies: FENCED, first answer */
	bool answered;			/* ... there was one */
	enum swapnet_ff_said ff_said;	/* failfast (io.c), read lockless */
	unsigned long ff_armed_at;	/* jiffies: its last failfast data bio */
	/* mirror groups (io.c): md seen whole again, and since when */
	bool ff_unmarked;		/* an unmarked data WRITE ... */
	unsigned long ff_unmarked_at;	/* ... the last one (jiffies) */
	bool ff_whole;			/* then a marked one: md whole ... */
	unsigned long ff_whole_from;	/* ... after the unmarked at this */

	/* failfast, outside io_lock */
	unsigned int failfast_timeo_s;	/* sysfs; 0: no failfast at all */
	unsigned long last_reply;	/* jiffies: the server last answered */
	struct delayed_work fence_work;	/* FENCING: cancel; FENCED: ping */
	struct rpc_task ping_task;	/* FENCED: is the server back? */
	struct rpc_message ping_msg;
	unsigned long ping_busy;	/* bit 0: ping_task is running */
	/* cfg.mirror_group != 0: on the groups list (io.c, its lock) */
	struct list_head group_node;
	bool group_held;		/* a fence waits for another leg */
	bool group_out;			/* its fence failed md's requests ... */
	unsigned long group_out_at;	/* ... at this time (jiffies) */

	struct mutex open_lock;		/* open_count and removing */
	unsigned int open_count;
	bool removing;			/* set under the devs lock too */
	bool live;			/* in the idr and visible; devs lock */
	struct delayed_work kill_work;	/* forced DEV_DEL: kills RPCs */

	atomic_t state;			/* enum swapnet_state */
	spinlock_t reason_lock;		/* protects reason */
	char reason[SWAPNET_REASON_MAX + 1];	/* why state is not OK */
	struct work_struct event_work;	/* sends state-change events */
	atomic_t transitions;		/* state changes so far */
	unsigned int failed_seq;	/* the transition to FAILED, or 0 */
	unsigned int events_sent;	/* of those, sent by event_work */
	struct completion added;	/* EVT_ADDED posted: REMOVED may go */
	struct swapnet_stats stats;
	struct swapnet_verify vfy;
	struct swapnet_losses losses;	/* stats.c */
	struct swapnet_stale stale;	/* io.c */
	struct swapnet_owner owner;	/* the heartbeat (owner.c) */
	/* rpc.c: a connect that does not succeed is started over */
	struct delayed_work reconnect_work;
	bool kick_armed;		/* not connected, I/O waiting ... */
	unsigned long kick_at;		/* ... start over then (jiffies) */
};

/* Per-request PDU (tag_set.cmd_size); pages[] is sized at DEV_ADD. */
struct swapnet_req {
	struct rpc_task task;
	struct swapnet_dev *dev;
	struct rpc_message msg;
	struct swapnet_rw_args args;
	struct swapnet_rw_res res;
	u64 start_ns;
	unsigned long attempt;		/* jiffies: this RPC (re)started */
	u32 done;			/* bytes transferred so far */
	u32 total;
	unsigned int pgbase;		/* the request's offset in pages[0] */
	unsigned int backoff;		/* consecutive outage replies */
	unsigned int io_tries;		/* IO/SERVERFAULT retries: own budget */
	s32 lost_err;			/* why it failed (swapnet_fail) ... */
	const char *lost_why;		/* ... for swapnet_lost() */
	bool stale;			/* only STALE/BADHANDLE answers ... */
	unsigned long stale_since;	/* ... since (jiffies) */
	bool unstable;			/* a WRITE reply said < FILE_SYNC */
	u8 verf[SWAPNET_VERF_SIZE];	/* ... with this write verifier */
	unsigned int verf_changes;	/* re-sent for a changed verifier */
	blk_status_t status;
	struct swapnet_verify_req vfy;
	bool write;			/* WRITE (else READ) */
	bool parked;			/* on a parked list (dev->io_lock) */
	bool failfast;			/* every bio REQ_FAILFAST_DEV/TRANSPORT */
	bool meta;			/* ... and md's metadata (REQ_META) */
	bool fenced;			/* its RPC was cancelled by a fence */
	unsigned long ff_since;		/* jiffies: queued (the fence checks) */
	struct list_head park;		/* ... there */
	unsigned int nr_pages;
	struct page *pages[];
};

/*
 * Tags of a device: far more than may be in flight (queue_depth +
 * read_depth <= the transport's slots), so that a submitter, reclaim
 * included, finds a free tag while the network is slow; see io.c.
 */
#define SWAPNET_NR_TAGS		512

/* main.c: module parameters */
extern unsigned int swapnet_queue_depth;
extern unsigned int swapnet_max_backoff_s;
extern unsigned int swapnet_default_timeo_ds;
extern unsigned int swapnet_default_retrans;

/* device.c */
int swapnet_blkdev_init(void);
void swapnet_blkdev_exit(void);
/* Returns the new device's index, or -errno. */
int swapnet_dev_create(const struct swapnet_config *cfg,
		       struct netlink_ext_ack *extack);
int swapnet_dev_remove(int index, bool force, struct netlink_ext_ack *extack);
void swapnet_dev_remove_all(void);
/*
 * Visit devices in index order starting at *index, under the device-list
 * mutex; fn returns non-zero to stop (then *index is that device's).
 */
int swapnet_dev_for_each(int *index,
			 int (*fn)(struct swapnet_dev *dev, void *arg),
			 void *arg);
/* Call fn on device index under the device-list mutex; -ENODEV if none. */
int swapnet_dev_call(int index, int (*fn)(struct swapnet_dev *dev, void *arg),
		     void *arg);
unsigned int swapnet_dev_open_count(struct swapnet_dev *dev);

/* rpc.c */
int swapnet_rpc_setup(struct swapnet_dev *dev,
		      struct netlink_ext_ack *extack);
void swapnet_rpc_teardown(struct swapnet_dev *dev);
unsigned int swapnet_rpc_slots(struct swapnet_dev *dev);
/* Close the transport (a fence): the next call connects again. */
void swapnet_rpc_disconnect(struct swapnet_dev *dev);

/* io.c */
blk_status_t swapnet_queue_rq(struct blk_mq_hw_ctx *hctx,
			      const struct blk_mq_queue_data *bd);
enum blk_eh_timer_return swapnet_timeout(struct request *rq);
/* Set up the in-flight limit of a new device (before the disk). */
void swapnet_io_init(struct swapnet_dev *dev, unsigned int slots);
/* Forced removal: parked requests fail instead of being sent. */
void swapnet_io_kill(struct swapnet_dev *dev);
/*
 * Mirror groups (io.c): a device with cfg.mirror_group joins once it is
 * live and leaves before it is freed; after leaving, no other device
 * reads it.
 */
void swapnet_group_join(struct swapnet_dev *dev);
void swapnet_group_leave(struct swapnet_dev *dev);
/* Teardown, before the client goes: no fence work any more. */
void swapnet_fence_stop(struct swapnet_dev *dev);
/*
 * The STALE check: init at DEV_ADD, start once the device is live (a
 * LOOKUP records the directory), stop before the client goes.
 */
void swapnet_stale_init(struct swapnet_dev *dev);
void swapnet_stale_start(struct swapnet_dev *dev);
void swapnet_stale_stop(struct swapnet_dev *dev);
/* Parked requests now (writes, reads) and the most writes parked. */
void swapnet_io_parked(struct swapnet_dev *dev, unsigned int *writes,
		       unsigned int *reads, unsigned int *writes_max);
/*
 * Bind dev->cred once as the rpc_cred of every I/O (after rpc_create,
 * before the disk exists); put it after the last request (teardown,
 * before rpc_shutdown_client).  Without it each call looks one up.
 */
int swapnet_io_bind_cred(struct swapnet_dev *dev);
void swapnet_io_put_cred(struct swapnet_dev *dev);

/* stats.c */
void swapnet_stats_snapshot(struct swapnet_dev *dev,
			    struct swapnet_stats_snap *snap);
void swapnet_stats_account(struct swapnet_dev *dev, bool write, u32 bytes,
			   u64 start_ns);
/*
 * A request failed to the block layer: recorded (sysfs "lost", DEV_GET),
 * logged (a READ never rate-limited) and sent as EVT_LOST.  Any context;
 * allocates nothing.  why: a string literal.
 */
void swapnet_lost(struct swapnet_dev *dev, bool write, u64 offset, u32 len,
		  s32 err, const char *why);
void swapnet_lost_init(struct swapnet_dev *dev);
/* After the last request: no EVT_LOST pending. */
void swapnet_lost_stop(struct swapnet_dev *dev);
/* The recent losses, oldest first, into out[SWAPNET_LOST_RECENT]: how many. */
unsigned int swapnet_lost_recent(struct swapnet_dev *dev,
				 struct swapnet_loss *out);
u64 swapnet_lost_count(struct swapnet_dev *dev);

/* server.c: the server state machine (its table: server.h) */
/*
 * NOT_RESPONDING or FAILED with a reason (reason_lock; FAILED is final);
 * a new reason while NOT_RESPONDING replaces the old one.
 */
__printf(3, 4)
void swapnet_state_trouble(struct swapnet_dev *dev, enum swapnet_state state,
			   const char *fmt, ...);
/* The server answered: NOT_RESPONDING -> OK (FAILED stays). */
void swapnet_state_ok(struct swapnet_dev *dev);
/* Copy dev->reason (empty when OK) under reason_lock. */
void swapnet_get_reason(struct swapnet_dev *dev, char *buf, size_t len);
/* Event command for state transition number seq (1, 2, ...). */
u8 swapnet_state_event(struct swapnet_dev *dev, unsigned int seq);

/* sysfs.c */
extern const struct attribute_group *swapnet_disk_groups[];

/* netlink.c */
int swapnet_genl_init(void);
void swapnet_genl_exit(void);
void swapnet_event(struct swapnet_dev *dev, u8 cmd);
struct sk_buff *swapnet_event_build(struct swapnet_dev *dev, u8 cmd);
void swapnet_event_post(struct sk_buff *skb);
void swapnet_event_work(struct work_struct *work);
void swapnet_event_verify(struct swapnet_dev *dev, u64 offset, u32 want,
			  u32 got);
void swapnet_event_lost(struct swapnet_dev *dev,
			const struct swapnet_loss *loss);

/* verify.c */
extern bool swapnet_verify_default;
/* DEV_ADD: the checksum table (when cfg.verify), or -ENOMEM + extack. */
int swapnet_verify_alloc(struct swapnet_dev *dev,
			 struct netlink_ext_ack *extack);
/* The disk before add: stable writes (when verifying). */
int swapnet_verify_disk(struct swapnet_dev *dev, struct gendisk *disk);
/* After the last request (tags freed): no event pending, table freed. */
void swapnet_verify_free(struct swapnet_dev *dev);
/* queue_rq: a WRITE's blocks are unknown from now on; a READ starts. */
void swapnet_verify_start(struct swapnet_req *cmd, bool write);
/*
 * rpc_call_done (rpciod), a READ complete: 0 verified (or unknown),
 * -EAGAIN read it all once more, -EIO blocks failed (cmd->vfy.bad).
 */
int swapnet_verify_read(struct swapnet_req *cmd);
/*
 * rpc_release: records a successful WRITE's checksums; ends a READ with
 * failed blocks (only their bios fail) and returns true; false: the
 * caller ends the request.
 */
bool swapnet_verify_release(struct swapnet_req *cmd);

#endif /* SWAPNET_INTERNAL_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: one node per swapfile, and a heartbeat that shows which.
 *
 * In the spirit of ZFS's multihost protection and LVM's system ID: the
 * file's last SWAPNET_OWNER_RESERVED bytes, after the part the device
 * exposes (so neither the swap area nor a dm-crypt mapping over it ever
 * touches them), hold an owner record: host name, machine-id, MAC, boot
 * id, a nonce per claim, a sequence number and the writer's clock
 * (struct swapnet_owner_record, uapi/swapnet.h).
 *
 * swapnetctl claims the file before DEV_ADD (it watches a record that is
 * not its own for a few periods and refuses one that changes: swapnet(4)
 * says why there); DEV_ADD then reads the record back on the probe client
 * and refuses (-EBUSY) a record that is not that claim.  From then on the
 * module rewrites it every SWAPNET_OWNER_PERIOD_MS, seq + 1.
 *
 * Each beat is one READ of the record followed by one FILE_SYNC WRITE,
 * on one task, page and buffer preallocated per device: no allocation
 * of ours (SUNRPC allocates the call buffer, GFP_NOWAIT with its mempool
 * behind it, as for every swap I/O).  At most one beat is in flight, so
 * the heartbeat holds at most one of the transport's slots for one round
 * trip; swapnetctl raises the slot table by one for it.  It is not
 * RPC_TASK_SWAPPER: it never takes the memory reserve from reclaim.  A
 * beat the server does not answer simply waits (hard, like swap I/O);
 * the next one starts a period after it ends.
 *
 * Before every write the record read back must be the one this device
 * wrote last (or the one it was writing, if that reply was lost).
 * Anything else means another node took the file over (swapnetctl
 * --force, or a takeover after this node's heartbeat had stopped for
 * longer than the watch): the device goes FAILED with the new owner in
 * the reason, the log and the event, writes no more heartbeats, and
 * every later request fails.  A page lost loudly beats two kernels
 * overwriting each other's memory.
 */
#include <linux/ctype.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/sunrpc/clnt.h>
#include <linux/timekeeping.h>

#include "internal.h"

/* The record's integers: little-endian byte arrays, any alignment. */
static void swapnet_put_le32(u32 v, u8 *p)
{
	__le32 x = cpu_to_le32(v);

	memcpy(p, &x, sizeof(x));
}

static void swapnet_put_le64(u64 v, u8 *p)
{
	__le64 x = cpu_to_le64(v);

	memcpy(p, &x, sizeof(x));
}

static u32 swapnet_get_le32(const u8 *p)
{
	__le32 x;

	memcpy(&x, p, sizeof(x));
	return le32_to_cpu(x);
}

static u64 swapnet_get_le64(const u8 *p)
{
	__le64 x;

	memcpy(&x, p, sizeof(x));
	return le64_to_cpu(x);
}

const struct nla_policy swapnet_owner_policy[SWAPNET_OWNER_A_MAX + 1] = {
	[SWAPNET_OWNER_A_HOST] = { .type = NLA_NUL_STRING,
				   .len = SWAPNET_OWNER_HOST_MAX },
	[SWAPNET_OWNER_A_MACHINE_ID] = {
		.type = NLA_NUL_STRING, .len = SWAPNET_OWNER_MACHINE_ID_LEN },
	[SWAPNET_OWNER_A_BOOT_ID] = { .type = NLA_NUL_STRING,
				      .len = SWAPNET_OWNER_BOOT_ID_LEN },
	[SWAPNET_OWNER_A_MAC] = { .type = NLA_NUL_STRING,
				  .len = SWAPNET_OWNER_MAC_MAX },
	[SWAPNET_OWNER_A_NONCE] = NLA_POLICY_EXACT_LEN(SWAPNET_OWNER_NONCE_LEN),
};

static bool swapnet_is_lower_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit(s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

/* 8-4-4-4-12 lowercase hex, as /proc/sys/kernel/random/boot_id */
static bool swapnet_is_uuid(const char *s)
{
	size_t i;

	if (strlen(s) != SWAPNET_OWNER_BOOT_ID_LEN)
		return false;
	for (i = 0; i < SWAPNET_OWNER_BOOT_ID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!swapnet_is_lower_hex(&s[i], 1)) {
			return false;
		}
	}
	return true;
}

/* "" or hex pairs separated by ':' */
static bool swapnet_is_mac(const char *s)
{
	size_t i, n = strlen(s);

	if (!n)
		return true;
	if (n % 3 != 2)
		return false;
	for (i = 0; i < n; i++) {
		if (i % 3 == 2) {
			if (s[i] != ':')
				return false;
		} else if (!isxdigit(s[i])) {
			return false;
		}
	}
	return true;
}

static bool swapnet_is_host(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return false;
	return true;
}

int swapnet_owner_parse(const struct nlattr *nest, struct swapnet_owner_id *id,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SWAPNET_OWNER_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, SWAPNET_OWNER_A_MAX, nest,
			       swapnet_owner_policy, extack);
	if (err)
		return err;
	if (!tb[SWAPNET_OWNER_A_HOST] || !tb[SWAPNET_OWNER_A_MACHINE_ID] ||
	    !tb[SWAPNET_OWNER_A_BOOT_ID] || !tb[SWAPNET_OWNER_A_NONCE]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "owner needs host, machine-id, boot id and nonce");
		return -EINVAL;
	}
	nla_strscpy(id->host, tb[SWAPNET_OWNER_A_HOST], sizeof(id->host));
	nla_strscpy(id->machine_id, tb[SWAPNET_OWNER_A_MACHINE_ID],
		    sizeof(id->machine_id));
	nla_strscpy(id->boot_id, tb[SWAPNET_OWNER_A_BOOT_ID],
		    sizeof(id->boot_id));
	if (tb[SWAPNET_OWNER_A_MAC])
		nla_strscpy(id->mac, tb[SWAPNET_OWNER_A_MAC], sizeof(id->mac));
	nla_memcpy(id->nonce, tb[SWAPNET_OWNER_A_NONCE], sizeof(id->nonce));
	if (!swapnet_is_host(id->host)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[SWAPNET_OWNER_A_HOST],
				    "owner host name must be printable, without spaces");
		return -EINVAL;
	}
	if (strlen(id->machine_id) != SWAPNET_OWNER_MACHINE_ID_LEN ||
	    !swapnet_is_lower_hex(id->machine_id,
				  SWAPNET_OWNER_MACHINE_ID_LEN)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[SWAPNET_OWNER_A_MACHINE_ID],
				    "machine-id must be 32 lowercase hex digits");
		return -EINVAL;
	}
	if (!swapnet_is_uuid(id->boot_id)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[SWAPNET_OWNER_A_BOOT_ID],
				    "boot id must be a lowercase uuid");
		return -EINVAL;
	}
	if (!swapnet_is_mac(id->mac)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[SWAPNET_OWNER_A_MAC],
				    "MAC must be hex pairs separated by ':'");
		return -EINVAL;
	}
	id->set = true;
	return 0;
}

u64 swapnet_owner_reserved(const struct swapnet_dev *dev)
{
	return dev->cfg.owner.set ? SWAPNET_OWNER_RESERVED : 0;
}

static void swapnet_owner_encode(u8 *buf, const struct swapnet_owner_id *id,
				 u64 seq)
{
	struct swapnet_owner_record *r = (void *)buf;

	BUILD_BUG_ON(sizeof(*r) != SWAPNET_OWNER_REC_LEN);
	memset(r, 0, sizeof(*r));
	memcpy(r->magic, SWAPNET_OWNER_MAGIC, sizeof(r->magic));
	swapnet_put_le32(SWAPNET_OWNER_VERSION, r->version);
	swapnet_put_le32(SWAPNET_OWNER_PERIOD_MS, r->period_ms);
	swapnet_put_le64(seq, r->seq);
	swapnet_put_le64(ktime_get_real_seconds(), r->time_s);
	memcpy(r->nonce, id->nonce, sizeof(r->nonce));
	strscpy(r->machine_id, id->machine_id, sizeof(r->machine_id));
	strscpy(r->boot_id, id->boot_id, sizeof(r->boot_id));
	strscpy(r->mac, id->mac, sizeof(r->mac));
	strscpy(r->host, id->host, sizeof(r->host));
}

/* A record's strings, made safe to print (NUL-terminated, printable). */
struct swapnet_owner_names {
	char host[sizeof_field(struct swapnet_owner_record, host) + 1];
	char machine_id[sizeof_field(struct swapnet_owner_record,
				     machine_id) + 1];
	char boot_id[sizeof_field(struct swapnet_owner_record, boot_id) + 1];
	char mac[sizeof_field(struct swapnet_owner_record, mac) + 1];
};

static void swapnet_owner_field(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		dst[i] = isprint(src[i]) ? src[i] : '?';
	dst[i] = '\0';
}

/* false: no record of ours in buf (no magic or another version) */
static bool swapnet_owner_names(const u8 *buf, struct swapnet_owner_names *n)
{
	const struct swapnet_owner_record *r = (const void *)buf;

	if (memcmp(r->magic, SWAPNET_OWNER_MAGIC, sizeof(r->magic)) ||
	    swapnet_get_le32(r->version) != SWAPNET_OWNER_VERSION)
		return false;
	swapnet_owner_field(n->host, r->host, sizeof(r->host));
	swapnet_owner_field(n->machine_id, r->machine_id,
			    sizeof(r->machine_id));
	swapnet_owner_field(n->boot_id, r->boot_id, sizeof(r->boot_id));
	swapnet_owner_field(n->mac, r->mac, sizeof(r->mac));
	return true;
}

/* The claim swapnetctl wrote: our machine, boot and nonce. */
static bool swapnet_owner_is_claim(const u8 *buf,
				   const struct swapnet_owner_id *id)
{
	const struct swapnet_owner_record *r = (const void *)buf;

	return !memcmp(r->magic, SWAPNET_OWNER_MAGIC, sizeof(r->magic)) &&
	       swapnet_get_le32(r->version) == SWAPNET_OWNER_VERSION &&
	       !memcmp(r->nonce, id->nonce, sizeof(r->nonce)) &&
	       !strncmp(r->machine_id, id->machine_id,
			sizeof(r->machine_id)) &&
	       !strncmp(r->boot_id, id->boot_id, sizeof(r->boot_id));
}

static void swapnet_owner_rw(struct swapnet_dev *dev, u32 proc)
{
	struct swapnet_owner *o = &dev->owner;

	o->args.fh = dev->cfg.fh;
	o->args.fh_len = dev->cfg.fh_len;
	o->args.offset = dev->cfg.size;
	o->args.count = SWAPNET_OWNER_REC_LEN;
	o->args.stable = SWAPNET_FILE_SYNC;
	o->args.pgbase = 0;
	o->args.pages = &o->page;
	memset(&o->res, 0, sizeof(o->res));
	o->msg.rpc_proc = &swapnet_nfs3_procs[proc];
	o->msg.rpc_argp = &o->args;
	o->msg.rpc_resp = &o->res;
	o->msg.rpc_cred = dev->cred;
}

int swapnet_owner_probe(struct swapnet_dev *dev, struct rpc_clnt *clnt,
			struct netlink_ext_ack *extack)
{
	struct swapnet_owner *o = &dev->owner;
	struct swapnet_owner_names n;
	int err;

	if (!dev->cfg.owner.set)
		return 0;
	if (!o->page) {
		o->page = alloc_page(GFP_KERNEL);
		if (!o->page)
			return -ENOMEM;
	}
	swapnet_owner_rw(dev, SWAPNET_PROC_READ);
	err = rpc_call_sync(clnt, &o->msg,
			    RPC_TASK_SOFT | RPC_TASK_TIMEOUT | RPC_TASK_SOFTCONN);
	if (!err && (o->res.status != SWAPNET_NFS3_OK ||
		     o->res.count != SWAPNET_OWNER_REC_LEN))
		err = -EIO;
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot read the owner record");
		pr_info("%s: owner record at %llu: error %d, nfsstat3 %u, %u bytes\n",
			dev->name, dev->cfg.size, err, o->res.status,
			o->res.count);
		return err;
	}
	memcpy(o->rec, page_address(o->page), sizeof(o->rec));
	if (!swapnet_owner_is_claim(o->rec, &dev->cfg.owner)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "another node claimed the file meanwhile (owner record is not ours)");
		if (swapnet_owner_names(o->rec, &n))
			pr_warn("%s: %s:%s: claimed by %s (machine-id %s, MAC %s) while we were attaching: refused\n",
				dev->name, dev->cfg.server_name, dev->cfg.path,
				n.host, n.machine_id, n.mac[0] ? n.mac : "-");
		return -EBUSY;
	}
	o->seq = swapnet_get_le64(((struct swapnet_owner_record *)o->rec)->seq);
	atomic64_set(&o->seq_written, o->seq);
	return 0;
}

/* Someone else's record where ours should be: stop, and say so. */
static void swapnet_owner_lost(struct swapnet_dev *dev, const u8 *buf,
			       bool whole)
{
	struct swapnet_owner_names n;

	dev->owner.lost = true;
	if (!whole || !swapnet_owner_names(buf, &n)) {
		pr_crit("%s: %s:%s: the owner record was overwritten (not by swapnet): another user of the file? no more writes from this node\n",
			dev->name, dev->cfg.server_name, dev->cfg.path);
		swapnet_state_trouble(dev, SWAPNET_STATE_FAILED,
				      "owner record overwritten: the file is in use elsewhere");
		return;
	}
	pr_crit("%s: %s:%s was taken over by %s (machine-id %s, MAC %s, boot id %s): no more writes from this node, its pages there are lost\n",
		dev->name, dev->cfg.server_name, dev->cfg.path, n.host,
		n.machine_id, n.mac[0] ? n.mac : "-", n.boot_id);
	swapnet_state_trouble(dev, SWAPNET_STATE_FAILED,
			      "swapfile taken over by %.64s (machine-id %.12s)",
			      n.host, n.machine_id);
}

static void swapnet_owner_done(struct rpc_task *task, void *calldata)
{
	struct swapnet_dev *dev = calldata;
	struct swapnet_owner *o = &dev->owner;
	const u8 *buf = page_address(o->page);

	/* killed, refused or an error: the next period tries again */
	if (RPC_SIGNALLED(task) || task->tk_status < 0 ||
	    o->res.status != SWAPNET_NFS3_OK || o->lost ||
	    atomic_read(&dev->state) == SWAPNET_STATE_FAILED)
		return;

	if (task->tk_msg.rpc_proc == &swapnet_nfs3_procs[SWAPNET_PROC_WRITE]) {
		if (o->res.count == SWAPNET_OWNER_REC_LEN) {
			memcpy(o->rec, o->next, sizeof(o->rec));
			o->seq++;
			atomic64_set(&o->seq_written, o->seq);
			atomic64_set(&o->last_ok_ns, ktime_get_boottime_ns());
		}
		return;
	}

	/* READ: ours (or the one we were writing when a reply was lost)? */
	if (o->res.count == SWAPNET_OWNER_REC_LEN &&
	    !memcmp(buf, o->next, sizeof(o->next)) &&
	    memcmp(buf, o->rec, sizeof(o->rec))) {
		memcpy(o->rec, o->next, sizeof(o->rec));
		o->seq++;
	}
	if (o->res.count == SWAPNET_OWNER_REC_LEN &&
	    memcmp(buf, o->rec, sizeof(o->rec)) &&
	    swapnet_owner_is_claim(buf, &dev->cfg.owner)) {
		/*
		 * Our own record (this claim's nonce), but an older one:
		 * the server lost writes it had acknowledged as stable (an
		 * async export that crashed).  Not another node: go on.
		 */
		pr_warn("%s: %s:%s: our owner record went back from seq %llu to %llu: the server lost synchronous writes (async export?)\n",
			dev->name, dev->cfg.server_name, dev->cfg.path, o->seq,
			swapnet_get_le64(((const struct swapnet_owner_record *)
					  buf)->seq));
		memcpy(o->rec, buf, sizeof(o->rec));
		o->seq = swapnet_get_le64(((const struct swapnet_owner_record *)
					   buf)->seq);
	}
	if (o->res.count != SWAPNET_OWNER_REC_LEN ||
	    memcmp(buf, o->rec, sizeof(o->rec))) {
		swapnet_owner_lost(dev, buf,
				   o->res.count == SWAPNET_OWNER_REC_LEN);
		return;
	}
	swapnet_owner_encode(o->next, &dev->cfg.owner, o->seq + 1);
	memcpy(page_address(o->page), o->next, sizeof(o->next));
	swapnet_owner_rw(dev, SWAPNET_PROC_WRITE);
	task->tk_msg.rpc_proc = o->msg.rpc_proc;
	rpc_restart_call_prepare(task);
}

static void swapnet_owner_release(void *calldata)
{
	struct swapnet_dev *dev = calldata;
	struct swapnet_owner *o = &dev->owner;

	if (!READ_ONCE(o->stopping) && !o->lost &&
	    atomic_read(&dev->state) != SWAPNET_STATE_FAILED)
		queue_delayed_work(dev->wq, &o->work,
				   msecs_to_jiffies(SWAPNET_OWNER_PERIOD_MS));
}

static const struct rpc_call_ops swapnet_owner_ops = {
	.rpc_call_done = swapnet_owner_done,
	.rpc_release = swapnet_owner_release,
};

static void swapnet_owner_beat(struct work_struct *work)
{
	struct swapnet_owner *o = container_of(to_delayed_work(work),
					       struct swapnet_owner, work);
	struct swapnet_dev *dev = container_of(o, struct swapnet_dev, owner);
	struct rpc_task_setup setup = {
		.task = &o->task,
		.rpc_client = dev->clnt,
		.rpc_message = &o->msg,
		.callback_ops = &swapnet_owner_ops,
		.callback_data = dev,
		.workqueue = dev->wq,
		.rpc_op_cred = dev->op_cred,
		.flags = RPC_TASK_ASYNC,
	};
	struct rpc_task *task;

	if (READ_ONCE(o->stopping))
		return;
	swapnet_owner_rw(dev, SWAPNET_PROC_READ);
	/* preallocated task: allocates nothing, cannot fail (io.c) */
	task = rpc_run_task(&setup);
	if (WARN_ON_ONCE(IS_ERR(task)))
		return;
	rpc_put_task_async(task);
}

void swapnet_owner_start(struct swapnet_dev *dev)
{
	struct swapnet_owner *o = &dev->owner;

	INIT_DELAYED_WORK(&o->work, swapnet_owner_beat);
	if (!dev->cfg.owner.set)
		return;
	/* nothing being written yet: next is never on the server */
	memset(o->next, 0xff, sizeof(o->next));
	pr_info("%s: owner of %s:%s: %s (machine-id %s, MAC %s), heartbeat every %u ms at offset %llu\n",
		dev->name, dev->cfg.server_name, dev->cfg.path,
		dev->cfg.owner.host, dev->cfg.owner.machine_id,
		dev->cfg.owner.mac[0] ? dev->cfg.owner.mac : "-",
		SWAPNET_OWNER_PERIOD_MS, dev->cfg.size);
	queue_delayed_work(dev->wq, &o->work, 0);
}

void swapnet_owner_stop(struct swapnet_dev *dev)
{
	struct swapnet_owner *o = &dev->owner;

	WRITE_ONCE(o->stopping, true);
	/*
	 * A beat in flight is killed by rpc_shutdown_client(); its release
	 * sees stopping and queues nothing.
	 */
	cancel_delayed_work_sync(&o->work);
}

void swapnet_owner_free(struct swapnet_dev *dev)
{
	if (dev->owner.page)
		__free_page(dev->owner.page);
	dev->owner.page = NULL;
}

int swapnet_owner_put(struct sk_buff *skb, struct swapnet_dev *dev)
{
	const struct swapnet_owner_id *id = &dev->cfg.owner;
	struct swapnet_owner *o = &dev->owner;
	s64 last = atomic64_read(&o->last_ok_ns);
	struct nlattr *nest;

	if (!id->set)
		return 0;
	nest = nla_nest_start(skb, SWAPNET_A_OWNER);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, SWAPNET_OWNER_A_HOST, id->host) ||
	    nla_put_string(skb, SWAPNET_OWNER_A_MACHINE_ID, id->machine_id) ||
	    nla_put_string(skb, SWAPNET_OWNER_A_BOOT_ID, id->boot_id) ||
	    nla_put_string(skb, SWAPNET_OWNER_A_MAC, id->mac) ||
	    nla_put(skb, SWAPNET_OWNER_A_NONCE, sizeof(id->nonce), id->nonce) ||
	    nla_put_u64_64bit(skb, SWAPNET_OWNER_A_SEQ,
			      atomic64_read(&o->seq_written),
			      SWAPNET_OWNER_A_PAD) ||
	    (last && nla_put_u64_64bit(skb, SWAPNET_OWNER_A_AGE_MS,
				       div_u64(ktime_get_boottime_ns() - last,
					       NSEC_PER_MSEC),
				       SWAPNET_OWNER_A_PAD)) ||
	    nla_put_u32(skb, SWAPNET_OWNER_A_PERIOD_MS,
			SWAPNET_OWNER_PERIOD_MS) ||
	    nla_put_u64_64bit(skb, SWAPNET_OWNER_A_OFFSET, dev->cfg.size,
			      SWAPNET_OWNER_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

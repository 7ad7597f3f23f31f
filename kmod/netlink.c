// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: the "swapnet" generic netlink family (kmod/uapi/swapnet.h).
 *
 * Strict per-operation policies; DEV_ADD and DEV_DEL need CAP_NET_ADMIN,
 * DEV_GET sends the file handle, uid and gid only to CAP_NET_ADMIN;
 * every rejection carries an extack message.  The operations run in
 * parallel (no genl_mutex).  The "events" multicast group gets ADDED,
 * REMOVED, NOT_RESPONDING, RESPONDING, FAILED, VERIFY_ERROR and LOST.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rwsem.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "internal.h"

static struct netlink_range_validation swapnet_size_range = {
	.min = SWAPNET_MIN_SIZE_BYTES,
	.max = U64_MAX,
};

static struct netlink_range_validation swapnet_xsize_range = {
	.min = SWAPNET_MIN_IO_SIZE,
	.max = SWAPNET_MAX_IO_SIZE,
};

static const struct nla_policy swapnet_add_policy[SWAPNET_A_MAX + 1] = {
	[SWAPNET_A_SERVER_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[SWAPNET_A_SERVER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[SWAPNET_A_SERVER_NAME] = { .type = NLA_NUL_STRING,
				    .len = SWAPNET_SERVER_NAME_MAX },
	[SWAPNET_A_FILE_HANDLE] = NLA_POLICY_RANGE(NLA_BINARY, 1,
						   SWAPNET_FH_MAX),
	[SWAPNET_A_FILE_PATH] = { .type = NLA_NUL_STRING,
				  .len = SWAPNET_FILE_PATH_MAX },
	[SWAPNET_A_SIZE_BYTES] = NLA_POLICY_FULL_RANGE(NLA_U64,
						       &swapnet_size_range),
	[SWAPNET_A_RSIZE] = NLA_POLICY_FULL_RANGE(NLA_U32,
						  &swapnet_xsize_range),
	[SWAPNET_A_WSIZE] = NLA_POLICY_FULL_RANGE(NLA_U32,
						  &swapnet_xsize_range),
	[SWAPNET_A_UID] = { .type = NLA_U32 },
	[SWAPNET_A_GID] = { .type = NLA_U32 },
	[SWAPNET_A_TIMEO_DS] = NLA_POLICY_RANGE(NLA_U32, SWAPNET_MIN_TIMEO_DS,
						SWAPNET_MAX_TIMEO_DS),
	[SWAPNET_A_RETRANS] = NLA_POLICY_RANGE(NLA_U32, SWAPNET_MIN_RETRANS,
					       SWAPNET_MAX_RETRANS),
	[SWAPNET_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, SWAPNET_F_ALL),
	[SWAPNET_A_LABEL] = { .type = NLA_NUL_STRING,
			      .len = SWAPNET_LABEL_MAX },
	[SWAPNET_A_VERIFY] = NLA_POLICY_MAX(NLA_U8, 1),
	[SWAPNET_A_OWNER] = NLA_POLICY_NESTED(swapnet_owner_policy),
	[SWAPNET_A_DIR_HANDLE] = NLA_POLICY_RANGE(NLA_BINARY, 1,
						  SWAPNET_FH_MAX),
	[SWAPNET_A_FILE_NAME] = { .type = NLA_NUL_STRING,
				  .len = SWAPNET_FILE_NAME_MAX },
	[SWAPNET_A_SERVER_SCOPE_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[SWAPNET_A_MIRROR_GROUP] = NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy swapnet_index_policy[SWAPNET_A_DEV_INDEX + 1] = {
	[SWAPNET_A_DEV_INDEX] = { .type = NLA_U32 },
};

static const struct nla_policy swapnet_del_policy[SWAPNET_A_FORCE + 1] = {
	[SWAPNET_A_DEV_INDEX] = { .type = NLA_U32 },
	[SWAPNET_A_FORCE] = { .type = NLA_FLAG },
};

static struct genl_family swapnet_family;
static bool swapnet_genl_live;

enum { SWAPNET_MCGRP_EVENTS_ID };

static const struct genl_multicast_group swapnet_mcgrps[] = {
	[SWAPNET_MCGRP_EVENTS_ID] = { .name = SWAPNET_MCGRP_EVENTS },
};

/* A missing required attribute: message and attribute in the extack. */
#define swapnet_require(info, attr, msg) ({				\
	struct genl_info *__info = (info);				\
	int __attr = (attr);						\
	bool __ok = __info->attrs[__attr];				\
									\
	if (!__ok) {							\
		NL_SET_ERR_MSG(__info->extack, msg);			\
		NL_SET_ERR_ATTR_MISS(__info->extack, NULL, __attr);	\
	}								\
	__ok;								\
})

static int swapnet_put_stats(struct sk_buff *skb, struct swapnet_dev *dev)
{
	struct swapnet_stats_snap s;
	unsigned int pw, pr, pw_max;
	struct nlattr *nest;

	swapnet_stats_snapshot(dev, &s);
	swapnet_io_parked(dev, &pw, &pr, &pw_max);
	nest = nla_nest_start(skb, SWAPNET_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, SWAPNET_STAT_READS, s.reads,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_WRITES, s.writes,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_READ_BYTES, s.read_bytes,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_WRITE_BYTES, s.write_bytes,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u32(skb, SWAPNET_STAT_INFLIGHT, s.inflight) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_RETRANS, s.retrans,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_RETRIES, s.retries,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_LATENCY_SUM_US,
			      s.latency_sum_us, SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_LATENCY_MAX_US,
			      s.latency_max_us, SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_ERRORS, s.errors,
			      SWAPNET_STAT_PAD) ||
	    nla_put_s32(skb, SWAPNET_STAT_LAST_ERROR, s.last_error) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_COMMITS, s.commits,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_WRITE_RESENDS,
			      s.write_resends, SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_RECLAIM_REQS, s.reclaim_reqs,
			      SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_VERIFY_ERRORS,
			      s.verify_errors, SWAPNET_STAT_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_VERIFY_REREADS,
			      s.verify_rereads, SWAPNET_STAT_PAD) ||
	    nla_put_u32(skb, SWAPNET_STAT_PARKED_WRITES, pw) ||
	    nla_put_u32(skb, SWAPNET_STAT_PARKED_READS, pr) ||
	    nla_put_u32(skb, SWAPNET_STAT_PARKED_WRITES_MAX, pw_max) ||
	    nla_put_u64_64bit(skb, SWAPNET_STAT_LOST, swapnet_lost_count(dev),
			      SWAPNET_STAT_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int swapnet_put_loss(struct sk_buff *skb,
			    const struct swapnet_loss *l)
{
	struct nlattr *nest = nla_nest_start(skb, SWAPNET_LOSS_ENTRY);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, SWAPNET_LOSS_A_SEQ, l->seq,
			      SWAPNET_LOSS_A_PAD) ||
	    nla_put_u64_64bit(skb, SWAPNET_LOSS_A_TIME_NS, l->time_ns,
			      SWAPNET_LOSS_A_PAD) ||
	    nla_put_u8(skb, SWAPNET_LOSS_A_OP, l->write ? SWAPNET_LOSS_OP_WRITE :
		       SWAPNET_LOSS_OP_READ) ||
	    nla_put_u64_64bit(skb, SWAPNET_LOSS_A_OFFSET, l->offset,
			      SWAPNET_LOSS_A_PAD) ||
	    nla_put_u32(skb, SWAPNET_LOSS_A_LEN, l->len) ||
	    nla_put_s32(skb, SWAPNET_LOSS_A_ERROR, l->err) ||
	    nla_put_string(skb, SWAPNET_LOSS_A_REASON, l->why)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* SWAPNET_A_LOSSES with n entries of l (none: nothing). */
static int swapnet_put_losses(struct sk_buff *skb,
			      const struct swapnet_loss *l, unsigned int n)
{
	struct nlattr *nest;
	unsigned int i;

	if (!n)
		return 0;
	nest = nla_nest_start(skb, SWAPNET_A_LOSSES);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		if (swapnet_put_loss(skb, &l[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int swapnet_put_recent_losses(struct sk_buff *skb,
				     struct swapnet_dev *dev)
{
	struct swapnet_loss l[SWAPNET_LOST_RECENT];

	return swapnet_put_losses(skb, l, swapnet_lost_recent(dev, l));
}

static int swapnet_put_addr(struct sk_buff *skb,
			    const struct swapnet_config *cfg)
{
	const struct sockaddr_in *sin = (const void *)&cfg->addr;
	const struct sockaddr_in6 *sin6 = (const void *)&cfg->addr;

	if (cfg->addr.ss_family == AF_INET)
		return nla_put_in_addr(skb, SWAPNET_A_SERVER_ADDR,
				       sin->sin_addr.s_addr);
	if (nla_put_in6_addr(skb, SWAPNET_A_SERVER_ADDR, &sin6->sin6_addr))
		return -EMSGSIZE;
	if (sin6->sin6_scope_id &&
	    nla_put_u32(skb, SWAPNET_A_SERVER_SCOPE_ID, sin6->sin6_scope_id))
		return -EMSGSIZE;
	return 0;
}

static int swapnet_put_reason(struct sk_buff *skb, struct swapnet_dev *dev)
{
	char reason[SWAPNET_REASON_MAX + 1];

	if (atomic_read(&dev->state) == SWAPNET_STATE_OK)
		return 0;
	swapnet_get_reason(dev, reason, sizeof(reason));
	if (!reason[0])
		return 0;
	return nla_put_string(skb, SWAPNET_A_STATE_REASON, reason);
}

/*
 * With AUTH_UNIX, the file handle (and the identity) is all it takes to
 * read and write every page swapped out: only for CAP_NET_ADMIN.
 */
static int swapnet_put_key(struct sk_buff *skb,
			   const struct swapnet_config *cfg, bool admin)
{
	if (!admin)
		return 0;
	if (nla_put(skb, SWAPNET_A_FILE_HANDLE, cfg->fh_len, cfg->fh) ||
	    nla_put_u32(skb, SWAPNET_A_UID, cfg->uid) ||
	    nla_put_u32(skb, SWAPNET_A_GID, cfg->gid))
		return -EMSGSIZE;
	if (cfg->dir_fh_len &&
	    nla_put(skb, SWAPNET_A_DIR_HANDLE, cfg->dir_fh_len, cfg->dir_fh))
		return -EMSGSIZE;
	return 0;
}

/* One DEV_GET message for dev; called under the device-list mutex. */
static int swapnet_fill_dev(struct sk_buff *skb, struct swapnet_dev *dev,
			    u32 portid, u32 seq, int flags, bool admin)
{
	const struct swapnet_config *cfg = &dev->cfg;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &swapnet_family, flags,
			  SWAPNET_CMD_DEV_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, SWAPNET_A_DEV_INDEX, dev->index) ||
	    nla_put_string(skb, SWAPNET_A_DEV_NAME, dev->name) ||
	    nla_put_string(skb, SWAPNET_A_LABEL, cfg->label) ||
	    swapnet_put_addr(skb, cfg) ||
	    nla_put_u16(skb, SWAPNET_A_SERVER_PORT, cfg->port) ||
	    nla_put_string(skb, SWAPNET_A_SERVER_NAME, cfg->server_name) ||
	    swapnet_put_key(skb, cfg, admin) ||
	    nla_put_string(skb, SWAPNET_A_FILE_PATH, cfg->path) ||
	    (cfg->name[0] &&
	     nla_put_string(skb, SWAPNET_A_FILE_NAME, cfg->name)) ||
	    nla_put_u64_64bit(skb, SWAPNET_A_SIZE_BYTES, cfg->size,
			      SWAPNET_A_PAD) ||
	    nla_put_u32(skb, SWAPNET_A_RSIZE, cfg->rsize) ||
	    nla_put_u32(skb, SWAPNET_A_WSIZE, cfg->wsize) ||
	    nla_put_u32(skb, SWAPNET_A_TIMEO_DS, cfg->timeo_ds) ||
	    nla_put_u32(skb, SWAPNET_A_RETRANS, cfg->retrans) ||
	    nla_put_u32(skb, SWAPNET_A_FLAGS, cfg->flags) ||
	    nla_put_u32(skb, SWAPNET_A_QUEUE_DEPTH, dev->queue_depth) ||
	    nla_put_u32(skb, SWAPNET_A_OPEN_COUNT,
			swapnet_dev_open_count(dev)) ||
	    nla_put_u8(skb, SWAPNET_A_STATE, atomic_read(&dev->state)) ||
	    nla_put_u8(skb, SWAPNET_A_VERIFY, !!dev->vfy.sums) ||
	    (cfg->mirror_group &&
	     nla_put_u32(skb, SWAPNET_A_MIRROR_GROUP, cfg->mirror_group)) ||
	    swapnet_put_reason(skb, dev) ||
	    swapnet_owner_put(skb, dev) ||
	    swapnet_put_recent_losses(skb, dev) ||
	    swapnet_put_stats(skb, dev)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

struct swapnet_reply {
	struct sk_buff *skb;
	struct genl_info *info;
	bool admin;
};

static int swapnet_reply_one(struct swapnet_dev *dev, void *arg)
{
	struct swapnet_reply *r = arg;

	return swapnet_fill_dev(r->skb, dev, r->info->snd_portid,
				r->info->snd_seq, 0, r->admin);
}

static int swapnet_reply_dev(struct sk_buff *req, struct genl_info *info,
			     int index)
{
	struct swapnet_reply r = {
		.info = info,
		.admin = netlink_capable(req, CAP_NET_ADMIN),
	};
	int err;

	r.skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!r.skb)
		return -ENOMEM;
	err = swapnet_dev_call(index, swapnet_reply_one, &r);
	if (err) {
		nlmsg_free(r.skb);
		if (err == -ENODEV)
			NL_SET_ERR_MSG_MOD(info->extack,
					   "no such swapnet device");
		return err;
	}
	return genlmsg_reply(r.skb, info);
}

/*
 * A link-local IPv6 server is reached through one interface: its index
 * (SWAPNET_A_SERVER_SCOPE_ID) goes into sin6_scope_id, required for
 * fe80::/10 and refused for any other address.
 */
static int swapnet_parse_scope(struct genl_info *info,
			       struct sockaddr_in6 *sin6)
{
	struct nlattr *a = info->attrs[SWAPNET_A_SERVER_SCOPE_ID];
	bool ll = ipv6_addr_type(&sin6->sin6_addr) & IPV6_ADDR_LINKLOCAL;
	bool found;

	if (!a && !ll)
		return 0;
	if (!a) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[SWAPNET_A_SERVER_ADDR],
				    "link-local server address needs its interface (scope id)");
		return -EINVAL;
	}
	if (!ll) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "scope id only for a link-local IPv6 server address");
		return -EINVAL;
	}
	sin6->sin6_scope_id = nla_get_u32(a);
	rcu_read_lock();
	found = !!dev_get_by_index_rcu(&init_net, sin6->sin6_scope_id);
	rcu_read_unlock();
	if (!found) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "no network interface with that scope id");
		return -ENODEV;
	}
	return 0;
}

static int swapnet_parse_addr(struct genl_info *info,
			      struct swapnet_config *cfg)
{
	struct nlattr *a = info->attrs[SWAPNET_A_SERVER_ADDR];
	struct sockaddr_in *sin = (void *)&cfg->addr;
	struct sockaddr_in6 *sin6 = (void *)&cfg->addr;

	switch (nla_len(a)) {
	case sizeof(struct in_addr):
		if (info->attrs[SWAPNET_A_SERVER_SCOPE_ID]) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[SWAPNET_A_SERVER_SCOPE_ID],
					    "scope id only for a link-local IPv6 server address");
			return -EINVAL;
		}
		sin->sin_family = AF_INET;
		sin->sin_port = htons(cfg->port);
		memcpy(&sin->sin_addr, nla_data(a), sizeof(sin->sin_addr));
		cfg->addrlen = sizeof(*sin);
		return 0;
	case sizeof(struct in6_addr):
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(cfg->port);
		memcpy(&sin6->sin6_addr, nla_data(a), sizeof(sin6->sin6_addr));
		cfg->addrlen = sizeof(*sin6);
		return swapnet_parse_scope(info, sin6);
	}
	NL_SET_ERR_MSG_ATTR(info->extack, a,
			    "server address must be 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

static u32 swapnet_get_u32(struct genl_info *info, int attr, u32 def)
{
	return info->attrs[attr] ? nla_get_u32(info->attrs[attr]) : def;
}

/* SWAPNET_A_DIR_HANDLE and SWAPNET_A_FILE_NAME: both or neither. */
static int swapnet_parse_dir(struct genl_info *info,
			     struct swapnet_config *cfg)
{
	struct nlattr *dir = info->attrs[SWAPNET_A_DIR_HANDLE];
	struct nlattr *name = info->attrs[SWAPNET_A_FILE_NAME];

	if (!dir && !name)
		return 0;
	if (!dir || !name) {
		NL_SET_ERR_MSG_ATTR(info->extack, dir ?: name,
				    "directory handle and file name go together");
		return -EINVAL;
	}
	nla_strscpy(cfg->name, name, sizeof(cfg->name));
	if (!cfg->name[0] || strchr(cfg->name, '/') ||
	    !strcmp(cfg->name, ".") || !strcmp(cfg->name, "..")) {
		NL_SET_ERR_MSG_ATTR(info->extack, name,
				    "file name must be one path component");
		return -EINVAL;
	}
	cfg->dir_fh_len = nla_len(dir);
	memcpy(cfg->dir_fh, nla_data(dir), cfg->dir_fh_len);
	return 0;
}

static int swapnet_parse_config(struct genl_info *info,
				struct swapnet_config *cfg)
{
	struct nlattr **attrs = info->attrs;
	struct nlattr *a;
	int ret;

	if (!swapnet_require(info, SWAPNET_A_SERVER_ADDR,
			     "server address is required") ||
	    !swapnet_require(info, SWAPNET_A_SERVER_NAME,
			     "server name is required") ||
	    !swapnet_require(info, SWAPNET_A_FILE_HANDLE,
			     "file handle is required") ||
	    !swapnet_require(info, SWAPNET_A_SIZE_BYTES,
			     "size is required"))
		return -EINVAL;

	cfg->port = attrs[SWAPNET_A_SERVER_PORT] ?
		nla_get_u16(attrs[SWAPNET_A_SERVER_PORT]) :
		SWAPNET_DEFAULT_PORT;
	ret = swapnet_parse_addr(info, cfg);
	if (ret)
		return ret;

	nla_strscpy(cfg->server_name, attrs[SWAPNET_A_SERVER_NAME],
		    sizeof(cfg->server_name));
	if (!cfg->server_name[0]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[SWAPNET_A_SERVER_NAME],
				    "server name is empty");
		return -EINVAL;
	}
	a = attrs[SWAPNET_A_FILE_HANDLE];
	cfg->fh_len = nla_len(a);
	memcpy(cfg->fh, nla_data(a), cfg->fh_len);
	if (attrs[SWAPNET_A_FILE_PATH])
		nla_strscpy(cfg->path, attrs[SWAPNET_A_FILE_PATH],
			    sizeof(cfg->path));
	if (attrs[SWAPNET_A_LABEL])
		nla_strscpy(cfg->label, attrs[SWAPNET_A_LABEL],
			    sizeof(cfg->label));
	if (swapnet_parse_dir(info, cfg))
		return -EINVAL;

	a = attrs[SWAPNET_A_SIZE_BYTES];
	cfg->size = nla_get_u64(a);
	if (cfg->size % SZ_4K) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "size must be a multiple of 4096");
		return -EINVAL;
	}
	cfg->rsize = swapnet_get_u32(info, SWAPNET_A_RSIZE,
				     SWAPNET_DEFAULT_IO_SIZE);
	cfg->wsize = swapnet_get_u32(info, SWAPNET_A_WSIZE,
				     SWAPNET_DEFAULT_IO_SIZE);
	if (cfg->rsize % SZ_4K || cfg->wsize % SZ_4K) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "rsize and wsize must be multiples of 4096");
		return -EINVAL;
	}
	cfg->uid = swapnet_get_u32(info, SWAPNET_A_UID, 0);
	cfg->gid = swapnet_get_u32(info, SWAPNET_A_GID, 0);
	/* the parameters are range-checked on every write (main.c) */
	cfg->timeo_ds = swapnet_get_u32(info, SWAPNET_A_TIMEO_DS,
					READ_ONCE(swapnet_default_timeo_ds));
	cfg->retrans = swapnet_get_u32(info, SWAPNET_A_RETRANS,
				       READ_ONCE(swapnet_default_retrans));
	if (cfg->timeo_ds < SWAPNET_MIN_TIMEO_DS ||
	    cfg->timeo_ds > SWAPNET_MAX_TIMEO_DS ||
	    cfg->retrans < SWAPNET_MIN_RETRANS ||
	    cfg->retrans > SWAPNET_MAX_RETRANS) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "timeo_ds must be 10..6000 and retrans 1..10");
		return -EINVAL;
	}
	cfg->flags = swapnet_get_u32(info, SWAPNET_A_FLAGS, 0);
	cfg->mirror_group = swapnet_get_u32(info, SWAPNET_A_MIRROR_GROUP, 0);
	cfg->verify = attrs[SWAPNET_A_VERIFY] ?
		nla_get_u8(attrs[SWAPNET_A_VERIFY]) :
		READ_ONCE(swapnet_verify_default);
	if (attrs[SWAPNET_A_OWNER])
		return swapnet_owner_parse(attrs[SWAPNET_A_OWNER], &cfg->owner,
					   info->extack);
	return 0;
}

static int swapnet_nl_dev_add(struct sk_buff *skb, struct genl_info *info)
{
	struct swapnet_config *cfg;
	int ret;

	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	ret = swapnet_parse_config(info, cfg);
	if (!ret)
		ret = swapnet_dev_create(cfg, info->extack);
	kfree(cfg);
	if (ret < 0)
		return ret;
	/* the device may already be gone again (a parallel DEV_DEL) */
	return swapnet_reply_dev(skb, info, ret);
}

static int swapnet_nl_dev_del(struct sk_buff *skb, struct genl_info *info)
{
	if (!swapnet_require(info, SWAPNET_A_DEV_INDEX,
			     "device index is required"))
		return -EINVAL;
	return swapnet_dev_remove(nla_get_u32(info->attrs[SWAPNET_A_DEV_INDEX]),
				  nla_get_flag(info->attrs[SWAPNET_A_FORCE]),
				  info->extack);
}

static int swapnet_nl_dev_get(struct sk_buff *skb, struct genl_info *info)
{
	if (!swapnet_require(info, SWAPNET_A_DEV_INDEX,
			     "device index is required"))
		return -EINVAL;
	return swapnet_reply_dev(skb, info,
				 nla_get_u32(info->attrs[SWAPNET_A_DEV_INDEX]));
}

struct swapnet_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	bool admin;
};

static int swapnet_dump_one(struct swapnet_dev *dev, void *arg)
{
	struct swapnet_dump *d = arg;

	return swapnet_fill_dev(d->skb, dev, NETLINK_CB(d->cb->skb).portid,
				d->cb->nlh->nlmsg_seq, NLM_F_MULTI, d->admin);
}

static int swapnet_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct swapnet_dump d = {
		.skb = skb,
		.cb = cb,
		.admin = netlink_capable(cb->skb, CAP_NET_ADMIN),
	};
	int index = cb->args[0];
	int err;

	/* cb->args[0]: the index to resume from after a full skb */
	err = swapnet_dev_for_each(&index, swapnet_dump_one, &d);
	cb->args[0] = index;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static const struct genl_ops swapnet_ops[] = {
	{
		.cmd = SWAPNET_CMD_DEV_ADD,
		.doit = swapnet_nl_dev_add,
		.policy = swapnet_add_policy,
		.maxattr = SWAPNET_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = SWAPNET_CMD_DEV_DEL,
		.doit = swapnet_nl_dev_del,
		.policy = swapnet_del_policy,
		.maxattr = SWAPNET_A_FORCE,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = SWAPNET_CMD_DEV_GET,
		.doit = swapnet_nl_dev_get,
		.dumpit = swapnet_nl_dev_dump,
		.policy = swapnet_index_policy,
		.maxattr = SWAPNET_A_DEV_INDEX,
	},
};

static struct genl_family swapnet_family __ro_after_init = {
	.name = SWAPNET_GENL_NAME,
	.version = SWAPNET_GENL_VERSION,
	.module = THIS_MODULE,
	/*
	 * No genl_mutex: DEV_ADD's probe and DEV_DEL's wait must not stall
	 * every other generic netlink family; device.c does the locking.
	 */
	.parallel_ops = true,
	.ops = swapnet_ops,
	.n_ops = ARRAY_SIZE(swapnet_ops),
	.mcgrps = swapnet_mcgrps,
	.n_mcgrps = ARRAY_SIZE(swapnet_mcgrps),
};

/*
 * Events.  Every one is built by swapnet_event_new() (the header, the
 * device's index, name and server), given its own attributes by its
 * sender, ended by swapnet_event_end() and multicast by
 * swapnet_event_post().  Best effort: an event that cannot be allocated
 * or does not fit is dropped (the log line and the device state still
 * tell the story).  Process context.
 *
 * Module exit: swapnet_event_lock keeps a multicast and the family's
 * unregistration apart.  A sender posts under it for reading, and only
 * while swapnet_genl_live; swapnet_genl_exit() clears that under it for
 * writing before it unregisters the family, whose multicast group ids
 * may be another family's afterwards.
 */
static DECLARE_RWSEM(swapnet_event_lock);

static struct sk_buff *swapnet_event_new(struct swapnet_dev *dev, u8 cmd,
					 void **hdr)
{
	struct sk_buff *skb;

	if (!READ_ONCE(swapnet_genl_live) ||
	    !genl_has_listeners(&swapnet_family, &init_net,
				SWAPNET_MCGRP_EVENTS_ID))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &swapnet_family, 0, cmd);
	if (!*hdr ||
	    nla_put_u32(skb, SWAPNET_A_DEV_INDEX, dev->index) ||
	    nla_put_string(skb, SWAPNET_A_DEV_NAME, dev->name) ||
	    nla_put_string(skb, SWAPNET_A_SERVER_NAME, dev->cfg.server_name)) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

/* The message complete, or dropped (NULL) if an attribute did not fit. */
static struct sk_buff *swapnet_event_end(struct sk_buff *skb, void *hdr,
					 bool full)
{
	if (full) {
		nlmsg_free(skb);
		return NULL;
	}
	genlmsg_end(skb, hdr);
	return skb;
}

/* Multicast an event of swapnet_event_build(); NULL: nothing. */
void swapnet_event_post(struct sk_buff *skb)
{
	if (!skb)
		return;
	down_read(&swapnet_event_lock);
	if (swapnet_genl_live)
		genlmsg_multicast(&swapnet_family, skb, 0,
				  SWAPNET_MCGRP_EVENTS_ID, GFP_KERNEL);
	else
		nlmsg_free(skb);
	up_read(&swapnet_event_lock);
}

/*
 * A device event (ADDED, REMOVED, NOT_RESPONDING, RESPONDING, FAILED),
 * ready to post: built apart so that a caller under a lock allocates
 * before taking it (DEV_ADD: swapnet_dev_create()).  NULL: no event.
 */
struct sk_buff *swapnet_event_build(struct swapnet_dev *dev, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	skb = swapnet_event_new(dev, cmd, &hdr);
	if (!skb)
		return NULL;
	return swapnet_event_end(skb, hdr,
				 (cmd == SWAPNET_CMD_EVT_NOT_RESPONDING ||
				  cmd == SWAPNET_CMD_EVT_FAILED) &&
				 swapnet_put_reason(skb, dev));
}

void swapnet_event(struct swapnet_dev *dev, u8 cmd)
{
	swapnet_event_post(swapnet_event_build(dev, cmd));
}

/* A block read back twice with another checksum (verify.c's work). */
void swapnet_event_verify(struct swapnet_dev *dev, u64 offset, u32 want,
			  u32 got)
{
	struct sk_buff *skb;
	void *hdr;
	bool full;

	skb = swapnet_event_new(dev, SWAPNET_CMD_EVT_VERIFY_ERROR, &hdr);
	if (!skb)
		return;
	full = nla_put_u64_64bit(skb, SWAPNET_A_VERIFY_OFFSET, offset,
				 SWAPNET_A_PAD) ||
	       nla_put_u32(skb, SWAPNET_A_VERIFY_WRITTEN, want) ||
	       nla_put_u32(skb, SWAPNET_A_VERIFY_READ, got) ||
	       swapnet_put_stats(skb, dev);
	swapnet_event_post(swapnet_event_end(skb, hdr, full));
}

/*
 * A lost request (stats.c's work): the log line and sysfs "lost" name
 * it anyway.
 */
void swapnet_event_lost(struct swapnet_dev *dev,
			const struct swapnet_loss *loss)
{
	struct sk_buff *skb;
	void *hdr;
	bool full;

	skb = swapnet_event_new(dev, SWAPNET_CMD_EVT_LOST, &hdr);
	if (!skb)
		return;
	full = swapnet_put_losses(skb, loss, 1) || swapnet_put_stats(skb, dev);
	swapnet_event_post(swapnet_event_end(skb, hdr, full));
}

/* Sends one event per state transition, in order (see server.c). */
void swapnet_event_work(struct work_struct *work)
{
	struct swapnet_dev *dev = container_of(work, struct swapnet_dev,
					       event_work);
	unsigned int n = atomic_read(&dev->transitions);

	/* server.c names each transition (NOT_RESPONDING, OK, FAILED) */
	while (dev->events_sent != n) {
		dev->events_sent++;
		swapnet_event(dev, swapnet_state_event(dev, dev->events_sent));
	}
}

int swapnet_genl_init(void)
{
	int err = genl_register_family(&swapnet_family);

	if (!err)
		WRITE_ONCE(swapnet_genl_live, true);
	return err;
}

/*
 * No event is posted from here on (event work still running sees it);
 * then the family goes, waiting for the operations in progress.
 */
void swapnet_genl_exit(void)
{
	down_write(&swapnet_event_lock);
	WRITE_ONCE(swapnet_genl_live, false);
	up_write(&swapnet_event_lock);
	genl_unregister_family(&swapnet_family);
}

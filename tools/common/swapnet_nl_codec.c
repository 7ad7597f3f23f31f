// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet_nl_codec: the swapnet family's messages, without a socket:
 * decoding DEV_GET replies and events, encoding and checking DEV_ADD and
 * DEV_DEL, the state and event names.  See swapnet_nl.h; the transport
 * (socket, requests) is swapnet_nl.c, which the command tests replace
 * with a fake kernel while keeping this codec.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "seterr.h"
#include "swapnet_nl.h"

const char *swapnet_state_name(uint8_t state)
{
	switch (state) {
	case SWAPNET_STATE_OK:
		return "OK";
	case SWAPNET_STATE_NOT_RESPONDING:
		return "NOT RESPONDING";
	case SWAPNET_STATE_FAILED:
		return "FAILED";
	default:
		return "UNKNOWN";
	}
}

const char *swapnet_event_name(uint8_t cmd)
{
	switch (cmd) {
	case SWAPNET_CMD_EVT_ADDED:
		return "added";
	case SWAPNET_CMD_EVT_REMOVED:
		return "removed";
	case SWAPNET_CMD_EVT_NOT_RESPONDING:
		return "not responding";
	case SWAPNET_CMD_EVT_RESPONDING:
		return "responding";
	case SWAPNET_CMD_EVT_FAILED:
		return "failed";
	case SWAPNET_CMD_EVT_VERIFY_ERROR:
		return "verify error";
	case SWAPNET_CMD_EVT_LOST:
		return "lost";
	default:
		return "unknown";
	}
}

/* ---- DEV_GET message decoding ---- */

/* Expected payload length of each attribute; 0: variable (checked apart). */
static const uint16_t attr_len[SWAPNET_A_MAX + 1] = {
	[SWAPNET_A_DEV_INDEX] = 4,
	[SWAPNET_A_SERVER_PORT] = 2,
	[SWAPNET_A_SIZE_BYTES] = 8,
	[SWAPNET_A_RSIZE] = 4,
	[SWAPNET_A_WSIZE] = 4,
	[SWAPNET_A_UID] = 4,
	[SWAPNET_A_GID] = 4,
	[SWAPNET_A_TIMEO_DS] = 4,
	[SWAPNET_A_RETRANS] = 4,
	[SWAPNET_A_FLAGS] = 4,
	[SWAPNET_A_QUEUE_DEPTH] = 4,
	[SWAPNET_A_OPEN_COUNT] = 4,
	[SWAPNET_A_STATE] = 1,
	[SWAPNET_A_VERIFY] = 1,
	[SWAPNET_A_VERIFY_OFFSET] = 8,
	[SWAPNET_A_VERIFY_WRITTEN] = 4,
	[SWAPNET_A_VERIFY_READ] = 4,
	[SWAPNET_A_MIRROR_GROUP] = 4,
};

static const uint16_t owner_len[SWAPNET_OWNER_A_MAX + 1] = {
	[SWAPNET_OWNER_A_SEQ] = 8,
	[SWAPNET_OWNER_A_AGE_MS] = 8,
	[SWAPNET_OWNER_A_PERIOD_MS] = 4,
	[SWAPNET_OWNER_A_OFFSET] = 8,
	[SWAPNET_OWNER_A_NONCE] = SWAPNET_OWNER_NONCE_LEN,
};

static const uint16_t stat_len[SWAPNET_STAT_MAX + 1] = {
	[SWAPNET_STAT_READS] = 8,
	[SWAPNET_STAT_WRITES] = 8,
	[SWAPNET_STAT_READ_BYTES] = 8,
	[SWAPNET_STAT_WRITE_BYTES] = 8,
	[SWAPNET_STAT_INFLIGHT] = 4,
	[SWAPNET_STAT_RETRANS] = 8,
	[SWAPNET_STAT_RETRIES] = 8,
	[SWAPNET_STAT_LATENCY_SUM_US] = 8,
	[SWAPNET_STAT_LATENCY_MAX_US] = 8,
	[SWAPNET_STAT_ERRORS] = 8,
	[SWAPNET_STAT_LAST_ERROR] = 4,
	[SWAPNET_STAT_COMMITS] = 8,
	[SWAPNET_STAT_WRITE_RESENDS] = 8,
	[SWAPNET_STAT_RECLAIM_REQS] = 8,
	[SWAPNET_STAT_VERIFY_ERRORS] = 8,
	[SWAPNET_STAT_VERIFY_REREADS] = 8,
	[SWAPNET_STAT_PARKED_WRITES] = 4,
	[SWAPNET_STAT_PARKED_READS] = 4,
	[SWAPNET_STAT_PARKED_WRITES_MAX] = 4,
};

static int table_cb(const struct nlattr *attr, const struct nlattr **tb,
		    const uint16_t *lens, int max)
{
	int type = mnl_attr_get_type(attr);

	/* Newer kernels may add attributes: skip what we do not know. */
	if (type <= 0 || type > max)
		return MNL_CB_OK;
	if (lens[type] && mnl_attr_get_payload_len(attr) != lens[type])
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int dev_attr_cb(const struct nlattr *attr, void *data)
{
	return table_cb(attr, data, attr_len, SWAPNET_A_MAX);
}

static int stat_attr_cb(const struct nlattr *attr, void *data)
{
	return table_cb(attr, data, stat_len, SWAPNET_STAT_MAX);
}

static int owner_attr_cb(const struct nlattr *attr, void *data)
{
	return table_cb(attr, data, owner_len, SWAPNET_OWNER_A_MAX);
}

static void copy_str(char *dst, size_t dstlen, const struct nlattr *a)
{
	size_t n;

	if (!a)
		return;
	n = mnl_attr_get_payload_len(a);
	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, mnl_attr_get_payload(a), n);
	dst[n] = '\0';
	dst[strnlen(dst, n)] = '\0';
}

static uint64_t get_u64(const struct nlattr *a)
{
	return a ? mnl_attr_get_u64(a) : 0;
}

static uint32_t get_u32(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

static void decode_stats(const struct nlattr *nest, struct swapnet_dev_stats *s)
{
	const struct nlattr *tb[SWAPNET_STAT_MAX + 1] = { 0 };

	mnl_attr_parse_nested(nest, stat_attr_cb, tb);
	s->reads = get_u64(tb[SWAPNET_STAT_READS]);
	s->writes = get_u64(tb[SWAPNET_STAT_WRITES]);
	s->read_bytes = get_u64(tb[SWAPNET_STAT_READ_BYTES]);
	s->write_bytes = get_u64(tb[SWAPNET_STAT_WRITE_BYTES]);
	s->inflight = get_u32(tb[SWAPNET_STAT_INFLIGHT]);
	s->retrans = get_u64(tb[SWAPNET_STAT_RETRANS]);
	s->retries = get_u64(tb[SWAPNET_STAT_RETRIES]);
	s->latency_sum_us = get_u64(tb[SWAPNET_STAT_LATENCY_SUM_US]);
	s->latency_max_us = get_u64(tb[SWAPNET_STAT_LATENCY_MAX_US]);
	s->errors = get_u64(tb[SWAPNET_STAT_ERRORS]);
	s->last_error = (int32_t)get_u32(tb[SWAPNET_STAT_LAST_ERROR]);
	s->commits = get_u64(tb[SWAPNET_STAT_COMMITS]);
	s->write_resends = get_u64(tb[SWAPNET_STAT_WRITE_RESENDS]);
	s->reclaim_reqs = get_u64(tb[SWAPNET_STAT_RECLAIM_REQS]);
	s->verify_errors = get_u64(tb[SWAPNET_STAT_VERIFY_ERRORS]);
	s->verify_rereads = get_u64(tb[SWAPNET_STAT_VERIFY_REREADS]);
	s->parked_writes = get_u32(tb[SWAPNET_STAT_PARKED_WRITES]);
	s->parked_reads = get_u32(tb[SWAPNET_STAT_PARKED_READS]);
	s->parked_writes_max = get_u32(tb[SWAPNET_STAT_PARKED_WRITES_MAX]);
	s->have_parked = tb[SWAPNET_STAT_PARKED_WRITES] != NULL;
}

static void decode_owner(const struct nlattr *nest,
			 struct swapnet_owner_info *o)
{
	const struct nlattr *tb[SWAPNET_OWNER_A_MAX + 1] = { 0 };

	mnl_attr_parse_nested(nest, owner_attr_cb, tb);
	o->set = true;
	copy_str(o->host, sizeof(o->host), tb[SWAPNET_OWNER_A_HOST]);
	copy_str(o->machine_id, sizeof(o->machine_id),
		 tb[SWAPNET_OWNER_A_MACHINE_ID]);
	copy_str(o->boot_id, sizeof(o->boot_id), tb[SWAPNET_OWNER_A_BOOT_ID]);
	copy_str(o->mac, sizeof(o->mac), tb[SWAPNET_OWNER_A_MAC]);
	o->seq = get_u64(tb[SWAPNET_OWNER_A_SEQ]);
	o->has_age = tb[SWAPNET_OWNER_A_AGE_MS] != NULL;
	o->age_ms = get_u64(tb[SWAPNET_OWNER_A_AGE_MS]);
	o->period_ms = get_u32(tb[SWAPNET_OWNER_A_PERIOD_MS]);
	o->offset = get_u64(tb[SWAPNET_OWNER_A_OFFSET]);
	if (tb[SWAPNET_OWNER_A_NONCE])
		memcpy(o->nonce, mnl_attr_get_payload(tb[SWAPNET_OWNER_A_NONCE]),
		       sizeof(o->nonce));
}

static void decode_addr(const struct nlattr *a, const struct nlattr *scope,
			struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (!a)
		return;
	if (mnl_attr_get_payload_len(a) == 4) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, mnl_attr_get_payload(a), 4);
	} else if (mnl_attr_get_payload_len(a) == 16) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, mnl_attr_get_payload(a), 16);
		if (scope && mnl_attr_get_payload_len(scope) == 4)
			sin6->sin6_scope_id = mnl_attr_get_u32(scope);
	}
}

int swapnet_nl_parse_dev(const struct nlmsghdr *nlh,
			 struct swapnet_dev_info *d)
{
	const struct nlattr *tb[SWAPNET_A_MAX + 1] = { 0 };
	struct swapnet_dev_config *c = &d->cfg;
	const struct nlattr *fh;

	memset(d, 0, sizeof(*d));
	d->swap_active = -1;
	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), dev_attr_cb, tb) <
	    MNL_CB_STOP)
		return -EBADMSG;
	if (!tb[SWAPNET_A_DEV_INDEX])
		return -EBADMSG;
	d->index = get_u32(tb[SWAPNET_A_DEV_INDEX]);
	copy_str(d->name, sizeof(d->name), tb[SWAPNET_A_DEV_NAME]);
	if (!d->name[0])
		snprintf(d->name, sizeof(d->name), "swapnet%u", d->index);
	copy_str(c->label, sizeof(c->label), tb[SWAPNET_A_LABEL]);
	decode_addr(tb[SWAPNET_A_SERVER_ADDR], tb[SWAPNET_A_SERVER_SCOPE_ID],
		    &c->addr);
	c->port = tb[SWAPNET_A_SERVER_PORT] ?
		  mnl_attr_get_u16(tb[SWAPNET_A_SERVER_PORT]) : 0;
	copy_str(c->server_name, sizeof(c->server_name),
		 tb[SWAPNET_A_SERVER_NAME]);
	/* Absent for callers without CAP_NET_ADMIN. */
	fh = tb[SWAPNET_A_FILE_HANDLE];
	if (fh && mnl_attr_get_payload_len(fh) >= 1 &&
	    mnl_attr_get_payload_len(fh) <= SWAPNET_FH_MAX) {
		c->fh_len = mnl_attr_get_payload_len(fh);
		memcpy(c->fh, mnl_attr_get_payload(fh), c->fh_len);
		d->has_fh = true;
	}
	copy_str(c->path, sizeof(c->path), tb[SWAPNET_A_FILE_PATH]);
	fh = tb[SWAPNET_A_DIR_HANDLE];
	if (fh && mnl_attr_get_payload_len(fh) >= 1 &&
	    mnl_attr_get_payload_len(fh) <= SWAPNET_FH_MAX) {
		c->dir_fh_len = mnl_attr_get_payload_len(fh);
		memcpy(c->dir_fh, mnl_attr_get_payload(fh), c->dir_fh_len);
	}
	copy_str(c->file_name, sizeof(c->file_name), tb[SWAPNET_A_FILE_NAME]);
	c->size_bytes = get_u64(tb[SWAPNET_A_SIZE_BYTES]);
	c->rsize = get_u32(tb[SWAPNET_A_RSIZE]);
	c->wsize = get_u32(tb[SWAPNET_A_WSIZE]);
	c->uid = get_u32(tb[SWAPNET_A_UID]);
	c->gid = get_u32(tb[SWAPNET_A_GID]);
	d->has_uid = tb[SWAPNET_A_UID] != NULL;
	d->has_gid = tb[SWAPNET_A_GID] != NULL;
	c->timeo_ds = get_u32(tb[SWAPNET_A_TIMEO_DS]);
	c->retrans = get_u32(tb[SWAPNET_A_RETRANS]);
	c->flags = get_u32(tb[SWAPNET_A_FLAGS]);
	c->mirror_group = get_u32(tb[SWAPNET_A_MIRROR_GROUP]);
	d->queue_depth = get_u32(tb[SWAPNET_A_QUEUE_DEPTH]);
	d->open_count = get_u32(tb[SWAPNET_A_OPEN_COUNT]);
	d->state = tb[SWAPNET_A_STATE] ?
		   mnl_attr_get_u8(tb[SWAPNET_A_STATE]) : 0;
	d->verify = tb[SWAPNET_A_VERIFY] ?
		    mnl_attr_get_u8(tb[SWAPNET_A_VERIFY]) : -1;
	copy_str(d->reason, sizeof(d->reason), tb[SWAPNET_A_STATE_REASON]);
	if (tb[SWAPNET_A_STATS])
		decode_stats(tb[SWAPNET_A_STATS], &d->stats);
	if (tb[SWAPNET_A_OWNER])
		decode_owner(tb[SWAPNET_A_OWNER], &c->owner);
	return 0;
}

/* A value of 0 means "not sent": the kernel's default. */
static int io_size_ok(uint32_t v)
{
	/* the kernel's DEV_ADD limits, kmod/uapi/swapnet.h */
	return !v || (v >= SWAPNET_MIN_IO_SIZE && v <= SWAPNET_MAX_IO_SIZE &&
		      !(v % 4096));
}

int swapnet_nl_check_dev_config(const struct swapnet_dev_config *cfg,
				char *err, size_t errlen)
{
	const char *what = NULL;

	const struct sockaddr_in6 *sin6 = (const void *)&cfg->addr;
	bool v6 = cfg->addr.ss_family == AF_INET6;

	if (cfg->addr.ss_family != AF_INET && !v6)
		what = "no IPv4 or IPv6 server address";
	else if (v6 && IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr) &&
		 !sin6->sin6_scope_id)
		what = "link-local server address without its interface (scope id)";
	else if (v6 && !IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr) &&
		 sin6->sin6_scope_id)
		what = "scope id for a server address that is not link-local";
	else if (strnlen(cfg->server_name, sizeof(cfg->server_name)) >
		 SWAPNET_SERVER_NAME_MAX)
		what = "server name longer than 255 characters";
	else if (cfg->fh_len < 1 || cfg->fh_len > SWAPNET_FH_MAX)
		what = "file handle not 1..64 bytes";
	else if (strnlen(cfg->path, sizeof(cfg->path)) > SWAPNET_FILE_PATH_MAX)
		what = "file path longer than 1023 characters";
	else if (cfg->dir_fh_len > SWAPNET_FH_MAX)
		what = "directory handle longer than 64 bytes";
	else if (cfg->dir_fh_len &&
		 (!cfg->file_name[0] || strchr(cfg->file_name, '/') ||
		  !strcmp(cfg->file_name, ".") || !strcmp(cfg->file_name, "..") ||
		  strnlen(cfg->file_name, sizeof(cfg->file_name)) >
		  SWAPNET_FILE_NAME_MAX))
		what = "file name not one path component of 1..255 characters";
	else if (cfg->size_bytes < SWAPNET_MIN_SIZE_BYTES ||
		 cfg->size_bytes % 4096)
		what = "size not a multiple of 4096 of at least 1 MiB";
	else if (!io_size_ok(cfg->rsize) || !io_size_ok(cfg->wsize))
		what = "rsize/wsize not a multiple of 4096 in 4096..1048576";
	else if (cfg->timeo_ds && (cfg->timeo_ds < SWAPNET_MIN_TIMEO_DS ||
				   cfg->timeo_ds > SWAPNET_MAX_TIMEO_DS))
		what = "timeo not in 10..6000 tenths of a second";
	else if (cfg->retrans && (cfg->retrans < SWAPNET_MIN_RETRANS ||
				  cfg->retrans > SWAPNET_MAX_RETRANS))
		what = "retrans not in 1..10";
	else if (cfg->flags & ~(uint32_t)SWAPNET_F_ALL)
		what = "unknown flags";
	else if (strnlen(cfg->label, sizeof(cfg->label)) > SWAPNET_LABEL_MAX)
		what = "label longer than 31 characters";
	if (what) {
		set_err(err, errlen, 0, "add device: %s", what);
		return -EINVAL;
	}
	return 0;
}

int swapnet_nl_put_dev_config(struct nlmsghdr *nlh,
			      const struct swapnet_dev_config *cfg)
{
	if (swapnet_nl_check_dev_config(cfg, NULL, 0) < 0)
		return -EINVAL;
	if (cfg->addr.ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)&cfg->addr;

		mnl_attr_put(nlh, SWAPNET_A_SERVER_ADDR, 4, &sin->sin_addr);
	} else {
		const struct sockaddr_in6 *sin6 = (const void *)&cfg->addr;

		mnl_attr_put(nlh, SWAPNET_A_SERVER_ADDR, 16, &sin6->sin6_addr);
		if (sin6->sin6_scope_id)
			mnl_attr_put_u32(nlh, SWAPNET_A_SERVER_SCOPE_ID,
					 sin6->sin6_scope_id);
	}
	if (cfg->port)
		mnl_attr_put_u16(nlh, SWAPNET_A_SERVER_PORT, cfg->port);
	mnl_attr_put_strz(nlh, SWAPNET_A_SERVER_NAME, cfg->server_name);
	mnl_attr_put(nlh, SWAPNET_A_FILE_HANDLE, cfg->fh_len, cfg->fh);
	if (cfg->path[0])
		mnl_attr_put_strz(nlh, SWAPNET_A_FILE_PATH, cfg->path);
	if (cfg->dir_fh_len) {
		mnl_attr_put(nlh, SWAPNET_A_DIR_HANDLE, cfg->dir_fh_len,
			     cfg->dir_fh);
		mnl_attr_put_strz(nlh, SWAPNET_A_FILE_NAME, cfg->file_name);
	}
	mnl_attr_put_u64(nlh, SWAPNET_A_SIZE_BYTES, cfg->size_bytes);
	if (cfg->rsize)
		mnl_attr_put_u32(nlh, SWAPNET_A_RSIZE, cfg->rsize);
	if (cfg->wsize)
		mnl_attr_put_u32(nlh, SWAPNET_A_WSIZE, cfg->wsize);
	mnl_attr_put_u32(nlh, SWAPNET_A_UID, cfg->uid);
	mnl_attr_put_u32(nlh, SWAPNET_A_GID, cfg->gid);
	if (cfg->timeo_ds)
		mnl_attr_put_u32(nlh, SWAPNET_A_TIMEO_DS, cfg->timeo_ds);
	if (cfg->retrans)
		mnl_attr_put_u32(nlh, SWAPNET_A_RETRANS, cfg->retrans);
	if (cfg->flags)
		mnl_attr_put_u32(nlh, SWAPNET_A_FLAGS, cfg->flags);
	if (cfg->label[0])
		mnl_attr_put_strz(nlh, SWAPNET_A_LABEL, cfg->label);
	if (cfg->no_verify)
		mnl_attr_put_u8(nlh, SWAPNET_A_VERIFY, 0);
	if (cfg->mirror_group)
		mnl_attr_put_u32(nlh, SWAPNET_A_MIRROR_GROUP, cfg->mirror_group);
	if (cfg->owner.set) {
		struct nlattr *nest = mnl_attr_nest_start(nlh, SWAPNET_A_OWNER);

		mnl_attr_put_strz(nlh, SWAPNET_OWNER_A_HOST, cfg->owner.host);
		mnl_attr_put_strz(nlh, SWAPNET_OWNER_A_MACHINE_ID,
				  cfg->owner.machine_id);
		mnl_attr_put_strz(nlh, SWAPNET_OWNER_A_BOOT_ID,
				  cfg->owner.boot_id);
		mnl_attr_put_strz(nlh, SWAPNET_OWNER_A_MAC, cfg->owner.mac);
		mnl_attr_put(nlh, SWAPNET_OWNER_A_NONCE,
			     sizeof(cfg->owner.nonce), cfg->owner.nonce);
		mnl_attr_nest_end(nlh, nest);
	}
	return 0;
}

void swapnet_nl_put_dev_del(struct nlmsghdr *nlh, uint32_t index, bool force)
{
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, index);
	if (force)
		mnl_attr_put(nlh, SWAPNET_A_FORCE, 0, NULL);
}

static const uint16_t loss_len[SWAPNET_LOSS_A_MAX + 1] = {
	[SWAPNET_LOSS_A_SEQ] = 8,
	[SWAPNET_LOSS_A_TIME_NS] = 8,
	[SWAPNET_LOSS_A_OP] = 1,
	[SWAPNET_LOSS_A_OFFSET] = 8,
	[SWAPNET_LOSS_A_LEN] = 4,
	[SWAPNET_LOSS_A_ERROR] = 4,
};

static int loss_attr_cb(const struct nlattr *attr, void *data)
{
	return table_cb(attr, data, loss_len, SWAPNET_LOSS_A_MAX);
}

/* EVT_LOST: "READ of LEN bytes at offset OFF: REASON (nfsstat3 N)". */
static void loss_text(const struct nlattr *losses, char *buf, size_t len)
{
	const struct nlattr *tb[SWAPNET_LOSS_A_MAX + 1] = { 0 };
	const struct nlattr *entry;
	char why[SWAPNET_REASON_MAX + 1];
	const char *op;
	int32_t e;
	int n;

	if (!losses)
		return;
	entry = mnl_attr_get_payload(losses);
	if (mnl_attr_get_payload_len(losses) < MNL_ATTR_HDRLEN ||
	    !mnl_attr_ok(entry, (int)mnl_attr_get_payload_len(losses)) ||
	    mnl_attr_get_type(entry) != SWAPNET_LOSS_ENTRY)
		return;
	mnl_attr_parse_nested(entry, loss_attr_cb, tb);
	copy_str(why, sizeof(why), tb[SWAPNET_LOSS_A_REASON]);
	e = (int32_t)get_u32(tb[SWAPNET_LOSS_A_ERROR]);
	op = tb[SWAPNET_LOSS_A_OP] &&
	     mnl_attr_get_u8(tb[SWAPNET_LOSS_A_OP]) == SWAPNET_LOSS_OP_WRITE ?
	     "WRITE" : "READ";
	n = snprintf(buf, len, "%s of %u bytes at offset %llu: %s (%s %d)",
		     op, get_u32(tb[SWAPNET_LOSS_A_LEN]),
		     (unsigned long long)get_u64(tb[SWAPNET_LOSS_A_OFFSET]),
		     why, e > 0 ? "nfsstat3" : "error", e);
	if (n < 0)
		buf[0] = '\0';
	/* else a reason too long for the buffer is cut: it still names it */
}

int swapnet_nl_parse_event(const struct nlmsghdr *nlh,
			   struct swapnet_event *ev)
{
	const struct nlattr *tb[SWAPNET_A_MAX + 1] = { 0 };
	const struct genlmsghdr *g;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*g))
		return 0;
	g = mnl_nlmsg_get_payload(nlh);
	if (g->cmd < SWAPNET_CMD_EVT_ADDED ||
	    g->cmd > SWAPNET_CMD_EVT_LOST)
		return 0;
	memset(ev, 0, sizeof(*ev));
	ev->cmd = g->cmd;
	mnl_attr_parse(nlh, sizeof(*g), dev_attr_cb, tb);
	ev->index = get_u32(tb[SWAPNET_A_DEV_INDEX]);
	copy_str(ev->name, sizeof(ev->name), tb[SWAPNET_A_DEV_NAME]);
	copy_str(ev->server_name, sizeof(ev->server_name),
		 tb[SWAPNET_A_SERVER_NAME]);
	copy_str(ev->reason, sizeof(ev->reason), tb[SWAPNET_A_STATE_REASON]);
	if (tb[SWAPNET_A_STATS]) {
		struct swapnet_dev_stats st;

		decode_stats(tb[SWAPNET_A_STATS], &st);
		ev->verify_errors = st.verify_errors;
		ev->have_stats = true;
	}
	ev->verify_offset = get_u64(tb[SWAPNET_A_VERIFY_OFFSET]);
	if (ev->cmd == SWAPNET_CMD_EVT_VERIFY_ERROR)
		snprintf(ev->reason, sizeof(ev->reason),
			 "verify error at offset %llu: CRC32C written %08x, read %08x",
			 (unsigned long long)get_u64(tb[SWAPNET_A_VERIFY_OFFSET]),
			 get_u32(tb[SWAPNET_A_VERIFY_WRITTEN]),
			 get_u32(tb[SWAPNET_A_VERIFY_READ]));
	if (ev->cmd == SWAPNET_CMD_EVT_LOST)
		loss_text(tb[SWAPNET_A_LOSSES], ev->reason, sizeof(ev->reason));
	return 1;
}

int swapnet_nl_error(int ret, const char *what, const char *extack,
		     char *err, size_t errlen)
{
	if (extack && extack[0])
		set_err(err, errlen, 0, "%s: %s", what, extack);
	else if (ret == -EPERM)
		set_err(err, errlen, 0, "%s: %s (needs CAP_NET_ADMIN)", what,
			strerror(-ret));
	else
		set_err(err, errlen, 0, "%s: %s", what, strerror(-ret));
	return ret;
}

/* The tool named in swapnet_nl_old_module()'s line (swapnet_nl.h). */
static const char *tool_name = "this tool", *tool_version;

void swapnet_nl_set_tool(const char *name, const char *version)
{
	tool_name = name;
	tool_version = version;
}

bool swapnet_nl_unknown_attr(int ret, const char *extack)
{
	/* lib/nlattr.c: validate_nla() and __nla_validate_parse() */
	return ret == -EINVAL && extack &&
	       (!strcmp(extack, "Unknown attribute type") ||
		!strcmp(extack, "Unsupported attribute"));
}

int swapnet_nl_old_module(const char *extack, unsigned int attr,
			  const char *modver, char *err, size_t errlen)
{
	char mod[96] = "", tool[96] = "", what[64] = "an attribute";

	if (modver && modver[0])
		snprintf(mod, sizeof(mod), " (version %.64s)", modver);
	if (tool_version && tool_version[0])
		snprintf(tool, sizeof(tool), " (%.64s)", tool_version);
	if (attr)
		snprintf(what, sizeof(what), "attribute %u", attr);
	set_err(err, errlen, 0,
		"the loaded swapnet module%s is older than %s%s: it refused %s (%s); reload it (modprobe -r swapnet; modprobe swapnet)",
		mod, tool_name, tool, what, extack ? extack : "");
	return -EPROTONOSUPPORT;
}

unsigned int swapnet_nl_attr_at(const void *msg, size_t len, uint32_t off)
{
	const struct nlattr *a;

	/* after the netlink and genetlink headers, a whole header inside */
	if (off < MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct genlmsghdr)) ||
	    off % NLA_ALIGNTO || off > len || len - off < sizeof(*a))
		return 0;
	a = (const struct nlattr *)((const char *)msg + off);
	return a->nla_type & NLA_TYPE_MASK;
}

int swapnet_nl_request_error(int ret, const char *what, const char *extack,
			     unsigned int attr, const char *root, char *err,
			     size_t errlen)
{
	char modver[64];

	if (!swapnet_nl_unknown_attr(ret, extack))
		return swapnet_nl_error(ret, what, extack, err, errlen);
	return swapnet_nl_old_module(extack, attr,
				     swapnet_module_version(root, modver,
							    sizeof(modver)) ?
				     NULL : modver, err, errlen);
}

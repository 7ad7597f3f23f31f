// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet_nl: libmnl client of the swapnet generic netlink family, the
 * transport: the socket, the family lookup and the requests.  The
 * messages are swapnet_nl_codec.c's.  See swapnet_nl.h.  Nothing here is
 * specific to one tool.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "genl_family.h"
#include "seterr.h"
#include "swapnet_nl.h"

/*
 * Large enough for any datagram the kernel builds for a dump (it caps them
 * at 32 KiB), so a reply is never truncated.
 */
#define NL_BUF_SIZE 32768

struct swapnet_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;
	uint32_t events_group;		/* 0: not advertised */
	char buf[NL_BUF_SIZE];
	/*
	 * The request last sent, while it fits: an error's
	 * NLMSGERR_ATTR_OFFS points into it (NETLINK_CAP_ACK: the kernel
	 * echoes none of it).
	 */
	char sent[4096];
	uint32_t sent_len;
};

/* What a request's callbacks collect. */
struct nl_req {
	int error;			/* from NLMSG_ERROR / NLMSG_DONE */
	char msg[SWAPNET_ERR_MAX];	/* extack text */
	uint32_t bad_off;		/* extack offset of the attribute */
	unsigned int bad_attr;		/* its type, 0: not known */
	/* DEV_ADD / DEV_GET doit */
	struct swapnet_dev_info *info;
	int got_info;
	/* dump */
	swapnet_dev_cb cb;
	void *cb_arg;
	int cb_ret;
	/* family lookup */
	struct genl_family *family;
};

/* ---- error and ack handling (keeps the kernel's extack text) ---- */

static int extack_attr_cb(const struct nlattr *attr, void *data)
{
	struct nl_req *req = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		snprintf(req->msg, sizeof(req->msg), "%s",
			 mnl_attr_get_str(attr));
	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_OFFS &&
	    mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
		req->bad_off = mnl_attr_get_u32(attr);
	return MNL_CB_OK;
}

static void parse_extack(const struct nlmsghdr *nlh, size_t offset,
			 struct nl_req *req)
{
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (mnl_nlmsg_get_payload_len(nlh) < offset)
		return;
	mnl_attr_parse(nlh, offset, extack_attr_cb, req);
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_req *req = data;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t offset = sizeof(*e);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		req->error = -EBADMSG;
		return MNL_CB_ERROR;
	}
	if (e->error == 0)
		return MNL_CB_STOP;		/* the ACK */
	/* Without NLM_F_CAPPED the whole request is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	parse_extack(nlh, offset, req);
	req->error = e->error;
	return MNL_CB_ERROR;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_req *req = data;
	int e;

	/* A dump that fails midway reports the error in NLMSG_DONE. */
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
		memcpy(&e, mnl_nlmsg_get_payload(nlh), sizeof(e));
		if (e < 0) {
			parse_extack(nlh, sizeof(int), req);
			req->error = e;
			return MNL_CB_ERROR;
		}
	}
	return MNL_CB_STOP;
}

static int noop_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_NOOP] = noop_cb,
	[NLMSG_ERROR] = error_cb,
	[NLMSG_DONE] = done_cb,
	[NLMSG_OVERRUN] = noop_cb,
};

/*
 * Send nlh and run replies through data_cb until the ACK, the end of the
 * dump or an error.  Returns 0 or -errno; req->msg holds extack text.
 */
static int nl_transact(struct swapnet_nl *nl, struct nlmsghdr *nlh,
		       mnl_cb_t data_cb, struct nl_req *req)
{
	ssize_t n;
	int ret;

	nlh->nlmsg_seq = ++nl->seq;
	nl->sent_len = 0;
	if (nlh->nlmsg_len <= sizeof(nl->sent)) {
		memcpy(nl->sent, nlh, nlh->nlmsg_len);
		nl->sent_len = nlh->nlmsg_len;
	}
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		req->error = 0;
		ret = mnl_cb_run2(nl->buf, n, nl->seq, nl->portid, data_cb,
				  req, ctl_cbs, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_STOP)
			return 0;
		if (ret == MNL_CB_ERROR) {
			req->bad_attr = swapnet_nl_attr_at(nl->sent,
							   nl->sent_len,
							   req->bad_off);
			return req->error ? req->error :
			       (errno ? -errno : -EPROTO);
		}
	}
}

static struct nlmsghdr *genl_start(struct swapnet_nl *nl, uint16_t type,
				   uint16_t flags, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

/* ---- family resolution (the reply is parsed by genl_family.c) ---- */

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_req *req = data;

	return genl_family_cb(nlh, req->family);
}

int swapnet_nl_open(struct swapnet_nl **out, char *err, size_t errlen)
{
	struct swapnet_nl *nl;
	struct nlmsghdr *nlh;
	struct genl_family fam = { .mcgrp = SWAPNET_MCGRP_EVENTS };
	struct nl_req req = { 0 };
	int one = 1, ret;

	*out = NULL;
	nl = calloc(1, sizeof(*nl));
	if (!nl) {
		set_err(err, errlen, 0, "out of memory");
		return -ENOMEM;
	}
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock) {
		ret = -errno;
		set_err(err, errlen, 0, "netlink socket: %s", strerror(errno));
		free(nl);
		return ret;
	}
	/* Ask for the kernel's error text and short error messages. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		set_err(err, errlen, 0, "netlink bind: %s", strerror(errno));
		goto fail;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);

	/* The lookup autoloads swapnet.ko when it is installed. */
	nlh = genl_start(nl, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, SWAPNET_GENL_NAME);
	req.family = &fam;
	ret = nl_transact(nl, nlh, family_cb, &req);
	if (ret == -ENOENT) {
		set_err(err, errlen, 0,
			"the swapnet kernel module is not loaded (modprobe swapnet)");
		goto fail;
	}
	if (ret < 0) {
		set_err(err, errlen, 0, "netlink family lookup: %s",
			req.msg[0] ? req.msg : strerror(-ret));
		goto fail;
	}
	nl->family = fam.id;
	nl->events_group = fam.mcgrp_id;
	if (!nl->family) {
		ret = -EPROTO;
		set_err(err, errlen, 0, "netlink family lookup: no family id");
		goto fail;
	}
	*out = nl;
	return 0;
fail:
	mnl_socket_close(nl->sock);
	free(nl);
	return ret;
}

void swapnet_nl_close(struct swapnet_nl *nl)
{
	if (!nl)
		return;
	mnl_socket_close(nl->sock);
	free(nl);
}

static int dev_info_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_req *req = data;

	if (!req->info)
		return MNL_CB_OK;
	if (swapnet_nl_parse_dev(nlh, req->info) < 0) {
		req->error = -EBADMSG;
		snprintf(req->msg, sizeof(req->msg),
			 "malformed device message from the kernel");
		return MNL_CB_ERROR;
	}
	req->got_info = 1;
	return MNL_CB_OK;
}

static int dev_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_req *req = data;
	struct swapnet_dev_info d;

	if (req->cb_ret)
		return MNL_CB_OK;	/* drain the rest of the dump */
	if (swapnet_nl_parse_dev(nlh, &d) < 0)
		return MNL_CB_OK;
	req->cb_ret = req->cb(&d, req->cb_arg);
	return MNL_CB_OK;
}

/* ---- requests ---- */

static int fail(int ret, const struct nl_req *req, const char *what,
		char *err, size_t errlen)
{
	return swapnet_nl_request_error(ret, what, req->msg, req->bad_attr,
					NULL, err, errlen);
}

int swapnet_nl_dev_add(struct swapnet_nl *nl,
		       const struct swapnet_dev_config *cfg,
		       struct swapnet_dev_info *out, char *err, size_t errlen)
{
	struct nl_req req = { 0 };
	struct nlmsghdr *nlh;
	int ret;

	if (swapnet_nl_check_dev_config(cfg, err, errlen) < 0)
		return -EINVAL;
	nlh = genl_start(nl, nl->family, 0, SWAPNET_CMD_DEV_ADD,
			 SWAPNET_GENL_VERSION);
	swapnet_nl_put_dev_config(nlh, cfg);

	req.info = out;
	ret = nl_transact(nl, nlh, dev_info_cb, &req);
	if (ret < 0)
		return fail(ret, &req, "add device", err, errlen);
	if (out && !req.got_info) {
		set_err(err, errlen, 0, "add device: the kernel sent no device");
		return -EPROTO;
	}
	return 0;
}

int swapnet_nl_dev_del(struct swapnet_nl *nl, uint32_t index,
		       char *err, size_t errlen)
{
	return swapnet_nl_dev_remove(nl, index, false, err, errlen);
}

int swapnet_nl_dev_remove(struct swapnet_nl *nl, uint32_t index, bool force,
			  char *err, size_t errlen)
{
	struct nl_req req = { 0 };
	struct nlmsghdr *nlh;
	int ret;

	nlh = genl_start(nl, nl->family, 0, SWAPNET_CMD_DEV_DEL,
			 SWAPNET_GENL_VERSION);
	swapnet_nl_put_dev_del(nlh, index, force);
	ret = nl_transact(nl, nlh, dev_info_cb, &req);
	if (ret < 0)
		return fail(ret, &req, "remove device", err, errlen);
	return 0;
}

int swapnet_nl_dev_get(struct swapnet_nl *nl, uint32_t index,
		       struct swapnet_dev_info *out, char *err, size_t errlen)
{
	struct nl_req req = { 0 };
	struct nlmsghdr *nlh;
	int ret;

	nlh = genl_start(nl, nl->family, 0, SWAPNET_CMD_DEV_GET,
			 SWAPNET_GENL_VERSION);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, index);
	req.info = out;
	ret = nl_transact(nl, nlh, dev_info_cb, &req);
	if (ret < 0)
		return fail(ret, &req, "get device", err, errlen);
	if (!req.got_info) {
		set_err(err, errlen, 0, "get device: the kernel sent no device");
		return -EPROTO;
	}
	return 0;
}

int swapnet_nl_dev_dump(struct swapnet_nl *nl, swapnet_dev_cb cb, void *arg,
			char *err, size_t errlen)
{
	struct nl_req req = { 0 };
	struct nlmsghdr *nlh;
	int ret;

	nlh = genl_start(nl, nl->family, NLM_F_DUMP, SWAPNET_CMD_DEV_GET,
			 SWAPNET_GENL_VERSION);
	req.cb = cb;
	req.cb_arg = arg;
	ret = nl_transact(nl, nlh, dev_dump_cb, &req);
	if (ret < 0)
		return fail(ret, &req, "list devices", err, errlen);
	return 0;
}

/* ---- events ---- */

int swapnet_nl_subscribe_events(struct swapnet_nl *nl, char *err,
				size_t errlen)
{
	int grp = (int)nl->events_group;

	if (!grp) {
		set_err(err, errlen, 0, "the swapnet family has no events group");
		return -ENOENT;
	}
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0) {
		int ret = -errno;

		set_err(err, errlen, 0, "join events group: %s", strerror(errno));
		return ret;
	}
	return 0;
}

int swapnet_nl_event_fd(const struct swapnet_nl *nl)
{
	return mnl_socket_get_fd(nl->sock);
}

int swapnet_nl_read_event(struct swapnet_nl *nl, struct swapnet_event *ev,
			  char *err, size_t errlen)
{
	const struct nlmsghdr *nlh;
	ssize_t n;

	for (;;) {
		int len;

		n = recv(mnl_socket_get_fd(nl->sock), nl->buf, sizeof(nl->buf),
			 MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == EINTR)
				continue;
			/* ENOBUFS: events were lost; the caller may resync. */
			n = -errno;
			set_err(err, errlen, 0, "read event: %s", strerror(errno));
			return (int)n;
		}
		len = (int)n;
		/* Multicast datagrams carry one message; skip foreign ones. */
		nlh = (const struct nlmsghdr *)nl->buf;
		if (!mnl_nlmsg_ok(nlh, len) || nlh->nlmsg_type != nl->family)
			continue;
		if (swapnet_nl_parse_event(nlh, ev))
			return 1;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool_ring: a NIC's RX ring size from the kernel's ethtool generic
 * netlink family (ETHTOOL_MSG_RINGS_GET), with libmnl.  Drivers without
 * get_ringparam (veth, tun, ...) answer EOPNOTSUPP; the caller then uses
 * RESERVE_DEFAULT_RX_RING.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>

#include "reserve_model.h"

struct ring_reply {
	uint16_t family;
	uint32_t rx;
	bool have_rx;
};

static int family_attr_cb(const struct nlattr *a, void *data)
{
	struct ring_reply *r = data;

	if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(a, MNL_TYPE_U16) >= 0)
		r->family = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb,
			      data);
}

static int rings_attr_cb(const struct nlattr *a, void *data)
{
	struct ring_reply *r = data;

	if (mnl_attr_get_type(a) == ETHTOOL_A_RINGS_RX &&
	    mnl_attr_validate(a, MNL_TYPE_U32) >= 0) {
		r->rx = mnl_attr_get_u32(a);
		r->have_rx = true;
	}
	return MNL_CB_OK;
}

static int rings_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), rings_attr_cb,
			      data);
}

/* One request, its replies through cb; 0 or -errno. */
static int transact(struct mnl_socket *nl, struct nlmsghdr *nlh,
		    mnl_cb_t cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned int portid = mnl_socket_get_portid(nl);
	uint32_t seq = nlh->nlmsg_seq;
	ssize_t n;
	int ret;

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		ret = mnl_cb_run(buf, (size_t)n, seq, portid, cb, data);
	} while (ret > 0);
	return ret < 0 ? -errno : 0;
}

int reserve_ring_ethtool(const char *ifname, uint32_t *rx, void *arg)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct ring_reply r = { 0 };
	struct mnl_socket *nl;
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int ret;

	(void)arg;
	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto out;
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = (uint32_t)time(NULL);
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, ETHTOOL_GENL_NAME);
	ret = transact(nl, nlh, family_cb, &r);
	if (ret)
		goto out;
	if (!r.family) {
		ret = -ENOENT;
		goto out;
	}

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = r.family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = (uint32_t)time(NULL) + 1;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = ETHTOOL_MSG_RINGS_GET;
	g->version = ETHTOOL_GENL_VERSION;
	nest = mnl_attr_nest_start(nlh, ETHTOOL_A_RINGS_HEADER);
	mnl_attr_put_strz(nlh, ETHTOOL_A_HEADER_DEV_NAME, ifname);
	mnl_attr_nest_end(nlh, nest);
	ret = transact(nl, nlh, rings_cb, &r);
	if (!ret && !r.have_rx)
		ret = -EOPNOTSUPP;
	if (!ret)
		*rx = r.rx;
out:
	mnl_socket_close(nl);
	return ret;
}

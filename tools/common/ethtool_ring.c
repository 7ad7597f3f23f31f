// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool_ring: a NIC's RX ring size from the kernel's ethtool generic
 * netlink family (ETHTOOL_MSG_RINGS_GET), and its RX queues (rx +
 * combined channels, ETHTOOL_MSG_CHANNELS_GET: the ring is per queue),
 * with libmnl.  Drivers without get_ringparam (veth, tun, ...) answer
 * EOPNOTSUPP; the caller then uses RESERVE_DEFAULT_RX_RING.  Without
 * get_channels there is one queue.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>

#include "genl_family.h"
#include "mnl_request.h"
#include "reserve_model.h"

struct ring_reply {
	uint32_t rx;
	bool have_rx;
	uint32_t rx_channels, combined;
};

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

static int channels_attr_cb(const struct nlattr *a, void *data)
{
	struct ring_reply *r = data;

	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return MNL_CB_OK;
	if (mnl_attr_get_type(a) == ETHTOOL_A_CHANNELS_RX_COUNT)
		r->rx_channels = mnl_attr_get_u32(a);
	else if (mnl_attr_get_type(a) == ETHTOOL_A_CHANNELS_COMBINED_COUNT)
		r->combined = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int channels_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr),
			      channels_attr_cb, data);
}

/* A GET request for ifname into buf (zeroed: no stale bytes sent). */
static struct nlmsghdr *put_get(char *buf, uint16_t family, uint8_t cmd,
				uint16_t header_attr, const char *ifname,
				uint32_t seq)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct nlattr *nest;

	memset(buf, 0, MNL_SOCKET_BUFFER_SIZE);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = ETHTOOL_GENL_VERSION;
	nest = mnl_attr_nest_start(nlh, header_attr);
	mnl_attr_put_strz(nlh, ETHTOOL_A_HEADER_DEV_NAME, ifname);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

int reserve_ring_ethtool(const char *ifname, uint32_t *rx,
			 uint32_t *rx_queues, void *arg)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct ring_reply r = { 0 };
	struct genl_family fam = { .mcgrp = NULL };
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	int ret;

	(void)arg;
	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto out;
	}
	nlh = genl_family_request(buf, ETHTOOL_GENL_NAME, (uint32_t)time(NULL));
	ret = mnl_request(nl, nlh, genl_family_cb, &fam);
	if (ret)
		goto out;
	if (!fam.id) {
		ret = -ENOENT;
		goto out;
	}

	nlh = put_get(buf, fam.id, ETHTOOL_MSG_RINGS_GET,
		      ETHTOOL_A_RINGS_HEADER, ifname, (uint32_t)time(NULL) + 1);
	ret = mnl_request(nl, nlh, rings_cb, &r);
	if (!ret && !r.have_rx)
		ret = -EOPNOTSUPP;
	if (ret)
		goto out;
	*rx = r.rx;
	/* no get_channels (EOPNOTSUPP): one queue, *rx_queues as it is */
	nlh = put_get(buf, fam.id, ETHTOOL_MSG_CHANNELS_GET,
		      ETHTOOL_A_CHANNELS_HEADER, ifname,
		      (uint32_t)time(NULL) + 2);
	if (!mnl_request(nl, nlh, channels_cb, &r) &&
	    r.rx_channels + r.combined > 0)
		*rx_queues = r.rx_channels + r.combined;
out:
	mnl_socket_close(nl);
	return ret;
}

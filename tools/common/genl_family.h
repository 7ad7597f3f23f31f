/* SPDX-License-Identifier: GPL-2.0 */
/*
 * genl_family: the answer to a generic netlink CTRL_CMD_GETFAMILY, parsed
 * once for both families the tools resolve (swapnet, and ethtool for the
 * reserve's ring sizes).
 */
#ifndef SWAPNET_GENL_FAMILY_H
#define SWAPNET_GENL_FAMILY_H

#include <stdint.h>
#include <libmnl/libmnl.h>

struct genl_family {
	const char *mcgrp;	/* multicast group to look for, or NULL */
	uint16_t id;		/* family id; 0: not in the reply */
	uint32_t mcgrp_id;	/* id of mcgrp; 0: not in the reply */
};

/* An mnl_cb_t for the GETFAMILY reply; data is a struct genl_family. */
int genl_family_cb(const struct nlmsghdr *nlh, void *data);

/* The GETFAMILY request for NAME, built in BUF (MNL_SOCKET_BUFFER_SIZE). */
struct nlmsghdr *genl_family_request(void *buf, const char *name,
				     uint32_t seq);

#endif

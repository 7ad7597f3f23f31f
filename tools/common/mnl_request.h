/* SPDX-License-Identifier: GPL-2.0 */
/* mnl_request: one netlink request and its replies, for the tools' libmnl users. */
#ifndef SWAPNET_MNL_REQUEST_H
#define SWAPNET_MNL_REQUEST_H

#include <libmnl/libmnl.h>

/*
 * Send NLH on NL and run CB(DATA) on every reply until the ack or the end
 * of a dump.  0, or -errno (the kernel's error from the ack).
 */
int mnl_request(struct mnl_socket *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data);

#endif

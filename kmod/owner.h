/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapnet: who owns the swapfile (owner.c).  Included by internal.h.
 */
#ifndef SWAPNET_OWNER_H
#define SWAPNET_OWNER_H

#include <linux/sunrpc/sched.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/netlink.h>

#include "uapi/swapnet.h"

/* Who we are, from DEV_ADD's SWAPNET_A_OWNER (cfg->owner). */
struct swapnet_owner_id {
	bool set;
	char host[SWAPNET_OWNER_HOST_MAX + 1];
	char machine_id[SWAPNET_OWNER_MACHINE_ID_LEN + 1];
	char boot_id[SWAPNET_OWNER_BOOT_ID_LEN + 1];
	char mac[SWAPNET_OWNER_MAC_MAX + 1];
	u8 nonce[SWAPNET_OWNER_NONCE_LEN];
};

/*
 * The heartbeat of one device: one preallocated task, page and record,
 * one call in flight at most (READ, then WRITE on the same task).
 */
struct swapnet_owner {
	struct page *page;		/* READ into, WRITE from */
	struct rpc_task task;
	struct rpc_message msg;
	struct swapnet_rw_args args;
	struct swapnet_rw_res res;
	struct delayed_work work;	/* starts the next beat (dev->wq) */
	bool stopping;			/* READ_ONCE: no next beat */
	bool lost;			/* a foreign record was seen */
	u8 rec[SWAPNET_OWNER_REC_LEN];	/* on the server, we believe */
	u8 next[SWAPNET_OWNER_REC_LEN];	/* being written */
	u64 seq;			/* of rec */
	atomic64_t seq_written;		/* for DEV_GET */
	atomic64_t last_ok_ns;		/* boottime of the last ack, 0: none */
};

struct swapnet_dev;
struct rpc_clnt;

extern const struct nla_policy swapnet_owner_policy[SWAPNET_OWNER_A_MAX + 1];

int swapnet_owner_parse(const struct nlattr *nest, struct swapnet_owner_id *id,
			struct netlink_ext_ack *extack);
/* Bytes the file needs beyond the device's size. */
u64 swapnet_owner_reserved(const struct swapnet_dev *dev);
/* DEV_ADD: the record on the server must be our claim (probe client). */
int swapnet_owner_probe(struct swapnet_dev *dev, struct rpc_clnt *clnt,
			struct netlink_ext_ack *extack);
/* The device is live: first beat now, then every period. */
void swapnet_owner_start(struct swapnet_dev *dev);
/* No next beat; the call in flight ends with the RPC client. */
void swapnet_owner_stop(struct swapnet_dev *dev);
/* After the RPC client is shut down. */
void swapnet_owner_free(struct swapnet_dev *dev);
int swapnet_owner_put(struct sk_buff *skb, struct swapnet_dev *dev);

#endif /* SWAPNET_OWNER_H */

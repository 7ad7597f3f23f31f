// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: the per-device RPC client.
 *
 * One rpc_clnt per device, straight to the server's NFS port (no rpcbind
 * on the data path), TCP, AUTH_UNIX with the identity given at DEV_ADD.
 * Before the device exists, one synchronous GETATTR on a short-lived
 * probe client with short timeouts checks that the handle names a
 * regular, fully allocated file of at least the requested size; then the
 * device's client is made and, for a device attached for swap
 * (SWAPNET_F_SWAP), its transport is swap-activated (SOCK_MEMALLOC;
 * SUNRPC re-marks every new socket after a reconnect).
 */
#include <linux/cred.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/sched/task.h>
#include <linux/sunrpc/clnt.h>
#include <linux/sunrpc/xprt.h>
#include <linux/uidgid.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "internal.h"

/*
 * A kernel credential carrying the given identity.  Built from init_task's
 * (not from NULL: prepare_kernel_cred(NULL) fails from 6.2 on), as the
 * kernel's own users do (fs/nfs/nfs4idmap.c, fs/nfsd/nfs4callback.c).
 */
static const struct cred *swapnet_make_cred(u32 uid, u32 gid)
{
	struct cred *cred = prepare_kernel_cred(&init_task);
	kuid_t kuid = make_kuid(&init_user_ns, uid);
	kgid_t kgid = make_kgid(&init_user_ns, gid);

	if (!cred)
		return ERR_PTR(-ENOMEM);
	if (!uid_valid(kuid) || !gid_valid(kgid)) {
		put_cred(cred);
		return ERR_PTR(-EINVAL);
	}
	/* AUTH_UNIX marshals fsuid/fsgid and the (empty) group list. */
	cred->uid = kuid;
	cred->euid = kuid;
	cred->fsuid = kuid;
	cred->gid = kgid;
	cred->egid = kgid;
	cred->fsgid = kgid;
	return cred;
}

static int swapnet_check_file(struct swapnet_dev *dev, struct rpc_clnt *clnt,
			      struct netlink_ext_ack *extack)
{
	struct swapnet_getattr_args args = {
		.fh = dev->cfg.fh,
		.fh_len = dev->cfg.fh_len,
	};
	struct swapnet_getattr_res res = { };
	struct rpc_message msg = {
		.rpc_proc = &swapnet_nfs3_procs[SWAPNET_PROC_GETATTR],
		.rpc_argp = &args,
		.rpc_resp = &res,
		.rpc_cred = dev->cred,
	};
	int err;

	/*
	 * Soft and fail-on-connect, on the probe client's short timeouts:
	 * a server that is down, unreachable or drops our packets makes
	 * DEV_ADD fail within seconds instead of hanging the administrator.
	 */
	err = rpc_call_sync(clnt, &msg,
			    RPC_TASK_SOFT | RPC_TASK_TIMEOUT | RPC_TASK_SOFTCONN);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "GETATTR failed: server unreachable or not answering");
		pr_info("%s: GETATTR to %s failed: %d\n", dev->name,
			dev->cfg.server_name, err);
		return err;
	}
	switch (res.status) {
	case SWAPNET_NFS3_OK:
		break;
	case SWAPNET_NFS3ERR_STALE:
	case SWAPNET_NFS3ERR_BADHANDLE:
		NL_SET_ERR_MSG_MOD(extack, "file handle is stale or invalid");
		return -ESTALE;
	case SWAPNET_NFS3ERR_ACCES:
	case SWAPNET_NFS3ERR_PERM:
		NL_SET_ERR_MSG_MOD(extack, "server denied access to the file");
		return -EACCES;
	default:
		NL_SET_ERR_MSG_MOD(extack, "GETATTR failed on the server");
		pr_info("%s: GETATTR: nfsstat3 %u from %s\n", dev->name,
			res.status, dev->cfg.server_name);
		return -EIO;
	}
	if (res.attr.type != SWAPNET_NF3REG) {
		NL_SET_ERR_MSG_MOD(extack, "file handle is not a regular file");
		return -EINVAL;
	}
	if (res.attr.size < dev->cfg.size + swapnet_owner_reserved(dev)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "file is smaller than the requested size");
		pr_info("%s: file is %llu bytes, %llu requested\n", dev->name,
			res.attr.size,
			dev->cfg.size + swapnet_owner_reserved(dev));
		return -EINVAL;
	}
	if (res.attr.used < res.attr.size) {
		NL_SET_ERR_MSG_MOD(extack,
				   "file has holes (not fully allocated)");
		pr_info("%s: %llu of %llu bytes allocated\n", dev->name,
			res.attr.used, res.attr.size);
		return -EINVAL;
	}
	return 0;
}

/* Requests the transport serves from its preallocated slots. */
unsigned int swapnet_rpc_slots(struct swapnet_dev *dev)
{
	struct rpc_xprt *xprt;
	unsigned int n = 0;

	rcu_read_lock();
	xprt = rcu_dereference(dev->clnt->cl_xprt);
	if (xprt)
		n = xprt->min_reqs;
	rcu_read_unlock();
	return n;
}

/*
 * The attach probe: its own short-lived client (and connection) with
 * short timeouts, whatever the device's timeo: connecting gives up after
 * SWAPNET_PROBE_CONNECT_S, the GETATTR after SWAPNET_PROBE_RPC_S
 * (2 transmissions), so DEV_ADD answers within about 5 s.  Only after it
 * succeeded is the device's own client made, with the real timeout and
 * the never-ending reconnect.
 */
#define SWAPNET_PROBE_CONNECT_S	3
#define SWAPNET_PROBE_RPC_S	4

static int swapnet_probe(struct swapnet_dev *dev,
			 const struct rpc_create_args *dev_args,
			 struct netlink_ext_ack *extack)
{
	struct rpc_timeout timeout = {
		.to_initval = SWAPNET_PROBE_RPC_S * HZ / 2,
		.to_increment = SWAPNET_PROBE_RPC_S * HZ / 2,
		.to_maxval = SWAPNET_PROBE_RPC_S * HZ,
		.to_retries = 1,
	};
	struct rpc_create_args args = *dev_args;
	struct rpc_clnt *clnt;
	int err;

	args.timeout = &timeout;
	args.stats = NULL;
	/* soft client; NOPING: the GETATTR is the ping */
	args.flags &= ~(RPC_CLNT_CREATE_HARDRTRY |
			RPC_CLNT_CREATE_NO_IDLE_TIMEOUT);
	clnt = rpc_create(&args);
	if (IS_ERR(clnt)) {
		NL_SET_ERR_MSG_MOD(extack, "cannot create the RPC client");
		return PTR_ERR(clnt);
	}
	rpc_set_connect_timeout(clnt, SWAPNET_PROBE_CONNECT_S * HZ,
				SWAPNET_PROBE_CONNECT_S * HZ);
	err = swapnet_check_file(dev, clnt, extack);
	if (!err)
		err = swapnet_owner_probe(dev, clnt, extack);
	rpc_shutdown_client(clnt);
	return err;
}

int swapnet_rpc_setup(struct swapnet_dev *dev, struct netlink_ext_ack *extack)
{
	struct swapnet_config *cfg = &dev->cfg;
	/* timeo_ds <= 6000, retrans <= 10 (netlink.c): no overflow */
	unsigned long to = (unsigned long)cfg->timeo_ds * HZ / 10;
	struct rpc_timeout timeout = {
		/* like NFS over TCP: linear backoff, timeo × retrans */
		.to_initval = to,
		.to_increment = to,
		.to_maxval = to + to * cfg->retrans,
		.to_retries = cfg->retrans,
	};
	struct rpc_create_args args = {
		.net = &init_net,
		.protocol = XPRT_TRANSPORT_TCP,
		.address = (struct sockaddr *)&cfg->addr,
		.addrsize = cfg->addrlen,
		.timeout = &timeout,
		.servername = cfg->server_name,
		.program = &swapnet_nfs3_program,
		.stats = &dev->rpcstat,
		.version = 3,
		.authflavor = RPC_AUTH_UNIX,
		.cred = dev->cred,
		/*
		 * HARDRTRY: the client itself never gives up (tasks ask for
		 * a timeout explicitly, see io.c); NOPING: no NULL call
		 * from rpc_create; NO_IDLE_TIMEOUT: a swap device's
		 * connection is never idle-closed; REUSEPORT: a reconnect
		 * keeps the source port, so the server's duplicate request
		 * cache (keyed by address, port and XID) still matches a
		 * retransmission (as fs/nfs does for v3); QUIET: io.c logs the
		 * server state once per transition, not once per task.
		 */
		.flags = RPC_CLNT_CREATE_HARDRTRY | RPC_CLNT_CREATE_NOPING |
			 RPC_CLNT_CREATE_NO_IDLE_TIMEOUT |
			 RPC_CLNT_CREATE_QUIET | RPC_CLNT_CREATE_REUSEPORT,
	};
	struct rpc_clnt *clnt;
	int err;

	if (cfg->flags & SWAPNET_F_NORESVPORT)
		args.flags |= RPC_CLNT_CREATE_NONPRIVPORT;

	dev->cred = swapnet_make_cred(cfg->uid, cfg->gid);
	if (IS_ERR(dev->cred)) {
		err = PTR_ERR(dev->cred);
		dev->cred = NULL;
		NL_SET_ERR_MSG_MOD(extack, "cannot make the AUTH_UNIX credential");
		return err;
	}
	args.cred = dev->cred;
	dev->rpcstat.program = &swapnet_nfs3_program;

	err = swapnet_probe(dev, &args, extack);
	if (err)
		goto out_cred;

	clnt = rpc_create(&args);
	if (IS_ERR(clnt)) {
		err = PTR_ERR(clnt);
		NL_SET_ERR_MSG_MOD(extack, "cannot create the RPC client");
		goto out_cred;
	}
	dev->clnt = clnt;
	/* Reconnect no later than the backoff cap after the server is back. */
	rpc_set_connect_timeout(clnt, ULONG_MAX,
				(unsigned long)READ_ONCE(swapnet_max_backoff_s) *
				HZ);

	err = swapnet_io_bind_cred(dev);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot bind the RPC credential");
		goto out_clnt;
	}

	/*
	 * Only a device for swap: swap activation marks the socket
	 * SOCK_MEMALLOC and turns on the kernel's memalloc socket path
	 * (sk_memalloc_socks) for every socket.
	 */
	if (!(cfg->flags & SWAPNET_F_SWAP))
		return 0;
	err = rpc_clnt_swap_activate(clnt);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot swap-activate the transport");
		goto out_clnt;
	}
	dev->swap_active = true;
	return 0;

out_clnt:
	swapnet_io_put_cred(dev);
	rpc_shutdown_client(clnt);
	dev->clnt = NULL;
out_cred:
	put_cred(dev->cred);
	dev->cred = NULL;
	return err;
}

/* Called once no I/O can be issued any more (after del_gendisk). */
void swapnet_rpc_teardown(struct swapnet_dev *dev)
{
	if (dev->swap_active)
		rpc_clnt_swap_deactivate(dev->clnt);
	dev->swap_active = false;
	/* the last task is gone: no one holds the bound rpc_cred now */
	swapnet_io_put_cred(dev);
	if (dev->clnt)
		rpc_shutdown_client(dev->clnt);
	dev->clnt = NULL;
	if (dev->cred)
		put_cred(dev->cred);
	dev->cred = NULL;
}

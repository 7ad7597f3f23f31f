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
 *
 * After an outage, I/O resumes within a few seconds of the server being
 * reachable again, whatever the outage's length (issue 21).  Nothing in
 * SUNRPC or TCP notices a link coming back: the first packet after it is
 * whatever timer fires next, and they all back off while the server is
 * away (6.1 and 6.12: net/sunrpc/xprtsock.c, net/ipv4/tcp_timer.c):
 * - the connection outlives the cut.  Whichever side has unacked data
 *   retransmits it with exponential backoff (0.2 s doubling, up to
 *   120 s).  Cut during swap-in, that is the server with its READ
 *   replies, and the client has nothing to resend: the replies come
 *   with the server's retransmission at 51 s after a 30 s cut, at 222 s
 *   after a 180 s one (issue 21 measured 46 s after the link).  The
 *   client gives up only after TCP_USER_TIMEOUT, which
 *   xs_tcp_set_socket_timeouts() sets from the transport's own timeout,
 *   not the client's: 60 s x 3 = 180 s (xs_tcp_default_timeout), and
 *   its keepalive starts after 60 s idle;
 * - once the connection is gone, each connect's SYN backs off too (1,
 *   2, 4 ... 64 s, tcp_syn_retries 6; 6.12 and later start with 4
 *   one-second resends), and SUNRPC waits up to max_reconnect_timeout
 *   between attempts.
 * Now the transport's connect timeout is SWAPNET_CONNECT_S
 * (rpc_set_connect_timeout()).  From 6.12 on that is also its
 * TCP_USER_TIMEOUT and keepalive (10 s idle, one probe): a connection
 * whose peer has been silent for 10 to 20 s is given up, and each
 * connect is bounded (SYNs a second apart at first).  6.1 makes it a
 * user timeout of 18 s and keepalive every 6 s
 * (xs_tcp_set_connect_timeout(): a third of it, at least 6 s, times 3)
 * and leaves the SYN backoff alone.  On every kernel a connect that has
 * not succeeded after SWAPNET_KICK_S while requests wait is started over
 * (swapnet_reconnect_work): a fresh SYN at least every 2 s.  SUNRPC's
 * delay between attempts is capped at SWAPNET_RECONNECT_S.
 * The new connection keeps the source port (REUSEPORT), so the server
 * drops the old one, replies backed off and all (RFC 5961 challenge ACK,
 * then our RST), and the calls go again with their XIDs.  Left: an
 * outage shorter than the user timeout plus a keepalive (20 s; 24 s on
 * 6.1) can leave the connection up and end with either side's next TCP
 * retransmission, up to as long again as the outage.
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

/* The device's transport (see the top of this file). */
#define SWAPNET_CONNECT_S	10	/* connect attempt; TCP user timeout */
#define SWAPNET_RECONNECT_S	3	/* SUNRPC's delay between attempts */
#define SWAPNET_KICK_S		2	/* a connect this old starts over */

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

/* How often swapnet_reconnect_work looks at the transport. */
#define SWAPNET_RECONNECT_POLL	(HZ / 2)

/*
 * While RPCs wait and the transport is not connected, start its connect
 * over every SWAPNET_KICK_S: xprt_force_disconnect() makes SUNRPC close
 * the socket whose SYN is backing off (xs_tcp_shutdown() resets one that
 * is not established) and the waiting tasks connect again at once, with
 * a fresh SYN.  Needed on 6.1 (see the top of this file), harmless later.
 * It never touches a connected transport.  Allocates nothing, never
 * sleeps (it runs on the device's reclaim workqueue).
 */
static void swapnet_reconnect_work(struct work_struct *work)
{
	struct swapnet_dev *dev = container_of(to_delayed_work(work),
					       struct swapnet_dev,
					       reconnect_work);
	struct rpc_xprt *xprt;

	rcu_read_lock();
	xprt = rcu_dereference(dev->clnt->cl_xprt);
	if (!xprt || xprt_connected(xprt) ||
	    (!atomic_read(&dev->stats.inflight) &&
	     READ_ONCE(dev->fence) == SWAPNET_FENCE_NONE)) {
		dev->kick_armed = false;
	} else if (!dev->kick_armed) {
		dev->kick_armed = true;
		dev->kick_at = jiffies + SWAPNET_KICK_S * HZ;
	} else if (time_after_eq(jiffies, dev->kick_at)) {
		xprt_force_disconnect(xprt);
		dev->kick_at = jiffies + SWAPNET_KICK_S * HZ;
	}
	rcu_read_unlock();
	queue_delayed_work(dev->wq, &dev->reconnect_work,
			   SWAPNET_RECONNECT_POLL);
}

/*
 * A fence (io.c): the connection goes, with whatever it still holds;
 * SUNRPC connects again for the next call.  Never sleeps.
 */
void swapnet_rpc_disconnect(struct swapnet_dev *dev)
{
	struct rpc_xprt *xprt;

	rcu_read_lock();
	xprt = rcu_dereference(dev->clnt->cl_xprt);
	if (xprt)
		xprt_force_disconnect(xprt);
	rcu_read_unlock();
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
	INIT_DELAYED_WORK(&dev->reconnect_work, swapnet_reconnect_work);
	rpc_set_connect_timeout(clnt, SWAPNET_CONNECT_S * HZ,
				SWAPNET_RECONNECT_S * HZ);

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
	if (cfg->flags & SWAPNET_F_SWAP) {
		err = rpc_clnt_swap_activate(clnt);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot swap-activate the transport");
			goto out_clnt;
		}
		dev->swap_active = true;
	}
	dev->kick_armed = false;
	queue_delayed_work(dev->wq, &dev->reconnect_work,
			   SWAPNET_RECONNECT_POLL);
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
	if (dev->clnt) {
		cancel_delayed_work_sync(&dev->reconnect_work);
		/* io.c's fence work uses the client (set up after it) */
		swapnet_fence_stop(dev);
	}
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

// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only swapnet_nl transport: linked before libswapnet-san.a in
 * place of ../common/swapnet_nl.c, so the commands keep the real codec
 * and policy check (swapnet_nl_codec.c) with a fake kernel behind the
 * request functions
 * that answers like kmod/device.c and kmod/netlink.c: the same errno and
 * extack texts (EEXIST "already attached as", EBUSY "in use as swap",
 * ENODEV "no such swapnet device", EPERM without CAP_NET_ADMIN).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>

#include "fakes.h"
#include "seterr.h"
#include "swapnet_nl.h"

/*
 * No socket: the fake kernel needs no state per handle.  (The request
 * functions below are swapnet_nl.h's, whose prototypes they must match.)
 */
struct swapnet_nl {
	int unused;
};

struct fake_kernel fake_kernel;

void fake_kernel_reset(void)
{
	memset(&fake_kernel, 0, sizeof(fake_kernel));
	fake_kernel.loaded = true;
	fake_kernel.max_devs = FAKE_NL_MAX;
}

/* the reply as the real transport formats it (swapnet_nl_error) */
static int kfail(int ret, const char *what, const char *extack, char *err,
		 size_t errlen)
{
	return swapnet_nl_error(ret, what, extack, err, errlen);
}

int swapnet_nl_open(struct swapnet_nl **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!fake_kernel.loaded)
		return set_err(err, errlen, -ENOENT,
			       "the swapnet kernel module is not loaded (modprobe swapnet)");
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return -ENOMEM;
	fake_kernel.opens++;
	fake_kernel.open_handles++;
	return 0;
}

void swapnet_nl_close(struct swapnet_nl *nl)
{
	if (nl)
		fake_kernel.open_handles--;
	free(nl);
}

static bool same_addr(const struct sockaddr_storage *a,
		      const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET)
		return !memcmp(&((const struct sockaddr_in *)a)->sin_addr,
			       &((const struct sockaddr_in *)b)->sin_addr, 4);
	return !memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
		       &((const struct sockaddr_in6 *)b)->sin6_addr, 16);
}

/*
 * A module whose DEV_ADD policy ends at fake_kernel.max_attr: the
 * request as swapnetctl builds it (the real codec), refused at its first
 * attribute past that the way lib/nlattr.c's strict validation does
 * (-EINVAL, "Unknown attribute type", NLMSGERR_ATTR_OFFS at it), and the
 * answer read the way the real transport reads it (nothing added); 0
 * when it knows every attribute sent.
 */
static int older_policy(const struct swapnet_dev_config *cfg, char *err,
			size_t errlen)
{
	static char buf[8192];
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	const struct nlattr *a;
	uint32_t off = 0;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 0x20;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = SWAPNET_CMD_DEV_ADD;
	g->version = SWAPNET_GENL_VERSION;
	swapnet_nl_put_dev_config(nlh, cfg);
	mnl_attr_for_each(a, nlh, sizeof(*g))
		if (mnl_attr_get_type(a) > fake_kernel.max_attr) {
			off = (uint32_t)((const char *)a - buf);
			break;
		}
	if (!off)
		return 0;	/* it knows every attribute sent */
	return swapnet_nl_request_error(-EINVAL, "add device",
					"Unknown attribute type",
					swapnet_nl_attr_at(buf, nlh->nlmsg_len,
							   off),
					getenv("SWAPNET_ROOT"), err, errlen);
}

int swapnet_nl_dev_add(struct swapnet_nl *nl,
		       const struct swapnet_dev_config *cfg,
		       struct swapnet_dev_info *out, char *err, size_t errlen)
{
	struct swapnet_dev_info *d;
	char msg[64];
	int i, n = 0, slot = -1;

	(void)nl;
	if (swapnet_nl_check_dev_config(cfg, err, errlen) < 0)
		return -EINVAL;
	if (fake_kernel.unprivileged)
		return kfail(-EPERM, "add device", NULL, err, errlen);
	if (fake_kernel.max_attr && (i = older_policy(cfg, err, errlen)))
		return i;
	fake_kernel.adds++;
	fake_kernel.last_add = *cfg;
	for (i = 0; i < FAKE_NL_MAX; i++) {
		d = &fake_kernel.dev[i];
		if (!fake_kernel.used[i]) {
			if (slot < 0)
				slot = i;
			continue;
		}
		n++;
		if (d->cfg.fh_len == cfg->fh_len &&
		    !memcmp(d->cfg.fh, cfg->fh, cfg->fh_len) &&
		    same_addr(&d->cfg.addr, &cfg->addr) &&
		    (d->cfg.port ? d->cfg.port : 2049) ==
		    (cfg->port ? cfg->port : 2049)) {
			snprintf(msg, sizeof(msg), "swapnet: already attached as %s",
				 d->name);
			return kfail(-EEXIST, "add device", msg, err, errlen);
		}
	}
	if (slot < 0 || n >= fake_kernel.max_devs)
		return kfail(-ENOSPC, "add device",
			     "swapnet: too many swapnet devices", err, errlen);
	d = &fake_kernel.dev[slot];
	memset(d, 0, sizeof(*d));
	fake_kernel.used[slot] = true;
	d->index = (uint32_t)slot;
	snprintf(d->name, sizeof(d->name), "swapnet%d", slot);
	d->cfg = *cfg;
	if (!d->cfg.rsize)
		d->cfg.rsize = 131072;
	if (!d->cfg.wsize)
		d->cfg.wsize = 131072;
	d->queue_depth = 64;
	d->has_fh = d->has_uid = d->has_gid = true;
	if (out)
		*out = *d;
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
	(void)nl;
	fake_kernel.last_force = force;
	if (fake_kernel.unprivileged)
		return kfail(-EPERM, "remove device", NULL, err, errlen);
	if (index >= FAKE_NL_MAX || !fake_kernel.used[index])
		return kfail(-ENODEV, "remove device",
			     "swapnet: no such swapnet device", err, errlen);
	if (fake_kernel.swap[index])
		return kfail(-EBUSY, "remove device",
			     "swapnet: in use as swap or mounted (swapoff or umount it first)",
			     err, errlen);
	if (fake_kernel.stuck[index] && !force)
		return kfail(-EBUSY, "remove device",
			     "swapnet: requests in flight to a server that does not answer; use --force (loses them)",
			     err, errlen);
	fake_kernel.used[index] = false;
	fake_kernel.dels++;
	return 0;
}

int swapnet_nl_dev_get(struct swapnet_nl *nl, uint32_t index,
		       struct swapnet_dev_info *out, char *err, size_t errlen)
{
	(void)nl;
	if (index >= FAKE_NL_MAX || !fake_kernel.used[index])
		return kfail(-ENODEV, "get device",
			     "swapnet: no such swapnet device", err, errlen);
	*out = fake_kernel.dev[index];
	return 0;
}

int swapnet_nl_dev_dump(struct swapnet_nl *nl, swapnet_dev_cb cb, void *arg,
			char *err, size_t errlen)
{
	int i;

	(void)nl;
	(void)err;
	(void)errlen;
	for (i = 0; i < FAKE_NL_MAX; i++)
		if (fake_kernel.used[i] && cb(&fake_kernel.dev[i], arg))
			break;
	return 0;
}

/* no events from the fake kernel (swapnetctl monitor) */
int swapnet_nl_subscribe_events(struct swapnet_nl *nl, char *err,
				size_t errlen)
{
	(void)nl;
	if (err)
		snprintf(err, errlen, "the fake kernel sends no events");
	return -EOPNOTSUPP;
}

int swapnet_nl_event_fd(const struct swapnet_nl *nl)
{
	(void)nl;
	return -1;
}

int swapnet_nl_read_event(struct swapnet_nl *nl, struct swapnet_event *ev,
			  char *err, size_t errlen)
{
	(void)nl;
	(void)ev;
	(void)err;
	(void)errlen;
	return 0;
}

int fake_kernel_add(const char *server, const char *path, uint64_t size)
{
	struct swapnet_dev_config c = { 0 };
	struct swapnet_dev_info d;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&c.addr;

	s4->sin_family = AF_INET;
	inet_pton(AF_INET, server, &s4->sin_addr);
	snprintf(c.server_name, sizeof(c.server_name), "%s", server);
	snprintf(c.path, sizeof(c.path), "%s", path);
	/* handles 0x40, 0x41, ... in the order of the calls */
	c.fh[0] = (uint8_t)(0x40 + fake_kernel.adds);
	c.fh_len = 1;
	c.size_bytes = size;
	if (swapnet_nl_dev_add(NULL, &c, &d, NULL, 0) < 0)
		return -1;
	return (int)d.index;
}

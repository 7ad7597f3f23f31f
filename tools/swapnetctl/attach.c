// SPDX-License-Identifier: GPL-2.0
/*
 * attach: check a swapfile with libnfs and hand it to the kernel.
 * The kernel re-checks the file with GETATTR; the checks here exist so the
 * user gets a precise message before any device is created.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "attach.h"
#include "commands.h"
#include "holes.h"
#include "nfsfile.h"
#include "nfstarget.h"
#include "owner.h"
#include "reserve_apply.h"
#include "util.h"

#define MIN_SIZE (1024 * 1024ull)

static int fail(int code, char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(int code, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return code;
}

int resolve_server(const char *host, struct sockaddr_storage *ss,
		   char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res, *ai;
	int ret;

	ret = getaddrinfo(host, NULL, &hints, &res);
	if (ret) {
		snprintf(err, errlen, "cannot resolve server '%s': %s", host,
			 gai_strerror(ret));
		return -EHOSTUNREACH;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6) {
			memset(ss, 0, sizeof(*ss));
			memcpy(ss, ai->ai_addr, ai->ai_addrlen);
			freeaddrinfo(res);
			return 0;
		}
	}
	freeaddrinfo(res);
	snprintf(err, errlen, "server '%s' has no IPv4 or IPv6 address", host);
	return -EHOSTUNREACH;
}

int link_local_check(const char *host, const struct sockaddr_storage *ss,
		     char *err, size_t errlen)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;

	if (ss->ss_family != AF_INET6 ||
	    !IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr))
		return 0;
	if (!s6->sin6_scope_id)
		return fail(-EINVAL, err, errlen,
			    "server %s is link-local: name its interface, nfs://[%s%%25IFACE]/...",
			    host, host);
	/* the interface goes to the module as SWAPNET_A_SERVER_SCOPE_ID */
	return 0;
}

/* Server's FSINFO maximum, rounded to 4 KiB, applied to a wanted size. */
static uint32_t fit_io(const char *what, uint32_t want, uint64_t srvmax)
{
	uint64_t cap = srvmax & ~4095ull;

	if (!cap || cap >= (want ? want : SWAPNET_DEFAULT_IO_SIZE))
		return want;
	if (want)
		notef("%s %u exceeds the server's maximum, using %llu", what,
		      want, (unsigned long long)cap);
	return (uint32_t)cap;
}

/* Refuse files the kernel could not swap on safely. */
static int check_file(const struct nfs_target *t,
		      const struct nfsfile_opts *nopts,
		      const struct nfsfile_stat *st, char *err, size_t errlen)
{
	char file[NFSTARGET_HOST_MAX + NFSTARGET_PATH_MAX + 2];
	char path[NFSTARGET_PATH_MAX + 1], msg[1024];

	if (nfs_target_path(t, path, sizeof(path)) < 0)
		return fail(EXIT_USAGE, err, errlen, "path too long");
	snprintf(file, sizeof(file), "%s:%s", t->host, path);
	/*
	 * A PATH was mapped to export + file by text; the fileid proves the
	 * server gave us the file the user named (an NFSv4 mount of a
	 * pseudo-root other than "/" would break the mapping).
	 */
	if (t->local_ino && t->local_ino != st->ino)
		return fail(EXIT_FAIL, err, errlen,
			    "%s is not the file the path names (NFSv4 pseudo-root?): use an nfs:// URL",
			    file);
	if (!S_ISREG(st->mode))
		return fail(EXIT_FAIL, err, errlen,
			    "%s is not a regular file", file);
	if (st->mode & 0177)
		return fail(EXIT_FAIL, err, errlen,
			    "%s has mode %04o, wider than 0600: anyone with access could read swapped memory (chmod 600 it)",
			    file, st->mode & 07777);
	if (st->size < MIN_SIZE + SWAPNET_OWNER_RESERVED)
		return fail(EXIT_FAIL, err, errlen,
			    "%s is too small: %llu bytes, at least 1 MiB and 4 KiB needed (swap area and owner record)",
			    file, (unsigned long long)st->size);
	/* a compressing server (ZFS) keeps a written file smaller: holes.h */
	switch (holes_check(t, nopts, st, msg, sizeof(msg))) {
	case HOLES_NONE:
		break;
	case HOLES_COMPRESSING:
		notef("%s: %s", file, msg);
		break;
	case HOLES_SPARSE:
		return fail(EXIT_FAIL, err, errlen,
			    "%s has holes: %llu of %llu bytes allocated (create it with 'swapnetctl create' or write it in full)",
			    file, (unsigned long long)st->used,
			    (unsigned long long)st->size);
	case HOLES_UNKNOWN:
		return fail(EXIT_FAIL, err, errlen,
			    "%s: %s (create it with 'swapnetctl create' or write it in full)",
			    file, msg);
	}
	return EXIT_OK;
}

/* What DEV_ADD takes from the options and the target alone. */
static int fill_common(struct swapnet_dev_config *c,
		       const struct attach_opts *o, const struct nfs_target *t,
		       char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	if (resolve_server(t->host, &c->addr, err, errlen) < 0)
		return EXIT_FAIL;
	if (link_local_check(t->host, &c->addr, err, errlen))
		return EXIT_USAGE;
	c->port = t->port;
	snprintf(c->server_name, sizeof(c->server_name), "%s", t->host);
	if (nfs_target_path(t, c->path, sizeof(c->path)) < 0)
		return fail(EXIT_USAGE, err, errlen, "path too long");
	c->rsize = o->rsize;
	c->wsize = o->wsize;
	c->uid = o->uid;
	c->gid = o->gid;
	c->timeo_ds = o->timeo_ds;
	c->retrans = o->retrans;
	c->flags = o->flags;
	c->no_verify = o->no_verify;
	c->mirror_group = o->mirror_group;
	snprintf(c->label, sizeof(c->label), "%s", o->label);
	return EXIT_OK;
}

static int fill_config(struct swapnet_dev_config *c,
		       const struct attach_opts *o, const struct nfs_target *t,
		       struct nfsfile *f, const struct nfsfile_stat *st,
		       char *err, size_t errlen)
{
	const uint8_t *fh;
	size_t fh_len;
	int ret;

	ret = fill_common(c, o, t, err, errlen);
	if (ret != EXIT_OK)
		return ret;
	if (nfsfile_fh(f, &fh, &fh_len) < 0 || fh_len > SWAPNET_FH_MAX)
		return fail(EXIT_FAIL, err, errlen,
			    "the server gave an unusable file handle");
	memcpy(c->fh, fh, fh_len);
	c->fh_len = fh_len;
	/*
	 * The directory and the name let the kernel tell a replaced file
	 * from a file system not mounted when the handle goes STALE.
	 * Without them (a directory we may not open) it judges STALE by
	 * time, as before: sysfs stale_check says which.
	 */
	c->dir_fh_len = sizeof(c->dir_fh);
	if (nfsfile_dir_fh(f, c->dir_fh, &c->dir_fh_len, c->file_name,
			   sizeof(c->file_name)) < 0) {
		c->dir_fh_len = 0;
		c->file_name[0] = '\0';
	}
	/*
	 * The block device works in 4 KiB blocks: a partial tail is unused.
	 * The last 4 KiB hold the owner record, outside the device.
	 */
	c->size_bytes = (st->size & ~4095ull) - SWAPNET_OWNER_RESERVED;
	c->rsize = fit_io("--rsize", o->rsize, nfsfile_readmax(f));
	c->wsize = fit_io("--wsize", o->wsize, nfsfile_writemax(f));
	return EXIT_OK;
}

/*
 * --handle HEX --size SIZE: the handle and size as given, nothing asked
 * of the server here (the kernel GETATTRs the handle at DEV_ADD and
 * refuses a file that is not regular or smaller than SIZE).
 */
static int fill_config_handle(struct swapnet_dev_config *c,
			      const struct attach_opts *o,
			      const struct nfs_target *t,
			      char *err, size_t errlen)
{
	int ret = fill_common(c, o, t, err, errlen);

	if (ret != EXIT_OK)
		return ret;
	memcpy(c->fh, o->fh, o->fh_len);
	c->fh_len = o->fh_len;
	c->size_bytes = o->size_bytes;
	return EXIT_OK;
}

struct dup_find {
	const struct swapnet_dev_config *cfg;
	char name[32];
};

static int same_file(const struct swapnet_dev_info *d, void *arg)
{
	struct dup_find *df = arg;
	const struct swapnet_dev_config *a = &d->cfg, *b = df->cfg;

	/* Same handle from the same server: the same file. */
	if (a->fh_len != b->fh_len || memcmp(a->fh, b->fh, a->fh_len) ||
	    a->addr.ss_family != b->addr.ss_family)
		return 0;
	if (a->addr.ss_family == AF_INET &&
	    memcmp(&((const struct sockaddr_in *)&a->addr)->sin_addr,
		   &((const struct sockaddr_in *)&b->addr)->sin_addr, 4))
		return 0;
	if (a->addr.ss_family == AF_INET6 &&
	    memcmp(&((const struct sockaddr_in6 *)&a->addr)->sin6_addr,
		   &((const struct sockaddr_in6 *)&b->addr)->sin6_addr, 16))
		return 0;
	snprintf(df->name, sizeof(df->name), "%s", d->name);
	return 1;
}

/*
 * Two devices on one file would be two swap areas overwriting each
 * other's pages: refuse a file some device already uses.
 */
static int check_not_attached(struct swapnet_nl *nl,
			      const struct swapnet_dev_config *cfg,
			      char *err, size_t errlen)
{
	struct dup_find df = { .cfg = cfg };

	if (swapnet_nl_dev_dump(nl, same_file, &df, err, errlen) < 0)
		return EXIT_FAIL;
	if (df.name[0])
		return fail(EXIT_FAIL, err, errlen,
			    "%s:%s is already attached as /dev/%s",
			    cfg->server_name, cfg->path, df.name);
	return EXIT_OK;
}

int attach_resolve(const struct attach_opts *o, struct nfs_target *t,
		   char *err, size_t errlen)
{
	return nfs_target_resolve(o->target, t, err, errlen) < 0 ?
	       EXIT_USAGE : EXIT_OK;
}

/*
 * SUNRPC preallocates tcp_slot_table_entries request slots per TCP
 * transport (2 by default) and allocates further ones on demand; the
 * module keeps its RPCs within the preallocated slots, so that no
 * request of a swap I/O ever waits for an allocation: queue_depth
 * WRITEs and as many READs in flight.  Raise the parameter to twice the
 * module's queue depth before the transport is created (it applies to
 * transports created afterwards).  Best effort: a failure only costs
 * throughput, so it is reported, not fatal.
 */
static void raise_rpc_slots(void)
{
	static const char slots_path[] =
		"/sys/module/sunrpc/parameters/tcp_slot_table_entries";
	unsigned long want, have;
	FILE *f;

	f = fopen("/sys/module/swapnet/parameters/queue_depth", "r");
	if (!f)
		return;
	if (fscanf(f, "%lu", &want) != 1)
		want = 0;
	fclose(f);
	want *= 2;	/* WRITEs and READs */
	f = fopen(slots_path, "r");
	if (!f)
		return;
	if (fscanf(f, "%lu", &have) != 1)
		have = want;
	fclose(f);
	want++;		/* the owner heartbeat's one call (kmod/owner.c) */
	if (have >= want)
		return;
	f = fopen(slots_path, "w");
	if (!f || fprintf(f, "%lu\n", want) < 0 || fclose(f) != 0)
		fprintf(stderr,
			"swapnetctl: note: could not raise %s to %lu: only %lu requests in flight\n",
			slots_path, want, have);
}

/*
 * Writeback throttling (CONFIG_BLK_WBT) takes every network round trip
 * for a congested device and holds swap-out back; the module does not
 * touch the block layer's private wbt code, so turn it off here, the way
 * an admin would.  No such file: the kernel has no wbt, nothing to do.
 * Any other failure costs swap-out throughput only: one warning.
 */
int disable_wbt_at(const char *sysfs, const char *name)
{
	char path[4200];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/block/%s/queue/wbt_lat_usec", sysfs,
		 name);
	f = fopen(path, "w");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		ret = -errno;
		goto warn;
	}
	/* The write happens at fclose (stdio buffers): its errno counts. */
	if (fputs("0\n", f) < 0) {
		fclose(f);
		ret = -EIO;
		goto warn;
	}
	if (fclose(f) == 0)
		return 0;
	ret = -errno;
warn:
	fprintf(stderr,
		"swapnetctl: warning: cannot disable writeback throttling: %s: %s\n",
		path, strerror(-ret));
	return ret;
}

void disable_wbt(const char *name)
{
	disable_wbt_at("/sys", name);
}

/*
 * Refuse a file another node is swapping on (owner.h), else write our
 * claim into its owner record and give the kernel our identity.
 */
static int claim_file(struct swapnet_nl *nl, const struct attach_opts *o,
		      const struct nfs_target *t, struct nfsfile *f,
		      struct swapnet_dev_config *cfg, char *err, size_t errlen)
{
	char url[NFSTARGET_HOST_MAX + NFSTARGET_PATH_MAX + 64];
	int ret;

	/* never claim (overwrite) a record our own device is writing */
	ret = check_not_attached(nl, cfg, err, errlen);
	if (ret != EXIT_OK)
		return ret;
	if (owner_identity(&cfg->owner, t->host, err, errlen) < 0)
		return EXIT_FAIL;
	nfs_target_url(t, url, sizeof(url));
	return owner_claim(f, cfg->size_bytes, &cfg->owner, nl, url,
			   o->force, err, errlen);
}

/* libnfs: check the file with the kernel's identity, then fill cfg. */
static int probe_file(struct swapnet_nl *nl, const struct attach_opts *o,
		      const struct nfs_target *t, struct swapnet_dev_config *cfg,
		      char *err, size_t errlen)
{
	struct nfsfile_opts nopts = {
		.set_cred = 1, .uid = o->uid, .gid = o->gid,
	};
	struct nfsfile_stat st;
	struct nfsfile *f;
	int ret;

	/*
	 * Same identity as the kernel will use, so a permission problem
	 * shows up here with a clear message.
	 */
	if (nfsfile_connect(&f, t, &nopts, err, errlen) < 0)
		return EXIT_FAIL;
	if (nfsfile_open(f, O_RDWR, 0, err, errlen) < 0 ||
	    nfsfile_stat(f, &st, err, errlen) < 0) {
		nfsfile_close(f);
		return EXIT_FAIL;
	}
	ret = check_file(t, &nopts, &st, err, errlen);
	if (ret == EXIT_OK)
		ret = fill_config(cfg, o, t, f, &st, err, errlen);
	if (ret == EXIT_OK)
		ret = claim_file(nl, o, t, f, cfg, err, errlen);
	nfsfile_close(f);
	return ret;
}

int attach_device(struct swapnet_nl *nl, const struct attach_opts *o,
		  const struct nfs_target *t, struct swapnet_dev_info *out,
		  char *err, size_t errlen)
{
	struct swapnet_dev_config cfg;
	char node[64];
	int ret;

	if (o->has_handle) {
		/* The kernel refuses a duplicate (-EEXIST) itself. */
		ret = fill_config_handle(&cfg, o, t, err, errlen);
		if (ret != EXIT_OK)
			return ret;
	} else {
		/* also refuses a file some device of ours already uses */
		ret = probe_file(nl, o, t, &cfg, err, errlen);
		if (ret != EXIT_OK)
			return ret;
	}
	raise_rpc_slots();
	if (swapnet_nl_dev_add(nl, &cfg, out, err, errlen) < 0)
		return EXIT_FAIL;
	if (dev_node_wait(out->name, node, sizeof(node), err, errlen) < 0) {
		char e2[SWAPNET_ERR_MAX];

		swapnet_nl_dev_del(nl, out->index, e2, sizeof(e2));
		return EXIT_FAIL;
	}
	disable_wbt(out->name);
	return EXIT_OK;
}

int detach_device(struct swapnet_nl *nl, uint32_t index,
		  char *err, size_t errlen)
{
	return detach_device_force(nl, index, false, err, errlen);
}

int detach_device_force(struct swapnet_nl *nl, uint32_t index, bool force,
			char *err, size_t errlen)
{
	int ret = swapnet_nl_dev_remove(nl, index, force, err, errlen);

	if (ret == 0)
		reserve_on_device_change();
	return ret;
}

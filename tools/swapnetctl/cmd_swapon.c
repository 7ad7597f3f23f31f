// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl swapon URL|PATH [attach options] [--priority P] [--mkswap]
 * swapnetctl swapoff DEV|URL|PATH
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/swap.h>
#include <linux/fs.h>
#include <netinet/in.h>
#include <linux/capability.h>

#include "attach.h"
#include "commands.h"
#include "crypt.h"
#include "reserve_apply.h"
#include "nfstarget.h"
#include "steps.h"
#include "swapsig.h"
#include "util.h"

static const char swapon_usage[] =
"Usage: swapnetctl swapon URL|PATH [--priority P] [--mkswap] [attach options]\n"
"       swapnetctl swapon --handle HEX --size SIZE URL [options]\n"
"Prints the device now used as swap.  See swapnetctl --help.\n";

/*
 * 1 if the swap area on node claims more pages than the device has: a
 * file made before the owner record took its last 4 KiB (swapon(2)
 * would refuse it: "Swap area shorter than signature indicates").
 */
static int swap_too_long(const char *node)
{
	uint64_t bytes = 0;
	uint32_t last = 0;
	long page = sysconf(_SC_PAGESIZE);
	int fd = open(node, O_RDONLY | O_CLOEXEC);
	int ret = 0;

	if (fd < 0)
		return 0;
	/* union swap_header: 1024 boot bytes, version, last_page */
	if (pread(fd, &last, sizeof(last), 1028) == (ssize_t)sizeof(last) &&
	    ioctl(fd, BLKGETSIZE64, &bytes) == 0 && page > 0 &&
	    ((uint64_t)last + 1) * (uint64_t)page > bytes)
		ret = 1;
	close(fd);
	return ret;
}

/* Make sure dev holds a swap area we may use.  0 or an exit code. */
static int prepare_swap(const char *node, int force, char *err, size_t errlen)
{
	char type[64];
	int sig;

	sig = swapsig_probe(node, type, sizeof(type), err, errlen);
	if (sig < 0)
		return EXIT_FAIL;
	if (sig == SWAPSIG_FOREIGN) {
		snprintf(err, errlen,
			 "refusing to use %s as swap: it holds %s data, not swap (wipe the file on the server first)",
			 node, type);
		return EXIT_FAIL;
	}
	if (sig == SWAPSIG_SWAP && !force) {
		if (!swap_too_long(node))
			return 0;
		notef("the swap area on %s is larger than the device (the file's last 4 KiB now hold its owner record): mkswap again",
		      node);
	}
	if (swapsig_mkswap(node, err, errlen) < 0)
		return EXIT_FAIL;
	/* Check what mkswap wrote, through the device (a read test too). */
	sig = swapsig_probe(node, type, sizeof(type), err, errlen);
	if (sig != SWAPSIG_SWAP) {
		if (sig >= 0)
			snprintf(err, errlen,
				 "no swap signature on %s after mkswap", node);
		return EXIT_FAIL;
	}
	return 0;
}

int swapon_opts(const struct attach_opts *o, bool encrypt, char *node,
		size_t nodelen, char *err, size_t errlen)
{
	struct swapnet_dev_info dev;
	struct attach_opts so;
	struct nfs_target t;
	struct swapnet_nl *nl;
	char e2[SWAPNET_ERR_MAX], name[64] = "";
	bool reserved = false;
	int ret, flags = 0;

	if (attach_resolve(o, &t, err, errlen) != EXIT_OK)
		return EXIT_USAGE;
	if (!have_cap(CAP_NET_ADMIN) || !have_cap(CAP_SYS_ADMIN)) {
		snprintf(err, errlen,
			 "permission denied: needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN)");
		return EXIT_FAIL;
	}
	if (swapnet_nl_open(&nl, err, errlen) < 0)
		return EXIT_FAIL;
	/* swapon, start and encrypt: the device is for swap (swapnet(4)) */
	so = *o;
	so.flags |= SWAPNET_F_SWAP;
	ret = attach_device(nl, &so, &t, &dev, err, errlen);
	if (ret != EXIT_OK) {
		swapnet_nl_close(nl);
		return ret;
	}
	if (encrypt) {
		/* a fresh key makes the old contents noise: always mkswap */
		crypt_map_name(dev.name, name, sizeof(name));
		snprintf(node, nodelen, "/dev/mapper/%s", name);
		ret = EXIT_FAIL;
		if (crypt_open_random(dev.name, name, err, errlen)) {
			name[0] = '\0';
			goto undo;
		}
		if (swapsig_mkswap(node, err, errlen) < 0)
			goto undo;
	} else {
		snprintf(node, nodelen, "/dev/%s", dev.name);
		ret = prepare_swap(node, o->mkswap, err, errlen);
		if (ret)
			goto undo;
	}
	/* the reserve must be in place before pages go out */
	reserve_on_device_change();
	reserved = true;
	if (o->has_priority)
		flags = SWAP_FLAG_PREFER |
			((o->priority << SWAP_FLAG_PRIO_SHIFT) &
			 SWAP_FLAG_PRIO_MASK);
	if (swapon(node, flags) < 0) {
		snprintf(err, errlen, "swapon(2) %s: %s", node,
			 strerror(errno));
		ret = EXIT_FAIL;
		goto undo;
	}
	swapnet_nl_close(nl);
	return EXIT_OK;
undo:
	/* keep the first error; the reserve is recomputed if it was ours */
	if (name[0])
		crypt_close(name, NULL, 0);
	if ((reserved ? detach_device(nl, dev.index, e2, sizeof(e2)) :
	     swapnet_nl_dev_del(nl, dev.index, e2, sizeof(e2))) < 0)
		notef("could not remove swapnet%u again: %s", dev.index, e2);
	swapnet_nl_close(nl);
	return ret;
}

int cmd_swapon(int argc, char **argv)
{
	struct attach_opts o;
	char err[ERR_LEN], node[80];
	int ret;

	ret = parse_attach_args(argc, argv, 1, &o, err, sizeof(err));
	if (ret == 1) {
		fputs(swapon_usage, stdout);
		return EXIT_OK;
	}
	if (ret < 0)
		return errorf(EXIT_USAGE, "%s", err);
	ret = swapon_opts(&o, false, node, sizeof(node), err, sizeof(err));
	if (ret != EXIT_OK)
		return errorf(ret, "swapon: %s", err);
	printf("%s\n", node);
	return EXIT_OK;
}

/* ---- swapoff ---- */

struct find {
	const struct nfs_target *t;
	struct sockaddr_storage addr;
	char path[SWAPNET_FILE_PATH_MAX + 1];
	uint32_t index;
	int found;
};

static int same_addr(const struct sockaddr_storage *a,
		     const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return 0;
	if (a->ss_family == AF_INET)
		return !memcmp(&((const struct sockaddr_in *)a)->sin_addr,
			       &((const struct sockaddr_in *)b)->sin_addr, 4);
	if (a->ss_family == AF_INET6)
		return !memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
			       &((const struct sockaddr_in6 *)b)->sin6_addr, 16);
	return 0;
}

static int match_dev(const struct swapnet_dev_info *d, void *arg)
{
	struct find *f = arg;

	if (strcmp(d->cfg.path, f->path))
		return 0;
	if (strcmp(d->cfg.server_name, f->t->host) &&
	    !same_addr(&d->cfg.addr, &f->addr))
		return 0;
	f->index = d->index;
	f->found = 1;
	return 1;
}

/* DEV, or the device attached to URL|PATH. */
static int find_device(struct swapnet_nl *nl, const char *arg,
		       uint32_t *index, char *err, size_t errlen)
{
	struct nfs_target t;
	struct find f = { .t = &t };

	if (parse_dev_spec(arg, index) == 0)
		return EXIT_OK;
	if (nfs_target_resolve(arg, &t, err, errlen) < 0)
		return EXIT_USAGE;
	if (nfs_target_path(&t, f.path, sizeof(f.path)) < 0) {
		snprintf(err, errlen, "%s: path too long", arg);
		return EXIT_USAGE;
	}
	/* A name that no longer resolves still matches by name. */
	if (resolve_server(t.host, &f.addr, err, errlen) < 0)
		memset(&f.addr, 0, sizeof(f.addr));
	if (swapnet_nl_dev_dump(nl, match_dev, &f, err, errlen) < 0)
		return EXIT_FAIL;
	if (!f.found) {
		snprintf(err, errlen, "no swapnet device is attached to %s",
			 arg);
		return EXIT_FAIL;
	}
	*index = f.index;
	return EXIT_OK;
}

int cmd_swapoff(int argc, char **argv)
{
	struct swapnet_dev_info dev;
	struct nfs_target t;
	struct swapnet_nl *nl;
	char err[ERR_LEN], node[64];
	uint32_t index;
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		puts("Usage: swapnetctl swapoff DEV|URL|PATH");
		return EXIT_OK;
	}
	if (argc == 2 && argv[1][0] == '-' && argv[1][1])
		return errorf(EXIT_USAGE, "swapoff: unknown option '%s'",
			      argv[1]);
	if (argc != 2)
		return errorf(EXIT_USAGE,
			      "swapoff: usage: swapnetctl swapoff DEV|URL|PATH");
	/*
	 * What was named, before asking the kernel: /dev/sda1 is no
	 * swapnet device whether or not the module is loaded.
	 */
	if (parse_dev_spec(argv[1], &index) &&
	    nfs_target_resolve(argv[1], &t, err, sizeof(err)) < 0)
		return errorf(EXIT_USAGE,
			      "swapoff: '%s' is neither a swapnet device (/dev/swapnetN, swapnetN, N) nor a swapfile on NFS: %s",
			      argv[1], err);
	if (!have_cap(CAP_NET_ADMIN) || !have_cap(CAP_SYS_ADMIN))
		return errorf(EXIT_FAIL,
			      "swapoff: permission denied: needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN)");
	if (swapnet_nl_open(&nl, err, sizeof(err)) < 0)
		return errorf(EXIT_FAIL, "swapoff: %s", err);
	ret = find_device(nl, argv[1], &index, err, sizeof(err));
	if (ret == EXIT_OK && swapnet_nl_dev_get(nl, index, &dev, err,
						 sizeof(err)) < 0)
		ret = EXIT_FAIL;
	if (ret != EXIT_OK) {
		swapnet_nl_close(nl);
		return errorf(ret, "swapoff: %s", err);
	}
	snprintf(node, sizeof(node), "/dev/%s", dev.name);
	/* swapoff(2) pages everything back in: this can take a while. */
	if (swapoff(node) < 0) {
		if (errno != EINVAL) {
			swapnet_nl_close(nl);
			return errorf(EXIT_FAIL, "swapoff: %s: %s", node,
				      strerror(errno));
		}
		notef("%s was not in use as swap", node);
	}
	ret = detach_device(nl, index, err, sizeof(err));
	swapnet_nl_close(nl);
	if (ret < 0)
		return errorf(EXIT_FAIL, "swapoff: %s: %s", dev.name, err);
	return EXIT_OK;
}

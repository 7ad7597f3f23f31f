// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl swapon URL|PATH [attach options] [--priority P] [--mkswap]
 * swapnetctl swapoff DEV|URL|PATH
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
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
#include "mdmirror.h"
#include "mirror.h"
#include "reserve_apply.h"
#include "reserve_model.h"
#include "rootpath.h"
#include "nfstarget.h"
#include "steps.h"
#include "swapsig.h"
#include "util.h"

static const char swapon_usage[] =
"Usage: swapnetctl swapon URL|PATH [--priority P] [--mkswap] [--mirror URL|PATH]\n"
"                         [attach options]\n"
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

/* the same file twice, by the names attach resolved */
static bool same_target(const struct nfs_target *a, const struct nfs_target *b)
{
	return !strcasecmp(a->host, b->host) &&
	       (a->port ? a->port : 2049) == (b->port ? b->port : 2049) &&
	       !strcmp(a->export, b->export) && !strcmp(a->file, b->file);
}

int swapon_opts(const struct attach_opts *o, bool encrypt, char *node,
		size_t nodelen, char *err, size_t errlen)
{
	struct swapnet_dev_info dev, dev2;
	struct attach_opts so, mo;
	struct nfs_target t, t2;
	struct swapnet_nl *nl;
	char e2[SWAPNET_ERR_MAX], name[64] = "", md[MDM_NAME_MAX] = "";
	char mdname[MIRROR_NAME_MAX + 16] = "";
	const char *how = "", *base;
	bool reserved = false, leg2 = false, fresh = false;
	int ret, flags = 0;

	if (attach_resolve(o, &t, err, errlen) != EXIT_OK)
		return EXIT_USAGE;
	if (o->mirror) {
		mo = *o;
		mo.target = o->mirror;
		mo.mirror = NULL;
		if (attach_resolve(&mo, &t2, err, errlen) != EXIT_OK)
			return EXIT_USAGE;
		if (same_target(&t, &t2)) {
			snprintf(err, errlen,
				 "--mirror %s is the swapfile itself: name a file on another server",
				 o->mirror);
			return EXIT_USAGE;
		}
	}
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
	if (o->mirror) {
		/* both legs in one group: neither fences alone (mirror.h) */
		mirror_md_name(o->label, t.file, mdname, sizeof(mdname));
		so.mirror_group = mirror_group_id(mdname);
		mo.mirror_group = so.mirror_group;
	}
	ret = attach_device(nl, &so, &t, &dev, err, errlen);
	if (ret != EXIT_OK) {
		swapnet_nl_close(nl);
		return ret;
	}
	base = dev.name;
	if (o->mirror) {
		/* the second leg: the same options, checks and ownership */
		mo.flags |= SWAPNET_F_SWAP;
		ret = attach_device(nl, &mo, &t2, &dev2, e2, sizeof(e2));
		if (ret != EXIT_OK) {
			snprintf(err, errlen, "mirror %s: %s", o->mirror, e2);
			goto undo;
		}
		leg2 = true;
		if (mirror_up(mdname, dev.name, dev2.name, md, sizeof(md),
			      &how, err, errlen)) {
			md[0] = '\0';
			ret = EXIT_FAIL;
			goto undo;
		}
		/* stdout carries the swap device only: this goes to stderr */
		notef("mirror /dev/md/%s (%s) over /dev/%s and /dev/%s: %s",
		      mdname, md, dev.name, dev2.name, how);
		/* a new array's content is noise: mkswap it */
		fresh = !strcmp(how, "created");
		base = md;
	}
	if (encrypt) {
		/* a fresh key makes the old contents noise: always mkswap */
		crypt_map_name(o->mirror ? mdname : dev.name, name,
			       sizeof(name));
		snprintf(node, nodelen, "/dev/mapper/%s", name);
		ret = EXIT_FAIL;
		if (crypt_open_random(base, name, err, errlen)) {
			name[0] = '\0';
			goto undo;
		}
		if (swapsig_mkswap(node, err, errlen) < 0)
			goto undo;
	} else {
		snprintf(node, nodelen, "/dev/%s", base);
		ret = prepare_swap(node, o->mkswap || fresh, err, errlen);
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
	if (md[0] && mirror_stop(md, e2, sizeof(e2)))
		notef("could not stop %s again: %s", md, e2);
	if (leg2 && (reserved ? detach_device(nl, dev2.index, e2, sizeof(e2)) :
		     swapnet_nl_dev_del(nl, dev2.index, e2, sizeof(e2))) < 0)
		notef("could not remove swapnet%u again: %s", dev2.index, e2);
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

/*
 * swapoff, remove dm-crypt, mdadm --stop, detach every leg: the mirror
 * md (mirror.h) torn down in order.  0 or an exit code after a message.
 */
int mirror_teardown(struct swapnet_nl *nl, const char *md)
{
	const char *root = reserve_root(NULL);
	char node[300], map[128] = "", err[ERR_LEN], dir[4096];
	char legs[MDM_LEGS_MAX][MDM_NAME_MAX];
	struct mdm_state st;
	struct dirent *de;
	size_t n = 0, i;
	int failed = 0;
	DIR *d;

	/* every leg: md's slaves (faulty ones too), and the recorded ones */
	root_path(dir, sizeof(dir), root, "/sys/block/%s/slaves", md);
	d = opendir(dir);
	while (d && (de = readdir(d)) && n < MDM_LEGS_MAX)
		if (!strncmp(de->d_name, "swapnet", 7) &&
		    strlen(de->d_name) < sizeof(legs[0]))
			snprintf(legs[n++], sizeof(legs[0]), "%.31s",
				 de->d_name);
	if (d)
		closedir(d);
	if (!mdm_read(root, md, &st))
		for (i = 0; i < st.nlegs; i++) {
			size_t k;

			for (k = 0; k < n; k++)
				if (!strcmp(legs[k], st.legs[i].dev))
					break;
			if (k == n && n < MDM_LEGS_MAX)
				snprintf(legs[n++], sizeof(legs[0]), "%s",
					 st.legs[i].dev);
		}
	if (crypt_holder(md, map, sizeof(map)))
		snprintf(node, sizeof(node), "/dev/mapper/%s", map);
	else
		map[0] = '\0';
	if (!map[0])
		snprintf(node, sizeof(node), "/dev/%s", md);
	/* swapoff(2) pages everything back in: this can take a while. */
	if (swapoff(node) < 0) {
		if (errno != EINVAL)
			return errorf(EXIT_FAIL, "swapoff: %s: %s", node,
				      strerror(errno));
		notef("%s was not in use as swap", node);
	}
	if (map[0] && crypt_close(map, err, sizeof(err)))
		return errorf(EXIT_FAIL, "swapoff: %s", err);
	if (mirror_stop(md, err, sizeof(err)))
		return errorf(EXIT_FAIL, "swapoff: %s: %s", md, err);
	for (i = 0; i < n; i++) {
		uint32_t index;

		if (parse_dev_spec(legs[i], &index))
			continue;
		root_path(dir, sizeof(dir), root, "/sys/block/%s", legs[i]);
		if (access(dir, F_OK) != 0)
			continue;
		if (detach_device(nl, index, err, sizeof(err)) < 0) {
			fprintf(stderr, "swapnetctl: swapoff: %s: %s\n",
				legs[i], err);
			failed++;
		}
	}
	return failed ? EXIT_FAIL : EXIT_OK;
}

/* /dev/md/NAME or /dev/mdN: the md name ("md127"), if it is one */
static int md_spec(const char *arg, char *md, size_t len)
{
	char real[4096];
	const char *b;

	if (strncmp(arg, "/dev/md", 7) || !realpath(arg, real))
		return 0;
	b = strrchr(real, '/');
	b = b ? b + 1 : real;
	if (strncmp(b, "md", 2) || strlen(b) >= len)
		return 0;
	memcpy(md, b, strlen(b) + 1);
	return 1;
}

int cmd_swapoff(int argc, char **argv)
{
	struct swapnet_dev_info dev;
	struct nfs_target t;
	struct swapnet_nl *nl;
	char err[ERR_LEN], node[64], mdn[MDM_NAME_MAX];
	uint32_t index;
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		puts("Usage: swapnetctl swapoff DEV|URL|PATH|/dev/md/NAME");
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
	if (md_spec(argv[1], mdn, sizeof(mdn))) {
		if (!have_cap(CAP_NET_ADMIN) || !have_cap(CAP_SYS_ADMIN))
			return errorf(EXIT_FAIL,
				      "swapoff: permission denied: needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN)");
		if (swapnet_nl_open(&nl, err, sizeof(err)) < 0)
			return errorf(EXIT_FAIL, "swapoff: %s", err);
		ret = mirror_teardown(nl, mdn);
		swapnet_nl_close(nl);
		return ret;
	}
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
	/* a mirror leg: the whole mirror goes, in order */
	if (mdm_holder(reserve_root(NULL), dev.name, mdn, sizeof(mdn))) {
		ret = mirror_teardown(nl, mdn);
		swapnet_nl_close(nl);
		return ret;
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

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl start|stop [-c FILE]: boot integration, run by swapnet.service
 * (ExecStart/ExecStop).
 *
 * start: apply the zswap settings, then for every entry of
 *        /etc/swapnet.conf in file order: create the file if it has
 *        create=SIZE and does not exist, swapon (through dm-crypt with a
 *        random key when it has encrypt); then set the reserve its policy
 *        asks for.  --dry-run prints all that and touches nothing.
 * stop:  swapoff + detach every entry (encrypted ones: swapoff the
 *        mapping, remove it, detach) in reverse order, then every other
 *        swapnet device still attached (at shutdown nothing may be left
 *        swapping over a network that is about to go down), then recompute
 *        the reserve.
 *
 * Both call the swapon/swapoff commands themselves (cmd_swapon.c), so the
 * boot path is exactly the interactive one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <unistd.h>

#include "attach.h"
#include "commands.h"
#include "config.h"
#include "crypt.h"
#include "nfsfile.h"
#include "nfstarget.h"
#include "options.h"
#include "reserve.h"
#include "swapnet_nl.h"
#include "swapsig.h"
#include "util.h"
#include "zswap.h"

static const char usage_start[] =
"Usage: swapnetctl start [-c FILE] [--dry-run]\n"
"  apply the zswap settings of FILE (default /etc/swapnet.conf), create the\n"
"  swapfiles with create=SIZE that do not exist, swapon every swapfile\n"
"  (through dm-crypt with encrypt) and apply the reserve policy\n"
"  --dry-run  print, line by line, the expanded URL, what would be created\n"
"             and what would be set up; touch nothing\n";
static const char usage_stop[] =
"Usage: swapnetctl stop [-c FILE]\n"
"  swapoff and detach the swapfiles of FILE (default /etc/swapnet.conf) in\n"
"  reverse order, then every other swapnet device; recompute the reserve\n";

static struct swapnet_config conf;		/* large: not on the stack */
static struct reserve_machine machine;
static bool dry_run;

/* -c FILE: 0 with the config loaded, -1 after --help, or an exit code. */
static int parse_and_load(int argc, char **argv, const char *usage,
			  bool missing_ok)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char path[4096], err[1024];
	const char *file = NULL, *root;
	int c, ret;

	optind = 0;
	opterr = 0;
	dry_run = false;
	while ((c = getopt_long(argc, argv, ":c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': file = optarg; break;
		case 'n':
			if (strcmp(argv[0], "start")) {
				fprintf(stderr,
					"swapnetctl: %s: unknown option '--dry-run'\n",
					argv[0]);
				return EXIT_USAGE;
			}
			dry_run = true;
			break;
		case 'h': fputs(usage, stdout); return -1;
		default:
			opt_error(err, sizeof(err), argv[0], c, argc, argv,
				  optind, optopt);
			fprintf(stderr, "swapnetctl: %s\n", err);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "swapnetctl: %s: unexpected argument '%s'\n",
			argv[0], argv[optind]);
		return EXIT_USAGE;
	}
	if (file) {
		missing_ok = false;	/* a file named on purpose must exist */
	} else {
		root = reserve_root(NULL);
		snprintf(path, sizeof(path), "%s%s",
			 strcmp(root, "/") ? root : "", CONFIG_PATH);
		file = path;
	}
	ret = config_load(file, &conf, err, sizeof(err));
	if (ret == -ENOENT && missing_ok) {
		/* No config: tear down what exists, leave the reserve be. */
		config_init(&conf);
		conf.reserve = CONFIG_RESERVE_OFF;
		return 0;
	}
	if (ret) {
		fprintf(stderr, "swapnetctl: %s: %s\n", argv[0], err);
		return EXIT_USAGE;
	}
	return 0;
}

/*
 * The reserve the policy asks for now.  A fixed value never goes below
 * the kernel's own default; auto is swapnetctl reserve's recommendation.
 * Neither ever lowers the value there now (reserve_raise); with no network
 * swap device left, auto puts back the value from before swapnetctl
 * raised it (reserve_restore), and with nothing to do nothing is written.
 */
static int apply_policy(const char *cmd)
{
	const char *root = reserve_root(NULL);
	struct reserve_result r;
	uint64_t kb, now;
	char err[512];
	int ret;

	if (conf.reserve == CONFIG_RESERVE_OFF)
		return 0;
	if (reserve_probe(root, strcmp(root, "/") ? NULL :
			  reserve_ring_ethtool, NULL, &machine, err,
			  sizeof(err))) {
		fprintf(stderr, "swapnetctl: %s: reserve: %s\n", cmd, err);
		return -1;
	}
	reserve_compute(&machine, &r);
	if (conf.reserve == CONFIG_RESERVE_FIXED) {
		kb = conf.reserve_kb > r.default_kb ? conf.reserve_kb :
		     r.default_kb;
		ret = reserve_raise(root, r.current_kb, kb, false, &now, err,
				    sizeof(err));
	} else if (!machine.ndevs) {
		ret = reserve_restore(root, r.current_kb, &now, err,
				      sizeof(err));
	} else {
		if (r.too_large) {
			fprintf(stderr,
				"swapnetctl: %s: reserve: %llu kB is more than a quarter of lowmem, not applied; lower the devices' queue/nr_requests (swapnetctl reserve)\n",
				cmd, (unsigned long long)r.recommended_kb);
			return -1;
		}
		ret = reserve_raise(root, r.current_kb, r.recommended_kb,
				    false, &now, err, sizeof(err));
	}
	if (ret) {
		fprintf(stderr, "swapnetctl: %s: reserve: %s\n", cmd, err);
		return -1;
	}
	if (now != r.current_kb)
		printf("vm.min_free_kbytes: %llu -> %llu kB\n",
		       (unsigned long long)r.current_kb,
		       (unsigned long long)now);
	return 0;
}

/*
 * create=SIZE: the file must be there with exactly SIZE bytes, fully
 * allocated, mode at most 0600; if it is missing, create it as
 * `swapnetctl create` does.  Never resized or overwritten.
 * 0 there, 1 created, -1 after the message.
 */
static int ensure_file(const struct config_entry *e)
{
	struct nfsfile_opts nopts = { 0 };
	struct nfsfile_stat st;
	struct nfs_target t;
	struct nfsfile *f = NULL;
	char err[1024], size[32], uid[16], gid[16];
	char *av[10];
	int ac = 0, ret;

	if (nfs_target_resolve(e->target, &t, err, sizeof(err)))
		goto fail;
	if (e->has_uid || e->has_gid) {
		nopts.set_cred = 1;
		nopts.uid = e->uid;
		nopts.gid = e->gid;
	}
	if (nfsfile_connect(&f, &t, &nopts, err, sizeof(err)))
		goto fail;
	ret = nfsfile_open(f, O_RDONLY, 0, err, sizeof(err));
	if (ret == 0) {
		ret = nfsfile_stat(f, &st, err, sizeof(err));
		nfsfile_close(f);
		if (ret)
			goto fail;
		if (!S_ISREG(st.mode)) {
			snprintf(err, sizeof(err), "exists and is not a regular file");
		} else if (st.size != e->create_size) {
			snprintf(err, sizeof(err), "exists with %llu bytes, not create=%llu: not resized (remove it on the server, or fix create=)",
				 (unsigned long long)st.size,
				 (unsigned long long)e->create_size);
		} else if (st.used < st.size) {
			snprintf(err, sizeof(err), "exists with holes (%llu of %llu bytes allocated): not overwritten (remove it on the server)",
				 (unsigned long long)st.used,
				 (unsigned long long)st.size);
		} else if (st.mode & 0177) {
			snprintf(err, sizeof(err), "exists with mode %04o, wider than 0600: others could read swapped memory (chmod 600 it on the server)",
				 st.mode & 07777);
		} else {
			printf("%s: there (%llu bytes, mode %04o), reused\n",
			       e->target, (unsigned long long)st.size,
			       st.mode & 07777);
			return 0;
		}
		goto fail;
	}
	nfsfile_close(f);
	if (ret != -ENOENT)
		goto fail;
	/* Missing: exactly what `swapnetctl create` does (O_EXCL). */
	snprintf(size, sizeof(size), "%llu", (unsigned long long)e->create_size);
	av[ac++] = "create";
	av[ac++] = (char *)e->target;
	av[ac++] = "--size";
	av[ac++] = size;
	if (nopts.set_cred) {
		snprintf(uid, sizeof(uid), "%u", nopts.uid);
		snprintf(gid, sizeof(gid), "%u", nopts.gid);
		av[ac++] = "--uid";
		av[ac++] = uid;
		av[ac++] = "--gid";
		av[ac++] = gid;
	}
	av[ac] = NULL;
	printf("%s: missing, creating %s bytes\n", e->target, size);
	fflush(stdout);
	return cmd_create(ac, av) == EXIT_OK ? 1 : -1;
fail:
	fprintf(stderr, "swapnetctl: start: %s (line %d): create=: %s\n",
		e->target, e->line, err);
	return -1;
}

/*
 * encrypt: attach, map through dm-crypt with a random key, mkswap the
 * mapping (a fresh key makes the old contents noise), swapon it.
 */
static int swapon_encrypted(const struct config_entry *e)
{
	char *av[CONFIG_ARGV_MAX], store[CONFIG_ARGV_STORE];
	char err[ERR_LEN], name[64], node[128];
	struct swapnet_dev_info dev;
	struct attach_opts o;
	struct nfs_target t;
	struct swapnet_nl *nl;
	int ac = config_entry_argv(e, av, store), flags = 0;

	if (parse_attach_args(ac, av, 1, &o, err, sizeof(err)) ||
	    attach_resolve(&o, &t, err, sizeof(err)) != EXIT_OK)
		return errorf(EXIT_USAGE, "start: %s", err);
	if (swapnet_nl_open(&nl, err, sizeof(err)) < 0)
		return errorf(EXIT_FAIL, "start: %s", err);
	if (attach_device(nl, &o, &t, &dev, err, sizeof(err)) != EXIT_OK) {
		swapnet_nl_close(nl);
		return errorf(EXIT_FAIL, "start: %s", err);
	}
	crypt_map_name(dev.name, name, sizeof(name));
	snprintf(node, sizeof(node), "/dev/mapper/%s", name);
	if (crypt_open_random(dev.name, name, err, sizeof(err)))
		goto undo;
	if (swapsig_mkswap(node, err, sizeof(err)) < 0)
		goto undo_crypt;
	reserve_on_device_change();
	if (o.has_priority)
		flags = SWAP_FLAG_PREFER |
			((o.priority << SWAP_FLAG_PRIO_SHIFT) &
			 SWAP_FLAG_PRIO_MASK);
	if (swapon(node, flags) < 0) {
		snprintf(err, sizeof(err), "swapon %s: %s", node,
			 strerror(errno));
		goto undo_crypt;
	}
	swapnet_nl_close(nl);
	printf("/dev/%s encrypted as %s (%s)\n", dev.name, node,
	       CRYPT_CIPHER_DESC);
	return EXIT_OK;
undo_crypt:
	crypt_close(name, NULL, 0);
undo:
	fprintf(stderr, "swapnetctl: start: %s\n", err);
	if (detach_device(nl, dev.index, err, sizeof(err)) < 0)
		notef("could not remove %s again: %s", dev.name, err);
	swapnet_nl_close(nl);
	return EXIT_FAIL;
}

static void print_dry_run(void)
{
	char *av[CONFIG_ARGV_MAX], store[CONFIG_ARGV_STORE], err[512];
	struct zswap_state z;
	size_t i;
	int k, ac;

	for (i = 0; i < conf.n; i++) {
		const struct config_entry *e = &conf.entries[i];

		printf("line %d: %s\n", e->line, e->tmpl);
		printf("  url: %s\n", e->target);
		if (e->create_size)
			printf("  create: %llu bytes if missing (mode 0600, fully written, fsynced); refused if there with another size, holes or a mode wider than 0600\n",
			       (unsigned long long)e->create_size);
		ac = config_entry_argv(e, av, store);
		printf("  set up: swapnetctl");
		for (k = 0; k < ac; k++)
			printf(" %s", k == 0 && e->encrypt ? "attach" : av[k]);
		printf("\n");
		if (e->encrypt)
			printf("  encrypt: dm-crypt plain %s on /dev/swapnetN as /dev/mapper/swapnetN-crypt, mkswap, swapon that\n",
			       CRYPT_CIPHER_DESC);
	}
	zswap_read(&z);
	zswap_describe(&z, err, sizeof(err));
	printf("%s now\n", err);
	if (zswap_apply(&conf, true, stdout, err, sizeof(err)))
		printf("%s\n", err);
	printf("reserve: %s", conf.reserve == CONFIG_RESERVE_AUTO ? "auto" :
	       conf.reserve == CONFIG_RESERVE_OFF ? "off" : "fixed");
	if (conf.reserve == CONFIG_RESERVE_FIXED)
		printf(" %llu kB", (unsigned long long)conf.reserve_kb);
	printf("\n%zu swapfiles; nothing done (--dry-run)\n", conf.n);
}

int cmd_start(int argc, char **argv)
{
	char *av[CONFIG_ARGV_MAX], store[CONFIG_ARGV_STORE], err[512];
	size_t i, up = 0;
	int ret;

	ret = parse_and_load(argc, argv, usage_start, false);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	if (dry_run) {
		print_dry_run();
		return EXIT_OK;
	}
	/* zswap in front of the network swap, before anything swaps */
	if (zswap_apply(&conf, false, stdout, err, sizeof(err)))
		fprintf(stderr, "swapnetctl: start: %s\n", err);
	/* A fixed reserve does not depend on the devices: set it first. */
	if (conf.reserve == CONFIG_RESERVE_FIXED)
		apply_policy("start");
	for (i = 0; i < conf.n; i++) {
		const struct config_entry *e = &conf.entries[i];
		int ac = config_entry_argv(e, av, store);

		if (e->create_size && ensure_file(e) < 0) {
			fprintf(stderr, "swapnetctl: start: %s (line %d) failed, going on with the others\n",
				e->target, e->line);
			continue;
		}
		printf("swapon %s%s\n", e->target, e->encrypt ? " (encrypt)" : "");
		fflush(stdout);
		if ((e->encrypt ? swapon_encrypted(e) : cmd_swapon(ac, av)) ==
		    EXIT_OK)
			up++;
		else
			fprintf(stderr, "swapnetctl: start: %s (line %d) failed, going on with the others\n",
				e->target, e->line);
	}
	if (conf.reserve == CONFIG_RESERVE_AUTO)
		apply_policy("start");
	printf("%zu of %zu swapfiles up\n", up, conf.n);
	/*
	 * Fail only when nothing came up.  A failed oneshot unit never runs
	 * its ExecStop, and a device left swapped on when the network goes
	 * down at shutdown hangs the machine: with anything up, succeed.
	 */
	return up || !conf.n ? EXIT_OK : EXIT_FAIL;
}

/* Every other attached device: no limit, none silently left swapping. */
struct others {
	char (*names)[48];
	int n, cap;
	bool oom;
};

static int collect(const struct swapnet_dev_info *d, void *arg)
{
	struct others *o = arg;

	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 64;
		char (*names)[48] = realloc(o->names, sizeof(*names) *
					    (size_t)cap);

		if (!names) {
			o->oom = true;
			return -ENOMEM;
		}
		o->names = names;
		o->cap = cap;
	}
	snprintf(o->names[o->n++], sizeof(o->names[0]), "/dev/%s", d->name);
	return 0;
}

/*
 * swapoff and remove every dm-crypt mapping on a swapnet device
 * (encrypt entries; any others too: they would keep the device busy).
 * Returns the number of failures.
 */
static int teardown_crypt(void)
{
	const char *root = reserve_root(NULL);
	char dir[4096], name[128], node[200], err[512];
	struct dirent *de;
	int failed = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/sys/block", strcmp(root, "/") ? root : "");
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "swapnet", 7) ||
		    !crypt_holder(de->d_name, name, sizeof(name)))
			continue;
		snprintf(node, sizeof(node), "/dev/mapper/%s", name);
		printf("swapoff %s (encrypted /dev/%s)\n", node, de->d_name);
		fflush(stdout);
		if (swapoff(node) < 0 && errno != EINVAL) {
			fprintf(stderr, "swapnetctl: stop: swapoff %s: %s\n",
				node, strerror(errno));
			failed++;
			continue;
		}
		if (crypt_close(name, err, sizeof(err))) {
			fprintf(stderr, "swapnetctl: stop: %s\n", err);
			failed++;
		}
	}
	closedir(d);
	return failed;
}

int cmd_stop(int argc, char **argv)
{
	struct others others = { 0 };
	char err[SWAPNET_ERR_MAX];
	struct swapnet_nl *nl;
	size_t i;
	int ret, failed = 0, k;

	/* No config: still tear down whatever is attached. */
	ret = parse_and_load(argc, argv, usage_stop, true);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	/* encrypted swap: the mapping is the swap device, remove it first */
	failed += teardown_crypt();
	for (i = conf.n; i-- > 0;) {
		char *av[] = { "swapoff", conf.entries[i].target, NULL };

		printf("swapoff %s\n", conf.entries[i].target);
		fflush(stdout);
		if (cmd_swapoff(2, av) != EXIT_OK)
			failed++;
	}
	/* Everything else still attached. */
	/* Not loaded: nothing attached (and opening would load it). */
	if (access("/sys/module/swapnet", F_OK) == 0 &&
	    swapnet_nl_open(&nl, err, sizeof(err)) == 0) {
		if (swapnet_nl_dev_dump(nl, collect, &others, err,
					sizeof(err)) < 0) {
			fprintf(stderr, "swapnetctl: stop: %s\n",
				others.oom ? "out of memory listing devices" :
				err);
			failed++;
		}
		swapnet_nl_close(nl);
	}
	for (k = 0; k < others.n; k++) {
		char *av[] = { "swapoff", others.names[k], NULL };

		printf("swapoff %s (not in the config)\n", others.names[k]);
		fflush(stdout);
		if (cmd_swapoff(2, av) != EXIT_OK)
			failed++;
	}
	free(others.names);
	if (conf.reserve == CONFIG_RESERVE_AUTO)
		apply_policy("stop");
	return failed ? EXIT_FAIL : EXIT_OK;
}

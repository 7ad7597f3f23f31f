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
#include "holes.h"
#include "nfsfile.h"
#include "nfstarget.h"
#include "options.h"
#include "reserve_apply.h"
#include "rootpath.h"
#include "steps.h"
#include "swapnet_nl.h"
#include "swapsig.h"
#include "textwrap.h"
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
static char conf_path[4096];			/* for FILE:LINE */
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
		case 'c':
			if (file) {
				fprintf(stderr, "swapnetctl: %s: -c: given twice\n",
					argv[0]);
				return EXIT_USAGE;
			}
			file = optarg;
			break;
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
		root_path(path, sizeof(path), root, "%s", CONFIG_PATH);
		file = path;
	}
	snprintf(conf_path, sizeof(conf_path), "%s", file);
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
	if (reserve_probe_machine(root, &machine, err, sizeof(err))) {
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
 * create=SIZE: the file must be there with exactly SIZE bytes and 4 KiB
 * for the owner record (or SIZE: made before the owner record existed;
 * its swap area is 4 KiB smaller now), fully allocated, mode at most
 * 0600; if it is missing, create it as `swapnetctl create` does.  Never
 * resized or overwritten.
 * 0 there, 1 created, -1 with one line in err.
 */
static int ensure_file(const struct config_entry *e, const char *target,
		       char *err, size_t errlen)
{
	const struct attach_opts *o = &e->opts;
	struct nfsfile_opts nopts = { 0 };
	struct nfsfile_stat st;
	struct nfs_target t;
	struct nfsfile *f = NULL;
	enum holes_verdict v;
	char msg[1024];
	int ret;

	if (nfs_target_resolve(target, &t, err, errlen))
		goto fail;
	if (o->given & ((1u << AO_UID) | (1u << AO_GID))) {
		nopts.set_cred = 1;
		nopts.uid = o->uid;
		nopts.gid = o->gid;
	}
	if (nfsfile_connect(&f, &t, &nopts, err, errlen))
		goto fail;
	ret = nfsfile_open(f, O_RDONLY, 0, err, errlen);
	if (ret == 0) {
		ret = nfsfile_stat(f, &st, err, errlen);
		nfsfile_close(f);
		if (ret)
			goto fail;
		if (!S_ISREG(st.mode)) {
			snprintf(err, errlen, "exists and is not a regular file");
		} else if (st.size != e->create_size + SWAPNET_OWNER_RESERVED &&
			   st.size != e->create_size) {
			snprintf(err, errlen, "exists with %llu bytes, not create=%llu and 4096 for the owner record: not resized (remove it on the server, or fix create=)",
				 (unsigned long long)st.size,
				 (unsigned long long)e->create_size);
		} else if ((v = holes_check(&t, &nopts, &st, msg,
					    sizeof(msg))) == HOLES_SPARSE) {
			snprintf(err, errlen, "exists with holes (%llu of %llu bytes allocated): not overwritten (remove it on the server)",
				 (unsigned long long)st.used,
				 (unsigned long long)st.size);
		} else if (v == HOLES_UNKNOWN) {
			snprintf(err, errlen, "exists: %.900s", msg);
		} else if (st.mode & 0177) {
			snprintf(err, errlen, "exists with mode %04o, wider than 0600: others could read swapped memory (chmod 600 it on the server)",
				 st.mode & 07777);
		} else {
			printf("%s: there (%llu bytes, mode %04o), reused\n",
			       target, (unsigned long long)st.size,
			       st.mode & 07777);
			return 0;
		}
		goto fail;
	}
	nfsfile_close(f);
	if (ret != -ENOENT)
		goto fail;
	/* Missing: exactly what `swapnetctl create` does (O_EXCL). */
	printf("%s: missing, creating %llu bytes\n", target,
	       (unsigned long long)e->create_size);
	fflush(stdout);
	if (create_file(&t, e->create_size, &nopts, false, err, errlen) ==
	    EXIT_OK)
		return 1;
fail:
	/* "create=: why", the caller adds FILE:LINE: URL: */
	if (errlen > 10) {
		size_t n = strnlen(err, errlen - 10);

		memmove(err + 9, err, n);
		memcpy(err, "create=: ", 9);
		err[9 + n] = '\0';
	}
	return -1;
}

/*
 * "  run: swapnetctl swapon URL --priority 10": a command that runs and
 * does what start does: start attaches for swap (swapon_opts), so a
 * bare attach (encrypt) gets --swap.
 */
static void print_command(const struct attach_opts *o, int swapon)
{
	char *av[ATTACH_ARGV_MAX], store[4096];
	int k, ac = attach_opts_argv(o, swapon, av, store, sizeof(store));

	printf("  run: swapnetctl");
	for (k = 0; k < ac; k++)
		printf(" %s", av[k]);
	printf("%s\n", swapon ? "" : " --swap");
}

static void print_dry_run(void)
{
	struct zswap_state z;
	char err[512], text[512];
	size_t i;

	for (i = 0; i < conf.n; i++) {
		const struct config_entry *e = &conf.entries[i];

		printf("line %d: %s\n", e->line, e->tmpl);
		printf("  url: %s\n", e->target);
		if (e->create_size) {
			snprintf(text, sizeof(text),
				 "%llu bytes if missing (mode 0600, fully written, fsynced); refused if there with another size, holes or a mode wider than 0600",
				 (unsigned long long)e->create_size);
			text_wrap(stdout, "  create: ", 10, 4, text);
		}
		if (e->mirror[0]) {
			printf("  mirror: %s\n", e->mirror);
			if (e->create_size)
				printf("  create: the mirror's file the same way\n");
		}
		if (!e->encrypt) {
			print_command(&e->opts, 1);
			if (e->mirror[0])
				text_wrap(stdout, "  which: ", 9, 4,
					  "attaches both files for swap, builds md raid1 over the two devices (mdadm: internal write-intent bitmap, failfast legs, --assume-clean; an array of ours on them is reused or assembled) as /dev/md/swapnet-NAME, mkswap it, swapon it");
			continue;
		}
		if (e->mirror[0]) {
			/* a mirror with encrypt is no single attach: say it */
			print_command(&e->opts, 1);
			text_wrap(stdout, "  which: ", 9, 4,
				  "attaches both files for swap, builds md raid1 over the two devices as /dev/md/swapnet-NAME, dm-crypt plain with a random key on it as /dev/mapper/swapnet-NAME-crypt, mkswap it, swapon it (start does this with encrypt; swapon alone does not encrypt)");
			continue;
		}
		/* encrypt: attach, then steps that are no swapnetctl command */
		print_command(&e->opts, 0);
		snprintf(text, sizeof(text),
			 "dm-crypt plain %s with a random key on that /dev/swapnetN as /dev/mapper/swapnetN-crypt, mkswap it, swapon it%s",
			 CRYPT_CIPHER_DESC, e->opts.has_priority ?
			 " with that priority" : "");
		text_wrap(stdout, "  then: ", 8, 4, text);
		if (e->opts.has_priority)
			printf("  priority: %d\n", e->opts.priority);
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

/* "swapnetctl: start: FILE:LINE: URL: why", one line */
static void start_failed(const struct config_entry *e, const char *why)
{
	fprintf(stderr, "swapnetctl: start: %s:%d: %s: %s\n", conf_path,
		e->line, e->target, why);
}

int cmd_start(int argc, char **argv)
{
	char err[1024], node[80];
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

		if (e->create_size &&
		    (ensure_file(e, e->target, err, sizeof(err)) < 0 ||
		     (e->mirror[0] &&
		      ensure_file(e, e->mirror, err, sizeof(err)) < 0))) {
			start_failed(e, err);
			continue;
		}
		printf("swapon %s%s%s%s\n", e->target,
		       e->mirror[0] ? " mirror " : "", e->mirror,
		       e->encrypt ? " (encrypt)" : "");
		fflush(stdout);
		if (swapon_opts(&e->opts, e->encrypt, node, sizeof(node), err,
				sizeof(err)) != EXIT_OK) {
			start_failed(e, err);
			continue;
		}
		up++;
		if (e->encrypt)
			printf("%s (encrypted, %s)\n", node, CRYPT_CIPHER_DESC);
		else
			printf("%s\n", node);
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

	root_path(dir, sizeof(dir), root, "/sys/block");
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
		char sys[4200];

		/* the other leg of a mirror went with the first */
		root_path(sys, sizeof(sys), reserve_root(NULL), "/sys/block/%s",
			  others.names[k] + 5);
		if (access("/sys/module/swapnet", F_OK) == 0 &&
		    access(sys, F_OK) != 0)
			continue;

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

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl start|stop [-c FILE]: boot integration, run by swapnet.service
 * (ExecStart/ExecStop).
 *
 * start: swapon every entry of /etc/swapnet.conf in file order, then set
 *        the reserve its policy asks for.
 * stop:  swapoff + detach every entry in reverse order, then every other
 *        swapnet device still attached (at shutdown nothing may be left
 *        swapping over a network that is about to go down), then recompute
 *        the reserve.
 *
 * Both call the swapon/swapoff commands themselves (cmd_swapon.c), so the
 * boot path is exactly the interactive one.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"
#include "reserve.h"
#include "swapnet_nl.h"

static const char usage_start[] =
"Usage: swapnetctl start [-c FILE]\n"
"  swapon every swapfile of FILE (default /etc/swapnet.conf) and apply its\n"
"  reserve policy\n";
static const char usage_stop[] =
"Usage: swapnetctl stop [-c FILE]\n"
"  swapoff and detach the swapfiles of FILE (default /etc/swapnet.conf) in\n"
"  reverse order, then every other swapnet device; recompute the reserve\n";

static struct swapnet_config conf;		/* large: not on the stack */
static struct reserve_machine machine;

/* -c FILE: 0 with the config loaded, -1 after --help, or an exit code. */
static int parse_and_load(int argc, char **argv, const char *usage,
			  bool missing_ok)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char path[4096], err[1024];
	const char *file = NULL, *root;
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': file = optarg; break;
		case 'h': fputs(usage, stdout); return -1;
		default: fputs(usage, stderr); return EXIT_USAGE;
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

int cmd_start(int argc, char **argv)
{
	char *av[CONFIG_ARGV_MAX], store[CONFIG_ARGV_STORE];
	size_t i, up = 0;
	int ret;

	ret = parse_and_load(argc, argv, usage_start, false);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	/* A fixed reserve does not depend on the devices: set it first. */
	if (conf.reserve == CONFIG_RESERVE_FIXED)
		apply_policy("start");
	for (i = 0; i < conf.n; i++) {
		int ac = config_entry_argv(&conf.entries[i], av, store);

		printf("swapon %s\n", conf.entries[i].target);
		fflush(stdout);
		if (cmd_swapon(ac, av) == EXIT_OK)
			up++;
		else
			fprintf(stderr, "swapnetctl: start: %s (line %d) failed, going on with the others\n",
				conf.entries[i].target, conf.entries[i].line);
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

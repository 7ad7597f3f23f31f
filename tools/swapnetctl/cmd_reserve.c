// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl reserve [--apply [--persist]] [--force] [-j] [--root DIR]
 *
 * Prints the memory reserve network swap needs, per device and per NIC,
 * the recommended vm.min_free_kbytes against the current one, and applies
 * it when asked.  The arithmetic and its derivation are in reserve.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "commands.h"
#include "jsonout.h"
#include "util.h"
#include "reserve_apply.h"
#include "reserve_lab.h"
#include "reserve_report.h"
#include "textwrap.h"

static const char usage_text[] =
"Usage: swapnetctl reserve [--apply [--persist]] [--force] [-j] [--root DIR]\n"
"  --apply       write the recommendation to /proc/sys/vm/min_free_kbytes\n"
"  --persist     with --apply: also write " RESERVE_SYSCTL_FILE "\n"
"  --force       apply even when it is more than a quarter of lowmem, or\n"
"                lower than the current value\n"
"  -j, --json    print JSON (-p, --pretty: indented)\n"
"  --root DIR    read /proc and /sys under DIR (default $SWAPNET_ROOT or /)\n";

static struct reserve_machine machine;	/* large: not on the stack */

/* The lab's rows (reserve_lab.c) within 80 columns, as the rest. */
static void lab_text(const char *series)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		reserve_lab_text(stdout, series);
		return;
	}
	reserve_lab_text(f, series);
	fclose(f);
	text_wrap_lines(stdout, buf);
	free(buf);
}

int cmd_reserve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "apply", no_argument, NULL, 'a' },
		{ "persist", no_argument, NULL, 'P' },
		{ "force", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	bool apply = false, persist = false, force = false, json;
	const char *root_opt = NULL, *root;
	struct reserve_result r;
	uint64_t applied_kb;
	char err[512], series[32];
	int c, ret;

	optind = 0;	/* glibc: full reinitialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jph", opts, NULL)) != -1) {
		switch (c) {
		case 'a': apply = true; break;
		case 'P': persist = true; break;
		case 'f': force = true; break;
		case 'j': json_output = true; break;
		case 'p': json_pretty = true; break;
		case 'r': root_opt = optarg; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: {
			char e[256];

			opt_error(e, sizeof(e), "reserve", c, argc, argv, optind,
				  optopt);
			fprintf(stderr, "swapnetctl: %s\n", e);
			return EXIT_USAGE;
		}
		}
	}
	if (json_check("reserve"))
		return EXIT_USAGE;
	json = json_output;
	if (optind < argc) {
		fprintf(stderr, "swapnetctl: reserve: unexpected argument '%s'\n",
			argv[optind]);
		return EXIT_USAGE;
	}
	if (persist && !apply) {
		fprintf(stderr, "swapnetctl: reserve: --persist needs --apply\n");
		return EXIT_USAGE;
	}
	root = reserve_root(root_opt);
	/* In a fixture tree there are no live NICs to ask for rings. */
	ret = reserve_probe_machine(root, &machine, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "swapnetctl: reserve: %s\n", err);
		return EXIT_FAIL;
	}
	reserve_compute(&machine, &r);

	if (apply) {
		/* As a user: a clear error, not "applied:" with nothing written. */
		ret = reserve_check_writable(root, err, sizeof(err));
		if (ret) {
			fprintf(stderr, "swapnetctl: reserve: --apply: %s\n", err);
			return EXIT_FAIL;
		}
	}
	if (apply && r.too_large && !force) {
		fprintf(stderr,
			"swapnetctl: reserve: %llu kB is more than a quarter of lowmem (%llu kB); lower the devices' queue/nr_requests or max_sectors_kb, or use --force\n",
			(unsigned long long)r.recommended_kb,
			(unsigned long long)r.lowmem_kb);
		return EXIT_FAIL;
	}
	applied_kb = r.current_kb;
	if (apply) {
		/* Never lower what is there (unless --force): reserve_apply.h. */
		ret = reserve_raise(root, r.current_kb, r.recommended_kb, force,
				    &applied_kb, err, sizeof(err));
		if (ret) {
			fprintf(stderr, "swapnetctl: reserve: %s\n", err);
			return EXIT_FAIL;
		}
	}
	if (persist) {
		ret = reserve_persist(root, applied_kb, err, sizeof(err));
		if (ret) {
			fprintf(stderr, "swapnetctl: reserve: %s\n", err);
			return EXIT_FAIL;
		}
	}
	reserve_lab_series(root, series, sizeof(series));
	if (json) {
		json_object *o = reserve_report_json(&machine, &r);

		json_object_object_add(o, "lab", reserve_lab_json(series));

		json_object_object_add(o, "applied",
				       json_object_new_boolean(apply));
		if (apply)
			json_object_object_add(o, "applied_kb",
					       json_object_new_int64((int64_t)applied_kb));
		json_object_object_add(o, "persisted",
				       json_object_new_boolean(persist));
		puts(json_object_to_json_string_ext(o, json_flags()));
		json_object_put(o);
	} else {
		reserve_report_text(stdout, &machine, &r);
		lab_text(series);
		if (apply && applied_kb != r.current_kb)
			printf("applied: vm.min_free_kbytes = %llu (was %llu)\n",
			       (unsigned long long)applied_kb,
			       (unsigned long long)r.current_kb);
		else if (apply)
			printf("unchanged: vm.min_free_kbytes = %llu (never lowered without --force)\n",
			       (unsigned long long)r.current_kb);
		if (persist)
			printf("persisted: %s\n", RESERVE_SYSCTL_FILE);
	}
	return EXIT_OK;
}

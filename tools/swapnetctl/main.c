// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl: command-line administration of swapnet devices.
 * Dispatches argv[1] to the subcommands of commands.h.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "jsonout.h"
#include "swapnet_nl.h"
#include "template.h"

#ifndef SWAPNET_VERSION
#define SWAPNET_VERSION "unknown"
#endif

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "attach",  cmd_attach },
	{ "detach",  cmd_detach },
	{ "list",    cmd_list },
	{ "swapon",  cmd_swapon },
	{ "swapoff", cmd_swapoff },
	{ "create",  cmd_create },
	{ "check",   cmd_check },
	{ "reserve", cmd_reserve },
	{ "metrics", cmd_metrics },
	{ "start",   cmd_start },
	{ "stop",    cmd_stop },
	{ "monitor", cmd_monitor },
};

/*
 * One line per command and option, worded so the man page can reuse it.
 */
static const char usage_text[] =
"Usage: swapnetctl [-j [-p]] COMMAND [ARGS]\n"
"\n"
"A swapfile is named by URL, nfs://SERVER[:PORT]/EXPORT/PATH (SERVER: IPv4,\n"
"[IPv6] or host name; PORT: the server's NFS port, default 2049), or by a\n"
"PATH on a mounted NFS file system (server and export from mountinfo).\n"
"\n"
"Devices:\n"
"  attach URL|PATH [OPTIONS]    create /dev/swapnetN backed by the file, print it\n"
"      --name N                 label for the device (at most 31 characters)\n"
"      --rsize N, --wsize N     bytes per NFS READ/WRITE, 4096..1048576, multiple\n"
"                               of 4096 (default 131072)\n"
"      --uid U, --gid G         AUTH_UNIX credentials for the server (default 0)\n"
"      --timeo DS               RPC timeout in tenths of a second, 10..6000 (600)\n"
"      --retrans N              retransmissions before \"not responding\",\n"
"                               1..10 (2)\n"
"      --noresvport             use a non-reserved source port (export: insecure)\n"
"      --unstable               WRITE unstable, then COMMIT (verifier checked)\n"
"      --no-verify              do not checksum pages (saves 1 MiB per GiB of\n"
"                               swap; reads are no longer verified)\n"
"      --swap                   for swap (an md or dm leg under swap): WRITEs\n"
"                               may use the memory reserve (swapon sets it)\n"
"      --handle HEX --size SIZE a known NFSv3 file handle (as list -j prints it)\n"
"                               and size: nothing sent from userspace (URL only)\n"
"      --force                  take the file over from a live owner (its\n"
"                               device fails; see swapnet(4) Ownership)\n"
"  detach [--force] DEV         remove a device (/dev/swapnetN, swapnetN or N)\n"
"      --force                  fail requests in flight to a dead server (their\n"
"                               data is lost); never for a device in use\n"
"  list                         devices, server, file, size, state, statistics\n"
"  swapon URL|PATH [OPTIONS]    attach, initialise swap if needed, swapon(2)\n"
"      --priority P             swap priority, 0..32767 (default: kernel's)\n"
"      --mkswap                 (re)initialise the swap area; refused over a\n"
"                               foreign signature (file system, LUKS, ...)\n"
"      --mirror URL|PATH        a second file on another server: md raid1 over\n"
"                               both devices (mdadm), swap on /dev/md/swapnet-*\n"
"      and every attach option\n"
"  swapoff DEV|URL|PATH         swapoff(2) and detach (a mirror: swapoff, stop\n"
"                               the md array, detach both; or /dev/md/NAME)\n"
"\n"
"Swapfiles:\n"
"  create URL|PATH --size SIZE  create a 0600, fully written swapfile\n"
"      --force                  overwrite an existing file\n"
"      --uid U, --gid G         AUTH_UNIX credentials for the server\n"
"  check [URL|DEV|PATH]         preflight: kernel, module, server, export, file\n"
"      --uid U, --gid G         AUTH_UNIX credentials for the server\n"
"  check --server PATH          on the NFS server: the export holding PATH\n"
"                               (sync, no_subtree_check, not *), files 0600\n"
"\n"
"Memory reserve (vm.min_free_kbytes) for network swap:\n"
"  reserve                      breakdown per device and NIC, now vs recommended\n"
"      --apply                  write vm.min_free_kbytes (never below the\n"
"                               kernel's)\n"
"      --persist                with --apply: also /etc/sysctl.d/90-swapnet.conf\n"
"      --force                  apply a reserve above a quarter of low memory\n"
"      --root DIR               read /proc and /sys under DIR (tests)\n"
"  metrics [-o FILE]            Prometheus text: reserve, swap, each device's\n"
"                               counters (-o: written atomically)\n"
"\n"
"Boot (from /etc/swapnet.conf, used by swapnet.service):\n"
"  start [-c FILE]              attach and swapon every entry, apply the reserve\n"
"      --dry-run                print what would be created and set up; touch\n"
"                               nothing\n"
"  stop [-c FILE]               swapoff and detach every entry\n"
"  monitor [--interval S]       re-add a mirror leg md failed once its server\n"
"                               answers again (swapnet-monitor.service)\n"
"      --once                   look once and exit\n"
"\n"
"  -j, --json                   list, check, reserve: JSON on one line (before\n"
"                               the command or among its options)\n"
"  -p, --pretty                 with -j: indented\n"
"  -h, --help                   this text\n"
"  -V, --version                print the version\n"
"\n"
"Exit status: 0 success, 1 usage error, 2 kernel or server error.\n";

static void usage(FILE *out)
{
	fputs(usage_text, out);
}

/* No arguments: what to type next, not the whole help (as ip(8)). */
static const char short_usage_text[] =
"Usage: swapnetctl [-j [-p]] COMMAND [ARGS]\n"
"Commands: attach detach list swapon swapoff create check reserve metrics\n"
"          start stop monitor\n"
"Try 'swapnetctl --help' for the options, or man swapnetctl.\n";

/*
 * stdout written and closed, or say why and fail, as coreutils'
 * close_stdout() does: `swapnetctl reserve -j >/dev/full` must not
 * exit 0 having written nothing.
 */
static int close_stdout(int ret)
{
	int bad = ferror(stdout);

	if (fclose(stdout) || bad) {
		/* a pipe closed early (| head) is the reader's choice */
		if (errno == EPIPE)
			return ret;
		fprintf(stderr, "swapnetctl: write error: %s\n",
			bad && !errno ? "output error" : strerror(errno));
		return ret ? ret : EXIT_FAIL;
	}
	return ret;
}

static int run(int argc, char **argv)
{
	size_t i;

	/* -j and -p before the command, as ip -j -p does */
	while (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		if (!strcmp(argv[1], "-j") || !strcmp(argv[1], "--json"))
			json_output = true;
		else if (!strcmp(argv[1], "-p") ||
			 !strcmp(argv[1], "--pretty"))
			json_pretty = true;
		else if (!strcmp(argv[1], "-jp") || !strcmp(argv[1], "-pj"))
			json_output = json_pretty = true;
		else
			break;
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	if (argc < 2) {
		fputs(short_usage_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version") ||
	    !strcmp(argv[1], "version")) {
		printf("swapnetctl %s\n", SWAPNET_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char err[1024];

		if (strcmp(argv[1], commands[i].name))
			continue;
		if ((json_output || json_pretty) && strcmp(argv[1], "list") &&
		    strcmp(argv[1], "check") && strcmp(argv[1], "reserve")) {
			fprintf(stderr, "swapnetctl: %s: no JSON output (-j is for list, check and reserve)\n",
				argv[1]);
			return EXIT_USAGE;
		}
		/* %H, %m, %a, %% in swapfile names (template.h) */
		if (strcmp(argv[1], "list") && strcmp(argv[1], "reserve") &&
		    strcmp(argv[1], "metrics") &&
		    strcmp(argv[1], "detach") && strcmp(argv[1], "start") &&
		    strcmp(argv[1], "stop") &&
		    template_argv(argc - 1, argv + 1, err, sizeof(err))) {
			fprintf(stderr, "swapnetctl: %s: %s\n", argv[1], err);
			return EXIT_USAGE;
		}
		return commands[i].fn(argc - 1, argv + 1);
	}

	fprintf(stderr, "swapnetctl: unknown command '%s' (try --help)\n",
		argv[1]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	/* the charset only: check's marks (checklist.c) */
	setlocale(LC_CTYPE, "");
	/* named when an older module refuses what this one sends */
	swapnet_nl_set_tool("swapnetctl", SWAPNET_VERSION);
	return close_stdout(run(argc, argv));
}

// SPDX-License-Identifier: GPL-2.0
/* swapnetctl attach URL|PATH [options]: create /dev/swapnetN. */
#include <stdio.h>
#include <linux/capability.h>

#include "attach.h"
#include "commands.h"
#include "reserve_apply.h"
#include "util.h"

static const char attach_usage[] =
"Usage: swapnetctl attach URL|PATH [--name N] [--rsize N] [--wsize N]\n"
"                  [--uid U] [--gid G] [--timeo DS] [--retrans N] [--noresvport]\n"
"                  [--unstable] [--no-verify] [--swap] [--force]\n"
"       swapnetctl attach --handle HEX --size SIZE URL [options]\n"
"Prints the new device, /dev/swapnetN.  See swapnetctl --help.\n";

int cmd_attach(int argc, char **argv)
{
	struct swapnet_dev_info dev;
	struct attach_opts o;
	struct nfs_target t;
	struct swapnet_nl *nl;
	char err[ERR_LEN];
	int ret;

	ret = parse_attach_args(argc, argv, 0, &o, err, sizeof(err));
	if (ret == 1) {
		fputs(attach_usage, stdout);
		return EXIT_OK;
	}
	if (ret < 0)
		return errorf(EXIT_USAGE, "%s", err);
	if (attach_resolve(&o, &t, err, sizeof(err)) != EXIT_OK)
		return errorf(EXIT_USAGE, "attach: %s", err);
	if (!have_cap(CAP_NET_ADMIN))
		return errorf(EXIT_FAIL,
			      "attach: permission denied: needs root (CAP_NET_ADMIN)");
	if (swapnet_nl_open(&nl, err, sizeof(err)) < 0)
		return errorf(EXIT_FAIL, "attach: %s", err);
	ret = attach_device(nl, &o, &t, &dev, err, sizeof(err));
	swapnet_nl_close(nl);
	if (ret != EXIT_OK)
		return errorf(ret, "attach: %s", err);
	/* the device is there: a failed reserve update is only reported */
	reserve_on_device_change();
	printf("/dev/%s\n", dev.name);
	return EXIT_OK;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl detach [--force] DEV: remove a device (refused by the kernel
 * while it is in use).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/capability.h>

#include "attach.h"
#include "commands.h"
#include "options.h"
#include "swapnet_nl.h"
#include "util.h"

static const char detach_usage[] =
"Usage: swapnetctl detach [--force] DEV   (/dev/swapnetN, swapnetN or N)\n"
"  --force   also when requests are in flight to a server that does not\n"
"            answer: they fail and their data is lost (never for a device\n"
"            in use as swap)\n";

int cmd_detach(int argc, char **argv)
{
	struct swapnet_nl *nl;
	char err[ERR_LEN];
	const char *dev = NULL;
	uint32_t index;
	bool force = false, opts = true;
	int ret, i;

	for (i = 1; i < argc; i++) {
		if (opts && (!strcmp(argv[i], "-h") ||
			     !strcmp(argv[i], "--help"))) {
			fputs(detach_usage, stdout);
			return EXIT_OK;
		} else if (opts && (!strcmp(argv[i], "-f") ||
				    !strcmp(argv[i], "--force"))) {
			force = true;
		} else if (opts && !strcmp(argv[i], "--")) {
			opts = false;
		} else if (opts && argv[i][0] == '-' && argv[i][1]) {
			return errorf(EXIT_USAGE, "detach: unknown option '%s'",
				      argv[i]);
		} else if (dev) {
			return errorf(EXIT_USAGE,
				      "detach: unexpected argument '%s'",
				      argv[i]);
		} else {
			dev = argv[i];
		}
	}
	if (!dev)
		return errorf(EXIT_USAGE,
			      "detach: usage: swapnetctl detach [--force] DEV");
	if (parse_dev_spec(dev, &index) < 0)
		return errorf(EXIT_USAGE,
			      "detach: '%s' is not a swapnet device (/dev/swapnetN, swapnetN or N)",
			      dev);
	if (!have_cap(CAP_NET_ADMIN))
		return errorf(EXIT_FAIL,
			      "detach: permission denied: needs root (CAP_NET_ADMIN)");
	if (swapnet_nl_open(&nl, err, sizeof(err)) < 0)
		return errorf(EXIT_FAIL, "detach: %s", err);
	ret = detach_device_force(nl, index, force, err, sizeof(err));
	swapnet_nl_close(nl);
	if (ret < 0)
		return errorf(EXIT_FAIL, "swapnet%u: %s", index, err);
	return EXIT_OK;
}

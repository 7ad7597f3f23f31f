// SPDX-License-Identifier: GPL-2.0
/* swapnetctl detach DEV: remove a device (refused by the kernel if open). */
#include <stdio.h>
#include <string.h>
#include <linux/capability.h>

#include "attach.h"
#include "commands.h"
#include "options.h"
#include "swapnet_nl.h"
#include "util.h"

int cmd_detach(int argc, char **argv)
{
	struct swapnet_nl *nl;
	char err[ERR_LEN];
	uint32_t index;
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		puts("Usage: swapnetctl detach DEV   (/dev/swapnetN, swapnetN or N)");
		return EXIT_OK;
	}
	if (argc != 2)
		return errorf(EXIT_USAGE, "detach: usage: swapnetctl detach DEV");
	if (parse_dev_spec(argv[1], &index) < 0)
		return errorf(EXIT_USAGE,
			      "detach: '%s' is not a swapnet device (/dev/swapnetN, swapnetN or N)",
			      argv[1]);
	if (!have_cap(CAP_NET_ADMIN))
		return errorf(EXIT_FAIL,
			      "detach: permission denied: needs root (CAP_NET_ADMIN)");
	if (swapnet_nl_open(&nl, err, sizeof(err)) < 0)
		return errorf(EXIT_FAIL, "%s", err);
	ret = detach_device(nl, index, err, sizeof(err));
	swapnet_nl_close(nl);
	if (ret < 0)
		return errorf(EXIT_FAIL, "swapnet%u: %s", index, err);
	return EXIT_OK;
}

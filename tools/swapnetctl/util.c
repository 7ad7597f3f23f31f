// SPDX-License-Identifier: GPL-2.0
/* util: error reporting and privilege checks. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>

#include "util.h"

int errorf(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("swapnetctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

void notef(const char *fmt, ...)
{
	va_list ap;

	fputs("swapnetctl: note: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int have_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = 0,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { 0 };

	/* Raw capget(2): libcap would be one more dependency for one bit. */
	if (syscall(SYS_capget, &hdr, data) < 0)
		return geteuid() == 0;
	return !!(data[cap / 32].effective & (UINT32_C(1) << (cap % 32)));
}

int opt_error(char *err, size_t errlen, const char *cmd, int c, int argc,
	      char **argv, int ind, int opt)
{
	const char *arg = ind > 0 && ind <= argc ? argv[ind - 1] : "";
	size_t n = strcspn(arg, "=");

	if (c == ':')
		snprintf(err, errlen, "%s: %.*s needs a value", cmd, (int)n,
			 arg);
	else if (opt > 0 && opt < 128 && isgraph(opt) &&
		 strncmp(arg, "--", 2))
		snprintf(err, errlen, "%s: unknown option '-%c'", cmd, opt);
	else
		snprintf(err, errlen, "%s: unknown option '%.*s'", cmd,
			 (int)n, arg);
	return 1;
}

/* SPDX-License-Identifier: GPL-2.0 */
/* util: error reporting and privilege checks shared by the commands. */
#ifndef SWAPNETCTL_UTIL_H
#define SWAPNETCTL_UTIL_H

#include <stddef.h>

#define ERR_LEN 512

/* Print "swapnetctl: MESSAGE" on stderr, return code. */
int errorf(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print "swapnetctl: note: MESSAGE" on stderr. */
void notef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * 1 when the process may change swapnet devices and swap (CAP_NET_ADMIN
 * for the netlink family, CAP_SYS_ADMIN for swapon), else 0.
 */
int have_cap(int cap);

/*
 * The message for an option getopt_long() refused, without getopt's own
 * text: call with opterr = 0 and an optstring that starts with ':', pass
 * what it returned (':' or '?'), optind and optopt.  Writes
 * "CMD: --size needs a value" or "CMD: unknown option '--bogus'" to err;
 * returns 1 (EXIT_USAGE).
 */
int opt_error(char *err, size_t errlen, const char *cmd, int c, int argc,
	      char **argv, int ind, int opt);

#endif /* SWAPNETCTL_UTIL_H */

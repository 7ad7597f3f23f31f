/* SPDX-License-Identifier: GPL-2.0 */
/* set_err: the one way the tools' library functions report an error. */
#ifndef SWAPNET_SETERR_H
#define SWAPNET_SETERR_H

#include <stddef.h>

/*
 * Format the message into err (err may be NULL or errlen 0: nothing is
 * written) and return ret, so that `return set_err(err, len, -EINVAL,
 * "...")` reports and fails in one line.
 */
int set_err(char *err, size_t errlen, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* SWAPNET_SETERR_H */

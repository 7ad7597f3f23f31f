/* SPDX-License-Identifier: GPL-2.0 */
/* size: "2G"-style sizes for swapnetctl create. */
#ifndef SWAPNETCTL_SIZE_H
#define SWAPNETCTL_SIZE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Bytes, or a number with a K, M, G or T suffix (powers of 1024, an
 * optional trailing "iB" or "B"); a multiple of 4096 and at least 1 MiB,
 * as a swapnet device requires.  0 or -EINVAL with a message.
 */
int size_parse(const char *s, uint64_t *out, char *err, size_t errlen);

#endif /* SWAPNETCTL_SIZE_H */

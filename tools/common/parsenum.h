/* SPDX-License-Identifier: GPL-2.0 */
/* parsenum: the numbers of /proc and /sys files, for both tools. */
#ifndef SWAPNET_PARSENUM_H
#define SWAPNET_PARSENUM_H

#include <stdint.h>

/*
 * A whole decimal u64: digits only (no sign, no leading blank), nothing
 * after them, no overflow.  0 with *out set, -1 otherwise (*out kept).
 */
int parse_u64(const char *s, uint64_t *out);

#endif /* SWAPNET_PARSENUM_H */

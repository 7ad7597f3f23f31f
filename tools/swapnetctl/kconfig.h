/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kconfig: one option of the running kernel's configuration, from
 * /proc/config.gz (CONFIG_IKCONFIG_PROC, read with zlib) or else
 * /boot/config-$(uname -r).
 */
#ifndef SWAPNETCTL_KCONFIG_H
#define SWAPNETCTL_KCONFIG_H

#include <stddef.h>

/*
 * CONFIG_name's value in file (gzip-compressed or plain): 'y', 'm', 'n'
 * (set to n or "is not set" or absent), or '\0' when file cannot be read.
 * *src gets file when it could be read.
 */
char kconfig_file(const char *file, const char *name);

/*
 * The running kernel's value, from /proc/config.gz, else
 * /boot/config-RELEASE.  src (may be NULL) gets the file used.
 */
char kconfig_running(const char *name, char *src, size_t srclen);

#endif /* SWAPNETCTL_KCONFIG_H */

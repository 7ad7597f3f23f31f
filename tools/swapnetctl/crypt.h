/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crypt: the `encrypt` option of swapnet.conf.  dm-crypt in plain mode
 * (aes-xts-plain64, 512-bit key, 4096-byte sectors) with a fresh random
 * key each time, on top of /dev/swapnetN, as crypttab's `swap` option
 * does for disks: the key never leaves this boot's kernel, so neither the
 * wire nor the server ever sees plaintext memory.  Through libcryptsetup.
 */
#ifndef SWAPNETCTL_CRYPT_H
#define SWAPNETCTL_CRYPT_H

#include <stddef.h>

#define CRYPT_CIPHER_DESC "aes-xts-plain64, 512-bit random key, 4096-byte sectors"

/* The mapping's name for a swapnet device: "swapnet0" -> "swapnet0-crypt". */
void crypt_map_name(const char *dev, char *name, size_t len);

/*
 * Map /dev/DEV as /dev/mapper/NAME with a fresh random key.
 * 0 or -errno with err.
 */
int crypt_open_random(const char *dev, const char *name,
		      char *err, size_t errlen);

/* Remove /dev/mapper/NAME.  0, -ENODEV when absent, or -errno. */
int crypt_close(const char *name, char *err, size_t errlen);

/*
 * The device-mapper name stacked on /dev/DEV (its holder in sysfs, under
 * SWAPNET_ROOT), in name.  1 found, 0 none.
 */
int crypt_holder(const char *dev, char *name, size_t len);

#endif /* SWAPNETCTL_CRYPT_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * crypt: dm-crypt plain mode with a random key over a swapnet device
 * (see crypt.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <libcryptsetup.h>

#include "crypt.h"
#include "rootpath.h"
#include "reserve_model.h"

#define KEY_BYTES 64	/* aes-xts: two 256-bit keys */

void crypt_map_name(const char *dev, char *name, size_t len)
{
	snprintf(name, len, "%s-crypt", dev);
}

int crypt_open_random(const char *dev, const char *name,
		      char *err, size_t errlen)
{
	struct crypt_params_plain params = { .sector_size = 4096 };
	struct crypt_device *cd = NULL;
	unsigned char key[KEY_BYTES];
	char path[64];
	size_t got = 0;
	int ret;

	while (got < sizeof(key)) {
		ssize_t n = getrandom(key + got, sizeof(key) - got, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			snprintf(err, errlen, "getrandom: %s", strerror(errno));
			return ret;
		}
		got += (size_t)n;
	}
	snprintf(path, sizeof(path), "/dev/%s", dev);
	ret = crypt_init(&cd, path);
	if (ret < 0) {
		snprintf(err, errlen, "encrypt: %s: %s", path,
			 strerror(-ret));
		goto out;
	}
	ret = crypt_format(cd, CRYPT_PLAIN, "aes", "xts-plain64", NULL, NULL,
			   sizeof(key), &params);
	if (ret < 0) {
		snprintf(err, errlen, "encrypt: %s: plain aes-xts-plain64: %s",
			 path, strerror(-ret));
		goto out;
	}
	ret = crypt_activate_by_volume_key(cd, name, (const char *)key,
					   sizeof(key), 0);
	if (ret < 0)
		snprintf(err, errlen, "encrypt: %s as /dev/mapper/%s: %s (dm_crypt and the xts/aes modules loaded?)",
			 path, name, strerror(-ret));
	else
		ret = 0;
out:
	explicit_bzero(key, sizeof(key));
	crypt_free(cd);
	return ret;
}

int crypt_close(const char *name, char *err, size_t errlen)
{
	int ret = crypt_deactivate(NULL, name);

	if (ret < 0) {
		if (err)
			snprintf(err, errlen, "remove /dev/mapper/%s: %s", name,
				 strerror(-ret));
		return ret;
	}
	return 0;
}

int crypt_holder(const char *dev, char *name, size_t len)
{
	const char *root = reserve_root(NULL);
	char dir[4096], path[4400];
	struct dirent *de;
	DIR *d;
	int found = 0;

	root_path(dir, sizeof(dir), root, "/sys/block/%s/holders", dev);
	d = opendir(dir);
	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/dm/name", dir, de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(name, (int)len, f)) {
			name[strcspn(name, "\n")] = '\0';
			found = name[0] != '\0';
		}
		fclose(f);
	}
	closedir(d);
	return found;
}

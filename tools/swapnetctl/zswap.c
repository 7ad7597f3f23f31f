// SPDX-License-Identifier: GPL-2.0
/*
 * zswap: /sys/module/zswap/parameters from swapnet.conf (see zswap.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reserve_model.h"
#include "zswap.h"
#include "rootpath.h"

static void param_path(const char *name, char *path, size_t len)
{
	const char *root = reserve_root(NULL);

	root_path(path, len, root, "/sys/module/zswap/parameters/%s", name);
}

static int read_param(const char *name, char *buf, size_t len)
{
	char path[4200];
	FILE *f;

	param_path(name, path, sizeof(path));
	f = fopen(path, "r");
	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_param(const char *name, const char *val, char *err,
		       size_t errlen)
{
	char path[4200];
	FILE *f;
	int ret = 0;

	param_path(name, path, sizeof(path));
	f = fopen(path, "w");
	if (!f) {
		ret = -errno;
	} else {
		if (fputs(val, f) < 0)
			ret = -errno;
		if (fclose(f) && !ret)
			ret = -errno;
	}
	if (ret)
		snprintf(err, errlen, "zswap: %s = %s: %s", name, val,
			 strerror(-ret));
	return ret;
}

int zswap_read(struct zswap_state *z)
{
	char buf[64];

	memset(z, 0, sizeof(*z));
	z->max_pool_percent = -1;
	if (read_param("enabled", buf, sizeof(buf)))
		return 0;
	z->present = true;
	z->enabled = buf[0] == 'Y' || buf[0] == '1';
	if (!read_param("compressor", buf, sizeof(buf)))
		snprintf(z->compressor, sizeof(z->compressor), "%.31s", buf);
	if (!read_param("max_pool_percent", buf, sizeof(buf)))
		z->max_pool_percent = atoi(buf);
	return 0;
}

void zswap_describe(const struct zswap_state *z, char *buf, size_t len)
{
	if (!z->present)
		snprintf(buf, len, "zswap: not in this kernel");
	else
		snprintf(buf, len, "zswap: %s, compressor %s, max_pool_percent %d",
			 z->enabled ? "on" : "off",
			 z->compressor[0] ? z->compressor : "?",
			 z->max_pool_percent);
}

int zswap_apply(const struct swapnet_config *c, bool dry_run, FILE *out,
		char *err, size_t errlen)
{
	const char *verb = dry_run ? "would set" : "set";
	struct zswap_state z;
	char num[16];
	int ret;

	if (c->zswap == CONFIG_ZSWAP_KEEP && !c->zswap_compressor[0] &&
	    c->zswap_max_pool_percent < 0)
		return 0;
	zswap_read(&z);
	if (!z.present) {
		snprintf(err, errlen, "zswap: not in this kernel (CONFIG_ZSWAP), settings not applied");
		return -ENOENT;
	}
	/* compressor and pool limit first: they apply to what is stored next */
	if (c->zswap_compressor[0] && strcmp(c->zswap_compressor,
					     z.compressor)) {
		fprintf(out, "zswap: %s compressor %s -> %s\n", verb,
			z.compressor, c->zswap_compressor);
		if (!dry_run) {
			ret = write_param("compressor", c->zswap_compressor,
					  err, errlen);
			if (ret)
				return ret;
		}
	}
	if (c->zswap_max_pool_percent >= 0 &&
	    c->zswap_max_pool_percent != z.max_pool_percent) {
		fprintf(out, "zswap: %s max_pool_percent %d -> %d\n", verb,
			z.max_pool_percent, c->zswap_max_pool_percent);
		snprintf(num, sizeof(num), "%d", c->zswap_max_pool_percent);
		if (!dry_run) {
			ret = write_param("max_pool_percent", num, err, errlen);
			if (ret)
				return ret;
		}
	}
	if (c->zswap != CONFIG_ZSWAP_KEEP &&
	    (c->zswap == CONFIG_ZSWAP_ON) != z.enabled) {
		bool on = c->zswap == CONFIG_ZSWAP_ON;

		fprintf(out, "zswap: %s enabled %c -> %c\n", verb,
			z.enabled ? 'Y' : 'N', on ? 'Y' : 'N');
		if (!dry_run) {
			ret = write_param("enabled", on ? "Y" : "N", err,
					  errlen);
			if (ret)
				return ret;
		}
	}
	return 0;
}

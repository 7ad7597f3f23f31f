// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kconfig.c: an option's value read from a gzip-compressed
 * config (as /proc/config.gz) and from a plain one (as /boot/config-*).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "../kconfig.h"

static const char config[] =
	"# Automatically generated file; DO NOT EDIT.\n"
	"CONFIG_SUNRPC=m\n"
	"CONFIG_SUNRPC_SWAP=y\n"
	"CONFIG_SUNRPC_SWAPX=n\n"
	"# CONFIG_NFS_SWAP is not set\n"
	"CONFIG_SWAP=y\n";

static char dir[64];

static void path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static int setup(void **state)
{
	char p[128];
	gzFile gz;
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/swapnet-kconfig-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	path(p, sizeof(p), "config.gz");
	gz = gzopen(p, "wb");
	if (!gz || gzputs(gz, config) < 0 || gzclose(gz) != Z_OK)
		return -1;
	path(p, sizeof(p), "config");
	f = fopen(p, "w");
	if (!f || fputs(config, f) < 0 || fclose(f))
		return -1;
	path(p, sizeof(p), "only-sunrpc.gz");
	gz = gzopen(p, "wb");
	if (!gz || gzputs(gz, "CONFIG_SUNRPC=y\n") < 0 || gzclose(gz) != Z_OK)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	const char *names[] = { "config.gz", "config", "only-sunrpc.gz" };
	char p[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path(p, sizeof(p), names[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

static void test_values(void **state)
{
	const char *files[] = { "config.gz", "config" };
	char p[128];
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		path(p, sizeof(p), files[i]);
		assert_int_equal(kconfig_file(p, "CONFIG_SUNRPC_SWAP"), 'y');
		assert_int_equal(kconfig_file(p, "CONFIG_SUNRPC"), 'm');
		assert_int_equal(kconfig_file(p, "CONFIG_SUNRPC_SWAPX"), 'n');
		assert_int_equal(kconfig_file(p, "CONFIG_NFS_SWAP"), 'n');
		assert_int_equal(kconfig_file(p, "CONFIG_NOPE"), 'n');
		/* a prefix is not the option */
		assert_int_equal(kconfig_file(p, "CONFIG_SUNRP"), 'n');
	}
	path(p, sizeof(p), "only-sunrpc.gz");
	assert_int_equal(kconfig_file(p, "CONFIG_SUNRPC_SWAP"), 'n');
	path(p, sizeof(p), "missing");
	assert_int_equal(kconfig_file(p, "CONFIG_SUNRPC_SWAP"), '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

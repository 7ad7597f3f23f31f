// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the templates (template.c) and their use in swapnet.conf
 * (config.c): %H %m %a %% expand, an unknown or empty one is an error
 * naming the file and line, %a asks for the route to the URL's server.
 * The host name and machine id come from the SWAPNET_ROOT fixture
 * tests/fixtures/template; %a from a fake.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"

#include "../config.h"
#include "../template.h"

static char root[4096];
static char mac_asked[256];
static const char *fake_host_value;

static int fake_mac(const char *server, char *buf, size_t len, char *err,
		    size_t errlen)
{
	snprintf(mac_asked, sizeof(mac_asked), "%s", server);
	if (!strcmp(server, "10.99.0.9")) {
		snprintf(err, errlen, "no route to %s", server);
		return -ENETUNREACH;
	}
	snprintf(buf, len, "52-54-00-12-34-56");
	return 0;
}

static int fake_host(char *buf, size_t len, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	snprintf(buf, len, "%s", fake_host_value);
	return 0;
}

static struct template_src src;

static int setup(void **state)
{
	(void)state;
	setenv("SWAPNET_ROOT", root, 1);
	src = template_default_src;
	src.mac = fake_mac;
	config_template_src = &src;
	mac_asked[0] = '\0';
	return 0;
}

static void expand_ok(const char *in, const char *want)
{
	char out[1100], err[1024] = "";

	if (template_expand(in, &src, out, sizeof(out), err, sizeof(err)))
		fail_msg("%s: %s", in, err);
	assert_string_equal(out, want);
}

static void expand_bad(const char *in, const char *needle)
{
	char out[1100], err[1024] = "";

	assert_int_not_equal(template_expand(in, &src, out, sizeof(out), err,
					     sizeof(err)), 0);
	if (!strstr(err, needle))
		fail_msg("%s: '%s' has no '%s'", in, err, needle);
}

static void test_expand(void **state)
{
	(void)state;
	expand_ok("nfs://10.99.0.1/export/swapfile",
		  "nfs://10.99.0.1/export/swapfile");
	/* short host name: up to the first dot */
	expand_ok("nfs://10.99.0.1/export/%H", "nfs://10.99.0.1/export/node17");
	expand_ok("nfs://s/e/%m.swap",
		  "nfs://s/e/0123456789abcdef0123456789abcdef.swap");
	expand_ok("nfs://10.99.0.1:2050/e/%a", "nfs://10.99.0.1:2050/e/52-54-00-12-34-56");
	assert_string_equal(mac_asked, "10.99.0.1");
	expand_ok("nfs://[fd00::1]/e/%a-%H", "nfs://[fd00::1]/e/52-54-00-12-34-56-node17");
	assert_string_equal(mac_asked, "fd00::1");
	expand_ok("/mnt/swap/100%%-%H", "/mnt/swap/100%-node17");
	expand_ok("nfs://s/e/%%H", "nfs://s/e/%H");
	/* an IPv6 zone is no template; the path's templates still are */
	expand_ok("nfs://[fe80::1%eth0]/e/%H", "nfs://[fe80::1%eth0]/e/node17");
	expand_ok("nfs://[fe80::1%25eth0]:2050/e/%H",
		  "nfs://[fe80::1%25eth0]:2050/e/node17");
}

static void test_expand_bad(void **state)
{
	char out[40], err[512];

	(void)state;
	expand_bad("nfs://s/e/%x", "unknown template '%x'");
	expand_bad("nfs://s/e/swap%", "lone '%'");
	expand_bad("/mnt/swap/%a", "only in an nfs:// URL");
	expand_bad("nfs://%H/e/%a", "must not be a template");
	expand_bad("nfs://10.99.0.9/e/%a", "no route to 10.99.0.9");
	/* empty */
	src.hostname = fake_host;
	fake_host_value = "";
	expand_bad("nfs://s/e/%H", "%H: empty");
	fake_host_value = "a/b";
	expand_bad("nfs://s/e/%H", "cannot be part of a file name");
	src.hostname = template_default_src.hostname;
	/* missing machine-id under another root */
	setenv("SWAPNET_ROOT", "/nonexistent", 1);
	expand_bad("nfs://s/e/%m", "cannot read /nonexistent/etc/machine-id");
	setenv("SWAPNET_ROOT", root, 1);
	/* too long once expanded */
	assert_int_equal(template_expand("nfs://server/export/%m", &src, out,
					 sizeof(out), err, sizeof(err)),
			 -ENAMETOOLONG);
}

static void test_config(void **state)
{
	static struct swapnet_config c;
	char err[1024] = "";

	(void)state;
	assert_int_equal(config_parse("# cluster\n"
				      "nfs://10.99.0.1/export/%H priority=3,create=64M,encrypt\n"
				      "nfs://10.99.0.1/export/%a\n",
				      "t.conf", &c, err, sizeof(err)), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.entries[0].tmpl, "nfs://10.99.0.1/export/%H");
	assert_string_equal(c.entries[0].target, "nfs://10.99.0.1/export/node17");
	assert_int_equal(c.entries[0].create_size, 64ull << 20);
	assert_true(c.entries[0].encrypt);
	assert_string_equal(c.entries[1].target,
			    "nfs://10.99.0.1/export/52-54-00-12-34-56");

	/* errors name the file and line */
	assert_int_equal(config_parse("\n\nnfs://s/e/%q\n", "t.conf", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "t.conf:3: 'nfs://s/e/%q': unknown template '%q'"));
	src.hostname = fake_host;
	fake_host_value = "";
	assert_int_equal(config_parse("nfs://s/e/%H\n", "t.conf", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "t.conf:1: 'nfs://s/e/%H': %H: empty"));
	src.hostname = template_default_src.hostname;
	/* the same file twice once expanded */
	assert_int_equal(config_parse("nfs://s/e/node17\nnfs://s/e/%H\n",
				      "t.conf", &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "t.conf:2: 'nfs://s/e/node17' already listed on line 1"));
	/* create= needs a size */
	assert_int_equal(config_parse("nfs://s/e/f create=12x\n", "t.conf",
				      &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "t.conf:1: create: "));
	assert_int_equal(config_parse("nfs://s/e/f encrypt=1\n", "t.conf",
				      &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "t.conf:1: option 'encrypt' takes no value"));
}

static void test_zswap_settings(void **state)
{
	static struct swapnet_config c;
	char err[1024] = "";

	(void)state;
	assert_int_equal(config_parse("", "t.conf", &c, err, sizeof(err)), 0);
	assert_int_equal(c.zswap, CONFIG_ZSWAP_KEEP);
	assert_int_equal(c.zswap_max_pool_percent, -1);
	assert_string_equal(c.zswap_compressor, "");
	assert_int_equal(config_parse("zswap = on\nzswap_compressor = lzo-rle\n"
				      "zswap_max_pool_percent = 25\n",
				      "t.conf", &c, err, sizeof(err)), 0);
	assert_int_equal(c.zswap, CONFIG_ZSWAP_ON);
	assert_string_equal(c.zswap_compressor, "lzo-rle");
	assert_int_equal(c.zswap_max_pool_percent, 25);
	assert_int_equal(config_parse("zswap = off\n", "t.conf", &c, err,
				      sizeof(err)), 0);
	assert_int_equal(c.zswap, CONFIG_ZSWAP_OFF);
	assert_int_equal(config_parse("zswap = maybe\n", "t.conf", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "t.conf:1: zswap: 'maybe' is not on, off or keep"));
	assert_int_equal(config_parse("zswap_max_pool_percent = 0\n", "t.conf",
				      &c, err, sizeof(err)), -EINVAL);
	assert_int_equal(config_parse("zswap_compressor = a/b\n", "t.conf",
				      &c, err, sizeof(err)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_expand, setup),
		cmocka_unit_test_setup(test_expand_bad, setup),
		cmocka_unit_test_setup(test_config, setup),
		cmocka_unit_test_setup(test_zswap_settings, setup),
	};

	FIXTURE_DIR(root, "fixtures/template");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

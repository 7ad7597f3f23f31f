// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of options.c: attach/swapon arguments with the kernel's
 * limits, and the device names detach/swapoff accept.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../options.h"

static char err[256];
static struct attach_opts o;

/* Parse a NULL-terminated list of arguments (copied: getopt permutes). */
static int parse(int swapon, ...)
{
	char store[16][128], *argv[17];
	const char *a;
	va_list ap;
	int argc = 0;

	va_start(ap, swapon);
	while ((a = va_arg(ap, const char *)) && argc < 16) {
		snprintf(store[argc], sizeof(store[argc]), "%s", a);
		argv[argc] = store[argc];
		argc++;
	}
	va_end(ap);
	argv[argc] = NULL;
	err[0] = '\0';
	return parse_attach_args(argc, argv, swapon, &o, err, sizeof(err));
}

static void test_defaults(void **state)
{
	(void)state;
	/* target points into argv: check the fields only. */
	assert_int_equal(parse(0, "attach", "nfs://h/e/f", NULL), 0);
	assert_int_equal(o.rsize, 0);
	assert_int_equal(o.wsize, 0);
	assert_int_equal(o.uid, 0);
	assert_int_equal(o.gid, 0);
	assert_int_equal(o.timeo_ds, 0);
	assert_int_equal(o.retrans, 0);
	assert_int_equal(o.flags, 0);
	assert_string_equal(o.label, "");
	assert_false(o.has_priority);
	assert_false(o.mkswap);
}

/* given twice: refused, in the words swapnet.conf uses too */
static void test_twice(void **state)
{
	(void)state;
	assert_int_equal(parse(1, "swapon", "--rsize", "65536", "nfs://h/e/f",
			       "--rsize", "8192", NULL), -EINVAL);
	assert_string_equal(err, "swapon: --rsize: given twice");
	assert_int_equal(parse(1, "swapon", "--mkswap", "--mkswap",
			       "nfs://h/e/f", NULL), -EINVAL);
	assert_string_equal(err, "swapon: --mkswap: given twice");
	assert_int_equal(parse(1, "swapon", "--rsize", "abc", "nfs://h/e/f",
			       NULL), -EINVAL);
	assert_string_equal(err,
		"swapon: --rsize: 'abc' is not a multiple of 4096 in 4096..1048576");
	assert_int_equal(parse(0, "attach", "--priority", "3", "nfs://h/e/f",
			       NULL), -EINVAL);
	assert_string_equal(err,
		"attach: unknown option '--priority' (swapon's)");
}

static void test_all_options(void **state)
{
	(void)state;
	assert_int_equal(parse(0, "attach", "--name", "node7", "nfs://h/e/f",
			       "--rsize", "65536", "--wsize=1048576",
			       "--uid", "1000", "--gid", "100", "--timeo", "10",
			       "--retrans", "10", "--noresvport", NULL), 0);
	assert_string_equal(o.label, "node7");
	assert_int_equal(o.rsize, 65536);
	assert_int_equal(o.wsize, 1048576);
	assert_int_equal(o.uid, 1000);
	assert_int_equal(o.gid, 100);
	assert_int_equal(o.timeo_ds, 10);
	assert_int_equal(o.retrans, 10);
	assert_int_equal(o.flags, SWAPNET_F_NORESVPORT);

	assert_int_equal(parse(1, "swapon", "/mnt/nfs/swap", "--priority",
			       "32767", "--mkswap", "--timeo", "6000", NULL), 0);
	assert_true(o.has_priority);
	assert_int_equal(o.priority, 32767);
	assert_true(o.mkswap);
	assert_int_equal(o.timeo_ds, 6000);
	assert_int_equal(parse(1, "swapon", "nfs://h/e/f", "--priority", "0",
			       NULL), 0);
	assert_true(o.has_priority);
	assert_int_equal(o.priority, 0);
}

static void bad(int swapon, const char *opt, const char *val,
		const char *needle)
{
	int ret = val ? parse(swapon, "attach", "nfs://h/e/f", opt, val, NULL)
		      : parse(swapon, "attach", "nfs://h/e/f", opt, NULL);

	if (ret != -EINVAL)
		fail_msg("%s %s: accepted", opt, val ? val : "");
	assert_null(strchr(err, '\n'));
	if (!strstr(err, needle))
		fail_msg("%s %s: message '%s' lacks '%s'", opt,
			 val ? val : "", err, needle);
}

static void test_bad_values(void **state)
{
	(void)state;
	bad(0, "--rsize", "4095", "--rsize");
	bad(0, "--rsize", "5000", "multiple of 4096");
	bad(0, "--rsize", "2097152", "--rsize");
	bad(0, "--wsize", "0", "--wsize");
	bad(0, "--wsize", "-4096", "--wsize");
	bad(0, "--wsize", "4k", "--wsize");
	bad(0, "--uid", "root", "numeric uid");
	bad(0, "--uid", "4294967296", "numeric uid");
	bad(0, "--gid", "", "numeric gid");
	bad(0, "--timeo", "9", "10..6000");
	bad(0, "--timeo", "6001", "10..6000");
	bad(0, "--retrans", "0", "1..10");
	bad(0, "--retrans", "11", "1..10");
	bad(0, "--name", "a b", "--name");
	bad(0, "--name", "", "--name");
	bad(0, "--name", "0123456789012345678901234567890123", "--name");
	bad(1, "--priority", "32768", "0..32767");
	bad(1, "--priority", "-1", "0..32767");
	/* swapon-only options are unknown to attach */
	bad(0, "--priority", "5", "unknown option '--priority'");
	bad(0, "--mkswap", NULL, "unknown option '--mkswap'");
	bad(0, "--bogus", NULL, "unknown option '--bogus'");
	bad(0, "--rsize", NULL, "--rsize needs a value");
}

static void test_arguments(void **state)
{
	(void)state;
	assert_int_equal(parse(0, "attach", NULL), -EINVAL);
	assert_non_null(strstr(err, "missing URL or PATH"));
	assert_int_equal(parse(0, "attach", "a", "b", NULL), -EINVAL);
	assert_non_null(strstr(err, "unexpected argument 'b'"));
	assert_int_equal(parse(0, "attach", "", NULL), -EINVAL);
	assert_int_equal(parse(0, "attach", "--help", NULL), 1);
	assert_int_equal(parse(1, "swapon", "-h", NULL), 1);
	/* "--" ends the options: a file named like an option */
	assert_int_equal(parse(0, "attach", "--", "--name", NULL), 0);
	assert_string_equal(o.target, "--name");
	/* parsing twice in one process works (optind reset) */
	assert_int_equal(parse(0, "attach", "x", "--rsize", "8192", NULL), 0);
	assert_int_equal(o.rsize, 8192);
}

static void test_dev_spec(void **state)
{
	uint32_t i = 99;

	(void)state;
	assert_int_equal(parse_dev_spec("/dev/swapnet3", &i), 0);
	assert_int_equal(i, 3);
	assert_int_equal(parse_dev_spec("swapnet12", &i), 0);
	assert_int_equal(i, 12);
	assert_int_equal(parse_dev_spec("0", &i), 0);
	assert_int_equal(i, 0);
	assert_int_equal(parse_dev_spec("swapnet0", &i), 0);
	assert_int_equal(i, 0);
	assert_int_equal(parse_dev_spec("", &i), -EINVAL);
	assert_int_equal(parse_dev_spec("swapnet", &i), -EINVAL);
	assert_int_equal(parse_dev_spec("/dev/sda", &i), -EINVAL);
	assert_int_equal(parse_dev_spec("swapnet-1", &i), -EINVAL);
	assert_int_equal(parse_dev_spec("07", &i), -EINVAL);
	assert_int_equal(parse_dev_spec("3x", &i), -EINVAL);
	assert_int_equal(parse_dev_spec("nfs://h/e/f", &i), -EINVAL);
	assert_int_equal(parse_dev_spec("99999999999", &i), -EINVAL);
}

static void test_parse_u32(void **state)
{
	uint32_t v;

	(void)state;
	assert_int_equal(parse_u32("4294967295", 0, 0xffffffff, &v), 0);
	assert_int_equal(v, 0xffffffffu);
	assert_int_equal(parse_u32("4294967296", 0, 0xffffffff, &v), -EINVAL);
	assert_int_equal(parse_u32("+1", 0, 10, &v), -EINVAL);
	assert_int_equal(parse_u32(" 1", 0, 10, &v), -EINVAL);
	assert_int_equal(parse_u32("5", 6, 10, &v), -EINVAL);
	assert_int_equal(parse_u32(NULL, 0, 10, &v), -EINVAL);
}


static void test_handle_unstable(void **state)
{
	uint8_t fh[SWAPNET_FH_MAX];
	char hex[2 * SWAPNET_FH_MAX + 3];

	(void)state;
	assert_int_equal(parse(0, "attach", "--unstable", "nfs://h/e/f", NULL),
			 0);
	assert_int_equal(o.flags, SWAPNET_F_UNSTABLE);
	assert_false(o.has_handle);
	assert_int_equal(parse(1, "swapon", "--unstable", "--noresvport",
			       "nfs://h/e/f", NULL), 0);
	assert_int_equal(o.flags, SWAPNET_F_UNSTABLE | SWAPNET_F_NORESVPORT);
	assert_false(o.no_verify);
	assert_int_equal(parse(1, "swapon", "--no-verify", "nfs://h/e/f", NULL),
			 0);
	assert_true(o.no_verify);
	assert_int_equal(o.flags, 0);
	/* for swap: attach with --swap; swapon (swapon_opts) always */
	assert_int_equal(parse(0, "attach", "nfs://h/e/f", NULL), 0);
	assert_int_equal(o.flags, 0);
	assert_int_equal(parse(0, "attach", "--swap", "nfs://h/e/f", NULL), 0);
	assert_int_equal(o.flags, SWAPNET_F_SWAP);
	assert_int_not_equal(parse(1, "swapon", "--swap", "nfs://h/e/f", NULL),
			     0);

	assert_int_equal(parse(0, "attach", "--handle", "01aBfF", "--size",
			       "1G", "nfs://h:2050/e/f", NULL), 0);
	assert_true(o.has_handle);
	assert_int_equal(o.fh_len, 3);
	assert_int_equal(o.fh[0], 0x01);
	assert_int_equal(o.fh[1], 0xab);
	assert_int_equal(o.fh[2], 0xff);
	assert_true(o.size_bytes == 1ull << 30);
	assert_int_equal(parse(1, "swapon", "--handle=0x00", "--size=1M",
			       "nfs://h/e/f", NULL), 0);
	assert_int_equal(o.fh_len, 1);
	assert_true(o.size_bytes == 1 << 20);

	/* hex: even, 1..64 bytes, hex digits only */
	memset(hex, 'a', 2 * SWAPNET_FH_MAX);
	hex[2 * SWAPNET_FH_MAX] = '\0';
	assert_int_equal(parse_hex_handle(hex, fh, sizeof(fh)), SWAPNET_FH_MAX);
	strcat(hex, "aa");
	assert_int_equal(parse_hex_handle(hex, fh, sizeof(fh)), -EINVAL);
	assert_int_equal(parse_hex_handle("", fh, sizeof(fh)), -EINVAL);
	assert_int_equal(parse_hex_handle("0x", fh, sizeof(fh)), -EINVAL);
	assert_int_equal(parse_hex_handle("abc", fh, sizeof(fh)), -EINVAL);
	assert_int_equal(parse_hex_handle("0g", fh, sizeof(fh)), -EINVAL);
	assert_int_equal(parse_hex_handle("00 1", fh, sizeof(fh)), -EINVAL);

	bad(0, "--handle", "xyz", "is not a file handle");
	bad(0, "--handle", "abc", "is not a file handle");
	bad(1, "--handle", hex, "1..64 bytes");
	bad(0, "--size", "1G", "--size is for --handle only");
	assert_int_equal(parse(0, "attach", "--handle", "00", "nfs://h/e/f",
			       NULL), -EINVAL);
	assert_non_null(strstr(err, "--handle needs --size"));
	assert_int_equal(parse(0, "attach", "--handle", "00", "--size", "3k",
			       "nfs://h/e/f", NULL), -EINVAL);
	assert_non_null(strstr(err, "--size: '3k'"));
	assert_int_equal(parse(0, "attach", "--handle", "00", "--size", "1G",
			       "/mnt/nfs/swap", NULL), -EINVAL);
	assert_non_null(strstr(err, "name the file by URL"));
	assert_null(strchr(err, '\n'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_all_options),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_arguments),
		cmocka_unit_test(test_dev_spec),
		cmocka_unit_test(test_parse_u32),
		cmocka_unit_test(test_handle_unstable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

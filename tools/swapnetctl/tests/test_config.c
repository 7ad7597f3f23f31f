// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the swapnet.conf parser (config.c) on the files in
 * tests/fixtures/config: good files parse to the expected entries and
 * policy, every bad file is refused with "FILE:LINE: message" naming the
 * line that is wrong.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"

#include "../config.h"

static char dir[4096];
static struct swapnet_config c;

static int load(const char *name, char *err, size_t errlen)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return config_load(path, &c, err, errlen);
}

static void test_good(void **state)
{
	char err[512] = "";
	const struct config_entry *e;

	(void)state;
	assert_int_equal(load("good.conf", err, sizeof(err)), 0);
	assert_int_equal(c.reserve, CONFIG_RESERVE_AUTO);
	assert_true(c.dynamic);
	assert_int_equal(c.n, 4);

	e = &c.entries[0];
	assert_int_equal(e->line, 6);
	assert_string_equal(e->target, "nfs://10.99.0.1/export/swapfile");
	assert_int_equal(e->opts.priority, 10);
	assert_true(e->opts.has_priority);
	assert_int_equal(e->opts.wsize, 262144);
	assert_int_equal(e->opts.rsize, 0);
	assert_string_equal(e->opts.label, "lab");
	assert_false(e->opts.given & (1u << AO_UID));
	assert_ptr_equal(e->opts.target, e->target);

	e = &c.entries[1];
	assert_string_equal(e->target, "nfs://[fd00::1]:2050/srv/swap/node7");
	assert_int_equal(e->opts.priority, 5);
	assert_true(e->opts.given & (1u << AO_UID));
	assert_int_equal(e->opts.uid, 1000);
	assert_int_equal(e->opts.gid, 100);
	assert_true(e->opts.flags & SWAPNET_F_NORESVPORT);

	/* leading tab, trailing comment, no options */
	e = &c.entries[2];
	assert_int_equal(e->line, 8);
	assert_string_equal(e->target, "/mnt/nfs/swapfile");
	assert_false(e->opts.has_priority);
	assert_string_equal(e->opts.label, "");

	e = &c.entries[3];
	assert_int_equal(e->opts.rsize, 65536);
	assert_int_equal(e->opts.timeo_ds, 100);
	assert_int_equal(e->opts.retrans, 3);
	assert_true(e->opts.mkswap);
	assert_false(e->opts.flags & SWAPNET_F_NORESVPORT);
	assert_true(e->opts.no_verify);
	assert_false(c.entries[0].opts.no_verify);
}

static void test_policies(void **state)
{
	char err[512] = "";

	(void)state;
	assert_int_equal(load("fixed.conf", err, sizeof(err)), 0);
	assert_int_equal(c.reserve, CONFIG_RESERVE_FIXED);
	assert_int_equal(c.reserve_kb, 65536);
	assert_false(c.dynamic);
	assert_int_equal(c.n, 0);

	assert_int_equal(load("off.conf", err, sizeof(err)), 0);
	assert_int_equal(c.reserve, CONFIG_RESERVE_OFF);

	/* the defaults */
	assert_int_equal(load("empty.conf", err, sizeof(err)), 0);
	assert_int_equal(c.reserve, CONFIG_RESERVE_AUTO);
	assert_false(c.dynamic);
	assert_int_equal(c.n, 0);
}

/* Each bad file: the line reported and a word of the message. */
static void test_bad(void **state)
{
	static const struct {
		const char *file;
		int line;
		const char *says;
	} cases[] = {
		{ "bad-word.conf", 3, "'swap' is neither a setting" },
		{ "bad-priority.conf", 3, "priority: '99999' is not in 0..32767" },
		{ "bad-wsize.conf", 1, "wsize: '1000' is not a multiple of 4096 in 4096..1048576" },
		{ "bad-reserve.conf", 2, "'lots' is not auto, off or a size" },
		{ "bad-option.conf", 1, "unknown option 'colour'" },
		{ "bad-duplicate.conf", 3, "already listed on line 1" },
		{ "bad-dynamic.conf", 1, "'maybe' is not yes or no" },
		{ "bad-spaces.conf", 1, "one comma-separated word" },
		{ "bad-setting.conf", 1, "unknown setting 'reservation'" },
		{ "bad-name.conf", 1, "name: 1..31 printable characters without spaces" },
		{ "bad-verify.conf", 1, "verify: 'maybe' is not on or off" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char err[5000] = "", want[4400];

		assert_int_equal(load(cases[i].file, err, sizeof(err)),
				 -EINVAL);
		snprintf(want, sizeof(want), "%s/%s:%d: ", dir, cases[i].file,
			 cases[i].line);
		if (strncmp(err, want, strlen(want)) ||
		    !strstr(err, cases[i].says))
			fail_msg("%s: got \"%s\", want \"%s...%s\"",
				 cases[i].file, err, want, cases[i].says);
		/* one line */
		assert_null(strchr(err, '\n'));
	}
}

static void test_missing_file(void **state)
{
	char err[512] = "";

	(void)state;
	assert_int_equal(load("no-such.conf", err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "no-such.conf"));
}

static void test_parse_text(void **state)
{
	char err[512] = "";

	(void)state;
	/* more entries than CONFIG_MAX_ENTRIES */
	{
		static char text[CONFIG_MAX_ENTRIES * 40 + 64];
		char *p = text;
		int i;

		for (i = 0; i <= CONFIG_MAX_ENTRIES; i++)
			p += sprintf(p, "nfs://s/e/f%d\n", i);
		assert_int_equal(config_parse(text, "t", &c, err,
					      sizeof(err)), -EINVAL);
		assert_non_null(strstr(err, "t:33: more than 32"));
	}
	assert_int_equal(config_parse("nfs:// priority=1\n", "t", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "t:1: 'nfs://': no server"));
	assert_int_equal(config_parse("nfs://s/e/f mkswap=yes", "t", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "takes no value"));
	assert_int_equal(config_parse("nfs://s/e/f priority=", "t", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "needs a value"));
	assert_int_equal(config_parse("reserve =\n", "t", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "missing value"));
	/* the command line's limits (optlimits.h): (uid_t)-1 is no user */
	assert_int_equal(config_parse("nfs://s/e/f uid=4294967295", "t", &c,
				      err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "uid"));
	assert_int_equal(config_parse("nfs://s/e/f gid=4294967295", "t", &c,
				      err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "gid"));
	assert_int_equal(config_parse("nfs://s/e/f uid=4294967294,gid=0", "t",
				      &c, err, sizeof(err)), 0);
	assert_int_equal(c.entries[0].opts.uid, 4294967294u);
	/* verify=on is the default; the command line's word is not a key */
	assert_int_equal(config_parse("nfs://s/e/f verify=on", "t", &c, err,
				      sizeof(err)), 0);
	assert_false(c.entries[0].opts.no_verify);
	assert_int_equal(config_parse("nfs://s/e/f verify=off,verify=on", "t",
				      &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "verify: given twice"));
	assert_int_equal(config_parse("nfs://s/e/f verify", "t", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "verify: '' is not on or off"));
	assert_int_equal(config_parse("nfs://s/e/f no-verify", "t", &c, err,
				      sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unknown option 'no-verify'"));
	/* no final newline, CRLF-free last line */
	assert_int_equal(config_parse("reserve = 4096", "t", &c, err,
				      sizeof(err)), 0);
	assert_int_equal(c.reserve_kb, 4096);
}

/*
 * What start swaps on is what swapon would be given: each entry's
 * options printed as a command (the dry run's "run:" line) parse back,
 * by swapon's own parser, into the same options.
 */
static void test_argv(void **state)
{
	char err[512] = "", store[1024], joined[1024];
	char *argv[ATTACH_ARGV_MAX];
	struct attach_opts o;
	size_t i;
	int argc, k;

	(void)state;
	assert_int_equal(load("good.conf", err, sizeof(err)), 0);
	for (i = 0; i < c.n; i++) {
		const struct attach_opts *e = &c.entries[i].opts;

		argc = attach_opts_argv(e, 1, argv, store, sizeof(store));
		assert_true(argc >= 2);
		assert_null(argv[argc]);
		joined[0] = '\0';
		for (k = 0; k < argc; k++)
			snprintf(joined + strlen(joined),
				 sizeof(joined) - strlen(joined), "%s%s",
				 k ? " " : "", argv[k]);
		if (i == 1)
			assert_string_equal(joined,
					    "swapon nfs://[fd00::1]:2050/srv/swap/node7 --uid 1000 --gid 100 --noresvport --priority 5");
		if (i == 0)
			assert_string_equal(joined,
					    "swapon nfs://10.99.0.1/export/swapfile --name lab --wsize 262144 --priority 10");
		assert_int_equal(parse_attach_args(argc, argv, 1, &o, err,
						   sizeof(err)), 0);
		assert_string_equal(o.target, e->target);
		assert_string_equal(o.label, e->label);
		assert_int_equal(o.rsize, e->rsize);
		assert_int_equal(o.wsize, e->wsize);
		assert_int_equal(o.uid, e->uid);
		assert_int_equal(o.gid, e->gid);
		assert_int_equal(o.timeo_ds, e->timeo_ds);
		assert_int_equal(o.retrans, e->retrans);
		assert_int_equal(o.flags, e->flags);
		assert_int_equal(o.has_priority, e->has_priority);
		assert_int_equal(o.priority, e->priority);
		assert_int_equal(o.mkswap, e->mkswap);
		assert_int_equal(o.no_verify, e->no_verify);
		assert_int_equal(o.given, e->given);
		if (i == 3)
			assert_non_null(strstr(joined, " --no-verify"));
		/* attach takes the same but swapon's own */
		argc = attach_opts_argv(e, 0, argv, store, sizeof(store));
		assert_int_equal(parse_attach_args(argc, argv, 0, &o, err,
						   sizeof(err)), 0);
		assert_int_equal(o.has_priority, 0);
		assert_int_equal(o.mkswap, 0);
	}
}

/* "t:1: " + want, for config_parse of text */
static void expect_bad(const char *text, const char *want)
{
	char err[2048] = "", full[2100];

	snprintf(full, sizeof(full), "t:%s", want);
	if (config_parse(text, "t", &c, err, sizeof(err)) != -EINVAL ||
	    strncmp(err, full, strlen(full)))
		fail_msg("'%s': got \"%s\", want \"%s...\"", text, err, full);
}

/*
 * The URL is parsed as swapon parses it, at FILE:LINE: the dry run
 * approved these five and start then refused every one.
 */
static void test_bad_urls(void **state)
{
	char err[512];

	(void)state;
	expect_bad("nfs://host:99999/e/f\n",
		   "1: nfs://host:99999/e/f: bad URL: port must be a number 1..65535");
	expect_bad("\nnfs://h/e/../f\n",
		   "2: nfs://h/e/../f: bad URL: '.' and '..' are not allowed");
	expect_bad("nfs://user@h/e/f\n",
		   "1: nfs://user@h/e/f: bad URL: user names are not supported");
	expect_bad("nfs://h/e/f?x=1\n",
		   "1: nfs://h/e/f?x=1: bad URL: '?' options are not supported");
	expect_bad("nfs://h/\n",
		   "1: nfs://h/: bad URL: the path must name a file");
	/* one file however it is spelled */
	expect_bad("nfs://h/e/f\nnfs://h:2049/e/f\n",
		   "2: 'nfs://h:2049/e/f' already listed on line 1 as 'nfs://h/e/f'");
	expect_bad("nfs://h/e/f\nnfs://H/e/%%66\n",
		   "2: 'nfs://H/e/%66' already listed on line 1");
	expect_bad("nfs://h/e/f\nnfs://h:2050/e/f\nNFS://h/e/f\n",
		   "3: 'NFS://h/e/f' already listed on line 1");
	/* NFS:// as the command line takes it */
	assert_int_equal(config_parse("NFS://h/e/f priority=3\n", "t", &c, err,
				      sizeof(err)), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.entries[0].opts.priority, 3);
	/* templates first, then the URL's %XX: %%20 is a space */
	assert_int_equal(config_parse("nfs://h/e/a%%20b\n", "t", &c, err,
				      sizeof(err)), 0);
	assert_string_equal(c.entries[0].target, "nfs://h/e/a%20b");
	expect_bad("nfs://h/e/a%20b\n",
		   "1: 'nfs://h/e/a%20b': unknown template '%2' (%H, %m, %a, %%; templates are expanded before the URL's %XX escapes, so write %%20 for the escape %20)");
}

/*
 * A setting or option given twice is refused, as on the command line,
 * in the command line's words; not the last one silently winning.
 */
static void test_twice(void **state)
{
	(void)state;
	expect_bad("reserve = auto\ndynamic = no\nreserve = off\n",
		   "3: reserve: given twice (also on line 1)");
	expect_bad("zswap = on\nzswap = off\n",
		   "2: zswap: given twice (also on line 1)");
	expect_bad("nfs://h/e/f priority=1,priority=2\n",
		   "1: priority: given twice");
	expect_bad("nfs://h/e/f create=1G,create=2G\n",
		   "1: create: given twice");
	expect_bad("nfs://h/e/f encrypt,encrypt\n", "1: encrypt: given twice");
	/* the same rule and words as swapon --rsize abc */
	expect_bad("nfs://h/e/f rsize=abc\n",
		   "1: rsize: 'abc' is not a multiple of 4096 in 4096..1048576");
	expect_bad("nfs://h/e/f timeo=5\n",
		   "1: timeo: '5' is not in 10..6000 (tenths of a second)");
	expect_bad("nfs://h/e/f handle=00\n", "1: unknown option 'handle'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_policies),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_parse_text),
		cmocka_unit_test(test_argv),
		cmocka_unit_test(test_bad_urls),
		cmocka_unit_test(test_twice),
	};

	FIXTURE_DIR(dir, "fixtures/config");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

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
	assert_int_equal(e->priority, 10);
	assert_int_equal(e->wsize, 262144);
	assert_int_equal(e->rsize, 0);
	assert_string_equal(e->name, "lab");
	assert_false(e->has_uid);

	e = &c.entries[1];
	assert_string_equal(e->target, "nfs://[fd00::1]:2050/srv/swap/node7");
	assert_int_equal(e->priority, 5);
	assert_true(e->has_uid);
	assert_int_equal(e->uid, 1000);
	assert_int_equal(e->gid, 100);
	assert_true(e->noresvport);

	/* leading tab, trailing comment, no options */
	e = &c.entries[2];
	assert_int_equal(e->line, 8);
	assert_string_equal(e->target, "/mnt/nfs/swapfile");
	assert_int_equal(e->priority, -1);
	assert_string_equal(e->name, "");

	e = &c.entries[3];
	assert_int_equal(e->rsize, 65536);
	assert_int_equal(e->timeo, 100);
	assert_int_equal(e->retrans, 3);
	assert_true(e->mkswap);
	assert_false(e->noresvport);
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
		{ "bad-wsize.conf", 1, "wsize: '1000' is not in 4096..1048576" },
		{ "bad-reserve.conf", 2, "'lots' is not auto, off or a size" },
		{ "bad-option.conf", 1, "unknown option 'colour'" },
		{ "bad-duplicate.conf", 3, "already listed on line 1" },
		{ "bad-dynamic.conf", 1, "'maybe' is not yes or no" },
		{ "bad-spaces.conf", 1, "one comma-separated word" },
		{ "bad-setting.conf", 1, "unknown setting 'reservation'" },
		{ "bad-name.conf", 1, "name: longer than 31" },
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
	assert_int_equal(c.entries[0].uid, 4294967294u);
	/* no final newline, CRLF-free last line */
	assert_int_equal(config_parse("reserve = 4096", "t", &c, err,
				      sizeof(err)), 0);
	assert_int_equal(c.reserve_kb, 4096);
}

static void test_argv(void **state)
{
	char err[512] = "", store[CONFIG_ARGV_STORE];
	char *argv[CONFIG_ARGV_MAX];
	int argc, i;
	char joined[1024] = "";

	(void)state;
	assert_int_equal(load("good.conf", err, sizeof(err)), 0);
	argc = config_entry_argv(&c.entries[1], argv, store);
	for (i = 0; i < argc; i++) {
		strcat(joined, argv[i]);
		strcat(joined, i + 1 < argc ? " " : "");
	}
	assert_null(argv[argc]);
	assert_string_equal(joined,
			    "swapon nfs://[fd00::1]:2050/srv/swap/node7 --priority 5 --uid 1000 --gid 100 --noresvport");

	argc = config_entry_argv(&c.entries[0], argv, store);
	assert_int_equal(argc, 8);
	assert_string_equal(argv[3], "10");
	assert_string_equal(argv[4], "--name");
	assert_string_equal(argv[7], "262144");
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
	};
	char *slash;

	snprintf(dir, sizeof(dir), "%s", __FILE__);
	slash = strrchr(dir, '/');
	if (slash)
		strcpy(slash, "/fixtures/config");
	else
		strcpy(dir, "fixtures/config");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

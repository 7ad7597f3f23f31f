// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of `swapnetctl start --dry-run` (cmd_startstop.c) on the fixture
 * root tests/fixtures/template (host name, machine id, zswap parameters):
 * every line is printed with its expanded URL, what would be created and
 * set up, the zswap changes, and nothing is touched (the zswap parameter
 * files keep their contents).  Also zswap_apply() on a copy of the
 * parameters.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"

#include "../commands.h"
#include "../config.h"
#include "../options.h"
#include "../zswap.h"

static char root[4096];

static char *slurp(const char *path)
{
	static char buf[16384];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Run cmd_start(argv) with stdout in a file; returns the exit code. */
static int run_start(char **argv, int argc, const char *out)
{
	int fd, saved, ret;

	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	ret = cmd_start(argc, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	return ret;
}

/*
 * Each "  run: swapnetctl CMD ..." line of text, split at spaces, parsed
 * by attach's or swapon's own parser: the dry run's commands run.
 * Returns how many there were.
 */
static int check_run_lines(const char *text)
{
	const char *p = text;
	int n = 0;

	while ((p = strstr(p, "  run: swapnetctl "))) {
		char line[2048], *argv[64], *save = NULL, *tok, err[1024];
		struct attach_opts o;
		size_t len;
		int argc = 0;

		p += strlen("  run: swapnetctl ");
		len = strcspn(p, "\n");
		assert_true(len < sizeof(line));
		memcpy(line, p, len);
		line[len] = '\0';
		for (tok = strtok_r(line, " ", &save); tok && argc < 63;
		     tok = strtok_r(NULL, " ", &save))
			argv[argc++] = tok;
		argv[argc] = NULL;
		assert_true(!strcmp(argv[0], "swapon") ||
			    !strcmp(argv[0], "attach"));
		if (parse_attach_args(argc, argv, !strcmp(argv[0], "swapon"),
				      &o, err, sizeof(err)))
			fail_msg("dry run printed a command swapnetctl refuses: %s", err);
		/* and does what start does: attach for swap (swapon does) */
		if (!strcmp(argv[0], "attach") && !(o.flags & SWAPNET_F_SWAP))
			fail_msg("dry run's attach is not for swap, start's is: %s",
				 p);
		n++;
	}
	return n;
}

static void test_dry_run(void **state)
{
	char conf[4200], out[] = "/tmp/swapnet-test-boot.XXXXXX";
	char *argv[5], *text, before[64];
	int fd;

	(void)state;
	fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	snprintf(conf, sizeof(conf), "%s/cluster.conf", root);
	argv[0] = "start";
	argv[1] = "--dry-run";
	argv[2] = "-c";
	argv[3] = conf;
	argv[4] = NULL;
	snprintf(before, sizeof(before), "%s", slurp(
		 strcat(strcpy((char[4300]){0}, root),
			"/sys/module/zswap/parameters/enabled")));
	assert_int_equal(run_start(argv, 4, out), EXIT_OK);
	text = slurp(out);
	unlink(out);
	assert_non_null(strstr(text, "line 6: nfs://10.99.0.1/export/nodes/%H.swap\n"
				     "  url: nfs://10.99.0.1/export/nodes/node17.swap\n"
				     "  create: 67108864 bytes if missing"));
	assert_non_null(strstr(text, "  run: swapnetctl swapon nfs://10.99.0.1/export/nodes/node17.swap --priority 5\n"));
	assert_non_null(strstr(text, "  url: nfs://10.99.0.1/export/nodes/0123456789abcdef0123456789abcdef-crypt\n"
				     "  create: 33554432 bytes if missing"));
	assert_non_null(strstr(text, "  run: swapnetctl attach nfs://10.99.0.1/export/nodes/0123456789abcdef0123456789abcdef-crypt --name crypt --swap\n"
				     "  then: dm-crypt plain aes-xts-plain64"));
	assert_non_null(strstr(text, "  priority: 3\n"));
	/* every "run:" line is a command swapnetctl takes */
	assert_int_equal(check_run_lines(text), 2);
	/* the prose within 80 columns (commands and URLs stay whole) */
	{
		const char *l = text;

		while (*l) {
			size_t n = strcspn(l, "\n");

			if (n > 80 && strncmp(l, "  run: ", 7) &&
			    strncmp(l, "  url: ", 7) && strncmp(l, "line ", 5))
				fail_msg("a line of %zu columns: %.*s", n,
					 (int)n, l);
			l += n + (l[n] == '\n');
		}
	}
	assert_non_null(strstr(text, "zswap: off, compressor lzo, max_pool_percent 20 now\n"));
	assert_non_null(strstr(text, "zswap: would set compressor lzo -> lz4\n"));
	assert_non_null(strstr(text, "zswap: would set enabled N -> Y\n"));
	assert_null(strstr(text, "max_pool_percent 20 -> "));
	assert_non_null(strstr(text, "2 swapfiles; nothing done (--dry-run)\n"));
	/* nothing written */
	assert_string_equal(slurp(strcat(strcpy((char[4300]){0}, root),
					 "/sys/module/zswap/parameters/enabled")),
			    before);
}

static void test_dry_run_bad(void **state)
{
	char conf[] = "/tmp/swapnet-test-boot-conf.XXXXXX";
	char *argv[] = { "start", "--dry-run", "-c", conf, NULL };
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(conf);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("# bad\nnfs://s/e/%Q create=1G\n", f);
	fclose(f);
	assert_int_equal(run_start(argv, 4, "/dev/null"), EXIT_USAGE);
	unlink(conf);
}

static void test_zswap_apply(void **state)
{
	char tmp[] = "/tmp/swapnet-test-zswap.XXXXXX", path[4200], err[256];
	static struct swapnet_config c;
	const char *names[] = { "enabled", "compressor", "max_pool_percent" };
	const char *vals[] = { "N\n", "lzo\n", "20\n" };
	struct zswap_state z;
	FILE *out;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/sys/module/zswap/parameters", tmp);
	{
		char cmd[4400];

		snprintf(cmd, sizeof(cmd), "mkdir -p %s", path);
		assert_int_equal(system(cmd), 0);
	}
	for (i = 0; i < 3; i++) {
		char p[4400];
		FILE *f;

		snprintf(p, sizeof(p), "%s/%s", path, names[i]);
		f = fopen(p, "w");
		assert_non_null(f);
		fputs(vals[i], f);
		fclose(f);
	}
	setenv("SWAPNET_ROOT", tmp, 1);
	config_init(&c);
	c.zswap = CONFIG_ZSWAP_ON;
	strcpy(c.zswap_compressor, "zstd");
	c.zswap_max_pool_percent = 30;
	out = fopen("/dev/null", "w");
	assert_int_equal(zswap_apply(&c, false, out, err, sizeof(err)), 0);
	fclose(out);
	zswap_read(&z);
	assert_true(z.present);
	assert_true(z.enabled);
	assert_string_equal(z.compressor, "zstd");
	assert_int_equal(z.max_pool_percent, 30);
	/* no zswap in the kernel: an error, nothing else */
	setenv("SWAPNET_ROOT", "/nonexistent", 1);
	assert_int_equal(zswap_apply(&c, false, stdout, err, sizeof(err)),
			 -ENOENT);
	assert_non_null(strstr(err, "not in this kernel"));
	setenv("SWAPNET_ROOT", root, 1);
	{
		char cmd[4400];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
		assert_int_equal(system(cmd), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dry_run),
		cmocka_unit_test(test_dry_run_bad),
		cmocka_unit_test(test_zswap_apply),
	};

	FIXTURE_DIR(root, "fixtures/template");
	setenv("SWAPNET_ROOT", root, 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}

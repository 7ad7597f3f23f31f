// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of `swapnetctl start`'s create= against the fake NFS server
 * (fakes/fake_nfsfile.c) and a fake kernel without the module
 * (fakes/fake_nl.c): a file there with another size, with holes, with a
 * mode wider than 0600, a server that does not answer, and a missing
 * file, which is created (and swapon then fails: no module); a file on
 * a server that stores zeros as holes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "commands.h"
#include "fakes.h"
#include "capture.h"

static char tmpdir[] = "/tmp/swapnet-cmdtest.XXXXXX";
static char exp_dir[4200];

static void put_file(const char *name, uint64_t size, int mode, bool holes)
{
	static char buf[65536];
	char path[4400];
	uint64_t off;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", exp_dir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, mode), 0);
	if (!holes)
		for (off = 0; off < size; off += sizeof(buf))
			assert_int_equal(pwrite(fd, buf, sizeof(buf), (off_t)off),
					 (ssize_t)sizeof(buf));
	assert_int_equal(ftruncate(fd, (off_t)size), 0);
	close(fd);
}

/* "swapnetctl: start: CONF:LINE: URL: why..." as one whole line of err */
static void expect_line(const struct captured *c, const char *conf,
			int line, const char *url, const char *why)
{
	char want[8192];
	const char *p;

	snprintf(want, sizeof(want), "swapnetctl: start: %s:%d: %s: %s", conf,
		 line, url, why);
	p = strstr(c->err, want);
	if (!p || (p != c->err && p[-1] != '\n'))
		fail_msg("no line \"%s\" in:\n%s", want, c->err);
}

static void start_create(void **state)
{
	char conf[4200], path[4400];
	const char *argv[] = { "start", "-c", conf, NULL };
	struct captured c;
	struct stat st;
	FILE *f;

	(void)state;
	fake_kernel_reset();
	fake_kernel.loaded = false;
	put_file("small", 1 << 20, 0600, false);
	put_file("holes", 2 << 20, 0600, true);
	put_file("wide", 2 << 20, 0644, false);
	snprintf(conf, sizeof(conf), "%s/swapnet.conf", tmpdir);
	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("reserve = off\n"
	      "nfs://10.0.0.5/export/small create=2M\n"
	      "nfs://10.0.0.5/export/holes create=2M\n"
	      "nfs://10.0.0.5/export/wide create=2M\n"
	      "nfs://10.255.255.1/export/x create=1M\n"
	      "nfs://10.0.0.5/export/new create=1M\n", f);
	fclose(f);

	run_cmd(&c, cmd_start, argv);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.out, "0 of 5 swapfiles up\n"));
	/* one line per swapfile: "swapnetctl: start: FILE:LINE: URL: why" */
	expect_line(&c, conf, 2, "nfs://10.0.0.5/export/small",
		    "create=: exists with 1048576 bytes, not create=2097152 and 4096 for the owner record: not resized");
	expect_line(&c, conf, 3, "nfs://10.0.0.5/export/holes",
		    "create=: exists with holes (");
	expect_line(&c, conf, 4, "nfs://10.0.0.5/export/wide",
		    "create=: exists with mode 0644, wider than 0600");
	expect_line(&c, conf, 5, "nfs://10.255.255.1/export/x",
		    "create=: server 10.255.255.1: not reachable");
	expect_line(&c, conf, 6, "nfs://10.0.0.5/export/new",
		    "the swapnet kernel module is not loaded");
	{
		const char *p;
		int lines = 0;

		for (p = c.err; (p = strchr(p, '\n')); p++)
			lines++;
		if (lines != 5)
			fail_msg("stderr has %d lines, want 5:\n%s", lines, c.err);
	}
	/* the missing one is created as `create` does, then swapon fails */
	assert_non_null(strstr(c.out,
		"nfs://10.0.0.5/export/new: missing, creating 1048576 bytes\n"));
	assert_non_null(strstr(c.out, "swapon nfs://10.0.0.5/export/new\n"));
	snprintf(path, sizeof(path), "%s/new", exp_dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* the swap area and 4 KiB for the owner record */
	assert_int_equal(st.st_size, (1 << 20) + 4096);
	assert_true((uint64_t)st.st_blocks * 512 >= 1u << 20);
	/* the others were left alone: not resized, not rewritten */
	snprintf(path, sizeof(path), "%s/small", exp_dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 1 << 20);
	snprintf(path, sizeof(path), "%s/holes", exp_dir);
	assert_int_equal(stat(path, &st), 0);
	assert_true((uint64_t)st.st_blocks * 512 < 2u << 20);
	snprintf(path, sizeof(path), "%s/wide", exp_dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	unlink(conf);
}

/*
 * create= over a file that takes less than its size (holes.h): reused
 * where the server keeps written zeros in less space (ZFS with
 * compression: the fake punches zeros to holes); refused with the
 * reason where the server cannot be asked (no probe file written).
 */
static void start_create_compressing(void **state)
{
	char conf[4200];
	const char *argv[] = { "start", "-c", conf, NULL };
	struct captured c;
	FILE *f;

	(void)state;
	fake_kernel_reset();
	fake_kernel.loaded = false;
	fake_nfs_zfs = 1;
	put_file("zfs", (2 << 20) + 4096, 0600, true);
	snprintf(conf, sizeof(conf), "%s/swapnet.conf", tmpdir);
	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("reserve = off\nnfs://10.0.0.5/export/zfs create=2M\n", f);
	fclose(f);
	run_cmd(&c, cmd_start, argv);
	assert_non_null(strstr(c.out,
		"nfs://10.0.0.5/export/zfs: there (2101248 bytes, mode 0600), reused\n"));
	expect_line(&c, conf, 2, "nfs://10.0.0.5/export/zfs",
		    "the swapnet kernel module is not loaded");

	fake_nfs_write_fail = -EACCES;
	run_cmd(&c, cmd_start, argv);
	expect_line(&c, conf, 2, "nfs://10.0.0.5/export/zfs",
		    "create=: exists: 0 of 2101248 bytes allocated, and the server could not be asked whether it compresses (a probe file next to it: write: Permission denied): holes or compression?");
	assert_null(strstr(c.out, "reused"));
	fake_nfs_write_fail = 0;
	fake_nfs_zfs = 0;
	unlink(conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(start_create),
		cmocka_unit_test(start_create_compressing),
	};
	int ret;

	fake_nfs_tree(tmpdir);
	snprintf(exp_dir, sizeof(exp_dir), "%s", fake_nfs_export);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	fake_nfs_tree_remove(tmpdir);
	return ret;
}

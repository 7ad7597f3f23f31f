// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of tools/common/mounts.c on its own: a mountinfo fixture
 * with escaped names (\040), NFS and non-NFS lines and a malformed line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include <cmocka.h>

#include "mounts.h"

static const char mountinfo[] =
	"22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
	"30 22 0:26 / /mnt rw,relatime shared:2 - tmpfs tmpfs rw,size=1024k\n"
	"this is not a mountinfo line\n"
	"41 30 0:50 / /mnt/nfs\\040share rw,relatime shared:3 - nfs "
	"10.0.0.1:/export\\040dir rw,vers=3,rsize=65536,wsize=131072,"
	"proto=tcp\n"
	"42 30 0:51 /sub /mnt/nfs4 rw shared:4 - nfs4 srv:/ rw,vers=4.2,"
	"wsize=1048576\n"
	/* a later mount on the same directory hides the earlier one */
	"43 30 0:52 / /mnt/over rw - nfs a:/x rw,wsize=4096\n"
	"44 30 0:53 / /mnt/over rw - ext4 /dev/sdb1 rw\n";

static struct mount_of m;	/* large: not on the stack */

static void test_escaped_nfs(void **state)
{
	(void)state;
	assert_int_equal(mounts_of_text(mountinfo,
					"/mnt/nfs share/swap file", &m), 0);
	assert_string_equal(m.target, "/mnt/nfs share");
	assert_string_equal(m.source, "10.0.0.1:/export dir");
	assert_string_equal(m.fstype, "nfs");
	assert_string_equal(m.root, "/");
	assert_true(mount_is_nfs(&m));
	assert_int_equal(m.match, strlen("/mnt/nfs share"));
	assert_non_null(strstr(m.super, "wsize=131072"));
}

static void test_nfs4_and_root(void **state)
{
	(void)state;
	assert_int_equal(mounts_of_text(mountinfo, "/mnt/nfs4/swap", &m), 0);
	assert_string_equal(m.target, "/mnt/nfs4");
	assert_string_equal(m.fstype, "nfs4");
	assert_string_equal(m.root, "/sub");
	assert_true(mount_is_nfs(&m));
	/* the escaped name is not a prefix of its unescaped spelling's kin */
	assert_int_equal(mounts_of_text(mountinfo, "/mnt/nfs", &m), 0);
	assert_string_equal(m.target, "/mnt");
	assert_false(mount_is_nfs(&m));
	assert_int_equal(mounts_of_text(mountinfo, "/var/swapfile", &m), 0);
	assert_string_equal(m.target, "/");
	assert_int_equal(m.match, 1);
	assert_string_equal(m.fstype, "ext4");
	assert_false(mount_is_nfs(&m));
}

static void test_longest_prefix_not_substring(void **state)
{
	(void)state;
	/* "/mnt/nfs4x" is not under "/mnt/nfs4" */
	assert_int_equal(mounts_of_text(mountinfo, "/mnt/nfs4x/f", &m), 0);
	assert_string_equal(m.target, "/mnt");
}

static void test_later_line_wins(void **state)
{
	(void)state;
	assert_int_equal(mounts_of_text(mountinfo, "/mnt/over/f", &m), 0);
	assert_string_equal(m.fstype, "ext4");
	assert_false(mount_is_nfs(&m));
}

static void test_malformed_and_empty(void **state)
{
	(void)state;
	/* only a malformed line, or nothing: no mount holds anything */
	assert_int_equal(mounts_of_text("garbage line\n", "/x", &m), -ENOENT);
	assert_int_equal(mounts_of_text("", "/x", &m), -ENOENT);
	/* "/" holds any path, relative ones too: the caller passes real paths */
	assert_int_equal(mounts_of_text(mountinfo, "relative/x", &m), 0);
	assert_string_equal(m.target, "/");
}

static void test_file(void **state)
{
	char name[] = "/tmp/test_mounts.XXXXXX";
	int fd = mkstemp(name);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_int_equal(fputs(mountinfo, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(mounts_of_file(name, "/mnt/nfs share/a", &m), 0);
	assert_string_equal(m.target, "/mnt/nfs share");
	unlink(name);
	assert_int_equal(mounts_of_file(name, "/", &m), -ENOENT);
}

static void test_mount_opt(void **state)
{
	const char *v;

	(void)state;
	assert_int_equal(mount_opt("rw,vers=3,wsize=131072,proto=tcp",
				   "wsize", &v), 6);
	assert_memory_equal(v, "131072", 6);
	assert_int_equal(mount_opt("rw,vers=3", "vers", &v), 1);
	assert_int_equal(*v, '3');
	/* a key that only begins like another is not it */
	assert_int_equal(mount_opt("rwsize=4,rw", "rw", &v), -1);
	assert_int_equal(mount_opt("wsize=", "wsize", &v), 0);
	assert_int_equal(mount_opt("", "wsize", &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaped_nfs),
		cmocka_unit_test(test_nfs4_and_root),
		cmocka_unit_test(test_longest_prefix_not_substring),
		cmocka_unit_test(test_later_line_wins),
		cmocka_unit_test(test_malformed_and_empty),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_mount_opt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

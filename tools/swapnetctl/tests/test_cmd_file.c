// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of cmd_create and cmd_check's file checks against a fake NFS
 * server over a temporary directory (fakes/fake_nfsfile.c): missing file,
 * wrong size, holes, mode wider than 0600, ENAMETOOLONG, server
 * unreachable, a write failing half-way, a server keeping no zeros.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <json-c/json.h>

#include <cmocka.h>

#include "commands.h"
#include "fakes.h"
#include "capture.h"

#define URL "nfs://10.0.0.5/export/swapfile"

static char tmpdir[] = "/tmp/swapnet-cmdtest.XXXXXX";
static char file[4400];

static int setup(void **state)
{
	(void)state;
	fake_kernel_reset();
	fake_nfs_write_fail = 0;
	fake_nfs_zfs = 0;
	fake_nfs_create_mode = 0;
	fake_nfs_avail = 1ull << 40;
	fake_nfs_connects = 0;
	unlink(file);
	return 0;
}

static void create(struct captured *c, const char *url, const char *size,
		   const char *a1)
{
	const char *argv[] = { "create", url, "--size", size, a1, NULL };

	run_cmd(c, cmd_create, argv);
}

static void create_ok(void **state)
{
	struct captured c;
	struct stat st;

	(void)state;
	create(&c, URL, "2M", NULL);
	assert_int_equal(c.rc, EXIT_OK);
	assert_string_equal(c.err, "");
	assert_non_null(strstr(c.out, "created " URL ": 2097152 bytes of swap area and 4096 for the owner record, "));
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, (2 << 20) + 4096);
	assert_true((uint64_t)st.st_blocks * 512 >= (2u << 20) + 4096);
}

static void create_exists_and_force(void **state)
{
	struct captured c;
	struct stat st;

	(void)state;
	create(&c, URL, "1M", NULL);
	assert_int_equal(c.rc, EXIT_OK);
	create(&c, URL, "2M", NULL);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_string_equal(c.err,
		"swapnetctl: create: " URL " already exists (--force replaces it)\n");
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_size, (1 << 20) + 4096);
	create(&c, URL, "2M", "--force");
	assert_int_equal(c.rc, EXIT_OK);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_size, (2 << 20) + 4096);
}

static void create_bad_args(void **state)
{
	const char *nosize[] = { "create", URL, NULL };
	struct captured c;

	(void)state;
	create(&c, URL, "1000", NULL);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_true(!strncmp(c.err, "swapnetctl: create: --size: ", 28));
	run_cmd(&c, cmd_create, nosize);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_string_equal(c.err,
		"swapnetctl: create: missing --size SIZE (e.g. --size 4G)\n");
	create(&c, URL, "1M", "--sparse");
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_string_equal(c.err,
		"swapnetctl: create: unknown option '--sparse'\n");
	assert_int_equal(fake_nfs_connects, 0);
}

static void create_unreachable(void **state)
{
	struct captured c;

	(void)state;
	create(&c, "nfs://10.255.255.1/export/swapfile", "1M", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: create: server 10.255.255.1: not reachable (port 2049): Connection timed out\n");
}

static void create_not_exported(void **state)
{
	struct captured c;

	(void)state;
	create(&c, "nfs://10.0.0.5/nowhere/swapfile", "1M", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err, "swapnetctl: create: cannot mount 10.0.0.5:/nowhere: not exported"));
}

static void create_name_too_long(void **state)
{
	char url[512];
	struct captured c;

	(void)state;
	snprintf(url, sizeof(url), "nfs://10.0.0.5/export/%0300d", 0);
	create(&c, url, "1M", NULL);
	assert_int_not_equal(c.rc, EXIT_OK);
	assert_true(!strncmp(c.err, "swapnetctl: create: ", 20));
	assert_non_null(strstr(c.err, "File name too long"));
	assert_ptr_equal(strchr(c.err, '\n'), c.err + strlen(c.err) - 1);
}

static void create_no_space(void **state)
{
	struct captured c;

	(void)state;
	fake_nfs_avail = 1 << 20;
	create(&c, URL, "2M", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: create: not enough space on 10.0.0.5:/export: 1 MiB available, 2 MiB needed\n");
	assert_int_equal(access(file, F_OK), -1);
}

/* a write failing half-way: the incomplete file is removed */
static void create_write_fails(void **state)
{
	struct captured c;

	(void)state;
	fake_nfs_write_fail = -ENOSPC;
	create(&c, URL, "2M", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: create: write: No space left on device; removed the incomplete " URL "\n");
	assert_int_equal(access(file, F_OK), -1);
}

static const char *check_status(const char *url, const char *name,
				char *detail, size_t len);

/*
 * A server storing zeros as holes (ZFS with compression): the file is
 * made, with a note that the server allocates as swap writes; check
 * then finds no holes it could see, and still fails a sparse file on a
 * server that keeps zeros.
 */
static void create_server_keeps_no_zeros(void **state)
{
	char d[1024];
	struct captured c;
	struct stat st;

	(void)state;
	fake_nfs_zfs = 1;
	create(&c, URL, "2M", NULL);
	assert_int_equal(c.rc, EXIT_OK);
	assert_non_null(strstr(c.out, "created " URL ": "));
	assert_non_null(strstr(c.err,
		"swapnetctl: note: the server keeps the written file in 0 of 2101248 bytes (it stores zeros in less space: ZFS with compression?)"));
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_size, 2101248);
	assert_string_equal(check_status(URL, "holes", d, sizeof(d)), "ok");
	assert_non_null(strstr(d,
		"0 of 2101248 bytes allocated: the server keeps written zeros in less space (0 bytes for 1048576: "));
	fake_nfs_zfs = 0;
	assert_int_equal(truncate(file, 0), 0);
	assert_int_equal(truncate(file, 2101248), 0);
	assert_string_equal(check_status(URL, "holes", d, sizeof(d)), "fail");
	assert_non_null(strstr(d,
		"0 of 2101248 bytes allocated: the file has holes (the server keeps written zeros allocated)"));
}

static void create_server_mode(void **state)
{
	struct captured c;

	(void)state;
	fake_nfs_create_mode = 0644;
	create(&c, URL, "1M", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err, "the server created it with mode 0644, not 0600"));
	assert_int_equal(access(file, F_OK), -1);
}

/* check URL -j: the status of one named check */
static const char *check_status(const char *url, const char *name,
				char *detail, size_t len)
{
	const char *argv[] = { "check", url, "-j", NULL };
	static char status[32];
	json_object *o, *a, *it, *v;
	struct captured c;
	size_t i;

	run_cmd(&c, cmd_check, argv);
	o = json_tokener_parse(c.out);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "checks", &a));
	status[0] = '\0';
	detail[0] = '\0';
	for (i = 0; i < json_object_array_length(a); i++) {
		it = json_object_array_get_idx(a, i);
		json_object_object_get_ex(it, "check", &v);
		if (strcmp(json_object_get_string(v), name))
			continue;
		json_object_object_get_ex(it, "status", &v);
		snprintf(status, sizeof(status), "%s", json_object_get_string(v));
		json_object_object_get_ex(it, "detail", &v);
		snprintf(detail, len, "%s", json_object_get_string(v));
	}
	json_object_put(o);
	assert_int_not_equal(c.rc, EXIT_USAGE);
	return status;
}

static void write_file(uint64_t size, int mode, bool holes)
{
	static char buf[65536];
	uint64_t off;
	int fd;

	unlink(file);
	fd = open(file, O_RDWR | O_CREAT, mode);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, mode), 0);
	if (holes)
		assert_int_equal(ftruncate(fd, (off_t)size), 0);
	else
		for (off = 0; off < size; off += sizeof(buf))
			assert_int_equal(pwrite(fd, buf, sizeof(buf), (off_t)off),
					 (ssize_t)sizeof(buf));
	assert_int_equal(ftruncate(fd, (off_t)size), 0);
	close(fd);
}

static void check_file_checks(void **state)
{
	char d[1024];

	(void)state;
	assert_string_equal(check_status(URL, "file", d, sizeof(d)), "fail");
	assert_non_null(strstr(d, "no such file on the server"));

	write_file(2 << 20, 0600, false);
	assert_string_equal(check_status(URL, "file", d, sizeof(d)), "ok");
	assert_string_equal(check_status(URL, "mode", d, sizeof(d)), "ok");
	assert_string_equal(check_status(URL, "holes", d, sizeof(d)), "ok");
	assert_string_equal(check_status(URL, "write", d, sizeof(d)), "ok");

	write_file(2 << 20, 0640, false);
	assert_string_equal(check_status(URL, "mode", d, sizeof(d)), "fail");
	assert_string_equal(d, "mode 0640");

	write_file(2 << 20, 0600, true);
	assert_string_equal(check_status(URL, "holes", d, sizeof(d)), "fail");
	assert_non_null(strstr(d, "of 2097152 bytes allocated: the file has holes"));

	write_file((1 << 20) + 512, 0600, false);
	assert_string_equal(check_status(URL, "file", d, sizeof(d)), "fail");
	assert_non_null(strstr(d, "must be at least 1 MiB and a multiple of 4096"));

	assert_string_equal(check_status("nfs://10.255.255.1/export/swapfile",
					 "server", d, sizeof(d)), "fail");
	assert_non_null(strstr(d, "not reachable"));
}

/* check DEV: the kernel's view of the device */
static void check_device_checks(void **state)
{
	char d[1024];

	(void)state;
	assert_string_equal(check_status("swapnet0", "device", d, sizeof(d)),
			    "fail");
	assert_non_null(strstr(d, "no such swapnet device"));
	assert_int_equal(fake_kernel_add("10.0.0.5", "/export/swapfile",
					 4 << 20), 0);
	assert_string_equal(check_status("swapnet0", "device", d, sizeof(d)),
			    "ok");
	fake_kernel.dev[0].state = SWAPNET_STATE_FAILED;
	assert_string_equal(check_status("/dev/swapnet0", "device", d,
					 sizeof(d)), "fail");
	assert_int_equal(fake_kernel.open_handles, 0);
}

/* every line of s within 80 columns (the text is ASCII under LC_ALL=C) */
static void assert_80_columns(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n");

		if (n > 80)
			fail_msg("a line of %zu columns: %.*s", n, (int)n, s);
		s += n + (s[n] == '\n');
	}
}

/* check's text, URL and DEV, failing and not: within 80 columns */
static void check_text_80_columns(void **state)
{
	const char *url[] = { "check", URL, NULL };
	const char *dev[] = { "check", "swapnet0", NULL };
	struct captured c;

	(void)state;
	run_cmd(&c, cmd_check, url);
	assert_non_null(strstr(c.out, "no such file on the server"));
	assert_80_columns(c.out);
	write_file(2 << 20, 0640, true);
	run_cmd(&c, cmd_check, url);
	assert_non_null(strstr(c.out, "the file has holes"));
	assert_80_columns(c.out);
	write_file(2 << 20, 0600, false);
	run_cmd(&c, cmd_check, url);
	assert_80_columns(c.out);
	/* a server storing zeros as holes: the long note, wrapped */
	fake_nfs_zfs = 1;
	write_file(2 << 20, 0600, true);
	run_cmd(&c, cmd_check, url);
	if (!strstr(c.out, "the server keeps written"))
		fail_msg("%s", c.out);
	assert_80_columns(c.out);
	fake_nfs_zfs = 0;
	run_cmd(&c, cmd_check, dev);
	assert_80_columns(c.out);
	assert_int_equal(fake_kernel_add("10.0.0.5", "/export/swapfile",
					 4 << 20), 0);
	fake_kernel.dev[0].state = SWAPNET_STATE_FAILED;
	snprintf(fake_kernel.dev[0].reason, sizeof(fake_kernel.dev[0].reason),
		 "the server answered NFS3ERR_STALE for the file handle: the file was removed or replaced on the server, or the export moved");
	run_cmd(&c, cmd_check, dev);
	assert_non_null(strstr(c.out, "NFS3ERR_STALE"));
	assert_80_columns(c.out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(create_ok, setup),
		cmocka_unit_test_setup(check_text_80_columns, setup),
		cmocka_unit_test_setup(create_exists_and_force, setup),
		cmocka_unit_test_setup(create_bad_args, setup),
		cmocka_unit_test_setup(create_unreachable, setup),
		cmocka_unit_test_setup(create_not_exported, setup),
		cmocka_unit_test_setup(create_name_too_long, setup),
		cmocka_unit_test_setup(create_no_space, setup),
		cmocka_unit_test_setup(create_write_fails, setup),
		cmocka_unit_test_setup(create_server_keeps_no_zeros, setup),
		cmocka_unit_test_setup(create_server_mode, setup),
		cmocka_unit_test_setup(check_file_checks, setup),
		cmocka_unit_test_setup(check_device_checks, setup),
	};
	int ret;

	fake_nfs_tree(tmpdir);
	snprintf(file, sizeof(file), "%s/swapfile", fake_nfs_export);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	fake_nfs_tree_remove(tmpdir);
	return ret;
}

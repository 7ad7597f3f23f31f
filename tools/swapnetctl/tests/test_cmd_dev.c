// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of cmd_attach, cmd_detach and cmd_list against a fake
 * kernel (fakes/fake_nl.c: DEV_ADD/DEL/GET answered like kmod/device.c)
 * and a fake NFS server over a temporary directory (fakes/fake_nfsfile.c):
 * exit statuses, the one-line "swapnetctl: COMMAND: what: why" errors,
 * what reaches the kernel, and the text and JSON output.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <json-c/json.h>

#include <cmocka.h>

#include "commands.h"
#include "fakes.h"
#include "capture.h"
#include "owner.h"

#define URL "nfs://10.0.0.5/export/swapfile"

static char tmpdir[] = "/tmp/swapnet-cmdtest.XXXXXX";
static char file[4400];

static void write_file(const char *path, uint64_t size, int mode, bool holes)
{
	static char buf[65536];
	uint64_t off;
	int fd;

	unlink(path);
	fd = open(path, O_RDWR | O_CREAT, mode);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, mode), 0);
	if (holes) {
		assert_int_equal(ftruncate(fd, (off_t)size), 0);
	} else {
		for (off = 0; off < size; off += sizeof(buf))
			assert_int_equal(pwrite(fd, buf, sizeof(buf), (off_t)off),
					 (ssize_t)sizeof(buf));
	}
	close(fd);
}

static int setup(void **state)
{
	(void)state;
	fake_kernel_reset();
	fake_nfs_write_fail = 0;
	fake_nfs_zfs = 0;
	fake_nfs_iomax = 1048576;
	return 0;
}

static void attach(struct captured *c, const char *a1, const char *a2,
		   const char *a3)
{
	const char *argv[] = { "attach", URL, a1, a2, a3, NULL };

	run_cmd(c, cmd_attach, argv);
}

static void attach_no_module(void **state)
{
	struct captured c;

	(void)state;
	write_file(file, 4 << 20, 0600, false);
	fake_kernel.loaded = false;
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: the swapnet kernel module is not loaded (modprobe swapnet)\n");
	assert_string_equal(c.out, "");
}

static void attach_missing_file(void **state)
{
	struct captured c;

	(void)state;
	unlink(file);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: 10.0.0.5:/export/swapfile: no such file on the server\n");
	assert_int_equal(fake_kernel.adds, 0);
	assert_int_equal(fake_kernel.open_handles, 0);
}

static void attach_mode_too_wide(void **state)
{
	struct captured c;

	(void)state;
	write_file(file, 4 << 20, 0644, false);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err,
		"swapnetctl: attach: 10.0.0.5:/export/swapfile has mode 0644, wider than 0600"));
	assert_int_equal(fake_kernel.adds, 0);
}

static void attach_holes(void **state)
{
	struct captured c;

	(void)state;
	write_file(file, 4 << 20, 0600, true);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err,
		"swapnetctl: attach: 10.0.0.5:/export/swapfile has holes: "));
	assert_non_null(strstr(c.err, " of 4194304 bytes allocated"));
	assert_int_equal(fake_kernel.adds, 0);
}

/* nothing but the swapfile in the export: no probe file left behind */
static void assert_no_probe_left(void)
{
	char dir[4400], *slash;
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s", file);
	slash = strrchr(dir, '/');
	*slash = '\0';
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, "swapfile"))
			fail_msg("left in the export: %s", e->d_name);
	closedir(d);
}

/*
 * A server that stores zeros as holes (ZFS with compression): the file
 * create wrote in full takes no space there, and reaches DEV_ADD with a
 * note; so does a sparse file, the same thing on such a server.  (Each
 * attach then fails for want of /dev/swapnetN here, after DEV_ADD.)
 */
static void attach_compressing_server(void **state)
{
	const char *create[] = { "create", URL, "--size", "4M", "--force",
				 NULL };
	char other[4400];
	struct captured c;
	struct stat st;

	(void)state;
	fake_nfs_zfs = 1;
	run_cmd(&c, cmd_create, create);
	assert_int_equal(c.rc, EXIT_OK);
	assert_int_equal(stat(file, &st), 0);
	assert_true((uint64_t)st.st_blocks * 512 < (uint64_t)st.st_size);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(fake_kernel.adds, 1);
	assert_non_null(strstr(c.err,
		"swapnetctl: note: 10.0.0.5:/export/swapfile: 0 of 4198400 bytes allocated: the server keeps written zeros in less space (0 bytes for 1048576: ZFS with compression?)"));
	assert_null(strstr(c.err, "holes:"));
	assert_no_probe_left();

	write_file(file, 4 << 20, 0600, true);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(fake_kernel.adds, 2);
	assert_null(strstr(c.err, "holes:"));
	assert_no_probe_left();

	/*
	 * Another node of the same image probing at the same time, with
	 * this PID: its probe file does not stand in the way of ours.
	 */
	snprintf(other, sizeof(other), "%s/.swapnetctl-probe.%d",
		 fake_nfs_export, (int)getpid());
	write_file(other, 4096, 0600, false);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(fake_kernel.adds, 3);
	assert_null(strstr(c.err, "holes:"));
	assert_null(strstr(c.err, "could not be asked"));
	assert_int_equal(unlink(other), 0);
	assert_no_probe_left();
}

/* holes, and the server cannot be asked why: refused, with the reason */
static void attach_holes_no_probe(void **state)
{
	struct captured c;

	(void)state;
	write_file(file, 4 << 20, 0600, true);
	fake_nfs_write_fail = -EDQUOT;
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err,
		"swapnetctl: attach: 10.0.0.5:/export/swapfile: 0 of 4194304 bytes allocated, and the server could not be asked whether it compresses ("));
	assert_non_null(strstr(c.err, "Disk quota exceeded"));
	assert_int_equal(fake_kernel.adds, 0);
	assert_no_probe_left();
}

/*
 * A module older than swapnetctl: its strict DEV_ADD policy stops before
 * SWAPNET_A_OWNER, so the kernel refuses the request (-EINVAL, "Unknown
 * attribute type" at the owner nest).  One line naming both versions
 * and the fix, exit 2, nothing attached; without a version in sysfs the
 * line leaves it out.
 */
static void attach_older_module(void **state)
{
	char path[4400], want[512];
	struct captured c;
	FILE *f;

	(void)state;
	write_file(file, 4 << 20, 0600, false);
	snprintf(want, sizeof(want), "mkdir -p '%s/sys/module/swapnet'",
		 tmpdir);
	assert_int_equal(system(want), 0);
	snprintf(path, sizeof(path), "%s/sys/module/swapnet/version", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("0.0.9\n", f);
	assert_int_equal(fclose(f), 0);
	fake_kernel.max_attr = SWAPNET_A_OWNER - 1;
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	snprintf(want, sizeof(want),
		 "swapnetctl: attach: the loaded swapnet module (version 0.0.9) is older than swapnetctl (%s): it refused attribute %d (Unknown attribute type); reload it (modprobe -r swapnet; modprobe swapnet)\n",
		 SWAPNET_VERSION, SWAPNET_A_OWNER);
	assert_string_equal(c.err, want);
	assert_string_equal(c.out, "");
	assert_int_equal(fake_kernel.adds, 0);

	assert_int_equal(unlink(path), 0);
	attach(&c, "--swap", NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	snprintf(want, sizeof(want),
		 "swapnetctl: attach: the loaded swapnet module is older than swapnetctl (%s): it refused attribute %d (Unknown attribute type); reload it (modprobe -r swapnet; modprobe swapnet)\n",
		 SWAPNET_VERSION, SWAPNET_A_OWNER);
	assert_string_equal(c.err, want);
	assert_int_equal(fake_kernel.adds, 0);

	/* a module that knows every attribute sent takes it */
	fake_kernel.max_attr = SWAPNET_A_MAX;
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(fake_kernel.adds, 1);
	snprintf(want, sizeof(want), "rm -r '%s/sys'", tmpdir);
	assert_int_equal(system(want), 0);
}

static void attach_too_small(void **state)
{
	struct captured c;

	(void)state;
	write_file(file, 512 << 10, 0600, false);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: 10.0.0.5:/export/swapfile is too small: 524288 bytes, at least 1 MiB and 4 KiB needed (swap area and owner record)\n");
}

static void attach_server_unreachable(void **state)
{
	const char *argv[] = { "attach", "nfs://10.255.255.1/export/swapfile",
			       NULL };
	struct captured c;

	(void)state;
	run_cmd(&c, cmd_attach, argv);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err, "swapnetctl: attach: server 10.255.255.1: not reachable"));
	assert_int_equal(fake_kernel.adds, 0);
}

/* the file some device uses already: refused before DEV_ADD */
static void attach_already_attached(void **state)
{
	struct captured c;
	struct stat st;
	int i;

	(void)state;
	write_file(file, 4 << 20, 0600, false);
	assert_int_equal(stat(file, &st), 0);
	i = fake_kernel_add("10.0.0.5", "/export/swapfile", 4 << 20);
	assert_int_equal(i, 0);
	/* fake_nfsfile's handle is the inode number */
	memcpy(fake_kernel.dev[0].cfg.fh, &st.st_ino, 8);
	fake_kernel.dev[0].cfg.fh_len = 8;
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: 10.0.0.5:/export/swapfile is already attached as /dev/swapnet0\n");
	assert_int_equal(fake_kernel.adds, 1);
}

/* --handle: the kernel's EEXIST and its extack text reach the user */
static void attach_handle_eexist(void **state)
{
	const char *argv[] = { "attach", "--handle", "40", "--size", "4M",
			       URL, NULL };
	struct captured c;

	(void)state;
	assert_int_equal(fake_kernel_add("10.0.0.5", "/export/swapfile",
					 4 << 20), 0);
	run_cmd(&c, cmd_attach, argv);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: add device: swapnet: already attached as swapnet0\n");
	assert_int_equal(fake_kernel.adds, 2);
}

static void attach_handle_eperm(void **state)
{
	const char *argv[] = { "attach", "--handle", "abcd", "--size", "4M",
			       URL, NULL };
	struct captured c;

	(void)state;
	fake_kernel.unprivileged = true;
	run_cmd(&c, cmd_attach, argv);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: add device: Operation not permitted (needs CAP_NET_ADMIN)\n");
}

static void attach_too_many(void **state)
{
	const char *argv[] = { "attach", "--handle", "abcd", "--size", "4M",
			       URL, NULL };
	struct captured c;

	(void)state;
	fake_kernel.max_devs = 0;
	run_cmd(&c, cmd_attach, argv);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: add device: swapnet: too many swapnet devices\n");
}

/* option limits are checked before anything is sent */
static void attach_bad_options(void **state)
{
	static const char *const bad[][2] = {
		{ "--rsize", "5000" }, { "--wsize", "2097152" },
		{ "--timeo", "5" }, { "--retrans", "11" },
		{ "--name", "a-label-that-is-longer-than-31-chars" },
		{ "--bogus", NULL },
	};
	struct captured c;
	int connects = fake_nfs_connects;
	size_t i;

	(void)state;
	write_file(file, 4 << 20, 0600, false);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		attach(&c, bad[i][0], bad[i][1], NULL);
		assert_int_equal(c.rc, EXIT_USAGE);
		assert_true(!strncmp(c.err, "swapnetctl: attach: ", 20));
		assert_non_null(strchr(c.err, '\n'));
		assert_ptr_equal(strchr(c.err, '\n'), c.err + strlen(c.err) - 1);
		assert_string_equal(c.out, "");
	}
	assert_int_equal(fake_kernel.adds, 0);
	assert_int_equal(fake_kernel.opens, 0);
	assert_int_equal(fake_nfs_connects, connects);
}

/*
 * DEV_ADD succeeds but /dev/swapnetN never appears (no devtmpfs, no
 * sysfs entry here): the device is removed again, not left behind.
 */
static void attach_no_node_cleans_up(void **state)
{
	struct captured c;
	int i;

	(void)state;
	write_file(file, 4 << 20, 0600, false);
	attach(&c, "--rsize", "65536", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err, "did not appear"));
	assert_int_equal(fake_kernel.adds, 1);
	assert_int_equal(fake_kernel.dels, 1);
	for (i = 0; i < FAKE_NL_MAX; i++)
		assert_false(fake_kernel.used[i]);
	assert_string_equal(c.out, "");
}

/*
 * READ/WRITE sizes in DEV_ADD: 0 (the kernel's default, 128 KiB) unless
 * asked for or the server's FSINFO maximum is smaller, then that
 * maximum rounded down to 4 KiB, with a note only when it overrides
 * what was asked for.  (Each attach then fails for want of /dev/swapnetN
 * here, after DEV_ADD.)
 */
static void attach_io_sizes(void **state)
{
	static const struct {
		uint64_t srvmax;
		const char *opt, *val;
		uint32_t rsize, wsize;
		const char *note;
	} t[] = {
		{ 1048576, NULL, NULL, 0, 0, NULL },
		{ 131072, NULL, NULL, 0, 0, NULL },
		{ 65536 + 100, NULL, NULL, 65536, 65536, NULL },
		{ 1048576, "--wsize", "262144", 0, 262144, NULL },
		{ 131072, "--wsize", "262144", 0, 131072,
		  "--wsize 262144 exceeds the server's maximum, using 131072" },
		{ 32768, "--rsize", "16384", 16384, 32768, NULL },
	};
	struct captured c;
	size_t i;

	(void)state;
	write_file(file, 4 << 20, 0600, false);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fake_nfs_iomax = t[i].srvmax;
		attach(&c, t[i].opt, t[i].val, NULL);
		assert_int_equal(fake_kernel.adds, (int)i + 1);
		assert_int_equal(fake_kernel.last_add.rsize, t[i].rsize);
		assert_int_equal(fake_kernel.last_add.wsize, t[i].wsize);
		if (t[i].note)
			assert_non_null(strstr(c.err, t[i].note));
		else
			assert_null(strstr(c.err, "maximum"));
	}
}

/*
 * What the device is for, in DEV_ADD's flags: swapon (and start and
 * encrypt, which share swapon_opts) attach for swap, attach only with
 * --swap.  (Each fails after DEV_ADD for want of /dev/swapnetN.)
 */
static void attach_for_swap(void **state)
{
	const char *swapon[] = { "swapon", URL, NULL };
	struct captured c;

	(void)state;
	write_file(file, 4 << 20, 0600, false);
	attach(&c, NULL, NULL, NULL);
	assert_int_equal(fake_kernel.adds, 1);
	assert_int_equal(fake_kernel.last_add.flags & SWAPNET_F_SWAP, 0);
	attach(&c, "--swap", NULL, NULL);
	assert_int_equal(fake_kernel.adds, 2);
	assert_int_equal(fake_kernel.last_add.flags & SWAPNET_F_SWAP,
			 SWAPNET_F_SWAP);
	run_cmd(&c, cmd_swapon, swapon);
	assert_int_equal(fake_kernel.adds, 3);
	assert_int_equal(fake_kernel.last_add.flags & SWAPNET_F_SWAP,
			 SWAPNET_F_SWAP);
}

static void detach(struct captured *c, const char *a1, const char *a2)
{
	const char *argv[] = { "detach", a1, a2, NULL };

	run_cmd(c, cmd_detach, argv);
}

static void detach_errors(void **state)
{
	struct captured c;

	(void)state;
	detach(&c, "/dev/swapnet3", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: swapnet3: remove device: swapnet: no such swapnet device\n");
	detach(&c, "sda", NULL);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_string_equal(c.err,
		"swapnetctl: detach: 'sda' is not a swapnet device (/dev/swapnetN, swapnetN or N)\n");
	detach(&c, "--now", "0");
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_string_equal(c.err, "swapnetctl: detach: unknown option '--now'\n");
	detach(&c, NULL, NULL);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_int_equal(fake_kernel.opens, 1);
}

static void detach_busy_and_force(void **state)
{
	struct captured c;

	(void)state;
	assert_int_equal(fake_kernel_add("10.0.0.5", "/e/a", 4 << 20), 0);
	assert_int_equal(fake_kernel_add("10.0.0.5", "/e/b", 4 << 20), 1);
	fake_kernel.swap[0] = true;
	fake_kernel.stuck[1] = true;
	detach(&c, "swapnet0", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: swapnet0: remove device: swapnet: in use as swap or mounted (swapoff or umount it first)\n");
	detach(&c, "--force", "0");
	assert_int_equal(c.rc, EXIT_FAIL);	/* never for swap in use */
	detach(&c, "1", NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err, "use --force (loses them)"));
	assert_false(fake_kernel.last_force);
	detach(&c, "-f", "/dev/swapnet1");
	assert_int_equal(c.rc, EXIT_OK);
	assert_true(fake_kernel.last_force);
	assert_string_equal(c.err, "");
	assert_false(fake_kernel.used[1]);
	assert_true(fake_kernel.used[0]);
	assert_int_equal(fake_kernel.open_handles, 0);
}

/* mkdir -p, for a fixture tree under tmpdir */
static int system_mkdir_p(const char *path)
{
	char buf[4400];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

static void list_text_and_json(void **state)
{
	const char *argv_t[] = { "list", NULL };
	const char *argv_j[] = { "list", "--json", NULL };
	json_object *arr, *o, *v;
	struct captured c;
	char sys[4400], flag[4500];
	FILE *f;
	int i;

	(void)state;
	assert_int_equal(fake_kernel_add("10.0.0.5", "/export/a", 4 << 20), 0);
	assert_int_equal(fake_kernel_add("10.0.0.6", "/export/b", 8 << 20), 1);
	fake_kernel.dev[1].state = SWAPNET_STATE_NOT_RESPONDING;
	snprintf(fake_kernel.dev[1].reason, sizeof(fake_kernel.dev[1].reason),
		 "no reply for 60 s");
	/* swapnet0 attached for swap, its transport swap-activated (sysfs) */
	fake_kernel.dev[0].cfg.flags |= SWAPNET_F_SWAP;
	fake_kernel.dev[0].stats.have_parked = true;
	fake_kernel.dev[0].stats.parked_writes = 7;
	fake_kernel.dev[0].stats.parked_writes_max = 508;
	snprintf(sys, sizeof(sys), "%s/sys/block/swapnet0/swapnet", tmpdir);
	assert_int_equal(system_mkdir_p(sys), 0);
	snprintf(flag, sizeof(flag), "%s/swap_active", sys);
	f = fopen(flag, "w");
	assert_non_null(f);
	fputs("1\n", f);
	fclose(f);
	run_cmd(&c, cmd_list, argv_t);
	assert_int_equal(c.rc, EXIT_OK);
	assert_non_null(strstr(c.out, "\n    for swap, swap-activated  parked_writes 7 (max 508)\n"));
	assert_non_null(strstr(c.out, "\n    not for swap\n"));
	assert_non_null(strstr(c.out, "swapnet0"));
	assert_non_null(strstr(c.out, "10.0.0.6"));
	assert_non_null(strstr(c.out, "/export/b"));
	assert_non_null(strstr(c.out, "NOT RESPONDING"));
	assert_non_null(strstr(c.out, "no reply for 60 s"));
	assert_string_equal(c.err, "");

	run_cmd(&c, cmd_list, argv_j);
	assert_int_equal(c.rc, EXIT_OK);
	arr = json_tokener_parse(c.out);
	assert_non_null(arr);
	assert_int_equal(json_object_array_length(arr), 2);
	o = json_object_array_get_idx(arr, 1);
	assert_true(json_object_object_get_ex(o, "name", &v));
	assert_string_equal(json_object_get_string(v), "swapnet1");
	assert_true(json_object_object_get_ex(o, "size_bytes", &v));
	assert_int_equal(json_object_get_int64(v), 8 << 20);
	assert_true(json_object_object_get_ex(o, "for_swap", &v));
	assert_false(json_object_get_boolean(v));
	assert_false(json_object_object_get_ex(o, "swap_active", &v));
	o = json_object_array_get_idx(arr, 0);
	assert_true(json_object_object_get_ex(o, "for_swap", &v));
	assert_true(json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(o, "swap_active", &v));
	assert_true(json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(o, "stats", &o));
	assert_true(json_object_object_get_ex(o, "parked_writes_max", &v));
	assert_int_equal(json_object_get_int64(v), 508);
	json_object_put(arr);
	unlink(flag);
	for (i = 0; i < 3; i++) {
		rmdir(sys);
		*strrchr(sys, '/') = '\0';
	}
	rmdir(sys);
}

static void list_no_module(void **state)
{
	const char *argv[] = { "list", "-j", NULL };
	const char *bad[] = { "list", "--all", NULL };
	struct captured c;

	(void)state;
	fake_kernel.loaded = false;
	run_cmd(&c, cmd_list, argv);
	assert_int_equal(c.rc, EXIT_OK);
	assert_string_equal(c.out, "[]\n");
	assert_non_null(strstr(c.err, "no devices"));
	run_cmd(&c, cmd_list, bad);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_string_equal(c.err, "swapnetctl: list: unknown argument '--all'\n");
}

static void swapon_errors(void **state)
{
	const char *holes[] = { "swapon", URL, "--priority", "5", NULL };
	const char *prio[] = { "swapon", URL, "--priority", "40000", NULL };
	const char *dup[] = { "swapon", URL, NULL };
	struct captured c;
	struct stat st;

	(void)state;
	write_file(file, 4 << 20, 0600, true);
	run_cmd(&c, cmd_swapon, holes);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err,
		"swapnetctl: swapon: 10.0.0.5:/export/swapfile has holes: "));
	assert_int_equal(fake_kernel.adds, 0);
	assert_int_equal(fake_kernel.open_handles, 0);

	run_cmd(&c, cmd_swapon, prio);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_true(!strncmp(c.err, "swapnetctl: swapon: --priority", 30));
	assert_int_equal(fake_kernel.opens, 1);

	write_file(file, 4 << 20, 0600, false);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(fake_kernel_add("10.0.0.5", "/export/swapfile",
					 4 << 20), 0);
	memcpy(fake_kernel.dev[0].cfg.fh, &st.st_ino, 8);
	fake_kernel.dev[0].cfg.fh_len = 8;
	run_cmd(&c, cmd_swapon, dup);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: swapon: 10.0.0.5:/export/swapfile is already attached as /dev/swapnet0\n");
	assert_int_equal(fake_kernel.adds, 1);
	assert_int_equal(fake_kernel.open_handles, 0);
}

static void swapoff_errors(void **state)
{
	const char *url[] = { "swapoff", URL, NULL };
	const char *dev[] = { "swapoff", "swapnet5", NULL };
	const char *two[] = { "swapoff", "0", "1", NULL };
	struct captured c;

	(void)state;
	assert_int_equal(fake_kernel_add("10.0.0.5", "/export/other", 4 << 20),
			 0);
	run_cmd(&c, cmd_swapoff, url);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: swapoff: no swapnet device is attached to " URL "\n");
	run_cmd(&c, cmd_swapoff, dev);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: swapoff: get device: swapnet: no such swapnet device\n");
	run_cmd(&c, cmd_swapoff, two);
	assert_int_equal(c.rc, EXIT_USAGE);
	assert_true(fake_kernel.used[0]);
	assert_int_equal(fake_kernel.dels, 0);
	assert_int_equal(fake_kernel.open_handles, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(attach_no_module, setup),
		cmocka_unit_test_setup(attach_missing_file, setup),
		cmocka_unit_test_setup(attach_mode_too_wide, setup),
		cmocka_unit_test_setup(attach_holes, setup),
		cmocka_unit_test_setup(attach_compressing_server, setup),
		cmocka_unit_test_setup(attach_holes_no_probe, setup),
		cmocka_unit_test_setup(attach_older_module, setup),
		cmocka_unit_test_setup(attach_too_small, setup),
		cmocka_unit_test_setup(attach_server_unreachable, setup),
		cmocka_unit_test_setup(attach_already_attached, setup),
		cmocka_unit_test_setup(attach_handle_eexist, setup),
		cmocka_unit_test_setup(attach_handle_eperm, setup),
		cmocka_unit_test_setup(attach_too_many, setup),
		cmocka_unit_test_setup(attach_bad_options, setup),
		cmocka_unit_test_setup(attach_no_node_cleans_up, setup),
		cmocka_unit_test_setup(attach_io_sizes, setup),
		cmocka_unit_test_setup(attach_for_swap, setup),
		cmocka_unit_test_setup(detach_errors, setup),
		cmocka_unit_test_setup(detach_busy_and_force, setup),
		cmocka_unit_test_setup(list_text_and_json, setup),
		cmocka_unit_test_setup(list_no_module, setup),
		cmocka_unit_test_setup(swapon_errors, setup),
		cmocka_unit_test_setup(swapoff_errors, setup),
	};
	int ret;

	/* no swapnet.conf there: the dynamic reserve stays off */
	fake_nfs_tree(tmpdir);
	snprintf(file, sizeof(file), "%s/swapfile", fake_nfs_export);
	/* this node's identity for the owner record (owner.h) */
	fixture_identity(tmpdir, "node1", true);
	owner_period_ms = 16;
	swapnet_nl_set_tool("swapnetctl", SWAPNET_VERSION);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_identity_remove(tmpdir);
	fake_nfs_tree_remove(tmpdir);
	return ret;
}

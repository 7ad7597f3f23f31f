// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of mirror= (mirror.h, mdmirror.h, monitor.h): the option
 * in swapnet.conf and on the command line, the md name, the mdadm
 * commands swapon runs (a fake mdadm in PATH logs them and makes a
 * fixture sysfs tree under SWAPNET_ROOT), the md state read from sysfs
 * fixtures, list's text and JSON, the metrics, and the monitor's
 * decisions.
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../cmd_list.h"
#include "../config.h"
#include "../metrics.h"
#include "../mirror.h"
#include "../monitor.h"
#include "../options.h"
#include "mdmirror.h"
#include "readfile.h"
#include "tests/fixture_tree.h"

static char root[256];
static char *orig_path;

static void put(const char *rel, const char *text)
{
	assert_int_equal(fixture_put(root, rel, text), 0);
}

static const char *root_file(const char *rel)
{
	static char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return path;
}

static void rm_root(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	(void)state;
	if (!orig_path)
		orig_path = strdup(getenv("PATH") ? getenv("PATH") :
				   "/usr/bin:/bin");
	setenv("PATH", orig_path, 1);
	snprintf(root, sizeof(root), "/tmp/test_mirror.XXXXXX");
	if (!mkdtemp(root))
		return -1;
	setenv("SWAPNET_ROOT", root, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	setenv("PATH", orig_path, 1);
	rm_root();
	unsetenv("SWAPNET_ROOT");
	return 0;
}

/* ---- swapnet.conf and the command line ---- */

static int parse(const char *text, struct swapnet_config *c, char *err,
		 size_t errlen)
{
	return config_parse(text, "t.conf", c, err, errlen);
}

static void test_config_mirror(void **state)
{
	static struct swapnet_config c;
	char err[512] = "";

	(void)state;
	assert_int_equal(parse("nfs://a/export/n/node1.swap mirror=nfs://b/export/n/node1.swap,create=1G,priority=5\n"
			       "nfs://a/export/other\n", &c, err, sizeof(err)), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.entries[0].mirror, "nfs://b/export/n/node1.swap");
	assert_ptr_equal(c.entries[0].opts.mirror, c.entries[0].mirror);
	assert_true(c.entries[0].opts.given & (1u << AO_MIRROR));
	assert_int_equal(c.entries[0].create_size, 1ull << 30);
	assert_string_equal(c.entries[1].mirror, "");
	assert_null(c.entries[1].opts.mirror);
}

static void test_config_mirror_bad(void **state)
{
	static struct swapnet_config c;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "nfs://a/e/f mirror=nfs://a/e/f\n",
		  "t.conf:1: mirror: 'nfs://a/e/f' is the swapfile itself" },
		{ "nfs://a/e/f mirror=nfs://A:2049/e/f\n",
		  "is the swapfile itself" },
		{ "nfs://a/e/f mirror=nfs://b/e/f,mirror=nfs://c/e/f\n",
		  "t.conf:1: mirror: given twice" },
		{ "nfs://a/e/f mirror=\n", "option 'mirror' needs a value" },
		{ "nfs://a/e/f mirror=relative\n",
		  "mirror: 'relative' is not a swapfile" },
		{ "nfs://a/e/f mirror=nfs://b/e/f\nnfs://b/e/f\n",
		  "t.conf:2: 'nfs://b/e/f' is already the mirror of line 1" },
		{ "nfs://b/e/f\nnfs://a/e/f mirror=nfs://b/e/f\n",
		  "t.conf:2: mirror: 'nfs://b/e/f' already listed on line 1" },
		{ "nfs://a/e/f mirror=nfs://c/e/f\nnfs://b/e/f mirror=nfs://c/e/f\n",
		  "t.conf:2: mirror: 'nfs://c/e/f' is already the mirror of line 1" },
	};
	char err[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		assert_int_equal(parse(cases[i].text, &c, err, sizeof(err)),
				 -EINVAL);
		if (!strstr(err, cases[i].want))
			fail_msg("case %zu: '%s' lacks '%s'", i, err,
				 cases[i].want);
	}
}

static void test_args_mirror(void **state)
{
	struct attach_opts o;
	char err[512], *av[ATTACH_ARGV_MAX], store[4096];
	char *sw[] = { "swapon", "nfs://a/e/f", "--mirror", "nfs://b/e/f", NULL };
	char *at[] = { "attach", "nfs://a/e/f", "--mirror", "nfs://b/e/f", NULL };
	char *hd[] = { "swapon", "--handle", "00", "--size", "1M",
		       "--mirror", "nfs://b/e/f", "nfs://a/e/f", NULL };
	int ac;

	(void)state;
	assert_int_equal(parse_attach_args(4, sw, 1, &o, err, sizeof(err)), 0);
	assert_string_equal(o.mirror, "nfs://b/e/f");
	/* start's dry run gives the same command again */
	ac = attach_opts_argv(&o, 1, av, store, sizeof(store));
	assert_int_equal(ac, 4);
	assert_string_equal(av[2], "--mirror");
	assert_string_equal(av[3], "nfs://b/e/f");
	assert_int_equal(parse_attach_args(4, at, 0, &o, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "attach: unknown option '--mirror' (swapon's)");
	assert_int_equal(parse_attach_args(8, hd, 1, &o, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "--mirror and --handle"));
}

static void test_md_name(void **state)
{
	char n[64];

	(void)state;
	mirror_md_name(NULL, "/n/node1.swap", n, sizeof(n));
	assert_string_equal(n, "swapnet-node1");
	mirror_md_name("", "/n/node1.a.swap", n, sizeof(n));
	assert_string_equal(n, "swapnet-node1.a");
	mirror_md_name("lab", "/n/node1.swap", n, sizeof(n));
	assert_string_equal(n, "swapnet-lab");
	mirror_md_name(NULL, "/n/a b:c", n, sizeof(n));
	assert_string_equal(n, "swapnet-a_b_c");
	mirror_md_name(NULL, "/n/averyveryverylongnodename.swap", n, sizeof(n));
	assert_string_equal(n, "swapnet-averyveryverylon");
	assert_true(strlen(n) <= MIRROR_NAME_MAX);
}

/*
 * The legs' mirror group: FNV-1a of the array's name, never 0, the same
 * for the same name (a leg attached again joins its group again), and
 * another for another mirror.
 */
static void test_group_id(void **state)
{
	char a[64], b[64];

	(void)state;
	assert_int_equal(mirror_group_id(""), 2166136261u);
	assert_int_equal(mirror_group_id("a"), 0xe40c292cu);
	mirror_md_name(NULL, "/n/node1.swap", a, sizeof(a));
	mirror_md_name(NULL, "/m/node1.swap", b, sizeof(b));
	assert_int_equal(mirror_group_id(a), mirror_group_id(b));
	assert_int_not_equal(mirror_group_id(a), 0);
	mirror_md_name("lab", "/n/node1.swap", b, sizeof(b));
	assert_int_not_equal(mirror_group_id(a), mirror_group_id(b));
	assert_int_not_equal(mirror_group_id("swapnet-node1"),
			     mirror_group_id("swapnet-node2"));
}

/* ---- the mdadm commands, with a fake mdadm ---- */

static const char fake_mdadm[] =
"#!/bin/sh\n"
"# fake mdadm: log, then act on the fixture tree\n"
"echo \"$*\" | sed \"s|$SWAPNET_ROOT||g\" >> \"$SWAPNET_ROOT/mdadm.log\"\n"
"[ -e \"$SWAPNET_ROOT/fail-$1\" ] && exit 1\n"
"case $1 in\n"
"--examine)\n"
"	f=$SWAPNET_ROOT/examine/${3##*/}\n"
"	[ -e \"$f\" ] || { echo \"mdadm: No md superblock\" >&2; exit 1; }\n"
"	cat \"$f\" ;;\n"
"--create|--assemble)\n"
"	md=md127; b=$SWAPNET_ROOT/sys/block/$md\n"
"	mkdir -p $b/md $b/slaves $b/queue $SWAPNET_ROOT/dev/md\n"
"	[ -e \"$SWAPNET_ROOT/no-stable-writes\" ] || echo 0 > $b/queue/stable_writes\n"
"	echo clean > $b/md/array_state; echo idle > $b/md/sync_action\n"
"	echo 0 > $b/md/degraded; echo none > $b/md/sync_completed\n"
"	ln -sf ../$md \"$SWAPNET_ROOT/dev/md/${2##*/}\"\n"
"	for a; do case $a in */dev/swapnet*) l=${a##*/}\n"
"		mkdir -p $b/md/dev-$l $SWAPNET_ROOT/sys/block/$l/holders\n"
"		echo in_sync > $b/md/dev-$l/state\n"
"		: > $b/slaves/$l; : > $SWAPNET_ROOT/sys/block/$l/holders/$md ;;\n"
"	esac; done ;;\n"
"--stop)\n"
"	rm -rf $SWAPNET_ROOT/sys/block/md127 $SWAPNET_ROOT/sys/block/swapnet*/holders/md127 ;;\n"
"esac\n"
"exit 0\n";

static char *mdadm_log(void)
{
	char path[512], *t;

	snprintf(path, sizeof(path), "%s/mdadm.log", root);
	t = read_file(path);
	unlink(path);
	return t ? t : strdup("");
}

static void with_fake_mdadm(void)
{
	char path[512], bin[300];
	const char *old = orig_path;
	static char newpath[4096];

	put("bin/mdadm", fake_mdadm);
	snprintf(path, sizeof(path), "%s/bin/mdadm", root);
	chmod(path, 0755);
	snprintf(bin, sizeof(bin), "%s/bin", root);
	snprintf(newpath, sizeof(newpath), "%s:%s", bin, old);
	setenv("PATH", newpath, 1);
	/* two legs of 1 MiB of zeros: no signature */
	put("dev/swapnet0", "");
	put("dev/swapnet1", "");
	snprintf(path, sizeof(path), "%s/dev/swapnet0", root);
	assert_int_equal(truncate(path, 1 << 20), 0);
	snprintf(path, sizeof(path), "%s/dev/swapnet1", root);
	assert_int_equal(truncate(path, 1 << 20), 0);
}

static void test_create_argv(void **state)
{
	char *av[MIRROR_ARGV_MAX], store[4096], line[1024] = "";
	int ac, i;

	(void)state;
	ac = mirror_create_argv("swapnet-n1", "swapnet0", "swapnet1", 0, av,
				store, sizeof(store));
	assert_int_equal(ac, 13);
	for (i = 0; i < ac; i++) {
		strcat(line, av[i]);
		strcat(line, " ");
	}
	assert_string_equal(line + strlen(line) - strlen(root) * 2 -
			    strlen("/dev/swapnet0 /dev/swapnet1 "),
			    strstr(line, root));
	assert_non_null(strstr(line, "/dev/swapnet0 "));
	assert_non_null(strstr(line, "mdadm --create /dev/md/swapnet-n1 --run --level=1 --raid-devices=2 --metadata=1.2 --bitmap=internal --assume-clean --name=swapnet-n1 --failfast "));
	/* a bitmap chunk: after --bitmap=internal */
	ac = mirror_create_argv("swapnet-n1", "swapnet0", "swapnet1", 512, av,
				store, sizeof(store));
	assert_int_equal(ac, 14);
	assert_string_equal(av[7], "--bitmap=internal");
	assert_string_equal(av[8], "--bitmap-chunk=512K");
}

/* a few hundred chunks a leg, 64 KiB at least, mdadm's own from 32 GiB */
static void test_bitmap_chunk(void **state)
{
	(void)state;
	/* the lab's legs: 288 MiB files, 287 MiB md legs: 574 chunks */
	assert_int_equal(mirror_bitmap_chunk_kib(287ULL << 20), 512);
	assert_int_equal(mirror_bitmap_chunk_kib(288ULL << 20), 512);
	assert_int_equal(mirror_bitmap_chunk_kib(256ULL << 20), 512);
	assert_int_equal(mirror_bitmap_chunk_kib(255ULL << 20), 256);
	assert_int_equal(mirror_bitmap_chunk_kib(1ULL << 30), 2048);
	assert_int_equal(mirror_bitmap_chunk_kib(16ULL << 30), 32768);
	assert_int_equal(mirror_bitmap_chunk_kib((32ULL << 30) - 1), 32768);
	/* small: 64 KiB, raid1's resync unit */
	assert_int_equal(mirror_bitmap_chunk_kib(16ULL << 20), 64);
	assert_int_equal(mirror_bitmap_chunk_kib(4096), 64);
	/* mdadm's choice: 32 GiB and up, and an unknown size */
	assert_int_equal(mirror_bitmap_chunk_kib(32ULL << 30), 0);
	assert_int_equal(mirror_bitmap_chunk_kib(1ULL << 40), 0);
	assert_int_equal(mirror_bitmap_chunk_kib(0), 0);
}

/* leg offsets -> sync_min/sync_max regions */
static void test_repair_regions(void **state)
{
	struct mirror_region r[4];
	size_t outside, n;
	/* md data offset 2048 sectors (1 MiB), array of 585728 sectors */
	const uint64_t doff = 2048, arr = 585728;

	(void)state;
	/* one block: leg byte 1 MiB + 40 KiB -> array sectors 80..88 */
	n = mirror_repair_regions((const uint64_t[]){ (1 << 20) + 40960 }, 1,
				  doff, arr, r, 4, &outside);
	assert_int_equal(n, 1);
	assert_int_equal(outside, 0);
	assert_int_equal(r[0].lo, 80);
	assert_int_equal(r[0].hi, 88);
	/* a data offset not on 4 KiB: the block spans two 4 KiB of md */
	n = mirror_repair_regions((const uint64_t[]){ 4096 * 300 }, 1, 2044,
				  arr, r, 4, &outside);
	assert_int_equal(n, 1);
	/* leg sector 2400 is array sector 356: 352..368 */
	assert_int_equal(r[0].lo, 352);
	assert_int_equal(r[0].hi, 368);
	/* superblock/bitmap area and past the end: outside */
	n = mirror_repair_regions((const uint64_t[]){ 4096, 8192,
				  (doff + arr) * 512 }, 3, doff, arr, r, 4,
				  &outside);
	assert_int_equal(n, 0);
	assert_int_equal(outside, 3);
	/* the last block of the array: hi is its end */
	n = mirror_repair_regions((const uint64_t[]){ (doff + arr - 8) * 512 },
				  1, doff, arr, r, 4, &outside);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].hi, arr);
	/* unsorted, duplicate, close ones merged (< 1 MiB apart) */
	n = mirror_repair_regions((const uint64_t[]){
				  (doff + 100000) * 512, (doff + 8) * 512,
				  (doff + 8) * 512, (doff + 8 + 2048) * 512,
				  (doff + 50000) * 512 }, 5, doff, arr, r, 4,
				  &outside);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].lo, 8);
	assert_int_equal(r[0].hi, 8 + 2048 + 8);
	assert_int_equal(r[1].lo, 50000);
	assert_int_equal(r[1].hi, 50008);
	assert_int_equal(r[2].lo, 100000);
	/* more than max: one from the first to the last */
	n = mirror_repair_regions((const uint64_t[]){
				  (doff + 100000) * 512, (doff + 8) * 512,
				  (doff + 50000) * 512 }, 3, doff, arr, r, 2,
				  &outside);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].lo, 8);
	assert_int_equal(r[0].hi, 100008);
}

static void test_up_create_and_stop(void **state)
{
	char md[32], err[512] = "", *log, *legs;
	const char *how;
	char path[512];

	(void)state;
	with_fake_mdadm();
	assert_int_equal(mirror_up("swapnet-n1", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), 0);
	assert_string_equal(md, "md127");
	assert_string_equal(how, "created");
	log = mdadm_log();
	assert_string_equal(log,
		"--examine --export /dev/swapnet0\n"
		"--examine --export /dev/swapnet1\n"
		"--create /dev/md/swapnet-n1 --run --level=1 --raid-devices=2 --metadata=1.2 --bitmap=internal --assume-clean --name=swapnet-n1 --failfast /dev/swapnet0 /dev/swapnet1\n");
	free(log);
	snprintf(path, sizeof(path), "%s/run/swapnet/mirror/md127.legs", root);
	legs = read_file(path);
	assert_non_null(legs);
	assert_string_equal(legs, "swapnet0 swapnet1\n");
	free(legs);
	/* md before 6.11 does not inherit the legs' stable writes: set */
	snprintf(path, sizeof(path), "%s/sys/block/md127/queue/stable_writes",
		 root);
	legs = read_file(path);
	assert_non_null(legs);
	assert_int_equal(legs[0], '1');
	free(legs);
	snprintf(path, sizeof(path), "%s/run/swapnet/mirror/md127.legs", root);
	/* a second swapon finds it assembled: reused, nothing run */
	assert_int_equal(mirror_up("swapnet-n1", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), 0);
	assert_string_equal(how, "reused");
	log = mdadm_log();
	assert_string_equal(log, "");
	free(log);
	/* someone else's array of the same legs: refused */
	assert_int_equal(mirror_up("swapnet-other", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), -EBUSY);
	assert_non_null(strstr(err, "not ours (swapnet-other)"));
	assert_int_equal(mirror_stop("md127", err, sizeof(err)), 0);
	log = mdadm_log();
	assert_string_equal(log, "--stop /dev/md127\n");
	free(log);
	assert_int_equal(access(path, F_OK), -1);
}

static void test_up_assemble_ours(void **state)
{
	static const char ex[] =
		"MD_LEVEL=raid1\nMD_DEVICES=2\nMD_NAME=node1:swapnet-n1\n"
		"MD_UUID=11111111:22222222:33333333:44444444\n";
	char md[32], err[512] = "", *log;
	const char *how;

	(void)state;
	with_fake_mdadm();
	put("examine/swapnet0", ex);
	put("examine/swapnet1", ex);
	assert_int_equal(mirror_up("swapnet-n1", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), 0);
	assert_string_equal(how, "assembled");
	log = mdadm_log();
	assert_non_null(strstr(log, "--assemble /dev/md/swapnet-n1 --run /dev/swapnet0 /dev/swapnet1\n"));
	assert_null(strstr(log, "--create"));
	free(log);
	assert_int_equal(mirror_stop("md127", err, sizeof(err)), 0);
	free(mdadm_log());
	/* assembly fails: created again (swap content is disposable) */
	put("fail---assemble", "");
	assert_int_equal(mirror_up("swapnet-n1", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), 0);
	assert_string_equal(how, "created");
	log = mdadm_log();
	assert_non_null(strstr(log, "--assemble"));
	assert_non_null(strstr(log, "--create /dev/md/swapnet-n1"));
	free(log);
}

static void test_up_refuses_foreign(void **state)
{
	char md[32], err[512] = "", *log;
	const char *how;

	(void)state;
	with_fake_mdadm();
	put("examine/swapnet1",
	    "MD_LEVEL=raid5\nMD_NAME=db:data\nMD_UUID=aa:bb:cc:dd\n");
	assert_int_equal(mirror_up("swapnet-n1", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), -EEXIST);
	assert_non_null(strstr(err, "/dev/swapnet1 holds md array 'db:data' (raid5"));
	log = mdadm_log();
	assert_null(strstr(log, "--create"));
	free(log);
	/* an array that cannot take stable writes: refused, said why */
	unlink(root_file("examine/swapnet1"));
	put("no-stable-writes", "");
	assert_int_equal(mirror_up("swapnet-n1", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "cannot make /dev/md127 take stable writes"));
	free(mdadm_log());
	assert_int_equal(mirror_stop("md127", err, sizeof(err)), 0);
	free(mdadm_log());
	unlink(root_file("no-stable-writes"));
	/* mdadm missing: one clear line */
	setenv("PATH", "/nonexistent", 1);
	assert_int_equal(mirror_up("swapnet-n1", "swapnet0", "swapnet1", md,
				   sizeof(md), &how, err, sizeof(err)), -ENOENT);
	assert_string_equal(err, "mdadm not found in PATH: mirror= needs mdadm(8) (install the mdadm package)");
}

static void test_readd(void **state)
{
	char err[512] = "", *log;

	(void)state;
	with_fake_mdadm();
	assert_int_equal(mirror_readd("md127", "swapnet1", true, err,
				      sizeof(err)), 0);
	log = mdadm_log();
	assert_string_equal(log,
		"--manage /dev/md127 --remove /dev/swapnet1\n"
		"--manage /dev/md127 --re-add --failfast /dev/swapnet1\n");
	free(log);
	assert_int_equal(mirror_readd("md127", "swapnet1", false, err,
				      sizeof(err)), 0);
	log = mdadm_log();
	assert_string_equal(log,
		"--manage /dev/md127 --re-add --failfast /dev/swapnet1\n");
	free(log);
	put("fail---manage", "");
	assert_int_equal(mirror_readd("md127", "swapnet1", false, err,
				      sizeof(err)), -EIO);
	assert_string_equal(err, "mdadm --manage failed (status 1)");
	free(mdadm_log());
}

/* ---- md state from sysfs ---- */

static void md_fixture(const char *array_state, const char *action,
		       const char *degraded, const char *completed,
		       const char *st0, const char *st1)
{
	put("sys/block/md127/md/array_state", array_state);
	put("sys/block/md127/md/sync_action", action);
	put("sys/block/md127/md/degraded", degraded);
	put("sys/block/md127/md/sync_completed", completed);
	put("sys/block/md127/slaves/swapnet0", "");
	put("sys/block/swapnet0/holders/md127", "");
	if (st0)
		put("sys/block/md127/md/dev-swapnet0/state", st0);
	if (st1)
		put("sys/block/md127/md/dev-swapnet1/state", st1);
	put("run/swapnet/mirror/md127.legs", "swapnet0 swapnet1\n");
	mkdir(strcat(strcpy((char[512]){ 0 }, root), "/dev"), 0755);
	mkdir(strcat(strcpy((char[512]){ 0 }, root), "/dev/md"), 0755);
	{
		char l[512];

		snprintf(l, sizeof(l), "%s/dev/md/swapnet-n1", root);
		unlink(l);
		assert_int_equal(symlink("../md127", l), 0);
	}
}

static void test_state_in_sync(void **state)
{
	struct mdm_state m;
	char buf[256], md[32];

	(void)state;
	md_fixture("clean\n", "idle\n", "0\n", "none\n", "in_sync,failfast\n",
		   "in_sync,failfast\n");
	assert_int_equal(mdm_holder(root, "swapnet0", md, sizeof(md)), 1);
	assert_string_equal(md, "md127");
	assert_int_equal(mdm_holder(root, "swapnet9", md, sizeof(md)), 0);
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(m.status, MDM_IN_SYNC);
	assert_string_equal(m.name, "swapnet-n1");
	assert_int_equal(m.nlegs, 2);
	assert_true(m.legs[0].in_sync && m.legs[1].in_sync);
	mdm_describe(&m, 0, buf, sizeof(buf));
	assert_string_equal(buf, "in sync");
	assert_int_equal(mdm_read(root, "md9", &m), -ENOENT);
	assert_int_equal(mdm_read(root, "../x", &m), -ENOENT);
}

static void test_state_degraded(void **state)
{
	struct mdm_state m;
	char buf[256];

	(void)state;
	md_fixture("clean\n", "idle\n", "1\n", "none\n", "in_sync\n",
		   "faulty,failfast\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(m.status, MDM_DEGRADED);
	assert_true(m.legs[1].faulty);
	mdm_describe(&m, 1000, buf, sizeof(buf));
	assert_string_equal(buf, "degraded: swapnet1 faulty since unknown (swapnet-monitor not running?)");
	/* the monitor's record: since when, kept at the first time */
	assert_int_equal(mdm_record_degraded(root, "md127", "swapnet1", 940), 0);
	assert_int_equal(mdm_record_degraded(root, "md127", "swapnet1", 990), 0);
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(m.degraded_since, 940);
	mdm_describe(&m, 1000, buf, sizeof(buf));
	assert_non_null(strstr(buf, "degraded: swapnet1 faulty since "));
	assert_non_null(strstr(buf, " (60 s ago)"));
	/* removed from md: named from the legs record */
	unlink(strcat(strcpy((char[512]){ 0 }, root),
		      "/sys/block/md127/md/dev-swapnet1/state"));
	rmdir(strcat(strcpy((char[512]){ 0 }, root),
		     "/sys/block/md127/md/dev-swapnet1"));
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(m.status, MDM_DEGRADED);
	assert_int_equal(m.nlegs, 2);
	assert_false(m.legs[1].member);
	mdm_describe(&m, 1000, buf, sizeof(buf));
	assert_non_null(strstr(buf, "degraded: swapnet1 removed since "));
	assert_int_equal(mdm_clear_degraded(root, "md127"), 0);
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(m.degraded_since, 0);
}

static void test_state_resync(void **state)
{
	struct mdm_state m;
	char buf[256];

	(void)state;
	md_fixture("active\n", "recover\n", "1\n", "421 / 1000\n", "in_sync\n",
		   "spare\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(m.status, MDM_RESYNCING);
	mdm_describe(&m, 0, buf, sizeof(buf));
	assert_string_equal(buf, "resyncing 42.1% (recover)");
	md_fixture("inactive\n", "idle\n", "0\n", "none\n", NULL, NULL);
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(m.status, MDM_INACTIVE);
}

/* ---- list and metrics ---- */

static void test_list_mirror(void **state)
{
	struct mdm_state m;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	json_object *j, *v, *legs;

	(void)state;
	md_fixture("clean\n", "idle\n", "1\n", "none\n", "in_sync\n",
		   "faulty\n");
	mdm_record_degraded(root, "md127", "swapnet1", 940);
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	f = open_memstream(&text, &len);
	list_print_mirror(f, &m, 1000);
	fclose(f);
	assert_non_null(strstr(text, "    mirror /dev/md/swapnet-n1 (md127), legs swapnet0 swapnet1\n    mirror state: degraded: swapnet1 faulty since "));
	free(text);
	j = list_mirror_json(&m);
	assert_true(json_object_object_get_ex(j, "status", &v));
	assert_string_equal(json_object_get_string(v), "degraded");
	assert_true(json_object_object_get_ex(j, "degraded_since", &v));
	assert_int_equal(json_object_get_int64(v), 940);
	assert_true(json_object_object_get_ex(j, "device", &v));
	assert_string_equal(json_object_get_string(v), "/dev/md127");
	assert_true(json_object_object_get_ex(j, "legs", &legs));
	assert_int_equal(json_object_array_length(legs), 2);
	assert_true(json_object_object_get_ex(
		json_object_array_get_idx(legs, 1), "faulty", &v));
	assert_true(json_object_get_boolean(v));
	assert_false(json_object_object_get_ex(j, "resync_percent", &v));
	json_object_put(j);

	md_fixture("active\n", "recover\n", "1\n", "500 / 1000\n", "in_sync\n",
		   "spare\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	j = list_mirror_json(&m);
	assert_true(json_object_object_get_ex(j, "resync_percent", &v));
	assert_true(json_object_get_double(v) == 50.0);
	json_object_put(j);
}

static void test_metrics_mirror(void **state)
{
	struct mdm_state m[METRICS_MAX_MIRRORS];
	char *text = NULL;
	size_t len = 0, n;
	FILE *f;

	(void)state;
	md_fixture("active\n", "recover\n", "1\n", "250 / 1000\n", "in_sync\n",
		   "spare\n");
	n = mdm_find_all(root, m, METRICS_MAX_MIRRORS);
	assert_int_equal(n, 1);
	f = open_memstream(&text, &len);
	metrics_print_mirrors(f, m, n);
	metrics_print_mirrors(f, m, 0);
	fclose(f);
	assert_non_null(strstr(text, "swapnet_mirror_info{md=\"md127\",name=\"swapnet-n1\",status=\"resyncing\"} 1\n"));
	assert_non_null(strstr(text, "swapnet_mirror_in_sync{md=\"md127\",name=\"swapnet-n1\"} 0\n"));
	assert_non_null(strstr(text, "swapnet_mirror_resyncing{md=\"md127\",name=\"swapnet-n1\"} 1\n"));
	assert_non_null(strstr(text, "swapnet_mirror_resync_progress_ratio{md=\"md127\",name=\"swapnet-n1\"} 0.2500\n"));
	assert_non_null(strstr(text, "swapnet_mirror_leg_in_sync{md=\"md127\",name=\"swapnet-n1\",device=\"swapnet1\"} 0\n"));
	assert_non_null(strstr(text, "swapnet_mirror_leg_in_sync{md=\"md127\",name=\"swapnet-n1\",device=\"swapnet0\"} 1\n"));
	free(text);
}

/* ---- the monitor ---- */

static void test_monitor_decide(void **state)
{
	struct mdm_state m;
	struct monitor_leg_info info[2] = {
		{ .state = SWAPNET_STATE_OK },
		{ .state = SWAPNET_STATE_NOT_RESPONDING },
	};
	struct monitor_decision d[MDM_LEGS_MAX];

	(void)state;
	/* in sync: nothing */
	md_fixture("clean\n", "idle\n", "0\n", "none\n", "in_sync\n",
		   "in_sync\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	assert_int_equal(monitor_decide(&m, info, 100, d), 2);
	assert_int_equal(d[0].act, MON_NONE);
	assert_int_equal(d[1].act, MON_NONE);
	/* md failed swapnet1, its server still silent: wait */
	md_fixture("clean\n", "idle\n", "1\n", "none\n", "in_sync\n",
		   "faulty\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_NONE);
	assert_int_equal(d[1].act, MON_WAIT);
	assert_string_equal(d[1].why, "swapnet1 out of the array, its server is not responding");
	/* it answers again: re-add, removing the faulty member first */
	info[1].state = SWAPNET_STATE_OK;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[1].act, MON_READD);
	assert_true(d[1].listed);
	assert_string_equal(d[1].leg, "swapnet1");
	/* a re-add failed 10 s ago: not again yet; after the pause, yes */
	info[1].last_fail = 90;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[1].act, MON_WAIT);
	monitor_decide(&m, info, 90 + MONITOR_RETRY_S, d);
	assert_int_equal(d[1].act, MON_READD);
	info[1].last_fail = 0;
	/* removed from md: re-add without --remove */
	unlink(strcat(strcpy((char[512]){ 0 }, root),
		      "/sys/block/md127/md/dev-swapnet1/state"));
	rmdir(strcat(strcpy((char[512]){ 0 }, root),
		     "/sys/block/md127/md/dev-swapnet1"));
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[1].act, MON_READD);
	assert_false(d[1].listed);
	/* the device is gone (detached): wait, never re-add */
	info[1].state = -1;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[1].act, MON_WAIT);
	/* FAILED: wait */
	info[1].state = SWAPNET_STATE_FAILED;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[1].act, MON_WAIT);
	/* md recovering the leg: md's business */
	info[1].state = SWAPNET_STATE_OK;
	md_fixture("active\n", "recover\n", "1\n", "10 / 100\n", "in_sync\n",
		   "spare\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[1].act, MON_NONE);
	assert_string_equal(d[1].why, "md is recovering it");
}

/* the monitor's record of a leg's verify errors */
static void test_monitor_verify(void **state)
{
	struct monitor_verify v = { .seen = 5 };

	(void)state;
	assert_false(monitor_verify_pending(&v));
	/* one event a block: offsets known */
	assert_true(monitor_verify_event(&v, 8192, true, 6));
	monitor_verify_event(&v, 16384, true, 7);
	monitor_verify_event(&v, 8192, true, 8);	/* read again */
	assert_int_equal(v.n, 2);
	assert_false(v.whole);
	assert_true(monitor_verify_pending(&v));
	assert_true(monitor_verify_due(&v, 8));
	assert_false(v.whole);
	/* the repair's own reads: counted by the repair, old news after */
	monitor_verify_done(&v, 10);
	assert_false(monitor_verify_pending(&v));
	assert_false(monitor_verify_event(&v, 8192, true, 9));
	assert_false(monitor_verify_event(&v, 16384, true, 10));
	assert_int_equal(v.n, 0);
	assert_false(monitor_verify_pending(&v));
	/* two errors, one event (the module sent the latest offset) */
	monitor_verify_event(&v, 4096, true, 12);
	assert_true(v.whole);
	monitor_verify_done(&v, 12);
	/* no stats in the event: the count is unknown */
	monitor_verify_event(&v, 4096, false, 0);
	assert_true(v.whole);
	assert_int_equal(v.seen, 12);
	monitor_verify_done(&v, 13);
	/* a count alone is no cause (its event may be on its way) */
	assert_false(monitor_verify_pending(&v));
	/* events lost: the count above seen is errors no event named */
	monitor_verify_lost(&v, 13);
	assert_false(monitor_verify_pending(&v));
	monitor_verify_lost(&v, 14);
	assert_true(monitor_verify_pending(&v));
	assert_true(v.whole);
	monitor_verify_done(&v, 14);
	/* a count above the events when the repair starts: whole */
	monitor_verify_event(&v, 4096, true, 15);
	assert_false(v.whole);
	assert_true(monitor_verify_due(&v, 16));
	assert_true(v.whole);
	monitor_verify_done(&v, 16);
	assert_false(monitor_verify_pending(&v));
	assert_false(v.whole);
	monitor_verify_lost(&v, 14);
	assert_false(v.whole);
	/* more blocks than recorded: whole */
	for (unsigned int i = 0; i <= MONITOR_OFFSETS_MAX; i++)
		monitor_verify_event(&v, 4096ULL * i, true, 17 + i);
	assert_int_equal(v.n, MONITOR_OFFSETS_MAX);
	assert_true(v.whole);
}

/* the decision table of a repair */
static void test_monitor_decide_repair(void **state)
{
	struct mdm_state m;
	struct monitor_leg_info info[2] = {
		{ .state = SWAPNET_STATE_OK, .repair_due = true,
		  .repair_blocks = 2 },
		{ .state = SWAPNET_STATE_OK },
	};
	struct monitor_decision d[MDM_LEGS_MAX];

	(void)state;
	/* in sync, md idle, the leg answers: repair */
	md_fixture("clean\n", "idle\n", "0\n", "none\n", "in_sync,failfast\n",
		   "in_sync,write_mostly,failfast\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_REPAIR);
	assert_string_equal(d[0].why, "swapnet0: 2 blocks failed verification: md repairs them from the other leg");
	assert_int_equal(d[1].act, MON_NONE);
	info[0].repair_blocks = 0;
	monitor_decide(&m, info, 100, d);
	assert_string_equal(d[0].why, "swapnet0: blocks failed verification (offsets not all known): md repairs the whole array from the other leg");
	info[0].repair_blocks = 1;
	/* its server silent: wait */
	info[0].state = SWAPNET_STATE_NOT_RESPONDING;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_WAIT);
	assert_string_equal(d[0].why, "swapnet0: 1 block failed verification: the repair waits for its server");
	info[0].state = SWAPNET_STATE_OK;
	/* the last repair failed 10 s ago: not yet; later, yes */
	info[0].repair_fail = 90;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_WAIT);
	monitor_decide(&m, info, 90 + MONITOR_RETRY_S, d);
	assert_int_equal(d[0].act, MON_REPAIR);
	info[0].repair_fail = 0;
	/* md busy with a check of the admin's: wait */
	md_fixture("clean\n", "check\n", "0\n", "10 / 100\n", "in_sync\n",
		   "in_sync\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_WAIT);
	assert_string_equal(d[0].why, "swapnet0: 1 block failed verification: the repair waits for md (sync_action check)");
	/* md recovering the other leg (the re-add): md first */
	md_fixture("active\n", "recover\n", "1\n", "10 / 100\n", "in_sync\n",
		   "spare\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_NONE);
	assert_string_equal(d[0].why, "swapnet0: 1 block failed verification: the repair waits for md's recover");
	/* the other leg faulty: nothing to repair from yet */
	md_fixture("clean\n", "idle\n", "1\n", "none\n", "in_sync\n",
		   "faulty\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	info[1].state = SWAPNET_STATE_NOT_RESPONDING;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_WAIT);
	assert_string_equal(d[0].why, "swapnet0: 1 block failed verification: the repair waits for every leg in sync");
	assert_int_equal(d[1].act, MON_WAIT);
	/* the leg with the errors is the one out: re-add it first */
	md_fixture("clean\n", "idle\n", "1\n", "none\n", "faulty\n",
		   "in_sync\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	info[1].state = SWAPNET_STATE_OK;
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_READD);
	/* the leg recovering after the re-add: md's */
	md_fixture("active\n", "recover\n", "1\n", "10 / 100\n", "spare\n",
		   "in_sync\n");
	assert_int_equal(mdm_read(root, "md127", &m), 0);
	monitor_decide(&m, info, 100, d);
	assert_int_equal(d[0].act, MON_NONE);
	assert_string_equal(d[0].why, "md is recovering it");
}

static char *md_file(const char *attr)
{
	char path[1024], *t;

	snprintf(path, sizeof(path), "%s/sys/block/md127/md/%s", root, attr);
	t = read_file(path);
	assert_non_null(t);
	return t;
}

static void repair_fixture(const char *mismatch)
{
	md_fixture("clean\n", "idle\n", "0\n", "200 / 1000\n",
		   "in_sync,failfast\n", "in_sync,failfast\n");
	put("sys/block/md127/md/sync_min", "0\n");
	put("sys/block/md127/md/sync_max", "max\n");
	put("sys/block/md127/md/component_size", "500\n");
	put("sys/block/md127/md/mismatch_cnt", mismatch);
}

/* md's repair through sysfs: the sequence, the window restored */
static void test_repair_sysfs(void **state)
{
	struct mirror_region r = { 8, 16 };
	struct mirror_repair_result res;
	char err[256] = "";
	char *t;

	(void)state;
	/* md at sector 200 of 1000 (waiting at sync_max): region done */
	repair_fixture("0\n");
	assert_int_equal(mirror_repair("md127", "swapnet0", &r, 5, NULL, &res,
				       err, sizeof(err)), 0);
	assert_int_equal(res.mismatch, 0);
	assert_int_equal(res.after, 0);
	t = md_file("sync_action");
	assert_string_equal(t, "idle");
	free(t);
	t = md_file("sync_min");
	assert_string_equal(t, "0");
	free(t);
	t = md_file("sync_max");
	assert_string_equal(t, "max");
	free(t);
	/* md still finds the legs different after: loud */
	repair_fixture("8\n");
	assert_int_equal(mirror_repair("md127", "swapnet0", &r, 5, NULL, &res,
				       err, sizeof(err)), -EIO);
	assert_int_equal(res.mismatch, 8);
	assert_string_equal(err, "the check after the repair still finds 8 sectors different");
	/* md failed the leg meanwhile */
	repair_fixture("0\n");
	put("sys/block/md127/md/dev-swapnet0/state", "faulty\n");
	assert_int_equal(mirror_repair("md127", "swapnet0", &r, 5, NULL, &res,
				       err, sizeof(err)), -EIO);
	assert_non_null(strstr(err, "md failed swapnet0 during the repair"));
	t = md_file("sync_max");
	assert_string_equal(t, "max");
	free(t);
	/* md busy, or a window of the admin's: refused, left alone */
	repair_fixture("0\n");
	put("sys/block/md127/md/sync_action", "check\n");
	assert_int_equal(mirror_repair("md127", "swapnet0", &r, 5, NULL, &res,
				       err, sizeof(err)), -EBUSY);
	assert_string_equal(err, "md is not idle (sync_action check)");
	repair_fixture("0\n");
	put("sys/block/md127/md/sync_min", "1024\n");
	assert_int_equal(mirror_repair("md127", "swapnet0", &r, 5, NULL, &res,
				       err, sizeof(err)), -EBUSY);
	t = md_file("sync_min");
	assert_string_equal(t, "1024\n");
	free(t);
	/* md never gets there: bounded */
	repair_fixture("0\n");
	put("sys/block/md127/md/sync_completed", "8 / 1000\n");
	assert_int_equal(mirror_repair("md127", "swapnet0", &r, 1, NULL, &res,
				       err, sizeof(err)), -ETIMEDOUT);
	assert_string_equal(err, "md's repair of sectors 8-16 did not end within 1 s");
	t = md_file("sync_min");
	assert_string_equal(t, "0");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_mirror),
		cmocka_unit_test(test_config_mirror_bad),
		cmocka_unit_test(test_args_mirror),
		cmocka_unit_test(test_group_id),
		cmocka_unit_test(test_md_name),
		cmocka_unit_test_setup_teardown(test_create_argv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_up_create_and_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_up_assemble_ours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_up_refuses_foreign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state_in_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state_degraded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state_resync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_mirror, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metrics_mirror, setup, teardown),
		cmocka_unit_test_setup_teardown(test_monitor_decide, setup, teardown),
		cmocka_unit_test(test_bitmap_chunk),
		cmocka_unit_test(test_repair_regions),
		cmocka_unit_test(test_monitor_verify),
		cmocka_unit_test_setup_teardown(test_monitor_decide_repair, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repair_sysfs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

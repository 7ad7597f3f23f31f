// SPDX-License-Identifier: GPL-2.0
/*
 * `swapnetctl check --server PATH` (serverexports.c) on fixture export
 * tables (tests/fixtures/server: etab as exportfs writes it, the kernel's
 * /proc/fs/nfsd/exports as fs/nfsd/export.c prints it) under a temporary
 * root with swapfiles of given modes: an async export, subtree_check,
 * an export open to any host and a file wider than 0600 each fail with
 * their fix; a sync, no_subtree_check export to the node network with
 * 0600 files passes.
 */
#include <errno.h>
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

#include "tests/fixture_dir.h"

#include "../checklist.h"
#include "../serverexports.h"

static char fixdir[4096];
static char root[] = "/tmp/swapnet-srvtest.XXXXXX";
static struct checklist l;

static void sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

static void put(const char *path, int mode)
{
	char full[4400];
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", root, path);
	f = fopen(full, "w");
	assert_non_null(f);
	fputs("swap", f);
	fclose(f);
	assert_int_equal(chmod(full, (mode_t)mode), 0);
}

/* the tree: an etab (or only the kernel's table), files in /srv */
static void make_root(bool etab, bool kernel)
{
	sh("rm -rf %s/var %s/proc %s/srv", root, root, root);
	sh("mkdir -p %s/var/lib/nfs %s/proc/fs/nfsd %s/srv/swap %s/srv/fast "
	   "%s/srv/old %s/srv/open %s/srv/two '%s/srv/a b' %s/srv/none",
	   root, root, root, root, root, root, root, root, root);
	if (etab)
		sh("cp %s/etab %s/var/lib/nfs/etab", fixdir, root);
	else
		sh(": > %s/var/lib/nfs/etab", root);
	if (kernel)
		sh("cp %s/nfsd-exports %s/proc/fs/nfsd/exports", fixdir, root);
	put("/srv/swap/n1.swap", 0600);
	put("/srv/swap/n2.swap", 0600);
	put("/srv/fast/n1.swap", 0600);
	put("/srv/old/n1.swap", 0600);
	put("/srv/open/n1.swap", 0600);
	put("/srv/two/n1.swap", 0644);
	put("/srv/a b/n1.swap", 0600);
	put("/srv/none/n1.swap", 0600);
}

/* the item check (the n-th of that name), or fail */
static const struct check_item *item(const char *check, int nth)
{
	int i;

	for (i = 0; i < l.n; i++)
		if (!strcmp(l.items[i].check, check) && !nth--)
			return &l.items[i];
	fail_msg("no item '%s'", check);
	return NULL;
}

static void run(const char *path)
{
	memset(&l, 0, sizeof(l));
	server_check(root, path, &l);
}

static void test_good(void **state)
{
	(void)state;
	make_root(true, false);
	run("/srv/swap/n1.swap");
	assert_int_equal(item("server: export", 0)->status, CHECK_OK);
	assert_string_equal(item("server: export", 0)->detail,
			    "/srv/swap holds /srv/swap/n1.swap (/var/lib/nfs/etab)");
	assert_int_equal(item("server: sync", 0)->status, CHECK_OK);
	assert_int_equal(item("server: no_subtree_check", 0)->status,
			 CHECK_OK);
	assert_int_equal(item("server: clients", 0)->status, CHECK_OK);
	assert_int_equal(item("server: file mode", 0)->status, CHECK_OK);
	assert_true(checklist_ok(&l));
	assert_int_equal(l.n, 5);
	/* the directory: every file in it */
	run("/srv/swap");
	assert_string_equal(item("server: file mode", 0)->detail,
			    "2 files in /srv/swap, all 0600 or narrower");
	assert_true(checklist_ok(&l));
	/* an escaped path (\040) */
	run("/srv/a b/n1.swap");
	assert_string_equal(item("server: export", 0)->detail,
			    "/srv/a b holds /srv/a b/n1.swap (/var/lib/nfs/etab)");
	assert_true(checklist_ok(&l));
}

static void test_async(void **state)
{
	const struct check_item *it;

	(void)state;
	make_root(true, false);
	run("/srv/fast/n1.swap");
	it = item("server: sync", 0);
	assert_int_equal(it->status, CHECK_FAIL);
	assert_non_null(strstr(it->detail, "/srv/fast to 10.99.0.0/24: async"));
	assert_string_equal(it->fix,
			    "in /etc/exports write 'sync' for 10.99.0.0/24 on /srv/fast (not 'async'), then run 'exportfs -ra'");
	assert_false(checklist_ok(&l));
}

static void test_subtree_world_mode(void **state)
{
	const struct check_item *it;

	(void)state;
	make_root(true, false);
	run("/srv/old/n1.swap");
	it = item("server: no_subtree_check", 0);
	assert_int_equal(it->status, CHECK_FAIL);
	assert_non_null(strstr(it->fix, "'no_subtree_check' for 10.99.0.5 on /srv/old"));
	assert_int_equal(item("server: sync", 0)->status, CHECK_OK);

	run("/srv/open/n1.swap");
	it = item("server: clients", 0);
	assert_int_equal(it->status, CHECK_FAIL);
	assert_non_null(strstr(it->detail, "exported to any host (*)"));
	assert_non_null(strstr(it->fix, "replace '*' on /srv/open"));

	/* two clients: each line judged; the world's one is async too */
	run("/srv/two");
	assert_int_equal(item("server: clients", 0)->status, CHECK_OK);
	assert_int_equal(item("server: sync", 0)->status, CHECK_OK);
	assert_int_equal(item("server: clients", 1)->status, CHECK_FAIL);
	assert_int_equal(item("server: sync", 1)->status, CHECK_FAIL);
	it = item("server: file mode", 0);
	assert_int_equal(it->status, CHECK_FAIL);
	assert_string_equal(it->detail,
			    "1 of 1 files in /srv/two are wider than 0600 (n1.swap 0644): other users of the server can read or change swapped-out memory");
	run("/srv/two/n1.swap");
	it = item("server: file mode", 0);
	assert_int_equal(it->status, CHECK_FAIL);
	assert_string_equal(it->fix, "chmod 600 /srv/two/n1.swap");
}

static void test_holding(void **state)
{
	struct export_line lines[8];
	const char *text = "/\tA(ro,sync)\n/srv\tB(rw,sync)\n/srv/swap\tC(rw,sync)\n";
	int n;

	(void)state;
	n = exports_parse(text, lines, 8);
	assert_int_equal(n, 3);
	assert_string_equal(exports_holding(lines, 3, "/srv/swap/x"), "/srv/swap");
	assert_string_equal(exports_holding(lines, 3, "/srv/swapx"), "/srv");
	assert_string_equal(exports_holding(lines, 3, "/srv"), "/srv");
	assert_string_equal(exports_holding(lines, 3, "/etc/x"), "/");
	assert_null(exports_holding(lines + 1, 2, "/etc/x"));
	assert_int_equal(exports_parse("junk\n", lines, 8), -EINVAL);
	assert_int_equal(exports_parse("/x\tnoparen\n", lines, 8), -EINVAL);
	assert_true(export_client_is_world("*"));
	assert_true(export_client_is_world("<world>"));
	assert_false(export_client_is_world("10.0.0.0/8"));
	assert_false(export_client_is_world("*.cluster.example"));

	/* not exported at all: "/" of the fixture holds it, ro */
	make_root(true, false);
	run("/srv/none/n1.swap");
	assert_string_equal(item("server: export", 0)->detail,
			    "/ holds /srv/none/n1.swap (/var/lib/nfs/etab)");
	assert_int_equal(item("server: rw", 0)->status, CHECK_FAIL);
	assert_false(checklist_ok(&l));
}

/* no etab entries: the kernel's own table, where subtree_check is silent */
static void test_kernel_table(void **state)
{
	const struct check_item *it;

	(void)state;
	make_root(false, true);
	run("/srv/swap/n1.swap");
	assert_string_equal(item("server: export", 0)->detail,
			    "/srv/swap holds /srv/swap/n1.swap (/proc/fs/nfsd/exports)");
	assert_true(checklist_ok(&l));
	run("/srv/fast/n1.swap");
	assert_int_equal(item("server: sync", 0)->status, CHECK_FAIL);
	assert_int_equal(item("server: no_subtree_check", 0)->status,
			 CHECK_FAIL);
	/* nothing exported anywhere */
	make_root(false, false);
	run("/srv/swap/n1.swap");
	it = item("server: export", 0);
	assert_int_equal(it->status, CHECK_FAIL);
	assert_non_null(strstr(it->detail, "no exports"));
	assert_non_null(strstr(it->fix, "'/srv/swap/n1.swap NODE-NETWORK(rw,sync,no_subtree_check,no_root_squash)'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_async),
		cmocka_unit_test(test_subtree_world_mode),
		cmocka_unit_test(test_holding),
		cmocka_unit_test(test_kernel_table),
	};
	int ret;

	FIXTURE_DIR(fixdir, "fixtures/server");
	if (!mkdtemp(root))
		return 1;
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	sh("rm -rf %s", root);
	return ret;
}

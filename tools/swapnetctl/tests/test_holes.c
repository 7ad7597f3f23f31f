// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of holes.c: holes_judge() over the table of what ext4, btrfs
 * and ZFS report for written and sparse swapfiles and for the probe
 * (tests/fixtures/holes/stat), holes_sibling()'s names, and the local
 * probe against /tmp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"

#include "holes.h"

static char fixture[4096];

static enum holes_verdict verdict_of(const char *s)
{
	if (!strcmp(s, "none"))
		return HOLES_NONE;
	if (!strcmp(s, "sparse"))
		return HOLES_SPARSE;
	if (!strcmp(s, "compressing"))
		return HOLES_COMPRESSING;
	if (!strcmp(s, "unknown"))
		return HOLES_UNKNOWN;
	fail_msg("fixture: verdict '%s'", s);
	return HOLES_UNKNOWN;
}

static void judge_fixtures(void **state)
{
	unsigned long long size, used;
	char line[512], name[64], pw[32], pu[32], v[32];
	int rows = 0, sparse = 0, compressing = 0;
	FILE *f = fopen(fixture, "r");

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		struct holes_probe p = { 0 }, *pp = NULL;
		enum holes_verdict want;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_int_equal(sscanf(line, "%63s %llu %llu %31s %31s %31s",
					name, &size, &used, pw, pu, v), 6);
		if (strcmp(pw, "-")) {
			p.written = strtoull(pw, NULL, 10);
			p.used = strtoull(pu, NULL, 10);
			pp = &p;
		}
		want = verdict_of(v);
		if (holes_judge(size, used, pp) != want)
			fail_msg("%s: verdict %d, want %s", name,
				 holes_judge(size, used, pp), v);
		/* a probe that failed never clears a file */
		if (pp && want != HOLES_NONE) {
			p.ret = -EACCES;
			assert_int_equal(holes_judge(size, used, pp),
					 HOLES_UNKNOWN);
		}
		sparse += want == HOLES_SPARSE;
		compressing += want == HOLES_COMPRESSING;
		rows++;
	}
	fclose(f);
	assert_true(rows >= 10);
	assert_true(sparse >= 3 && compressing >= 2);
}

static void sibling_names(void **state)
{
	struct nfs_target t = { .host = "srv", .export = "/export" }, s;

	(void)state;
	strcpy(t.file, "/swapfile");
	assert_int_equal(holes_sibling(&t, ".p", &s), 0);
	assert_string_equal(s.file, "/.p");
	assert_string_equal(s.export, "/export");
	assert_string_equal(s.host, "srv");
	strcpy(t.file, "/nodes/n1.swap");
	assert_int_equal(holes_sibling(&t, ".p", &s), 0);
	assert_string_equal(s.file, "/nodes/.p");
	memset(t.file, 'a', sizeof(t.file) - 1);
	t.file[0] = '/';
	t.file[sizeof(t.file) - 4] = '/';
	t.file[sizeof(t.file) - 1] = '\0';
	assert_int_equal(holes_sibling(&t, "a-longer-name", &s),
			 -ENAMETOOLONG);
}

/*
 * Probe names: nodes booted from one image run with the same PIDs at
 * the same time in one directory; every name is its own.
 */
static void probe_names(void **state)
{
	char a[160], b[160], host[65] = "", want[128];

	(void)state;
	holes_probe_name(a, sizeof(a), "probe");
	holes_probe_name(b, sizeof(b), "probe");
	assert_string_not_equal(a, b);
	assert_null(strchr(a, '/'));
	gethostname(host, sizeof(host) - 1);
	host[strcspn(host, "/")] = '\0';
	snprintf(want, sizeof(want), ".swapnetctl-probe.%s.%d.", host,
		 (int)getpid());
	assert_memory_equal(a, want, strlen(want));
	assert_int_equal(strlen(a), strlen(want) + 8);
}

/* no probe file left in dir */
static void assert_only(const char *dir, const char *name)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, name))
			fail_msg("left in %s: %s", dir, e->d_name);
	closedir(d);
}

/*
 * The probe through the local file system (check PATH): /tmp's keeps
 * written zeros (ext4, tmpfs), so a sparse file there is refused; a
 * probe that cannot be written clears nothing.
 */
static void probe_local(void **state)
{
	char dir[] = "/tmp/swapnet-holes.XXXXXX", path[64], gone[96];
	struct holes_probe p;
	struct stat st;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/swapfile", dir);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 4 << 20), 0);
	assert_int_equal(fstat(fd, &st), 0);
	close(fd);
	holes_probe_local(path, &p);
	assert_int_equal(p.ret, 0);
	assert_int_equal(p.written, HOLES_PROBE_LEN);
	assert_true(p.used >= HOLES_PROBE_LEN);
	assert_int_equal(holes_judge((uint64_t)st.st_size,
				     (uint64_t)st.st_blocks * 512, &p),
			 HOLES_SPARSE);
	assert_only(dir, "swapfile");

	snprintf(gone, sizeof(gone), "%s/no-such-dir/swapfile", dir);
	holes_probe_local(gone, &p);
	assert_int_equal(p.ret, -ENOENT);
	assert_string_equal(p.err, "No such file or directory");
	assert_int_equal(holes_judge(4 << 20, 0, &p), HOLES_UNKNOWN);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(judge_fixtures),
		cmocka_unit_test(sibling_names),
		cmocka_unit_test(probe_local),
		cmocka_unit_test(probe_names),
	};

	FIXTURE_DIR(fixture, "fixtures/holes/stat");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

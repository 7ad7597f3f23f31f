// SPDX-License-Identifier: GPL-2.0
/*
 * One tick reads each file once: sampler_take() on fixtures/t1 with
 * read_file() wrapped at link time (-Wl,--wrap=read_file, Makefile)
 * to count the reads per path.  The recommendation it computes from the
 * tick's texts is the one reading the tree afresh gives (46223 kB, the
 * number swapnetctl metrics shows for t1).
 */
#include "recommend.h"
#include "sampler.h"
#include "testutil.h"

#define MAX_PATHS 256

static struct {
	char path[512];
	int n;
} reads[MAX_PATHS];
static size_t nreads;

char *__real_read_file(const char *path);
char *__wrap_read_file(const char *path);

char *__wrap_read_file(const char *path)
{
	size_t i;

	for (i = 0; i < nreads; i++)
		if (!strcmp(reads[i].path, path))
			break;
	if (i == nreads && nreads < MAX_PATHS) {
		snprintf(reads[i].path, sizeof(reads[0].path), "%s", path);
		reads[nreads++].n = 0;
	}
	if (i < MAX_PATHS)
		reads[i].n++;
	return __real_read_file(path);
}

static int times_read(const char *path)
{
	char full[512];
	size_t i;

	snprintf(full, sizeof(full), "%s%s", FIX_T1, path);
	for (i = 0; i < nreads; i++)
		if (!strcmp(reads[i].path, full))
			return reads[i].n;
	return 0;
}

static void test_one_read_per_tick(void **state)
{
	static struct snapshot s;
	struct sampler sp;
	char err[256] = "";
	size_t i;
	int tick;

	(void)state;
	assert_int_equal(sampler_init(&sp, FIX_T1), 0);
	for (tick = 0; tick < 2; tick++) {
		nreads = 0;
		assert_int_equal(sampler_take(&sp, &s, err, sizeof(err)), 0);
		for (i = 0; i < nreads; i++)
			if (reads[i].n != 1)
				fail_msg("tick %d read %s %d times", tick,
					 reads[i].path, reads[i].n);
		/* the files the snapshot and the reserve model share */
		assert_int_equal(times_read("/proc/zoneinfo"), 1);
		assert_int_equal(times_read("/proc/swaps"), 1);
		assert_int_equal(times_read("/proc/meminfo"), 1);
		assert_int_equal(times_read("/proc/vmstat"), 1);
		assert_int_equal(times_read("/proc/sys/vm/min_free_kbytes"), 1);
		assert_int_equal(times_read("/proc/self/mountinfo"), 1);
		/* t1 swaps to a file on an NFS mount: its RPC stats */
		assert_int_equal(times_read("/proc/self/mountstats"), 1);
		/* what only the model reads, read by it */
		assert_int_equal(times_read("/proc/sys/net/ipv4/tcp_wmem"), 1);
		assert_int_equal(sp.recommended_kb, 46223);
	}
	sampler_fini(&sp);
	assert_int_equal(recommend_compute(FIX_T1), 46223);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_read_per_tick),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

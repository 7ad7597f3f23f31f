// SPDX-License-Identifier: GPL-2.0
/*
 * zswap's figures (proc_zswap.c) from the fixture trees:
 *   zswap-debugfs  6.1 as root: debugfs pool_total_size 10485760 B =
 *                  10240 kB, stored_pages 7680, written_back_pages 123
 *                  (meminfo's Zswap/Zswapped 999 kB must be ignored)
 *   zswap-proc     6.12 without debugfs: meminfo Zswap 2048 kB, Zswapped
 *                  8192 kB = 2048 pages of 4096 B, vmstat zswpwb 5
 *   zswap-off      6.1, off and empty, no debugfs and no zswpwb
 *   t1             a kernel without zswap
 */
#include <json-c/json.h>

#include "testutil.h"
#include "proc_zswap.h"

static char *batch_text(const struct st_zswap *z)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	zswap_batch(f, z);
	fclose(f);
	return buf;
}

static void test_debugfs(void **state)
{
	struct json_object *o, *v;
	struct st_zswap z;
	char line[160], *b;

	(void)state;
	zswap_read(&z, "fixtures/zswap-debugfs", 4096);
	assert_true(z.present && z.enabled && z.from_debugfs);
	assert_string_equal(z.compressor, "lz4");
	assert_int_equal(z.pool_kb, 10240);
	assert_int_equal(z.stored_pages, 7680);
	assert_int_equal(z.written_back_pages, 123);
	assert_true(z.have_zswpout);
	assert_int_equal(z.zswpout, 11800);
	assert_int_equal(z.zswpin, 4000);
	assert_true(zswap_shown(&z));
	zswap_format(&z, line, sizeof(line));
	assert_string_equal(line, "Zswap on (lz4)  pool 10.0 MiB  stored 7680 pg  written back 123 pg");
	b = batch_text(&z);
	assert_string_equal(b, "zswap enabled yes compressor lz4 pool_kb 10240 stored_pages 7680 written_back_pages 123 zswpout 11800 zswpin 4000 source debugfs\n");
	free(b);
	o = zswap_json(&z);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "enabled", &v) && json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(o, "pool_kb", &v));
	assert_int_equal(json_object_get_uint64(v), 10240);
	assert_true(json_object_object_get_ex(o, "stored_pages", &v));
	assert_int_equal(json_object_get_uint64(v), 7680);
	assert_true(json_object_object_get_ex(o, "written_back_pages", &v));
	assert_int_equal(json_object_get_uint64(v), 123);
	assert_true(json_object_object_get_ex(o, "source", &v));
	assert_string_equal(json_object_get_string(v), "debugfs");
	json_object_put(o);
}

static void test_proc(void **state)
{
	struct json_object *o, *v;
	struct st_zswap z;
	char *b;

	(void)state;
	zswap_read(&z, "fixtures/zswap-proc", 4096);
	assert_true(z.present && z.enabled && !z.from_debugfs);
	assert_int_equal(z.pool_kb, 2048);
	assert_int_equal(z.stored_pages, 2048);
	assert_true(z.have_written_back);
	assert_int_equal(z.written_back_pages, 5);
	b = batch_text(&z);
	assert_string_equal(b, "zswap enabled yes compressor lzo pool_kb 2048 stored_pages 2048 written_back_pages 5 zswpout 2050 zswpin 7 source proc\n");
	free(b);
	o = zswap_json(&z);
	assert_true(json_object_object_get_ex(o, "compressor", &v));
	assert_string_equal(json_object_get_string(v), "lzo");
	json_object_put(o);
}

static void test_off_and_absent(void **state)
{
	struct json_object *o, *v;
	struct st_zswap z;
	struct snapshot *s;
	char line[160], *b;

	(void)state;
	zswap_read(&z, "fixtures/zswap-off", 4096);
	assert_true(z.present && !z.enabled);
	assert_false(z.have_written_back);
	/* off and empty: no screen or batch line, but -j says so */
	assert_false(zswap_shown(&z));
	b = batch_text(&z);
	assert_string_equal(b, "");
	free(b);
	o = zswap_json(&z);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "enabled", &v));
	assert_false(json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(o, "written_back_pages", &v));
	assert_null(v);
	json_object_put(o);
	/* off but still holding pages: shown */
	z.stored_pages = 3;
	assert_true(zswap_shown(&z));
	zswap_format(&z, line, sizeof(line));
	assert_string_equal(line, "Zswap off (lzo)  pool 0.0 MiB  stored 3 pg  written back n/a");

	/* no zswap in the kernel: nothing anywhere, JSON null */
	s = load_snapshot(FIX_T1, 1.0);
	assert_false(s->zswap.present);
	assert_false(zswap_shown(&s->zswap));
	assert_null(zswap_json(&s->zswap));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debugfs),
		cmocka_unit_test(test_proc),
		cmocka_unit_test(test_off_and_absent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the output of swapnetctl reserve and check: the JSON has
 * the text's field names (units in the keys) and the numbers of the
 * computation (fixture B of test_reserve.c: 64 GiB, 3 NICs, 2 devices).
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"
#include <json.h>

#include "../checklist.h"
#include "../reserve_report.h"

static char fixtures[4096];
static struct reserve_machine m;

static char *capture_text(const struct reserve_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	reserve_report_text(f, &m, r);
	fclose(f);
	return buf;
}

/* Keys only JSON has: booleans the text shows as words. */
static int json_only(const char *key)
{
	return !strcmp(key, "rx_ring_default") || !strcmp(key, "too_large") ||
	       !strcmp(key, "devices") || !strcmp(key, "nics");
}

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* key as a whole word of text: "kb" is not found inside "total_kb" */
static int has_word(const char *text, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = strstr(text, key); p; p = strstr(p + 1, key))
		if ((p == text || !ident_char(p[-1])) && !ident_char(p[n]))
			return 1;
	return 0;
}

static void test_has_word(void **state)
{
	(void)state;
	assert_true(has_word("a total_kb b", "total_kb"));
	assert_true(has_word("total_kb", "total_kb"));
	assert_false(has_word("a total_kb b", "kb"));
	assert_false(has_word("a total_kbx b", "total_kb"));
	assert_true(has_word("x_kb kb\n", "kb"));
}

static void keys_in_text(json_object *o, const char *text)
{
	json_object_object_foreach(o, key, val) {
		(void)val;
		if (json_only(key))
			continue;
		if (!has_word(text, key))
			fail_msg("JSON key '%s' is not in the text output", key);
	}
}

static void test_reserve_json_matches_text(void **state)
{
	char path[4200], err[512] = "", *text;
	struct reserve_result r;
	json_object *o, *devs, *nics, *v;

	(void)state;
	snprintf(path, sizeof(path), "%s/reserve/b", fixtures);
	assert_int_equal(reserve_probe(path, NULL, NULL, &m, err, sizeof(err)), 0);
	reserve_compute(&m, &r);
	text = capture_text(&r);
	o = reserve_report_json(&m, &r);

	keys_in_text(o, text);
	assert_true(json_object_object_get_ex(o, "devices", &devs));
	assert_true(json_object_object_get_ex(o, "nics", &nics));
	assert_int_equal(json_object_array_length(devs), 2);
	assert_int_equal(json_object_array_length(nics), 3);
	keys_in_text(json_object_array_get_idx(devs, 0), text);
	keys_in_text(json_object_array_get_idx(nics, 0), text);

	/* the numbers are the computation's (rings: all default here) */
	assert_true(json_object_object_get_ex(o, "recommended_kb", &v));
	assert_int_equal(json_object_get_int64(v), (int64_t)r.recommended_kb);
	assert_true(json_object_object_get_ex(o, "current_kb", &v));
	assert_int_equal(json_object_get_int64(v), 90112);
	assert_true(json_object_object_get_ex(json_object_array_get_idx(devs, 0),
					      "total_kb", &v));
	/*
	 * payload 14520 (reads, at the RX limit) + 4096 (writes, at
	 * tcp_wmem[2]) = 18616, + 512 + 8 (test_reserve.c, shape B)
	 */
	assert_int_equal(json_object_get_int64(v), 19136);
	assert_true(json_object_object_get_ex(json_object_array_get_idx(devs, 1),
					      "device", &v));
	assert_string_equal(json_object_get_string(v), "swapnet1");
	/* and in the text, on the device's line */
	assert_non_null(strstr(text,
			       "  device swapnet0  kind swapnet  depth 128  max_req_kb 1024\n"
			       "    inflight_kb 131072  payload_kb 18616  header_kb 512  socket_kb 8\n"
			       "    total_kb 19136\n"));
	/* scripts read the recommendation as awk '$1 == "recommended_kb"' */
	{
		char want[64];

		snprintf(want, sizeof(want), "\n  recommended_kb   %10llu\n",
			 (unsigned long long)r.recommended_kb);
		assert_non_null(strstr(text, want));
	}
	/*
	 * the sockets' limits cap the payload: network 26826 + 544 + 4160 +
	 * 544 = 32074 -> 85531 -> needed 85551: the default 90112 is enough
	 * here
	 */
	assert_non_null(strstr(text, "90112  ok\n"));

	json_object_put(o);
	free(text);
}

/* the longest line of text, in bytes (the text is ASCII) */
static size_t longest(const char *text)
{
	size_t max = 0;

	while (*text) {
		size_t n = strcspn(text, "\n");

		if (n > max)
			max = n;
		text += n + (text[n] == '\n');
	}
	return max;
}

/* every fixture's report within 80 columns, the warning too */
static void test_reserve_text_80_columns(void **state)
{
	static const char *const trees[] = { "a", "b", "c", "d", "lab61",
					     "lab612" };
	char path[4200], err[512] = "", *text;
	struct reserve_result r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(trees) / sizeof(trees[0]); i++) {
		snprintf(path, sizeof(path), "%s/reserve/%s", fixtures, trees[i]);
		assert_int_equal(reserve_probe(path, NULL, NULL, &m, err,
					       sizeof(err)), 0);
		reserve_compute(&m, &r);
		r.too_large = true;
		text = capture_text(&r);
		if (longest(text) > 80)
			fail_msg("reserve/%s: a line of %zu columns:\n%s",
				 trees[i], longest(text), text);
		assert_non_null(strstr(text, "warning: more than a quarter"));
		free(text);
	}
}

static void test_checklist(void **state)
{
	static struct checklist l;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	json_object *o, *v, *a;

	(void)state;
	memset(&l, 0, sizeof(l));
	checklist_add(&l, "server", CHECK_OK, "never shown", "mounted %s", "s:/e");
	assert_true(checklist_ok(&l));
	checklist_add(&l, "SUNRPC swap", CHECK_UNKNOWN, "install the config", "unknown");
	assert_true(checklist_ok(&l));	/* unknown does not fail */
	checklist_add(&l, "holes", CHECK_FAIL, "recreate it", "%d of %d", 1, 2);
	assert_false(checklist_ok(&l));

	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	checklist_print_text(f, &l);
	fclose(f);
	assert_string_equal(buf,
			    "\u2713 server: mounted s:/e\n"
			    "? SUNRPC swap: unknown\n"
			    "    fix: install the config\n"
			    "\u2717 holes: 1 of 2\n"
			    "    fix: recreate it\n");
	free(buf);
	/* no check marks where the charset has none; 80 columns */
	setlocale(LC_CTYPE, "C");
	checklist_add(&l, "export: sync", CHECK_FAIL,
		      "on the server, run 'swapnetctl check --server PATH' with the swapfile's path there: it reads the export table and says",
		      "cannot be seen from the client: the export holding %s must be 'sync'; with 'async' the server acknowledges writes still in its page cache",
		      "10.99.0.1:/export/nodes");
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	checklist_print_text(f, &l);
	fclose(f);
	assert_string_equal(buf,
			    "ok server: mounted s:/e\n"
			    "? SUNRPC swap: unknown\n"
			    "    fix: install the config\n"
			    "FAIL holes: 1 of 2\n"
			    "    fix: recreate it\n"
			    "FAIL export: sync: cannot be seen from the client: the export holding\n"
			    "    10.99.0.1:/export/nodes must be 'sync'; with 'async' the server acknowledges\n"
			    "    writes still in its page cache\n"
			    "    fix: on the server, run 'swapnetctl check --server PATH' with the swapfile's\n"
			    "         path there: it reads the export table and says\n");
	free(buf);
	l.n--;

	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	checklist_print_json(f, &l, "nfs://s/e/f");
	fclose(f);
	o = json_tokener_parse(buf);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "ok", &v));
	assert_false(json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(o, "checks", &a));
	assert_int_equal(json_object_array_length(a), 3);
	assert_true(json_object_object_get_ex(json_object_array_get_idx(a, 2),
					      "status", &v));
	assert_string_equal(json_object_get_string(v), "fail");
	/* ok: no "fix" at all, rather than an empty one */
	assert_false(json_object_object_get_ex(json_object_array_get_idx(a, 0),
					       "fix", &v));
	json_object_put(o);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_has_word),
		cmocka_unit_test(test_reserve_json_matches_text),
		cmocka_unit_test(test_reserve_text_80_columns),
		cmocka_unit_test(test_checklist),
	};

	FIXTURE_DIR(fixtures, "fixtures");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

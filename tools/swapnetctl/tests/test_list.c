// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of cmd_list.c's output: the table's state and reason line,
 * and the JSON fields, with and without what only CAP_NET_ADMIN callers
 * get from the kernel.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>

#include "../cmd_list.h"

static void sample(struct swapnet_dev_info *d, bool admin)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)&d->cfg.addr;

	memset(d, 0, sizeof(*d));
	d->index = 2;
	snprintf(d->name, sizeof(d->name), "swapnet2");
	s4->sin_family = AF_INET;
	inet_pton(AF_INET, "10.99.0.1", &s4->sin_addr);
	snprintf(d->cfg.server_name, sizeof(d->cfg.server_name), "10.99.0.1");
	snprintf(d->cfg.path, sizeof(d->cfg.path), "/export/swapfile");
	d->cfg.size_bytes = 512ull << 20;
	d->cfg.flags = SWAPNET_F_UNSTABLE;
	d->stats.commits = 12;
	d->stats.write_resends = 3;
	d->stats.reclaim_reqs = 4000;
	if (admin) {
		d->cfg.fh_len = 3;
		d->cfg.fh[0] = 0x01;
		d->cfg.fh[1] = 0xab;
		d->cfg.fh[2] = 0xf0;
		d->has_fh = d->has_uid = d->has_gid = true;
		d->cfg.uid = 1000;
		d->cfg.gid = 0;
	}
}

static const char *jstr(json_object *o, const char *k)
{
	json_object *v;

	if (!json_object_object_get_ex(o, k, &v))
		return NULL;
	return json_object_get_string(v);
}

static int64_t jint(json_object *o, const char *k)
{
	json_object *v;

	if (!json_object_object_get_ex(o, k, &v))
		fail_msg("no key %s", k);
	return json_object_get_int64(v);
}

static void test_json_admin(void **state)
{
	struct swapnet_dev_info d;
	json_object *o, *s;

	(void)state;
	sample(&d, true);
	o = list_dev_json(&d);
	assert_string_equal(jstr(o, "file_handle"), "01abf0");
	assert_int_equal(jint(o, "uid"), 1000);
	assert_int_equal(jint(o, "gid"), 0);
	assert_string_equal(jstr(o, "state"), "OK");
	assert_string_equal(jstr(o, "reason"), "");
	assert_string_equal(jstr(o, "unstable"), "true");
	assert_string_equal(jstr(o, "noresvport"), "false");
	assert_true(json_object_object_get_ex(o, "stats", &s));
	assert_int_equal(jint(s, "commits"), 12);
	assert_int_equal(jint(s, "write_resends"), 3);
	assert_int_equal(jint(s, "reclaim_reqs"), 4000);
	json_object_put(o);
}

static void test_json_unprivileged_failed(void **state)
{
	struct swapnet_dev_info d;
	json_object *o;

	(void)state;
	sample(&d, false);
	d.state = SWAPNET_STATE_FAILED;
	snprintf(d.reason, sizeof(d.reason), "server: stale file handle");
	o = list_dev_json(&d);
	/* absent, not "" or 0: the kernel did not send them */
	assert_null(jstr(o, "file_handle"));
	assert_false(json_object_object_get_ex(o, "uid", NULL));
	assert_false(json_object_object_get_ex(o, "gid", NULL));
	assert_string_equal(jstr(o, "state"), "FAILED");
	assert_string_equal(jstr(o, "reason"), "server: stale file handle");
	json_object_put(o);
}

static char *render(const struct swapnet_dev_info *d, bool header)
{
	static char buf[4096];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	assert_non_null(f);
	list_print_line(f, d, header);
	fclose(f);
	return buf;
}

/* 1 when every line of s is at most 80 columns */
static int fits80(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n");

		if (n > 80)
			return 0;
		s += n + (s[n] == '\n');
	}
	return 1;
}

static void test_table(void **state)
{
	struct swapnet_dev_info d;
	char *out;

	(void)state;
	sample(&d, false);
	out = render(&d, true);
	assert_true(fits80(out));
	assert_non_null(strstr(out, "swapnet2: OK"));
	assert_non_null(strstr(out, "\n    file "));
	assert_null(strstr(out, "reason:"));

	d.state = SWAPNET_STATE_NOT_RESPONDING;
	snprintf(d.reason, sizeof(d.reason), "no reply for 180 s");
	d.stats.reads = 123456789012ull;
	d.stats.writes = 987654321098ull;
	d.stats.errors = 12345;
	d.stats.retrans = 4294967295ull;
	out = render(&d, false);
	assert_true(fits80(out));
	assert_non_null(strstr(out, "swapnet2: NOT RESPONDING"));
	assert_non_null(strstr(out, "\n    reads 123456789012  writes 987654321098  errors 12345  verify off\n"));
	/* a verifying device: the pages lost to a checksum */
	d.verify = 1;
	d.stats.verify_errors = 99999;
	out = render(&d, false);
	assert_true(fits80(out));
	assert_non_null(strstr(out, "  errors 12345  verify_errors 99999\n"));
	/* an older module that does not say */
	d.verify = -1;
	out = render(&d, false);
	assert_non_null(strstr(out, "  errors 12345\n"));
	d.verify = 0;
	assert_non_null(strstr(out, "\n    reason: no reply for 180 s\n"));

	d.state = SWAPNET_STATE_FAILED;
	d.reason[0] = '\0';
	out = render(&d, false);
	assert_non_null(strstr(out, ": FAILED"));
	assert_non_null(strstr(out, "reason: (none given)\n"));
}

/* a mirror leg's group: one line, a JSON number; nothing without one */
static void test_mirror_group(void **state)
{
	struct swapnet_dev_info d;
	json_object *o;
	char *out;

	(void)state;
	sample(&d, false);
	out = render(&d, false);
	assert_null(strstr(out, "mirror group"));
	o = list_dev_json(&d);
	assert_false(json_object_object_get_ex(o, "mirror_group", NULL));
	json_object_put(o);

	d.cfg.mirror_group = 4294967295u;
	d.state = SWAPNET_STATE_NOT_RESPONDING;
	snprintf(d.reason, sizeof(d.reason), "no reply for 180 s");
	out = render(&d, false);
	assert_true(fits80(out));
	assert_non_null(strstr(out, "\n    mirror group 4294967295\n    reason: "));
	o = list_dev_json(&d);
	assert_int_equal(jint(o, "mirror_group"), 4294967295);
	json_object_put(o);
}

/* what it is attached for, swap-activated or not, its parked WRITEs */
static void test_swap_and_parked(void **state)
{
	struct swapnet_dev_info d;
	json_object *o, *s;
	char *out;

	(void)state;
	sample(&d, false);
	d.swap_active = -1;
	out = render(&d, false);
	assert_non_null(strstr(out, "\n    not for swap\n"));
	o = list_dev_json(&d);
	assert_string_equal(jstr(o, "for_swap"), "false");
	/* unknown (an older module): absent */
	assert_false(json_object_object_get_ex(o, "swap_active", NULL));
	assert_true(json_object_object_get_ex(o, "stats", &s));
	assert_false(json_object_object_get_ex(s, "parked_writes", NULL));
	json_object_put(o);

	d.cfg.flags |= SWAPNET_F_SWAP;
	d.swap_active = 1;
	d.stats.have_parked = true;
	d.stats.parked_writes = 504;
	d.stats.parked_reads = 2;
	d.stats.parked_writes_max = 508;
	out = render(&d, false);
	assert_non_null(strstr(out,
			       "\n    for swap, swap-activated  parked_writes 504 (max 508)\n"));
	o = list_dev_json(&d);
	assert_string_equal(jstr(o, "for_swap"), "true");
	assert_string_equal(jstr(o, "swap_active"), "true");
	assert_true(json_object_object_get_ex(o, "stats", &s));
	assert_int_equal(jint(s, "parked_writes"), 504);
	assert_int_equal(jint(s, "parked_reads"), 2);
	assert_int_equal(jint(s, "parked_writes_max"), 508);
	json_object_put(o);

	/* the widest: within 80 columns */
	d.swap_active = 0;
	d.stats.parked_writes = d.stats.parked_writes_max = 4294967295u;
	out = render(&d, false);
	assert_non_null(strstr(out, "for swap, not swap-activated  parked_writes 4294967295 (max 4294967295)\n"));
	assert_true(fits80(out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mirror_group),
		cmocka_unit_test(test_swap_and_parked),
		cmocka_unit_test(test_json_admin),
		cmocka_unit_test(test_json_unprivileged_failed),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

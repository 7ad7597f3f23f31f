// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl metrics (metrics.c): the node's part read from swapnettop's
 * fixture tree t1 (numbers worked out in swapnettop's test_output.c),
 * two devices as DEV_GET reports them, every value checked in the text,
 * and the whole text clean under `promtool check metrics` (Debian's
 * prometheus package; the test fails without it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"

#include "../metrics.h"

static char fix[4096];

static char *render(const struct metrics_node *n,
		    const struct swapnet_dev_info *d, size_t nd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	metrics_print(f, n, d, nd);
	fclose(f);
	return buf;
}

static void want(const char *text, const char *line)
{
	char l[1024];
	const char *p;

	snprintf(l, sizeof(l), "\n%s\n", line);
	p = strstr(text, l);
	if (!p)
		fail_msg("no line \"%s\" in:\n%s", line, text);
}

/* promtool check metrics on text: 0 clean, else its complaints printed */
static void promtool(const char *text)
{
	char tmp[] = "/tmp/swapnet-metrics.XXXXXX", cmd[256];
	FILE *f;
	int fd, rc;

	if (system("command -v promtool >/dev/null 2>&1"))
		fail_msg("promtool is not installed (Debian's prometheus package: tests/lab/deps.sh install)");
	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "promtool check metrics < %s", tmp);
	rc = system(cmd);
	unlink(tmp);
	assert_int_equal(rc, 0);
}

static void test_node_from_fixture(void **state)
{
	static struct metrics_node n;
	char err[256] = "", *text;

	(void)state;
	memset(&n, 0, sizeof(n));
	assert_int_equal(metrics_read_node(fix, &n, err, sizeof(err)), 0);
	n.page_size = 4096;	/* the fixture's, whatever this host's */
	n.have_recommended = true;
	n.recommended_kb = 46223;
	text = render(&n, NULL, 0);
	want(text, "swapnet_module_loaded 0");
	want(text, "swapnet_devices 0");
	/* min_free_kbytes 4096 */
	want(text, "swapnet_min_free_bytes 4194304");
	want(text, "swapnet_min_free_recommended_bytes 47332352");
	/* node 0: free 100+300+100 = 500 pages, min 620, low 775, high 930 */
	want(text, "swapnet_reserve_free_bytes{node=\"0\"} 2048000");
	want(text, "swapnet_reserve_min_bytes{node=\"0\"} 2539520");
	want(text, "swapnet_reserve_low_bytes{node=\"0\"} 3174400");
	want(text, "swapnet_reserve_high_bytes{node=\"0\"} 3809280");
	want(text, "swapnet_reserve_free_bytes{node=\"1\"} 20480000");
	/* t1's vmstat: pswpin 1400, pswpout 11000, throttle 16, stalls 20 */
	want(text, "swapnet_swap_in_bytes_total 5734400");
	want(text, "swapnet_swap_out_bytes_total 45056000");
	want(text, "swapnet_reclaim_throttled_total 16");
	want(text, "swapnet_allocstalls_total 20");
	want(text, "# TYPE swapnet_oom_kills_total counter");
	want(text, "swapnet_pfmemalloc_drops_total 45");
	assert_null(strstr(text, "swapnet_device_info"));
	promtool(text);
	free(text);
}

static void test_devices(void **state)
{
	static struct metrics_node n;
	struct swapnet_dev_info d[2];
	char *text;

	(void)state;
	memset(&n, 0, sizeof(n));
	memset(d, 0, sizeof(d));
	n.page_size = 4096;
	n.module_loaded = true;
	snprintf(d[0].name, sizeof(d[0].name), "swapnet0");
	snprintf(d[0].cfg.server_name, sizeof(d[0].cfg.server_name),
		 "10.99.0.1");
	snprintf(d[0].cfg.path, sizeof(d[0].cfg.path), "/export/n\"1\".swap");
	snprintf(d[0].cfg.label, sizeof(d[0].cfg.label), "lab");
	d[0].cfg.size_bytes = 1ULL << 30;
	d[0].state = SWAPNET_STATE_NOT_RESPONDING;
	d[0].stats = (struct swapnet_dev_stats){
		.reads = 1100, .writes = 3300, .read_bytes = 4505600,
		.write_bytes = 13516800, .inflight = 4, .retrans = 3,
		.retries = 2, .latency_sum_us = 9000000,
		.latency_max_us = 150000, .errors = 1, .commits = 7,
		.write_resends = 1, .reclaim_reqs = 300,
		.verify_errors = 5, .verify_rereads = 6,
		.have_parked = true, .parked_writes = 12,
		.parked_writes_max = 508,
	};
	d[0].cfg.flags = SWAPNET_F_SWAP;
	d[0].swap_active = 1;
	d[1].stats.have_parked = true;
	d[1].swap_active = -1;
	snprintf(d[1].name, sizeof(d[1].name), "swapnet1");
	snprintf(d[1].cfg.server_name, sizeof(d[1].cfg.server_name),
		 "fd00::1");
	snprintf(d[1].cfg.path, sizeof(d[1].cfg.path), "/srv/a\\b");
	d[1].state = SWAPNET_STATE_OK;
	text = render(&n, d, 2);
	want(text, "swapnet_module_loaded 1");
	want(text, "swapnet_devices 2");
	/* label values escaped: \" and \\ */
	want(text, "swapnet_device_info{device=\"swapnet0\",server=\"10.99.0.1\",file=\"/export/n\\\"1\\\".swap\",label=\"lab\"} 1");
	want(text, "swapnet_device_info{device=\"swapnet1\",server=\"fd00::1\",file=\"/srv/a\\\\b\",label=\"\"} 1");
	want(text, "swapnet_device_state{device=\"swapnet0\",state=\"OK\"} 0");
	want(text, "swapnet_device_state{device=\"swapnet0\",state=\"NOT RESPONDING\"} 1");
	want(text, "swapnet_device_state{device=\"swapnet0\",state=\"FAILED\"} 0");
	want(text, "swapnet_device_state{device=\"swapnet1\",state=\"OK\"} 1");
	want(text, "swapnet_device_size_bytes{device=\"swapnet0\"} 1073741824");
	want(text, "swapnet_requests_total{device=\"swapnet0\",op=\"read\"} 1100");
	want(text, "swapnet_requests_total{device=\"swapnet0\",op=\"write\"} 3300");
	want(text, "swapnet_bytes_total{device=\"swapnet0\",op=\"write\"} 13516800");
	want(text, "swapnet_retransmits_total{device=\"swapnet0\"} 3");
	want(text, "swapnet_retries_total{device=\"swapnet0\"} 2");
	want(text, "swapnet_errors_total{device=\"swapnet0\"} 1");
	want(text, "swapnet_commits_total{device=\"swapnet0\"} 7");
	want(text, "swapnet_write_resends_total{device=\"swapnet0\"} 1");
	want(text, "swapnet_reclaim_requests_total{device=\"swapnet0\"} 300");
	want(text, "swapnet_verify_errors_total{device=\"swapnet0\"} 5");
	want(text, "swapnet_verify_rereads_total{device=\"swapnet0\"} 6");
	want(text, "swapnet_inflight_requests{device=\"swapnet0\"} 4");
	want(text, "swapnet_parked_writes{device=\"swapnet0\"} 12");
	want(text, "swapnet_parked_writes_max{device=\"swapnet0\"} 508");
	want(text, "swapnet_parked_writes{device=\"swapnet1\"} 0");
	want(text, "swapnet_device_for_swap{device=\"swapnet0\"} 1");
	want(text, "swapnet_device_for_swap{device=\"swapnet1\"} 0");
	want(text, "swapnet_device_swap_active{device=\"swapnet0\"} 1");
	/* swapnet1's cannot be read: no sample, not 0 */
	assert_null(strstr(text, "swapnet_device_swap_active{device=\"swapnet1\"}"));
	want(text, "swapnet_request_latency_max_seconds{device=\"swapnet0\"} 0.150000");
	want(text, "swapnet_request_latency_seconds_sum{device=\"swapnet0\"} 9.000000");
	want(text, "swapnet_request_latency_seconds_count{device=\"swapnet0\"} 4400");
	want(text, "# TYPE swapnet_request_latency_seconds summary");
	promtool(text);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_node_from_fixture),
		cmocka_unit_test(test_devices),
	};

	FIXTURE_DIR(fix, "../../swapnettop/tests/fixtures/t1");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

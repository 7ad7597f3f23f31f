// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the netlink codec in tools/common/swapnet_nl.c, without a
 * kernel: a DEV_ADD built from a config and completed into a DEV_GET reply
 * decodes back to the same config; malformed attributes are skipped, not
 * trusted.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include <cmocka.h>

#include "swapnet_nl.h"

static char buf[8192];

static struct nlmsghdr *start(uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 0x20;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = SWAPNET_GENL_VERSION;
	return nlh;
}

static void sample(struct swapnet_dev_config *c, int v6)
{
	memset(c, 0, sizeof(*c));
	if (v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&c->addr;

		s6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, "fd00::1", &s6->sin6_addr);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&c->addr;

		s4->sin_family = AF_INET;
		inet_pton(AF_INET, "10.99.0.1", &s4->sin_addr);
	}
	c->port = 2050;
	snprintf(c->server_name, sizeof(c->server_name), "nfs.example");
	c->fh_len = 28;
	for (size_t i = 0; i < c->fh_len; i++)
		c->fh[i] = (uint8_t)(0xa0 + i);
	snprintf(c->path, sizeof(c->path), "/export/swapfile");
	c->size_bytes = 512ull << 20;
	c->rsize = 65536;
	c->wsize = 1048576;
	c->uid = 1000;
	c->gid = 100;
	c->timeo_ds = 300;
	c->retrans = 3;
	c->flags = SWAPNET_F_NORESVPORT;
	snprintf(c->label, sizeof(c->label), "node7");
}

static void assert_same_config(const struct swapnet_dev_config *a,
			       const struct swapnet_dev_config *b)
{
	assert_int_equal(a->addr.ss_family, b->addr.ss_family);
	if (a->addr.ss_family == AF_INET)
		assert_memory_equal(&((const struct sockaddr_in *)&a->addr)->sin_addr,
				    &((const struct sockaddr_in *)&b->addr)->sin_addr, 4);
	else
		assert_memory_equal(&((const struct sockaddr_in6 *)&a->addr)->sin6_addr,
				    &((const struct sockaddr_in6 *)&b->addr)->sin6_addr, 16);
	assert_int_equal(a->port, b->port);
	assert_string_equal(a->server_name, b->server_name);
	assert_int_equal(a->fh_len, b->fh_len);
	assert_memory_equal(a->fh, b->fh, a->fh_len);
	assert_string_equal(a->path, b->path);
	assert_true(a->size_bytes == b->size_bytes);
	assert_int_equal(a->rsize, b->rsize);
	assert_int_equal(a->wsize, b->wsize);
	assert_int_equal(a->uid, b->uid);
	assert_int_equal(a->gid, b->gid);
	assert_int_equal(a->timeo_ds, b->timeo_ds);
	assert_int_equal(a->retrans, b->retrans);
	assert_int_equal(a->flags, b->flags);
	assert_string_equal(a->label, b->label);
}

/* DEV_ADD's attributes plus what only DEV_GET carries. */
static struct nlmsghdr *reply(const struct swapnet_dev_config *c)
{
	struct nlmsghdr *nlh = start(SWAPNET_CMD_DEV_GET);
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 3);
	mnl_attr_put_strz(nlh, SWAPNET_A_DEV_NAME, "swapnet3");
	assert_int_equal(swapnet_nl_put_dev_config(nlh, c), 0);
	mnl_attr_put_u32(nlh, SWAPNET_A_QUEUE_DEPTH, 64);
	mnl_attr_put_u32(nlh, SWAPNET_A_OPEN_COUNT, 1);
	mnl_attr_put_u8(nlh, SWAPNET_A_STATE, SWAPNET_STATE_NOT_RESPONDING);
	nest = mnl_attr_nest_start(nlh, SWAPNET_A_STATS);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_READS, 11);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_WRITES, 22);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_WRITE_BYTES, 1ull << 40);
	mnl_attr_put_u32(nlh, SWAPNET_STAT_INFLIGHT, 5);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_LATENCY_MAX_US, 123456);
	mnl_attr_put_u32(nlh, SWAPNET_STAT_LAST_ERROR, (uint32_t)-110);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static void test_roundtrip_v4(void **state)
{
	struct swapnet_dev_config c;
	struct swapnet_dev_info d;

	(void)state;
	sample(&c, 0);
	assert_int_equal(swapnet_nl_parse_dev(reply(&c), &d), 0);
	assert_int_equal(d.index, 3);
	assert_string_equal(d.name, "swapnet3");
	assert_same_config(&d.cfg, &c);
	assert_int_equal(d.queue_depth, 64);
	assert_int_equal(d.open_count, 1);
	assert_int_equal(d.state, SWAPNET_STATE_NOT_RESPONDING);
	assert_string_equal(swapnet_state_name(d.state), "NOT RESPONDING");
	assert_true(d.stats.reads == 11);
	assert_true(d.stats.writes == 22);
	assert_true(d.stats.write_bytes == 1ull << 40);
	assert_true(d.stats.read_bytes == 0);
	assert_int_equal(d.stats.inflight, 5);
	assert_true(d.stats.latency_max_us == 123456);
	assert_int_equal(d.stats.last_error, -110);
}

static void test_roundtrip_v6(void **state)
{
	struct swapnet_dev_config c;
	struct swapnet_dev_info d;

	(void)state;
	sample(&c, 1);
	assert_int_equal(swapnet_nl_parse_dev(reply(&c), &d), 0);
	assert_same_config(&d.cfg, &c);
}

/* Defaults (zero) are left out of DEV_ADD so the kernel applies its own. */
static void test_defaults_omitted(void **state)
{
	struct swapnet_dev_config c;
	struct nlmsghdr *nlh = start(SWAPNET_CMD_DEV_ADD);
	const struct nlattr *a;
	int seen[SWAPNET_A_MAX + 1] = { 0 };

	(void)state;
	sample(&c, 0);
	c.port = 0;
	c.rsize = c.wsize = c.timeo_ds = c.retrans = c.flags = 0;
	c.label[0] = '\0';
	assert_int_equal(swapnet_nl_put_dev_config(nlh, &c), 0);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		seen[mnl_attr_get_type(a)]++;
	assert_int_equal(seen[SWAPNET_A_SERVER_ADDR], 1);
	assert_int_equal(seen[SWAPNET_A_SERVER_NAME], 1);
	assert_int_equal(seen[SWAPNET_A_FILE_HANDLE], 1);
	assert_int_equal(seen[SWAPNET_A_SIZE_BYTES], 1);
	assert_int_equal(seen[SWAPNET_A_UID], 1);
	assert_int_equal(seen[SWAPNET_A_GID], 1);
	assert_int_equal(seen[SWAPNET_A_SERVER_PORT], 0);
	assert_int_equal(seen[SWAPNET_A_RSIZE], 0);
	assert_int_equal(seen[SWAPNET_A_WSIZE], 0);
	assert_int_equal(seen[SWAPNET_A_TIMEO_DS], 0);
	assert_int_equal(seen[SWAPNET_A_RETRANS], 0);
	assert_int_equal(seen[SWAPNET_A_FLAGS], 0);
	assert_int_equal(seen[SWAPNET_A_LABEL], 0);
	/* the kernel's strict policy wants NUL-terminated strings */
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == SWAPNET_A_SERVER_NAME)
			assert_int_equal(mnl_attr_validate(a, MNL_TYPE_NUL_STRING), 0);
}

static void test_no_address(void **state)
{
	struct swapnet_dev_config c;

	(void)state;
	sample(&c, 0);
	c.addr.ss_family = AF_UNIX;
	assert_int_equal(swapnet_nl_put_dev_config(start(SWAPNET_CMD_DEV_ADD),
						   &c), -EINVAL);
}

static void test_malformed(void **state)
{
	struct swapnet_dev_info d;
	struct nlmsghdr *nlh;
	char longname[64];
	uint8_t bigfh[SWAPNET_FH_MAX + 8] = { 0 };

	(void)state;
	/* no index: refused */
	nlh = start(SWAPNET_CMD_DEV_GET);
	mnl_attr_put_strz(nlh, SWAPNET_A_DEV_NAME, "swapnet0");
	assert_int_equal(swapnet_nl_parse_dev(nlh, &d), -EBADMSG);

	/* wrong sizes, unknown types, over-long strings and handles */
	nlh = start(SWAPNET_CMD_DEV_GET);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 9);
	mnl_attr_put_u16(nlh, SWAPNET_A_RSIZE, 4096);		/* u32 expected */
	mnl_attr_put_u32(nlh, SWAPNET_A_SIZE_BYTES, 1);		/* u64 expected */
	mnl_attr_put(nlh, SWAPNET_A_SERVER_ADDR, 5, "abcde");	/* 4 or 16 */
	mnl_attr_put_u32(nlh, SWAPNET_A_MAX + 7, 1);		/* from the future */
	memset(longname, 'x', sizeof(longname));
	mnl_attr_put(nlh, SWAPNET_A_DEV_NAME, sizeof(longname), longname);
	mnl_attr_put(nlh, SWAPNET_A_FILE_HANDLE, sizeof(bigfh), bigfh);
	assert_int_equal(swapnet_nl_parse_dev(nlh, &d), 0);
	assert_int_equal(d.index, 9);
	assert_int_equal(d.cfg.rsize, 0);
	assert_true(d.cfg.size_bytes == 0);
	assert_int_equal(d.cfg.addr.ss_family, 0);
	assert_int_equal(d.cfg.fh_len, 0);
	assert_int_equal(strlen(d.name), sizeof(d.name) - 1);
	assert_int_equal(d.state, SWAPNET_STATE_OK);
	assert_string_equal(swapnet_state_name(200), "UNKNOWN");

	/* no name: derived from the index */
	nlh = start(SWAPNET_CMD_DEV_GET);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 4);
	assert_int_equal(swapnet_nl_parse_dev(nlh, &d), 0);
	assert_string_equal(d.name, "swapnet4");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_v4),
		cmocka_unit_test(test_roundtrip_v6),
		cmocka_unit_test(test_defaults_omitted),
		cmocka_unit_test(test_no_address),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

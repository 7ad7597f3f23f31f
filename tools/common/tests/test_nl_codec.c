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
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include <cmocka.h>

#include "optlimits.h"
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
	c->dir_fh_len = 20;
	for (size_t i = 0; i < c->dir_fh_len; i++)
		c->dir_fh[i] = (uint8_t)(0x10 + i);
	snprintf(c->file_name, sizeof(c->file_name), "swapfile");
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
	else {
		assert_memory_equal(&((const struct sockaddr_in6 *)&a->addr)->sin6_addr,
				    &((const struct sockaddr_in6 *)&b->addr)->sin6_addr, 16);
		assert_int_equal(((const struct sockaddr_in6 *)&a->addr)->sin6_scope_id,
				 ((const struct sockaddr_in6 *)&b->addr)->sin6_scope_id);
	}
	assert_int_equal(a->port, b->port);
	assert_string_equal(a->server_name, b->server_name);
	assert_int_equal(a->fh_len, b->fh_len);
	assert_memory_equal(a->fh, b->fh, a->fh_len);
	assert_string_equal(a->path, b->path);
	assert_int_equal(a->dir_fh_len, b->dir_fh_len);
	assert_memory_equal(a->dir_fh, b->dir_fh, a->dir_fh_len);
	assert_string_equal(a->file_name, b->file_name);
	assert_true(a->size_bytes == b->size_bytes);
	assert_int_equal(a->rsize, b->rsize);
	assert_int_equal(a->wsize, b->wsize);
	assert_int_equal(a->uid, b->uid);
	assert_int_equal(a->gid, b->gid);
	assert_int_equal(a->timeo_ds, b->timeo_ds);
	assert_int_equal(a->retrans, b->retrans);
	assert_int_equal(a->flags, b->flags);
	assert_string_equal(a->label, b->label);
	assert_int_equal(a->mirror_group, b->mirror_group);
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

/* The directory handle goes with a name of one path component. */
static void test_dir_name(void **state)
{
	struct swapnet_dev_config c;
	char err[128];

	(void)state;
	sample(&c, 0);
	snprintf(c.file_name, sizeof(c.file_name), "a/b");
	assert_int_equal(swapnet_nl_check_dev_config(&c, err, sizeof(err)),
			 -EINVAL);
	c.file_name[0] = '\0';
	assert_int_equal(swapnet_nl_check_dev_config(&c, err, sizeof(err)),
			 -EINVAL);
	snprintf(c.file_name, sizeof(c.file_name), "..");
	assert_int_equal(swapnet_nl_put_dev_config(start(SWAPNET_CMD_DEV_ADD),
						   &c), -EINVAL);
	/* no directory: no name sent either */
	c.dir_fh_len = 0;
	assert_int_equal(swapnet_nl_check_dev_config(&c, err, sizeof(err)), 0);
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


/* A DEV_GET as a CAP_NET_ADMIN caller gets it from a FAILED device. */
static void test_failed_reason_stats(void **state)
{
	struct swapnet_dev_config c;
	struct swapnet_dev_info d;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	(void)state;
	sample(&c, 0);
	nlh = start(SWAPNET_CMD_DEV_GET);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 1);
	assert_int_equal(swapnet_nl_put_dev_config(nlh, &c), 0);
	mnl_attr_put_u8(nlh, SWAPNET_A_STATE, SWAPNET_STATE_FAILED);
	mnl_attr_put_strz(nlh, SWAPNET_A_STATE_REASON,
			  "file handle is stale (NFS3ERR_STALE)");
	nest = mnl_attr_nest_start(nlh, SWAPNET_A_STATS);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_COMMITS, 7);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_WRITE_RESENDS, 1ull << 33);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_RECLAIM_REQS, 99);
	mnl_attr_put_u32(nlh, SWAPNET_STAT_RECLAIM_REQS, 5);	/* wrong size */
	mnl_attr_put_u32(nlh, SWAPNET_STAT_PARKED_WRITES, 504);
	mnl_attr_put_u32(nlh, SWAPNET_STAT_PARKED_READS, 3);
	mnl_attr_put_u32(nlh, SWAPNET_STAT_PARKED_WRITES_MAX, 508);
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(swapnet_nl_parse_dev(nlh, &d), 0);
	assert_true(d.stats.have_parked);
	assert_int_equal(d.stats.parked_writes, 504);
	assert_int_equal(d.stats.parked_reads, 3);
	assert_int_equal(d.stats.parked_writes_max, 508);
	assert_int_equal(d.state, SWAPNET_STATE_FAILED);
	assert_string_equal(swapnet_state_name(d.state), "FAILED");
	assert_string_equal(d.reason, "file handle is stale (NFS3ERR_STALE)");
	assert_true(d.stats.commits == 7);
	assert_true(d.stats.write_resends == 1ull << 33);
	assert_true(d.stats.reclaim_reqs == 99);
	assert_true(d.has_fh);
	assert_true(d.has_uid);
	assert_true(d.has_gid);
	assert_int_equal(d.cfg.flags, SWAPNET_F_NORESVPORT);

	/* OK: no reason; a reason longer than the limit is cut, NUL ended */
	nlh = start(SWAPNET_CMD_DEV_GET);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 1);
	assert_int_equal(swapnet_nl_parse_dev(nlh, &d), 0);
	assert_string_equal(d.reason, "");
	/* an older module sends no parked counts: not "0 parked" */
	assert_false(d.stats.have_parked);
	{
		char longr[SWAPNET_REASON_MAX + 40];

		memset(longr, 'r', sizeof(longr) - 1);
		longr[sizeof(longr) - 1] = '\0';
		mnl_attr_put_strz(nlh, SWAPNET_A_STATE_REASON, longr);
		assert_int_equal(swapnet_nl_parse_dev(nlh, &d), 0);
		assert_int_equal(strlen(d.reason), SWAPNET_REASON_MAX);
	}
}

/* An unprivileged caller gets no handle, uid or gid: not "uid 0". */
static void test_unprivileged(void **state)
{
	struct swapnet_dev_info d;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	(void)state;
	nlh = start(SWAPNET_CMD_DEV_GET);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 2);
	mnl_attr_put_strz(nlh, SWAPNET_A_SERVER_NAME, "nfs.example");
	mnl_attr_put_u64(nlh, SWAPNET_A_SIZE_BYTES, 1 << 20);
	nest = mnl_attr_nest_start(nlh, SWAPNET_A_STATS);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_READS, 4);
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(swapnet_nl_parse_dev(nlh, &d), 0);
	assert_false(d.has_fh);
	assert_false(d.has_uid);
	assert_false(d.has_gid);
	assert_int_equal(d.cfg.fh_len, 0);
	assert_true(d.stats.reads == 4);

	/* an empty handle is no handle */
	mnl_attr_put(nlh, SWAPNET_A_FILE_HANDLE, 0, NULL);
	assert_int_equal(swapnet_nl_parse_dev(nlh, &d), 0);
	assert_false(d.has_fh);
}

static void test_events(void **state)
{
	struct swapnet_event ev;
	struct nlattr *nest, *entry;
	struct nlmsghdr *nlh;

	(void)state;
	nlh = start(SWAPNET_CMD_EVT_FAILED);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 6);
	mnl_attr_put_strz(nlh, SWAPNET_A_DEV_NAME, "swapnet6");
	mnl_attr_put_strz(nlh, SWAPNET_A_SERVER_NAME, "nfs.example");
	mnl_attr_put_strz(nlh, SWAPNET_A_STATE_REASON, "file removed");
	assert_int_equal(swapnet_nl_parse_event(nlh, &ev), 1);
	assert_int_equal(ev.cmd, SWAPNET_CMD_EVT_FAILED);
	assert_int_equal(ev.index, 6);
	assert_string_equal(ev.name, "swapnet6");
	assert_string_equal(ev.server_name, "nfs.example");
	assert_string_equal(ev.reason, "file removed");
	assert_string_equal(swapnet_event_name(ev.cmd), "failed");

	nlh = start(SWAPNET_CMD_EVT_ADDED);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 0);
	assert_int_equal(swapnet_nl_parse_event(nlh, &ev), 1);
	assert_int_equal(ev.cmd, SWAPNET_CMD_EVT_ADDED);
	assert_string_equal(ev.reason, "");
	assert_string_equal(swapnet_event_name(SWAPNET_CMD_EVT_NOT_RESPONDING),
			    "not responding");

	/* a lost page: the offset and both checksums in the reason */
	nlh = start(SWAPNET_CMD_EVT_VERIFY_ERROR);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 2);
	mnl_attr_put_strz(nlh, SWAPNET_A_DEV_NAME, "swapnet2");
	mnl_attr_put_u64(nlh, SWAPNET_A_VERIFY_OFFSET, 1048576);
	mnl_attr_put_u32(nlh, SWAPNET_A_VERIFY_WRITTEN, 0xdeadbeef);
	mnl_attr_put_u32(nlh, SWAPNET_A_VERIFY_READ, 0x12345678);
	assert_int_equal(swapnet_nl_parse_event(nlh, &ev), 1);
	assert_false(ev.have_stats);
	/* with the device's counters: the monitor's verify_errors */
	nest = mnl_attr_nest_start(nlh, SWAPNET_A_STATS);
	mnl_attr_put_u64(nlh, SWAPNET_STAT_VERIFY_ERRORS, 3);
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(swapnet_nl_parse_event(nlh, &ev), 1);
	assert_true(ev.have_stats);
	assert_int_equal(ev.verify_errors, 3);
	assert_int_equal(ev.verify_offset, 1048576);
	assert_int_equal(ev.cmd, SWAPNET_CMD_EVT_VERIFY_ERROR);
	assert_string_equal(ev.name, "swapnet2");
	assert_string_equal(ev.reason,
			    "verify error at offset 1048576: CRC32C written deadbeef, read 12345678");
	assert_string_equal(swapnet_event_name(ev.cmd), "verify error");

	/* a lost request: op, length, offset, reason and error */
	nlh = start(SWAPNET_CMD_EVT_LOST);
	mnl_attr_put_u32(nlh, SWAPNET_A_DEV_INDEX, 1);
	mnl_attr_put_strz(nlh, SWAPNET_A_DEV_NAME, "swapnet1");
	nest = mnl_attr_nest_start(nlh, SWAPNET_A_LOSSES);
	entry = mnl_attr_nest_start(nlh, SWAPNET_LOSS_ENTRY);
	mnl_attr_put_u64(nlh, SWAPNET_LOSS_A_SEQ, 1);
	mnl_attr_put_u8(nlh, SWAPNET_LOSS_A_OP, SWAPNET_LOSS_OP_READ);
	mnl_attr_put_u64(nlh, SWAPNET_LOSS_A_OFFSET, 8192);
	mnl_attr_put_u32(nlh, SWAPNET_LOSS_A_LEN, 4096);
	mnl_attr_put_u32(nlh, SWAPNET_LOSS_A_ERROR, 5);
	mnl_attr_put_strz(nlh, SWAPNET_LOSS_A_REASON,
			  "server I/O error: NFS3ERR_IO");
	mnl_attr_nest_end(nlh, entry);
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(swapnet_nl_parse_event(nlh, &ev), 1);
	assert_int_equal(ev.cmd, SWAPNET_CMD_EVT_LOST);
	assert_string_equal(ev.name, "swapnet1");
	assert_string_equal(ev.reason,
			    "READ of 4096 bytes at offset 8192: server I/O error: NFS3ERR_IO (nfsstat3 5)");
	assert_string_equal(swapnet_event_name(ev.cmd), "lost");

	/* not events */
	assert_int_equal(swapnet_nl_parse_event(start(SWAPNET_CMD_DEV_GET),
						&ev), 0);
	assert_int_equal(swapnet_nl_parse_event(start(SWAPNET_CMD_EVT_LOST + 1),
						&ev), 0);
	assert_string_equal(swapnet_event_name(0), "unknown");
}

static void test_dev_del(void **state)
{
	struct nlmsghdr *nlh;
	const struct nlattr *a;
	int force = 0, index = 0;

	(void)state;
	nlh = start(SWAPNET_CMD_DEV_DEL);
	swapnet_nl_put_dev_del(nlh, 5, true);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == SWAPNET_A_FORCE) {
			/* NLA_FLAG: no payload */
			assert_int_equal(mnl_attr_get_payload_len(a), 0);
			force++;
		} else if (mnl_attr_get_type(a) == SWAPNET_A_DEV_INDEX) {
			assert_int_equal(mnl_attr_get_u32(a), 5);
			index++;
		} else {
			fail_msg("unexpected attribute %d", mnl_attr_get_type(a));
		}
	}
	assert_int_equal(force, 1);
	assert_int_equal(index, 1);

	nlh = start(SWAPNET_CMD_DEV_DEL);
	swapnet_nl_put_dev_del(nlh, 5, false);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		assert_int_equal(mnl_attr_get_type(a), SWAPNET_A_DEV_INDEX);
}

/*
 * The kernel's DEV_ADD policy (kmod/netlink.c swapnet_add_policy),
 * written out: what the encoder sends must pass it, so a value the
 * kernel would refuse with a bare -EINVAL is caught before it is sent.
 */
enum pol_type { P_NONE, P_U8, P_U16, P_U32, P_U64, P_BIN, P_STR };
struct pol {
	enum pol_type type;
	uint64_t min, max;	/* value range; P_BIN: length; P_STR: max len */
	uint32_t mask;		/* P_U32 with a mask (FLAGS) */
	uint64_t mult;		/* value must be a multiple (uapi text) */
};

static const struct pol add_policy[SWAPNET_A_MAX + 1] = {
	[SWAPNET_A_SERVER_ADDR] = { P_BIN, 4, 16, 0, 0 },
	[SWAPNET_A_SERVER_PORT] = { P_U16, 1, 65535, 0, 0 },
	[SWAPNET_A_SERVER_NAME] = { P_STR, 0, SWAPNET_SERVER_NAME_MAX, 0, 0 },
	[SWAPNET_A_FILE_HANDLE] = { P_BIN, 1, SWAPNET_FH_MAX, 0, 0 },
	[SWAPNET_A_FILE_PATH] = { P_STR, 0, SWAPNET_FILE_PATH_MAX, 0, 0 },
	[SWAPNET_A_SIZE_BYTES] = { P_U64, 1 << 20, UINT64_MAX, 0, 4096 },
	[SWAPNET_A_RSIZE] = { P_U32, 4096, 1048576, 0, 4096 },
	[SWAPNET_A_WSIZE] = { P_U32, 4096, 1048576, 0, 4096 },
	[SWAPNET_A_UID] = { P_U32, 0, UINT32_MAX, 0, 0 },
	[SWAPNET_A_GID] = { P_U32, 0, UINT32_MAX, 0, 0 },
	[SWAPNET_A_TIMEO_DS] = { P_U32, 10, 6000, 0, 0 },
	[SWAPNET_A_RETRANS] = { P_U32, 1, 10, 0, 0 },
	[SWAPNET_A_FLAGS] = { P_U32, 0, UINT32_MAX, SWAPNET_F_ALL, 0 },
	[SWAPNET_A_LABEL] = { P_STR, 0, SWAPNET_LABEL_MAX, 0, 0 },
	[SWAPNET_A_VERIFY] = { P_U8, 0, 1, 0, 0 },
	[SWAPNET_A_DIR_HANDLE] = { P_BIN, 1, SWAPNET_FH_MAX, 0, 0 },
	[SWAPNET_A_FILE_NAME] = { P_STR, 0, SWAPNET_FILE_NAME_MAX, 0, 0 },
	[SWAPNET_A_SERVER_SCOPE_ID] = { P_U32, 1, UINT32_MAX, 0, 0 },
	[SWAPNET_A_MIRROR_GROUP] = { P_U32, 1, UINT32_MAX, 0, 0 },
};

static void check_policy(const struct nlmsghdr *nlh)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		int t = mnl_attr_get_type(a);
		size_t len = mnl_attr_get_payload_len(a);
		const struct pol *p;
		uint64_t v = 0;

		if (t <= 0 || t > SWAPNET_A_MAX || add_policy[t].type == P_NONE)
			fail_msg("attribute %d is not in DEV_ADD's policy", t);
		p = &add_policy[t];
		switch (p->type) {
		case P_U8:
			assert_int_equal(len, 1);
			v = mnl_attr_get_u8(a);
			break;
		case P_U16:
			assert_int_equal(len, 2);
			v = mnl_attr_get_u16(a);
			break;
		case P_U32:
			assert_int_equal(len, 4);
			v = mnl_attr_get_u32(a);
			break;
		case P_U64:
			assert_int_equal(len, 8);
			v = mnl_attr_get_u64(a);
			break;
		case P_BIN:
			if (len < p->min || len > p->max)
				fail_msg("attribute %d: %zu bytes", t, len);
			continue;
		case P_STR:
			/* NLA_NUL_STRING .len: a NUL within len + 1 bytes */
			if (!len || !memchr(mnl_attr_get_payload(a), '\0',
					    len < p->max + 1 ? len : p->max + 1))
				fail_msg("attribute %d: string too long", t);
			continue;
		default:
			break;
		}
		if (v < p->min || v > p->max)
			fail_msg("attribute %d: %llu out of range", t,
				 (unsigned long long)v);
		if (p->mask && (v & ~(uint64_t)p->mask))
			fail_msg("attribute %d: bits outside the mask", t);
		if (p->mult && v % p->mult)
			fail_msg("attribute %d: not a multiple of %llu", t,
				 (unsigned long long)p->mult);
	}
}

static int encode(const struct swapnet_dev_config *c)
{
	struct nlmsghdr *nlh = start(SWAPNET_CMD_DEV_ADD);
	int ret = swapnet_nl_put_dev_config(nlh, c);

	if (ret == 0)
		check_policy(nlh);
	return ret;
}

/* Number of attributes of type t in DEV_ADD built from c (-1: refused). */
static int count_attr(const struct swapnet_dev_config *c, int t)
{
	struct nlmsghdr *nlh = start(SWAPNET_CMD_DEV_ADD);
	const struct nlattr *a;
	int n = 0;

	if (swapnet_nl_put_dev_config(nlh, c) < 0)
		return -1;
	check_policy(nlh);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		n += mnl_attr_get_type(a) == t;
	return n;
}

/*
 * A link-local IPv6 server: its interface goes as SWAPNET_A_SERVER_SCOPE_ID
 * and comes back from DEV_GET; without one, or with one for an address
 * that is not link-local, DEV_ADD is not built (the kernel refuses both).
 */
static void test_link_local_scope(void **state)
{
	struct swapnet_dev_config c;
	struct swapnet_dev_info d;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&c.addr;
	char err[256];

	(void)state;
	sample(&c, 1);
	assert_int_equal(count_attr(&c, SWAPNET_A_SERVER_SCOPE_ID), 0);
	inet_pton(AF_INET6, "fe80::1", &s6->sin6_addr);
	s6->sin6_scope_id = 3;
	assert_int_equal(count_attr(&c, SWAPNET_A_SERVER_SCOPE_ID), 1);
	assert_int_equal(swapnet_nl_parse_dev(reply(&c), &d), 0);
	assert_same_config(&d.cfg, &c);
	assert_int_equal(((struct sockaddr_in6 *)&d.cfg.addr)->sin6_scope_id, 3);

	s6->sin6_scope_id = 0;
	assert_int_equal(count_attr(&c, SWAPNET_A_SERVER_SCOPE_ID), -1);
	assert_int_equal(swapnet_nl_check_dev_config(&c, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "add device: link-local server address without its interface (scope id)");

	inet_pton(AF_INET6, "fd00::1", &s6->sin6_addr);
	s6->sin6_scope_id = 3;
	assert_int_equal(count_attr(&c, SWAPNET_A_SERVER_SCOPE_ID), -1);
	assert_int_equal(swapnet_nl_check_dev_config(&c, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "add device: scope id for a server address that is not link-local");
}

/*
 * A mirror leg's group: sent only when set (>= 1, the module's policy),
 * and back from DEV_GET; 0 is no group, no attribute.
 */
static void test_mirror_group(void **state)
{
	struct swapnet_dev_config c;
	struct swapnet_dev_info d;

	(void)state;
	sample(&c, 0);
	assert_int_equal(count_attr(&c, SWAPNET_A_MIRROR_GROUP), 0);
	assert_int_equal(swapnet_nl_parse_dev(reply(&c), &d), 0);
	assert_int_equal(d.cfg.mirror_group, 0);
	c.mirror_group = 0xdeadbeef;
	assert_int_equal(count_attr(&c, SWAPNET_A_MIRROR_GROUP), 1);
	assert_int_equal(swapnet_nl_parse_dev(reply(&c), &d), 0);
	assert_same_config(&d.cfg, &c);
	assert_int_equal(d.cfg.mirror_group, 0xdeadbeef);
	c.mirror_group = 1;
	assert_int_equal(count_attr(&c, SWAPNET_A_MIRROR_GROUP), 1);
}

static void test_policy_limits(void **state)
{
	struct swapnet_dev_config c;
	char err[SWAPNET_ERR_MAX];

	(void)state;
	/* every limit at its edge is accepted, and passes the policy */
	sample(&c, 0);
	assert_int_equal(encode(&c), 0);
	sample(&c, 1);
	c.port = 65535;
	memset(c.server_name, 's', SWAPNET_SERVER_NAME_MAX);
	c.server_name[SWAPNET_SERVER_NAME_MAX] = '\0';
	c.fh_len = SWAPNET_FH_MAX;
	memset(c.path, 'p', SWAPNET_FILE_PATH_MAX);
	c.path[SWAPNET_FILE_PATH_MAX] = '\0';
	c.size_bytes = UINT64_MAX & ~4095ull;
	c.rsize = 4096;
	c.wsize = 1048576;
	c.uid = c.gid = UINT32_MAX;
	c.timeo_ds = 6000;
	c.retrans = 10;
	c.flags = SWAPNET_F_ALL;
	c.no_verify = true;
	memset(c.label, 'l', SWAPNET_LABEL_MAX);
	c.label[SWAPNET_LABEL_MAX] = '\0';
	assert_int_equal(encode(&c), 0);
	sample(&c, 0);
	c.fh_len = 1;
	c.size_bytes = 1 << 20;
	c.timeo_ds = 10;
	c.retrans = 1;
	c.flags = SWAPNET_F_UNSTABLE;
	assert_int_equal(encode(&c), 0);

	/* one past each edge: refused here, with a message */
#define REFUSED(field_change, needle) do {				\
		sample(&c, 0);						\
		field_change;						\
		assert_int_equal(encode(&c), -EINVAL);			\
		err[0] = '\0';						\
		assert_int_equal(swapnet_nl_check_dev_config(&c, err,	\
				 sizeof(err)), -EINVAL);		\
		if (!strstr(err, needle))				\
			fail_msg("'%s' lacks '%s'", err, needle);	\
	} while (0)
	REFUSED(c.fh_len = 0, "file handle");
	REFUSED(c.fh_len = SWAPNET_FH_MAX + 1, "file handle");
	REFUSED(c.size_bytes = (1 << 20) - 4096, "size");
	REFUSED(c.size_bytes = (1 << 20) + 512, "size");
	REFUSED(c.rsize = 4095, "rsize");
	REFUSED(c.wsize = 1048576 + 4096, "wsize");
	REFUSED(c.wsize = 8192 + 1, "wsize");
	REFUSED(c.timeo_ds = 9, "timeo");
	REFUSED(c.timeo_ds = 6001, "timeo");
	REFUSED(c.retrans = 11, "retrans");
	REFUSED(c.flags = SWAPNET_F_ALL + 1, "flags");
	REFUSED(c.addr.ss_family = AF_UNSPEC, "address");
#undef REFUSED
}

/*
 * One contract: DEV_ADD's limits live once, in kmod/uapi/swapnet.h, which
 * optlimits.h includes; the module's policy (kmod/netlink.c) names them
 * and neither kmod nor the netlink encoder (swapnet_nl.c) defines them
 * again.  Run from tools/common.
 */
static char *slurp_file(const char *path)
{
	static char text[2][131072];
	static int which;
	char *t = text[which++ % 2];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		fail_msg("cannot read %s", path);
	n = fread(t, 1, sizeof(text[0]) - 1, f);
	fclose(f);
	t[n] = '\0';
	return t;
}

static void test_kernel_limits(void **state)
{
	static const char *const names[] = {
		"SWAPNET_MIN_IO_SIZE", "SWAPNET_MAX_IO_SIZE",
		"SWAPNET_MIN_SIZE_BYTES", "SWAPNET_MIN_TIMEO_DS",
		"SWAPNET_MAX_TIMEO_DS", "SWAPNET_MIN_RETRANS",
		"SWAPNET_MAX_RETRANS",
	};
	char *nl = slurp_file("../../kmod/netlink.c");
	char *in = slurp_file("../../kmod/internal.h");
	char pat[96];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strstr(nl, names[i]))
			fail_msg("kmod/netlink.c's policy does not use %s",
				 names[i]);
		snprintf(pat, sizeof(pat), "#define %s", names[i]);
		if (strstr(in, pat))
			fail_msg("kmod/internal.h defines %s again", names[i]);
	}
	/* nor does the netlink encoder's own check (swapnet_nl.c) */
	if (strstr(slurp_file("swapnet_nl.c"), "#define SWAPNET_"))
		fail_msg("common/swapnet_nl.c defines DEV_ADD limits of its own");
	assert_int_equal(OPT_IO_MAX, SWAPNET_MAX_IO_SIZE);
	assert_int_equal(OPT_TIMEO_MIN, SWAPNET_MIN_TIMEO_DS);
	assert_int_equal(OPT_RETRANS_MAX, SWAPNET_MAX_RETRANS);
	/* the written-out policy above agrees as well */
	assert_int_equal(add_policy[SWAPNET_A_RSIZE].max, OPT_IO_MAX);
	assert_int_equal(add_policy[SWAPNET_A_RSIZE].min, OPT_IO_MIN);
	assert_int_equal(add_policy[SWAPNET_A_TIMEO_DS].min, OPT_TIMEO_MIN);
	assert_int_equal(add_policy[SWAPNET_A_TIMEO_DS].max, OPT_TIMEO_MAX);
	assert_int_equal(add_policy[SWAPNET_A_RETRANS].min, OPT_RETRANS_MIN);
	assert_int_equal(add_policy[SWAPNET_A_RETRANS].max, OPT_RETRANS_MAX);
}

/*
 * An older module's refusal (lib/nlattr.c's strict validation: -EINVAL,
 * "Unknown attribute type" or "Unsupported attribute", with
 * NLMSGERR_ATTR_OFFS at the attribute): told apart from other errors,
 * the attribute found by its offset, and said in one line.
 */
static void test_older_module(void **state)
{
	struct swapnet_dev_config c;
	struct nlmsghdr *nlh;
	struct nlattr *a;
	uint32_t off = 0, hdr;
	char err[512];

	(void)state;
	assert_true(swapnet_nl_unknown_attr(-EINVAL, "Unknown attribute type"));
	assert_true(swapnet_nl_unknown_attr(-EINVAL, "Unsupported attribute"));
	assert_false(swapnet_nl_unknown_attr(-EINVAL, "swapnet: bad size"));
	assert_false(swapnet_nl_unknown_attr(-EINVAL, NULL));
	assert_false(swapnet_nl_unknown_attr(-EPERM, "Unknown attribute type"));

	sample(&c, 0);
	nlh = start(SWAPNET_CMD_DEV_ADD);
	assert_int_equal(swapnet_nl_put_dev_config(nlh, &c), 0);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == SWAPNET_A_SIZE_BYTES)
			off = (uint32_t)((char *)a - buf);
	assert_true(off > 0);
	assert_int_equal(swapnet_nl_attr_at(buf, nlh->nlmsg_len, off),
			 SWAPNET_A_SIZE_BYTES);
	/* not an attribute's place: nothing named */
	hdr = MNL_NLMSG_HDRLEN;
	assert_int_equal(swapnet_nl_attr_at(buf, nlh->nlmsg_len, 0), 0);
	assert_int_equal(swapnet_nl_attr_at(buf, nlh->nlmsg_len, hdr), 0);
	assert_int_equal(swapnet_nl_attr_at(buf, nlh->nlmsg_len, off + 1), 0);
	assert_int_equal(swapnet_nl_attr_at(buf, nlh->nlmsg_len,
					    nlh->nlmsg_len), 0);
	assert_int_equal(swapnet_nl_attr_at(buf, 0, off), 0);

	/* before any tool is named */
	assert_int_equal(swapnet_nl_old_module("Unknown attribute type", 0,
					       NULL, err, sizeof(err)),
			 -EPROTONOSUPPORT);
	assert_string_equal(err,
		"the loaded swapnet module is older than this tool: it refused an attribute (Unknown attribute type); reload it (modprobe -r swapnet; modprobe swapnet)");
	swapnet_nl_set_tool("swapnetctl", "0.2.0");
	assert_int_equal(swapnet_nl_old_module("Unsupported attribute", 30,
					       "0.1.0", err, sizeof(err)),
			 -EPROTONOSUPPORT);
	assert_string_equal(err,
		"the loaded swapnet module (version 0.1.0) is older than swapnetctl (0.2.0): it refused attribute 30 (Unsupported attribute); reload it (modprobe -r swapnet; modprobe swapnet)");
	/* other errors as before, with their return value */
	assert_int_equal(swapnet_nl_request_error(-EINVAL, "add device",
						  "swapnet: bad size", 9,
						  "/nonexistent", err,
						  sizeof(err)), -EINVAL);
	assert_string_equal(err, "add device: swapnet: bad size");
	assert_int_equal(swapnet_nl_request_error(-EINVAL, "add device",
						  "Unknown attribute type", 9,
						  "/nonexistent", err,
						  sizeof(err)), -EPROTONOSUPPORT);
	assert_string_equal(err,
		"the loaded swapnet module is older than swapnetctl (0.2.0): it refused attribute 9 (Unknown attribute type); reload it (modprobe -r swapnet; modprobe swapnet)");
	swapnet_nl_set_tool("this tool", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_v4),
		cmocka_unit_test(test_roundtrip_v6),
		cmocka_unit_test(test_mirror_group),
		cmocka_unit_test(test_link_local_scope),
		cmocka_unit_test(test_defaults_omitted),
		cmocka_unit_test(test_no_address),
		cmocka_unit_test(test_dir_name),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_failed_reason_stats),
		cmocka_unit_test(test_unprivileged),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_dev_del),
		cmocka_unit_test(test_policy_limits),
		cmocka_unit_test(test_kernel_limits),
		cmocka_unit_test(test_older_module),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of tools/common/genl_family.c against the running kernel's
 * own generic netlink controller: the family "nlctrl" (its id is the
 * fixed GENL_ID_CTRL) with its multicast group "notify", and a family
 * that does not exist (ENOENT in the ack; a name of GENL_NAMSIZ or more
 * would be EINVAL).  Both swapnet_nl.c and
 * ethtool_ring.c resolve their families through this parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <time.h>

#include <cmocka.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "genl_family.h"
#include "mnl_request.h"

/* Resolve NAME; 0 or -errno (the ack's error). */
static int resolve(const char *name, struct genl_family *f)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl = mnl_socket_open(NETLINK_GENERIC);
	int ret;

	assert_non_null(nl);
	assert_int_equal(mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID), 0);
	ret = mnl_request(nl, genl_family_request(buf, name, (uint32_t)time(NULL)),
			  genl_family_cb, f);
	mnl_socket_close(nl);
	return ret;
}

static void test_nlctrl(void **state)
{
	struct genl_family f = { .mcgrp = "notify" };

	(void)state;
	assert_int_equal(resolve("nlctrl", &f), 0);
	assert_int_equal(f.id, GENL_ID_CTRL);
	assert_true(f.mcgrp_id != 0);
}

static void test_no_group_asked(void **state)
{
	struct genl_family f = { .mcgrp = NULL };

	(void)state;
	assert_int_equal(resolve("nlctrl", &f), 0);
	assert_int_equal(f.id, GENL_ID_CTRL);
	assert_int_equal(f.mcgrp_id, 0);
}

static void test_unknown_group(void **state)
{
	struct genl_family f = { .mcgrp = "no-such-group" };

	(void)state;
	assert_int_equal(resolve("nlctrl", &f), 0);
	assert_int_equal(f.id, GENL_ID_CTRL);
	assert_int_equal(f.mcgrp_id, 0);
}

static void test_unknown_family(void **state)
{
	struct genl_family f = { .mcgrp = NULL };

	(void)state;
	assert_int_equal(resolve("swapnet-nosuch", &f), -ENOENT);
	assert_int_equal(f.id, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nlctrl),
		cmocka_unit_test(test_no_group_asked),
		cmocka_unit_test(test_unknown_group),
		cmocka_unit_test(test_unknown_family),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * nfsfile_connect() against a "server" with only its NFS port open (an
 * NFSv4-only server, or a firewall letting 2049 through): a local TCP
 * listener and nothing on rpcbind's port 111.  The MOUNT cannot be made,
 * so the export list cannot have come back either: the message keeps
 * libnfs's cause and names rpcbind and mountd, never "not exported"
 * (which it said, with "exports: none visible").
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "../nfsfile.h"
#include "../nfstarget.h"

/* 1 when something accepts TCP on 127.0.0.1:port */
static int listening(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), ok;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	close(fd);
	return ok;
}

static void test_only_nfs_port(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	struct nfsfile *f = NULL;
	struct nfs_target t;
	char url[64], err[1024];
	int fd;

	(void)state;
	if (listening(111)) {
		print_message("skipped: rpcbind listens on this host\n");
		skip();
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	snprintf(url, sizeof(url), "nfs://127.0.0.1:%u/export/swapfile",
		 ntohs(a.sin_port));
	assert_int_equal(nfs_target_parse_url(url, &t, err, sizeof(err)), 0);
	assert_true(nfsfile_connect(&f, &t, NULL, err, sizeof(err)) < 0);
	assert_null(f);
	print_message("%s\n", err);
	assert_null(strstr(err, "not exported"));
	assert_non_null(strstr(err, "cannot mount 127.0.0.1:/export: "));
	assert_non_null(strstr(err, "rpcbind (port 111) and mountd"));
	close(fd);
}

/*
 * Nothing listening: the address is said once ("server 127.0.0.1 port
 * P", not "server 127.0.0.1 (127.0.0.1) port P"), after a name in
 * parentheses.
 */
static void test_refused_once(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	struct nfsfile *f = NULL;
	struct nfs_target t;
	char url[64], want[128], err[1024];
	int fd;

	(void)state;
	/* a port that was free a moment ago */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	close(fd);
	snprintf(url, sizeof(url), "nfs://127.0.0.1:%u/export/swapfile",
		 ntohs(a.sin_port));
	assert_int_equal(nfs_target_parse_url(url, &t, err, sizeof(err)), 0);
	assert_true(nfsfile_connect(&f, &t, NULL, err, sizeof(err)) < 0);
	snprintf(want, sizeof(want),
		 "cannot reach NFS server 127.0.0.1 port %u: Connection refused",
		 ntohs(a.sin_port));
	assert_string_equal(err, want);
	snprintf(url, sizeof(url), "nfs://localhost:%u/export/swapfile",
		 ntohs(a.sin_port));
	assert_int_equal(nfs_target_parse_url(url, &t, err, sizeof(err)), 0);
	assert_true(nfsfile_connect(&f, &t, NULL, err, sizeof(err)) < 0);
	assert_non_null(strstr(err, "cannot reach NFS server localhost ("));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_nfs_port),
		cmocka_unit_test(test_refused_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

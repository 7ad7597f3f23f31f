// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of nfstarget.c: nfs:// URL parsing (IPv4, [IPv6], names,
 * ports, escapes, every rejection) and the resolution of a path on a
 * mounted NFS file system through mountinfo texts in
 * tests/fixtures/mountinfo.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../attach.h"
#include "../nfstarget.h"

static char err[256];

static void url_ok(const char *url, const char *host, uint16_t port,
		   const char *export, const char *file)
{
	struct nfs_target t;

	err[0] = '\0';
	if (nfs_target_parse_url(url, &t, err, sizeof(err)) != 0)
		fail_msg("%s: refused: %s", url, err);
	assert_string_equal(t.host, host);
	assert_int_equal(t.port, port);
	assert_string_equal(t.export, export);
	assert_string_equal(t.file, file);
}

static void url_bad(const char *url, const char *needle)
{
	struct nfs_target t;

	err[0] = '\0';
	if (nfs_target_parse_url(url, &t, err, sizeof(err)) != -EINVAL &&
	    strcmp(needle, "too long"))
		fail_msg("%s: accepted or wrong errno", url);
	/* One line, naming the problem. */
	assert_null(strchr(err, '\n'));
	if (!strstr(err, needle))
		fail_msg("%s: message '%s' lacks '%s'", url, err, needle);
}

static void test_url_good(void **state)
{
	(void)state;
	url_ok("nfs://10.99.0.1/export/swapfile", "10.99.0.1", 0, "/export",
	       "/swapfile");
	url_ok("nfs://10.99.0.1:2050/export/swapfile", "10.99.0.1", 2050,
	       "/export", "/swapfile");
	url_ok("NFS://server.example/a/b/c/swap", "server.example", 0,
	       "/a/b/c", "/swap");
	url_ok("nfs://[fd00::1]/export/swapfile", "fd00::1", 0, "/export",
	       "/swapfile");
	url_ok("nfs://[::1]:65535/e/f", "::1", 65535, "/e", "/f");
	url_ok("nfs://h/swapfile", "h", 0, "/", "/swapfile");
	url_ok("nfs://h//export///swap", "h", 0, "/export", "/swap");
	url_ok("nfs://h/ex%20port/sw%41p", "h", 0, "/ex port", "/swAp");
	url_ok("nfs://h/.hidden/..swap", "h", 0, "/.hidden", "/..swap");
	/* a link-local server's zone, as RFC 6874 writes it and bare */
	url_ok("nfs://[fe80::1%25eth0]/e/f", "fe80::1%eth0", 0, "/e", "/f");
	url_ok("nfs://[fe80::1%eth0]:2050/e/f", "fe80::1%eth0", 2050, "/e",
	       "/f");
	url_ok("nfs://[fe80::1%252]/e/f", "fe80::1%2", 0, "/e", "/f");
	url_ok("nfs://[fe80::1%2525]/e/f", "fe80::1%25", 0, "/e", "/f");
}

/* A link-local server: the zone is needed, and taken (its scope id). */
static void test_link_local(void **state)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct nfs_target t;
	char buf[2100];

	(void)state;
	memset(&ss, 0, sizeof(ss));
	s6->sin6_family = AF_INET6;
	inet_pton(AF_INET6, "fe80::1", &s6->sin6_addr);
	assert_int_equal(link_local_check("fe80::1", &ss, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "server fe80::1 is link-local: name its interface, nfs://[fe80::1%25IFACE]/...");
	s6->sin6_scope_id = 2;
	assert_int_equal(link_local_check("fe80::1%eth0", &ss, err,
					  sizeof(err)), 0);
	inet_pton(AF_INET6, "fd00::1", &s6->sin6_addr);
	assert_int_equal(link_local_check("fd00::1", &ss, err, sizeof(err)), 0);
	memset(&ss, 0, sizeof(ss));
	s4->sin_family = AF_INET;
	assert_int_equal(link_local_check("10.0.0.1", &ss, err, sizeof(err)), 0);
	/* the URL again, the zone as %25 */
	assert_int_equal(nfs_target_parse_url("nfs://[fe80::1%eth0]/e/f", &t,
					      err, sizeof(err)), 0);
	assert_string_equal(nfs_target_url(&t, buf, sizeof(buf)),
			    "nfs://[fe80::1%25eth0]/e/f");
}

static void test_url_bad(void **state)
{
	char longurl[1200];

	(void)state;
	url_bad("http://h/e/f", "nfs://");
	url_bad("nfs:/h/e/f", "nfs://");
	url_bad("nfs://h", "no path");
	url_bad("nfs:///e/f", "no server");
	url_bad("nfs://:2049/e/f", "server");
	url_bad("nfs://user@h/e/f", "user");
	url_bad("nfs://h:0/e/f", "port");
	url_bad("nfs://h:65536/e/f", "port");
	url_bad("nfs://h:20x9/e/f", "port");
	url_bad("nfs://h:/e/f", "port");
	url_bad("nfs://[fd00::1/e/f", "unterminated");
	url_bad("nfs://[fd00::1]x/e/f", "junk");
	url_bad("nfs://[not-v6]/e/f", "IPv6");
	url_bad("nfs://[fe80::1%]/e/f", "is not an interface for the zone");
	url_bad("nfs://[fe80::1%25]/e/f", "'' is not an interface");
	url_bad("nfs://[fe80::1%a+b]/e/f", "'a+b' is not an interface");
	url_bad("nfs://[fe80::1%abcdefghijklmnop]/e/f", "is not an interface");
	url_bad("nfs://[zz%eth0]/e/f", "'zz' is not an IPv6 address");
	url_bad("nfs://bad_host/e/f", "valid server name");
	url_bad("nfs://-h/e/f", "valid server name");
	url_bad("nfs://h/", "name a file");
	url_bad("nfs://h/e/", "name a file");
	url_bad("nfs://h/e/../f", "'..'");
	url_bad("nfs://h/./f", "'.'");
	url_bad("nfs://h/e/f?uid=0", "options");
	url_bad("nfs://h/e/f#x", "options");
	url_bad("nfs://h/e/%2Ff", "escaped");
	url_bad("nfs://h/e/%00f", "escaped");
	url_bad("nfs://h/e/%zzf", "escape");
	url_bad("nfs://h/e/f%4", "escape");
	memset(longurl, 'a', sizeof(longurl));
	memcpy(longurl, "nfs://h/", 8);
	longurl[sizeof(longurl) - 1] = '\0';
	url_bad(longurl, "too long");
}

static void test_is_url(void **state)
{
	(void)state;
	assert_true(nfs_target_is_url("nfs://x/y"));
	assert_true(nfs_target_is_url("Nfs://x/y"));
	assert_false(nfs_target_is_url("/mnt/nfs/swap"));
	assert_false(nfs_target_is_url("nfs:/x"));
}

static void test_url_roundtrip(void **state)
{
	struct nfs_target t;
	char buf[2100], path[1100];

	(void)state;
	assert_int_equal(nfs_target_parse_url("nfs://[fd00::1]:2050/e/x/f", &t,
					      err, sizeof(err)), 0);
	assert_string_equal(nfs_target_url(&t, buf, sizeof(buf)),
			    "nfs://[fd00::1]:2050/e/x/f");
	assert_int_equal(nfs_target_path(&t, path, sizeof(path)), 0);
	assert_string_equal(path, "/e/x/f");
	assert_int_equal(nfs_target_parse_url("nfs://h/f", &t, err,
					      sizeof(err)), 0);
	assert_string_equal(nfs_target_url(&t, buf, sizeof(buf)), "nfs://h/f");
	assert_int_equal(nfs_target_path(&t, path, sizeof(path)), 0);
	assert_string_equal(path, "/f");
	assert_int_equal(nfs_target_path(&t, path, 2), -ENAMETOOLONG);
}

/* ---- mountinfo ---- */

static char *fixture(const char *name)
{
	char path[4200];
	FILE *f;
	char *buf = calloc(1, 65536);
	size_t n;

	snprintf(path, sizeof(path), "%s/fixtures/mountinfo/%s",
		 getenv("FIXTURES") ? getenv("FIXTURES") : "tests", name);
	f = fopen(path, "r");
	if (!f || !buf)
		fail_msg("cannot read %s", path);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void mi_ok(const char *mi, const char *path, const char *host,
		  uint16_t port, const char *export, const char *file)
{
	struct nfs_target t;

	err[0] = '\0';
	if (nfs_target_from_mountinfo(path, mi, &t, err, sizeof(err)) != 0)
		fail_msg("%s: refused: %s", path, err);
	assert_string_equal(t.host, host);
	assert_int_equal(t.port, port);
	assert_string_equal(t.export, export);
	assert_string_equal(t.file, file);
}

static void mi_bad(const char *mi, const char *path, int ret,
		   const char *needle)
{
	struct nfs_target t;

	err[0] = '\0';
	assert_int_equal(nfs_target_from_mountinfo(path, mi, &t, err,
						   sizeof(err)), ret);
	if (!strstr(err, needle))
		fail_msg("%s: message '%s' lacks '%s'", path, err, needle);
}

static void test_mountinfo(void **state)
{
	char *mi = fixture("mixed");

	(void)state;
	/* The later mount on /mnt/nfs3 hides the first one. */
	mi_ok(mi, "/mnt/nfs3/swapfile", "10.99.0.9", 0, "/over", "/swapfile");
	/* \040 in mountinfo is a space; port= from the super options. */
	mi_ok(mi, "/mnt/nfs space/swap", "server.example", 2050, "/srv/swap",
	      "/swap");
	mi_ok(mi, "/mnt/v6/dir/swap", "fd00::1", 2049, "/export",
	      "/dir/swap");
	/* A mount of a subdirectory (ROOT field) keeps it in the path. */
	mi_ok(mi, "/mnt/bind/f", "10.99.0.1", 0, "/export", "/inner/f");
	mi_bad(mi, "/mnt/nfs3/sub/f", -ENOENT, "not on NFS");
	mi_bad(mi, "/etc/fstab", -ENOENT, "(ext4), not on NFS");
	/* A prefix that is not a path prefix does not match. */
	mi_bad(mi, "/mnt/nfs3x/f", -ENOENT, "not on NFS");
	mi_bad(mi, "/mnt/v6", -EISDIR, "mount point");
	mi_bad(mi, "relative/f", -EINVAL, "absolute");
	free(mi);
}

static void test_mountinfo_garbage(void **state)
{
	char *mi = fixture("garbage");

	(void)state;
	mi_bad(mi, "/x", -ENOENT, "no mount point");
	mi_bad("", "/x", -ENOENT, "no mount point");
	mi_bad("41 22 0:40 / /m rw - nfs nocolon rw\n", "/m/f", -EINVAL,
	       "cannot parse NFS source");
	mi_bad("41 22 0:40 / /m rw - nfs [fd00::1/e rw\n", "/m/f", -EINVAL,
	       "cannot parse NFS source");
	free(mi);
}

/* nfs_target_resolve on this machine's real mountinfo. */
static void test_resolve(void **state)
{
	struct nfs_target t;

	(void)state;
	assert_int_equal(nfs_target_resolve("/nonexistent/swapnet-test", &t,
					    err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "No such file"));
	assert_int_equal(nfs_target_resolve("smb://h/e/f", &t, err,
					    sizeof(err)), -EINVAL);
	assert_int_equal(nfs_target_resolve("nfs://h/e/f", &t, err,
					    sizeof(err)), 0);
	assert_string_equal(t.host, "h");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_good),
		cmocka_unit_test(test_url_bad),
		cmocka_unit_test(test_link_local),
		cmocka_unit_test(test_is_url),
		cmocka_unit_test(test_url_roundtrip),
		cmocka_unit_test(test_mountinfo),
		cmocka_unit_test(test_mountinfo_garbage),
		cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

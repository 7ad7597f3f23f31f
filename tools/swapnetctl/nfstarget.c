// SPDX-License-Identifier: GPL-2.0
/*
 * nfstarget: parse nfs:// URLs and resolve paths on mounted NFS file
 * systems into server + export + file.  See nfstarget.h.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <sys/stat.h>

#include "seterr.h"
#include "nfstarget.h"
#include "rootpath.h"
#include "mounts.h"
#include "octal.h"
#include "readfile.h"


int nfs_target_is_url(const char *arg)
{
	return strncasecmp(arg, "nfs://", 6) == 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A host name as RFC 1123 allows: letters, digits, '-', '.'. */
static int valid_hostname(const char *h)
{
	size_t i;

	if (!h[0] || h[0] == '-' || h[0] == '.')
		return 0;
	for (i = 0; h[i]; i++)
		if (!isalnum((unsigned char)h[i]) && h[i] != '-' && h[i] != '.')
			return 0;
	return 1;
}

static int parse_port(const char *s, size_t n, uint16_t *port)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v < 1 || v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

/*
 * Split the authority ("host", "host:port", "[v6]", "[v6]:port") of a URL.
 */
static int parse_authority(const char *a, size_t n, struct nfs_target *t,
			   char *err, size_t errlen)
{
	const char *host = a, *port = NULL;
	size_t hostlen = n;
	struct in6_addr in6;

	if (n == 0)
		return set_err(err, errlen, -EINVAL, "bad URL: no server");
	if (memchr(a, '@', n))
		return set_err(err, errlen, -EINVAL,
			       "bad URL: user names are not supported");
	if (a[0] == '[') {
		const char *end = memchr(a, ']', n);

		if (!end)
			return set_err(err, errlen, -EINVAL,
				       "bad URL: unterminated '[' in server");
		host = a + 1;
		hostlen = (size_t)(end - host);
		if (end + 1 < a + n) {
			if (end[1] != ':')
				return set_err(err, errlen, -EINVAL,
					       "bad URL: junk after ']'");
			port = end + 2;
		}
	} else {
		const char *colon = memchr(a, ':', n);

		if (colon) {
			hostlen = (size_t)(colon - a);
			port = colon + 1;
		}
	}
	if (hostlen == 0 || hostlen > NFSTARGET_HOST_MAX)
		return set_err(err, errlen, -EINVAL,
			       "bad URL: empty or too long server name");
	memcpy(t->host, host, hostlen);
	t->host[hostlen] = '\0';
	if (a[0] == '[') {
		char *zone = strchr(t->host, '%');

		/*
		 * A zone (link-local: the interface), "%25eth0" as RFC 6874
		 * writes it in a URL, or "%eth0"; kept as getaddrinfo()
		 * takes it, "fe80::1%eth0".
		 */
		if (zone) {
			size_t i, zl;

			*zone = '\0';
			/* "%25" is the delimiter: "%25" alone, no zone */
			if (!strncmp(zone + 1, "25", 2))
				memmove(zone + 1, zone + 3, strlen(zone + 3) + 1);
			zl = strlen(zone + 1);
			for (i = 1; i <= zl; i++)
				if (!isalnum((unsigned char)zone[i]) &&
				    zone[i] != '_' && zone[i] != '-' &&
				    zone[i] != '.')
					break;
			if (!zl || zl > 15 || i <= zl)
				return set_err(err, errlen, -EINVAL,
					       "bad URL: '%s' is not an interface for the zone of %s (nfs://[fe80::1%%25eth0]/...)",
					       zone + 1, t->host);
		}
		if (inet_pton(AF_INET6, t->host, &in6) != 1)
			return set_err(err, errlen, -EINVAL,
				       "bad URL: '%s' is not an IPv6 address",
				       t->host);
		if (zone)
			*zone = '%';
	} else if (!valid_hostname(t->host)) {
		return set_err(err, errlen, -EINVAL,
			       "bad URL: '%s' is not a valid server name",
			       t->host);
	}
	if (port && parse_port(port, (size_t)(a + n - port), &t->port) < 0)
		return set_err(err, errlen, -EINVAL,
			       "bad URL: port must be a number 1..65535");
	return 0;
}

/*
 * Decode %XX, collapse "//", refuse "." and ".." components, and split at
 * the last component: export gets the directory, file "/name".
 */
static int split_path(const char *p, struct nfs_target *t,
		      char *err, size_t errlen)
{
	char buf[NFSTARGET_PATH_MAX + 1];
	size_t o = 0, i, comp;
	char *slash;

	for (i = 0; p[i]; i++) {
		char c = p[i];

		if (c == '%') {
			int hi = hexval((unsigned char)p[i + 1]);
			int lo = hi < 0 ? -1 : hexval((unsigned char)p[i + 2]);

			if (hi < 0 || lo < 0)
				return set_err(err, errlen, -EINVAL,
					       "bad URL: bad %%-escape in path");
			c = (char)(hi * 16 + lo);
			if (c == '\0' || c == '/')
				return set_err(err, errlen, -EINVAL,
					       "bad URL: escaped NUL or '/' in path");
			i += 2;
		} else if (c == '?' || c == '#') {
			return set_err(err, errlen, -EINVAL,
				       "bad URL: '%c' options are not supported (use command options)",
				       c);
		}
		if (c == '/' && p[i] == '/' && o > 0 && buf[o - 1] == '/')
			continue;
		if (o >= sizeof(buf) - 1)
			return set_err(err, errlen, -ENAMETOOLONG,
				       "bad URL: path too long");
		buf[o++] = c;
	}
	buf[o] = '\0';

	/* Check every component. */
	for (i = 1, comp = 1; i <= o; i++) {
		if (buf[i] == '/' || buf[i] == '\0') {
			size_t len = i - comp;

			if ((len == 1 && buf[comp] == '.') ||
			    (len == 2 && buf[comp] == '.' && buf[comp + 1] == '.'))
				return set_err(err, errlen, -EINVAL,
					       "bad URL: '.' and '..' are not allowed in the path");
			comp = i + 1;
		}
	}
	if (o <= 1 || buf[o - 1] == '/')
		return set_err(err, errlen, -EINVAL,
			       "bad URL: the path must name a file (nfs://server/export/file)");
	slash = strrchr(buf, '/');
	snprintf(t->file, sizeof(t->file), "%s", slash);
	if (slash == buf) {
		strcpy(t->export, "/");
	} else {
		*slash = '\0';
		snprintf(t->export, sizeof(t->export), "%s", buf);
	}
	return 0;
}

/*
 * Why not libnfs's nfs_parse_url_full() (checked against Debian 12's
 * libnfs 4.0.0): it returns "10.0.0.1:2050" and "[fd00::1]:2050" as the
 * server, port and brackets left in (the port goes into the context,
 * atoi() without a range check: ":99999" and ":abc" pass); it does not
 * undo %XX escapes ("a%20b" stays); it applies ?uid=...&version=...
 * query options to the nfs_context as a side effect (we take options as
 * flags, never from the URL) and, on such a URL or a one-letter host,
 * returned a NULL server; and it needs a context, which swapnettop and
 * the config file's %-templates (template.c) have none of.  So the URL
 * is parsed here: host name / IPv4 / [IPv6], a checked port, %XX, and no
 * query part.
 */
int nfs_target_parse_url(const char *url, struct nfs_target *t,
			 char *err, size_t errlen)
{
	const char *auth, *path;
	int ret;

	memset(t, 0, sizeof(*t));
	if (!nfs_target_is_url(url))
		return set_err(err, errlen, -EINVAL,
			       "bad URL '%s': must start with nfs://", url);
	auth = url + 6;
	path = strchr(auth, '/');
	if (!path)
		return set_err(err, errlen, -EINVAL,
			       "bad URL '%s': no path (nfs://server/export/file)",
			       url);
	ret = parse_authority(auth, (size_t)(path - auth), t, err, errlen);
	if (ret == 0)
		ret = split_path(path, t, err, errlen);
	return ret;
}

/* ---- mountinfo ---- */

/* "port=N" among the super options, 0 if absent or 0. */
static uint16_t super_port(const char *super)
{
	const char *p = super;
	uint16_t port = 0;

	while (p && *p) {
		if (!strncmp(p, "port=", 5)) {
			const char *end = strchr(p, ',');
			size_t n = end ? (size_t)(end - p - 5) : strlen(p + 5);

			if (parse_port(p + 5, n, &port) < 0)
				port = 0;
			return port;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return 0;
}

/* "server:/path" or "[v6]:/path" into host and export. */
static int split_source(const char *src, struct nfs_target *t)
{
	const char *sep, *host = src;
	size_t hostlen;

	if (src[0] == '[') {
		const char *end = strchr(src, ']');

		if (!end || end[1] != ':')
			return -1;
		host = src + 1;
		hostlen = (size_t)(end - host);
		sep = end + 1;
	} else {
		sep = strchr(src, ':');
		if (!sep)
			return -1;
		hostlen = (size_t)(sep - src);
	}
	if (hostlen == 0 || hostlen > NFSTARGET_HOST_MAX || sep[1] != '/')
		return -1;
	memcpy(t->host, host, hostlen);
	t->host[hostlen] = '\0';
	if (snprintf(t->export, sizeof(t->export), "%s", sep + 1) >=
	    (int)sizeof(t->export))
		return -1;
	return 0;
}

/*
 * A path in a message: at most 200 bytes of it, so that the reason after
 * it ("File name too long") always fits the caller's buffer.
 */
#define P_FMT "%.200s%s"
#define P_ARG(p) (p), strlen(p) > 200 ? "..." : ""

int nfs_target_from_mountinfo(const char *path, const char *mountinfo,
			      struct nfs_target *t, char *err, size_t errlen)
{
	struct mount_of *best;
	char rel[NFSTARGET_PATH_MAX + 1];
	int ret = 0;

	memset(t, 0, sizeof(*t));
	if (path[0] != '/')
		return set_err(err, errlen, -EINVAL,
			       P_FMT ": not an absolute path", P_ARG(path));
	best = calloc(1, sizeof(*best));
	if (!best)
		return set_err(err, errlen, -ENOMEM, "out of memory");
	ret = mounts_of_text(mountinfo, path, best);
	if (ret == -ENOMEM) {
		ret = set_err(err, errlen, -ENOMEM, "out of memory");
		goto out;
	}
	if (ret) {
		ret = set_err(err, errlen, -ENOENT,
			      P_FMT ": no mount point found in mountinfo", P_ARG(path));
		goto out;
	}
	if (!mount_is_nfs(best)) {
		ret = set_err(err, errlen, -ENOENT,
			      P_FMT ": on %s (%s), not on NFS", P_ARG(path), best->target,
			      best->fstype);
		goto out;
	}
	if (split_source(best->source, t) < 0) {
		ret = set_err(err, errlen, -EINVAL,
			      P_FMT ": cannot parse NFS source '%s'", P_ARG(path),
			      best->source);
		goto out;
	}
	t->port = super_port(best->super);

	/* file = ROOT (of the mount, within the export) + path below mnt. */
	snprintf(rel, sizeof(rel), "%s",
		 path + (best->match == 1 ? 0 : best->match));
	if (!rel[0] || !strcmp(rel, "/")) {
		ret = set_err(err, errlen, -EISDIR,
			      P_FMT ": is the mount point, not a file", P_ARG(path));
		goto out;
	}
	if (root_path(t->file, sizeof(t->file), best->root, "%s", rel)) {
		ret = set_err(err, errlen, -ENAMETOOLONG, P_FMT ": %s", P_ARG(path),
			      strerror(ENAMETOOLONG));
		goto out;
	}
out:
	free(best);
	return ret;
}

static char *read_text(const char *file, char *err, size_t errlen)
{
	char *buf = read_file(file);

	if (!buf)
		set_err(err, errlen, 0, "%s: %s", file, strerror(errno));
	return buf;
}

int nfs_target_resolve(const char *arg, struct nfs_target *t,
		       char *err, size_t errlen)
{
	char real[PATH_MAX];
	struct stat st;
	char *mi;
	int ret;

	if (nfs_target_is_url(arg))
		return nfs_target_parse_url(arg, t, err, errlen);
	if (strstr(arg, "://"))
		return set_err(err, errlen, -EINVAL,
			       "bad URL '%s': only nfs:// is supported", arg);
	if (!realpath(arg, real))
		return set_err(err, errlen, -errno, P_FMT ": %s",
			       P_ARG(arg), strerror(errno));
	mi = read_text("/proc/self/mountinfo", err, errlen);
	if (!mi)
		return -EIO;
	ret = nfs_target_from_mountinfo(real, mi, t, err, errlen);
	free(mi);
	if (ret == 0 && stat(real, &st) == 0)
		t->local_ino = (uint64_t)st.st_ino;
	return ret;
}

int nfs_target_path(const struct nfs_target *t, char *buf, size_t len)
{
	size_t e = strcmp(t->export, "/") ? strlen(t->export) : 0;
	size_t f = strlen(t->file);

	if (e + f + 1 > len)
		return -ENAMETOOLONG;
	memcpy(buf, t->export, e);
	memcpy(buf + e, t->file, f + 1);
	return 0;
}

char *nfs_target_url(const struct nfs_target *t, char *buf, size_t len)
{
	char port[8] = "";
	int v6 = strchr(t->host, ':') != NULL;
	const char *zone = v6 ? strchr(t->host, '%') : NULL;

	if (t->port)
		snprintf(port, sizeof(port), ":%u", t->port);
	/* a zone as RFC 6874 writes it: %25 */
	snprintf(buf, len, "nfs://%s%.*s%s%s%s%s%s%s", v6 ? "[" : "",
		 zone ? (int)(zone - t->host) : (int)strlen(t->host), t->host,
		 zone ? "%25" : "", zone ? zone + 1 : "", v6 ? "]" : "", port,
		 strcmp(t->export, "/") ? t->export : "", t->file);
	return buf;
}

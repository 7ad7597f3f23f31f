/* SPDX-License-Identifier: GPL-2.0 */
/*
 * template: per-node names in swapnet.conf targets and on the command
 * line, so one image serves every node of a cluster.
 *
 *   %H  short host name (up to the first '.')
 *   %m  /etc/machine-id
 *   %a  MAC address of the interface the kernel routes the server's
 *       address through, as aa-bb-cc-dd-ee-ff (nfs:// URLs only)
 *   %%  a literal '%'
 *
 * Anything else after '%', or an empty value, is an error.  The sources
 * are behind a struct so the unit tests can give their own; the default
 * one reads SWAPNET_ROOT (etc/hostname, etc/machine-id) when that is set,
 * else the running system (gethostname, /etc/machine-id, rtnetlink).
 */
#ifndef SWAPNETCTL_TEMPLATE_H
#define SWAPNETCTL_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

struct template_src {
	/* Each: 0 with a NUL-terminated value in buf, or -errno with err. */
	int (*hostname)(char *buf, size_t len, char *err, size_t errlen);
	int (*machine_id)(char *buf, size_t len, char *err, size_t errlen);
	/* server: the URL's host (name, IPv4 or IPv6, no brackets) */
	int (*mac)(const char *server, char *buf, size_t len, char *err,
		   size_t errlen);
};

/* The running system's (or SWAPNET_ROOT's) sources. */
extern const struct template_src template_default_src;

/* 1 when s holds a '%' (something to expand), else 0. */
bool template_has(const char *s);

/*
 * Expand tmpl into out (outlen bytes).  src NULL: the default sources.
 * 0, or -EINVAL / -ENAMETOOLONG / -errno with one line in err naming
 * the template and what is wrong.
 */
int template_expand(const char *tmpl, const struct template_src *src,
		    char *out, size_t outlen, char *err, size_t errlen);

/*
 * The command line of attach, swapon, swapoff, create and check: every
 * argument that names a swapfile (nfs://... or /...) and holds a '%' is
 * replaced by its expansion (argv[0] is the command).  0, or -errno with
 * the message in err.
 */
int template_argv(int argc, char **argv, char *err, size_t errlen);

/*
 * The MAC of the interface that routes to addr (an IPv4 or IPv6
 * literal or a host name): RTM_GETROUTE, then the link's address.
 */
int template_route_mac(const char *server, char *buf, size_t len,
		       char *err, size_t errlen);

#endif /* SWAPNETCTL_TEMPLATE_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * template: %H %m %a %% in swapfile names (see template.h).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if_arp.h>

#include "mnl_request.h"
#include "reserve_model.h"
#include "template.h"
#include "rootpath.h"

bool template_has(const char *s)
{
	return strchr(s, '%') != NULL;
}

/* The first line of ROOT/rel, trimmed.  0, or -errno with err. */
static int read_line(const char *rel, char *buf, size_t len, char *err,
		     size_t errlen)
{
	const char *root = reserve_root(NULL);
	char path[4096];
	FILE *f;
	size_t n;

	root_path(path, sizeof(path), root, "%s", rel);
	f = fopen(path, "r");
	if (!f) {
		int e = errno;

		snprintf(err, errlen, "cannot read %s: %s", path, strerror(e));
		return -e;
	}
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	n = strlen(buf);
	while (n && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	return 0;
}

static int sys_hostname(char *buf, size_t len, char *err, size_t errlen)
{
	const char *root = reserve_root(NULL);
	int ret;

	if (strcmp(root, "/")) {
		ret = read_line("/etc/hostname", buf, len, err, errlen);
		if (ret)
			return ret;
	} else if (gethostname(buf, len) < 0) {
		ret = -errno;
		snprintf(err, errlen, "gethostname: %s", strerror(errno));
		return ret;
	}
	buf[len - 1] = '\0';
	buf[strcspn(buf, ".")] = '\0';
	return 0;
}

static int sys_machine_id(char *buf, size_t len, char *err, size_t errlen)
{
	return read_line("/etc/machine-id", buf, len, err, errlen);
}

const struct template_src template_default_src = {
	.hostname = sys_hostname,
	.machine_id = sys_machine_id,
	.mac = template_route_mac,
};

/* A file-name-safe value: no '/', no whitespace, no control bytes. */
static int check_value(char c, const char *v, char *err, size_t errlen)
{
	const char *p;

	if (!*v) {
		snprintf(err, errlen, "%%%c: empty", c);
		return -EINVAL;
	}
	for (p = v; *p; p++)
		if (*p == '/' || *p == '%' || isspace((unsigned char)*p) ||
		    iscntrl((unsigned char)*p)) {
			snprintf(err, errlen, "%%%c: '%s' cannot be part of a file name",
				 c, v);
			return -EINVAL;
		}
	return 0;
}

/* The host of nfs://host[:port]/... (no brackets), for %a. */
static int url_host(const char *tmpl, char *host, size_t len, char *err,
		    size_t errlen)
{
	const char *h, *e;

	if (strncasecmp(tmpl, "nfs://", 6)) {
		snprintf(err, errlen, "%%a: only in an nfs:// URL (the interface is the one that routes to its server)");
		return -EINVAL;
	}
	h = tmpl + 6;
	if (*h == '[') {
		h++;
		e = strchr(h, ']');
	} else {
		e = h + strcspn(h, ":/");
	}
	if (!e || e == h || (size_t)(e - h) >= len) {
		snprintf(err, errlen, "%%a: no server in the URL");
		return -EINVAL;
	}
	memcpy(host, h, (size_t)(e - h));
	host[e - h] = '\0';
	if (strchr(host, '%')) {
		snprintf(err, errlen, "%%a: the server name must not be a template");
		return -EINVAL;
	}
	return 0;
}

int template_expand(const char *tmpl, const struct template_src *src,
		    char *out, size_t outlen, char *err, size_t errlen)
{
	char val[256], host[256], why[512];
	const char *p, *lb, *rb;
	size_t o = 0;
	int ret;

	if (!src)
		src = &template_default_src;
	/* an IPv6 zone in a URL ("[fe80::1%eth0]") is no template */
	lb = strncasecmp(tmpl, "nfs://[", 7) ? NULL : tmpl + 6;
	rb = lb ? strchr(lb, ']') : NULL;
	for (p = tmpl; *p; p++) {
		const char *add = val;

		if (*p != '%' || (rb && p > lb && p < rb)) {
			val[0] = *p;
			val[1] = '\0';
		} else {
			why[0] = '\0';
			switch (p[1]) {
			case '%':
				strcpy(val, "%");
				ret = 0;
				break;
			case 'H':
				ret = src->hostname(val, sizeof(val), why,
						    sizeof(why));
				break;
			case 'm':
				ret = src->machine_id(val, sizeof(val), why,
						      sizeof(why));
				break;
			case 'a':
				ret = url_host(tmpl, host, sizeof(host), why,
					       sizeof(why));
				if (!ret)
					ret = src->mac(host, val, sizeof(val),
						       why, sizeof(why));
				break;
			case '\0':
				snprintf(err, errlen, "'%s': a lone '%%' at the end (%%%% for a literal one)",
					 tmpl);
				return -EINVAL;
			default:
				/*
				 * Templates come first, then the URL's %XX:
				 * an escape is written %%XX.
				 */
				if (isxdigit((unsigned char)p[1]) &&
				    isxdigit((unsigned char)p[2]))
					snprintf(err, errlen, "'%s': unknown template '%%%c' (%%H, %%m, %%a, %%%%; templates are expanded before the URL's %%XX escapes, so write %%%%%c%c for the escape %%%c%c)",
						 tmpl, p[1], p[1], p[2], p[1], p[2]);
				else
					snprintf(err, errlen, "'%s': unknown template '%%%c' (%%H, %%m, %%a, %%%%)",
						 tmpl, p[1]);
				return -EINVAL;
			}
			if (ret) {
				snprintf(err, errlen, "'%s': %%%c: %s", tmpl,
					 p[1], why);
				return ret;
			}
			if (p[1] != '%' &&
			    check_value(p[1], val, why, sizeof(why))) {
				snprintf(err, errlen, "'%s': %s", tmpl, why);
				return -EINVAL;
			}
			p++;
		}
		if (o + strlen(add) >= outlen) {
			snprintf(err, errlen, "'%s': longer than %zu characters once expanded",
				 tmpl, outlen - 1);
			return -ENAMETOOLONG;
		}
		strcpy(out + o, add);
		o += strlen(add);
	}
	out[o] = '\0';
	return 0;
}

int template_argv(int argc, char **argv, char *err, size_t errlen)
{
	char out[4096];
	int i, ret;

	for (i = 1; i < argc; i++) {
		char *dup;

		if ((strncasecmp(argv[i], "nfs://", 6) && argv[i][0] != '/') ||
		    !template_has(argv[i]))
			continue;
		ret = template_expand(argv[i], NULL, out, sizeof(out), err,
				      errlen);
		if (ret)
			return ret;
		/* lives as long as argv: until exit */
		dup = strdup(out);
		if (!dup) {
			snprintf(err, errlen, "out of memory");
			return -ENOMEM;
		}
		argv[i] = dup;
	}
	return 0;
}

/* ---- %a: the kernel's route to the server, then that link's MAC ---- */

struct rt_reply {
	int oif;
	unsigned char addr[32];
	int addr_len;
	unsigned short type;
};

static int route_attr(const struct nlattr *a, void *data)
{
	struct rt_reply *r = data;

	if (mnl_attr_get_type(a) == RTA_OIF &&
	    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
		r->oif = (int)mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int route_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(struct rtmsg), route_attr, data);
	return MNL_CB_OK;
}

static int link_attr(const struct nlattr *a, void *data)
{
	struct rt_reply *r = data;
	uint16_t n = mnl_attr_get_payload_len(a);

	if (mnl_attr_get_type(a) == IFLA_ADDRESS && n <= sizeof(r->addr)) {
		memcpy(r->addr, mnl_attr_get_payload(a), n);
		r->addr_len = n;
	}
	return MNL_CB_OK;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct rt_reply *r = data;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return MNL_CB_OK;
	r->type = ifi->ifi_type;
	mnl_attr_parse(nlh, sizeof(*ifi), link_attr, data);
	return MNL_CB_OK;
}

int template_route_mac(const char *server, char *buf, size_t len,
		       char *err, size_t errlen)
{
	char req[MNL_SOCKET_BUFFER_SIZE];
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai;
	struct rt_reply r = { 0 };
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct ifinfomsg *ifi;
	int ret, i;
	size_t o;

	ret = getaddrinfo(server, NULL, &hints, &ai);
	if (ret) {
		snprintf(err, errlen, "%s: %s", server, gai_strerror(ret));
		return -EHOSTUNREACH;
	}
	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		snprintf(err, errlen, "rtnetlink: %s", strerror(errno));
		if (nl)
			mnl_socket_close(nl);
		freeaddrinfo(ai);
		return ret;
	}
	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = (unsigned int)time(NULL);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = (unsigned char)ai->ai_family;
	if (ai->ai_family == AF_INET) {
		rtm->rtm_dst_len = 32;
		mnl_attr_put(nlh, RTA_DST, 4,
			     &((struct sockaddr_in *)ai->ai_addr)->sin_addr);
	} else {
		rtm->rtm_dst_len = 128;
		mnl_attr_put(nlh, RTA_DST, 16,
			     &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr);
	}
	freeaddrinfo(ai);
	ret = mnl_request(nl, nlh, route_cb, &r);
	if (ret || !r.oif) {
		snprintf(err, errlen, "no route to %s%s%s", server,
			 ret ? ": " : "", ret ? strerror(-ret) : "");
		mnl_socket_close(nl);
		return ret ? ret : -ENETUNREACH;
	}
	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = (unsigned int)time(NULL) + 1;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = r.oif;
	ret = mnl_request(nl, nlh, link_cb, &r);
	mnl_socket_close(nl);
	if (ret) {
		snprintf(err, errlen, "interface %d: %s", r.oif,
			 strerror(-ret));
		return ret;
	}
	if (r.type != ARPHRD_ETHER || r.addr_len != 6) {
		snprintf(err, errlen, "the route to %s goes through interface %d, which has no Ethernet address (loopback?)",
			 server, r.oif);
		return -EADDRNOTAVAIL;
	}
	for (i = 0, o = 0; i < r.addr_len && o + 3 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%02x", i ? "-" : "",
				      r.addr[i]);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * options: attach/swapon argument parsing and device names.
 * The limits are the kernel's (kmod/uapi/swapnet.h), checked here too so
 * a typo gets a usage error before any network traffic.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seterr.h"
#include "nfstarget.h"
#include "optlimits.h"
#include "options.h"
#include "size.h"

#define IO_MIN OPT_IO_MIN
#define IO_MAX OPT_IO_MAX
#define TIMEO_MIN OPT_TIMEO_MIN
#define TIMEO_MAX OPT_TIMEO_MAX
#define RETRANS_MIN OPT_RETRANS_MIN
#define RETRANS_MAX OPT_RETRANS_MAX
#define PRIO_MAX OPT_PRIO_MAX


int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long long v = 0;
	const char *p;

	if (!s || !*s)
		return -EINVAL;
	for (p = s; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		v = v * 10 + (unsigned long long)(*p - '0');
		if (v > 0xffffffffull)
			return -EINVAL;
	}
	if (v < min || v > max)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int parse_hex_handle(const char *s, uint8_t *fh, size_t max)
{
	size_t n, i;

	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2))
		s += 2;
	n = strlen(s);
	if (!n || n % 2 || n / 2 > max)
		return -EINVAL;
	for (i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		fh[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(n / 2);
}

int parse_dev_spec(const char *s, uint32_t *index)
{
	if (!strncmp(s, "/dev/", 5))
		s += 5;
	if (!strncmp(s, "swapnet", 7))
		s += 7;
	/* Keep "007" from meaning swapnet7: names never have leading 0s. */
	if (s[0] == '0' && s[1])
		return -EINVAL;
	return parse_u32(s, 0, 0x7fffffff, index);
}

enum {
	OPT_NAME = 256, OPT_RSIZE, OPT_WSIZE, OPT_UID, OPT_GID, OPT_TIMEO,
	OPT_RETRANS, OPT_NORESVPORT, OPT_PRIORITY, OPT_MKSWAP, OPT_HELP,
	OPT_UNSTABLE, OPT_HANDLE, OPT_SIZE,
};

#define COMMON_OPTS \
	{ "name",       required_argument, NULL, OPT_NAME }, \
	{ "rsize",      required_argument, NULL, OPT_RSIZE }, \
	{ "wsize",      required_argument, NULL, OPT_WSIZE }, \
	{ "uid",        required_argument, NULL, OPT_UID }, \
	{ "gid",        required_argument, NULL, OPT_GID }, \
	{ "timeo",      required_argument, NULL, OPT_TIMEO }, \
	{ "retrans",    required_argument, NULL, OPT_RETRANS }, \
	{ "noresvport", no_argument,       NULL, OPT_NORESVPORT }, \
	{ "unstable",   no_argument,       NULL, OPT_UNSTABLE }, \
	{ "handle",     required_argument, NULL, OPT_HANDLE }, \
	{ "size",       required_argument, NULL, OPT_SIZE }, \
	{ "help",       no_argument,       NULL, OPT_HELP }

/* Two tables so getopt itself reports swapon's options as unknown to attach. */
static const struct option attach_opts_tbl[] = {
	COMMON_OPTS,
	{ NULL, 0, NULL, 0 },
};

static const struct option swapon_opts_tbl[] = {
	COMMON_OPTS,
	{ "priority",   required_argument, NULL, OPT_PRIORITY },
	{ "mkswap",     no_argument,       NULL, OPT_MKSWAP },
	{ NULL, 0, NULL, 0 },
};

static int io_size(const char *cmd, const char *opt, const char *arg,
		   uint32_t *out, char *err, size_t errlen)
{
	if (parse_u32(arg, IO_MIN, IO_MAX, out) < 0 || *out % 4096)
		return set_err(err, errlen, -EINVAL,
			       "%s: %s: '%s' is not a multiple of 4096 in 4096..1048576",
			       cmd, opt, arg);
	return 0;
}

static int label_ok(const char *s)
{
	size_t i;

	if (!s[0] || strlen(s) > SWAPNET_LABEL_MAX)
		return 0;
	for (i = 0; s[i]; i++)
		if (!isgraph((unsigned char)s[i]))
			return 0;
	return 1;
}

int parse_attach_args(int argc, char **argv, int swapon,
		      struct attach_opts *o, char *err, size_t errlen)
{
	const struct option *tbl = swapon ? swapon_opts_tbl : attach_opts_tbl;
	const char *cmd = argv[0];
	char serr[128];
	uint32_t v;
	int c, n;

	memset(o, 0, sizeof(*o));
	o->uid = DEFAULT_UID;
	o->gid = DEFAULT_GID;
	/* optind 0 makes glibc reinitialise, so this can run twice (tests). */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", tbl, NULL)) != -1) {
		switch (c) {
		case OPT_NAME:
			if (!label_ok(optarg))
				return set_err(err, errlen, -EINVAL,
					       "%s: --name: 1..%d printable characters without spaces",
					       cmd, SWAPNET_LABEL_MAX);
			snprintf(o->label, sizeof(o->label), "%s", optarg);
			break;
		case OPT_RSIZE:
			if (io_size(cmd, "--rsize", optarg, &o->rsize, err, errlen))
				return -EINVAL;
			break;
		case OPT_WSIZE:
			if (io_size(cmd, "--wsize", optarg, &o->wsize, err, errlen))
				return -EINVAL;
			break;
		case OPT_UID:
			if (parse_u32(optarg, 0, OPT_ID_MAX, &o->uid) < 0)
				return set_err(err, errlen, -EINVAL,
					       "%s: --uid: '%s' is not a numeric uid",
					       cmd, optarg);
			break;
		case OPT_GID:
			if (parse_u32(optarg, 0, OPT_ID_MAX, &o->gid) < 0)
				return set_err(err, errlen, -EINVAL,
					       "%s: --gid: '%s' is not a numeric gid",
					       cmd, optarg);
			break;
		case OPT_TIMEO:
			if (parse_u32(optarg, TIMEO_MIN, TIMEO_MAX,
				      &o->timeo_ds) < 0)
				return set_err(err, errlen, -EINVAL,
					       "%s: --timeo: '%s' is not in %u..%u (tenths of a second)",
					       cmd, optarg, TIMEO_MIN, TIMEO_MAX);
			break;
		case OPT_RETRANS:
			if (parse_u32(optarg, RETRANS_MIN, RETRANS_MAX,
				      &o->retrans) < 0)
				return set_err(err, errlen, -EINVAL,
					       "%s: --retrans: '%s' is not in %u..%u",
					       cmd, optarg, RETRANS_MIN, RETRANS_MAX);
			break;
		case OPT_NORESVPORT:
			o->flags |= SWAPNET_F_NORESVPORT;
			break;
		case OPT_UNSTABLE:
			o->flags |= SWAPNET_F_UNSTABLE;
			break;
		case OPT_HANDLE:
			n = parse_hex_handle(optarg, o->fh, sizeof(o->fh));
			if (n < 0)
				return set_err(err, errlen, -EINVAL,
					       "%s: --handle: '%.40s%s' is not a file handle: an even number of hex digits, 1..%d bytes (as 'swapnetctl list -j' prints it)",
					       cmd, optarg,
					       strlen(optarg) > 40 ? "..." : "",
					       SWAPNET_FH_MAX);
			o->fh_len = (size_t)n;
			o->has_handle = 1;
			break;
		case OPT_SIZE:
			if (size_parse(optarg, &o->size_bytes, serr,
				       sizeof(serr)) < 0)
				return set_err(err, errlen, -EINVAL, "%s: --size: %s",
					       cmd, serr);
			break;
		case OPT_PRIORITY:
			if (parse_u32(optarg, 0, PRIO_MAX, &v) < 0)
				return set_err(err, errlen, -EINVAL,
					       "%s: --priority: '%s' is not in 0..%u",
					       cmd, optarg, PRIO_MAX);
			o->has_priority = 1;
			o->priority = (int)v;
			break;
		case OPT_MKSWAP:
			o->mkswap = 1;
			break;
		case 'h':
		case OPT_HELP:
			return 1;
		case ':':
			return set_err(err, errlen, -EINVAL, "%s: %s needs a value", cmd,
				       argv[optind - 1]);
		default:
			/* optopt is set for short options only */
			if (optopt)
				return set_err(err, errlen, -EINVAL,
					       "%s: unknown option '-%c'", cmd,
					       optopt);
			return set_err(err, errlen, -EINVAL, "%s: unknown option '%s'",
				       cmd, argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return set_err(err, errlen, -EINVAL, "%s: missing URL or PATH", cmd);
	if (optind + 1 < argc)
		return set_err(err, errlen, -EINVAL, "%s: unexpected argument '%s'", cmd,
			       argv[optind + 1]);
	o->target = argv[optind];
	if (!o->target[0])
		return set_err(err, errlen, -EINVAL, "%s: empty URL or PATH", cmd);
	if (o->has_handle && !o->size_bytes)
		return set_err(err, errlen, -EINVAL, "%s: --handle needs --size SIZE",
			       cmd);
	if (o->size_bytes && !o->has_handle)
		return set_err(err, errlen, -EINVAL,
			       "%s: --size is for --handle only (the size of a file named without a handle is read from the server)",
			       cmd);
	if (o->has_handle && !nfs_target_is_url(o->target))
		return set_err(err, errlen, -EINVAL,
			       "%s: with --handle, name the file by URL (nfs://SERVER[:PORT]/EXPORT/PATH), not '%s'",
			       cmd, o->target);
	return 0;
}

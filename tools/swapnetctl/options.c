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

#define ERR_MAX 1024

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

static const struct {
	const char *word;
	int has_value, swapon_only;
} opt_tbl[AO_COUNT] = {
	[AO_NAME] = { "name", 1, 0 },
	[AO_RSIZE] = { "rsize", 1, 0 },
	[AO_WSIZE] = { "wsize", 1, 0 },
	[AO_UID] = { "uid", 1, 0 },
	[AO_GID] = { "gid", 1, 0 },
	[AO_TIMEO] = { "timeo", 1, 0 },
	[AO_RETRANS] = { "retrans", 1, 0 },
	[AO_NORESVPORT] = { "noresvport", 0, 0 },
	[AO_UNSTABLE] = { "unstable", 0, 0 },
	[AO_HANDLE] = { "handle", 1, 0 },
	[AO_SIZE] = { "size", 1, 0 },
	[AO_PRIORITY] = { "priority", 1, 1 },
	[AO_MKSWAP] = { "mkswap", 0, 1 },
	[AO_NO_VERIFY] = { "no-verify", 0, 0 },
	[AO_MIRROR] = { "mirror", 1, 1 },
};

int attach_opt_lookup(const char *word)
{
	int k;

	for (k = 0; k < AO_COUNT; k++)
		if (!strcmp(word, opt_tbl[k].word))
			return k;
	return -1;
}

const char *attach_opt_word(enum attach_opt k)
{
	return opt_tbl[k].word;
}

int attach_opt_has_value(enum attach_opt k)
{
	return opt_tbl[k].has_value;
}

int attach_opt_swapon_only(enum attach_opt k)
{
	return opt_tbl[k].swapon_only;
}

void attach_opts_init(struct attach_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->uid = DEFAULT_UID;
	o->gid = DEFAULT_GID;
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

int attach_opt_set(struct attach_opts *o, enum attach_opt k,
		   const char *name, const char *val, char *err,
		   size_t errlen)
{
	char serr[128];
	uint32_t v;
	int n;

	if (o->given & (1u << k))
		return set_err(err, errlen, -EINVAL, "%s: given twice", name);
	o->given |= 1u << k;
	switch (k) {
	case AO_NAME:
		if (!label_ok(val))
			return set_err(err, errlen, -EINVAL,
				       "%s: 1..%d printable characters without spaces",
				       name, SWAPNET_LABEL_MAX);
		snprintf(o->label, sizeof(o->label), "%s", val);
		return 0;
	case AO_RSIZE:
	case AO_WSIZE:
		if (parse_u32(val, IO_MIN, IO_MAX, &v) < 0 || v % 4096)
			return set_err(err, errlen, -EINVAL,
				       "%s: '%s' is not a multiple of 4096 in %u..%u",
				       name, val, IO_MIN, IO_MAX);
		*(k == AO_RSIZE ? &o->rsize : &o->wsize) = v;
		return 0;
	case AO_UID:
	case AO_GID:
		if (parse_u32(val, 0, OPT_ID_MAX, &v) < 0)
			return set_err(err, errlen, -EINVAL,
				       "%s: '%s' is not a numeric %s in 0..%u",
				       name, val, k == AO_UID ? "uid" : "gid",
				       OPT_ID_MAX);
		*(k == AO_UID ? &o->uid : &o->gid) = v;
		return 0;
	case AO_TIMEO:
		if (parse_u32(val, TIMEO_MIN, TIMEO_MAX, &o->timeo_ds) < 0)
			return set_err(err, errlen, -EINVAL,
				       "%s: '%s' is not in %u..%u (tenths of a second)",
				       name, val, TIMEO_MIN, TIMEO_MAX);
		return 0;
	case AO_RETRANS:
		if (parse_u32(val, RETRANS_MIN, RETRANS_MAX, &o->retrans) < 0)
			return set_err(err, errlen, -EINVAL,
				       "%s: '%s' is not in %u..%u", name, val,
				       RETRANS_MIN, RETRANS_MAX);
		return 0;
	case AO_NORESVPORT:
		o->flags |= SWAPNET_F_NORESVPORT;
		return 0;
	case AO_UNSTABLE:
		o->flags |= SWAPNET_F_UNSTABLE;
		return 0;
	case AO_HANDLE:
		n = parse_hex_handle(val, o->fh, sizeof(o->fh));
		if (n < 0)
			return set_err(err, errlen, -EINVAL,
				       "%s: '%.40s%s' is not a file handle: an even number of hex digits, 1..%d bytes (as 'swapnetctl list -j' prints it)",
				       name, val, strlen(val) > 40 ? "..." : "",
				       SWAPNET_FH_MAX);
		o->fh_len = (size_t)n;
		o->has_handle = 1;
		return 0;
	case AO_SIZE:
		if (size_parse(val, &o->size_bytes, serr, sizeof(serr)) < 0)
			return set_err(err, errlen, -EINVAL, "%s: %s", name,
				       serr);
		return 0;
	case AO_PRIORITY:
		if (parse_u32(val, 0, PRIO_MAX, &v) < 0)
			return set_err(err, errlen, -EINVAL,
				       "%s: '%s' is not in 0..%u", name, val,
				       PRIO_MAX);
		o->has_priority = 1;
		o->priority = (int)v;
		return 0;
	case AO_MKSWAP:
		o->mkswap = 1;
		return 0;
	case AO_NO_VERIFY:
		o->no_verify = 1;
		return 0;
	case AO_MIRROR:
		if (!val[0] || (!nfs_target_is_url(val) && val[0] != '/'))
			return set_err(err, errlen, -EINVAL,
				       "%s: '%s' is not a swapfile (nfs://SERVER/EXPORT/PATH or /path)",
				       name, val);
		o->mirror = val;
		return 0;
	default:
		return set_err(err, errlen, -EINVAL, "%s: unknown option",
			       name);
	}
}

int attach_opts_argv(const struct attach_opts *o, int swapon, char **argv,
		     char *store, size_t storelen)
{
	char *s = store, *end = store + storelen;
	int argc = 0, k, i;

	argv[argc++] = swapon ? "swapon" : "attach";
	argv[argc++] = (char *)o->target;
	for (k = 0; k < AO_COUNT; k++) {
		char val[2 * SWAPNET_FH_MAX + 4200];
		size_t need;

		if (!(o->given & (1u << k)) || (!swapon && opt_tbl[k].swapon_only))
			continue;
		val[0] = '\0';
		switch (k) {
		case AO_NAME:
			snprintf(val, sizeof(val), "%s", o->label);
			break;
		case AO_RSIZE:
			snprintf(val, sizeof(val), "%u", o->rsize);
			break;
		case AO_WSIZE:
			snprintf(val, sizeof(val), "%u", o->wsize);
			break;
		case AO_UID:
			snprintf(val, sizeof(val), "%u", o->uid);
			break;
		case AO_GID:
			snprintf(val, sizeof(val), "%u", o->gid);
			break;
		case AO_TIMEO:
			snprintf(val, sizeof(val), "%u", o->timeo_ds);
			break;
		case AO_RETRANS:
			snprintf(val, sizeof(val), "%u", o->retrans);
			break;
		case AO_HANDLE:
			for (i = 0; i < (int)o->fh_len; i++)
				snprintf(val + 2 * i, 3, "%02x", o->fh[i]);
			break;
		case AO_SIZE:
			snprintf(val, sizeof(val), "%llu",
				 (unsigned long long)o->size_bytes);
			break;
		case AO_PRIORITY:
			snprintf(val, sizeof(val), "%d", o->priority);
			break;
		case AO_MIRROR:
			snprintf(val, sizeof(val), "%s", o->mirror);
			break;
		}
		need = strlen(opt_tbl[k].word) + 3 +
		       (opt_tbl[k].has_value ? strlen(val) + 1 : 0);
		if (argc + 2 >= ATTACH_ARGV_MAX || need > (size_t)(end - s))
			return -ENOSPC;
		argv[argc++] = s;
		s += sprintf(s, "--%s", opt_tbl[k].word) + 1;
		if (opt_tbl[k].has_value) {
			argv[argc++] = s;
			s += sprintf(s, "%s", val) + 1;
		}
	}
	argv[argc] = NULL;
	return argc;
}

/* attach --swap: the device is for swap (swapon, start, encrypt: always) */
#define OPT_SWAP (256 + AO_COUNT)

static const struct option long_opts[] = {
	{ "name",       required_argument, NULL, 256 + AO_NAME },
	{ "rsize",      required_argument, NULL, 256 + AO_RSIZE },
	{ "wsize",      required_argument, NULL, 256 + AO_WSIZE },
	{ "uid",        required_argument, NULL, 256 + AO_UID },
	{ "gid",        required_argument, NULL, 256 + AO_GID },
	{ "timeo",      required_argument, NULL, 256 + AO_TIMEO },
	{ "retrans",    required_argument, NULL, 256 + AO_RETRANS },
	{ "noresvport", no_argument,       NULL, 256 + AO_NORESVPORT },
	{ "unstable",   no_argument,       NULL, 256 + AO_UNSTABLE },
	{ "handle",     required_argument, NULL, 256 + AO_HANDLE },
	{ "size",       required_argument, NULL, 256 + AO_SIZE },
	{ "priority",   required_argument, NULL, 256 + AO_PRIORITY },
	{ "mkswap",     no_argument,       NULL, 256 + AO_MKSWAP },
	{ "no-verify",  no_argument,       NULL, 256 + AO_NO_VERIFY },
	{ "mirror",     required_argument, NULL, 256 + AO_MIRROR },
	{ "swap",       no_argument,       NULL, OPT_SWAP },
	/* command line only (never in swapnet.conf): owner.h */
	{ "force",      no_argument,       NULL, 'f' },
	{ "help",       no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int parse_attach_args(int argc, char **argv, int swapon,
		      struct attach_opts *o, char *err, size_t errlen)
{
	const char *cmd = argv[0];
	char why[ERR_MAX];
	int c;

	attach_opts_init(o);
	/* optind 0 makes glibc reinitialise, so this can run twice (tests). */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		if (c >= 256 && c < 256 + AO_COUNT) {
			enum attach_opt k = (enum attach_opt)(c - 256);
			char name[32];

			/* attach refuses swapon's own as getopt would */
			if (!swapon && opt_tbl[k].swapon_only)
				return set_err(err, errlen, -EINVAL,
					       "%s: unknown option '--%s' (swapon's)",
					       cmd, opt_tbl[k].word);
			snprintf(name, sizeof(name), "--%s", opt_tbl[k].word);
			if (attach_opt_set(o, k, name, optarg, why,
					   sizeof(why)))
				return set_err(err, errlen, -EINVAL, "%s: %s",
					       cmd, why);
			continue;
		}
		switch (c) {
		case 'h':
			return 1;
		case OPT_SWAP:
			if (swapon)
				return set_err(err, errlen, -EINVAL,
					       "%s: unknown option '--swap' (attach's: %s always attaches for swap)",
					       cmd, cmd);
			o->flags |= SWAPNET_F_SWAP;
			break;
		case 'f':
			o->force = 1;
			continue;
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
	if (o->has_handle && o->mirror)
		return set_err(err, errlen, -EINVAL,
			       "%s: --mirror and --handle: a handle names one file; name both by URL without --handle",
			       cmd);
	if (o->has_handle && !nfs_target_is_url(o->target))
		return set_err(err, errlen, -EINVAL,
			       "%s: with --handle, name the file by URL (nfs://SERVER[:PORT]/EXPORT/PATH), not '%s'",
			       cmd, o->target);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * config: the /etc/swapnet.conf parser (format in config.h and
 * swapnet.conf(5)).  Strict on purpose: a typo in a boot-time file must
 * stop `swapnetctl start` with the line that is wrong, not be ignored.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "optlimits.h"
#include "size.h"
#include "template.h"

const struct template_src *config_template_src;

struct ctx {
	const char *fname;
	int line;
	char *err;
	size_t errlen;
};

static int bad(const struct ctx *x, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (x->err && x->errlen)
		snprintf(x->err, x->errlen, "%s:%d: %s", x->fname, x->line,
			 msg);
	return -EINVAL;
}

void config_init(struct swapnet_config *c)
{
	memset(c, 0, sizeof(*c));
	c->reserve = CONFIG_RESERVE_AUTO;
	c->zswap_max_pool_percent = -1;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Decimal in [lo, hi]; the whole string must be the number. */
static int parse_u32(const struct ctx *x, const char *key, const char *v,
		     uint32_t lo, uint32_t hi, uint32_t *out)
{
	unsigned long long n;
	char *end;

	if (!isdigit((unsigned char)*v))
		return bad(x, "%s: '%s' is not a number", key, v);
	errno = 0;
	n = strtoull(v, &end, 10);
	if (*end || errno || n < lo || n > hi)
		return bad(x, "%s: '%s' is not in %u..%u", key, v, lo, hi);
	*out = (uint32_t)n;
	return 0;
}

static int parse_bool(const struct ctx *x, const char *key, const char *v,
		      bool *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") ||
	    !strcmp(v, "1"))
		*out = true;
	else if (!strcmp(v, "no") || !strcmp(v, "false") ||
		 !strcmp(v, "off") || !strcmp(v, "0"))
		*out = false;
	else
		return bad(x, "%s: '%s' is not yes or no", key, v);
	return 0;
}

static int parse_setting(const struct ctx *x, char *key, char *val,
			 struct swapnet_config *c)
{
	key = trim(key);
	val = trim(val);
	if (!*val)
		return bad(x, "%s: missing value", key);
	if (!strcmp(key, "dynamic"))
		return parse_bool(x, key, val, &c->dynamic);
	if (!strcmp(key, "zswap")) {
		bool on;

		if (!strcmp(val, "keep")) {
			c->zswap = CONFIG_ZSWAP_KEEP;
			return 0;
		}
		if (parse_bool(x, key, val, &on))
			return bad(x, "zswap: '%s' is not on, off or keep", val);
		c->zswap = on ? CONFIG_ZSWAP_ON : CONFIG_ZSWAP_OFF;
		return 0;
	}
	if (!strcmp(key, "zswap_compressor")) {
		const char *p;

		if (strlen(val) > CONFIG_COMPRESSOR_MAX)
			return bad(x, "zswap_compressor: longer than %d characters",
				   CONFIG_COMPRESSOR_MAX);
		for (p = val; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '-' &&
			    *p != '_')
				return bad(x, "zswap_compressor: '%s' is not a compressor name (lz4, zstd, lzo-rle, ...)",
					   val);
		strcpy(c->zswap_compressor, val);
		return 0;
	}
	if (!strcmp(key, "zswap_max_pool_percent")) {
		uint32_t pct;

		if (parse_u32(x, key, val, 1, 100, &pct))
			return -EINVAL;
		c->zswap_max_pool_percent = (int)pct;
		return 0;
	}
	if (strcmp(key, "reserve"))
		return bad(x, "unknown setting '%s' (reserve, dynamic, zswap, zswap_compressor, zswap_max_pool_percent)",
			   key);
	if (!strcmp(val, "auto")) {
		c->reserve = CONFIG_RESERVE_AUTO;
	} else if (!strcmp(val, "off")) {
		c->reserve = CONFIG_RESERVE_OFF;
	} else {
		uint32_t kb;

		/* The kernel's own clamp of a written value is INT_MAX kB. */
		if (parse_u32(x, "reserve", val, 128, 0x7fffffff, &kb))
			return bad(x, "reserve: '%s' is not auto, off or a size in kB (128..2147483647)",
				   val);
		c->reserve = CONFIG_RESERVE_FIXED;
		c->reserve_kb = kb;
	}
	return 0;
}

static int parse_option(const struct ctx *x, char *opt,
			struct config_entry *e)
{
	char *val = strchr(opt, '=');

	if (val)
		*val++ = '\0';
	if (!strcmp(opt, "noresvport") || !strcmp(opt, "mkswap") ||
	    !strcmp(opt, "encrypt")) {
		if (val)
			return bad(x, "option '%s' takes no value", opt);
		if (opt[0] == 'n')
			e->noresvport = true;
		else if (opt[0] == 'm')
			e->mkswap = true;
		else
			e->encrypt = true;
		return 0;
	}
	if (!val || !*val)
		return bad(x, "option '%s' needs a value (%s=...)", opt, opt);
	if (!strcmp(opt, "priority")) {
		uint32_t p;

		if (parse_u32(x, opt, val, 0, OPT_PRIO_MAX, &p))
			return -EINVAL;
		e->priority = (int)p;
		return 0;
	}
	if (!strcmp(opt, "name")) {
		if (strlen(val) > CONFIG_NAME_MAX)
			return bad(x, "name: longer than %d characters",
				   CONFIG_NAME_MAX);
		strcpy(e->name, val);
		return 0;
	}
	if (!strcmp(opt, "rsize") || !strcmp(opt, "wsize")) {
		uint32_t *p = opt[0] == 'r' ? &e->rsize : &e->wsize;

		if (parse_u32(x, opt, val, OPT_IO_MIN, OPT_IO_MAX, p))
			return -EINVAL;
		if (*p % 4096)
			return bad(x, "%s: %s is not a multiple of 4096", opt,
				   val);
		return 0;
	}
	if (!strcmp(opt, "create")) {
		char why[256];

		if (size_parse(val, &e->create_size, why, sizeof(why)))
			return bad(x, "create: %s", why);
		return 0;
	}
	if (!strcmp(opt, "timeo"))
		return parse_u32(x, opt, val, OPT_TIMEO_MIN, OPT_TIMEO_MAX, &e->timeo);
	if (!strcmp(opt, "retrans"))
		return parse_u32(x, opt, val, OPT_RETRANS_MIN, OPT_RETRANS_MAX, &e->retrans);
	if (!strcmp(opt, "uid")) {
		e->has_uid = true;
		return parse_u32(x, opt, val, 0, OPT_ID_MAX, &e->uid);
	}
	if (!strcmp(opt, "gid")) {
		e->has_gid = true;
		return parse_u32(x, opt, val, 0, OPT_ID_MAX, &e->gid);
	}
	return bad(x, "unknown option '%s' (priority, name, rsize, wsize, uid, gid, timeo, retrans, noresvport, mkswap, create, encrypt)",
		   opt);
}

static int parse_entry(const struct ctx *x, char *s, struct swapnet_config *c)
{
	struct config_entry *e;
	char *target, *opts, *opt, *save = NULL;
	char expanded[CONFIG_TARGET_MAX], why[1400];
	size_t i;

	if (c->n == CONFIG_MAX_ENTRIES)
		return bad(x, "more than %d swapfiles", CONFIG_MAX_ENTRIES);
	target = s;
	opts = target + strcspn(target, " \t");
	if (*opts)
		*opts++ = '\0';
	opts = trim(opts);
	if (strncmp(target, "nfs://", 6) && target[0] != '/')
		return bad(x, "'%s' is neither a setting (KEY = VALUE) nor a swapfile (nfs://... or /path)",
			   target);
	if (!strncmp(target, "nfs://", 6) && !target[6])
		return bad(x, "'%s': no server in URL", target);
	if (strlen(target) >= CONFIG_TARGET_MAX)
		return bad(x, "swapfile name longer than %d characters",
			   CONFIG_TARGET_MAX - 1);
	if (strpbrk(opts, " \t"))
		return bad(x, "options must be one comma-separated word: '%s'",
			   opts);
	if (template_expand(target, config_template_src, expanded,
			    sizeof(expanded), why, sizeof(why)))
		return bad(x, "%s", why);
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->entries[i].target, expanded))
			return bad(x, "'%s' already listed on line %d", expanded,
				   c->entries[i].line);
	e = &c->entries[c->n];
	memset(e, 0, sizeof(*e));
	e->line = x->line;
	e->priority = -1;
	strcpy(e->tmpl, target);
	strcpy(e->target, expanded);
	for (opt = strtok_r(opts, ",", &save); opt;
	     opt = strtok_r(NULL, ",", &save))
		if (parse_option(x, opt, e))
			return -EINVAL;
	c->n++;
	return 0;
}

int config_parse(const char *text, const char *fname,
		 struct swapnet_config *c, char *err, size_t errlen)
{
	struct ctx x = { .fname = fname ? fname : "swapnet.conf",
			 .err = err, .errlen = errlen };
	const char *p = text;
	int ret = 0;

	config_init(c);
	while (*p && !ret) {
		size_t len = strcspn(p, "\n");
		char buf[2048], *s, *hash, *eq;

		x.line++;
		if (len >= sizeof(buf)) {
			ret = bad(&x, "line longer than %zu characters",
				  sizeof(buf) - 1);
			break;
		}
		memcpy(buf, p, len);
		buf[len] = '\0';
		p += len + (p[len] == '\n');
		/* '#' starts a comment; URLs and paths never need one. */
		hash = strchr(buf, '#');
		if (hash)
			*hash = '\0';
		s = trim(buf);
		if (!*s)
			continue;
		eq = strchr(s, '=');
		/* "key = value" unless the '=' belongs to an entry's options */
		if (eq && strncmp(s, "nfs://", 6) && s[0] != '/') {
			*eq = '\0';
			ret = parse_setting(&x, s, eq + 1, c);
		} else {
			ret = parse_entry(&x, s, c);
		}
	}
	return ret;
}

int config_load(const char *path, struct swapnet_config *c,
		char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text;
	long len;
	int ret;

	if (!f) {
		ret = -errno;
		snprintf(err, errlen, "cannot read %s: %s", path,
			 strerror(errno));
		return ret;
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		snprintf(err, errlen, "cannot read %s", path);
		return -EIO;
	}
	if (len > 1 << 20) {
		fclose(f);
		snprintf(err, errlen, "%s: larger than 1 MiB", path);
		return -EFBIG;
	}
	text = malloc((size_t)len + 1);
	if (!text) {
		fclose(f);
		return -ENOMEM;
	}
	if (fread(text, 1, (size_t)len, f) != (size_t)len) {
		free(text);
		fclose(f);
		snprintf(err, errlen, "cannot read %s", path);
		return -EIO;
	}
	fclose(f);
	text[len] = '\0';
	if (strlen(text) != (size_t)len) {
		free(text);
		snprintf(err, errlen, "%s: contains a NUL byte", path);
		return -EINVAL;
	}
	ret = config_parse(text, path, c, err, errlen);
	free(text);
	return ret;
}

int config_entry_argv(const struct config_entry *e, char **argv, char *store)
{
	char *s = store, *end = store + CONFIG_ARGV_STORE;
	int argc = 0;

#define ARG(str) (argv[argc++] = (char *)(str))
#define NUM(flag, v) do { \
		ARG(flag); \
		ARG(s); \
		s += snprintf(s, (size_t)(end - s), "%lu", \
			      (unsigned long)(v)) + 1; \
	} while (0)
	ARG("swapon");
	ARG(e->target);
	if (e->priority >= 0)
		NUM("--priority", e->priority);
	if (e->name[0]) {
		ARG("--name");
		ARG(e->name);
	}
	if (e->rsize)
		NUM("--rsize", e->rsize);
	if (e->wsize)
		NUM("--wsize", e->wsize);
	if (e->has_uid)
		NUM("--uid", e->uid);
	if (e->has_gid)
		NUM("--gid", e->gid);
	if (e->timeo)
		NUM("--timeo", e->timeo);
	if (e->retrans)
		NUM("--retrans", e->retrans);
	if (e->noresvport)
		ARG("--noresvport");
	if (e->mkswap)
		ARG("--mkswap");
	/* create= and encrypt are cmd_start's own steps, not swapon's */
#undef NUM
#undef ARG
	argv[argc] = NULL;
	return argc;
}

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
#include "nfstarget.h"
#include "optlimits.h"
#include "size.h"
#include "template.h"

const struct template_src *config_template_src;

enum { SET_RESERVE, SET_DYNAMIC, SET_ZSWAP, SET_COMPRESSOR, SET_POOL,
       SET_COUNT };

struct ctx {
	const char *fname;
	int line;
	char *err;
	size_t errlen;
	int set_line[SET_COUNT];	/* where each setting was given */
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
static int conf_u32(const struct ctx *x, const char *key, const char *v,
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

static int parse_setting(struct ctx *x, char *key, char *val,
			 struct swapnet_config *c)
{
	static const char *const names[SET_COUNT] = {
		"reserve", "dynamic", "zswap", "zswap_compressor",
		"zswap_max_pool_percent",
	};
	int i;

	key = trim(key);
	val = trim(val);
	if (!*val)
		return bad(x, "%s: missing value", key);
	/* as an option given twice: refused, not the last one winning */
	for (i = 0; i < SET_COUNT; i++)
		if (!strcmp(key, names[i])) {
			if (x->set_line[i])
				return bad(x, "%s: given twice (also on line %d)",
					   key, x->set_line[i]);
			x->set_line[i] = x->line;
		}
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

		if (conf_u32(x, key, val, 1, 100, &pct))
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
		if (conf_u32(x, "reserve", val, 128, 0x7fffffff, &kb))
			return bad(x, "reserve: '%s' is not auto, off or a size in kB (128..2147483647)",
				   val);
		c->reserve = CONFIG_RESERVE_FIXED;
		c->reserve_kb = kb;
	}
	return 0;
}

/*
 * One option of an entry: swapon's (options.h, the same rule and words
 * as on the command line) or start's own create= and encrypt.
 */
static int parse_option(const struct ctx *x, char *opt,
			struct config_entry *e)
{
	char *val = strchr(opt, '='), why[1024];
	int k;

	if (val)
		*val++ = '\0';
	k = attach_opt_lookup(opt);
	/*
	 * --handle, --size and --unstable are for the command line only;
	 * --no-verify is verify=off here
	 */
	if (k == AO_HANDLE || k == AO_SIZE || k == AO_UNSTABLE ||
	    k == AO_NO_VERIFY)
		k = -1;
	if (!strcmp(opt, "verify")) {
		if (!val || (strcmp(val, "on") && strcmp(val, "off")))
			return bad(x, "verify: '%s' is not on or off",
				   val ? val : "");
		if (e->verify_given)
			return bad(x, "verify: given twice");
		e->verify_given = true;
		if (!strcmp(val, "off"))
			return attach_opt_set(&e->opts, AO_NO_VERIFY, opt,
					      NULL, why, sizeof(why)) ?
			       bad(x, "%s", why) : 0;
		return 0;
	}
	if (k < 0 && strcmp(opt, "create") && strcmp(opt, "encrypt"))
		return bad(x, "unknown option '%s' (priority, name, rsize, wsize, uid, gid, timeo, retrans, noresvport, verify, mkswap, create, encrypt, mirror)",
			   opt);
	if ((k >= 0 && !attach_opt_has_value((enum attach_opt)k)) ||
	    !strcmp(opt, "encrypt")) {
		if (val)
			return bad(x, "option '%s' takes no value", opt);
	} else if (!val || !*val) {
		return bad(x, "option '%s' needs a value (%s=...)", opt, opt);
	}
	if (k == AO_MIRROR) {
		if (e->mirror[0])
			return bad(x, "mirror: given twice");
		if (strlen(val) >= CONFIG_TARGET_MAX)
			return bad(x, "mirror: longer than %d characters",
				   CONFIG_TARGET_MAX - 1);
		if (template_expand(val, config_template_src, e->mirror,
				    sizeof(e->mirror), why, sizeof(why)))
			return bad(x, "mirror: %s", why);
		if (attach_opt_set(&e->opts, AO_MIRROR, opt, e->mirror, why,
				   sizeof(why))) {
			e->mirror[0] = '\0';
			return bad(x, "%s", why);
		}
		return 0;
	}
	if (k >= 0) {
		if (attach_opt_set(&e->opts, (enum attach_opt)k, opt, val, why,
				   sizeof(why)))
			return bad(x, "%s", why);
		return 0;
	}
	if (!strcmp(opt, "encrypt")) {
		if (e->encrypt)
			return bad(x, "encrypt: given twice");
		e->encrypt = true;
		return 0;
	}
	if (e->create_size)
		return bad(x, "create: given twice");
	if (size_parse(val, &e->create_size, why, sizeof(why)))
		return bad(x, "create: %s", why);
	return 0;
}

/*
 * One name for one file: "nfs://H/e/f", "NFS://h:2049/e/f" and
 * "nfs://h/e/%66" are the same file (the host's case, the default port
 * and %XX do not count).
 */
static int target_key(const char *target, char *key, size_t len,
		      char *why, size_t whylen)
{
	struct nfs_target t;
	size_t i;

	if (!nfs_target_is_url(target)) {
		snprintf(key, len, "%s", target);
		return 0;
	}
	if (nfs_target_parse_url(target, &t, why, whylen))
		return -EINVAL;
	for (i = 0; t.host[i]; i++)
		t.host[i] = (char)tolower((unsigned char)t.host[i]);
	snprintf(key, len, "%s|%u|%s%s", t.host, t.port ? t.port : 2049,
		 strcmp(t.export, "/") ? t.export : "", t.file);
	return 0;
}

static int parse_entry(const struct ctx *x, char *s, struct swapnet_config *c)
{
	struct config_entry *e;
	char *target, *opts, *opt, *save = NULL;
	char expanded[CONFIG_TARGET_MAX], why[1400];
	char key[2600], other[2600];
	size_t i;

	if (c->n == CONFIG_MAX_ENTRIES)
		return bad(x, "more than %d swapfiles", CONFIG_MAX_ENTRIES);
	target = s;
	opts = target + strcspn(target, " \t");
	if (*opts)
		*opts++ = '\0';
	opts = trim(opts);
	if (!nfs_target_is_url(target) && target[0] != '/')
		return bad(x, "'%s' is neither a setting (KEY = VALUE) nor a swapfile (nfs://... or /path)",
			   target);
	if (nfs_target_is_url(target) && !target[6])
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
	/* the URL swapon would be given, parsed as swapon parses it */
	if (target_key(expanded, key, sizeof(key), why, sizeof(why)))
		return bad(x, "%s: %s", expanded, why);
	for (i = 0; i < c->n; i++) {
		const struct config_entry *o = &c->entries[i];

		if (o->mirror[0] &&
		    !target_key(o->mirror, other, sizeof(other), why,
				sizeof(why)) && !strcmp(key, other))
			return bad(x, "'%s' is already the mirror of line %d",
				   expanded, o->line);
		if (!target_key(c->entries[i].target, other, sizeof(other),
				why, sizeof(why)) && !strcmp(key, other))
			return bad(x, "'%s' already listed on line %d%s%s%s",
				   expanded, c->entries[i].line,
				   strcmp(expanded, c->entries[i].target) ?
				   " as '" : "",
				   strcmp(expanded, c->entries[i].target) ?
				   c->entries[i].target : "",
				   strcmp(expanded, c->entries[i].target) ?
				   "'" : "");
	}
	e = &c->entries[c->n];
	memset(e, 0, sizeof(*e));
	e->line = x->line;
	strcpy(e->tmpl, target);
	strcpy(e->target, expanded);
	attach_opts_init(&e->opts);
	for (opt = strtok_r(opts, ",", &save); opt;
	     opt = strtok_r(NULL, ",", &save))
		if (parse_option(x, opt, e))
			return -EINVAL;
	e->opts.target = e->target;
	if (e->mirror[0]) {
		if (e->opts.has_handle)
			return bad(x, "mirror: not with handle");
		if (target_key(e->mirror, other, sizeof(other), why,
			       sizeof(why)))
			return bad(x, "mirror: %s: %s", e->mirror, why);
		if (!strcmp(key, other))
			return bad(x, "mirror: '%s' is the swapfile itself: name a file on another server",
				   e->mirror);
		for (i = 0; i < c->n; i++) {
			const struct config_entry *o = &c->entries[i];

			if (!target_key(o->target, key, sizeof(key), why,
					sizeof(why)) && !strcmp(key, other))
				return bad(x, "mirror: '%s' already listed on line %d",
					   e->mirror, o->line);
			if (o->mirror[0] &&
			    !target_key(o->mirror, key, sizeof(key), why,
					sizeof(why)) && !strcmp(key, other))
				return bad(x, "mirror: '%s' is already the mirror of line %d",
					   e->mirror, o->line);
		}
	}
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
		if (eq && !nfs_target_is_url(s) && s[0] != '/') {
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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config: /etc/swapnet.conf, see swapnet.conf(5).
 *
 *   # comment
 *   reserve = auto | off | KB        policy for vm.min_free_kbytes
 *   dynamic = yes | no               recompute when devices come and go
 *   zswap = off | on | keep          zswap in front of network swap
 *   zswap_compressor = NAME, zswap_max_pool_percent = 1..100
 *   nfs://server/export/swapfile  priority=10,wsize=262144
 *                                    (the options of swapon, options.h)
 *   nfs://server/export/%H        create=2G,encrypt  (templates: template.h)
 *   nfs://a/export/%H  mirror=nfs://b/export/%H   (md raid1: mirror.h)
 *   /mnt/nfs/swapfile                (a file on a mounted NFS file system)
 *
 * Parsing is pure (text in, struct out) so the unit tests can feed it
 * good and bad files; errors are one line, "FILE:LINE: what is wrong".
 */
#ifndef SWAPNETCTL_CONFIG_H
#define SWAPNETCTL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "options.h"

#define CONFIG_PATH "/etc/swapnet.conf"
#define CONFIG_MAX_ENTRIES 32
#define CONFIG_TARGET_MAX 1100
#define CONFIG_NAME_MAX 31

enum config_reserve {
	CONFIG_RESERVE_AUTO,	/* swapnetctl reserve's recommendation */
	CONFIG_RESERVE_OFF,	/* leave vm.min_free_kbytes alone */
	CONFIG_RESERVE_FIXED,	/* reserve_kb (never below the default) */
};

struct config_entry {
	int line;			/* where it was defined */
	char tmpl[CONFIG_TARGET_MAX];	/* as written (%H, %m, %a, %%) */
	char target[CONFIG_TARGET_MAX];	/* expanded: URL or absolute path */
	/*
	 * The swapon options, by the command line's own rules (options.h);
	 * opts.target points at target.  Filled as `swapnetctl swapon`
	 * fills them, so start swaps on exactly what swapon would.
	 */
	struct attach_opts opts;
	uint64_t create_size;		/* create=SIZE; 0: not given */
	bool encrypt;			/* dm-crypt plain, random key */
	bool verify_given;		/* verify=on|off (off: opts.no_verify) */
	/*
	 * mirror=URL|PATH: the second leg (expanded; opts.mirror points
	 * here), "" without; md raid1 over both (mirror.h)
	 */
	char mirror[CONFIG_TARGET_MAX];
};

enum config_zswap {
	CONFIG_ZSWAP_KEEP,		/* not given: leave zswap alone */
	CONFIG_ZSWAP_OFF,
	CONFIG_ZSWAP_ON,
};

#define CONFIG_COMPRESSOR_MAX 31

struct swapnet_config {
	enum config_reserve reserve;
	uint64_t reserve_kb;		/* CONFIG_RESERVE_FIXED */
	bool dynamic;
	enum config_zswap zswap;
	char zswap_compressor[CONFIG_COMPRESSOR_MAX + 1];	/* "": keep */
	int zswap_max_pool_percent;	/* -1: keep */
	size_t n;
	struct config_entry entries[CONFIG_MAX_ENTRIES];
};

/*
 * Where config_parse() takes %H, %m and %a from: NULL (the default) is
 * the running system or SWAPNET_ROOT; the unit tests set their own.
 */
struct template_src;
extern const struct template_src *config_template_src;

/* Defaults: reserve = auto, dynamic = no, no entries. */
void config_init(struct swapnet_config *c);

/*
 * Parse text (fname only for messages).  0, or -EINVAL with
 * "fname:LINE: message" in err.
 */
int config_parse(const char *text, const char *fname,
		 struct swapnet_config *c, char *err, size_t errlen);

/* Read and parse a file.  -ENOENT when it does not exist. */
int config_load(const char *path, struct swapnet_config *c,
		char *err, size_t errlen);

#endif /* SWAPNETCTL_CONFIG_H */

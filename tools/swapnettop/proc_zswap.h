/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zswap's figures: pool size, stored pages, written-back pages.  From
 * debugfs (/sys/kernel/debug/zswap, root only, debugfs mounted) when
 * readable, else from /proc/meminfo (Zswap:, Zswapped:, both since 6.0)
 * and /proc/vmstat (zswpwb since 6.8: so not on 6.1).  Whether zswap is
 * on: /sys/module/zswap/parameters/enabled.
 */
#ifndef SWAPNETTOP_PROC_ZSWAP_H
#define SWAPNETTOP_PROC_ZSWAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json_object;

struct st_zswap {
	bool present;			/* the kernel has zswap */
	bool enabled;
	bool from_debugfs;		/* else meminfo/vmstat */
	char compressor[32];		/* "" unknown */
	bool have_pool, have_stored, have_written_back;
	uint64_t pool_kb;		/* compressed pool, kB */
	uint64_t stored_pages;		/* pages held in the pool */
	uint64_t written_back_pages;	/* since boot, to the swap device */
	bool have_zswpout;
	uint64_t zswpout, zswpin;	/* /proc/vmstat, since boot */
};

/* Fill z from the tree under root ("" or "/" live); never fails. */
void zswap_read(struct st_zswap *z, const char *root,
		unsigned long page_size);
/*
 * The same with /proc/meminfo's and /proc/vmstat's text as the caller
 * read them (NULL: unreadable): the tick reads each file once.
 */
void zswap_read_texts(struct st_zswap *z, const char *root,
		      unsigned long page_size, const char *meminfo,
		      const char *vmstat);
/* The screen and batch show zswap when it is on or still holds pages. */
bool zswap_shown(const struct st_zswap *z);
/* The screen line: "Zswap on (lz4)  pool 1.2 MiB  stored ..." */
void zswap_format(const struct st_zswap *z, char *buf, size_t len);
/* The batch line "zswap enabled yes ..." (nothing when not shown). */
void zswap_batch(FILE *f, const struct st_zswap *z);
/* The -j object, the batch line's names; NULL when zswap is absent. */
struct json_object *zswap_json(const struct st_zswap *z);

#endif /* SWAPNETTOP_PROC_ZSWAP_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * owner: one node per swapfile.  The file's last 4 KiB (after the swap
 * area, SWAPNET_OWNER_RESERVED) hold an owner record that the module
 * rewrites every SWAPNET_OWNER_PERIOD_MS while the file is attached
 * (kmod/owner.c, struct swapnet_owner_record in the uapi header).
 *
 * Before an attach, swapnetctl reads the record:
 *   none (a new file, or one from before ownership)  claim, wait a
 *                       period, check the claim is still ours
 *   this node, this boot  claim at once (a live device of ours on it is
 *                       refused by the kernel as a duplicate)
 *   this node (same machine-id, MAC and host name), another boot: it
 *                       cannot be alive: take it back at once, say so
 *   another node        watch it for OWNER_WATCH_PERIODS periods: if it
 *                       changes, the owner is alive: refuse (exit 2)
 *                       unless --force (warn: that node goes FAILED);
 *                       if not, take it over and say so
 */
#ifndef SWAPNETCTL_OWNER_H
#define SWAPNETCTL_OWNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nfsfile.h"
#include "swapnet_nl.h"

#define OWNER_WATCH_PERIODS	5

/* A record as read from a file. */
struct owner_record {
	uint32_t period_ms;
	uint64_t seq;
	uint64_t time_s;
	uint8_t nonce[SWAPNET_OWNER_NONCE_LEN];
	char machine_id[41];
	char boot_id[41];
	char mac[65];
	char host[73];
};

enum owner_kind {
	OWNER_NONE,		/* no record */
	OWNER_SAME_BOOT,	/* this node, this boot */
	OWNER_PREV_BOOT,	/* this node, another boot */
	OWNER_FOREIGN,		/* another node */
};

/* The heartbeat period; tests lower it (milliseconds). */
extern unsigned int owner_period_ms;

void owner_encode(uint8_t *buf, const struct swapnet_owner_info *id,
		  uint64_t seq, uint64_t time_s);
/* 1: a record (printable strings), 0: none (no magic or other version) */
int owner_decode(const uint8_t *buf, struct owner_record *r);
enum owner_kind owner_classify(const struct owner_record *r, bool valid,
			       const struct swapnet_owner_info *me);
/*
 * "node07 (machine-id 0123..., MAC 52:54:00:.., last heartbeat 2 s ago)";
 * now: the caller's clock (Unix seconds).
 */
void owner_describe(const struct owner_record *r, uint64_t now, char *buf,
		    size_t len);
/*
 * This node: short host name, /etc/machine-id (zeros when there is none),
 * boot id, the MAC towards server ("" when unknown), a fresh nonce.
 * 0 or -errno with err.
 */
int owner_identity(struct swapnet_owner_info *me, const char *server,
		   char *err, size_t errlen);
/*
 * Claim the record at offset off of the open file f for me (see above).
 * name: the file as the user wrote it, for messages; nl: to find a
 * device of ours that already holds the record (NULL: none looked for).
 * EXIT_OK, or EXIT_FAIL with err ("NAME: in use by ...").
 */
int owner_claim(struct nfsfile *f, uint64_t off,
		const struct swapnet_owner_info *me, struct swapnet_nl *nl,
		const char *name, bool force, char *err, size_t errlen);

#endif /* SWAPNETCTL_OWNER_H */

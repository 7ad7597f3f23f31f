/* SPDX-License-Identifier: GPL-2.0 */
/*
 * options: command-line parsing shared by attach and swapon, and the
 * device names detach/swapoff accept.  No I/O, so it is unit tested.
 */
#ifndef SWAPNETCTL_OPTIONS_H
#define SWAPNETCTL_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "swapnet_nl.h"

#define DEFAULT_UID 0
#define DEFAULT_GID 0

struct attach_opts {
	const char *target;		/* URL or PATH (points into argv) */
	char label[SWAPNET_LABEL_MAX + 1];
	uint32_t rsize, wsize;		/* 0: kernel default */
	uint32_t uid, gid;		/* AUTH_UNIX, default 0 */
	uint32_t timeo_ds, retrans;	/* 0: kernel default */
	uint32_t flags;			/* SWAPNET_F_* */
	int no_verify;			/* --no-verify: SWAPNET_A_VERIFY 0 */
	/*
	 * --handle HEX --size SIZE: attach a known NFSv3 file handle with
	 * no libnfs and nothing sent to the server from userspace (the
	 * target must be a URL).  Both or neither.
	 */
	int has_handle;
	/* --force: take the file over from a live owner (owner.h) */
	int force;
	uint8_t fh[SWAPNET_FH_MAX];
	size_t fh_len;
	uint64_t size_bytes;
	/* swapon only */
	int has_priority;
	int priority;			/* 0..32767 */
	int mkswap;
	/*
	 * --mirror URL|PATH (mirror= in swapnet.conf): a second file on
	 * another server, md raid1 over the two devices (mirror.h)
	 */
	const char *mirror;
	/*
	 * not an option: swapon_opts sets it on both legs of a mirror
	 * (mirror_group_id()), SWAPNET_A_MIRROR_GROUP; 0: none
	 */
	uint32_t mirror_group;
	uint32_t given;			/* 1 << enum attach_opt */
};

/*
 * The device options, each with one rule shared by the command line
 * (NAME "--rsize") and swapnet.conf (NAME "rsize"): the same values
 * accepted, the same words for a bad one ("NAME: 'abc' is not a multiple
 * of 4096 in 4096..1048576"), and an option given twice is refused
 * ("NAME: given twice") rather than the last one winning.
 */
enum attach_opt {
	AO_NAME, AO_RSIZE, AO_WSIZE, AO_UID, AO_GID, AO_TIMEO, AO_RETRANS,
	AO_NORESVPORT, AO_UNSTABLE, AO_HANDLE, AO_SIZE, AO_PRIORITY,
	AO_MKSWAP, AO_NO_VERIFY, AO_MIRROR, AO_COUNT
};

/* The option called word (no dashes), or -1. */
int attach_opt_lookup(const char *word);
/* Its name without dashes ("rsize"). */
const char *attach_opt_word(enum attach_opt k);
/* 1 when it takes a value (--rsize N), 0 for a flag (--mkswap). */
int attach_opt_has_value(enum attach_opt k);
/* 1 for swapon's own options (--priority, --mkswap), which attach refuses. */
int attach_opt_swapon_only(enum attach_opt k);
/* Defaults (uid and gid 0, nothing given). */
void attach_opts_init(struct attach_opts *o);
/*
 * Apply option k with val (NULL for a flag) to o.  0, or -EINVAL with
 * "NAME: what is wrong" in err.
 */
int attach_opt_set(struct attach_opts *o, enum attach_opt k,
		   const char *name, const char *val, char *err,
		   size_t errlen);
/*
 * The command line that gives o again: argv[0] = "attach" or "swapon",
 * the target, then every option given, as `swapnetctl` takes them
 * (attach leaves swapon's own out).  Strings live in store.  Returns
 * argc, or -ENOSPC.
 */
#define ATTACH_ARGV_MAX 32
int attach_opts_argv(const struct attach_opts *o, int swapon, char **argv,
		     char *store, size_t storelen);

/*
 * Parse "attach|swapon TARGET [options]" (argv[0] is the command name).
 * swapon != 0 also accepts --priority and --mkswap.
 * Returns 0, 1 when --help was asked, or -EINVAL with a message.
 */
int parse_attach_args(int argc, char **argv, int swapon,
		      struct attach_opts *o, char *err, size_t errlen);

/*
 * Strict unsigned parse of a decimal number within [min, max].
 * 0 or -EINVAL.
 */
int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);

/*
 * A file handle as `swapnetctl list -j` prints it: 2..128 hex digits
 * (an even number; an optional "0x"), 1..SWAPNET_FH_MAX bytes.
 * Returns the length in bytes, or -EINVAL.
 */
int parse_hex_handle(const char *s, uint8_t *fh, size_t max);

/*
 * A device as the user names it: "/dev/swapnet3", "swapnet3" or "3".
 * 0 with *index, or -EINVAL.
 */
int parse_dev_spec(const char *s, uint32_t *index);

#endif /* SWAPNETCTL_OPTIONS_H */

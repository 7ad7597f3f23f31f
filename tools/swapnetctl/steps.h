/* SPDX-License-Identifier: GPL-2.0 */
/*
 * steps: what `swapon` and `create` do, callable without an argv, so
 * that `start` runs exactly the interactive path on the options it read
 * from swapnet.conf (one swapon path for swapon, start and encrypt).
 * Each returns an exit code (EXIT_OK, EXIT_USAGE, EXIT_FAIL) and, on
 * failure, one line in err without the command's name; the caller says
 * who it is ("swapnetctl: swapon: ..." or "swapnetctl: start: FILE:LINE:
 * URL: ...").
 */
#ifndef SWAPNETCTL_STEPS_H
#define SWAPNETCTL_STEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nfsfile.h"
#include "nfstarget.h"
#include "options.h"

/*
 * Attach o's file, make it swap (o->mkswap; with encrypt a dm-crypt
 * mapping with a random key, mkswap'ed), set the reserve, swapon(2) with
 * o's priority.  node: the swap device now in use.  On failure nothing
 * is left attached.
 */
int swapon_opts(const struct attach_opts *o, bool encrypt, char *node,
		size_t nodelen, char *err, size_t errlen);

/*
 * A mirror's teardown (swapoff, stop, cmd_swapoff): swapoff the md
 * device (or its dm-crypt mapping, removed then), mdadm --stop, detach
 * every leg.  EXIT_OK, or an exit code after a "swapnetctl: ..." line.
 */
struct swapnet_nl;
int mirror_teardown(struct swapnet_nl *nl, const char *md);

/*
 * Create t with size bytes (mode 0600, every byte written, fsynced) as
 * `swapnetctl create` does; force replaces a file that is there.  Prints
 * "created ..." on success; a half-made file is removed again.
 */
int create_file(const struct nfs_target *t, uint64_t size,
		const struct nfsfile_opts *nopts, bool force, char *err,
		size_t errlen);

#endif /* SWAPNETCTL_STEPS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mirror: the `mirror=` option.  Two swapnet devices (legs), each on its
 * own server, under the kernel's md raid1, built and torn down with
 * mdadm(8) (exec'd from PATH; its absence is one clear error):
 *
 *   mdadm --create /dev/md/swapnet-NAME --run --level=1 --raid-devices=2
 *         --metadata=1.2 --bitmap=internal --assume-clean
 *         --name=swapnet-NAME --failfast /dev/swapnetA /dev/swapnetB
 *
 * Reuse before creation: an array of ours already assembled over both
 * legs (udev's incremental assembly) is used as it is; legs whose
 * superblocks both say "ours" (same UUID, raid1, our name) are
 * assembled (`mdadm --assemble`, keeping the bitmap).  Otherwise the
 * array is created again with --assume-clean: swap content is
 * disposable at swapon (nothing reads a swap slot it has not written
 * since mkswap, and every write goes to both legs), so no initial sync
 * is needed, and a reboot loses nothing that was still wanted.  A leg
 * holding anything else (another md array, a file system) is refused.
 *
 * The array's name is "swapnet-" and the device's --name, else the
 * file's name without its extension (node1 for .../node1.swap), cut to
 * md's 32 bytes with the host prefix.
 */
#ifndef SWAPNETCTL_MIRROR_H
#define SWAPNETCTL_MIRROR_H

#include <stdbool.h>
#include <stddef.h>

#define MIRROR_NAME_MAX 24

/* "swapnet-" + label, else the basename of path without extension. */
void mirror_md_name(const char *label, const char *path, char *name,
		    size_t len);

/*
 * Run mdadm with argv (argv[0] "mdadm"), stdin /dev/null, its stdout
 * into out (may be NULL: discarded), stderr passed through.
 * Returns mdadm's exit status (0 success), or -ENOENT with "mdadm not
 * found" in err, or another -errno.
 */
int mdadm_run(char *const *argv, char *out, size_t outlen, char *err,
	      size_t errlen);

/* The argv of each step, for the tests and --dry-run (NULL-ended). */
#define MIRROR_ARGV_MAX 20
int mirror_create_argv(const char *name, const char *leg0, const char *leg1,
		       char **argv, char *store, size_t storelen);

/*
 * Build (or reuse, see above) the array named name over /dev/leg0 and
 * /dev/leg1 and record its legs (mdmirror.h).  md receives "md127".
 * *how: "created", "assembled" or "reused".  0, or -errno with one line
 * in err.
 */
int mirror_up(const char *name, const char *leg0, const char *leg1,
	      char *md, size_t mdlen, const char **how, char *err,
	      size_t errlen);

/* mdadm --stop /dev/MD and forget its records.  0 or -errno with err. */
int mirror_stop(const char *md, char *err, size_t errlen);

/*
 * Put leg back into md: `mdadm --manage /dev/MD --remove /dev/LEG` first
 * when md still lists it (faulty), then `--re-add --failfast /dev/LEG`
 * (md resyncs only what the bitmap marks).  0 or -errno with err.
 */
int mirror_readd(const char *md, const char *leg, bool listed, char *err,
		 size_t errlen);

#endif /* SWAPNETCTL_MIRROR_H */

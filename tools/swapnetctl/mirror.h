/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mirror: the `mirror=` option.  Two swapnet devices (legs), each on its
 * own server, under the kernel's md raid1, built and torn down with
 * mdadm(8) (exec'd from PATH; its absence is one clear error):
 *
 *   mdadm --create /dev/md/swapnet-NAME --run --level=1 --raid-devices=2
 *         --metadata=1.2 --bitmap=internal --bitmap-chunk=CHUNK
 *         --assume-clean --name=swapnet-NAME --failfast
 *         /dev/swapnetA /dev/swapnetB
 *
 * (CHUNK: mirror_bitmap_chunk_kib(), so that a re-add resyncs what
 * changed, not most of a small leg.)
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

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MIRROR_NAME_MAX 24

/* "swapnet-" + label, else the basename of path without extension. */
void mirror_md_name(const char *label, const char *path, char *name,
		    size_t len);

/*
 * The legs' mirror group (SWAPNET_A_MIRROR_GROUP) for the array named
 * name (mirror_md_name()): never 0, the same for the same name, so a leg
 * attached again (start after a reboot) joins its group again.  A leg
 * of a group is failed to md (fenced) only while another leg of the
 * group answers (swapnet(4)).  FNV-1a of the name, 0 taken as 1.
 */
uint32_t mirror_group_id(const char *name);

/*
 * Run mdadm with argv (argv[0] "mdadm"), stdin /dev/null, its stdout
 * into out (may be NULL: discarded), stderr passed through.
 * Returns mdadm's exit status (0 success), or -ENOENT with "mdadm not
 * found" in err, or another -errno.
 */
int mdadm_run(char *const *argv, char *out, size_t outlen, char *err,
	      size_t errlen);

/*
 * The argv of each step, for the tests and --dry-run (NULL-ended).
 * chunk_kib: --bitmap-chunk (mirror_bitmap_chunk_kib()), 0: none.
 */
#define MIRROR_ARGV_MAX 20
int mirror_create_argv(const char *name, const char *leg0, const char *leg1,
		       uint64_t chunk_kib, char **argv, char *store,
		       size_t storelen);

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

/*
 * The write-intent bitmap's chunk for legs of leg_bytes, in KiB, for
 * mdadm --bitmap-chunk: a power of two near leg_bytes / 512 (512 to
 * 1023 chunks a leg), at least 64 KiB (raid1 resyncs in 64 KiB units:
 * a smaller chunk only makes the bitmap longer).  0 from 32 GiB up (and
 * for an unknown size): mdadm's own choice (64 MiB, or more to fit),
 * already a few hundred chunks or more there.
 */
uint64_t mirror_bitmap_chunk_kib(uint64_t leg_bytes);

/*
 * Repair from the other leg (`swapnetctl monitor`): the blocks of a leg
 * whose reads failed verification (the module's VERIFY_ERROR events
 * give their byte offsets on the leg) as regions of the array for md's
 * own "repair" (md.rst: sync_min, sync_max, sync_action).
 *
 * An offset on the leg is a sector of the array once md's data offset
 * (md/dev-LEG/offset, sectors) is taken off; a block in front of it
 * (superblock, bitmap) is no data md can repair: counted in *outside,
 * as one past the array's end is.  Each block becomes [lo, hi) with lo
 * rounded down and hi up to 8 sectors (md rounds sync_min down to 4 KiB
 * itself), hi at most array_sectors; regions less than
 * MIRROR_REPAIR_GAP sectors apart are one (a stop and restart of md's
 * sync costs more than reading 1 MiB); more than max regions become
 * one from the first to the last.  Returns how many regions in out.
 */
#define MIRROR_REPAIR_GAP 2048
struct mirror_region {
	uint64_t lo, hi;		/* array sectors, [lo, hi) */
};
size_t mirror_repair_regions(const uint64_t *offsets, size_t n,
			     uint64_t data_offset, uint64_t array_sectors,
			     struct mirror_region *out, size_t max,
			     size_t *outside);

/* What one repair of a region found. */
struct mirror_repair_result {
	uint64_t mismatch;		/* md's mismatch_cnt after the repair */
	uint64_t after;			/* ... after a check of the region */
	double seconds;
};

/*
 * md's own repair of region r of array md (under root), then a check of
 * the same region: sync_min, sync_max (or "max" when r reaches the end),
 * "repair" into sync_action; wait until sync_completed passes r->hi (md
 * then waits for a higher sync_max) or md is idle; "idle"; the same with
 * "check"; sync_max "max" and sync_min 0 again.  Refused (-EBUSY) while
 * md is not idle or when sync_min/sync_max are not 0/max (the admin's
 * window, not ours to change).  *stop (may be NULL) set: stop at once
 * (-EINTR).  timeout_s bounds each pass.  leg: the leg the errors were
 * on; md failing it meanwhile ends the repair (-EIO).
 * 0 when the check after the repair found the region the same on both
 * legs (res->after 0), else -errno with one line in err.
 */
int mirror_repair(const char *md, const char *leg,
		  const struct mirror_region *r, unsigned int timeout_s,
		  volatile sig_atomic_t *stop, struct mirror_repair_result *res,
		  char *err, size_t errlen);

#endif /* SWAPNETCTL_MIRROR_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: /sys/block/swapnetN/swapnet/, read-only but failfast_timeo.
 *
 *   stat    one line, twenty decimal columns (see swapnet(4)):
 *           reads writes read_bytes write_bytes inflight retrans retries
 *           latency_sum_us latency_max_us errors last_error state
 *           commits write_resends reclaim_reqs verify_errors
 *           verify_rereads parked_writes parked_reads parked_writes_max
 *   server  server name as given at DEV_ADD
 *   addr    server address and port
 *   path    file path as given at DEV_ADD (informational)
 *   label   administrator's label (may be empty)
 *   state   "OK", "NOT_RESPONDING" or "FAILED"
 *   reason  why the state is not OK (an empty line when OK)
 *   queue_depth (WRITEs in flight at most), read_depth (READs),
 *   max_request_bytes
 *   for_swap      1 if attached for swap (SWAPNET_F_SWAP), else 0
 *   swap_active   1 if its transport is swap-activated (SOCK_MEMALLOC)
 *   parked_writes, parked_writes_max: WRITEs waiting for a place in
 *           flight now, and the most at once since DEV_ADD
 *   verify  1 if reads are verified against checksums (verify.c), else 0
 *   stale_check  how a STALE file handle is judged: "lookup" (the
 *           file's name is LOOKed up: replaced or removed is FAILED, else
 *           an outage), "pending" (the directory is not recorded yet),
 *           "time" (no directory given, or its name was not our file:
 *           STALE for the major timeout is FAILED)
 *   failfast_timeo  seconds without a reply after which a failfast
 *           request (md raid1's failfast legs) fails, after a fence
 *           (io.c); 0: never.  Writable by root (0 to
 *           SWAPNET_FAILFAST_TIMEO_MAX); set from the module parameter
 *           failfast_timeo at DEV_ADD
 *   fences  two numbers: fences put up so far, requests failed by them
 *           (failfast ones, and READs in flight or waiting at a fence)
 *   mirror_group  the SWAPNET_A_MIRROR_GROUP given at DEV_ADD, 0: none
 *           (the device fences alone)
 *   lost    the last SWAPNET_LOST_RECENT lost requests, oldest first, one
 *           a line: seq time op offset len error reason, e.g.
 *           "3 1796630400.123456789 READ 1048576 4096 5 server I/O
 *           error: NFS3ERR_IO" (time: Unix seconds; error: nfsstat3 if
 *           > 0, else -errno); empty before the first loss
 *
 * The files disappear in del_gendisk(), before the device is freed.
 */
#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/math64.h>
#include <linux/sysfs.h>

#include "internal.h"

static struct swapnet_dev *to_swapnet(struct device *d)
{
	return dev_to_disk(d)->private_data;
}

static ssize_t stat_show(struct device *d, struct device_attribute *attr,
			 char *buf)
{
	struct swapnet_dev *dev = to_swapnet(d);
	struct swapnet_stats_snap s;

	swapnet_stats_snapshot(dev, &s);
	swapnet_io_parked(dev, &s.parked_writes, &s.parked_reads,
			  &s.parked_writes_max);
	return sysfs_emit(buf,
			  "%llu %llu %llu %llu %u %llu %llu %llu %llu %llu %d %d %llu %llu %llu %llu %llu %u %u %u\n",
			  s.reads, s.writes, s.read_bytes, s.write_bytes,
			  s.inflight, s.retrans, s.retries, s.latency_sum_us,
			  s.latency_max_us, s.errors, s.last_error,
			  atomic_read(&dev->state), s.commits, s.write_resends,
			  s.reclaim_reqs, s.verify_errors, s.verify_rereads,
			  s.parked_writes, s.parked_reads, s.parked_writes_max);
}
static DEVICE_ATTR_RO(stat);

static ssize_t server_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n", to_swapnet(d)->cfg.server_name);
}
static DEVICE_ATTR_RO(server);

static ssize_t addr_show(struct device *d, struct device_attribute *attr,
			 char *buf)
{
	struct swapnet_config *cfg = &to_swapnet(d)->cfg;

	/* %pISpc: "10.99.0.1:2049" or "[fd00::1]:2049" */
	return sysfs_emit(buf, "%pISpc\n", &cfg->addr);
}
static DEVICE_ATTR_RO(addr);

static ssize_t path_show(struct device *d, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_swapnet(d)->cfg.path);
}
static DEVICE_ATTR_RO(path);

static ssize_t label_show(struct device *d, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", to_swapnet(d)->cfg.label);
}
static DEVICE_ATTR_RO(label);

static ssize_t state_show(struct device *d, struct device_attribute *attr,
			  char *buf)
{
	static const char * const names[] = {
		[SWAPNET_STATE_OK] = "OK",
		[SWAPNET_STATE_NOT_RESPONDING] = "NOT_RESPONDING",
		[SWAPNET_STATE_FAILED] = "FAILED",
	};
	unsigned int state = atomic_read(&to_swapnet(d)->state);

	return sysfs_emit(buf, "%s\n", state < ARRAY_SIZE(names) ?
			  names[state] : "UNKNOWN");
}
static DEVICE_ATTR_RO(state);

static ssize_t reason_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	char reason[SWAPNET_REASON_MAX + 1];

	swapnet_get_reason(to_swapnet(d), reason, sizeof(reason));
	return sysfs_emit(buf, "%s\n", reason);
}
static DEVICE_ATTR_RO(reason);

static ssize_t queue_depth_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_swapnet(d)->queue_depth);
}
static DEVICE_ATTR_RO(queue_depth);

static ssize_t read_depth_show(struct device *d,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_swapnet(d)->read_depth);
}
static DEVICE_ATTR_RO(read_depth);

static ssize_t parked_writes_show(struct device *d,
				  struct device_attribute *attr, char *buf)
{
	unsigned int pw, pr, pw_max;

	swapnet_io_parked(to_swapnet(d), &pw, &pr, &pw_max);
	return sysfs_emit(buf, "%u\n", pw);
}
static DEVICE_ATTR_RO(parked_writes);

static ssize_t parked_writes_max_show(struct device *d,
				      struct device_attribute *attr, char *buf)
{
	unsigned int pw, pr, pw_max;

	swapnet_io_parked(to_swapnet(d), &pw, &pr, &pw_max);
	return sysfs_emit(buf, "%u\n", pw_max);
}
static DEVICE_ATTR_RO(parked_writes_max);

static ssize_t for_swap_show(struct device *d, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  !!(to_swapnet(d)->cfg.flags & SWAPNET_F_SWAP));
}
static DEVICE_ATTR_RO(for_swap);

static ssize_t swap_active_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_swapnet(d)->swap_active);
}
static DEVICE_ATTR_RO(swap_active);

static ssize_t max_request_bytes_show(struct device *d,
				      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_swapnet(d)->max_bytes);
}
static DEVICE_ATTR_RO(max_request_bytes);

static ssize_t verify_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%d\n", !!to_swapnet(d)->vfy.sums);
}
static DEVICE_ATTR_RO(verify);

static ssize_t lost_show(struct device *d, struct device_attribute *attr,
			 char *buf)
{
	struct swapnet_loss l[SWAPNET_LOST_RECENT];
	unsigned int n, i;
	ssize_t len = 0;

	n = swapnet_lost_recent(to_swapnet(d), l);
	for (i = 0; i < n; i++) {
		u32 ns;
		u64 s = div_u64_rem(l[i].time_ns, NSEC_PER_SEC, &ns);

		len += sysfs_emit_at(buf, len, "%llu %llu.%09u %s %llu %u %d %s\n",
				     l[i].seq, s, ns,
				     l[i].write ? "WRITE" : "READ",
				     l[i].offset, l[i].len, l[i].err,
				     l[i].why);
	}
	return len;
}
static DEVICE_ATTR_RO(lost);

static ssize_t stale_check_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	struct swapnet_dev *dev = to_swapnet(d);
	const char *how = "time";

	if (READ_ONCE(dev->stale.base))
		how = "lookup";
	else if (dev->cfg.dir_fh_len && !READ_ONCE(dev->stale.off))
		how = "pending";
	return sysfs_emit(buf, "%s\n", how);
}
static DEVICE_ATTR_RO(stale_check);

static ssize_t failfast_timeo_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  READ_ONCE(to_swapnet(d)->failfast_timeo_s));
}

static ssize_t failfast_timeo_store(struct device *d,
				    struct device_attribute *attr,
				    const char *buf, size_t len)
{
	unsigned int v;
	int err;

	err = kstrtouint(buf, 10, &v);
	if (err)
		return err;
	if (v > SWAPNET_FAILFAST_TIMEO_MAX)
		return -ERANGE;
	WRITE_ONCE(to_swapnet(d)->failfast_timeo_s, v);
	return len;
}
static DEVICE_ATTR_RW(failfast_timeo);

static ssize_t fences_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	struct swapnet_dev *dev = to_swapnet(d);

	return sysfs_emit(buf, "%lld %lld\n",
			  atomic64_read(&dev->stats.fences),
			  atomic64_read(&dev->stats.failfast_errors));
}
static DEVICE_ATTR_RO(fences);

static ssize_t mirror_group_show(struct device *d,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_swapnet(d)->cfg.mirror_group);
}
static DEVICE_ATTR_RO(mirror_group);

static struct attribute *swapnet_attrs[] = {
	&dev_attr_stat.attr,
	&dev_attr_server.attr,
	&dev_attr_addr.attr,
	&dev_attr_path.attr,
	&dev_attr_label.attr,
	&dev_attr_state.attr,
	&dev_attr_reason.attr,
	&dev_attr_queue_depth.attr,
	&dev_attr_read_depth.attr,
	&dev_attr_parked_writes.attr,
	&dev_attr_parked_writes_max.attr,
	&dev_attr_max_request_bytes.attr,
	&dev_attr_verify.attr,
	&dev_attr_for_swap.attr,
	&dev_attr_swap_active.attr,
	&dev_attr_lost.attr,
	&dev_attr_stale_check.attr,
	&dev_attr_failfast_timeo.attr,
	&dev_attr_fences.attr,
	&dev_attr_mirror_group.attr,
	NULL,
};

static const struct attribute_group swapnet_attr_group = {
	.name = "swapnet",
	.attrs = swapnet_attrs,
};

const struct attribute_group *swapnet_disk_groups[] = {
	&swapnet_attr_group,
	NULL,
};

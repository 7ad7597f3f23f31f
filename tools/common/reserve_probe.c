// SPDX-License-Identifier: GPL-2.0
/*
 * reserve_probe: read the inputs of the reserve computation from a /proc
 * and /sys tree.  The root directory is "/" on a live system and a fixture
 * tree in the unit tests, so every path goes through root_path().
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mounts.h"
#include "mountstats.h"
#include "readfile.h"
#include "reserve_model.h"
#include "rootpath.h"
#include "swaps.h"
#include "zoneinfo.h"

struct probe {
	const char *root;
	const struct reserve_text *texts;	/* read by the caller */
	size_t ntexts;
	char *err;
	size_t errlen;
};

/*
 * The text of path (under the root): the caller's when it read the file
 * already (a copy; NULL with ENOENT when it could not), else read now.
 * full: the rooted path, for messages.  malloc'd, NULL with errno set.
 */
static char *probe_read(const struct probe *p, const char *path, char *full,
			size_t len)
{
	size_t i;

	root_path(full, len, p->root, "%s", path);
	for (i = 0; i < p->ntexts; i++) {
		const struct reserve_text *t = &p->texts[i];
		char *copy;

		if (strcmp(t->path, path))
			continue;
		if (!t->text) {
			errno = ENOENT;
			return NULL;
		}
		copy = strdup(t->text);
		if (!copy)
			errno = ENOMEM;
		return copy;
	}
	return read_file(full);
}

static int fail(struct probe *p, int ret, const char *fmt, ...)
{
	va_list ap;

	if (p->err && p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err, p->errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

static int read_u64(struct probe *p, const char *path, uint64_t *out,
		    bool required)
{
	char full[4096], *s, *end;
	unsigned long long v;

	s = probe_read(p, path, full, sizeof(full));
	if (!s) {
		if (!required)
			return -ENOENT;
		return fail(p, -errno, "cannot read %s: %s", full,
			    strerror(errno));
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno) {
		free(s);
		return fail(p, -EINVAL, "%s: not a number", full);
	}
	free(s);
	*out = v;
	return 0;
}

/*
 * tcp_wmem or tcp_rmem, read once: *min its first value ([0]), *max the
 * largest buffer of an autotuned socket: max([1], [2]) (a socket starts
 * at [1], net/ipv4/tcp.c:459-460 (6.1), :468-469 (6.12), and autotuning
 * grows it to [2] at most), 0 when not three numbers.
 */
static int read_tcp_mem(struct probe *p, const char *path, uint32_t *min,
			uint32_t *max)
{
	char full[4096], *s, *end;
	unsigned long long v, a, b, c;

	s = probe_read(p, path, full, sizeof(full));
	if (!s)
		return fail(p, -errno, "cannot read %s: %s", full,
			    strerror(errno));
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno) {
		free(s);
		return fail(p, -EINVAL, "%s: not a number", full);
	}
	*min = (uint32_t)v;
	*max = 0;
	if (sscanf(s, "%llu %llu %llu", &a, &b, &c) == 3) {
		if (b > c)
			c = b;
		if (c <= UINT32_MAX)
			*max = (uint32_t)c;
	}
	free(s);
	return 0;
}

/* Sum "managed" of zones DMA, DMA32, Normal (the zones <= ZONE_NORMAL). */
static int add_zone(const struct zoneinfo_zone *z, void *arg)
{
	struct reserve_machine *m = arg;
	bool dma = !strcmp(z->name, "DMA");

	if (!dma && strcmp(z->name, "DMA32") && strcmp(z->name, "Normal"))
		return 0;
	if (z->present)
		m->lowmem_zones++;
	m->lowmem_pages += z->managed;
	if (dma)
		m->dma_pages += z->managed;
	return 0;
}

static int probe_zones(struct probe *p, struct reserve_machine *m)
{
	char full[4096], *text;
	int ret;

	text = probe_read(p, "/proc/zoneinfo", full, sizeof(full));
	if (!text)
		return fail(p, -errno, "cannot read %s: %s", full,
			    strerror(errno));
	ret = zoneinfo_each(text, add_zone, m);
	free(text);
	if (ret)
		return fail(p, -EINVAL, "%s: malformed zone line or number",
			    full);
	if (!m->lowmem_pages)
		return fail(p, -EINVAL, "%s: no managed pages in DMA/DMA32/Normal",
			    full);
	return 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/*
 * depth = nr_requests x hardware queues, or for swapnet the driver's own
 * in-flight limit when lower; max request = max_sectors_kb
 */
static int probe_blockdev(struct probe *p, const char *dev,
			  enum reserve_dev_kind kind, const char *label,
			  struct reserve_machine *m)
{
	char path[512], full[4096];
	uint64_t nr, maxkb;
	unsigned int queues = 0;
	struct reserve_dev *d;
	struct dirent *de;
	DIR *dir;
	int ret;

	if (m->ndevs == RESERVE_MAX_DEVS)
		return fail(p, -E2BIG, "more than %d swap devices",
			    RESERVE_MAX_DEVS);
	snprintf(path, sizeof(path), "/sys/block/%s/queue/nr_requests", dev);
	ret = read_u64(p, path, &nr, true);
	if (ret)
		return ret;
	/*
	 * max_sectors_kb is the limit the block layer splits requests at
	 * now (the admin may raise it up to max_hw_sectors_kb).
	 */
	snprintf(path, sizeof(path), "/sys/block/%s/queue/max_sectors_kb",
		 dev);
	ret = read_u64(p, path, &maxkb, false);
	if (ret == -ENOENT) {
		snprintf(path, sizeof(path),
			 "/sys/block/%s/queue/max_hw_sectors_kb", dev);
		ret = read_u64(p, path, &maxkb, true);
	}
	if (ret)
		return ret;
	/* blk-mq: nr_requests is per hardware queue (one mq/N per queue). */
	snprintf(path, sizeof(path), "/sys/block/%s/mq", dev);
	root_path(full, sizeof(full), p->root, "%s", path);
	dir = opendir(full);
	if (dir) {
		while ((de = readdir(dir)))
			if (all_digits(de->d_name))
				queues++;
		closedir(dir);
	}
	if (!queues)
		queues = 1;
	nr *= queues;
	/*
	 * swapnet keeps its in-flight limit itself when its tag set is
	 * larger (queue_depth WRITEs and read_depth READs; without
	 * read_depth, an older module: queue_depth is all of them).
	 */
	if (kind == RESERVE_DEV_SWAPNET) {
		uint64_t qd, rd = 0;

		snprintf(path, sizeof(path), "/sys/block/%s/swapnet/queue_depth",
			 dev);
		if (!read_u64(p, path, &qd, false) && qd) {
			snprintf(path, sizeof(path),
				 "/sys/block/%s/swapnet/read_depth", dev);
			(void)read_u64(p, path, &rd, false);
			if (qd + rd < nr)
				nr = qd + rd;
		}
	}
	d = &m->devs[m->ndevs++];
	*d = (struct reserve_dev){ .kind = kind,
				   .depth = (uint32_t)nr,
				   .max_req_kb = (uint32_t)maxkb };
	snprintf(d->name, sizeof(d->name), "%s", label);
	return 0;
}

/* /dev/NAME is a swap area in /proc/swaps (swapped on by hand). */
static bool in_swaps(const struct probe *p, const char *name)
{
	char full[4096], dev[300], *swaps;
	struct swaps_iter it;
	struct swaps_line l;
	bool found = false;
	int more;

	swaps = probe_read(p, "/proc/swaps", full, sizeof(full));
	if (!swaps)
		return false;
	snprintf(dev, sizeof(dev), "/dev/%s", name);
	swaps_begin(&it, swaps);
	while (!found && (more = swaps_next(&it, &l)))
		found = more > 0 && !strcmp(l.path, dev);
	free(swaps);
	return found;
}

/*
 * Does swapnet device name need the reserve?  One attached for swap
 * (sysfs for_swap 1: its writes are reclaim's, its transport
 * swap-activated) does; one attached for other use (dd, a file system:
 * for_swap 0) never writes for reclaim, unless swapped on by hand all
 * the same.  A module without for_swap made every device swap's.
 */
static bool swapnet_for_swap(struct probe *p, const char *name)
{
	char path[512];
	uint64_t v;

	snprintf(path, sizeof(path), "/sys/block/%s/swapnet/for_swap", name);
	if (read_u64(p, path, &v, false) || v)
		return true;
	return in_swaps(p, name);
}

static int probe_swapnet(struct probe *p, struct reserve_machine *m)
{
	char full[4096];
	struct dirent **names;
	int n, i, ret = 0;

	root_path(full, sizeof(full), p->root, "/sys/block");
	n = scandir(full, &names, NULL, alphasort);
	if (n < 0)
		return 0;	/* no /sys/block: no devices */
	for (i = 0; i < n; i++) {
		const char *s = names[i]->d_name;

		if (!ret && !strncmp(s, "swapnet", 7) && all_digits(s + 7) &&
		    swapnet_for_swap(p, s))
			ret = probe_blockdev(p, s, RESERVE_DEV_SWAPNET, s, m);
		free(names[i]);
	}
	free(names);
	return ret;
}

struct nfs_mount {
	char point[RESERVE_NAME_MAX];
	uint32_t wsize;
};

/*
 * The NFS mount holding path: longest mount point that is a prefix of
 * path among all mounts; 0 and *out filled when it is nfs or nfs4.
 */
static int find_nfs_mount(const char *mountinfo, const char *path,
			  struct nfs_mount *out)
{
	static struct mount_of m;	/* large: not on the stack */
	const char *w;

	if (!mountinfo || mounts_of_text(mountinfo, path, &m) ||
	    !mount_is_nfs(&m) || strlen(m.target) >= sizeof(out->point))
		return -ENOENT;
	w = strstr(m.super, "wsize=");
	strcpy(out->point, m.target);
	out->wsize = w ? (uint32_t)strtoul(w + 6, NULL, 10) : 0;
	return 0;
}

/* Largest slot use seen on the mount's TCP transport; 0 if unknown. */
static uint32_t mountstats_max_slots(const char *stats, const char *point)
{
	struct mountstats_nfs st;

	if (!stats || mountstats_of(stats, point, &st) || !st.have_tcp)
		return 0;
	return (uint32_t)st.tcp_max_slots;
}

/*
 * /proc/swaps: NBD devices and swapfiles on kernel NFS mounts.  swapnet
 * devices are counted from /sys/block (attached for swap, they need the
 * reserve whether or not they are swapped on yet).
 */
static int probe_swaps(struct probe *p, struct reserve_machine *m)
{
	char full[4096], *swaps, *info = NULL, *stats = NULL;
	struct swaps_iter it;
	struct swaps_line l;
	uint64_t slots = 0;
	bool read_stats = false;
	int ret = 0, more;

	swaps = probe_read(p, "/proc/swaps", full, sizeof(full));
	if (!swaps)
		return 0;	/* no swap support: nothing swaps */
	info = probe_read(p, "/proc/self/mountinfo", full, sizeof(full));
	swaps_begin(&it, swaps);
	while (!ret && (more = swaps_next(&it, &l))) {
		const char *name = l.path, *type = l.type;
		struct nfs_mount nm;
		struct reserve_dev *d;
		uint32_t s;

		if (more < 0)	/* not a swap area line */
			continue;
		if (!strncmp(name, "/dev/nbd", 8) && all_digits(name + 8)) {
			ret = probe_blockdev(p, name + 5, RESERVE_DEV_NBD,
					     name + 5, m);
			continue;
		}
		if (strcmp(type, "file") || !info ||
		    find_nfs_mount(info, name, &nm))
			continue;
		if (m->ndevs == RESERVE_MAX_DEVS) {
			ret = fail(p, -E2BIG, "more than %d swap devices",
				   RESERVE_MAX_DEVS);
			break;
		}
		/*
		 * The kernel NFS client grows its slot table on demand up
		 * to tcp_max_slot_table_entries: nothing bounds a native
		 * swapfile's writes in flight.  Count the larger of the
		 * configured table and the most slots seen in use.  (Read
		 * only with an NFS swapfile, as swapnettop reads them.)
		 */
		if (!read_stats) {
			read_stats = true;
			(void)read_u64(p, "/proc/sys/sunrpc/tcp_slot_table_entries",
				       &slots, false);
			stats = probe_read(p, "/proc/self/mountstats", full,
					   sizeof(full));
		}
		s = mountstats_max_slots(stats, nm.point);
		d = &m->devs[m->ndevs++];
		*d = (struct reserve_dev){
			.kind = RESERVE_DEV_NFS,
			.depth = s > slots ? s : (uint32_t)slots,
			.max_req_kb = nm.wsize / 1024,
		};
		snprintf(d->name, sizeof(d->name), "%s", name);
	}
	free(swaps);
	free(info);
	free(stats);
	return ret;
}

/* The driver's name: the last part of the device/driver link, or "". */
static void nic_driver(struct probe *p, const char *ifname, char *buf,
		       size_t len)
{
	char full[4096], path[512], link[4096];
	const char *base;
	ssize_t n;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/sys/class/net/%s/device/driver", ifname);
	root_path(full, sizeof(full), p->root, "%s", path);
	n = readlink(full, link, sizeof(link) - 1);
	if (n <= 0)
		return;
	link[n] = '\0';
	base = strrchr(link, '/');
	base = base ? base + 1 : link;
	if (strlen(base) < len)
		memcpy(buf, base, strlen(base) + 1);
}

/*
 * Every interface with a ring of its own, in name order: not loopback,
 * not virtual (no device link: bridges, veth, tun, vlan: their frames are
 * received by a real NIC, counted already), not down (nothing received).
 * Past RESERVE_MAX_NICS the rest are counted, not listed (nnics_over).
 */
static int probe_nics(struct probe *p, reserve_ring_fn ring, void *ring_arg,
		      struct reserve_machine *m)
{
	char full[4096], path[512];
	struct dirent **names;
	int n, i, ret = 0;

	root_path(full, sizeof(full), p->root, "/sys/class/net");
	n = scandir(full, &names, NULL, alphasort);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		const char *s = names[i]->d_name;
		uint64_t type, mtu;
		struct reserve_nic *nic;
		struct stat st;
		char *state;
		bool down;
		uint32_t rx, queues = 1;

		if (ret || s[0] == '.')
			goto next;
		snprintf(path, sizeof(path), "/sys/class/net/%s/type", s);
		/* ARPHRD_LOOPBACK: its "RX" is our own TX, already counted */
		if (read_u64(p, path, &type, false) || type == 772)
			goto next;
		snprintf(path, sizeof(path), "/sys/class/net/%s/device", s);
		root_path(full, sizeof(full), p->root, "%s", path);
		if (lstat(full, &st))	/* the link itself: fixtures' dangle */
			goto next;
		snprintf(path, sizeof(path), "/sys/class/net/%s/operstate", s);
		state = probe_read(p, path, full, sizeof(full));
		down = state && !strncmp(state, "down", 4);
		free(state);
		if (down)
			goto next;
		snprintf(path, sizeof(path), "/sys/class/net/%s/mtu", s);
		if (read_u64(p, path, &mtu, false))
			goto next;
		if (m->nnics == RESERVE_MAX_NICS) {
			m->nnics_over++;
			goto next;
		}
		nic = &m->nics[m->nnics++];
		*nic = (struct reserve_nic){ .mtu = (uint32_t)mtu };
		snprintf(nic->name, sizeof(nic->name), "%s", s);
		nic_driver(p, s, nic->driver, sizeof(nic->driver));
		nic->rx_queues = 1;
		if (ring && ring(s, &rx, &queues, ring_arg) == 0 && rx) {
			nic->rx_ring = rx;
			nic->rx_queues = queues ? queues : 1;
		} else {
			nic->rx_ring = RESERVE_DEFAULT_RX_RING;
			nic->rx_ring_default = true;
		}
next:
		free(names[i]);
	}
	free(names);
	return ret;
}

/* hugepage_flags_enabled(): "[always]" or "[madvise]" selected */
static bool thp_enabled(struct probe *p)
{
	char full[4096], *s;
	bool on;

	s = probe_read(p, "/sys/kernel/mm/transparent_hugepage/enabled", full,
		       sizeof(full));
	if (!s)
		return false;
	on = strstr(s, "[always]") || strstr(s, "[madvise]");
	free(s);
	return on;
}

int reserve_probe(const char *root, reserve_ring_fn ring, void *ring_arg,
		  struct reserve_machine *m, char *err, size_t errlen)
{
	return reserve_probe_texts(root, ring, ring_arg, NULL, 0, m, err,
				   errlen);
}

static bool live(const char *root)
{
	return !root || !strcmp(root, "/");
}

int reserve_probe_machine(const char *root, struct reserve_machine *m,
			  char *err, size_t errlen)
{
	return reserve_probe(root, live(root) ? reserve_ring_ethtool : NULL,
			     NULL, m, err, errlen);
}

int reserve_probe_texts(const char *root, reserve_ring_fn ring,
			void *ring_arg, const struct reserve_text *texts,
			size_t ntexts, struct reserve_machine *m, char *err,
			size_t errlen)
{
	struct probe p = { .root = root ? root : "/", .texts = texts,
			   .ntexts = ntexts, .err = err, .errlen = errlen };
	uint64_t v;
	long ps;
	int ret;

	*m = (struct reserve_machine){ 0 };
	ps = sysconf(_SC_PAGESIZE);
	m->page_size = ps > 0 ? (uint32_t)ps : 4096;
	ret = probe_zones(&p, m);
	if (ret)
		return ret;
	ret = read_u64(&p, "/proc/sys/vm/min_free_kbytes", &v, true);
	if (ret)
		return ret;
	m->current_kb = v;
	ret = read_tcp_mem(&p, "/proc/sys/net/ipv4/tcp_wmem", &m->tcp_wmem_min,
			   &m->tcp_wmem_max);
	if (ret)
		return ret;
	ret = read_tcp_mem(&p, "/proc/sys/net/ipv4/tcp_rmem", &m->tcp_rmem_min,
			   &m->tcp_rmem_max);
	if (ret)
		return ret;
	m->thp = thp_enabled(&p);
	m->watermark_scale_factor = 10;		/* the kernel's default */
	if (!read_u64(&p, "/proc/sys/vm/watermark_scale_factor", &v, false))
		m->watermark_scale_factor = (uint32_t)v;
	ret = probe_swapnet(&p, m);
	if (!ret)
		ret = probe_swaps(&p, m);
	if (!ret)
		ret = probe_nics(&p, ring, ring_arg, m);
	return ret;
}

const char *reserve_root(const char *opt)
{
	const char *env = getenv("SWAPNET_ROOT");

	if (opt && *opt)
		return opt;
	if (env && *env)
		return env;
	return "/";
}

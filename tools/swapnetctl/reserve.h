/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reserve: how much memory the kernel must hold back (vm.min_free_kbytes)
 * so that swapping over the network can always make progress.
 *
 *   reserve_probe()     reads the machine (a /proc and /sys tree under a
 *                       root directory, "/" normally, fixtures in tests)
 *                       into a struct reserve_machine
 *   reserve_compute()   pure arithmetic on that struct (reserve.c; the
 *                       derivation is in the comments there and in the
 *                       RESERVE section of swapnetctl(8))
 *   reserve_apply()     writes vm.min_free_kbytes, reserve_persist() the
 *                       sysctl.d file
 *   reserve_on_device_change()  the dynamic reserve: called after a
 *                       swapnet device was added or removed
 */
#ifndef SWAPNETCTL_RESERVE_H
#define SWAPNETCTL_RESERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RESERVE_MAX_DEVS 64
#define RESERVE_MAX_NICS 64
#define RESERVE_NAME_MAX 256

/* The kernel's clamp of the default (mm/page_alloc.c, 6.1). */
#define RESERVE_KERNEL_MIN_KB 128
#define RESERVE_KERNEL_MAX_KB 262144
/* RX descriptors assumed when the driver does not report its ring. */
#define RESERVE_DEFAULT_RX_RING 256

enum reserve_dev_kind {
	RESERVE_DEV_SWAPNET,	/* /sys/block/swapnetN, attached */
	RESERVE_DEV_NBD,	/* /dev/nbdN in /proc/swaps */
	RESERVE_DEV_NFS,	/* swapfile on a kernel NFS mount */
};

struct reserve_dev {
	enum reserve_dev_kind kind;
	char name[RESERVE_NAME_MAX];	/* swapnet0, nbd0, /mnt/swapfile */
	uint32_t depth;			/* requests in flight at most */
	uint32_t max_req_kb;		/* largest request */
	/* filled by reserve_compute() */
	uint64_t inflight_kb;		/* depth x max_req_kb */
	uint64_t payload_kb;		/* inflight x 1.05 (TCP copy + skb) */
	uint64_t header_kb;		/* one page per request */
	uint64_t socket_kb;		/* tcp_wmem[0] + tcp_rmem[0] */
	uint64_t total_kb;
};

struct reserve_nic {
	char name[RESERVE_NAME_MAX];
	uint32_t mtu;
	uint32_t rx_ring;		/* RX descriptors */
	bool rx_ring_default;		/* driver did not say: default used */
	/* filled by reserve_compute() */
	uint32_t rx_buf_bytes;		/* one RX buffer (power of two) */
	uint64_t total_kb;
};

struct reserve_machine {
	uint32_t page_size;		/* bytes */
	uint64_t lowmem_pages;		/* managed pages, zones <= Normal */
	uint64_t dma_pages;		/* managed pages of ZONE_DMA */
	uint64_t current_kb;		/* vm.min_free_kbytes now */
	uint32_t lowmem_zones;		/* populated zones <= Normal */
	bool thp;			/* transparent hugepages enabled */
	uint32_t tcp_wmem_min, tcp_rmem_min;	/* bytes */
	size_t ndevs, nnics;
	struct reserve_dev devs[RESERVE_MAX_DEVS];
	struct reserve_nic nics[RESERVE_MAX_NICS];
};

struct reserve_result {
	uint64_t devices_kb;		/* sum over devices */
	uint64_t nics_kb;		/* sum over NICs */
	uint64_t network_kb;		/* devices + NICs (0 without devices) */
	uint64_t atomic_safe_kb;	/* network x 8/3 */
	uint64_t needed_kb;		/* + ZONE_DMA's share */
	uint64_t sqrt_kb;		/* sqrt(16 x lowmem_kb), clamped */
	uint64_t thp_kb;		/* khugepaged's minimum, 0 without THP */
	uint64_t default_kb;		/* the kernel's own: max(sqrt, thp) */
	uint64_t recommended_kb;	/* max(default, needed) */
	uint64_t current_kb;
	uint64_t lowmem_kb;
	bool too_large;			/* recommended > lowmem / 4 */
};

/* Integer square root, as the kernel's int_sqrt(). */
uint64_t reserve_isqrt(uint64_t x);

/* The kernel's default min_free_kbytes for lowmem_kb of lowmem. */
uint64_t reserve_kernel_default_kb(uint64_t lowmem_kb);

/* Fills the computed fields of m->devs/m->nics and *r. */
void reserve_compute(struct reserve_machine *m, struct reserve_result *r);

/*
 * The ring size of a NIC: 0 and *rx filled, or < 0 when unknown (the
 * default is used then).  The live one asks ethtool over netlink.
 */
typedef int (*reserve_ring_fn)(const char *ifname, uint32_t *rx, void *arg);
int reserve_ring_ethtool(const char *ifname, uint32_t *rx, void *arg);

/*
 * Read the machine under root ("/" or NULL: the live system; else a
 * fixture tree).  ring may be NULL (every NIC gets the default).
 * 0 or -errno with a one-line message.
 */
int reserve_probe(const char *root, reserve_ring_fn ring, void *ring_arg,
		  struct reserve_machine *m, char *err, size_t errlen);

/* The root directory: --root, else $SWAPNET_ROOT, else "/". */
const char *reserve_root(const char *opt);

/* Write kb to <root>/proc/sys/vm/min_free_kbytes. */
int reserve_apply(const char *root, uint64_t kb, char *err, size_t errlen);

/* Write <root>/etc/sysctl.d/90-swapnet.conf setting vm.min_free_kbytes. */
int reserve_persist(const char *root, uint64_t kb, char *err, size_t errlen);
#define RESERVE_SYSCTL_FILE "/etc/sysctl.d/90-swapnet.conf"

/*
 * Never harm (reserve_apply.c).  What swapnetctl raised, and from what:
 * RESERVE_STATE_FILE under the root holds "before N" and "set N".
 */
#define RESERVE_STATE_FILE "/run/swapnet/min_free_kbytes.before"
struct reserve_state {
	uint64_t before_kb;		/* the value before swapnetctl raised it */
	uint64_t set_kb;		/* the value swapnetctl set */
};

/* 0 with *st filled, -ENOENT when nothing is remembered, -EINVAL damaged. */
int reserve_state_read(const char *root, struct reserve_state *st);

/* 0 when vm.min_free_kbytes under root may be written, else -errno + msg. */
int reserve_check_writable(const char *root, char *err, size_t errlen);

/*
 * Set the reserve for the devices present to kb, never lowering it: the
 * value written is the larger of kb and current_kb, except that a value
 * swapnetctl set itself (still current) may go back down to kb but never
 * below the one from before.  force: exactly kb.  Remembers the value
 * from before when it raises.  *new_kb: the value now (current_kb when
 * nothing was written).  0 or -errno with a message.
 */
int reserve_raise(const char *root, uint64_t current_kb, uint64_t kb,
		  bool force, uint64_t *new_kb, char *err, size_t errlen);

/*
 * No network swap device left: put back the remembered value from before,
 * only when the current one is still the one swapnetctl set; forget it
 * either way.  Nothing remembered: nothing written.  *new_kb as above.
 */
int reserve_restore(const char *root, uint64_t current_kb, uint64_t *new_kb,
		    char *err, size_t errlen);

/*
 * Dynamic reserve: when the policy in /etc/swapnet.conf (under
 * reserve_root(NULL)) says "dynamic = yes", recompute the reserve for the
 * devices now present and apply it.  Call after adding or removing a
 * swapnet device.  0 when done or not enabled; < 0 on error (a message
 * was printed on stderr; the caller's operation itself succeeded).
 */
int reserve_on_device_change(void);

#endif /* SWAPNETCTL_RESERVE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reserve model: how much memory the kernel must hold back
 * (vm.min_free_kbytes) so that swapping over the network can always make
 * progress.  Shared by swapnetctl (reserve, the dynamic reserve, start and
 * stop) and swapnettop (its "recommended" value), so both tools give the
 * same number.
 *
 *   reserve_probe()     reads the machine (a /proc and /sys tree under a
 *                       root directory, "/" normally, fixtures in tests)
 *                       into a struct reserve_machine
 *   reserve_compute()   pure arithmetic on that struct (reserve.c; the
 *                       derivation is in the comments there and in the
 *                       RESERVE section of swapnetctl(8))
 */
#ifndef SWAPNET_RESERVE_MODEL_H
#define SWAPNET_RESERVE_MODEL_H

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
/* skb_page_frag_refill()'s page: SKB_FRAG_PAGE_ORDER, get_order(32768). */
#define RESERVE_FRAG_BYTES 32768
/*
 * The lab floor (reserve.c, "the lab floor"): with a network swap device
 * the recommendation is never below 1.5 x the smallest reserve that held
 * memory pressure plus a UDP flood at the defaults in the lab: 14064 kB
 * (queue depth 4, 128 KiB requests, 256 MiB client, 6.1, lab notes of
 * 2026-12-07 and tests/lab/reports/reserve-2026-12-07.md), where the
 * model's own terms (3856 kB on 6.1, 3846 kB on 6.12) froze.
 */
#define RESERVE_LAB_HELD_KB 14064
#define RESERVE_LAB_FLOOR_KB (RESERVE_LAB_HELD_KB * 3 / 2)

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
	/*
	 * The worst mix of reads and writes (reserve.c): reads' replies in
	 * RX truesize (frame truesize per MSS, at most the receive queue
	 * and backlog limit), the rest writes in TX (x 1.05, at most
	 * tcp_wmem[2]).
	 */
	uint64_t payload_rx_kb;
	uint64_t payload_tx_kb;
	uint64_t payload_kb;		/* payload_rx_kb + payload_tx_kb */
	uint64_t header_kb;		/* one page per request */
	uint64_t socket_kb;		/* tcp_wmem[0] + tcp_rmem[0] */
	uint64_t total_kb;
};

struct reserve_nic {
	char name[RESERVE_NAME_MAX];
	uint32_t mtu;
	char driver[64];		/* device/driver link's name, "" unknown */
	uint32_t rx_ring;		/* RX descriptors, per queue */
	uint32_t rx_queues;		/* RX (and combined) channels, >= 1 */
	bool rx_ring_default;		/* driver did not say: default used */
	/* filled by reserve_compute() */
	bool rx_page_frag;		/* refills skb_page_frag_refill(GFP_ATOMIC) */
	uint32_t rx_buf_bytes;		/* truesize of one MTU-sized frame */
	uint32_t rx_reserve_bytes;	/* the part the reserve can refill */
	uint64_t total_kb;		/* ring x queues x rx_reserve_bytes */
	uint64_t unreserved_kb;		/* ring x queues x the rest: not counted */
	/*
	 * The atomic refill (reserve.c, "the refill term"): what one RX
	 * buffer's refill and the head of the frame it replaces may take
	 * in atomic context, at most; a full refill of every RX queue's
	 * ring (+ one page fragment per queue being carved).
	 */
	uint32_t refill_buf_bytes;
	uint64_t refill_kb;
};

struct reserve_machine {
	uint32_t page_size;		/* bytes */
	uint64_t lowmem_pages;		/* managed pages, zones <= Normal */
	uint64_t dma_pages;		/* managed pages of ZONE_DMA */
	uint64_t current_kb;		/* vm.min_free_kbytes now */
	uint32_t lowmem_zones;		/* populated zones <= Normal */
	bool thp;			/* transparent hugepages enabled */
	uint32_t watermark_scale_factor;	/* vm., 10 when absent */
	uint32_t tcp_wmem_min, tcp_rmem_min;	/* bytes */
	/*
	 * The largest sk_sndbuf / sk_rcvbuf of an autotuned TCP socket:
	 * max(tcp_[wr]mem[1], the initial value, and [2], the autotuning
	 * limit); 0 unknown.
	 */
	uint32_t tcp_wmem_max;
	uint32_t tcp_rmem_max;
	size_t ndevs, nnics;
	size_t nnics_over;		/* NICs past nics[]: each as the largest */
	struct reserve_dev devs[RESERVE_MAX_DEVS];
	struct reserve_nic nics[RESERVE_MAX_NICS];
};

/* The term that set the recommendation (reserve_term_name()). */
enum reserve_term {
	RESERVE_TERM_DEFAULT,		/* the kernel's own default */
	RESERVE_TERM_SWAP,		/* swap-out's need below 3/8 of min */
	RESERVE_TERM_REFILL,		/* the NICs' atomic refills */
	RESERVE_TERM_LAB,		/* the lab floor */
};

struct reserve_result {
	uint64_t devices_kb;		/* sum over devices */
	uint64_t nics_kb;		/* sum over NICs */
	uint64_t nics_unreserved_kb;	/* RX refills the reserve cannot serve */
	uint64_t network_kb;		/* devices + NICs (0 without devices) */
	/*
	 * RX truesize per byte of TCP payload used for reads: the frame
	 * truesize and MSS of the costliest NIC (or of a netdev_alloc_skb
	 * NIC at MTU 1500 when none is counted).
	 */
	uint32_t rx_frame_bytes;
	uint32_t rx_mss_bytes;
	uint64_t atomic_safe_kb;	/* network x 8/3 */
	uint64_t needed_kb;		/* + ZONE_DMA's share */
	uint64_t refill_kb;		/* sum over NICs of refill_kb */
	uint64_t refill_needed_kb;	/* x 8/5, + ZONE_DMA's share */
	uint64_t lab_floor_kb;		/* RESERVE_LAB_FLOOR_KB, 0 w/o device */
	enum reserve_term term;		/* which one recommended_kb is */
	uint64_t sqrt_kb;		/* sqrt(16 x lowmem_kb), clamped */
	uint64_t thp_kb;		/* khugepaged's minimum, 0 without THP */
	uint64_t default_kb;		/* the kernel's own: max(sqrt, thp) */
	/* max(default, needed, refill_needed, lab_floor) */
	uint64_t recommended_kb;
	uint64_t current_kb;
	uint64_t lowmem_kb;
	bool too_large;			/* recommended > lowmem / 4 */
	/*
	 * The cost: low and high follow min, so kswapd keeps about this
	 * much free once it runs (high watermark, summed).
	 */
	uint64_t kswapd_high_kb;
};

/* Integer square root, as the kernel's int_sqrt(). */
uint64_t reserve_isqrt(uint64_t x);

/* The kernel's default min_free_kbytes for lowmem_kb of lowmem. */
uint64_t reserve_kernel_default_kb(uint64_t lowmem_kb);

/* "default", "swap", "refill", "lab floor" */
const char *reserve_term_name(enum reserve_term t);

/* Fills the computed fields of m->devs/m->nics and *r. */
void reserve_compute(struct reserve_machine *m, struct reserve_result *r);

/*
 * The ring size of a NIC: 0 and *rx (descriptors per RX queue) filled,
 * *rx_queues too when known (left as it is, 1, otherwise), or < 0 when
 * unknown (the default ring is used then).  The live one asks ethtool
 * over netlink (RINGS_GET, CHANNELS_GET).
 */
typedef int (*reserve_ring_fn)(const char *ifname, uint32_t *rx,
			       uint32_t *rx_queues, void *arg);
int reserve_ring_ethtool(const char *ifname, uint32_t *rx,
			 uint32_t *rx_queues, void *arg);

/*
 * Read the machine under root ("/" or NULL: the live system; else a
 * fixture tree).  ring may be NULL (every NIC gets the default).
 * 0 or -errno with a one-line message.
 */
int reserve_probe(const char *root, reserve_ring_fn ring, void *ring_arg,
		  struct reserve_machine *m, char *err, size_t errlen);

/*
 * The machine under root as the tools read it: the live system ("/" or
 * NULL) asks its NICs for their rings (reserve_ring_ethtool), a fixture
 * tree takes the default ring.  (+ reserve_compute(): the whole result,
 * for reserve, start and the dynamic reserve; recommend.h: the number.)
 */
int reserve_probe_machine(const char *root, struct reserve_machine *m,
			  char *err, size_t errlen);

/*
 * A file the caller has read already, its path as under "/"
 * ("/proc/zoneinfo"); text NULL: it could not be read.  swapnettop hands
 * its tick's /proc texts (zoneinfo, min_free_kbytes, swaps, mountinfo,
 * mountstats) so that each file is read once per tick.
 */
struct reserve_text {
	const char *path;
	const char *text;
};

/* reserve_probe, taking those files' text from texts[] */
int reserve_probe_texts(const char *root, reserve_ring_fn ring,
			void *ring_arg, const struct reserve_text *texts,
			size_t ntexts, struct reserve_machine *m, char *err,
			size_t errlen);

/* The root directory: --root, else $SWAPNET_ROOT, else "/". */
const char *reserve_root(const char *opt);

#endif /* SWAPNET_RESERVE_MODEL_H */

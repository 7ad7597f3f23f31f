// SPDX-License-Identifier: GPL-2.0
/*
 * reserve: the min_free_kbytes that lets swap-out reach the network.
 * Pure arithmetic; reserve_probe.c reads the inputs.
 *
 * Why a reserve at all.  To free memory by swapping over the network, the
 * kernel must allocate memory: TCP copies the payload of every write it
 * sends, every RPC/NBD request needs header buffers, and the NIC refills
 * its RX ring to receive the replies and ACKs that complete the writes.
 * These allocations happen when memory is already short, so they must come
 * from the pages the page allocator keeps below the min watermark
 * (vm.min_free_kbytes, split over the zones in proportion to their size).
 *
 * The kernel's rules (Linux 6.1, read in the source):
 *
 * 1. Who may dip into the min reserve (mm/page_alloc.c,
 *    __zone_watermark_ok): __GFP_HIGH halves the watermark (min - min/2),
 *    and a non-blocking request such as GFP_ATOMIC takes a quarter of that
 *    again (min/2 - min/8): atomic allocations of anybody -- other drivers,
 *    other sockets -- may drain free memory down to 3/8 of min.  Only
 *    ALLOC_NO_WATERMARKS users go below that: PF_MEMALLOC tasks (kswapd,
 *    direct reclaim), and the network's RX allocations and SOCK_MEMALLOC
 *    sockets once a memalloc socket exists (net/core/skbuff.c,
 *    kmalloc_reserve / sk_memalloc_socks).  So the part of the reserve the
 *    swap path is sure to find is 3/8 of min: min >= 8/3 x need.
 *
 * 2. Direct reclaim is throttled when free pages of the zones <= Normal
 *    fall below half their summed min watermarks (mm/vmscan.c,
 *    allow_direct_reclaim).  This is what bounds the demand: below
 *    min/2 no new direct reclaimer starts I/O, so what is in flight is
 *    what the devices' queues hold -- their depth times their largest
 *    request -- and not a multiple of the number of reclaiming tasks.
 *    Since 3/8 < 1/2, rule 1 is the binding one.
 *
 * 3. ZONE_DMA's share of min is protected from ordinary allocations by
 *    lowmem_reserve, so the swap path cannot count on it: scale by
 *    lowmem / (lowmem - dma).
 *
 * 4. The default (mm/page_alloc.c, calculate_min_free_kbytes) is
 *    int_sqrt(16 x lowmem kB) clamped to 128 .. 262144 kB, where lowmem is
 *    nr_free_buffer_pages(): the managed pages of zones <= Normal (their
 *    high watermarks are still 0 when it first runs).  With transparent
 *    hugepages enabled (always or madvise) khugepaged raises it
 *    (mm/khugepaged.c, set_recommended_min_free_kbytes) to
 *    pageblock_nr_pages x populated zones <= Normal x (2 + 3 x 3), at most
 *    lowmem / 20; a pageblock is 2 MiB on x86-64.  We never recommend less
 *    than the larger of the two.
 *
 * The demand, per network swap device:
 *   inflight = depth x max_req_kb
 *   A request is a write, its payload queued for TX until ACKed, or a
 *   read, its reply arriving as RX skbs until SUNRPC/NBD reads it; the
 *   two cost differently per byte and have their own limits, so the
 *   payload is the worst mix: reads first (they cost more per byte),
 *   up to the RX limit, the rest of inflight as writes, up to the TX
 *   limit (when a NIC model made writes the dearer, writes first).
 *   TX: x 1.05: in 6.1 SUNRPC and NBD send with sock_sendmsg() on a
 *              bvec iterator without MSG_SPLICE_PAGES, so tcp_sendmsg
 *              copies the payload into fresh skb pages held until ACKed;
 *              ~5% for skb heads and per-segment truesize.  At most
 *              tcp_wmem[2] (truesize): tcp_sendmsg waits once
 *              sk_wmem_queued reaches sk_sndbuf, which
 *              tcp_sndbuf_expand() grows to tcp_wmem[2] at most
 *              (net/ipv4/tcp_input.c:455 (6.1), :469 (6.12)).
 *   RX: x frame truesize / MSS: every received segment is charged its
 *              skb's truesize (sk_rmem_alloc counts truesize, not
 *              payload), which per MSS-sized segment is the NIC's frame
 *              truesize ("per NIC" below) for MSS = MTU - 52 (IPv4 20 +
 *              TCP 20 + timestamps 12, TCPOLEN_TSTAMP_ALIGNED,
 *              include/net/tcp.h:217 (6.1), :234 (6.12); at least
 *              TCP_MIN_MSS 88, :70 (6.1), :81 (6.12)): virtio_net at
 *              MTU 1500 2816 B per 1448 B (x 1.94), others 2176 B (x 1.50).
 *              GRO and skb_try_coalesce() only merge (they free heads,
 *              lowering truesize), so this bounds them.  The costliest
 *              NIC is taken (the model does not know the route); without
 *              a NIC, a netdev_alloc_skb one at MTU 1500.
 *              The limit is what the socket may hold in truesize: the
 *              receive queue (and out-of-order queue) is pruned or
 *              dropped once sk_rmem_alloc passes sk_rcvbuf
 *              (tcp_try_rmem_schedule, net/ipv4/tcp_input.c:4911 (6.1),
 *              :5046 (6.12)), which autotuning grows to tcp_rmem[2] at
 *              most (tcp_rcv_space_adjust :769 (6.1), :793 (6.12);
 *              tcp_clamp_window :613 (6.1), :628 (6.12)); but while the
 *              socket is owned (SUNRPC's receive worker in recvmsg, its
 *              sender in sendmsg) segments go to the backlog, and
 *              tcp_add_backlog() lets sk_rmem_alloc + sk_backlog.len
 *              reach 2 x sk_rcvbuf + sk_sndbuf / 2 + 64 KiB
 *              (net/ipv4/tcp_ipv4.c:1892, :1894, :1900 (6.1); :2122,
 *              :2124, :2130 (6.12); sk_rcvqueues_full,
 *              include/net/sock.h:1111 (6.1), :1103 (6.12)).  Both
 *              checks come before the skb is added, so one skb more: a
 *              GRO skb of at most 64 KiB of payload (gro_max_size
 *              defaults to GRO_LEGACY_MAX_SIZE 65536,
 *              include/linux/netdevice.h:2221 (6.1), :2257 (6.12)) at
 *              the frame ratio.  RX limit = 2 x tcp_rmem[2] +
 *              tcp_wmem[2] / 2 + 65536 + 65536 x frame / MSS.
 *              (tcp_[wr]mem[2] here means max([1], [2]): a socket starts
 *              at [1], net/ipv4/tcp.c:459-460 (6.1), :468-469 (6.12).)
 *              Without both limits known, no limit.
 *   header   = depth x one page: the request's own header and reply skbs
 *   socket   = tcp_wmem[0] + tcp_rmem[0]: what TCP grants a socket even
 *              under memory pressure (tcp(7)).
 * per NIC: a full ring's worth of frames may be travelling up the stack
 * while the driver refills the ring: rx_ring x rx_queues (the ring is per
 * RX queue) x the truesize of one MTU-sized frame (x86-64:
 * SKB_DATA_ALIGN(sizeof(struct sk_buff)) 256, of struct skb_shared_info
 * 320; SKB_TRUESIZE(X) = X + 256 + 320), by the driver
 * (/sys/class/net/X/device/driver):
 *   virtio_net (drivers/net/virtio_net.c, mergeable buffers): each RX
 *     buffer is ALIGN(12 + max(MTU + 18, GOOD_PACKET_LEN 1518), 64) bytes
 *     of a 32 KiB page fragment (get_mergeable_buf_len, :1433 (6.1),
 *     :2569 (6.12)), refilled by skb_page_frag_refill(GFP_ATOMIC)
 *     (:1453 (6.1), :2590 (6.12)) without __GFP_MEMALLOC: the reserve
 *     below 3/8 of min cannot refill it, so the buffers are shown apart
 *     (unreserved_kb) and not counted.  The skb head is napi_alloc_skb(
 *     GOOD_COPY_LEN) (:522 (6.1), :825 (6.12)): a 1 KiB fragment
 *     (net/core/skbuff.c:668 (6.1), :838 (6.12)) with __GFP_MEMALLOC once
 *     a memalloc socket exists (:665 (6.1), :833 (6.12)), truesize
 *     SKB_TRUESIZE(1024 - 320) = 1280: counted.  MTU 1500: 1280 + 1536 =
 *     2816 B of truesize per 1448 B of TCP payload, 1280 counted.
 *   other drivers (netdev_alloc_skb/napi_alloc_skb of the frame, which
 *     add __GFP_MEMALLOC, net/core/skbuff.c:587 and :665 (6.1), :753 and
 *     :833 (6.12)): a head of SKB_DATA_ALIGN(NET_SKB_PAD 64 + MTU + 18) +
 *     320 bytes, a page fragment up to a page, else kmalloc'd (a power of
 *     two), + 256 for struct sk_buff: MTU 1500 -> 2176, all counted.
 * NICs count only when there is a network swap device at all.
 *
 * The refill term: the headroom that keeps every NIC's atomic RX refills
 * alive under unrelated traffic.  The terms above are what swap-out
 * itself needs below 3/8 of min.  But a NIC that receives anything -- a
 * flood at a socket that never reads is enough -- refills its ring from
 * the band between min and 3/8 of min, and when that band is empty the
 * refill fails and the ring that must bring in swapnet's replies runs
 * dry.  On the lab client that is how swap-out froze at the kernel's
 * default (6.12) and at this model's own 3.8 MB (6.1 and 6.12, queue
 * depth 4; tests/lab/reports/reserve-2026-12-02.md, reserve-2026-12-07.md).
 * The kernel's rules (file:line for 6.1 (Debian 6.1.0-57) / 6.12):
 *   - mm/page_alloc.c, gfp_to_alloc_flags :4891 / :4078: GFP_ATOMIC
 *     (__GFP_HIGH, no __GFP_DIRECT_RECLAIM) gets ALLOC_MIN_RESERVE and
 *     ALLOC_NON_BLOCK (:4918 / :4105).  __zone_watermark_ok :4029 /
 *     :3207 lowers the mark: min -= min / 2 (:4045 / :3223), then
 *     min -= min / 4 (:4055 / :3233): an atomic allocation succeeds
 *     down to 3/8 of min, an ordinary one stops at min and reclaims.
 *     The band [3/8 min, min] -- 5/8 of min -- is the atomic
 *     allocations' alone.  Below it only ALLOC_NO_WATERMARKS
 *     (__gfp_pfmemalloc_flags :4958 / :4145: __GFP_MEMALLOC, PF_MEMALLOC).
 *   - zone_watermark_fast :4114 / :3292: an order-0 atomic allocation
 *     checks the unboosted min (:4148-4150 / :3327-3329), so
 *     watermark_boost (boost_watermark :2746 / :1903, at most
 *     max(pageblock, high x watermark_boost_factor 15000 / 10000),
 *     :2761-2775 / :1925-1939) does not widen the band; it only makes
 *     kswapd reclaim further (high + boost).  Not counted.
 *   - min is split over the zones by managed pages
 *     (__setup_per_zone_wmarks :8736 / :6133); ZONE_DMA's share is
 *     kept from GFP_ATOMIC by lowmem_reserve: x lowmem / (lowmem - dma)
 *     as above.  low and high add max(min / 4, managed x
 *     watermark_scale_factor / 10000) each (:8766-8771 / :6163-6168):
 *     kswapd is woken at low, long before the band is reached, but it
 *     reclaims anonymous memory through the very swap device, so it
 *     cannot be counted on to refill the band in time.
 *   - virtio_net (drivers/net/virtio_net.c): NAPI refills when more than
 *     min(budget, ring) / 2 slots are free (virtnet_receive :1607 /
 *     :2798) with try_fill_recv(GFP_ATOMIC), which refills until the
 *     ring is full (:1486-1503 / :2634-2656): the batch is up to the
 *     whole ring.  Mergeable buffers (QEMU's default) are
 *     get_mergeable_buf_len (:1419 / :2555): 12 + an average packet
 *     length clamped to PAGE_SIZE - 12 (:1430 / :2566), ALIGN 64: at
 *     most PAGE_SIZE each, carved from skb_page_frag_refill's 32 KiB
 *     page (order 3 with __GFP_NORETRY, else one page;
 *     net/core/sock.c:2896-2920 / :3059-3083), a buffer absorbing the
 *     page's tail (:1461-1466 / :2602-2610).  Each frame that goes up
 *     also takes its head, napi_alloc_skb(GOOD_COPY_LEN) (:522 / :825),
 *     1280 B of truesize (above).  When the atomic refill fails NAPI
 *     schedules refill_work (:1611 / :2802), which disables the queue's
 *     NAPI and refills with GFP_KERNEL (:1571 / :2725): it may enter
 *     direct reclaim and write to swap while its queue can receive
 *     nothing -- the freeze of 2026-12-02 (6.12), when it waited for a
 *     swapnet tag.
 *   So a NIC's refill takes, in the atomic band, up to rx_ring x
 *   rx_queues x refill_buf_bytes + one 32 KiB fragment per queue
 *   (virtio_net: refill_buf_bytes = PAGE_SIZE + 1280 = 5376 B; other
 *   drivers: the frame's truesize, rx_buf_bytes, as above), and the
 *   band must hold that for every NIC at once: min >= 8/5 x refill_kb,
 *   + ZONE_DMA's share.
 *
 * The lab floor.  The refill term explains the mechanism but not the
 * amount: on the lab client (one virtio_net NIC, ring 256, one queue,
 * 256 MiB) it asks for 2376 kB, and 3856 kB froze there while 14064 kB
 * held (6.1, depth 4).  What drains the band is unrelated atomic RX at
 * line rate for as long as reclaim needs to free pages over the same
 * network, and the kernel bounds neither.  So with a network swap device
 * the recommendation is never below RESERVE_LAB_FLOOR_KB, 1.5 x the
 * smallest reserve that held in the lab at the defaults (14064 kB): the
 * margin the issue asks for, against a threshold that is not measured
 * yet (reserve-2026-12-07.md says what is).  It is per machine: how it
 * scales with NIC speed and RX queues is not measured.
 *
 * The cost (mm/page_alloc.c, __setup_per_zone_wmarks, 6.1 and 6.12):
 * low = min + d and high = min + 2d with d = max(min / 4, managed x
 * watermark_scale_factor / 10000), so raising min raises the level kswapd
 * reclaims up to by about 1.5 x as much (computed on the sums over the
 * zones, hence "about").
 */
#include <string.h>

#include "reserve_model.h"

static uint64_t div_up(uint64_t a, uint64_t b)
{
	return (a + b - 1) / b;
}

uint64_t reserve_isqrt(uint64_t x)
{
	uint64_t r = 0, bit = (uint64_t)1 << 62;

	/* Digit-by-digit method: exact floor(sqrt(x)), like int_sqrt(). */
	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

uint64_t reserve_kernel_default_kb(uint64_t lowmem_kb)
{
	uint64_t kb = reserve_isqrt(lowmem_kb * 16);

	if (kb < RESERVE_KERNEL_MIN_KB)
		kb = RESERVE_KERNEL_MIN_KB;
	if (kb > RESERVE_KERNEL_MAX_KB)
		kb = RESERVE_KERNEL_MAX_KB;
	return kb;
}

static uint32_t pow2_up(uint32_t x)
{
	uint32_t p = 1;

	while (p < x)
		p <<= 1;
	return p;
}

static uint32_t align_up(uint32_t x, uint32_t a)
{
	return (x + a - 1) / a * a;
}

/* x86-64: SKB_DATA_ALIGN(sizeof(struct sk_buff)), (struct skb_shared_info) */
#define SKB_STRUCT 256
#define SKB_SHINFO 320
#define SKB_TRUESIZE(x) ((x) + SKB_STRUCT + SKB_SHINFO)

/*
 * The truesize of one MTU-sized received frame, and the part of it that
 * the reserve can refill (see "per NIC" above).
 */
static void rx_frame(struct reserve_nic *n)
{
	uint32_t frame = n->mtu + 18;	/* Ethernet + VLAN header */

	n->rx_page_frag = !strcmp(n->driver, "virtio_net");
	if (n->rx_page_frag) {
		/* mergeable buffers: virtio_net_hdr_mrg_rxbuf (12) + frame */
		uint32_t buf = 12 + (frame < 1518 ? 1518 :
				     frame > 4096 - 12 ? 4096 - 12 : frame);
		uint32_t head = SKB_TRUESIZE(1024 - SKB_SHINFO);

		buf = align_up(buf, 64);
		buf *= (frame + 12 + buf - 1) / buf;
		n->rx_buf_bytes = head + buf;
		n->rx_reserve_bytes = head;
		/* the refill: the average clamped to PAGE_SIZE, + a head */
		n->refill_buf_bytes = 4096 + head;
		return;
	}
	/* netdev_alloc_skb/napi_alloc_skb(frame): NET_SKB_PAD + frame */
	frame = align_up(64 + frame, 64) + SKB_SHINFO;
	if (frame > 4096)	/* kmalloc_reserve(): a kmalloc size */
		frame = pow2_up(frame);
	n->rx_buf_bytes = frame + SKB_STRUCT;
	n->rx_reserve_bytes = n->rx_buf_bytes;
	n->refill_buf_bytes = n->rx_buf_bytes;
}

/* MSS of a segment in a frame of this MTU: - IPv4, TCP, timestamps. */
static uint32_t rx_mss(uint32_t mtu)
{
	return mtu > 88 + 52 ? mtu - 52 : 88;	/* TCP_MIN_MSS */
}

/*
 * Kilobytes of truesize for the worst mix of inflight_kb between two
 * kinds of request, each costing num/den per byte up to cap_kb (0: no
 * cap): the dearer kind (a) first, up to its cap; the rest of the
 * inflight bytes as the other (b), up to its cap.
 */
static void worst_mix(uint64_t inflight_kb, uint64_t a_num, uint64_t a_den,
		      uint64_t a_cap, uint64_t b_num, uint64_t b_den,
		      uint64_t b_cap, uint64_t *a_kb, uint64_t *b_kb)
{
	uint64_t used, rest;

	*a_kb = div_up(inflight_kb * a_num, a_den);
	*b_kb = 0;
	if (!a_cap || *a_kb <= a_cap)
		return;
	*a_kb = a_cap;
	/* inflight that a_cap holds, rounded down: the rest rounds up */
	used = a_cap * a_den / a_num;
	rest = inflight_kb > used ? inflight_kb - used : 0;
	*b_kb = div_up(rest * b_num, b_den);
	if (b_cap && *b_kb > b_cap)
		*b_kb = b_cap;
}

const char *reserve_term_name(enum reserve_term t)
{
	switch (t) {
	case RESERVE_TERM_DEFAULT: return "default";
	case RESERVE_TERM_SWAP: return "swap";
	case RESERVE_TERM_REFILL: return "refill";
	case RESERVE_TERM_LAB: return "lab floor";
	}
	return "?";
}

/* kb x lowmem / (lowmem - dma): ZONE_DMA's share cannot be counted on */
static uint64_t dma_share(const struct reserve_machine *m, uint64_t kb)
{
	if (m->lowmem_pages > m->dma_pages)
		return div_up(kb * m->lowmem_pages,
			      m->lowmem_pages - m->dma_pages);
	return kb;
}

void reserve_compute(struct reserve_machine *m, struct reserve_result *r)
{
	uint64_t socket_kb = div_up((uint64_t)m->tcp_wmem_min +
				    m->tcp_rmem_min, 1024);
	uint64_t page_kb = m->page_size / 1024, largest = 0;
	uint64_t tx_cap = 0, rx_cap = 0, largest_refill = 0;
	size_t i;

	*r = (struct reserve_result){ 0 };
	for (i = 0; i < m->nnics; i++) {
		struct reserve_nic *n = &m->nics[i];
		uint64_t bufs = (uint64_t)n->rx_ring *
				(n->rx_queues ? n->rx_queues : 1);

		rx_frame(n);
		n->total_kb = div_up(bufs * n->rx_reserve_bytes, 1024);
		n->unreserved_kb = div_up(bufs * (n->rx_buf_bytes -
						  n->rx_reserve_bytes), 1024);
		n->refill_kb = div_up(bufs * n->refill_buf_bytes, 1024);
		if (n->rx_page_frag)
			n->refill_kb += (uint64_t)(n->rx_queues ? n->rx_queues : 1) *
					(RESERVE_FRAG_BYTES / 1024);
		r->nics_kb += n->total_kb;
		r->nics_unreserved_kb += n->unreserved_kb;
		r->refill_kb += n->refill_kb;
		if (n->total_kb > largest)
			largest = n->total_kb;
		if (n->refill_kb > largest_refill)
			largest_refill = n->refill_kb;
		/* the costliest RX truesize per byte of payload */
		if (!r->rx_mss_bytes ||
		    (uint64_t)n->rx_buf_bytes * r->rx_mss_bytes >
		    (uint64_t)r->rx_frame_bytes * rx_mss(n->mtu)) {
			r->rx_frame_bytes = n->rx_buf_bytes;
			r->rx_mss_bytes = rx_mss(n->mtu);
		}
	}
	if (!r->rx_mss_bytes) {
		struct reserve_nic n = { .mtu = 1500 };

		rx_frame(&n);
		r->rx_frame_bytes = n.rx_buf_bytes;
		r->rx_mss_bytes = rx_mss(n.mtu);
	}
	if (m->tcp_wmem_max && m->tcp_rmem_max) {
		tx_cap = div_up(m->tcp_wmem_max, 1024);
		rx_cap = div_up(2 * (uint64_t)m->tcp_rmem_max +
				m->tcp_wmem_max / 2 + 65536 +
				div_up(65536ull * r->rx_frame_bytes,
				       r->rx_mss_bytes), 1024);
	}
	for (i = 0; i < m->ndevs; i++) {
		struct reserve_dev *d = &m->devs[i];

		d->inflight_kb = (uint64_t)d->depth * d->max_req_kb;
		/* reads first when they cost more per byte (always, in practice) */
		if ((uint64_t)r->rx_frame_bytes * 100 >=
		    (uint64_t)r->rx_mss_bytes * 105)
			worst_mix(d->inflight_kb, r->rx_frame_bytes,
				  r->rx_mss_bytes, rx_cap, 105, 100, tx_cap,
				  &d->payload_rx_kb, &d->payload_tx_kb);
		else
			worst_mix(d->inflight_kb, 105, 100, tx_cap,
				  r->rx_frame_bytes, r->rx_mss_bytes, rx_cap,
				  &d->payload_tx_kb, &d->payload_rx_kb);
		d->payload_kb = d->payload_rx_kb + d->payload_tx_kb;
		d->header_kb = (uint64_t)d->depth * page_kb;
		d->socket_kb = socket_kb;
		d->total_kb = d->payload_kb + d->header_kb + d->socket_kb;
		r->devices_kb += d->total_kb;
	}
	r->nics_kb += m->nnics_over * largest;
	r->refill_kb += m->nnics_over * largest_refill;
	if (m->ndevs) {
		r->network_kb = r->devices_kb + r->nics_kb;
		/* the atomic band, 5/8 of min, holds every ring's refill */
		r->refill_needed_kb = dma_share(m, div_up(r->refill_kb * 8, 5));
		r->lab_floor_kb = RESERVE_LAB_FLOOR_KB;
	}
	r->atomic_safe_kb = div_up(r->network_kb * 8, 3);
	r->needed_kb = dma_share(m, r->atomic_safe_kb);
	r->lowmem_kb = m->lowmem_pages * page_kb;
	r->sqrt_kb = reserve_kernel_default_kb(r->lowmem_kb);
	if (m->thp) {
		uint64_t pages = (uint64_t)(2048 / page_kb) * m->lowmem_zones *
				 (2 + 3 * 3);

		if (pages > m->lowmem_pages / 20)
			pages = m->lowmem_pages / 20;
		r->thp_kb = pages * page_kb;
	}
	r->default_kb = r->thp_kb > r->sqrt_kb ? r->thp_kb : r->sqrt_kb;
	/* the largest term; on a tie the one listed first */
	r->recommended_kb = r->default_kb;
	r->term = RESERVE_TERM_DEFAULT;
	if (r->needed_kb > r->recommended_kb) {
		r->recommended_kb = r->needed_kb;
		r->term = RESERVE_TERM_SWAP;
	}
	if (r->refill_needed_kb > r->recommended_kb) {
		r->recommended_kb = r->refill_needed_kb;
		r->term = RESERVE_TERM_REFILL;
	}
	if (r->lab_floor_kb > r->recommended_kb) {
		r->recommended_kb = r->lab_floor_kb;
		r->term = RESERVE_TERM_LAB;
	}
	r->current_kb = m->current_kb;
	r->too_large = r->recommended_kb > r->lowmem_kb / 4;
	{
		uint64_t d = r->recommended_kb / 4, s = r->lowmem_kb *
			     m->watermark_scale_factor / 10000;

		r->kswapd_high_kb = r->recommended_kb + 2 * (d > s ? d : s);
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reserve computation (reserve.c) on fixture /proc and
 * /sys trees (reserve_probe.c), and of applying it (reserve_apply.c).
 *
 * Fixtures: tests/fixtures/reserve/{a,b,c,d} (made up), lab61 and
 * lab612 (the lab client's, below test_shape_d).  Every expected number is
 * worked out by hand below from the fixture's files; the rules are in
 * reserve.c's header comment:
 *   device:  inflight = depth x max_req_kb
 *            RX ratio T / M: the costliest NIC's frame truesize T (below)
 *                     per MSS M = MTU - 52 (no NIC: 2176 / 1448)
 *            rx_cap   = ceil((2 x tcp_rmem[2] + tcp_wmem[2] / 2 + 65536
 *                            + ceil(65536 x T / M)) / 1024)
 *            tx_cap   = ceil(tcp_wmem[2] / 1024) = 4096 in every fixture
 *                     (tcp_wmem 4096 16384 4194304, tcp_rmem 4096 131072
 *                     6291456: [2] > [1], so [2])
 *            rx       = ceil(inflight x T / M), at most rx_cap; if capped,
 *                     rest = inflight - floor(rx_cap x M / T) as writes:
 *            tx       = ceil(rest x 105 / 100), at most tx_cap
 *            payload  = rx + tx
 *            header   = depth x 4 (one 4 KiB page per request)
 *            socket   = ceil((tcp_wmem[0] + tcp_rmem[0]) / 1024)
 *                     = ceil((4096 + 4096) / 1024) = 8 in every fixture
 *   NIC:     frame truesize (x86-64: sk_buff 256, skb_shared_info 320):
 *            virtio_net: head 1024 - 320 + 256 + 320 = 1280 (the reserve
 *              can refill it) + buffer ALIGN(12 + max(MTU + 18, 1518), 64)
 *              (GFP_ATOMIC page fragment: not counted, shown apart);
 *              MTU 1500: 1280 + 1536 = 2816
 *            other drivers: ALIGN(MTU + 18 + 64, 64) + 320, a power of
 *              two if above 4096, + 256, all counted;
 *              MTU 1500: 1600 + 320 + 256 = 2176
 *            kB = ceil(ring x queues x counted bytes / 1024)
 *            refill (the atomic refill term): ring x queues x
 *              refill_buf_bytes (virtio_net PAGE_SIZE 4096 + head 1280 =
 *              5376; others rx_buf_bytes), ceil / 1024, + 32 kB per queue
 *              for virtio_net (the 32 KiB page fragment being carved)
 *   network  = devices + NICs (0 without a network swap device)
 *   atomic   = ceil(network x 8 / 3)
 *   needed   = ceil(atomic x lowmem / (lowmem - dma))
 *   default  = isqrt(16 x lowmem_kb) clamped to 128..262144
 *   refill_needed = ceil(ceil(refill x 8 / 5) x lowmem / (lowmem - dma))
 *            (0 without a network swap device)
 *   lab floor = 1.5 x 14064 = 21096 (0 without a network swap device)
 *   recommended = max(default, needed, refill_needed, lab floor), the
 *            term named is the first of these that is the largest
 *
 * Zones of the 2 GiB fixtures (a, c): DMA managed 3840, DMA32 503000,
 * Normal 0 -> lowmem 506840 pages = 2027360 kB, dma 3840.
 *   default = isqrt(16 x 2027360 = 32437760) = 5695
 *   (5695^2 = 32433025 <= 32437760 < 5696^2 = 32444416)
 * Zones of the 64 GiB fixtures (b, d): DMA 3840, DMA32 750000, Normal
 * 8000000 (node 0) + 7900000 (node 1) -> lowmem 16653840 pages =
 * 66615360 kB, dma 3840.
 *   default = isqrt(16 x 66615360 = 1065845760) = 32647
 *   (32647^2 = 1065826609 <= 1065845760 < 32648^2 = 1065891904)
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "tests/fixture_dir.h"

#include "../commands.h"
#include "../reserve_apply.h"
#include "../reserve_lab.h"
#include "allocfail.h"
#include "zoneinfo.h"

static char fixtures[4096];

static const char *fixture(const char *shape)
{
	static char path[4200];

	snprintf(path, sizeof(path), "%s/reserve/%s", fixtures, shape);
	return path;
}

/* Ring sizes "ethtool" reports in the tests; absent: not supported. */
struct ring_entry {
	const char *ifname;
	uint32_t rx;
	uint32_t queues;	/* 0: not reported */
};

static int table_ring(const char *ifname, uint32_t *rx, uint32_t *queues,
		      void *arg)
{
	const struct ring_entry *t = arg;

	for (; t && t->ifname; t++)
		if (!strcmp(t->ifname, ifname)) {
			*rx = t->rx;
			if (t->queues)
				*queues = t->queues;
			return 0;
		}
	return -EOPNOTSUPP;
}

static struct reserve_machine m;	/* large: not on the stack */

static void probe(const char *shape, const struct ring_entry *rings)
{
	char err[512] = "";
	int ret;

	ret = reserve_probe(fixture(shape), table_ring, (void *)rings, &m,
			    err, sizeof(err));
	if (ret)
		fail_msg("probe %s: %s", shape, err);
}

/*
 * A: 2 GiB, 1 NIC, 1 swapnet device.
 * swapnet0: nr_requests 32, one hw queue (mq/0), max_sectors_kb 256
 *   inflight 32 x 256 = 8192.  RX ratio of eth0 (virtio_net, MTU 1500):
 *   2816 / 1448.  rx_cap = ceil((12582912 + 2097152 + 65536 +
 *   ceil(65536 x 2816 / 1448 = 127451.2) = 127452) / 1024 = 14524.5)
 *   = 14525.  rx: ceil(8192 x 2816 / 1448 = 15931.4) = 15932 > 14525:
 *   rx 14525, holding floor(14525 x 1448 / 2816 = 7468.8) = 7468 of
 *   inflight; rest 724 as writes: ceil(760.2) = 761 (< 4096).
 *   payload 14525 + 761 = 15286; header 32 x 4 = 128; socket 8; total
 *   15286 + 128 + 8 = 15422
 * sda is not a network device; /proc/swaps lists only swapnet0.
 * eth0: virtio_net (device/driver link), MTU 1500: frame 2816, of which
 *   1280 counted: ring 256 -> 256 x 1280 / 1024 = 320 kB; the buffers,
 *   256 x 1536 / 1024 = 384 kB, not counted (GFP_ATOMIC refill)
 * lo: type 772, skipped.
 * network 15422 + 320 = 15742; atomic ceil(15742 x 8 / 3 = 41978.67) =
 * 41979; needed ceil(41979 x 506840 / 503000 = 42299.48) = 42300
 * recommended max(5695, 42300) = 42300; current 5695.
 */
static void test_shape_a(void **state)
{
	static const struct ring_entry rings[] = { { "eth0", 256, 0 }, { 0 } };
	struct reserve_result r;

	(void)state;
	probe("a", rings);
	assert_int_equal(m.page_size, 4096);
	assert_int_equal(m.lowmem_pages, 506840);
	assert_int_equal(m.dma_pages, 3840);
	assert_int_equal(m.ndevs, 1);
	assert_string_equal(m.devs[0].name, "swapnet0");
	assert_int_equal(m.devs[0].kind, RESERVE_DEV_SWAPNET);
	assert_int_equal(m.devs[0].depth, 32);
	assert_int_equal(m.devs[0].max_req_kb, 256);
	/* docker0 (no device link: virtual) and eth9 (down) do not count */
	assert_int_equal(m.nnics, 1);
	assert_string_equal(m.nics[0].name, "eth0");
	assert_false(m.nics[0].rx_ring_default);

	reserve_compute(&m, &r);
	assert_int_equal(m.devs[0].inflight_kb, 8192);
	assert_int_equal(r.rx_frame_bytes, 2816);
	assert_int_equal(r.rx_mss_bytes, 1448);
	assert_int_equal(m.devs[0].payload_rx_kb, 14525);
	assert_int_equal(m.devs[0].payload_tx_kb, 761);
	assert_int_equal(m.devs[0].payload_kb, 15286);
	assert_int_equal(m.devs[0].header_kb, 128);
	assert_int_equal(m.devs[0].socket_kb, 8);
	assert_int_equal(m.devs[0].total_kb, 15422);
	assert_string_equal(m.nics[0].driver, "virtio_net");
	assert_true(m.nics[0].rx_page_frag);
	assert_int_equal(m.nics[0].rx_buf_bytes, 2816);
	assert_int_equal(m.nics[0].rx_reserve_bytes, 1280);
	assert_int_equal(m.nics[0].total_kb, 320);
	assert_int_equal(m.nics[0].unreserved_kb, 384);
	assert_int_equal(r.nics_unreserved_kb, 384);
	assert_int_equal(r.network_kb, 15742);
	assert_int_equal(r.atomic_safe_kb, 41979);
	assert_int_equal(r.needed_kb, 42300);
	assert_int_equal(r.default_kb, 5695);
	assert_int_equal(r.thp_kb, 0);	/* THP [never] */
	/*
	 * refill: 256 x 5376 / 1024 = 1344 + 32 = 1376; ceil(1376 x 8 / 5
	 * = 2201.6) = 2202; ceil(2202 x 506840 / 503000 = 2218.8) = 2219
	 */
	assert_int_equal(m.nics[0].refill_buf_bytes, 5376);
	assert_int_equal(m.nics[0].refill_kb, 1376);
	assert_int_equal(r.refill_kb, 1376);
	assert_int_equal(r.refill_needed_kb, 2219);
	assert_int_equal(r.lab_floor_kb, 21096);
	assert_int_equal(r.recommended_kb, 42300);
	assert_int_equal(r.term, RESERVE_TERM_SWAP);
	/* cost: 42300 + 2 x max(42300 / 4 = 10575, 2027360 x 10 / 10000) */
	assert_int_equal(r.kswapd_high_kb, 63450);
	assert_int_equal(r.current_kb, 5695);
	assert_int_equal(r.lowmem_kb, 2027360);
	assert_false(r.too_large);
}

/*
 * B: 64 GiB, 3 NICs, 2 swapnet devices.
 * RX ratio: the costliest NIC is eth1 (MTU 9000, below): 16640 / 8948
 *   (1.86; eth0 and eth2 2176 / 1448 = 1.50); rx_cap = ceil((12582912 +
 *   2097152 + 65536 + ceil(65536 x 16640 / 8948 = 121872.2) = 121873) /
 *   1024 = 14519.1) = 14520
 * swapnet0: nr_requests 64 x 2 hw queues (mq/0, mq/1) = depth 128,
 *   max_sectors_kb 1024: inflight 131072; rx ceil(131072 x 16640 / 8948)
 *   = 243746 > 14520: rx 14520, holding floor(14520 x 8948 / 16640 =
 *   7807.99) = 7807; rest 123265 as writes: ceil(129428.25) > 4096: tx
 *   4096; payload 18616; header 128 x 4 = 512; socket 8; total 19136
 * swapnet1: 16 x 1, 256: inflight 4096; rx ceil(4096 x 16640 / 8948 =
 *   7617.1) = 7618 (< 14520), tx 0; header 64; socket 8; total 7690
 * devices 19136 + 7690 = 26826 (nvme0n1 is local: not counted)
 * No driver link in b: every NIC as netdev_alloc_skb, all counted.
 * eth0: 1500 -> 2176 x ring 1024 / 1024 = 2176 kB
 * eth1: 9000: ALIGN(9082, 64) = 9088 + 320 = 9408 -> 16384 (kmalloc)
 *   + 256 = 16640 x ring 4096 / 1024 = 66560 kB
 * eth2: 1500, ring not reported -> default 256 -> 544 kB
 * NICs 69280; network 96106; atomic ceil(96106 x 8 / 3 = 256282.67) =
 * 256283; needed ceil(256283 x 16653840 / 16650000 = 256342.1) = 256343
 * THP is [madvise]: khugepaged's minimum = 512 pages per pageblock x 4
 * populated zones <= Normal (DMA, DMA32, Normal of nodes 0 and 1) x 11 =
 * 22528 pages (< lowmem / 20 = 832692) = 90112 kB, more than sqrt 32647:
 * default 90112 (which is what the fixture's current value shows).
 * recommended 256343; current 90112.
 */
static void test_shape_b(void **state)
{
	static const struct ring_entry rings[] = {
		{ "eth0", 1024, 0 }, { "eth1", 4096, 0 }, { 0 } };
	struct reserve_result r;

	(void)state;
	probe("b", rings);
	assert_int_equal(m.lowmem_pages, 16653840);
	assert_int_equal(m.ndevs, 2);
	assert_string_equal(m.devs[0].name, "swapnet0");
	assert_int_equal(m.devs[0].depth, 128);
	assert_string_equal(m.devs[1].name, "swapnet1");
	assert_int_equal(m.devs[1].depth, 16);
	assert_int_equal(m.nnics, 3);
	assert_true(m.nics[2].rx_ring_default);
	assert_int_equal(m.nics[2].rx_ring, RESERVE_DEFAULT_RX_RING);

	reserve_compute(&m, &r);
	assert_int_equal(r.rx_frame_bytes, 16640);
	assert_int_equal(r.rx_mss_bytes, 8948);
	assert_int_equal(m.devs[0].payload_rx_kb, 14520);
	assert_int_equal(m.devs[0].payload_tx_kb, 4096);
	assert_int_equal(m.devs[0].payload_kb, 18616);
	assert_int_equal(m.devs[0].total_kb, 19136);
	assert_int_equal(m.devs[1].payload_rx_kb, 7618);
	assert_int_equal(m.devs[1].payload_tx_kb, 0);
	assert_int_equal(m.devs[1].total_kb, 7690);
	assert_int_equal(r.devices_kb, 26826);
	assert_false(m.nics[1].rx_page_frag);
	assert_int_equal(m.nics[1].rx_buf_bytes, 16640);
	assert_int_equal(m.nics[1].total_kb, 66560);
	assert_int_equal(m.nics[1].unreserved_kb, 0);
	assert_int_equal(r.nics_kb, 69280);
	assert_int_equal(r.network_kb, 96106);
	assert_int_equal(r.atomic_safe_kb, 256283);
	assert_int_equal(r.needed_kb, 256343);
	assert_int_equal(r.sqrt_kb, 32647);
	assert_int_equal(r.thp_kb, 90112);
	assert_int_equal(r.default_kb, 90112);
	/*
	 * refill: no driver link, so every NIC's frame truesize: 69280
	 * (= nics_kb); ceil(69280 x 8 / 5) = 110848 exactly; ceil(110848 x
	 * 16653840 / 16650000 = 110873.6) = 110874: below needed
	 */
	assert_int_equal(m.nics[1].refill_buf_bytes, 16640);
	assert_int_equal(r.refill_kb, 69280);
	assert_int_equal(r.refill_needed_kb, 110874);
	assert_int_equal(r.recommended_kb, 256343);
	assert_int_equal(r.term, RESERVE_TERM_SWAP);
	assert_int_equal(r.current_kb, 90112);
	assert_false(r.too_large);
}

/*
 * C: 2 GiB, 3 NICs, 2 devices of the peers: NBD and a native NFS file.
 * /proc/swaps: /dev/nbd0, "/mnt/nfs/swap\040file" (a space), /var/swapfile
 * (ext4: not network), /dev/sda2 (local).  nbd1 is connected but not swap.
 * RX ratio: eth0 and eth1 2176 / 1448 (1.503) beat wlan0 3008 / 2252
 *   (1.336, below); rx_cap 14497 (65536 x 2176 / 1448 = 98485.04 -> 98486), not
 *   reached here.
 * nbd0: nr_requests 16, mq/0, max_sectors_kb 128: inflight 2048; rx
 *   ceil(2048 x 2176 / 1448 = 3077.6) = 3078, tx 0; header 64; socket 8;
 *   total 3150
 * /mnt/nfs/swap file: longest mount prefix /mnt/nfs (nfs, wsize=65536 ->
 *   64 kB; /mnt is tmpfs, /mnt/nfs2 does not match); slots: sunrpc
 *   tcp_slot_table_entries 2, mountstats max_slots of /mnt/nfs 65 (the
 *   /mnt/nfs2 transport's 999 must not be taken) -> depth 65:
 *   inflight 4160; rx ceil(4160 x 2176 / 1448 = 6251.5) = 6252, tx 0;
 *   header 260; socket 8; total 6520
 * devices 3150 + 6520 = 9670
 * No driver link in c: every NIC as netdev_alloc_skb, all counted.
 * eth0 1500 ring 512 -> 512 x 2176 / 1024 = 1088 kB; eth1 1500 default
 * 256 -> 544 kB; wlan0 2304: ALIGN(2386, 64) = 2432 + 320 + 256 = 3008
 * x default 256 -> 752 kB; NICs 2384
 * network 12054; atomic ceil(12054 x 8 / 3 = 32144) = 32144 exactly
 * needed ceil(32144 x 506840 / 503000 = 32389.4) = 32390 = recommended
 */
static void test_shape_c(void **state)
{
	static const struct ring_entry rings[] = { { "eth0", 512, 0 }, { 0 } };
	struct reserve_result r;

	(void)state;
	probe("c", rings);
	assert_int_equal(m.ndevs, 2);
	assert_int_equal(m.devs[0].kind, RESERVE_DEV_NBD);
	assert_string_equal(m.devs[0].name, "nbd0");
	assert_int_equal(m.devs[0].depth, 16);
	assert_int_equal(m.devs[0].max_req_kb, 128);
	assert_int_equal(m.devs[1].kind, RESERVE_DEV_NFS);
	assert_string_equal(m.devs[1].name, "/mnt/nfs/swap file");
	assert_int_equal(m.devs[1].depth, 65);
	assert_int_equal(m.devs[1].max_req_kb, 64);
	assert_int_equal(m.nnics, 3);
	assert_string_equal(m.nics[2].name, "wlan0");

	reserve_compute(&m, &r);
	assert_int_equal(r.rx_frame_bytes, 2176);
	assert_int_equal(r.rx_mss_bytes, 1448);
	assert_int_equal(m.devs[0].total_kb, 3150);
	assert_int_equal(m.devs[1].payload_kb, 6252);
	assert_int_equal(m.devs[1].total_kb, 6520);
	assert_int_equal(m.nics[2].rx_buf_bytes, 3008);
	assert_int_equal(r.nics_kb, 2384);
	assert_int_equal(r.network_kb, 12054);
	assert_int_equal(r.atomic_safe_kb, 32144);
	/*
	 * refill 2384 (= nics_kb, netdev_alloc_skb NICs); ceil(2384 x 8 / 5
	 * = 3814.4) = 3815; ceil(3815 x 506840 / 503000 = 3844.1) = 3845
	 */
	assert_int_equal(r.refill_kb, 2384);
	assert_int_equal(r.refill_needed_kb, 3845);
	assert_int_equal(r.lab_floor_kb, 21096);
	assert_int_equal(r.recommended_kb, 32390);
	assert_int_equal(r.term, RESERVE_TERM_SWAP);
}

/*
 * D: 64 GiB, 1 NIC, no network swap (only an NVMe partition): the NICs
 * cost nothing, network 0, recommended = the kernel default 32647 (no
 * transparent_hugepage directory: no THP minimum).
 */
static void test_shape_d_no_network_swap(void **state)
{
	struct reserve_result r;

	(void)state;
	probe("d", NULL);
	assert_int_equal(m.ndevs, 0);
	assert_int_equal(m.nnics, 1);
	reserve_compute(&m, &r);
	assert_int_equal(r.nics_kb, 544);	/* 256 x 2176 B */
	assert_int_equal(r.network_kb, 0);
	assert_int_equal(r.needed_kb, 0);
	assert_int_equal(r.thp_kb, 0);
	/* the rings are computed, but without a device nothing is needed */
	assert_int_equal(r.refill_kb, 544);
	assert_int_equal(r.refill_needed_kb, 0);
	assert_int_equal(r.lab_floor_kb, 0);
	assert_int_equal(r.recommended_kb, 32647);
	assert_int_equal(r.term, RESERVE_TERM_DEFAULT);
	/* cost: the scale factor wins, 32647 + 2 x 66615360 x 10 / 10000 */
	assert_int_equal(r.kswapd_high_kb, 165877);
}

/*
 * A small node (the lab's 256 MiB client: ~52000 lowmem pages) with a
 * swapnet queue of 128 x 256 kB (tcp_[rw]mem[2] unknown: no cap):
 * inflight 32768, all reads at eth0's (no driver) 2176 B per 1448 B:
 * ceil(49242.52) = 49243; + 512 + 8 = 49763, eth0 256 x 2176 B = 544 kB:
 * 50307 kB of network need, x 8/3 = 134152 exactly, x 52000 / 48160 =
 * 144848.5 -> 144849 kB, more than a quarter of lowmem (208000 / 4 =
 * 52000): flagged too large.
 */
static void test_too_large(void **state)
{
	struct reserve_result r;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.page_size = 4096;
	m.lowmem_pages = 52000;
	m.dma_pages = 3840;
	m.tcp_wmem_min = m.tcp_rmem_min = 4096;
	m.ndevs = 1;
	m.devs[0] = (struct reserve_dev){ .depth = 128, .max_req_kb = 256 };
	m.nnics = 1;
	m.nics[0] = (struct reserve_nic){ .mtu = 1500, .rx_ring = 256 };
	reserve_compute(&m, &r);
	assert_int_equal(m.devs[0].payload_rx_kb, 49243);
	assert_int_equal(m.devs[0].payload_tx_kb, 0);
	assert_int_equal(m.devs[0].total_kb, 49763);
	assert_int_equal(r.recommended_kb, 144849);
	assert_true(r.too_large);
}

/*
 * Both socket limits reached, no NIC counted (the RX ratio of a
 * netdev_alloc_skb NIC at MTU 1500, 2176 / 1448, is used):
 * tcp_wmem[2] 262144, tcp_rmem[2] 524288; 16 x 256 = 4096 in flight.
 *   rx_cap = ceil((2 x 524288 + 262144 / 2 + 65536 + 98486) / 1024 =
 *   1312.2) = 1313; reads ceil(4096 x 2176 / 1448 = 6155.3) = 6156 >
 *   1313: rx 1313, holding floor(1313 x 1448 / 2176 = 873.7) = 873;
 *   rest 3223 as writes, ceil(3384.15) = 3385 > tx_cap 256: tx 256.
 *   payload 1569; header 64; socket 8; total 1641 = network.
 */
static void test_rx_tx_limits(void **state)
{
	struct reserve_result r;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.page_size = 4096;
	m.lowmem_pages = 52000;
	m.tcp_wmem_min = m.tcp_rmem_min = 4096;
	m.tcp_wmem_max = 262144;
	m.tcp_rmem_max = 524288;
	m.ndevs = 1;
	m.devs[0] = (struct reserve_dev){ .depth = 16, .max_req_kb = 256 };
	reserve_compute(&m, &r);
	assert_int_equal(r.rx_frame_bytes, 2176);
	assert_int_equal(r.rx_mss_bytes, 1448);
	assert_int_equal(m.devs[0].payload_rx_kb, 1313);
	assert_int_equal(m.devs[0].payload_tx_kb, 256);
	assert_int_equal(m.devs[0].payload_kb, 1569);
	assert_int_equal(m.devs[0].total_kb, 1641);
	assert_int_equal(r.network_kb, 1641);
}

/* The kernel default and its clamp (mm/page_alloc.c, 6.1). */
static void test_kernel_default(void **state)
{
	(void)state;
	assert_int_equal(reserve_isqrt(0), 0);
	assert_int_equal(reserve_isqrt(15), 3);
	assert_int_equal(reserve_isqrt(16), 4);
	assert_int_equal(reserve_isqrt(32437760), 5695);
	assert_int_equal(reserve_isqrt(UINT64_MAX), 4294967295u);
	/* 512 kB of lowmem: sqrt(8192) = 90 -> clamped up to 128 */
	assert_int_equal(reserve_kernel_default_kb(512), 128);
	/* 1 TiB = 1073741824 kB: sqrt(17179869184) = 131072, in range */
	assert_int_equal(reserve_kernel_default_kb(1073741824ull), 131072);
	/* 8 TiB: sqrt(16 x 2^33) = 2^18.5 > 262144 -> clamped */
	assert_int_equal(reserve_kernel_default_kb(8589934592ull), 262144);
}

static void test_bad_tree(void **state)
{
	char err[512] = "";
	int ret;

	(void)state;
	ret = reserve_probe("/nonexistent-swapnet-root", NULL, NULL, &m, err,
			    sizeof(err));
	assert_true(ret < 0);
	assert_non_null(strstr(err, "/nonexistent-swapnet-root/proc/zoneinfo"));
}

static char *read_text(const char *path)
{
	static char buf[512];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* A scratch copy of fixture A to write into. */
static char *scratch_copy(const char *shape)
{
	static char dir[] = "/tmp/swapnet-test-XXXXXX";
	char cmd[12600];

	strcpy(dir, "/tmp/swapnet-test-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r '%s/.' '%s' && mkdir -p '%s/etc'",
		 fixture(shape), dir, dir);
	assert_int_equal(system(cmd), 0);
	return dir;
}

static void remove_tree(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_apply_and_persist(void **state)
{
	char *root = scratch_copy("a"), path[4200], err[512] = "";

	(void)state;
	assert_int_equal(reserve_apply(root, 24856, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/proc/sys/vm/min_free_kbytes", root);
	assert_string_equal(read_text(path), "24856\n");
	assert_int_equal(reserve_persist(root, 24856, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s" RESERVE_SYSCTL_FILE, root);
	assert_non_null(strstr(read_text(path), "\nvm.min_free_kbytes = 24856\n"));
	remove_tree(root);
}

/*
 * Dynamic reserve: with "dynamic = yes" the hook applies fixture A's
 * recommendation (42300; eth0's ring is the default 256 there, as in
 * test_shape_a); with "dynamic = no" it leaves the value alone.
 */
static void test_on_device_change(void **state)
{
	char *root = scratch_copy("a"), path[4200], conf[4200];
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/proc/sys/vm/min_free_kbytes", root);
	snprintf(conf, sizeof(conf), "%s/etc/swapnet.conf", root);
	setenv("SWAPNET_ROOT", root, 1);

	/* no config at all: not enabled */
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(read_text(path), "5695\n");

	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("reserve = auto\ndynamic = no\n", f);
	fclose(f);
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(read_text(path), "5695\n");

	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("reserve = auto\ndynamic = yes\n", f);
	fclose(f);
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(read_text(path), "42300\n");

	/* a broken config is reported, nothing written */
	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("dynamic = maybe\n", f);
	fclose(f);
	assert_int_equal(reserve_apply(root, 5695, NULL, 0), 0);
	assert_int_equal(reserve_on_device_change(), -EINVAL);
	assert_string_equal(read_text(path), "5695\n");

	unsetenv("SWAPNET_ROOT");
	remove_tree(root);
}

/* Never harm (issue 10): swapnetctl never lowers what it did not raise. */
static void write_text(const char *root, const char *rel, const char *text)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static const char *min_free(const char *root)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/proc/sys/vm/min_free_kbytes", root);
	return read_text(path);
}

static bool state_exists(const char *root)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s" RESERVE_STATE_FILE, root);
	return access(path, F_OK) == 0;
}

static int run_cmd(int (*cmd)(int, char **), const char *a0, const char *a1,
		   const char *a2, const char *a3, const char *a4)
{
	char *argv[] = { (char *)a0, (char *)a1, (char *)a2, (char *)a3,
			 (char *)a4, NULL };
	int argc = 0;

	while (argv[argc])
		argc++;
	return cmd(argc, argv);
}

/* reserve --apply keeps a larger value; --force lowers it. */
static void test_apply_never_lowers(void **state)
{
	char *root = scratch_copy("a");

	(void)state;
	write_text(root, "/proc/sys/vm/min_free_kbytes", "100000\n");
	assert_int_equal(run_cmd(cmd_reserve, "reserve", "--apply", "--root",
				 root, NULL), EXIT_OK);
	assert_string_equal(min_free(root), "100000\n");
	assert_false(state_exists(root));
	assert_int_equal(run_cmd(cmd_reserve, "reserve", "--apply", "--force",
				 "--root", root), EXIT_OK);
	assert_string_equal(min_free(root), "42300\n");
	remove_tree(root);
}

/*
 * Raised on attach (5695 -> 42300, the value from before remembered),
 * restored exactly when the last device goes.
 */
static void test_dynamic_raise_and_restore(void **state)
{
	char *root = scratch_copy("a"), cmd[4300];
	struct reserve_state st;

	(void)state;
	setenv("SWAPNET_ROOT", root, 1);
	write_text(root, "/etc/swapnet.conf", "reserve = auto\ndynamic = yes\n");
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "42300\n");
	assert_int_equal(reserve_state_read(root, &st), 0);
	assert_int_equal(st.before_kb, 5695);
	assert_int_equal(st.set_kb, 42300);
	/* again: nothing to do, nothing changes */
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "42300\n");
	assert_int_equal(reserve_state_read(root, &st), 0);
	assert_int_equal(st.before_kb, 5695);

	snprintf(cmd, sizeof(cmd), "rm -rf '%s/sys/block/swapnet0'", root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "5695\n");
	assert_false(state_exists(root));
	/* and nothing more once restored */
	write_text(root, "/proc/sys/vm/min_free_kbytes", "7000\n");
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "7000\n");
	unsetenv("SWAPNET_ROOT");
	remove_tree(root);
}

/*
 * A device attached for other use (sysfs for_swap 0: dd, a file system)
 * needs no reserve: attaching it leaves vm.min_free_kbytes alone, and
 * once the last device attached for swap goes the value from before
 * comes back though it stays.  Swapped on by hand all the same (in
 * /proc/swaps) it counts again; a module without for_swap counts all.
 */
static void test_dynamic_not_for_swap(void **state)
{
	char *root = scratch_copy("a"), cmd[4300], err[512];
	struct reserve_state st;

	(void)state;
	setenv("SWAPNET_ROOT", root, 1);
	write_text(root, "/etc/swapnet.conf", "reserve = auto\ndynamic = yes\n");
	write_text(root, "/proc/swaps",
		   "Filename\tType\tSize\tUsed\tPriority\n");
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s/sys/block/swapnet0/swapnet' && echo 0 > '%s/sys/block/swapnet0/swapnet/for_swap'",
		 root, root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)),
			 0);
	assert_int_equal(m.ndevs, 0);
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "5695\n");
	assert_false(state_exists(root));

	/* swapon by hand: the reserve after all */
	write_text(root, "/proc/swaps",
		   "Filename\tType\tSize\tUsed\tPriority\n"
		   "/dev/swapnet0\tpartition\t2097148\t0\t10\n");
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)),
			 0);
	assert_int_equal(m.ndevs, 1);
	write_text(root, "/proc/swaps",
		   "Filename\tType\tSize\tUsed\tPriority\n");

	/* swapnet1 attached for swap raises; its detach restores */
	snprintf(cmd, sizeof(cmd),
		 "cp -r '%s/sys/block/swapnet0' '%s/sys/block/swapnet1' && echo 1 > '%s/sys/block/swapnet1/swapnet/for_swap'",
		 root, root, root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)),
			 0);
	assert_int_equal(m.ndevs, 1);
	assert_string_equal(m.devs[0].name, "swapnet1");
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "42300\n");
	assert_int_equal(reserve_state_read(root, &st), 0);
	assert_int_equal(st.before_kb, 5695);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s/sys/block/swapnet1'", root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "5695\n");
	assert_false(state_exists(root));

	/* an admin's own value is never lowered by a non-swap attach */
	write_text(root, "/proc/sys/vm/min_free_kbytes", "90000\n");
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "90000\n");

	/* no for_swap (an older module): counted */
	snprintf(cmd, sizeof(cmd), "rm '%s/sys/block/swapnet0/swapnet/for_swap'",
		 root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)),
			 0);
	assert_int_equal(m.ndevs, 1);
	unsetenv("SWAPNET_ROOT");
	remove_tree(root);
}

/*
 * The ring is per RX queue: fixture A's eth0 with 4 combined channels of
 * 256 descriptors: 4 x 256 x 1280 B = 1280 kB counted (not 320), and
 * 4 x 256 x 1536 B = 1536 kB not counted.
 */
static void test_rx_queues(void **state)
{
	static const struct ring_entry rings[] = { { "eth0", 256, 4 }, { 0 } };
	struct reserve_result r;

	(void)state;
	probe("a", rings);
	assert_int_equal(m.nnics, 1);
	assert_int_equal(m.nics[0].rx_queues, 4);
	reserve_compute(&m, &r);
	assert_int_equal(m.nics[0].total_kb, 1280);
	assert_int_equal(r.nics_kb, 1280);
	assert_int_equal(m.nics[0].unreserved_kb, 1536);
	/* refill: 4 x 256 x 5376 / 1024 = 5376, + 4 fragments of 32 kB */
	assert_int_equal(m.nics[0].refill_kb, 5504);
	/* not reported: one queue */
	probe("a", NULL);
	assert_int_equal(m.nics[0].rx_queues, 1);
}


/*
 * The lab client (fixtures lab61 and lab612, read from the lab's guests
 * on 2026-12-07 with swapnet0 attached at the defaults): 256 MiB, 2
 * vCPUs, one virtio_net NIC (MTU 1500, ring 256, one RX queue, as QEMU's
 * virtio-net-pci has them), swapnet0 with queue depth 4 and 128 KiB
 * requests, THP [never], min_free_kbytes the kernel's own at boot.
 * There the model's device and NIC terms gave 3856 kB (6.1) and 3846 kB
 * (6.12), and swap-out froze under pressure + a UDP flood at both; 14064
 * kB held (6.1).  The recommendation must clear that with margin.
 *
 * lab61 (6.1.0-57): DMA managed 3840, DMA32 48787: lowmem 52627 pages =
 *   210508 kB, dma 3840.  default isqrt(16 x 210508 = 3368128) = 1835
 *   (1835^2 = 3367225, 1836^2 = 3370896).
 *   tcp_wmem 4096 16384 1469376, tcp_rmem 4096 131072 1469376:
 *   tx_cap ceil(1469376 / 1024 = 1434.9) = 1435; rx_cap ceil((2938752 +
 *   734688 + 65536 + 127452) / 1024 = 3775.8) = 3776.
 *   swapnet0: inflight 4 x 128 = 512; rx ceil(512 x 2816 / 1448 =
 *   995.7) = 996 (< 3776); header 16; socket 8; total 1020.
 *   eth0: 256 x 1280 / 1024 = 320 counted, 384 not.
 *   network 1340; atomic ceil(3573.3) = 3574; needed ceil(3574 x 52627 /
 *   48787 = 3855.3) = 3856 (what swapnetctl set in the lab: froze).
 *   refill 256 x 5376 / 1024 = 1344 + 32 = 1376; ceil(2201.6) = 2202;
 *   ceil(2202 x 52627 / 48787 = 2375.3) = 2376.
 *   lab floor 21096 = recommended (term: lab floor), 1.5 x 14064 and 5.5
 *   x the 3856 that froze.  kswapd_high 21096 + 2 x max(5274, 210) =
 *   31644.
 * lab612 (6.12.118): DMA 3840, DMA32 50540: lowmem 54380 pages = 217520
 *   kB.  default isqrt(3480320) = 1865 (1865^2 = 3478225, 1866^2 =
 *   3481956).  tcp_[wr]mem[2] 1534816: tx_cap 1499, rx below it.
 *   swapnet0 1020, network 1340, atomic 3574; needed ceil(3574 x 54380 /
 *   50540 = 3845.6) = 3846 (froze in the lab).  refill 1376 -> 2202 ->
 *   ceil(2202 x 54380 / 50540 = 2369.3) = 2370.  recommended 21096 (lab
 *   floor); kswapd_high 21096 + 2 x max(5274, 217) = 31644.
 */
static void check_lab_client(const char *shape, uint64_t lowmem_pages,
			     uint64_t default_kb, uint64_t needed_kb,
			     uint64_t refill_needed_kb, uint64_t boot_kb)
{
	static const struct ring_entry rings[] = { { "eth0", 256, 1 }, { 0 } };
	struct reserve_result r;

	probe(shape, rings);
	assert_int_equal(m.lowmem_pages, lowmem_pages);
	assert_int_equal(m.dma_pages, 3840);
	assert_int_equal(m.current_kb, boot_kb);
	assert_false(m.thp);
	assert_int_equal(m.ndevs, 1);
	assert_int_equal(m.devs[0].depth, 4);
	assert_int_equal(m.devs[0].max_req_kb, 128);
	assert_int_equal(m.nnics, 1);
	assert_string_equal(m.nics[0].driver, "virtio_net");
	assert_int_equal(m.nics[0].rx_ring, 256);
	assert_int_equal(m.nics[0].rx_queues, 1);

	reserve_compute(&m, &r);
	assert_int_equal(r.default_kb, default_kb);
	assert_int_equal(m.devs[0].total_kb, 1020);
	assert_int_equal(r.nics_kb, 320);
	assert_int_equal(r.network_kb, 1340);
	assert_int_equal(r.atomic_safe_kb, 3574);
	assert_int_equal(r.needed_kb, needed_kb);
	assert_int_equal(m.nics[0].refill_buf_bytes, 5376);
	assert_int_equal(r.refill_kb, 1376);
	assert_int_equal(r.refill_needed_kb, refill_needed_kb);
	assert_int_equal(r.lab_floor_kb, 21096);
	assert_int_equal(r.recommended_kb, 21096);
	assert_int_equal(r.term, RESERVE_TERM_LAB);
	/* the bar: 14064 kB held, with margin 1.5; 3.8 MB froze */
	assert_true(r.recommended_kb * 2 >= 14064 * 3);
	assert_int_equal(r.kswapd_high_kb, 31644);
	assert_false(r.too_large);
}

static void test_lab_client_61(void **state)
{
	(void)state;
	check_lab_client("lab61", 52627, 1835, 3856, 2376, 1726);
}

static void test_lab_client_612(void **state)
{
	(void)state;
	check_lab_client("lab612", 54380, 1865, 3846, 2370, 1764);
}

/*
 * The refill term wins: 16 GiB (4194304 pages, no ZONE_DMA), one small
 * device (depth 1 x 4 kB), a virtio_net NIC of 8 RX queues x 4096
 * descriptors at MTU 1500.
 *   refill 8 x 4096 x 5376 / 1024 = 172032 + 8 x 32 = 172288;
 *   ceil(172288 x 8 / 5 = 275660.8) = 275661 (no DMA: as it is)
 *   NIC counted 8 x 4096 x 1280 / 1024 = 40960; device: inflight 4,
 *   rx ceil(4 x 2816 / 1448 = 7.8) = 8 (no TCP limits known), header
 *   4, socket ceil((4096 + 4096) / 1024) = 8: 20; network 40980;
 *   needed ceil(40980 x 8 / 3) = 109280
 *   default isqrt(16 x 16777216) = 16384; lab floor 21096
 *   recommended 275661 (refill)
 */
static void test_refill_dominates(void **state)
{
	struct reserve_result r;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.page_size = 4096;
	m.lowmem_pages = 4194304;
	m.lowmem_zones = 1;
	m.watermark_scale_factor = 10;
	m.tcp_wmem_min = m.tcp_rmem_min = 4096;
	m.ndevs = 1;
	m.devs[0] = (struct reserve_dev){ .kind = RESERVE_DEV_SWAPNET,
					  .depth = 1, .max_req_kb = 4 };
	m.nnics = 1;
	m.nics[0] = (struct reserve_nic){ .mtu = 1500, .rx_ring = 4096,
					  .rx_queues = 8 };
	strcpy(m.nics[0].driver, "virtio_net");
	reserve_compute(&m, &r);
	assert_int_equal(m.nics[0].refill_kb, 172288);
	assert_int_equal(r.refill_needed_kb, 275661);
	assert_int_equal(r.network_kb, 40980);
	assert_int_equal(r.needed_kb, 109280);
	assert_int_equal(r.recommended_kb, 275661);
	assert_int_equal(r.term, RESERVE_TERM_REFILL);
	assert_string_equal(reserve_term_name(r.term), "refill");
}


/* What the text of reserve_lab_text() says for series. */
static char *lab_text(const char *series)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	reserve_lab_text(f, series);
	fclose(f);
	return buf;
}

/* The same for a table of the test's own. */
static char *lab_text_rows(const char *series,
			   const struct reserve_lab_row *rows, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	reserve_lab_text_rows(f, series, rows, n);
	fclose(f);
	return buf;
}

/* A series whose runs only bound the threshold: one froze, one held. */
static const struct reserve_lab_row bounds_only[] = {
	{ "6.1", "udp", "test setup", 21096, 3856, 0, "1 run each", "r.md" },
};

/*
 * swapnetctl reserve's "lab:" lines: the series from the tree's
 * osrelease (lab61: 6.1.0-57-amd64, lab612: 6.12.118+deb12-amd64, a: none),
 * the rows of that series with what held and what froze, and the plain
 * sentence for a kernel without runs.
 */
static void test_lab_table(void **state)
{
	char series[32], *t;
	json_object *o, *v;

	(void)state;
	reserve_lab_series(fixture("lab61"), series, sizeof(series));
	assert_string_equal(series, "6.1");
	reserve_lab_series(fixture("lab612"), series, sizeof(series));
	assert_string_equal(series, "6.12");
	reserve_lab_series(fixture("a"), series, sizeof(series));
	assert_string_equal(series, "");

	t = lab_text("6.1");
	assert_non_null(strstr(t, "lab: threshold runs on Linux 6.1 "));
	assert_non_null(strstr(t, "pressure 2.5 x: held at 14064 kB"));
	/* a held and a frozen reserve bound the threshold */
	assert_non_null(strstr(t, "held at 14064 kB, froze at 3856 kB; threshold above 3856 kB, at most 14064 kB"));
	assert_non_null(strstr(t, "tests/lab/reports/reserve-2026-12-07.md"));
	/* the threshold runs at today's defaults, with their counts */
	assert_non_null(strstr(t, "udp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of 8618dfa: held at 21096 kB, no run froze; threshold at most 21096 kB (21096 kB held 1 of 1; tests/lab/reports/reserve-2026-12-07b.md)"));
	assert_non_null(strstr(t, "tcp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of 8618dfa: held at 1719 kB, no run froze; threshold at most 1719 kB (21096 kB held 3 of 3, the default 1719 kB 1 of 1;"));
	/* 6.1 has runs: the last line never says that none was measured */
	assert_null(strstr(t, "no threshold measured for this kernel"));
	assert_null(strstr(t, "no reserve was run 3 times"));
	/* the final module's runs (reserve-2026-12-07d.md), first */
	assert_non_null(strstr(t, "lab: threshold runs on Linux 6.1 (256 MiB client, one virtio_net NIC, 4 processes x the pressure x MemTotal + flood):\n  tcp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of bf8427d: held at 1718 kB, no run froze; threshold 14064 kB (the smallest reserve run 3 times or more, never froze) (21096 kB held 3 of 3, 14064 kB 3 of 3, the default 1718 kB 1 of 1; tests/lab/reports/reserve-2026-12-07d.md)\n  udp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of bf8427d: held at 14064 kB, no run froze; threshold 14064 kB (the smallest reserve run 3 times or more, never froze) (21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run; tests/lab/reports/reserve-2026-12-07d.md)\n"));
	/* the module before (reserve-2026-12-07c.md) */
	assert_non_null(strstr(t, "\n  udp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of 43af085: held at 14064 kB, no run froze; threshold 14064 kB (the smallest reserve run 3 times or more, never froze) (21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run; tests/lab/reports/reserve-2026-12-07c.md)\n"));
	assert_null(strstr(t, "6.12"));
	free(t);
	t = lab_text("6.12");
	assert_non_null(strstr(t, "froze at 3846 kB"));
	/* nothing held: no bound */
	assert_non_null(strstr(t, "no run held, froze at 3846 kB; no threshold measured"));
	assert_non_null(strstr(t, "tcp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of 8618dfa: held at 21096 kB, froze at 1757 kB; threshold above 1757 kB, at most 21096 kB"));
	/* the final module's runs (reserve-2026-12-07d.md), first */
	assert_non_null(strstr(t, "lab: threshold runs on Linux 6.12 (256 MiB client, one virtio_net NIC, 4 processes x the pressure x MemTotal + flood):\n  tcp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of bf8427d: held at 1756 kB, no run froze; threshold 14064 kB (the smallest reserve run 3 times or more, never froze) (21096 kB held 3 of 3, 14064 kB 3 of 3, the default 1756 kB 1 of 1; tests/lab/reports/reserve-2026-12-07d.md)\n  udp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of bf8427d: held at 14064 kB, no run froze; threshold 14064 kB (the smallest reserve run 3 times or more, never froze) (21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run; tests/lab/reports/reserve-2026-12-07d.md)\n"));
	/* the module before (reserve-2026-12-07c.md) */
	assert_non_null(strstr(t, "\n  tcp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of 43af085: held at 14064 kB, no run froze; threshold 14064 kB (the smallest reserve run 3 times or more, never froze) (21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run; tests/lab/reports/reserve-2026-12-07c.md)\n"));
	assert_non_null(strstr(t, "\n  udp flood, 4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 2.5 x, module of 43af085: held at 21096 kB, no run froze; threshold 21096 kB (the smallest reserve run 3 times or more, never froze) (21096 kB held 3 of 3; nothing lower run with this module;"));
	assert_null(strstr(t, "no threshold measured for this kernel"));
	assert_null(strstr(t, "no reserve was run 3 times"));
	free(t);
	/* rows that only bound the threshold: the last line says so */
	t = lab_text_rows("6.1", bounds_only, 1);
	assert_string_equal(t, "lab: threshold runs on Linux 6.1 (256 MiB client, one virtio_net NIC, 4 processes x the pressure x MemTotal + flood):\n"
			    "  udp flood, test setup: held at 21096 kB, froze at 3856 kB; threshold above 3856 kB, at most 21096 kB (1 run each; r.md)\n"
			    "lab: Linux 6.1: no reserve was run 3 times without a freeze; the lines above bound the threshold\n");
	free(t);
	t = lab_text_rows("6.12", bounds_only, 1);
	assert_string_equal(t, "lab: no threshold measured for this kernel (6.12)\n");
	free(t);
	t = lab_text("6.6");
	assert_string_equal(t, "lab: no threshold measured for this kernel (6.6)\n");
	free(t);
	t = lab_text("");
	assert_string_equal(t, "lab: no threshold measured for this kernel (unknown)\n");
	free(t);

	o = reserve_lab_json("6.12");
	assert_true(json_object_object_get_ex(o, "runs", &v));
	assert_true(json_object_array_length(v) >= 1);
	assert_true(json_object_object_get_ex(o, "series", &v));
	assert_string_equal(json_object_get_string(v), "6.12");
	json_object_put(o);
	o = reserve_lab_json("6.6");
	assert_true(json_object_object_get_ex(o, "runs", &v));
	assert_int_equal(json_object_array_length(v), 0);
	assert_true(json_object_object_get_ex(o, "threshold_measured", &v));
	assert_false(json_object_get_boolean(v));
	json_object_put(o);
}


static int boost_of(const struct zoneinfo_zone *z, void *arg)
{
	*(struct zoneinfo_zone *)arg = *z;
	return 0;
}

/*
 * What swapnettop shows (tools/common): GFP_ATOMIC's floor per zone and
 * the kernel log's allocation failures.
 * The 6.12 freeze of 2026-12-02 (reserve-2026-12-02.md): DMA32 min 3680
 * kB as printed, boost 2048: unboosted 1632, - 816 = 816, - 204 = 612
 * kB, the figure the report gives; without boost 3680 -> 1840 -> 1380.
 */
static void test_atomic_floor_and_allocfail(void **state)
{
	static const char dmesg[] =
		"[  271.6] swapnet0: something else\n"
		"[  272.2] swapper/0: page allocation failure: order:0, mode:0x820(GFP_ATOMIC), nodemask=(null)\n"
		"[  272.2] Call Trace:\n"
		"[  272.2]  skb_page_frag_refill+0x8a/0xb0\n"
		"[  272.2]  try_fill_recv+0x1a5/0x710 [virtio_net]\n"
		"[  272.2]  refill_work+0x30/0x60 [virtio_net]\n"
		"[  272.2] Mem-Info:\n"
		"[  280.0] kworker/0:2: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL), nodemask=(null)\n"
		"[  280.0]  refill_work+0x30/0x60 [virtio_net]\n"
		"[  280.0] Mem-Info:\n"
		"[  290.0] memload: page allocation failure: order:0, mode:0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)\n"
		"[  290.0]  handle_mm_fault+0x1/0x2\n"
		"[  290.0] Mem-Info:\n"
		"[  291.0] try_fill_recv outside a report\n";
	static const char kmsg[] =
		"4,1,2,-;swapper/1: page allocation failure: order:0, mode:0xa20(GFP_NOWAIT), nodemask=(null)\n"
		" SUBSYSTEM=net\n"
		"4,2,3,c; page_pool_alloc_pages+0x1/0x2\n"
		"4,3,4,-;Mem-Info:\n";
	struct allocfail a;
	struct zoneinfo_zone z = { 0 };
	char text[] = "Node 0, zone    DMA32\n  pages free     113\n"
		      "        boost    512\n        min      920\n"
		      "        low      1150\n        high     1380\n"
		      "        managed  48787\n";

	(void)state;
	assert_int_equal(zoneinfo_atomic_floor(3680, 2048), 612);
	assert_int_equal(zoneinfo_atomic_floor(3680, 0), 1380);
	assert_int_equal(zoneinfo_atomic_floor(100, 200), 0);	/* torn read */
	assert_int_equal(zoneinfo_atomic_floor(0, 0), 0);

	allocfail_count_text(dmesg, &a);
	assert_int_equal(a.total, 3);
	assert_int_equal(a.atomic, 1);
	/* the GFP_ATOMIC one and refill_work's GFP_KERNEL retry */
	assert_int_equal(a.nic_refill, 2);
	allocfail_count_text(kmsg, &a);
	assert_int_equal(a.total, 1);
	assert_int_equal(a.atomic, 1);
	assert_int_equal(a.nic_refill, 1);
	allocfail_count_text("", &a);
	assert_int_equal(a.total, 0);

	/* the boost line is read (6.1 and 6.12 print it) */
	assert_int_equal(zoneinfo_each(text, boost_of, &z), 0);
	assert_int_equal(z.boost, 512);
	assert_int_equal(z.min, 920);
	/* 920 - 512 = 408 -> 204 -> 153 */
	assert_int_equal(zoneinfo_atomic_floor(z.min, z.boost), 153);
}

/* More than RESERVE_MAX_NICS interfaces: counted, not an error. */
static void test_many_nics(void **state)
{
	char *root = scratch_copy("d"), cmd[4400], err[512] = "";
	struct reserve_result r;
	int i;

	(void)state;
	for (i = 10; i < 80; i++) {
		snprintf(cmd, sizeof(cmd),
			 "d='%s/sys/class/net/eth%d' && mkdir -p \"$d\" && echo 1500 > \"$d/mtu\" && echo 1 > \"$d/type\" && ln -s ../../../devices/x \"$d/device\"",
			 root, i);
		assert_int_equal(system(cmd), 0);
	}
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)),
			 0);
	/* eth0 + 70: 64 listed, 7 counted as the largest (256 x 2176 B) */
	assert_int_equal(m.nnics, RESERVE_MAX_NICS);
	assert_int_equal(m.nnics_over, 7);
	reserve_compute(&m, &r);
	assert_int_equal(r.nics_kb, 71 * 544);
	remove_tree(root);
}


/*
 * A swapnet module that keeps its in-flight limit itself (a large tag
 * set, queue_depth WRITEs and read_depth READs in flight): the depth is
 * queue_depth + read_depth, not nr_requests.  lab61 with nr_requests
 * 1024, swapnet/queue_depth 4, read_depth 4: depth 8 (inflight 1024 kB);
 * without read_depth (an older module: queue_depth is all): 4; a
 * queue_depth above nr_requests does not raise it.
 */
static void test_swapnet_inflight_limit(void **state)
{
	char *root = scratch_copy("lab61"), cmd[4600];
	char err[512] = "";

	(void)state;
	snprintf(cmd, sizeof(cmd),
		 "d='%s/sys/block/swapnet0' && echo 1024 > \"$d/queue/nr_requests\" && mkdir -p \"$d/swapnet\" && echo 4 > \"$d/swapnet/queue_depth\" && echo 4 > \"$d/swapnet/read_depth\"",
		 root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)), 0);
	assert_int_equal(m.devs[0].depth, 8);
	snprintf(cmd, sizeof(cmd), "rm '%s/sys/block/swapnet0/swapnet/read_depth'",
		 root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)), 0);
	assert_int_equal(m.devs[0].depth, 4);
	snprintf(cmd, sizeof(cmd),
		 "d='%s/sys/block/swapnet0' && echo 2 > \"$d/queue/nr_requests\" && echo 16 > \"$d/swapnet/queue_depth\"",
		 root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)), 0);
	assert_int_equal(m.devs[0].depth, 2);
	remove_tree(root);
}

/* The admin changed the value after swapnetctl raised it: theirs stays. */
static void test_restore_keeps_admin_value(void **state)
{
	char *root = scratch_copy("a"), cmd[4300];

	(void)state;
	setenv("SWAPNET_ROOT", root, 1);
	write_text(root, "/etc/swapnet.conf", "reserve = auto\ndynamic = yes\n");
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "42300\n");
	write_text(root, "/proc/sys/vm/min_free_kbytes", "20000\n");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s/sys/block/swapnet0'", root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reserve_on_device_change(), 0);
	assert_string_equal(min_free(root), "20000\n");
	assert_false(state_exists(root));
	unsetenv("SWAPNET_ROOT");
	remove_tree(root);
}

/* A device detached while another stays: down again, not below before. */
static void test_raise_back_down_not_below_before(void **state)
{
	char *root = scratch_copy("a");
	struct reserve_state st;
	uint64_t now;
	char err[512] = "";

	(void)state;
	assert_int_equal(reserve_raise(root, 5695, 30000, false, &now, err,
				       sizeof(err)), 0);
	assert_int_equal(now, 30000);
	assert_int_equal(reserve_raise(root, 30000, 10000, false, &now, err,
				       sizeof(err)), 0);
	assert_int_equal(now, 10000);
	assert_string_equal(min_free(root), "10000\n");
	assert_int_equal(reserve_raise(root, 10000, 1000, false, &now, err,
				       sizeof(err)), 0);
	assert_int_equal(now, 5695);
	assert_string_equal(min_free(root), "5695\n");
	assert_int_equal(reserve_state_read(root, &st), 0);
	assert_int_equal(st.before_kb, 5695);
	remove_tree(root);
}

/*
 * The shipped /etc/swapnet.conf at boot, no swapfiles listed, an admin's
 * 500000 in place: start and stop change nothing.  Fixture D has no
 * network swap (recommendation = the default 32647).
 */
static void test_shipped_conf_never_lowers(void **state)
{
	char *root = scratch_copy("d"), cmd[8600];

	(void)state;
	/* fixtures is tools/swapnetctl/tests/fixtures */
	snprintf(cmd, sizeof(cmd),
		 "cp '%s/../../../../etc/swapnet.conf' '%s/etc/'", fixtures,
		 root);
	assert_int_equal(system(cmd), 0);
	setenv("SWAPNET_ROOT", root, 1);
	write_text(root, "/proc/sys/vm/min_free_kbytes", "500000\n");
	assert_int_equal(run_cmd(cmd_start, "start", NULL, NULL, NULL, NULL),
			 EXIT_OK);
	assert_string_equal(min_free(root), "500000\n");
	assert_int_equal(run_cmd(cmd_stop, "stop", NULL, NULL, NULL, NULL),
			 EXIT_OK);
	assert_string_equal(min_free(root), "500000\n");
	assert_false(state_exists(root));
	/* nor below the kernel default it shows now */
	write_text(root, "/proc/sys/vm/min_free_kbytes", "32647\n");
	assert_int_equal(run_cmd(cmd_start, "start", NULL, NULL, NULL, NULL),
			 EXIT_OK);
	assert_string_equal(min_free(root), "32647\n");
	unsetenv("SWAPNET_ROOT");
	remove_tree(root);
}

/*
 * As an ordinary user --apply fails (exit 2, a message), even when the
 * recommendation equals the current value and nothing needs writing.
 */
static void test_apply_as_user_fails(void **state)
{
	char *root = scratch_copy("a"), errfile[4300], cmd[4300];
	int status, fd;
	pid_t pid;

	(void)state;
	write_text(root, "/proc/sys/vm/min_free_kbytes", "24856\n");
	snprintf(errfile, sizeof(errfile), "%s/stderr", root);
	if (geteuid() == 0) {
		/* root may write anything: the test drops to nobody */
		snprintf(cmd, sizeof(cmd), "chmod -R a+rX '%s'", root);
		assert_int_equal(system(cmd), 0);
	}
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	assert_true(fd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fd, 2);
		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(99);
		_exit(run_cmd(cmd_reserve, "reserve", "--apply", "--root",
			      root, NULL));
	}
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), EXIT_FAIL);
	assert_non_null(strstr(read_text(errfile), "run as root"));
	assert_string_equal(min_free(root), "24856\n");
	remove_tree(root);
}

/*
 * A socket starts at tcp_rmem[1] (net/ipv4/tcp.c:460 (6.1), :469
 * (6.12)) and autotuning only grows it: with [1] above [2], [1] is the
 * largest receive buffer.
 */
static void test_mem_max_takes_initial(void **state)
{
	char *root = scratch_copy("a");
	char err[512] = "";

	(void)state;
	write_text(root, "/proc/sys/net/ipv4/tcp_rmem", "4096\t8388608\t6291456\n");
	assert_int_equal(reserve_probe(root, NULL, NULL, &m, err, sizeof(err)), 0);
	assert_int_equal(m.tcp_rmem_max, 8388608);
	assert_int_equal(m.tcp_wmem_max, 4194304);
	remove_tree(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape_a),
		cmocka_unit_test(test_shape_b),
		cmocka_unit_test(test_shape_c),
		cmocka_unit_test(test_shape_d_no_network_swap),
		cmocka_unit_test(test_lab_client_61),
		cmocka_unit_test(test_lab_client_612),
		cmocka_unit_test(test_refill_dominates),
		cmocka_unit_test(test_lab_table),
		cmocka_unit_test(test_atomic_floor_and_allocfail),
		cmocka_unit_test(test_swapnet_inflight_limit),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_rx_tx_limits),
		cmocka_unit_test(test_mem_max_takes_initial),
		cmocka_unit_test(test_kernel_default),
		cmocka_unit_test(test_bad_tree),
		cmocka_unit_test(test_apply_and_persist),
		cmocka_unit_test(test_on_device_change),
		cmocka_unit_test(test_apply_never_lowers),
		cmocka_unit_test(test_dynamic_raise_and_restore),
		cmocka_unit_test(test_dynamic_not_for_swap),
		cmocka_unit_test(test_many_nics),
		cmocka_unit_test(test_rx_queues),
		cmocka_unit_test(test_restore_keeps_admin_value),
		cmocka_unit_test(test_raise_back_down_not_below_before),
		cmocka_unit_test(test_shipped_conf_never_lowers),
		cmocka_unit_test(test_apply_as_user_fails),
	};

	FIXTURE_DIR(fixtures, "fixtures");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

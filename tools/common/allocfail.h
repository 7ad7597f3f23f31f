/* SPDX-License-Identifier: GPL-2.0 */
/*
 * allocfail: page allocation failures as the kernel reports them.  The
 * kernels have no counter for them (no /proc/vmstat field in 6.1 or
 * 6.12; virtio_net's ethtool -S has none either), only warn_alloc()'s
 * report in the kernel log (mm/page_alloc.c): "COMM: page allocation
 * failure: order:N, mode:0x...(GFP_...)", a call trace, then
 * "Mem-Info:".  warn_alloc() is rate-limited (10 reports per 5 s) and
 * silent for __GFP_NOWARN requests (skb_page_frag_refill's 32 KiB try
 * is, its one-page fallback is not), so the counts are a lower bound,
 * and they cover only what the log buffer still holds.
 */
#ifndef SWAPNET_ALLOCFAIL_H
#define SWAPNET_ALLOCFAIL_H

#include <stddef.h>
#include <stdint.h>

struct allocfail {
	uint64_t total;		/* "page allocation failure" reports */
	uint64_t atomic;	/* of them GFP_ATOMIC or GFP_NOWAIT */
	/* of them with a NIC RX refill in the call trace (allocfail.c) */
	uint64_t nic_refill;
};

/*
 * Count the reports in text: /dev/kmsg records ("PRI,SEQ,TS,FLAGS;MSG",
 * one a line, dictionary lines starting with a space) or plain log lines
 * (dmesg).  text is not modified.
 */
void allocfail_count_text(const char *text, struct allocfail *out);

/*
 * Read <root>/dev/kmsg ("/" or NULL: the live log, read to its end
 * without blocking; a fixture tree: a regular file) and count.  0, or
 * -errno (EPERM/EACCES: kernel.dmesg_restrict and no CAP_SYSLOG).
 */
int allocfail_read(const char *root, struct allocfail *out);

#endif /* SWAPNET_ALLOCFAIL_H */

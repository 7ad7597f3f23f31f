// SPDX-License-Identifier: GPL-2.0
/* allocfail: warn_alloc()'s reports in the kernel log, counted. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "allocfail.h"
#include "rootpath.h"
#include "readfile.h"

/*
 * Call-trace frames of NIC receive-buffer refills: virtio_net's
 * try_fill_recv and refill_work, the skb and page-pool allocators
 * drivers refill with, and the *_alloc_rx_buffers of e1000e, igb,
 * ixgbe, i40e and others.
 */
static const char *const nic_frames[] = {
	"try_fill_recv", "refill_work", "page_pool_alloc", "napi_alloc_skb",
	"netdev_alloc_skb", "napi_alloc_frag", "netdev_alloc_frag",
	"alloc_rx_buf", NULL,
};

struct state {
	struct allocfail *out;
	bool in_report, nic_seen;
};

static void message(struct state *st, const char *msg, size_t len)
{
	char buf[512];
	size_t i;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, msg, len);
	buf[len] = '\0';
	if (strstr(buf, "page allocation failure:")) {
		st->out->total++;
		if (strstr(buf, "GFP_ATOMIC") || strstr(buf, "GFP_NOWAIT"))
			st->out->atomic++;
		st->in_report = true;
		st->nic_seen = false;
		return;
	}
	if (!st->in_report)
		return;
	if (strstr(buf, "Mem-Info:")) {	/* show_mem(): the trace is over */
		st->in_report = false;
		return;
	}
	for (i = 0; !st->nic_seen && nic_frames[i]; i++)
		if (strstr(buf, nic_frames[i])) {
			st->out->nic_refill++;
			st->nic_seen = true;
		}
}

/* One line: a kmsg record's text after ';', or the whole line. */
static void line(struct state *st, const char *l, size_t len)
{
	const char *semi = memchr(l, ';', len), *p;
	bool kmsg = semi != NULL;

	if (len && l[0] == ' ')		/* a kmsg dictionary line */
		return;
	/* "PRI,SEQ,TS,FLAGS;": digits, commas and a flag before ';' */
	for (p = l; kmsg && p < semi; p++)
		if (!((*p >= '0' && *p <= '9') || *p == ',' || *p == '-' ||
		      *p == 'c' || *p == '+'))
			kmsg = false;
	if (kmsg)
		message(st, semi + 1, len - (size_t)(semi + 1 - l));
	else
		message(st, l, len);
}

void allocfail_count_text(const char *text, struct allocfail *out)
{
	struct state st = { .out = out };
	const char *l = text, *nl;

	*out = (struct allocfail){ 0 };
	while (*l) {
		nl = strchr(l, '\n');
		line(&st, l, nl ? (size_t)(nl - l) : strlen(l));
		if (!nl)
			break;
		l = nl + 1;
	}
}

int allocfail_read(const char *root, struct allocfail *out)
{
	struct state st = { .out = out };
	char rec[8192];
	ssize_t n;
	int fd;

	*out = (struct allocfail){ 0 };
	if (root && *root && strcmp(root, "/")) {
		char path[4200], *text;

		if (root_path(path, sizeof(path), root, "/dev/kmsg"))
			return -errno;
		text = read_file(path);
		if (!text)
			return -errno;
		allocfail_count_text(text, out);
		free(text);
		return 0;
	}
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)	/* overwritten: go on */
			continue;
		if (n <= 0)
			break;		/* EAGAIN: the end of the log */
		rec[n] = '\0';
		/* one record: its first line (the rest is its dictionary) */
		line(&st, rec, strcspn(rec, "\n"));
	}
	close(fd);
	return 0;
}

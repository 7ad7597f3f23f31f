// SPDX-License-Identifier: GPL-2.0
/*
 * rpcproxy: an RPC-level fault injector for the lab's server guest.
 *
 *   rpcproxy [-l PORT] [-u PORT] [-c CTLFIFO]
 *
 * Listens on PORT (2050), forwards record-marked ONC RPC over TCP to
 * nfsd at 127.0.0.1:UPORT (2049) over ONE persistent upstream
 * connection (nfsd's duplicate request cache keys on the peer address:
 * every client retransmission reaches it from the same peer), and
 * routes each reply back by XID.  Commands, one a line, on CTLFIFO
 * (/run/rpcproxy.ctl):
 *   reset        swallow the next NFS WRITE reply and RST (SO_LINGER 0)
 *                the connection it belongs to; every XID that connection
 *                had in flight is remembered and must be sent again
 *                (same XID) after the client reconnects
 *   jukebox S    for S seconds answer every NFS READ/WRITE with
 *                NFS3ERR_JUKEBOX (also replacing nfsd's own replies)
 *   garbage S    ... with an accepted reply whose body is cut short
 *   progunavail S  ... with accept_stat PROG_UNAVAIL
 *   progmismatch S ... with accept_stat PROG_MISMATCH (3..3)
 *   stale S      ... with NFS3ERR_STALE
 *   ioerr S      ... with NFS3ERR_IO
 *   down S       a server down for S seconds, then rebooted: every NFS
 *                call and nfsd reply is dropped, then every client
 *                connection is reset (RST), as a rebooted server's TCP
 *                answers; the clients reconnect and send again at once
 *   lose OFF     from now on answer every NFS READ at byte offset OFF
 *                with NFS3ERR_IO (a block the server cannot read);
 *                "lose off" ends it
 *   A line may chain up to 8 of these (stale 4 down 20 stale 10): each
 *   starts the moment the one before it ends, with no real reply between.
 * Log lines on stdout start with "rpcproxy: "; "reset: all N xids came
 * back" / "reset: K of N xids outstanding" tell the scenario whether
 * retransmissions kept their XIDs.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAXCLI		16
#define MAXREC		(2 << 20)
#define MAXPEND		4096
#define MAXLOST		1024
#define NFS_PROG	100003
#define NFS3_READ	6
#define NFS3_WRITE	7

enum mode {
	M_NONE, M_JUKEBOX, M_GARBAGE, M_PROGUNAVAIL, M_PROGMISMATCH, M_STALE,
	M_DOWN, M_IOERR, M_LAST = M_IOERR
};
static const char *const mode_name[] = {
	"none", "jukebox", "garbage", "progunavail", "progmismatch", "stale",
	"down", "ioerr"
};

#define MAXPHASE	8

struct conn {
	int fd;
	unsigned int gen;
	unsigned char *buf;
	size_t len;
};

struct pend {
	uint32_t xid;
	int cli;		/* index into cli[], -1 free */
	unsigned int gen;
	uint32_t proc;
	int nfs;
};

static struct conn cli[MAXCLI];
static struct conn up = { .fd = -1 };
static struct pend pend[MAXPEND];
static uint32_t lost[MAXLOST];
static int nlost, lost_total, reset_armed;
static int lose_armed;
static unsigned long long lose_off;
static enum mode mode;
static time_t mode_until;
static unsigned long mode_replies;
/* the last command's chain of modes; phase_next: the next to start */
static struct { enum mode mode; int secs; } phase[MAXPHASE];
static int nphase, phase_next;
static unsigned int gen_next = 1;
static int uport = 2049;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("rpcproxy: [%ld] ", (long)ts.tv_sec);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

static void put32(unsigned char *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

static void up_readable(void);

/*
 * Only the upstream socket is non-blocking: while a call waits for room
 * towards nfsd, nfsd's replies are read and routed, so nfsd threads
 * blocked on a full reply path cannot deadlock with us.
 */
static void wait_writable(int fd)
{
	struct pollfd pf = { .fd = fd, .events = POLLOUT | POLLIN };

	if (poll(&pf, 1, 1000) > 0 && (pf.revents & POLLIN))
		up_readable();
}

static int write_all(int fd, const void *b, size_t n)
{
	const char *p = b;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				wait_writable(fd);
				continue;
			}
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One record (without its mark) to fd, as one fragment. */
static int send_rec(int fd, const unsigned char *b, size_t n)
{
	unsigned char mark[4];

	put32(mark, 0x80000000u | (uint32_t)n);
	if (write_all(fd, mark, 4) < 0)
		return -1;
	return write_all(fd, b, n);
}

static void conn_close(struct conn *c, int rst)
{
	if (c->fd < 0)
		return;
	if (rst) {
		struct linger l = { .l_onoff = 1, .l_linger = 0 };

		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	}
	close(c->fd);
	c->fd = -1;
	c->len = 0;
}

static int connect_up(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd, one = 1;

	a.sin_port = htons((uint16_t)uport);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	/* a reserved source port: nfsd exports may be "secure" */
	for (int p = 800; p > 600; p--) {
		struct sockaddr_in b = { .sin_family = AF_INET };

		b.sin_port = htons((uint16_t)p);
		b.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (!bind(fd, (struct sockaddr *)&b, sizeof(b)))
			break;
	}
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	up.fd = fd;
	up.len = 0;
	say("upstream connected to 127.0.0.1:%d", uport);
	return 0;
}

static struct pend *pend_find(uint32_t xid)
{
	for (int i = 0; i < MAXPEND; i++)
		if (pend[i].cli >= 0 && pend[i].xid == xid)
			return &pend[i];
	return NULL;
}

static void pend_add(uint32_t xid, int c, uint32_t proc, int nfs)
{
	struct pend *p = pend_find(xid);

	for (int i = 0; !p && i < MAXPEND; i++)
		if (pend[i].cli < 0)
			p = &pend[i];
	if (!p) {
		say("pending table full: xid=0x%08x dropped", xid);
		return;
	}
	p->xid = xid;
	p->cli = c;
	p->gen = cli[c].gen;
	p->proc = proc;
	p->nfs = nfs;
}

static void lost_check(uint32_t xid)
{
	for (int i = 0; i < nlost; i++) {
		if (lost[i] != xid)
			continue;
		lost[i] = lost[--nlost];
		say("back xid=0x%08x", xid);
		if (!nlost)
			say("reset: all %d xids came back", lost_total);
		return;
	}
}

/* The byte offset of the NFS READ call in b (n bytes): 0, or -1. */
static int read_offset(const unsigned char *b, size_t n,
		       unsigned long long *off)
{
	size_t p = 24, len;
	int i;

	/* credential, verifier: flavor, length, body (padded) */
	for (i = 0; i < 2; i++) {
		if (n < p + 8)
			return -1;
		len = get32(b + p + 4);
		if (len > 400)
			return -1;
		p += 8 + ((len + 3) & ~(size_t)3);
	}
	/* nfs_fh3: length, data (padded); then offset3 */
	if (n < p + 4)
		return -1;
	len = get32(b + p);
	if (len > 64)
		return -1;
	p += 4 + ((len + 3) & ~(size_t)3);
	if (n < p + 8)
		return -1;
	*off = (unsigned long long)get32(b + p) << 32 | get32(b + p + 4);
	return 0;
}

/* An accepted reply to the call in b: an nfsstat3 error, no attributes. */
static void nfs_error_reply(int fd, const unsigned char *call, uint32_t proc,
			    uint32_t status)
{
	unsigned char r[64];
	size_t n = 20;

	put32(r, get32(call));		/* xid */
	put32(r + 4, 1);		/* REPLY */
	put32(r + 8, 0);		/* MSG_ACCEPTED */
	put32(r + 12, 0);		/* verifier AUTH_NONE */
	put32(r + 16, 0);
	put32(r + n, 0);			/* SUCCESS */
	put32(r + n + 4, status);
	put32(r + n + 8, 0);			/* post_op_attr / pre_op_attr */
	n += 12;
	if (proc == NFS3_WRITE) {
		put32(r + n, 0);		/* wcc after: none */
		n += 4;
	}
	send_rec(fd, r, n);
}

/* A reply made up by the proxy to the call in b. */
static void fake_reply(int fd, const unsigned char *call, uint32_t proc)
{
	unsigned char r[64];
	size_t n = 0;

	put32(r, get32(call));		/* xid */
	put32(r + 4, 1);		/* REPLY */
	put32(r + 8, 0);		/* MSG_ACCEPTED */
	put32(r + 12, 0);		/* verifier AUTH_NONE */
	put32(r + 16, 0);
	n = 20;
	switch (mode) {
	case M_JUKEBOX:
	case M_STALE:
	case M_IOERR:
		/* NFS3ERR_JUKEBOX, NFS3ERR_STALE or NFS3ERR_IO */
		mode_replies++;
		nfs_error_reply(fd, call, proc, mode == M_STALE ? 70 :
				mode == M_IOERR ? 5 : 10008);
		return;
	case M_GARBAGE:
		put32(r + n, 0);			/* SUCCESS */
		put32(r + n + 4, 0);			/* NFS3_OK, then nothing */
		n += 8;
		break;
	case M_PROGUNAVAIL:
		put32(r + n, 1);
		n += 4;
		break;
	case M_PROGMISMATCH:
		put32(r + n, 2);
		put32(r + n + 4, 3);
		put32(r + n + 8, 3);
		n += 12;
		break;
	case M_DOWN:
		mode_replies++;			/* dropped */
		return;
	default:
		return;
	}
	mode_replies++;
	send_rec(fd, r, n);
}

static void do_reset(int c, uint32_t swallowed)
{
	nlost = 0;
	lost[nlost++] = swallowed;
	for (int i = 0; i < MAXPEND; i++) {
		if (pend[i].cli != c || pend[i].gen != cli[c].gen)
			continue;
		if (nlost < MAXLOST)
			lost[nlost++] = pend[i].xid;
		say("lost xid=0x%08x proc=%u", pend[i].xid, pend[i].proc);
		pend[i].cli = -1;
	}
	lost_total = nlost;
	say("reset: RST to client %d, %d xids in flight", c, nlost);
	conn_close(&cli[c], 1);
}

/* A complete call from client c. */
static void on_call(int c, unsigned char *b, size_t n)
{
	uint32_t xid, prog = 0, proc = 0;
	int nfs;

	if (n < 24 || get32(b + 4) != 0) {
		say("client %d: not a call (%zu bytes): closing", c, n);
		conn_close(&cli[c], 0);
		return;
	}
	xid = get32(b);
	prog = get32(b + 12);
	proc = get32(b + 20);
	nfs = prog == NFS_PROG;
	if (nlost)
		lost_check(xid);
	if (lose_armed && nfs && proc == NFS3_READ) {
		unsigned long long off;

		if (!read_offset(b, n, &off) && off == lose_off) {
			say("lose: NFS3ERR_IO to READ xid=0x%08x at offset %llu",
			    xid, off);
			nfs_error_reply(cli[c].fd, b, proc, 5);
			return;
		}
	}
	if (mode != M_NONE && nfs && (proc == NFS3_READ || proc == NFS3_WRITE)) {
		fake_reply(cli[c].fd, b, proc);
		return;
	}
	pend_add(xid, c, proc, nfs);
	if (up.fd < 0 && connect_up() < 0) {
		say("upstream connect failed: %s", strerror(errno));
		return;
	}
	if (send_rec(up.fd, b, n) < 0) {
		say("upstream write failed: %s", strerror(errno));
		conn_close(&up, 0);
	}
}

/* A complete reply from nfsd. */
static void on_reply(unsigned char *b, size_t n)
{
	struct pend *p;
	struct conn *c;

	if (n < 8)
		return;
	p = pend_find(get32(b));
	if (!p)
		return;
	c = &cli[p->cli];
	p->cli = -1;
	if (c->fd < 0 || c->gen != p->gen)
		return;
	if (p->nfs && p->proc == NFS3_WRITE && reset_armed) {
		reset_armed = 0;
		say("swallowed xid=0x%08x proc=WRITE", p->xid);
		do_reset((int)(c - cli), p->xid);
		return;
	}
	if (mode != M_NONE && p->nfs &&
	    (p->proc == NFS3_READ || p->proc == NFS3_WRITE)) {
		fake_reply(c->fd, b, p->proc);
		return;
	}
	if (send_rec(c->fd, b, n) < 0)
		conn_close(c, 0);
}

/*
 * Read what fd has into c->buf and hand out complete records
 * (reassembling fragments).  -1: the connection is gone.
 */
static int pump(struct conn *c, void (*rec)(struct conn *, unsigned char *, size_t))
{
	ssize_t r;

	r = read(c->fd, c->buf + c->len, MAXREC + 4 - c->len);
	if (r <= 0)
		return r < 0 && (errno == EINTR || errno == EAGAIN) ? 0 : -1;
	c->len += (size_t)r;
	for (;;) {
		/* a whole record: [mark][data]... up to a last fragment? */
		size_t off = 0, total = 0;
		int last = 0;

		while (!last) {
			uint32_t m;

			if (c->len < off + 4)
				return 0;
			m = get32(c->buf + off);
			last = !!(m & 0x80000000u);
			m &= 0x7fffffffu;
			if (off + 4 + m > MAXREC)
				return -1;
			if (c->len < off + 4 + m)
				return 0;
			off += 4 + m;
		}
		/* squeeze the marks out: data contiguous from 0 */
		off = 0;
		last = 0;
		while (!last) {
			uint32_t m = get32(c->buf + off);

			last = !!(m & 0x80000000u);
			m &= 0x7fffffffu;
			memmove(c->buf + total, c->buf + off + 4, m);
			total += m;
			off += 4 + m;
		}
		memmove(c->buf + total, c->buf + off, c->len - off);
		c->len -= off - total;
		{
			unsigned char *tmp = malloc(total ? total : 1);

			if (!tmp)
				return -1;
			memcpy(tmp, c->buf, total);
			memmove(c->buf, c->buf + total, c->len - total);
			c->len -= total;
			rec(c, tmp, total);
			free(tmp);
		}
		if (c->fd < 0)
			return -1;
	}
}

static void rec_cli(struct conn *c, unsigned char *b, size_t n)
{
	on_call((int)(c - cli), b, n);
}

static void rec_up(struct conn *c, unsigned char *b, size_t n)
{
	(void)c;
	on_reply(b, n);
}

static void up_readable(void)
{
	static int busy;

	if (busy || up.fd < 0)
		return;
	busy = 1;
	if (pump(&up, rec_up) < 0) {
		say("upstream closed");
		conn_close(&up, 0);
	}
	busy = 0;
}

/* Start the next chained mode at now, or go back to forwarding. */
static void next_phase(time_t now)
{
	if (mode != M_NONE)
		say("mode %s off: %lu replies made up or dropped",
		    mode_name[mode], mode_replies);
	if (mode == M_DOWN) {
		for (int c = 0; c < MAXCLI; c++) {
			if (cli[c].fd < 0)
				continue;
			say("down: RST to client %d", c);
			conn_close(&cli[c], 1);
		}
	}
	mode = M_NONE;
	if (phase_next >= nphase)
		return;
	mode = phase[phase_next].mode;
	mode_until = now + phase[phase_next].secs;
	mode_replies = 0;
	say("mode %s on for %d s", mode_name[mode], phase[phase_next].secs);
	phase_next++;
}

static void command(char *line)
{
	char what[32];

	if (sscanf(line, "%31s", what) < 1)
		return;
	if (!strcmp(what, "reset")) {
		reset_armed = 1;
		nlost = 0;
		lost_total = 0;
		say("armed: reset at the next WRITE reply");
		return;
	}
	if (!strcmp(what, "lose")) {
		char arg[32] = "";

		if (sscanf(line, "%*s %31s", arg) == 1 && strcmp(arg, "off")) {
			lose_off = strtoull(arg, NULL, 10);
			lose_armed = 1;
			say("lose: armed at offset %llu", lose_off);
		} else {
			lose_armed = 0;
			say("lose: off");
		}
		return;
	}
	nphase = 0;
	phase_next = 0;
	/* MODE [SECONDS] ..., SECONDS 10 when left out */
	for (const char *p = line; nphase < MAXPHASE;) {
		int used = 0, m;
		char *end;
		long v;

		if (sscanf(p, "%31s%n", what, &used) < 1)
			break;
		p += used;
		for (m = M_JUKEBOX; m <= M_LAST; m++)
			if (!strcmp(what, mode_name[m]))
				break;
		if (m > M_LAST) {
			say("unknown command '%s': chain ignored", what);
			nphase = 0;
			return;
		}
		v = strtol(p, &end, 10);
		p = end;
		phase[nphase].mode = (enum mode)m;
		phase[nphase++].secs = v > 0 && v < 3600 ? (int)v : 10;
	}
	next_phase(time(NULL));
}

int main(int argc, char **argv)
{
	const char *ctl = "/run/rpcproxy.ctl";
	struct sockaddr_in a = { .sin_family = AF_INET };
	int lport = 2050, lfd, cfd, one = 1, o;
	char cbuf[256];
	size_t clen = 0;

	while ((o = getopt(argc, argv, "l:u:c:")) != -1) {
		switch (o) {
		case 'l':
			lport = atoi(optarg);
			break;
		case 'u':
			uport = atoi(optarg);
			break;
		case 'c':
			ctl = optarg;
			break;
		default:
			fprintf(stderr, "usage: rpcproxy [-l PORT] [-u PORT] [-c CTLFIFO]\n");
			return 2;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < MAXPEND; i++)
		pend[i].cli = -1;
	for (int i = 0; i < MAXCLI; i++) {
		cli[i].fd = -1;
		cli[i].buf = malloc(MAXREC + 4);
		if (!cli[i].buf)
			return 1;
	}
	up.buf = malloc(MAXREC + 4);
	if (!up.buf)
		return 1;
	unlink(ctl);
	if (mkfifo(ctl, 0600) < 0) {
		fprintf(stderr, "rpcproxy: %s: %s\n", ctl, strerror(errno));
		return 1;
	}
	cfd = open(ctl, O_RDWR | O_NONBLOCK);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (cfd < 0 || lfd < 0)
		return 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons((uint16_t)lport);
	if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(lfd, 16) < 0) {
		fprintf(stderr, "rpcproxy: port %d: %s\n", lport, strerror(errno));
		return 1;
	}
	if (connect_up() < 0)
		say("upstream not there yet: %s", strerror(errno));
	say("listening on %d, control %s", lport, ctl);

	for (;;) {
		struct pollfd pf[MAXCLI + 3];
		int map[MAXCLI + 3], n = 0;

		if (mode != M_NONE && time(NULL) >= mode_until)
			next_phase(mode_until);
		pf[n] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		map[n++] = -1;
		pf[n] = (struct pollfd){ .fd = cfd, .events = POLLIN };
		map[n++] = -2;
		if (up.fd >= 0) {
			pf[n] = (struct pollfd){ .fd = up.fd, .events = POLLIN };
			map[n++] = -3;
		}
		for (int i = 0; i < MAXCLI; i++) {
			if (cli[i].fd < 0)
				continue;
			pf[n] = (struct pollfd){ .fd = cli[i].fd, .events = POLLIN };
			map[n++] = i;
		}
		if (poll(pf, (nfds_t)n, 500) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		for (int k = 0; k < n; k++) {
			if (!pf[k].revents)
				continue;
			if (map[k] == -1) {
				int fd = accept(lfd, NULL, NULL), i;

				if (fd < 0)
					continue;
				for (i = 0; i < MAXCLI && cli[i].fd >= 0; i++)
					;
				if (i == MAXCLI) {
					close(fd);
					continue;
				}
				setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
				cli[i].fd = fd;
				cli[i].len = 0;
				cli[i].gen = gen_next++;
				say("client %d connected", i);
			} else if (map[k] == -2) {
				ssize_t r = read(cfd, cbuf + clen, sizeof(cbuf) - 1 - clen);
				char *nl;

				if (r <= 0)
					continue;
				clen += (size_t)r;
				cbuf[clen] = '\0';
				while ((nl = strchr(cbuf, '\n'))) {
					*nl = '\0';
					command(cbuf);
					clen -= (size_t)(nl + 1 - cbuf);
					memmove(cbuf, nl + 1, clen + 1);
				}
				if (clen == sizeof(cbuf) - 1)
					clen = 0;
			} else if (map[k] == -3) {
				up_readable();
			} else {
				int i = map[k];

				if (cli[i].fd >= 0 && pump(&cli[i], rec_cli) < 0) {
					say("client %d closed", i);
					conn_close(&cli[i], 0);
				}
			}
		}
		if (nlost && !reset_armed) {
			static time_t last;
			time_t now = time(NULL);

			if (now - last >= 5) {
				last = now;
				say("reset: %d of %d xids outstanding", nlost,
				    lost_total);
			}
		}
	}
}

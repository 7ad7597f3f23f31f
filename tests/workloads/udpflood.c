// SPDX-License-Identifier: GPL-2.0
/*
 * udpflood - unrelated network traffic for the reserve bench (UDP or TCP)
 * (tests/scenarios/bench-reserve.sh).
 *
 *   udpflood send HOST PORT [BYTES]   send BYTES-sized datagrams (default
 *                                     1472: one MTU-sized frame each) to
 *                                     HOST:PORT as fast as it can, forever
 *   udpflood sink PORT RCVBUF_BYTES   bind PORT, set SO_RCVBUFFORCE (or
 *                                     SO_RCVBUF) and never read: the
 *                                     queue fills, then the kernel drops
 *   udpflood tcpsink PORT RCVBUF_BYTES
 *                                     listen on PORT (SO_RCVBUF set on the
 *                                     listener, inherited; 0: left at
 *                                     tcp_rmem[1]), accept every
 *                                     connection and never read: each
 *                                     fills its receive queue, then TCP's
 *                                     limits drop and the peer retransmits
 *   udpflood tcpsend HOST PORT CONNS  open CONNS connections to HOST:PORT
 *                                     and write to all of them as fast as
 *                                     it can, forever; a connection that
 *                                     fails is opened again
 *   udpflood watch DEV STALL_S PID FAIL LABEL
 *                                     the bench's freeze watchdog while
 *                                     PID (the workload) exists, below
 *
 * Send errors (ECONNREFUSED before the sink exists, ENOBUFS) are counted,
 * not fatal.  Exit: 64 bad usage, 1 setup error; otherwise runs until
 * killed.
 *
 * watch: a shell loop cannot be the watchdog of a memory deadlock: its
 * pages can be swapped out and every fork()/exec() allocates, so in a
 * real freeze it stops with everything else and the run ends by the
 * lab's timeout, unrecorded.  This process locks itself in memory
 * (mlockall), keeps its files open and reads them with pread(): seq_file
 * and sysfs keep their buffer, so a sample allocates nothing (the
 * counters of /proc/vmstat are read only at the start and after a
 * freeze).  Every 100 ms it samples the lowest (free - min) of the zones
 * with managed pages (/proc/zoneinfo) and the I/Os completed by
 * /sys/block/DEV/stat (reads + writes; DEV "vmstat": pswpin + pswpout,
 * for a swapfile without a block device).  On exit of PID it prints
 * "lowest_free_minus_min_pages=N lowest_free_minus_unboosted_min_pages=R"
 * on stdout, exit 0 (zone_low() says what the two are).  When no I/O
 * completed for STALL_S seconds while free is below min: frozen.  Then
 * it writes sysrq "w" and "m" (blocked tasks, memory) to the console,
 * prints on stderr (the console: stdout may be a file) "LABEL
 * result=froze ..." with the counters since its start,
 * "bench-reserve: later runs skipped (froze)" and "bench-reserve: done
 * fail=FAIL", and ends the run itself as the lab's init would (tests/lab/
 * guest/init: "result FAIL" on the control port /dev/ttyS1, power off):
 * a freeze is a result, not a timeout.  A child forked at the start
 * (locked too) does the same 30 s later if reading the counters blocks.
 * UDPFLOOD_TEST=FILE (a test on the host): the result goes to FILE, no
 * sysrq, no power-off.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SO_RCVBUFFORCE
#define SO_RCVBUFFORCE 33
#endif

static int usage(void)
{
	fprintf(stderr, "usage: udpflood send HOST PORT [BYTES] | sink PORT RCVBUF_BYTES\n"
		"       udpflood tcpsend HOST PORT CONNS | tcpsink PORT RCVBUF_BYTES\n"
		"       udpflood watch DEV STALL_S PID FAIL LABEL\n");
	return 64;
}

static int do_send(const char *host, int port, size_t len)
{
	static char buf[65507];
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned long long sent = 0, errs = 0;
	int fd;

	if (len < 1 || len > sizeof(buf))
		return usage();
	to.sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, host, &to.sin_addr) != 1) {
		fprintf(stderr, "udpflood: send: %s: not an IPv4 address\n", host);
		return 64;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "udpflood: send: socket: %s\n", strerror(errno));
		return 1;
	}
	memset(buf, 0x5a, sizeof(buf));
	for (;;) {
		if (sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
			errs++;
		else
			sent++;
		if (((sent + errs) & 0xfffff) == 0)
			fprintf(stderr, "udpflood: sent=%llu errors=%llu\n", sent, errs);
	}
}

static int do_sink(int port, int rcvbuf)
{
	struct sockaddr_in me = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), got = 0;
	socklen_t gl = sizeof(got);

	if (fd < 0) {
		fprintf(stderr, "udpflood: sink: socket: %s\n", strerror(errno));
		return 1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf))) {
		fprintf(stderr, "udpflood: sink: SO_RCVBUF: %s\n", strerror(errno));
		return 1;
	}
	me.sin_port = htons((unsigned short)port);
	me.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (struct sockaddr *)&me, sizeof(me))) {
		fprintf(stderr, "udpflood: sink: bind %d: %s\n", port, strerror(errno));
		return 1;
	}
	getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &gl);
	fprintf(stderr, "udpflood: sink port=%d rcvbuf=%d\n", port, got);
	for (;;)
		pause();
}

/* --------------------------------------------------------------- tcp */

static int do_tcpsink(int port, int rcvbuf)
{
	struct sockaddr_in me = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	unsigned long long conns = 0;

	if (fd < 0) {
		fprintf(stderr, "udpflood: tcpsink: socket: %s\n", strerror(errno));
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* before listen(): accepted sockets inherit it; 0: tcp_rmem[1] */
	if (rcvbuf &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf))) {
		fprintf(stderr, "udpflood: tcpsink: SO_RCVBUF: %s\n", strerror(errno));
		return 1;
	}
	me.sin_port = htons((unsigned short)port);
	me.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (struct sockaddr *)&me, sizeof(me)) || listen(fd, 4096)) {
		fprintf(stderr, "udpflood: tcpsink: bind/listen %d: %s\n", port,
			strerror(errno));
		return 1;
	}
	fprintf(stderr, "udpflood: tcpsink port=%d rcvbuf=%d\n", port, rcvbuf);
	for (;;) {
		/* kept open, never read; EMFILE: the rest wait in the backlog */
		if (accept(fd, NULL, NULL) < 0) {
			if (errno == EMFILE || errno == ENFILE)
				for (;;)
					pause();
			continue;
		}
		if ((++conns & 63) == 0)
			fprintf(stderr, "udpflood: tcpsink: %llu connections\n", conns);
	}
}

static int tcp_open(const struct sockaddr_in *to)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, (const struct sockaddr *)to, sizeof(*to)) &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

static int do_tcpsend(const char *host, int port, int conns)
{
	static char buf[65536];
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct pollfd *p;
	unsigned long long bytes = 0, reopen = 0, rounds = 0;
	int i;

	if (conns < 1 || conns > 60000)
		return usage();
	to.sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, host, &to.sin_addr) != 1) {
		fprintf(stderr, "udpflood: tcpsend: %s: not an IPv4 address\n", host);
		return 64;
	}
	signal(SIGPIPE, SIG_IGN);
	p = calloc((size_t)conns, sizeof(*p));
	if (!p)
		return 1;
	memset(buf, 0x5a, sizeof(buf));
	for (i = 0; i < conns; i++) {
		p[i].fd = tcp_open(&to);
		p[i].events = POLLOUT;
	}
	for (;;) {
		int n = poll(p, (nfds_t)conns, 1000);
		unsigned long long before = bytes;

		for (i = 0; n > 0 && i < conns; i++) {
			ssize_t w;

			if (p[i].fd < 0 || (p[i].revents & (POLLERR | POLLHUP))) {
				if (p[i].fd >= 0)
					close(p[i].fd);
				p[i].fd = tcp_open(&to);
				reopen++;
				continue;
			}
			if (!(p[i].revents & POLLOUT))
				continue;
			w = send(p[i].fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (w > 0)
				bytes += (unsigned long long)w;
		}
		if (n <= 0) {	/* nothing writable: reopen the dead ones */
			for (i = 0; i < conns; i++)
				if (p[i].fd < 0) {
					p[i].fd = tcp_open(&to);
					reopen++;
				}
			if (n < 0 && errno != EINTR)
				sleep(1);
		}
		/* refused (no sink yet): no SYN/RST storm */
		if (bytes == before)
			usleep(100000);
		if ((++rounds & 0x3fff) == 0)
			fprintf(stderr, "udpflood: tcpsend bytes=%llu reopened=%llu\n",
				bytes, reopen);
	}
}

/* ------------------------------------------------------------- watch */

static char rbuf[65536];	/* static: locked, never grown */
static int vmstat_ios;		/* watch DEV "vmstat": see dev_ios() */

/* The whole file at fd from offset 0 into rbuf, NUL-ended; length or -1. */
static ssize_t slurp(int fd)
{
	ssize_t n, len = 0;

	while ((size_t)len < sizeof(rbuf) - 1) {
		n = pread(fd, rbuf + len, sizeof(rbuf) - 1 - len, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		len += n;
	}
	rbuf[len] = '\0';
	return len;
}

/*
 * Lowest (free - min) in pages over the zones with managed pages, as the
 * shell's awk did: per zone "pages free F", "boost B", "min M", "managed
 * N".  zoneinfo's min includes watermark_boost (min_wmark_pages(),
 * include/linux/mmzone.h:567 (6.1), :1022 (6.12)), which the allocator
 * checks too; *lo_res is against min - boost, the part vm.min_free_kbytes
 * sets: below 0 there, the reserve itself was in use.
 */
static int zone_low(int fd, long long *lo, long long *lo_res)
{
	long long f = 0, m = 0, b = 0, v, best = 0, best_res = 0;
	int have = 0;
	char *p, *line;

	if (slurp(fd) < 0)
		return -1;
	for (line = rbuf; line && *line; line = p) {
		p = strchr(line, '\n');
		if (p)
			*p++ = '\0';
		while (*line == ' ')
			line++;
		if (sscanf(line, "pages free %lld", &v) == 1)
			f = v;
		else if (sscanf(line, "boost %lld", &v) == 1)
			b = v;
		else if (sscanf(line, "min %lld", &v) == 1)
			m = v;
		else if (sscanf(line, "managed %lld", &v) == 1 && v > 0) {
			if (!have || f - m < best)
				best = f - m;
			if (!have || f - (m - b) < best_res)
				best_res = f - (m - b);
			have = 1;
		}
	}
	if (!have)
		return -1;
	*lo = best;
	if (lo_res)
		*lo_res = best_res;
	return 0;
}

static long long vm_get(const char *key);

/*
 * Reads + writes completed, /sys/block/DEV/stat fields 1 and 5; for DEV
 * "vmstat" (a swapfile on a file system, no block device: the native
 * NFS swapfile) pswpin + pswpout of /proc/vmstat, counted as swap I/O is
 * submitted (a freeze stops the submitters too).
 */
static int dev_ios(int fd, unsigned long long *ios)
{
	unsigned long long r, rm, rs, rt, w;

	if (vmstat_ios) {
		if (slurp(fd) < 0)
			return -1;
		*ios = (unsigned long long)(vm_get("pswpin") + vm_get("pswpout"));
		return 0;
	}
	if (slurp(fd) < 0 ||
	    sscanf(rbuf, "%llu %llu %llu %llu %llu", &r, &rm, &rs, &rt, &w) != 5)
		return -1;
	*ios = r + w;
	return 0;
}

/* The counters of the run line (as bench-reserve.sh reads them). */
enum { C_PF, C_TMP, C_THR, C_AS, C_OUT, C_IN, C_OOM, C_UDP, C_N };
static const char *const cname[C_N] = {
	"pfmemalloc_drop", "tcp_memory_pressures", "pgscan_direct_throttle",
	"allocstall", "pswpout", "pswpin", "oom_kills", "udp_rcvbuf_errors",
};

static long long vm_get(const char *key)
{
	size_t k = strlen(key);
	char *p = rbuf;

	while (p && *p) {
		if (!strncmp(p, key, k) && p[k] == ' ')
			return atoll(p + k + 1);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

/* Field of a "Prefix: names" / "Prefix: values" pair of lines; 0 if none. */
static long long pair_get(const char *prefix, const char *field)
{
	char *names = strstr(rbuf, prefix), *vals, *ne, *ve, *n, *v;
	size_t fl = strlen(field);

	if (!names)
		return 0;
	vals = strstr(names + 1, prefix);
	if (!vals)
		return 0;
	ne = strchr(names, '\n');
	ve = strchr(vals, '\n');
	n = names + strlen(prefix);
	v = vals + strlen(prefix);
	while (n && v && (!ne || n < ne) && (!ve || v < ve)) {
		while (*n == ' ')
			n++;
		while (*v == ' ')
			v++;
		if (!strncmp(n, field, fl) && (n[fl] == ' ' || n[fl] == '\n'))
			return atoll(v);
		n = strchr(n, ' ');
		v = strchr(v, ' ');
	}
	return 0;
}

static int counters(int vm, int ns, int snmp, long long c[C_N])
{
	if (slurp(vm) < 0)
		return -1;
	c[C_THR] = vm_get("pgscan_direct_throttle");
	c[C_AS] = vm_get("allocstall_normal") + vm_get("allocstall_dma32");
	c[C_OUT] = vm_get("pswpout");
	c[C_IN] = vm_get("pswpin");
	c[C_OOM] = vm_get("oom_kill");
	if (slurp(ns) < 0)
		return -1;
	c[C_PF] = pair_get("TcpExt:", "PFMemallocDrop");
	c[C_TMP] = pair_get("TcpExt:", "TCPMemoryPressures");
	if (slurp(snmp) < 0)
		return -1;
	c[C_UDP] = pair_get("Udp:", "RcvbufErrors");
	return 0;
}

/*
 * To stderr: the console in the lab (stdout carries the normal end's
 * one line, which the scenario reads from a file).
 */
static void say(const char *s)
{
	size_t len = strlen(s);
	ssize_t n;

	while (len) {
		n = write(2, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* What the lab's init does once the scenario has exited. */
static void end_run(int ctl, int fail)
{
	char msg[32];

	snprintf(msg, sizeof(msg), "result %d\n", fail);
	if (write(ctl, msg, strlen(msg)) < 0)
		say("bench-reserve: watch: cannot write the result to /dev/ttyS1\n");
	sleep(1);	/* let the UART send it */
	if (!getenv("UDPFLOOD_TEST"))
		reboot(RB_POWER_OFF);
	kill(getppid(), SIGKILL);	/* test: the watchdog waits for this */
	_exit(getenv("UDPFLOOD_TEST") ? 0 : 1);
}

static void prefault_stack(void)
{
	volatile char pad[256 * 1024];
	size_t i;

	for (i = 0; i < sizeof(pad); i += 4096)
		pad[i] = 0;
}

static int do_watch(const char *dev, int stall, pid_t pid, int fail,
		    const char *label)
{
	static char line[4096], path[512];
	int zi, st, vm, ns, snmp, srq, ctl, pfd[2], i;
	long long base[C_N] = { 0 }, end[C_N], lo = 0, lo_res = 0, d, d_res;
	unsigned long long ios = 0, last = 0;
	double t0, quiet_since, t;
	pid_t child;
	char c;

	if (stall < 1 || pid <= 0)
		return usage();
	vmstat_ios = !strcmp(dev, "vmstat");
	if (vmstat_ios)
		snprintf(path, sizeof(path), "/proc/vmstat");
	else
		snprintf(path, sizeof(path), "/sys/block/%s/stat", dev);
	zi = open("/proc/zoneinfo", O_RDONLY);
	st = open(path, O_RDONLY);
	vm = open("/proc/vmstat", O_RDONLY);
	ns = open("/proc/net/netstat", O_RDONLY);
	snmp = open("/proc/net/snmp", O_RDONLY);
	srq = open(getenv("UDPFLOOD_TEST") ? "/dev/null" : "/proc/sysrq-trigger",
		   O_WRONLY);
	/* UDPFLOOD_TEST=FILE (host tests): FILE instead, no power-off */
	ctl = open(getenv("UDPFLOOD_TEST") ? getenv("UDPFLOOD_TEST") :
		   "/dev/ttyS1", O_WRONLY | O_NOCTTY | O_CREAT | O_APPEND, 0644);
	if (zi < 0 || st < 0 || vm < 0 || ns < 0 || snmp < 0 || srq < 0 ||
	    ctl < 0 || pipe(pfd)) {
		fprintf(stderr, "udpflood: watch: open: %s\n", strerror(errno));
		return 1;
	}
	if (zone_low(zi, &lo, &lo_res) || dev_ios(st, &last) ||
	    counters(vm, ns, snmp, base)) {
		fprintf(stderr, "udpflood: watch: cannot read /proc/zoneinfo, %s or the counters\n",
			path);
		return 1;
	}
	/* The deadline child: 30 s after the freeze, end the run anyway. */
	child = fork();
	if (child < 0) {
		fprintf(stderr, "udpflood: watch: fork: %s\n", strerror(errno));
		return 1;
	}
	if (child == 0) {
		close(pfd[1]);
		mlockall(MCL_CURRENT | MCL_FUTURE);
		prefault_stack();
		if (read(pfd[0], &c, 1) != 1)
			_exit(0);	/* the watchdog ended normally */
		for (i = 0; i < 300; i++) {
			struct timespec ts = { 0, 100000000 };
			ssize_t n;

			/* a second byte: the watchdog is done, go now */
			fcntl(pfd[0], F_SETFL, O_NONBLOCK);
			n = read(pfd[0], &c, 1);
			if (n == 1 || n == 0)
				break;
			nanosleep(&ts, NULL);
		}
		if (i == 300)
			say("bench-reserve: watch: counters not read in 30 s, ending the run\n");
		end_run(ctl, fail);
	}
	close(pfd[0]);
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		fprintf(stderr, "udpflood: watch: mlockall: %s (continuing)\n",
			strerror(errno));
	prefault_stack();
	t0 = quiet_since = now_s();
	while (kill(pid, 0) == 0 || errno != ESRCH) {
		struct timespec ts = { 0, 100000000 };

		nanosleep(&ts, NULL);
		t = now_s();
		if (zone_low(zi, &d, &d_res) == 0) {
			if (d < lo)
				lo = d;
			if (d_res < lo_res)
				lo_res = d_res;
		}
		if (dev_ios(st, &ios) == 0 && ios != last) {
			last = ios;
			quiet_since = t;
		}
		if (t - quiet_since < stall || zone_low(zi, &d, NULL) || d >= 0)
			continue;
		/* Frozen. */
		if (write(srq, "w", 1) < 0 || write(srq, "m", 1) < 0)
			say("bench-reserve: watch: sysrq failed\n");
		snprintf(line, sizeof(line),
			 "%s result=froze status=froze seconds=%.0f lowest_free_minus_min_pages=%lld lowest_free_minus_unboosted_min_pages=%lld free_minus_min_now=%lld no_io_s=%d\n",
			 label, t - t0, lo, lo_res, d, stall);
		say(line);
		c = 1;
		if (write(pfd[1], &c, 1) != 1)
			end_run(ctl, fail);
		kill(pid, SIGKILL);
		if (counters(vm, ns, snmp, end) == 0) {
			size_t len;

			snprintf(line, sizeof(line), "%s counters_after_freeze", label);
			for (i = 0; i < C_N; i++) {
				len = strlen(line);
				snprintf(line + len, sizeof(line) - len, " %s=%lld",
					 cname[i], end[i] - base[i]);
			}
			len = strlen(line);
			snprintf(line + len, sizeof(line) - len, "\n");
			say(line);
		}
		say("bench-reserve: later runs skipped (froze)\n");
		snprintf(line, sizeof(line), "bench-reserve: done fail=%d\n", fail);
		say(line);
		if (write(pfd[1], &c, 1) != 1)
			end_run(ctl, fail);
		for (;;)
			pause();	/* the child powers off */
	}
	close(pfd[1]);		/* the child exits */
	waitpid(child, NULL, 0);
	printf("lowest_free_minus_min_pages=%lld lowest_free_minus_unboosted_min_pages=%lld\n",
	       lo, lo_res);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]),
			       argc > 4 ? (size_t)strtoul(argv[4], NULL, 10) : 1472);
	if (argc == 4 && !strcmp(argv[1], "sink"))
		return do_sink(atoi(argv[2]), atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "tcpsink"))
		return do_tcpsink(atoi(argv[2]), atoi(argv[3]));
	if (argc == 5 && !strcmp(argv[1], "tcpsend"))
		return do_tcpsend(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc == 7 && !strcmp(argv[1], "watch"))
		return do_watch(argv[2], atoi(argv[3]), (pid_t)atoi(argv[4]),
				atoi(argv[5]), argv[6]);
	return usage();
}

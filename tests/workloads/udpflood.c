// SPDX-License-Identifier: GPL-2.0
/*
 * udpflood - unrelated network traffic for the reserve bench
 * (tests/scenarios/bench-reserve.sh).
 *
 *   udpflood send HOST PORT [BYTES]   send BYTES-sized datagrams (default
 *                                     1472: one MTU-sized frame each) to
 *                                     HOST:PORT as fast as it can, forever
 *   udpflood sink PORT RCVBUF_BYTES   bind PORT, set SO_RCVBUFFORCE (or
 *                                     SO_RCVBUF) and never read: the
 *                                     queue fills, then the kernel drops
 *
 * Send errors (ECONNREFUSED before the sink exists, ENOBUFS) are counted,
 * not fatal.  Exit: 64 bad usage, 1 setup error; otherwise runs until
 * killed.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SO_RCVBUFFORCE
#define SO_RCVBUFFORCE 33
#endif

static int usage(void)
{
	fprintf(stderr, "usage: udpflood send HOST PORT [BYTES] | sink PORT RCVBUF_BYTES\n");
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

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]),
			       argc > 4 ? (size_t)strtoul(argv[4], NULL, 10) : 1472);
	if (argc == 4 && !strcmp(argv[1], "sink"))
		return do_sink(atoi(argv[2]), atoi(argv[3]));
	return usage();
}

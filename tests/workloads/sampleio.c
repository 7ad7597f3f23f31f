/* The samplers' reads: see sampleio.h. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "sampleio.h"

int sample_read(int fd, char *buf, size_t size)
{
	ssize_t n = pread(fd, buf, size - 1, 0);

	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

long long sample_column(const char *line, int col)
{
	const char *p = line;
	char *end;
	long long v = -1;

	for (int i = 1; i <= col; i++) {
		errno = 0;
		v = strtoll(p, &end, 10);
		if (end == p || errno)
			return -1;
		p = end;
	}
	return v;
}

/* The samplers' reads (linkwatch, mirrorwatch): files kept open and
 * read whole with pread, and columns of a line of numbers, so that a
 * sample neither forks nor allocates. */
#ifndef SAMPLEIO_H
#define SAMPLEIO_H

#include <stddef.h>

/* The whole file at offset 0 into buf (NUL-terminated); -1 on error. */
int sample_read(int fd, char *buf, size_t size);

/* Column col (1-based) of a line of decimal numbers; -1 if absent. */
long long sample_column(const char *line, int col);

#endif

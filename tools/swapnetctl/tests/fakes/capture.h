/* SPDX-License-Identifier: GPL-2.0 */
/* Test-only: run a command with stdout and stderr captured. */
#ifndef SWAPNETCTL_TEST_CAPTURE_H
#define SWAPNETCTL_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct captured {
	int rc;
	char out[16384];
	char err[4096];
};

static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* argv: NULL-terminated, argv[0] is the command's name */
static void run_cmd(struct captured *c, int (*fn)(int, char **),
		    const char **argv)
{
	FILE *o = tmpfile(), *e = tmpfile();
	int so, se, argc = 0;
	char *args[32];

	while (argv[argc]) {
		args[argc] = (char *)argv[argc];
		argc++;
	}
	args[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fileno(o), 1);
	dup2(fileno(e), 2);
	c->rc = fn(argc, args);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	slurp(o, c->out, sizeof(c->out));
	slurp(e, c->err, sizeof(c->err));
}

#endif

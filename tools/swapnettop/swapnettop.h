/* SPDX-License-Identifier: GPL-2.0 */
/* Options and the two run modes (main.c parses, batch loop, ui.c). */
#ifndef SWAPNETTOP_H
#define SWAPNETTOP_H

#include <stdbool.h>

#define INTERVAL_MIN	0.1
/* -b and -j: seconds the first report's rates cover */
#define FIRST_INTERVAL	0.2
#define INTERVAL_MAX	3600.0
#define INTERVAL_STEP	0.5	/* + and - keys */

struct options {
	bool batch, json;
	bool pretty;		/* -p: indented JSON */
	long count;		/* reports; 0: until interrupted */
	double interval;	/* seconds */
	const char *root;	/* -R, NULL: live system */
};

/* Exit codes */
enum { EXIT_OK_ = 0, EXIT_USAGE = 1, EXIT_RUNTIME = 2 };

/*
 * Seconds as people write them: digits with at most one '.', within
 * INTERVAL_MIN..INTERVAL_MAX (no "1e3", "0x1", " 2", "inf").  0 or -1.
 */
int interval_parse(const char *s, double *out);

int run_batch(const struct options *o);
int run_interactive(const struct options *o);

#endif /* SWAPNETTOP_H */

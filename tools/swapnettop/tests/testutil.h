/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the unit tests: they run in tests/ (make test cds there), so
 * the fixture trees are fixtures/t0 (earlier sample) and fixtures/t1
 * (two seconds later).  The expected numbers are worked out by hand in
 * the tests' comments from the files in those trees.
 */
#ifndef SWAPNETTOP_TESTUTIL_H
#define SWAPNETTOP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parsers.h"
#include "procfs.h"
#include "snapshot.h"

#define FIX_T0 "fixtures/t0"
#define FIX_T1 "fixtures/t1"

/* Whole fixture file, malloc'd; fails the test when missing. */
static inline char *fixture(const char *tree, const char *path)
{
	char *text = procfs_slurp(tree, path);

	assert_non_null(text);
	return text;
}

/* A snapshot of a fixture tree taken at monotonic time mono. */
static inline struct snapshot *load_snapshot(const char *tree, double mono)
{
	struct snapshot *s = calloc(1, sizeof(*s));
	char err[256] = "";

	assert_non_null(s);
	if (snapshot_read_proc(s, tree, err, sizeof(err)))
		fail_msg("%s", err);
	s->mono = mono;
	s->wall = 1700000000;	/* 2023-11-14T22:13:20Z */
	return s;
}

#endif /* SWAPNETTOP_TESTUTIL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * textwrap: swapnetctl's text output within 80 columns (check, reserve):
 * words broken at spaces, later lines indented, and key-value lines
 * ("key value  key value") broken between pairs.
 */
#ifndef SWAPNETCTL_TEXTWRAP_H
#define SWAPNETCTL_TEXTWRAP_H

#include <stdio.h>

#define TEXT_COLS 80

/*
 * prefix, then text broken at spaces so that no line passes TEXT_COLS
 * (a word longer than that stands alone), later lines indented by indent
 * spaces; a newline at the end.  cols: the prefix's width on screen.
 */
void text_wrap(FILE *out, const char *prefix, int cols, int indent,
	       const char *text);

/*
 * Every line of text through text_wrap: its leading spaces the prefix,
 * its continuation lines indented 4 more.
 */
void text_wrap_lines(FILE *out, const char *text);

/*
 * Key-value pairs on lines of at most TEXT_COLS: the first line indented
 * by indent, pairs two spaces apart, a pair that does not fit starts a
 * line indented by cont.  Start with kv_begin, add pairs with
 * kv_add (printf-formatted value), end the last line with kv_end.
 */
struct kvline {
	FILE *out;
	int cont, col;
	int pairs;		/* on the current line */
};

void kv_begin(struct kvline *k, FILE *out, int indent, int cont);
void kv_add(struct kvline *k, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Start a new line (indented by cont) before the next pair. */
void kv_break(struct kvline *k);
void kv_end(struct kvline *k);

#endif /* SWAPNETCTL_TEXTWRAP_H */

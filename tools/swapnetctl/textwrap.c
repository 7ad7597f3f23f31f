// SPDX-License-Identifier: GPL-2.0
/* textwrap: text within 80 columns (textwrap.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "textwrap.h"

void text_wrap(FILE *out, const char *prefix, int cols, int indent,
	       const char *text)
{
	bool first = true;
	int col = cols;

	fputs(prefix, out);
	text += strspn(text, " ");
	while (*text) {
		size_t n = strcspn(text, " ");

		if (!first && col + 1 + (int)n > TEXT_COLS) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(text, 1, n, out);
		col += (int)n;
		first = false;
		text += n;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

void text_wrap_lines(FILE *out, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		size_t lead = strspn(text, " ");
		char *line = strndup(text, n);

		if (lead > n)
			lead = n;
		if (line) {
			char prefix[TEXT_COLS + 1];

			if (lead > TEXT_COLS)
				lead = TEXT_COLS;
			memset(prefix, ' ', lead);
			prefix[lead] = '\0';
			text_wrap(out, prefix, (int)lead, (int)lead + 4,
				  line + lead);
			free(line);
		}
		text += n + (text[n] == '\n');
	}
}

void kv_begin(struct kvline *k, FILE *out, int indent, int cont)
{
	*k = (struct kvline){ .out = out, .cont = cont, .col = indent };
	fprintf(out, "%*s", indent, "");
}

void kv_add(struct kvline *k, const char *key, const char *fmt, ...)
{
	char val[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	n = (int)(strlen(key) + 1 + strlen(val));
	if (k->pairs && k->col + 2 + n > TEXT_COLS) {
		fprintf(k->out, "\n%*s", k->cont, "");
		k->col = k->cont;
		k->pairs = 0;
	} else if (k->pairs) {
		fputs("  ", k->out);
		k->col += 2;
	}
	fprintf(k->out, "%s %s", key, val);
	k->col += n;
	k->pairs++;
}

void kv_break(struct kvline *k)
{
	if (!k->pairs)
		return;
	fprintf(k->out, "\n%*s", k->cont, "");
	k->col = k->cont;
	k->pairs = 0;
}

void kv_end(struct kvline *k)
{
	fputc('\n', k->out);
}

// SPDX-License-Identifier: GPL-2.0
/* stacked: swap areas over swapnet devices through md or dm (stacked.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readfile.h"
#include "rootpath.h"
#include "stacked.h"
#include "swaps.h"

#define STACK_DEPTH	6	/* dm over md over swapnet is 2 */

static int is_swapnet(const char *name)
{
	return strncmp(name, "swapnet", 7) == 0;
}

/* The block device's name of a /dev path: the last part of where it links. */
static int dev_name(const char *root, const char *path, char *name,
		    size_t len)
{
	char p[PATH_MAX], real[PATH_MAX];
	const char *base;

	if (root_path(p, sizeof(p), root, "%s", path))
		return -1;
	if (!realpath(p, real))
		return -1;
	base = strrchr(real, '/');
	base = base ? base + 1 : real;
	if (!*base || strlen(base) >= len)
		return -1;
	strcpy(name, base);
	return 0;
}

static void add_leg(struct stacked_swap *s, const char *leg)
{
	int i;

	for (i = 0; i < s->nlegs; i++)
		if (!strcmp(s->legs[i], leg))
			return;
	if (s->nlegs < STACKED_LEGS && strlen(leg) < sizeof(s->legs[0]))
		strcpy(s->legs[s->nlegs++], leg);
}

/* The swapnet devices below name (its slaves/, and theirs). */
static void find_legs(const char *root, const char *name, int depth,
		      struct stacked_swap *s)
{
	char dir[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (depth > STACK_DEPTH ||
	    root_path(dir, sizeof(dir), root, "/sys/class/block/%s/slaves",
		      name))
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (is_swapnet(de->d_name))
			add_leg(s, de->d_name);
		else
			find_legs(root, de->d_name, depth + 1, s);
	}
	closedir(d);
}

static int read_stable(const char *root, const char *name)
{
	char p[PATH_MAX], *t;
	int v = -1;

	if (root_path(p, sizeof(p), root,
		      "/sys/class/block/%s/queue/stable_writes", name))
		return -1;
	t = read_file(p);
	if (!t)
		return -1;
	if (t[0] == '0' || t[0] == '1')
		v = t[0] - '0';
	free(t);
	return v;
}

int stacked_swaps(const char *root, struct stacked_swap *out, int max)
{
	struct swaps_iter it;
	struct swaps_line l;
	char p[PATH_MAX], *text;
	int n = 0, r;

	if (root_path(p, sizeof(p), root, "/proc/swaps"))
		return -1;
	text = read_file(p);
	if (!text)
		return -1;
	swaps_begin(&it, text);
	while (n < max && (r = swaps_next(&it, &l)) != 0) {
		struct stacked_swap *s = &out[n];

		if (r < 0 || strcmp(l.type, "partition"))
			continue;
		memset(s, 0, sizeof(*s));
		if (dev_name(root, l.path, s->dev, sizeof(s->dev)) ||
		    is_swapnet(s->dev))
			continue;
		find_legs(root, s->dev, 0, s);
		if (!s->nlegs)
			continue;
		s->stable = read_stable(root, s->dev);
		n++;
	}
	free(text);
	return n;
}

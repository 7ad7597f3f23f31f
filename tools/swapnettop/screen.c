// SPDX-License-Identifier: GPL-2.0
/*
 * Layout at any size: header (memory, reserve bar, rates, sparklines),
 * zones, devices, newest event, status line.  Every number is drawn
 * whole or not at all: a row is a run of fields and a table a run of
 * columns, and a field or column that does not fit the width is left
 * out (as htop drops meters), never cut at the character.  Rows below
 * the screen are left out the same way, the two bottom rows kept for the
 * event and the keys.  Free text (a reason, an event, a path) that does
 * not fit ends in "..." so that a cut never reads as whole.  Colour only
 * when has_colors(); the bar's letters (t m l h) mark the thresholds so
 * it reads the same in monochrome.
 */
#include <inttypes.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "screen.h"
#include "zoneinfo.h"
#include "swapnettop.h"

#ifndef SWAPNETTOP_VERSION
#define SWAPNETTOP_VERSION "0"
#endif

enum { C_OK = 1, C_WARN, C_BAD, C_HEAD };

static bool colour;
static int utf8;

void screen_setup(void)
{
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	/* https://no-color.org: set and not empty means no colour */
	colour = has_colors() && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	if (colour) {
		start_color();
		use_default_colors();
		init_pair(C_OK, COLOR_GREEN, -1);
		init_pair(C_WARN, COLOR_YELLOW, -1);
		init_pair(C_BAD, COLOR_RED, -1);
		init_pair(C_HEAD, COLOR_CYAN, -1);
	}
}

void screen_init(void)
{
	initscr();
	screen_setup();
}

void screen_end(void)
{
	endwin();
}

static void style_on(int pair, int extra)
{
	if (colour && pair)
		attron(COLOR_PAIR(pair));
	if (extra)
		attron(extra);
}

static void style_off(int pair, int extra)
{
	if (colour && pair)
		attroff(COLOR_PAIR(pair));
	if (extra)
		attroff(extra);
}

/* Rows 0 .. LINES - 3 are the body; the last two the event and the keys. */
static bool body_row(int y)
{
	return y < LINES - 2;
}

/* Screen columns of s: the sparkline's blocks are one column each. */
static int cols(const char *s)
{
	size_t n = mbstowcs(NULL, s, 0);

	return n == (size_t)-1 ? (int)strlen(s) : (int)n;
}

/* Text at (y, x) only when it fits whole on the screen. */
static bool put_whole(int y, int x, const char *s)
{
	if (y < 0 || y >= LINES || x < 0 || x + cols(s) > COLS)
		return false;
	mvaddstr(y, x, s);
	return true;
}

/*
 * Free text at (y, x): whole, or cut with "..." at its end; nothing when
 * not even "x..." fits.
 */
static void put_cut(int y, int x, const char *s)
{
	int room = COLS - x;
	char buf[1024];

	if (y < 0 || y >= LINES || room < 4)
		return;
	if ((int)strlen(s) <= room) {
		mvaddstr(y, x, s);
		return;
	}
	if (room > (int)sizeof(buf) - 1)
		room = (int)sizeof(buf) - 1;
	snprintf(buf, (size_t)room - 2, "%s", s);
	strcat(buf, "...");
	mvaddstr(y, x, buf);
}

/* One row laid out as whole fields from the left. */
struct row {
	int y, x;
	bool first;
};

static struct row row_at(int y, int indent)
{
	struct row r = { .y = y, .x = indent, .first = true };

	return r;
}

/*
 * Add a field after sep (none before the row's first): drawn only when
 * separator and field fit whole, else left out and false.
 */
static bool field(struct row *r, const char *sep, int pair, int attr,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static bool field(struct row *r, const char *sep, int pair, int attr,
		  const char *fmt, ...)
{
	char buf[512];
	int x = r->x + (r->first ? 0 : (int)strlen(sep));
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (r->y >= LINES || x + cols(buf) > COLS)
		return false;
	if (!r->first)
		mvaddstr(r->y, r->x, sep);
	style_on(pair, attr);
	mvaddstr(r->y, x, buf);
	style_off(pair, attr);
	r->x = x + cols(buf);
	r->first = false;
	return true;
}

/*
 * A table: columns whose width is the widest of their heading and cells,
 * one space apart after an indent; the columns that fit whole are shown
 * from the left and the rest left out, heading and cells alike.
 */
#define TBL_COLS	10
#define TBL_CELL	48

struct table {
	int ncols, shown, indent;
	const char *head[TBL_COLS];
	bool left[TBL_COLS];		/* left-aligned (names) */
	int width[TBL_COLS];
};

typedef char cells_t[TBL_COLS][TBL_CELL];

static void table_init(struct table *t, int indent, int ncols,
		       const char *const *head, const bool *left)
{
	int i;

	memset(t, 0, sizeof(*t));
	t->indent = indent;
	t->ncols = ncols;
	for (i = 0; i < ncols; i++) {
		t->head[i] = head[i];
		t->left[i] = left[i];
		t->width[i] = (int)strlen(head[i]);
	}
}

static void table_measure(struct table *t, cells_t c)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		if ((int)strlen(c[i]) > t->width[i])
			t->width[i] = (int)strlen(c[i]);
}

static void table_fit(struct table *t)
{
	int x = t->indent, i;

	for (i = 0; i < t->ncols; i++) {
		x += (i ? 1 : 0) + t->width[i];
		if (x > COLS)
			break;
	}
	t->shown = i;
}

static void table_line(const struct table *t, int y, const char *const *c)
{
	char buf[TBL_COLS * (TBL_CELL + 1) + 64];
	size_t len = 0;
	int i;

	len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%*s",
				t->indent, "");
	for (i = 0; i < t->shown; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
					t->left[i] ? "%s%-*s" : "%s%*s",
					i ? " " : "", t->width[i], c[i]);
	/* a left-aligned last column: no padding after it */
	while (len && buf[len - 1] == ' ')
		buf[--len] = '\0';
	put_whole(y, 0, buf);
}

static void table_head(const struct table *t, int y, int attr)
{
	style_on(C_HEAD, attr);
	table_line(t, y, t->head);
	if (attr & A_REVERSE)	/* the heading bar spans the screen */
		mvhline(y, getcury(stdscr) == y ? getcurx(stdscr) : COLS,
			' ', COLS);
	style_off(C_HEAD, attr);
}

static void table_row(const struct table *t, int y, cells_t c)
{
	const char *p[TBL_COLS];
	int i;

	for (i = 0; i < t->ncols; i++)
		p[i] = c[i];
	table_line(t, y, p);
}

static int state_pair(enum reserve_state st)
{
	switch (st) {
	case RES_THROTTLED:
		return C_BAD;
	case RES_RESERVE:
	case RES_LOW:
		return C_WARN;
	default:
		return C_OK;
	}
}

/* "1.2G" style size from kB */
static void human_kb(uint64_t kb, char *buf, size_t len)
{
	if (kb >= 10ULL * 1024 * 1024)
		snprintf(buf, len, "%.0fG", (double)kb / (1024.0 * 1024.0));
	else if (kb >= 1024ULL * 1024)
		snprintf(buf, len, "%.1fG", (double)kb / (1024.0 * 1024.0));
	else if (kb >= 10 * 1024)
		snprintf(buf, len, "%.0fM", (double)kb / 1024.0);
	else
		snprintf(buf, len, "%" PRIu64 "K", kb);
}

/* "Reserve [###..m..l..h] STATE" */
static void draw_bar(int y, const struct reserve *r)
{
	const char *name = reserve_state_name(r->state);
	/* room for the longest state, so the bar keeps its width */
	int width = COLS - 22, i, filled;
	double scale = 2.0 * (double)r->high;
	char bar[1024];

	if (width > (int)sizeof(bar) - 1)
		width = (int)sizeof(bar) - 1;
	if (width < 4) {	/* no room for a bar: the state alone */
		struct row w = row_at(y, 0);

		field(&w, "", state_pair(r->state), A_BOLD, "%s", name);
		return;
	}
	filled = (int)(reserve_fill(r) * width + 0.5);
	for (i = 0; i < width; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[width] = '\0';
	if (scale > 0) {
		/* thresholds, drawn low to high so a crowded one stays visible */
		const struct { uint64_t v; char c; } mark[] = {
			{ r->high, 'h' }, { r->low, 'l' },
			{ r->min, 'm' }, { r->min / 2, 't' },
		};
		size_t k;

		for (k = 0; k < sizeof(mark) / sizeof(mark[0]); k++) {
			int pos = (int)((double)mark[k].v / scale * width);

			if (pos >= width)
				pos = width - 1;
			bar[pos] = mark[k].c;
		}
	}
	put_whole(y, 0, "Reserve [");
	style_on(state_pair(r->state), A_BOLD);
	put_whole(y, 9, bar);
	style_off(state_pair(r->state), A_BOLD);
	put_whole(y, 9 + width, "] ");
	style_on(state_pair(r->state), A_BOLD);
	put_whole(y, 11 + width, name);
	style_off(state_pair(r->state), A_BOLD);
}

static int draw_header(const struct view *v, const struct history *h,
		       const struct screen_state *st)
{
	char tot[16], fr[16], av[16], stot[16], sused[16], clock[32], buf[2048];
	const struct reserve *r = v->nnodes ? &v->nodes[v->worst] : NULL;
	int spark_w = COLS > 40 ? (COLS - 19) / 2 : 10;
	time_t now = v->wall;
	struct row w;
	struct tm tm;
	double max;
	int y = 0;

	w = row_at(y++, 0);
	style_on(C_HEAD, A_BOLD);
	field(&w, "", 0, 0, "swapnettop %s", SWAPNETTOP_VERSION);
	field(&w, "  ", 0, 0, "interval %.1f s", st->interval);
	if (st->paused)
		field(&w, "  ", 0, 0, "[PAUSED]");
	style_off(C_HEAD, A_BOLD);
	/* the clock only where it leaves the title whole */
	localtime_r(&now, &tm);
	strftime(clock, sizeof(clock), "%H:%M:%S  h: help", &tm);
	if (w.x + 2 <= COLS - (int)strlen(clock))
		put_whole(0, COLS - (int)strlen(clock), clock);

	if (!body_row(y))
		return y;
	human_kb(v->mem.mem_total_kb, tot, sizeof(tot));
	human_kb(v->mem.mem_free_kb, fr, sizeof(fr));
	human_kb(v->mem.mem_avail_kb, av, sizeof(av));
	human_kb(v->mem.swap_total_kb, stot, sizeof(stot));
	human_kb(v->mem.swap_total_kb > v->mem.swap_free_kb ?
		 v->mem.swap_total_kb - v->mem.swap_free_kb : 0,
		 sused, sizeof(sused));
	w = row_at(y++, 0);
	field(&w, "", 0, 0, "Mem total %s free %s avail %s", tot, fr, av);
	field(&w, "   ", 0, 0, "Swap total %s used %s", stot, sused);

	if (!body_row(y))
		return y;
	if (r) {
		draw_bar(y++, r);
		if (!body_row(y))
			return y;
		w = row_at(y++, 2);
		/* several nodes: the bar shows the deepest one */
		if (v->nnodes > 1)
			field(&w, "  ", 0, 0, "node %d free %" PRIu64 " pg",
			      r->node, r->free);
		else
			field(&w, "  ", 0, 0, "free %" PRIu64 " pg", r->free);
		field(&w, "  ", 0, 0, "min %" PRIu64, r->min);
		field(&w, "  ", 0, 0, "low %" PRIu64, r->low);
		field(&w, "  ", 0, 0, "high %" PRIu64, r->high);
		field(&w, "  ", 0, 0, "throttle <=%" PRIu64, r->min / 2);
	} else {
		put_cut(y++, 0, "Reserve: no zone up to Normal in zoneinfo");
	}

	if (!body_row(y))
		return y;
	w = row_at(y++, 2);
	if (v->min_free_kbytes >= 0)
		field(&w, "", 0, 0, "min_free_kbytes %ld now", v->min_free_kbytes);
	else
		field(&w, "", 0, 0, "min_free_kbytes n/a now");
	if (v->recommended_kb >= 0)
		field(&w, ", ", 0, 0, "recommended %ld", v->recommended_kb);
	else
		field(&w, ", ", 0, 0, "recommended n/a");

	if (!body_row(y))
		return y;
	w = row_at(y++, 0);
	field(&w, "", 0, 0, "Swap-in %.1f pg/s %.2f MiB/s", v->pswpin_ps,
	      v->swapin_mib_s);
	field(&w, "   ", 0, 0, "Swap-out %.1f pg/s %.2f MiB/s", v->pswpout_ps,
	      v->swapout_mib_s);

	if (!body_row(y))
		return y;
	w = row_at(y++, 0);
	field(&w, "", 0, 0, "Throttled %.1f/s", v->throttle_ps);
	field(&w, "  ", 0, 0, "Allocstall %.1f/s", v->allocstall_ps);
	if (v->have_pfmemalloc_drop)
		field(&w, "  ", 0, 0, "PFMemallocDrop %.1f/s",
		      v->pfmemalloc_drop_ps);
	else
		field(&w, "  ", 0, 0, "PFMemallocDrop n/a");
	field(&w, "  ", v->oom_kills ? C_BAD : 0, v->oom_kills ? A_BOLD : 0,
	      "OOM kills %" PRIu64, v->oom_kills);
	if (v->have_allocfail)
		field(&w, "  ", v->allocfail.nic_refill ? C_BAD : 0, 0,
		      "AllocFail %" PRIu64 " (NIC refill %" PRIu64 ")",
		      v->allocfail.total, v->allocfail.nic_refill);
	else
		field(&w, "  ", 0, 0, "AllocFail n/a");

	if (!body_row(y))
		return y;
	/* both histories on one row; swap-out scaled to its own peak */
	max = history_max(h, h->swapout, (size_t)spark_w);
	w = row_at(y++, 0);
	field(&w, "", 0, 0, "swap-out %s",
	      sparkline(h, h->swapout, (size_t)spark_w, max, utf8, buf,
			sizeof(buf)));
	if (w.x < spark_w + 9)	/* the second one in its own place */
		w.x = spark_w + 9;
	field(&w, " ", 0, 0, "reserve %s",
	      sparkline(h, h->fill, (size_t)spark_w, 1.0, utf8, buf,
			sizeof(buf)));
	return y;
}

static int draw_zones(const struct view *v, int y)
{
	static const char *const head[] = {
		"ZONE", "NODE", "FREE", "MIN", "LOW", "HIGH", "ATOMIC",
	};
	static const bool left[7] = { true };
	static cells_t c[ST_MAX_ZONES];
	struct table t;
	size_t i, n = 0;

	table_init(&t, 0, 7, head, left);
	for (i = 0; i < v->nzones; i++) {
		const struct st_zone *z = &v->zones[i];

		if (!z->managed)
			continue;
		snprintf(c[n][0], TBL_CELL, "%s", z->name);
		snprintf(c[n][1], TBL_CELL, "%d", z->node);
		snprintf(c[n][2], TBL_CELL, "%" PRIu64, z->free);
		snprintf(c[n][3], TBL_CELL, "%" PRIu64, z->min);
		snprintf(c[n][4], TBL_CELL, "%" PRIu64, z->low);
		snprintf(c[n][5], TBL_CELL, "%" PRIu64, z->high);
		/* free above 3/8 of the unboosted min: GFP_ATOMIC's floor */
		snprintf(c[n][6], TBL_CELL, "%lld", (long long)z->free -
			 (long long)zoneinfo_atomic_floor(z->min, z->boost));
		table_measure(&t, c[n]);
		n++;
	}
	table_fit(&t);
	table_head(&t, y++, A_REVERSE);
	for (i = 0; i < n && body_row(y); i++)
		table_row(&t, y++, c[i]);
	return y;
}

/*
 * A device name in width columns: /dev/ dropped when that is enough,
 * else the tail of the path behind "..." so that a cut path never reads
 * like a real one (/nfs/a/very/long/swapfile -> ...long/swapfile).
 */
static const char *short_name(const char *name, size_t width, char *buf,
			      size_t buflen)
{
	size_t len = strlen(name);

	if (!strncmp(name, "/dev/", 5) && len - 5 <= width)
		return name + 5;
	if (len <= width || width <= 3 || width >= buflen)
		return name;
	snprintf(buf, buflen, "...%s", name + len - (width - 3));
	return buf;
}

static void rpc_cells(cells_t c, const char *op, const struct rpc_rate *r)
{
	snprintf(c[0], TBL_CELL, "%s", op);
	snprintf(c[1], TBL_CELL, "%.1f", r->ops_s);
	snprintf(c[2], TBL_CELL, "%.1f", r->kb_s);
	snprintf(c[3], TBL_CELL, "%.1f", r->kb_op);
	snprintf(c[4], TBL_CELL, "%" PRIu64 "(%.1f%%)", r->retrans,
		 r->retrans_pct);
	snprintf(c[5], TBL_CELL, "%.2f", r->rtt_ms);
	snprintf(c[6], TBL_CELL, "%.2f", r->exe_ms);
}

/* The NFS client's READ and WRITE under a native NFS swapfile. */
static int draw_rpc(const struct view_dev *d, int y)
{
	static const char *const head[] = {
		"op", "ops/s", "kB/s", "kB/op", "retrans", "avg RTT (ms)",
		"avg exe (ms)",
	};
	static const bool left[7] = { true };
	cells_t c[2];
	struct table t;
	int i;

	if (!d->have_rpc) {
		char buf[ST_PATH_MAX + 64];

		snprintf(buf, sizeof(buf), "on %s: no RPC stats in mountstats",
			 d->mnt);
		put_cut(y++, 4, buf);
		return y;
	}
	table_init(&t, 4, 7, head, left);
	rpc_cells(c[0], "READ", &d->rpc_read);
	rpc_cells(c[1], "WRITE", &d->rpc_write);
	for (i = 0; i < 2; i++)
		table_measure(&t, c[i]);
	table_fit(&t);
	table_head(&t, y++, 0);
	for (i = 0; i < 2 && body_row(y); i++)
		table_row(&t, y++, c[i]);
	return y;
}

static void dev_cells(const struct view_dev *d, cells_t c)
{
	char used[16], size[16], nbuf[16];

	snprintf(c[0], TBL_CELL, "%s",
		 short_name(d->name, 14, nbuf, sizeof(nbuf)));
	snprintf(c[1], TBL_CELL, "%s", st_kind_name(d->kind));
	human_kb(d->size_kb, size, sizeof(size));
	if (d->swapped_on) {
		human_kb(d->used_kb, used, sizeof(used));
		snprintf(c[2], TBL_CELL, "%s/%s", used, size);
		snprintf(c[3], TBL_CELL, "%d", d->prio);
	} else {
		snprintf(c[2], TBL_CELL, "off/%s", size);
		snprintf(c[3], TBL_CELL, "-");
	}
	if (!d->have_net) {
		int i;

		for (i = 4; i < 10; i++)
			snprintf(c[i], TBL_CELL, "-");
		return;
	}
	snprintf(c[4], TBL_CELL, "%.1f", d->ops_s);
	snprintf(c[5], TBL_CELL, "%.1f", d->kb_s);
	if (d->rtt_valid)
		snprintf(c[6], TBL_CELL, "%.1f/%.1f", d->rtt_avg_ms,
			 d->rtt_max_ms);
	else
		snprintf(c[6], TBL_CELL, "-/%.1f", d->rtt_max_ms);
	snprintf(c[7], TBL_CELL, "%" PRIu64, d->retrans);
	snprintf(c[8], TBL_CELL, "%" PRIu32, d->inflight);
	/* WRITEs waiting for a place in flight (swapnet(4): parked) */
	if (d->have_parked)
		snprintf(c[9], TBL_CELL, "%" PRIu32, d->parked_writes);
	else
		snprintf(c[9], TBL_CELL, "-");
}

/*
 * "    for swap, swap-activated  parked_writes_max N": what the device
 * is attached for, loud when a device for swap is not swap-activated
 * (its writes cannot use the reserve), and the most WRITEs parked.
 */
static void draw_swap(const struct view_dev *d, int y)
{
	struct row w = row_at(y, 4);
	bool bad = d->for_swap && d->swap_active == 0;

	if (!field(&w, "", 0, 0, "%s", d->for_swap ? "for swap" :
		   "not for swap"))
		return;
	if (d->swap_active >= 0 &&
	    !field(&w, ", ", bad ? C_BAD : 0, bad ? A_BOLD : 0, "%s",
		   d->swap_active ? "swap-activated" : "NOT swap-activated"))
		return;
	if (d->have_parked)
		field(&w, "  ", 0, 0, "parked_writes_max %" PRIu32,
		      d->parked_writes_max);
}

/* "    server NAME: STATE: reason", the state loud unless OK */
static void draw_server(const struct view_dev *d, int y)
{
	bool ok = d->state == SWAPNET_STATE_OK;
	/* FAILED: pages are being lost, as loud as it gets */
	int attr = d->state == SWAPNET_STATE_FAILED ? A_BOLD | A_REVERSE :
		   A_BOLD;
	struct row w = row_at(y, 4);

	if (!field(&w, "", 0, 0, "server %s:", d->server[0] ? d->server : "?"))
		return;
	if (!field(&w, " ", ok ? C_OK : C_BAD, attr, "%s%s",
		   swapnet_state_name(d->state), d->reason[0] ? ":" : ""))
		return;
	if (d->reason[0] && w.x + 1 < COLS) {
		style_on(ok ? C_OK : C_BAD, attr);
		put_cut(y, w.x + 1, d->reason);
		style_off(ok ? C_OK : C_BAD, attr);
		return;
	}
	/* who owns the file, and how fresh its heartbeat is */
	if (d->owner[0] && d->owner_age_valid)
		field(&w, "  ", 0, 0, "owner %s, heartbeat %.1f s ago",
		      d->owner, (double)d->owner_age_ms / 1000.0);
	else if (d->owner[0])
		field(&w, "  ", 0, 0, "owner %s", d->owner);
}

static int draw_devices(const struct view *v, int y)
{
	static const char *const head[] = {
		"DEVICE", "KIND", "USED/SIZE", "PRIO", "OPS/S", "KB/S",
		"RTT ms av/mx", "RETR", "INFL", "PARK",
	};
	static const bool left[10] = { true, true };
	static cells_t c[VIEW_MAX_DEVS];
	struct table t;
	size_t i;

	table_init(&t, 0, 10, head, left);
	for (i = 0; i < v->ndevs; i++) {
		dev_cells(&v->devs[i], c[i]);
		table_measure(&t, c[i]);
	}
	table_fit(&t);
	table_head(&t, y++, A_REVERSE);
	if (!v->ndevs && body_row(y))
		put_whole(y++, 0, "  no swap areas");
	for (i = 0; i < v->ndevs && body_row(y); i++) {
		const struct view_dev *d = &v->devs[i];

		table_row(&t, y++, c[i]);
		if (!body_row(y))
			break;
		if (d->kind == ST_KIND_SWAPNET && d->have_net) {
			draw_server(d, y++);
			if (body_row(y))
				draw_swap(d, y++);
		} else if (d->kind == ST_KIND_NFS)
			y = draw_rpc(d, y);
	}
	/* mirror=: one line per md array over swapnet devices */
	for (i = 0; i < v->nmirrors && body_row(y); i++) {
		const struct mdm_state *m = &v->mirrors[i];
		struct row w = row_at(y++, 2);
		char text[256];

		mdm_describe(m, v->wall, text, sizeof(text));
		field(&w, "", 0, 0, "mirror %s%s%s", m->md,
		      m->name[0] ? " " : "", m->name);
		field(&w, "  ", m->status == MDM_IN_SYNC ? C_OK :
		      m->status == MDM_RESYNCING ? C_WARN : C_BAD, A_BOLD,
		      "%s", text);
	}
	return y;
}

static void draw_footer(const struct view *v, const struct evlog *log,
			const struct screen_state *st)
{
	const struct evlog_entry *e = evlog_get(log, log->next_seq - 1);
	char when[16], buf[EVLOG_TEXT + 32];
	struct tm tm;

	if (LINES >= 2 && e) {
		bool bad = strstr(e->text, "NOT RESPONDING") ||
			   strstr(e->text, "FAILED") ||
			   strstr(e->text, "LOST A PAGE");

		localtime_r(&e->when, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		snprintf(buf, sizeof(buf), "Event %s %s", when, e->text);
		style_on(bad ? C_BAD : 0, bad ? A_BOLD : 0);
		put_cut(LINES - 2, 0, buf);
		style_off(bad ? C_BAD : 0, bad ? A_BOLD : 0);
	} else if (LINES >= 2 && v->net_status != ST_NET_OK) {
		snprintf(buf, sizeof(buf), "swapnet stats %s: %s",
			 v->net_status == ST_NET_DISABLED ? "off" :
			 "unavailable", v->net_msg);
		put_cut(LINES - 2, 0, buf);
	}
	style_on(0, A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	if (st->message[0]) {
		put_cut(LINES - 1, 0, st->message);
	} else {
		struct row w = row_at(LINES - 1, 0);

		field(&w, "", 0, 0, "q quit");
		field(&w, "  ", 0, 0, "d/+/- interval");
		field(&w, "  ", 0, 0, "p pause");
		field(&w, "  ", 0, 0, "h help");
	}
	style_off(0, A_REVERSE);
}

static void draw_help(const struct screen_state *st)
{
	static const char *const lines[] = {
		"swapnettop - keys",
		"",
		"  q        quit",
		"  d        type a new interval in seconds",
		"  + / -    interval up / down by 0.5 s",
		"  p        pause / resume sampling",
		"  h or ?   this help (any key returns)",
		"",
		"Reserve bar: free pages of the zones up to Normal on a scale",
		"of twice their summed high watermark.  t = min/2 (below it",
		"direct reclaimers are throttled), m = min (below it only the",
		"reserve is left), l = low (kswapd wakes), h = high.",
		"",
		"Devices: swapnet = /dev/swapnetN (stats over netlink),",
		"nfs = swapfile on an NFS mount (RPC stats from mountstats),",
		"nbd = /dev/nbdN, other = anything else.",
		"",
		"A field or column that does not fit the width is left out.",
	};
	char buf[64];
	size_t i;

	erase();
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]) &&
		    (int)i < LINES - 1; i++) {
		if (!i)
			style_on(C_HEAD, A_BOLD);
		put_cut((int)i, 0, lines[i]);
		if (!i)
			style_off(C_HEAD, A_BOLD);
	}
	snprintf(buf, sizeof(buf), "interval %.1f s%s", st->interval,
		 st->paused ? "  [PAUSED]" : "");
	put_whole(LINES - 1, 0, buf);
	refresh();
}

void screen_draw(const struct view *v, const struct history *h,
		 const struct evlog *log, const struct screen_state *st)
{
	int y;

	if (st->help) {
		draw_help(st);
		return;
	}
	erase();
	y = draw_header(v, h, st);
	if (zswap_shown(&v->zswap) && body_row(y)) {
		const struct st_zswap *z = &v->zswap;
		struct row w = row_at(y++, 0);

		field(&w, "", 0, 0, "Zswap %s%s%s%s", z->enabled ? "on" : "off",
		      z->compressor[0] ? " (" : "", z->compressor,
		      z->compressor[0] ? ")" : "");
		if (z->have_pool)
			field(&w, "  ", 0, 0, "pool %.1f MiB",
			      (double)z->pool_kb / 1024.0);
		else
			field(&w, "  ", 0, 0, "pool n/a");
		if (z->have_stored)
			field(&w, "  ", 0, 0, "stored %" PRIu64 " pg",
			      z->stored_pages);
		else
			field(&w, "  ", 0, 0, "stored n/a");
		if (z->have_written_back)
			field(&w, "  ", 0, 0, "written back %" PRIu64 " pg",
			      z->written_back_pages);
		else
			field(&w, "  ", 0, 0, "written back n/a");
	}
	if (body_row(y))
		y = draw_zones(v, y);
	if (body_row(y))
		draw_devices(v, y);
	draw_footer(v, log, st);
	refresh();
}

int screen_prompt_interval(double *out)
{
	static const char label[] = "Interval in seconds (0.1-3600): ";
	char buf[20] = "", line[sizeof(label) + sizeof(buf)];
	size_t len = 0;
	int ch, ret = 0;

	move(LINES - 1, 0);
	clrtoeol();
	put_cut(LINES - 1, 0, label);
	nodelay(stdscr, FALSE);
	set_escdelay(50);
	curs_set(1);
	/* our own line editor: Escape cancels, which getnstr cannot do */
	for (;;) {
		ch = getch();
		if (ch == 27 || ch == ERR) {
			ret = 1;
			break;
		}
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len)
			buf[--len] = '\0';
		else if (ch >= ' ' && ch < 127 && len < sizeof(buf) - 1)
			buf[len++] = (char)ch;
		move(LINES - 1, 0);
		clrtoeol();
		snprintf(line, sizeof(line), "%s%s", label, buf);
		put_cut(LINES - 1, 0, line);
	}
	curs_set(0);
	nodelay(stdscr, TRUE);
	if (ret)
		return 1;
	return interval_parse(buf, out);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Layout for 80x24 and up: header (memory, reserve bar, rates,
 * sparklines), zones, devices, newest events, status line.  Colour only
 * when has_colors(); the bar's letters (t m l h) mark the thresholds so it
 * reads the same in monochrome.
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
#include "swapnettop.h"

#ifndef SWAPNETTOP_VERSION
#define SWAPNETTOP_VERSION "0"
#endif

enum { C_OK = 1, C_WARN, C_BAD, C_HEAD };

static bool colour;
static int utf8;

void screen_init(void)
{
	initscr();
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

/* printf at (y, x), clipped to the screen width. */
static void put(int y, int x, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void put(int y, int x, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (y >= LINES || x >= COLS)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	mvaddnstr(y, x, buf, COLS - x);
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

static void draw_bar(int y, const struct reserve *r)
{
	int width = COLS - 22, i, filled;
	double scale = 2.0 * (double)r->high;
	char *bar;

	if (width < 10)
		width = 10;
	bar = malloc((size_t)width + 1);
	if (!bar)
		return;
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
	put(y, 0, "Reserve [");
	style_on(state_pair(r->state), A_BOLD);
	put(y, 9, "%s", bar);
	style_off(state_pair(r->state), A_BOLD);
	put(y, 9 + width, "] ");
	style_on(state_pair(r->state), A_BOLD);
	put(y, 11 + width, "%s", reserve_state_name(r->state));
	style_off(state_pair(r->state), A_BOLD);
	free(bar);
}

static int draw_header(const struct view *v, const struct history *h,
		       const struct screen_state *st)
{
	char tot[16], fr[16], av[16], stot[16], sused[16], clock[16], buf[2048];
	const struct reserve *r = v->nnodes ? &v->nodes[v->worst] : NULL;
	time_t now = v->wall;
	struct tm tm;
	size_t spark_w = COLS > 40 ? ((size_t)COLS - 19) / 2 : 10;
	double max;

	localtime_r(&now, &tm);
	strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "swapnettop %s  interval %.1f s%s",
		 SWAPNETTOP_VERSION, st->interval,
		 st->paused ? "  [PAUSED]" : "");
	style_on(C_HEAD, A_BOLD);
	put(0, 0, "%s", buf);
	style_off(C_HEAD, A_BOLD);
	/* the clock only where it leaves the title whole */
	if ((int)strlen(buf) + 2 <= COLS - 18)
		put(0, COLS - 18, "%s  h: help", clock);

	human_kb(v->mem.mem_total_kb, tot, sizeof(tot));
	human_kb(v->mem.mem_free_kb, fr, sizeof(fr));
	human_kb(v->mem.mem_avail_kb, av, sizeof(av));
	human_kb(v->mem.swap_total_kb, stot, sizeof(stot));
	human_kb(v->mem.swap_total_kb > v->mem.swap_free_kb ?
		 v->mem.swap_total_kb - v->mem.swap_free_kb : 0,
		 sused, sizeof(sused));
	put(1, 0, "Mem total %s free %s avail %s   Swap total %s used %s",
	    tot, fr, av, stot, sused);
	if (r) {
		draw_bar(2, r);
		/* several nodes: the bar shows the deepest one */
		if (v->nnodes > 1)
			snprintf(buf, sizeof(buf), "node %d ", r->node);
		else
			buf[0] = '\0';
		put(3, 0, "  %sfree %" PRIu64 " pg  min %" PRIu64 "  low %" PRIu64
		    "  high %" PRIu64 "  throttle <=%" PRIu64, buf, r->free,
		    r->min, r->low, r->high, r->min / 2);
	} else {
		put(2, 0, "Reserve: no zone up to Normal in zoneinfo");
	}
	if (v->recommended_kb >= 0)
		snprintf(buf, sizeof(buf), "%ld", v->recommended_kb);
	else
		snprintf(buf, sizeof(buf), "n/a");
	if (v->min_free_kbytes >= 0)
		put(4, 0, "  min_free_kbytes %ld now, recommended %s",
		    v->min_free_kbytes, buf);
	else
		put(4, 0, "  min_free_kbytes n/a now, recommended %s", buf);

	put(5, 0, "Swap-in  %8.1f pg/s %7.2f MiB/s   Swap-out %8.1f pg/s %7.2f MiB/s",
	    v->pswpin_ps, v->swapin_mib_s, v->pswpout_ps, v->swapout_mib_s);
	if (v->have_pfmemalloc_drop)
		snprintf(buf, sizeof(buf), "%.1f/s", v->pfmemalloc_drop_ps);
	else
		snprintf(buf, sizeof(buf), "n/a");
	put(6, 0, "Throttled %.1f/s  Allocstall %.1f/s  PFMemallocDrop %s  ",
	    v->throttle_ps, v->allocstall_ps, buf);
	/* a clipped line leaves the cursor on the next one: nothing more */
	if (getcury(stdscr) == 6) {
		style_on(v->oom_kills ? C_BAD : 0, v->oom_kills ? A_BOLD : 0);
		put(6, getcurx(stdscr), "OOM kills %" PRIu64, v->oom_kills);
		style_off(v->oom_kills ? C_BAD : 0, v->oom_kills ? A_BOLD : 0);
	}

	/* both histories on one row; swap-out scaled to its own peak */
	max = history_max(h, h->swapout, spark_w);
	put(7, 0, "swap-out %s", sparkline(h, h->swapout, spark_w, max, utf8,
					   buf, sizeof(buf)));
	put(7, (int)spark_w + 10, "reserve %s",
	    sparkline(h, h->fill, spark_w, 1.0, utf8, buf, sizeof(buf)));
	return 8;
}

static int draw_zones(const struct view *v, int y)
{
	size_t i;

	style_on(C_HEAD, A_REVERSE);
	put(y, 0, "%-8s %4s %12s %10s %10s %10s%*s", "ZONE", "NODE", "FREE",
	    "MIN", "LOW", "HIGH", COLS > 60 ? COLS - 60 : 0, "");
	style_off(C_HEAD, A_REVERSE);
	y++;
	for (i = 0; i < v->nzones && y < LINES - 2; i++) {
		const struct st_zone *z = &v->zones[i];

		if (!z->managed)
			continue;
		put(y++, 0, "%-8s %4d %12" PRIu64 " %10" PRIu64 " %10" PRIu64
		    " %10" PRIu64, z->name, z->node, z->free, z->min, z->low,
		    z->high);
	}
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

static int draw_rpc(int y, const char *op, const struct rpc_rate *r)
{
	char retrans[32];

	snprintf(retrans, sizeof(retrans), "%" PRIu64 " (%.1f%%)", r->retrans,
		 r->retrans_pct);
	put(y, 0, "    %-5s %8.1f %9.1f %7.1f %12s %12.2f %12.2f", op,
	    r->ops_s, r->kb_s, r->kb_op, retrans, r->rtt_ms, r->exe_ms);
	return y + 1;
}

static int draw_dev(const struct view_dev *d, int y)
{
	char used[16], size[16], us[40], rtt[32], prio[16], nbuf[16];

	human_kb(d->size_kb, size, sizeof(size));
	if (d->swapped_on) {
		human_kb(d->used_kb, used, sizeof(used));
		snprintf(us, sizeof(us), "%s/%s", used, size);
		snprintf(prio, sizeof(prio), "%d", d->prio);
	} else {
		snprintf(us, sizeof(us), "off/%s", size);
		snprintf(prio, sizeof(prio), "-");
	}
	if (d->have_net) {
		if (d->rtt_valid)
			snprintf(rtt, sizeof(rtt), "%.1f/%.1f", d->rtt_avg_ms,
				 d->rtt_max_ms);
		else
			snprintf(rtt, sizeof(rtt), "-/%.1f", d->rtt_max_ms);
		put(y++, 0, "%-14s %-7s %10s %4s %7.1f %7.1f %12s %4" PRIu64
		    " %4u", short_name(d->name, 14, nbuf, sizeof(nbuf)), st_kind_name(d->kind), us,
		    prio, d->ops_s, d->kb_s, rtt, d->retrans, d->inflight);
	} else {
		put(y++, 0, "%-14s %-7s %10s %4s %7s %7s %12s %4s %4s",
		    short_name(d->name, 14, nbuf, sizeof(nbuf)), st_kind_name(d->kind), us, prio,
		    "-", "-", "-", "-", "-");
	}
	if (y >= LINES - 2)
		return y;
	if (d->kind == ST_KIND_SWAPNET && d->have_net) {
		bool ok = d->state == SWAPNET_STATE_OK;
		/* FAILED: pages are being lost, as loud as it gets */
		int attr = d->state == SWAPNET_STATE_FAILED ?
			   A_BOLD | A_REVERSE : A_BOLD;
		int x;

		put(y, 0, "    server %s: ", d->server[0] ? d->server : "?");
		x = getcury(stdscr) == y ? getcurx(stdscr) : COLS;
		style_on(ok ? C_OK : C_BAD, attr);
		if (x < COLS && d->reason[0])
			put(y, x, "%s: %s", swapnet_state_name(d->state),
			    d->reason);
		else if (x < COLS)
			put(y, x, "%s", swapnet_state_name(d->state));
		style_off(ok ? C_OK : C_BAD, attr);
		y++;
	} else if (d->kind == ST_KIND_NFS) {
		if (!d->have_rpc) {
			put(y++, 0, "    on %s: no RPC stats in mountstats",
			    d->mnt);
			return y;
		}
		put(y++, 0, "    %-5s %8s %9s %7s %12s %12s %12s", "op",
		    "ops/s", "kB/s", "kB/op", "retrans", "avg RTT (ms)",
		    "avg exe (ms)");
		if (y < LINES - 2)
			y = draw_rpc(y, "READ", &d->rpc_read);
		if (y < LINES - 2)
			y = draw_rpc(y, "WRITE", &d->rpc_write);
	}
	return y;
}

static int draw_devices(const struct view *v, int y)
{
	size_t i;

	style_on(C_HEAD, A_REVERSE);
	put(y, 0, "%-14s %-7s %10s %4s %7s %7s %12s %4s %4s%*s", "DEVICE",
	    "KIND", "USED/SIZE", "PRIO", "OPS/S", "KB/S", "RTT ms av/mx",
	    "RETR", "INFL", COLS > 78 ? COLS - 78 : 0, "");
	style_off(C_HEAD, A_REVERSE);
	y++;
	if (!v->ndevs && y < LINES - 2)
		put(y++, 0, "  no swap areas");
	for (i = 0; i < v->ndevs && y < LINES - 2; i++)
		y = draw_dev(&v->devs[i], y);
	return y;
}

static void draw_footer(const struct view *v, const struct evlog *log,
			const struct screen_state *st)
{
	const struct evlog_entry *e = evlog_get(log, log->next_seq - 1);
	char when[16];
	struct tm tm;

	if (e) {
		bool bad = strstr(e->text, "NOT RESPONDING") ||
			   strstr(e->text, "FAILED");

		localtime_r(&e->when, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		style_on(bad ? C_BAD : 0, bad ? A_BOLD : 0);
		put(LINES - 2, 0, "Event %s %s", when, e->text);
		style_off(bad ? C_BAD : 0, bad ? A_BOLD : 0);
	} else if (v->net_status != ST_NET_OK) {
		put(LINES - 2, 0, "swapnet stats %s: %s",
		    v->net_status == ST_NET_DISABLED ? "off" : "unavailable",
		    v->net_msg);
	}
	style_on(0, A_REVERSE);
	put(LINES - 1, 0, "%-*s", COLS,
	    st->message[0] ? st->message :
	    "q quit  d/+/- interval  p pause  h help");
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
	};
	size_t i;

	erase();
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		if (!i)
			style_on(C_HEAD, A_BOLD);
		put((int)i, 0, "%s", lines[i]);
		if (!i)
			style_off(C_HEAD, A_BOLD);
	}
	put(LINES - 1, 0, "interval %.1f s%s", st->interval,
	    st->paused ? "  [PAUSED]" : "");
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
	if (zswap_shown(&v->zswap) && y < LINES - 2) {
		char zs[160];

		zswap_format(&v->zswap, zs, sizeof(zs));
		put(y++, 0, "%s", zs);
	}
	if (y < LINES - 2)
		y = draw_zones(v, y);
	if (y < LINES - 2)
		y = draw_devices(v, y);
	draw_footer(v, log, st);
	refresh();
}

int screen_prompt_interval(double *out)
{
	static const char label[] = "Interval in seconds (0.1-3600): ";
	char buf[20] = "";
	size_t len = 0;
	int ch, ret = 0;

	move(LINES - 1, 0);
	clrtoeol();
	put(LINES - 1, 0, "%s", label);
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
		put(LINES - 1, 0, "%s%s", label, buf);
	}
	curs_set(0);
	nodelay(stdscr, TRUE);
	if (ret)
		return 1;
	return interval_parse(buf, out);
}

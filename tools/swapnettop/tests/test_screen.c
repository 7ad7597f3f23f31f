// SPDX-License-Identifier: GPL-2.0
/*
 * The interactive screen at every width from 40 to 200 columns and a few
 * heights, drawn by ncurses into a terminal that writes to /dev/null and
 * read back cell by cell: every number shown is whole (a field or column
 * that does not fit is left out, never cut), every heading stands over
 * its values, and at 200x50 everything is there.
 */
#include <curses.h>
#include <locale.h>

#include "history.h"
#include "screen.h"
#include "testutil.h"
#include "view.h"

#define MAXW 200
#define MAXH 60

static char text[MAXH][MAXW + 1];
static int rows, width;

static void grab(void)
{
	int y;

	for (y = 0; y < LINES; y++) {
		int n = mvinnstr(y, 0, text[y], COLS);
		char *e;

		if (n < 0)
			n = 0;
		text[y][n] = '\0';
		for (e = text[y] + n; e > text[y] && e[-1] == ' ';)
			*--e = '\0';
		assert_true((int)strlen(text[y]) <= COLS);
	}
	rows = LINES;
	width = COLS;
}

static void fail_at(int y, const char *what)
{
	int i;

	for (i = 0; i < rows; i++)
		print_message("%2d|%s\n", i, text[i]);
	fail_msg("%dx%d row %d: %s", width, rows, y, what);
}

/*
 * Wherever label appears above the event and keys rows, the value
 * follows it whole: "label value" and then the line's end, a space or a
 * comma.
 */
static int check_pair(const char *label, const char *sep, const char *value)
{
	int y, seen = 0;

	for (y = 0; y < rows - 2; y++) {
		const char *p = text[y];

		while ((p = strstr(p, label))) {
			const char *q = p + strlen(label);
			char end;

			if (*q == '_' || (*q >= 'a' && *q <= 'z')) {
				p = q;	/* a longer word: not this label */
				continue;
			}
			if (strncmp(q, sep, strlen(sep)) ||
			    strncmp(q + strlen(sep), value, strlen(value)))
				fail_at(y, label);
			end = q[strlen(sep) + strlen(value)];
			if (end && end != ' ' && end != ',')
				fail_at(y, label);
			seen++;
			p = q;
		}
	}
	return seen;
}

/* The row starting with prefix (after spaces), or -1. */
static int find_row(const char *prefix, int from)
{
	int y;

	for (y = from; y < rows; y++) {
		const char *p = text[y] + strspn(text[y], " ");

		if (!strncmp(p, prefix, strlen(prefix)))
			return y;
	}
	return -1;
}

/*
 * A table: the heading row holds a left part of head (the columns that
 * fit, in order) and each value row exactly as many whole values, equal
 * to want.  Returns how many columns are shown.
 */
static int check_table(int hy, const char *const *head, int ncols,
		       int vy, const char *const *want)
{
	char row[MAXW + 1], *tok, *save;
	int shown = 0, i, n = 0;
	const char *at = text[hy];

	for (i = 0; i < ncols; i++) {
		const char *p = strstr(at, head[i]);

		if (!p)
			break;
		at = p + strlen(head[i]);
		shown++;
	}
	for (; i < ncols; i++)
		if (strstr(text[hy], head[i]))
			fail_at(hy, "a column shown after one left out");
	snprintf(row, sizeof(row), "%s", text[vy]);
	for (tok = strtok_r(row, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (n >= shown)
			fail_at(vy, "a value without its heading");
		if (strcmp(tok, want[n]))
			fail_at(vy, want[n]);
		n++;
	}
	if (n != shown)
		fail_at(vy, "a heading without its value");
	return shown;
}

static struct view *make_view(void)
{
	struct snapshot *s = load_snapshot(FIX_T1, 102.0);
	struct view *v = calloc(1, sizeof(*v));
	struct view_dev *d;
	size_t i;

	assert_non_null(v);
	view_build(v, s, s, -1, 4096);
	free(s);
	/* numbers long enough that a cut one shows */
	v->min_free_kbytes = 45056;
	v->recommended_kb = 67584;
	v->nnodes = 1;
	v->worst = 0;
	v->nodes[0] = (struct reserve){ .node = 0, .free = 23456,
		.min = 17805, .low = 22256, .high = 26707,
		.state = RES_LOW };
	v->pswpin_ps = 1234.5;
	v->swapin_mib_s = 4.82;
	v->pswpout_ps = 98765.0;
	v->swapout_mib_s = 385.8;
	v->throttle_ps = 12.5;
	v->allocstall_ps = 250.5;
	v->have_pfmemalloc_drop = true;
	v->pfmemalloc_drop_ps = 3.5;
	v->oom_kills = 7;
	v->nzones = 2;
	memset(v->zones, 0, sizeof(v->zones));
	snprintf(v->zones[0].name, sizeof(v->zones[0].name), "DMA32");
	v->zones[0] = (struct st_zone){ .node = 0, .free = 123456,
		.min = 4998, .low = 6247, .high = 7497, .managed = 500000 };
	snprintf(v->zones[0].name, sizeof(v->zones[0].name), "DMA32");
	v->zones[1] = (struct st_zone){ .node = 1, .free = 654321,
		.min = 11870, .low = 14837, .high = 17805, .managed = 900000 };
	snprintf(v->zones[1].name, sizeof(v->zones[1].name), "Normal");
	v->zswap.enabled = false;
	memset(&v->zswap, 0, sizeof(v->zswap));

	v->ndevs = 3;
	memset(v->devs, 0, 3 * sizeof(v->devs[0]));
	d = &v->devs[0];
	snprintf(d->name, sizeof(d->name), "/dev/swapnet0");
	d->kind = ST_KIND_SWAPNET;
	d->swapped_on = true;
	d->size_kb = 1048576;
	d->used_kb = 262144;
	d->prio = -2;
	d->have_net = true;
	d->ops_s = 200.0;
	d->kb_s = 81234.5;
	d->rtt_valid = true;
	d->rtt_avg_ms = 2.5;
	d->rtt_max_ms = 150.0;
	d->retrans = 12345;
	d->inflight = 4;
	d->have_parked = true;
	d->parked_writes = 12;
	d->parked_writes_max = 508;
	d->for_swap = true;
	d->swap_active = 1;
	d->state = SWAPNET_STATE_NOT_RESPONDING;
	snprintf(d->reason, sizeof(d->reason), "no reply for 60 s");
	snprintf(d->server, sizeof(d->server), "10.99.0.1");
	d = &v->devs[1];
	snprintf(d->name, sizeof(d->name), "/mnt/nfs/nodes/swapfile-17");
	d->kind = ST_KIND_NFS;
	d->swapped_on = true;
	d->size_kb = 262144;
	d->used_kb = 131072;
	d->prio = -3;
	snprintf(d->mnt, sizeof(d->mnt), "/mnt/nfs");
	d->have_rpc = true;
	d->rpc_read = (struct rpc_rate){ 12.5, 50.0, 4.0, 1, 8.0, 1.25, 1.5 };
	d->rpc_write = (struct rpc_rate){ 1234.5, 98765.4, 80.0, 321, 26.0,
					  17.25, 1234.75 };
	d = &v->devs[2];
	snprintf(d->name, sizeof(d->name), "/dev/vda2");
	d->kind = ST_KIND_OTHER;
	d->swapped_on = true;
	d->size_kb = 131072;
	d->used_kb = 1024;
	d->prio = 5;
	for (i = 0; i < v->ndevs; i++)
		assert_true(v->devs[i].kind != ST_KIND_SWAPNET || i == 0);
	return v;
}

static const char *const zone_head[] = {
	"ZONE", "NODE", "FREE", "MIN", "LOW", "HIGH", "ATOMIC",
};
/* ATOMIC: free - 3/8 of min (4998 - 2499 = 2499, - 624 = 1875) */
static const char *const zone0[] = {
	"DMA32", "0", "123456", "4998", "6247", "7497", "121581",
};
/* 11870 - 5935 = 5935, - 1483 = 4452 */
static const char *const zone1[] = {
	"Normal", "1", "654321", "11870", "14837", "17805", "649869",
};
static const char *const dev_head[] = {
	"DEVICE", "KIND", "USED/SIZE", "PRIO", "OPS/S", "KB/S",
	"RTT ms av/mx", "RETR", "INFL", "PARK",
};
static const char *const dev0[] = {
	"swapnet0", "swapnet", "256M/1.0G", "-2", "200.0", "81234.5",
	"2.5/150.0", "12345", "4", "12",
};
static const char *const dev1[] = {
	"...swapfile-17", "nfs", "128M/256M", "-3", "-", "-", "-", "-", "-",
	"-",
};
static const char *const dev2[] = {
	"vda2", "other", "1024K/128M", "5", "-", "-", "-", "-", "-", "-",
};
static const char *const rpc_head[] = {
	"op", "ops/s", "kB/s", "kB/op", "retrans", "avg RTT (ms)",
	"avg exe (ms)",
};
static const char *const rpc_read[] = {
	"READ", "12.5", "50.0", "4.0", "1(8.0%)", "1.25", "1.50",
};
static const char *const rpc_write[] = {
	"WRITE", "1234.5", "98765.4", "80.0", "321(26.0%)", "17.25",
	"1234.75",
};

struct seen {
	int pairs, zone_cols, dev_cols, rpc_cols;
	bool server_state, reason_whole, event_whole, swap_line;
};

static void check_screen(struct seen *s)
{
	int zy, dy, y;

	s->pairs += check_pair("recommended", " ", "67584");
	s->pairs += check_pair("min_free_kbytes", " ", "45056");
	s->pairs += check_pair("throttle", " ", "<=8902");
	s->pairs += check_pair("  free", " ", "23456 pg");
	s->pairs += check_pair("  min", " ", "17805");
	s->pairs += check_pair("  low", " ", "22256");
	s->pairs += check_pair("  high", " ", "26707");
	s->pairs += check_pair("Throttled", " ", "12.5/s");
	s->pairs += check_pair("Allocstall", " ", "250.5/s");
	s->pairs += check_pair("PFMemallocDrop", " ", "3.5/s");
	s->pairs += check_pair("OOM kills", " ", "7");
	s->pairs += check_pair("Swap-in", " ", "1234.5 pg/s 4.82 MiB/s");
	s->pairs += check_pair("Swap-out", " ", "98765.0 pg/s 385.80 MiB/s");
	s->pairs += check_pair("server", " ", "10.99.0.1:");
	s->pairs += check_pair("parked_writes_max", " ", "508");
	s->pairs += check_pair("  interval", " ", "1.5 s");
	s->pairs += check_pair("Mem total", " ", "200M free 8192K avail 16M");
	s->pairs += check_pair("Swap total", " ", "1.5G used 512M");

	zy = find_row("ZONE", 0);
	if (zy >= 0) {
		int n = 0;

		if (zy + 1 < rows - 2 && find_row("DMA32", zy) == zy + 1)
			n = check_table(zy, zone_head, 7, zy + 1, zone0);
		if (zy + 2 < rows - 2 && find_row("Normal", zy) == zy + 2)
			assert_int_equal(check_table(zy, zone_head, 7, zy + 2,
						     zone1), n);
		if (n > s->zone_cols)
			s->zone_cols = n;
	}
	dy = find_row("DEVICE", 0);
	if (dy >= 0) {
		const char *const *want[] = { dev0, dev1, dev2 };
		const char *first[] = { "swapnet0", "...swapfile", "vda2" };
		int i, n = -1;

		for (i = 0; i < 3; i++) {
			y = find_row(first[i], dy);
			if (y < 0 || y >= rows - 2)
				continue;
			if (n < 0)
				n = check_table(dy, dev_head, 10, y, want[i]);
			else
				assert_int_equal(check_table(dy, dev_head, 10,
							     y, want[i]), n);
		}
		if (n > s->dev_cols)
			s->dev_cols = n;
	}
	y = find_row("op ", 0);
	if (y >= 0) {
		int n = 0;

		if (y + 1 < rows - 2)
			n = check_table(y, rpc_head, 7, y + 1, rpc_read);
		if (y + 2 < rows - 2)
			assert_int_equal(check_table(y, rpc_head, 7, y + 2,
						     rpc_write), n);
		if (n > s->rpc_cols)
			s->rpc_cols = n;
	}
	/* the swap line: fields whole, in order */
	y = find_row("for swap", 0);
	if (y >= 0) {
		const char *p = text[y] + strspn(text[y], " ");

		if (strcmp(p, "for swap") && strcmp(p, "for swap, swap-activated") &&
		    strcmp(p, "for swap, swap-activated  parked_writes_max 508"))
			fail_at(y, "swap line cut");
		s->swap_line |= !strcmp(p, "for swap, swap-activated  parked_writes_max 508");
	}
	/* free text: whole, or cut with "..." */
	for (y = 0; y < rows; y++) {
		const char *p = strstr(text[y], "server 10.99.0.1: ");

		if (!p)
			continue;
		p += strlen("server 10.99.0.1: ");
		if (!strcmp(p, "NOT RESPONDING:") ||
		    !strcmp(p, "NOT RESPONDING: no reply for 60 s")) {
			s->server_state = true;
			s->reason_whole |= strlen(p) > 16;
		} else if (strncmp(p, "NOT RESPONDING: ", 16) ||
			   strcmp(p + strlen(p) - 3, "...")) {
			fail_at(y, "server state or reason cut");
		}
	}
	y = rows - 2;
	if (text[y][0]) {
		const char *want = "Event 00:00:05 swapnet0 NOT RESPONDING: "
				   "no reply for 60 s (server 10.99.0.1)";

		if (!strcmp(text[y], want))
			s->event_whole = true;
		else if (strncmp(text[y], want, strlen(text[y]) - 3) ||
			 strcmp(text[y] + strlen(text[y]) - 3, "..."))
			fail_at(y, "event cut without ...");
	}
	if (strcmp(text[rows - 1], "q quit  d/+/- interval  p pause  h help") &&
	    strncmp("q quit  d/+/- interval  p pause  h help", text[rows - 1],
		    strlen(text[rows - 1])))
		fail_at(rows - 1, "keys");
}

static void test_every_width(void **state)
{
	static const int heights[] = { 6, 10, 24, 50 };
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	struct screen_state st = { .interval = 1.5 };
	struct history h;
	struct evlog log;
	struct view *v = make_view();
	SCREEN *scr;
	size_t k;
	int w, i;

	(void)state;
	assert_non_null(out);
	assert_non_null(in);
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&h, 0, sizeof(h));
	for (i = 0; i < 30; i++)
		history_push(&h, i * 10.0, (i % 10) / 10.0);
	evlog_init(&log);
	evlog_add(&log, 5, "swapnet0 NOT RESPONDING: no reply for 60 s "
		  "(server 10.99.0.1)");
	scr = newterm("xterm", out, in);
	assert_non_null(scr);
	set_term(scr);
	screen_setup();
	for (k = 0; k < sizeof(heights) / sizeof(heights[0]); k++) {
		struct seen s = { 0 };

		for (w = 40; w <= MAXW; w++) {
			assert_int_equal(resizeterm(heights[k], w), OK);
			screen_draw(v, &h, &log, &st);
			grab();
			check_screen(&s);
			if (heights[k] == 50 && w == MAXW) {
				/* everything there at 200x50 */
				assert_int_equal(s.zone_cols, 7);
				assert_int_equal(s.dev_cols, 10);
				assert_true(s.swap_line);
				assert_int_equal(s.rpc_cols, 7);
				assert_true(s.server_state && s.reason_whole);
				assert_true(s.event_whole);
				assert_int_equal(check_pair("recommended", " ",
							    "67584"), 1);
			}
		}
		/* at 40 columns something of each table is still shown */
		if (heights[k] >= 24)
			assert_true(s.zone_cols > 0 && s.dev_cols > 0);
	}
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_width),
	};

	setlocale(LC_ALL, "C");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The interactive loop: one poll() on the terminal and the swapnet event
 * socket, with the time to the next sample as its timeout.  SIGWINCH
 * interrupts the poll and the loop resizes and redraws.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include <curses.h>

#include "history.h"
#include "sampler.h"
#include "screen.h"
#include "swapnettop.h"
#include "view.h"

static volatile sig_atomic_t resized, quit;

static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

/*
 * Ctrl-C and SIGTERM end the screen as q does, exit 0: left to
 * ncurses' own handler they exit 1, the usage error's status.
 */
static void on_quit(int sig)
{
	(void)sig;
	quit = 1;
}

static void apply_resize(void)
{
	struct winsize ws;

	resized = 0;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct ui {
	struct sampler sp;
	struct snapshot *prev, *cur;
	struct view *view;
	struct history hist;
	struct screen_state st;
	double next;			/* monotonic time of the next sample */
	long count, taken;		/* -n: quit after count samples */
	char err[256];
};

static int take(struct ui *u)
{
	struct snapshot *t;

	if (sampler_take(&u->sp, u->cur, u->err, sizeof(u->err)))
		return -1;
	view_build(u->view, u->prev, u->cur, u->sp.recommended_kb,
		   (unsigned long)sysconf(_SC_PAGESIZE));
	history_push(&u->hist, u->view->pswpout_ps,
		     u->view->nnodes ?
		     reserve_fill(&u->view->nodes[u->view->worst]) : 1.0);
	t = u->prev;
	u->prev = u->cur;
	u->cur = t;
	return 0;
}

static void set_interval(struct ui *u, double d)
{
	if (d < INTERVAL_MIN)
		d = INTERVAL_MIN;
	if (d > INTERVAL_MAX)
		d = INTERVAL_MAX;
	u->st.interval = d;
	u->next = u->prev->mono + d;
	snprintf(u->st.message, sizeof(u->st.message),
		 "interval set to %.1f s", d);
}

/* 1: quit */
static int key(struct ui *u, int ch)
{
	double d;
	int ret;

	if (u->st.help && ch != KEY_RESIZE) {
		u->st.help = false;	/* any key leaves the help screen */
		return ch == 'q' || ch == 'Q';
	}
	u->st.message[0] = '\0';
	switch (ch) {
	case 'q':
	case 'Q':
		return 1;
	case 'h':
	case 'H':
	case '?':
		u->st.help = true;
		break;
	case 'p':
	case 'P':
	case ' ':
		u->st.paused = !u->st.paused;
		if (!u->st.paused)	/* the next report covers the pause */
			u->next = now_s() + u->st.interval;
		break;
	case '+':
	case '=':
		set_interval(u, u->st.interval + INTERVAL_STEP);
		break;
	case '-':
	case '_':
		/* keys stop at 0.5 s; a shorter -d is kept, never raised */
		d = u->st.interval - INTERVAL_STEP;
		if (d < 0.5)
			d = u->st.interval < 0.5 ? u->st.interval : 0.5;
		set_interval(u, d);
		break;
	case 'd':
	case 'D':
	case 's':
		ret = screen_prompt_interval(&d);
		if (!ret)
			set_interval(u, d);
		else
			snprintf(u->st.message, sizeof(u->st.message), "%s",
				 ret > 0 ? "interval unchanged (cancelled)" :
				 "interval unchanged: give 0.1 to 3600 seconds");
		break;
	case KEY_RESIZE:
		break;
	default:
		snprintf(u->st.message, sizeof(u->st.message),
			 "unknown key; h for help");
		break;
	}
	return 0;
}

static int loop(struct ui *u)
{
	while (!quit) {
		struct pollfd pfd[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
		};
		nfds_t n = 1 + sampler_pollfds(&u->sp, pfd + 1);
		double left = u->next - now_s();
		int timeout, ch, redraw = 0;

		if (!u->st.paused && left <= 0) {
			if (take(u))
				return -1;
			if (u->count && ++u->taken > u->count)
				return 0;
			u->next += u->st.interval;
			if (u->next < now_s())	/* fell behind (suspend) */
				u->next = now_s() + u->st.interval;
			screen_draw(u->view, &u->hist, &u->sp.events, &u->st);
			continue;	/* the fds may have changed */
		}
		timeout = u->st.paused ? -1 : (int)(left * 1000.0) + 1;
		if (poll(pfd, n, timeout) < 0 && errno != EINTR)
			return -1;
		if (quit)
			return 0;
		if (resized) {
			apply_resize();
			redraw = 1;
		}
		if (sampler_service(&u->sp))
			redraw = 1;	/* new events */
		while ((ch = getch()) != ERR) {
			if (key(u, ch))
				return 0;
			redraw = 1;
		}
		if (redraw)
			screen_draw(u->view, &u->hist, &u->sp.events, &u->st);
	}
	return 0;
}

int run_interactive(const struct options *o)
{
	struct sigaction sa;
	struct ui *u;
	int ret = EXIT_RUNTIME;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "swapnettop: not a terminal; use -b or -j for "
			"batch output\n");
		return EXIT_USAGE;
	}
	u = calloc(1, sizeof(*u));
	if (u) {
		u->prev = calloc(1, sizeof(*u->prev));
		u->cur = calloc(1, sizeof(*u->cur));
		u->view = calloc(1, sizeof(*u->view));
	}
	if (!u || !u->prev || !u->cur || !u->view ||
	    sampler_init(&u->sp, o->root)) {
		fprintf(stderr, "swapnettop: out of memory\n");
		goto out;
	}
	/* first sample before the screen: a bad -R fails on the terminal */
	if (sampler_take(&u->sp, u->prev, u->err, sizeof(u->err))) {
		fprintf(stderr, "swapnettop: %s\n", u->err);
		ret = EXIT_USAGE;
		goto out;
	}
	view_build(u->view, u->prev, u->prev, u->sp.recommended_kb,
		   (unsigned long)sysconf(_SC_PAGESIZE));
	u->st.interval = o->interval;
	u->count = o->count;
	u->next = u->prev->mono + o->interval;

	/* ours before initscr: ncurses keeps a handler it finds set */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit;	/* no SA_RESTART: poll must return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	screen_init();
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	screen_draw(u->view, &u->hist, &u->sp.events, &u->st);
	ret = loop(u) ? EXIT_RUNTIME : 0;
	screen_end();
	if (ret)
		fprintf(stderr, "swapnettop: %s\n",
			u->err[0] ? u->err : strerror(errno));
out:
	if (u) {
		sampler_fini(&u->sp);
		free(u->prev);
		free(u->cur);
		free(u->view);
		free(u);
	}
	return ret;
}

/* SPDX-License-Identifier: GPL-2.0 */
/* The ncurses screen: drawing only; keys and timing live in ui.c. */
#ifndef SWAPNETTOP_SCREEN_H
#define SWAPNETTOP_SCREEN_H

#include <stdbool.h>

#include "events.h"
#include "history.h"
#include "view.h"

struct screen_state {
	double interval;		/* seconds */
	bool paused;
	bool help;
	char message[128];		/* one-shot status line text */
};

/*
 * false when $TERM is unknown or cannot address the cursor (TERM=dumb):
 * main() then says so and falls back to batch mode, as top(1) does.
 */
bool screen_term_usable(void);
void screen_init(void);
/* screen_init after initscr, or after newterm in the tests */
void screen_setup(void);
void screen_end(void);
void screen_draw(const struct view *v, const struct history *h,
		 const struct evlog *log, const struct screen_state *st);
/*
 * Ask for a new interval on the bottom line: 0 and *out, -1 not a valid
 * interval (interval_parse), 1 cancelled with Escape.
 */
int screen_prompt_interval(double *out);

#endif /* SWAPNETTOP_SCREEN_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * termcap: can the terminal draw a screen at all?  Apart from screen.c
 * because <term.h> defines macros (lines, columns) that clash with
 * ordinary names.
 */
#include <curses.h>
#include <term.h>

#include "screen.h"

bool screen_term_usable(void)
{
	TERMINAL *saved = cur_term;
	char *cup;
	int err = 0;
	bool ok;

	if (setupterm(NULL, 1, &err) != OK)
		return false;
	/* without cursor addressing (TERM=dumb) only the last line shows */
	cup = tigetstr("cup");
	ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	set_curterm(saved);
	return ok;
}

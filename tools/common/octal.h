/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's octal escapes in /proc/swaps, mountinfo and mountstats. */
#ifndef SWAPNET_OCTAL_H
#define SWAPNET_OCTAL_H

/*
 * Undo "\ooo" escapes ("\040" for a space) in place, as the kernel's
 * seq_escape writes them: only \000 to \377, so that "\400" (not a
 * byte) stays as it is instead of overflowing a char.
 */
void octal_unescape(char *s);

#endif /* SWAPNET_OCTAL_H */

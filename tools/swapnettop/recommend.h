/* SPDX-License-Identifier: GPL-2.0 */
/*
 * min_free_kbytes recommended for this machine (issue 4), computed by the
 * reserve model swapnetctl uses too (tools/common/reserve_model.h), so
 * both tools show the same number; nothing is run through PATH.
 */
#ifndef SWAPNETTOP_RECOMMEND_H
#define SWAPNETTOP_RECOMMEND_H

/*
 * Recommended kB for the machine under root (NULL: the live system, whose
 * NICs are asked for their rings; a -R tree uses everything from the tree
 * and the default ring), or -1 when the tree lacks what the model needs.
 */
long recommend_compute(const char *root);

#endif /* SWAPNETTOP_RECOMMEND_H */

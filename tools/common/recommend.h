/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one call for "the recommendation now": min_free_kbytes recommended
 * for this machine by the reserve model (reserve_model.h), so swapnettop
 * and swapnetctl metrics show the same number.  (start, stop and
 * reserve, which need the whole result, call reserve_compute().)
 */
#ifndef SWAPNET_RECOMMEND_H
#define SWAPNET_RECOMMEND_H

/*
 * Recommended kB for the machine under root (NULL: the live system, whose
 * NICs are asked for their rings; a -R tree uses everything from the tree
 * and the default ring), or -1 when the tree lacks what the model needs.
 */
long recommend_compute(const char *root);

#endif /* SWAPNET_RECOMMEND_H */

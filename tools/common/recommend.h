/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one call for "the recommendation now": min_free_kbytes recommended
 * for this machine by the reserve model (reserve_model.h), so swapnettop
 * and swapnetctl metrics show the same number.  (start, stop and
 * reserve, which need the whole result, call reserve_compute().)
 */
#ifndef SWAPNET_RECOMMEND_H
#define SWAPNET_RECOMMEND_H

#include <stddef.h>

/*
 * Recommended kB for the machine under root (NULL or "/": the live
 * system, whose NICs are asked for their rings; a -R tree uses everything
 * from the tree and the default ring), or -1 when the tree lacks what the
 * model needs.
 */
long recommend_compute(const char *root);

/*
 * The same with the text of files the caller read already (swapnettop's
 * tick: reserve_probe_texts()), so none is read twice.
 */
struct reserve_text;
long recommend_compute_texts(const char *root,
			     const struct reserve_text *texts, size_t ntexts);

#endif /* SWAPNET_RECOMMEND_H */

// SPDX-License-Identifier: GPL-2.0
/* The recommended min_free_kbytes, from the shared reserve model. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "recommend.h"
#include "reserve_model.h"

long recommend_compute(const char *root)
{
	return recommend_compute_texts(root, NULL, 0);
}

long recommend_compute_texts(const char *root,
			     const struct reserve_text *texts, size_t ntexts)
{
	static struct reserve_machine m;	/* large: not on the stack */
	struct reserve_result r;
	bool live = !root || !strcmp(root, "/");
	char err[256];

	if (reserve_probe_texts(live ? "/" : root,
				live ? reserve_ring_ethtool : NULL, NULL, texts,
				ntexts, &m, err, sizeof(err)))
		return -1;
	reserve_compute(&m, &r);
	return (long)r.recommended_kb;
}

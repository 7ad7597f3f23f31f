// SPDX-License-Identifier: GPL-2.0
/* The recommended min_free_kbytes, from the shared reserve model. */
#include <stddef.h>

#include "recommend.h"
#include "reserve_model.h"

long recommend_compute(const char *root)
{
	static struct reserve_machine m;	/* large: not on the stack */
	struct reserve_result r;
	char err[256];

	if (reserve_probe(root ? root : "/", root ? NULL : reserve_ring_ethtool,
			  NULL, &m, err, sizeof(err)))
		return -1;
	reserve_compute(&m, &r);
	return (long)r.recommended_kb;
}

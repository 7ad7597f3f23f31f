// SPDX-License-Identifier: GPL-2.0
/*
 * reserve_lab: the lab's threshold runs, per kernel series.  One row per
 * kernel series and flood; a row says the smallest reserve that held and
 * the largest that froze under memory pressure (4 x 2.5 x MemTotal over
 * /dev/swapnet0) plus that flood, on the lab client (256 MiB, one
 * virtio_net NIC), and the threshold when the runs gave one: issue 20's
 * "smallest reserve that never froze", set only for a reserve run at
 * least 3 times (a lower one that was not run may hold too); otherwise
 * the text says the bounds those two set (above the one that froze, at
 * most the one that held).  The rows of the newest module come first.
 * Update it with the report whenever bench-reserve runs.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "readfile.h"
#include "rootpath.h"
#include "reserve_lab.h"

#define LAB_DRV "4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB"
#define LAB_07B "tests/lab/reports/reserve-2026-12-07b.md"
#define LAB_07C "tests/lab/reports/reserve-2026-12-07c.md"
#define LAB_07D "tests/lab/reports/reserve-2026-12-07d.md"
#define LAB_07D_SETUP LAB_DRV ", pressure 2.5 x, module of bf8427d"
#define LAB_07C_SETUP LAB_DRV ", pressure 2.5 x, module of 43af085"
#define LAB_07B_SETUP LAB_DRV ", pressure 2.5 x, module of 8618dfa"

const struct reserve_lab_row reserve_lab_rows[] = {
	/* the module of main bf8427d, bench-reserve, 2026-12-07d */
	{ "6.12", "tcp", LAB_07D_SETUP,
	  1756, 0, 14064, "21096 kB held 3 of 3, 14064 kB 3 of 3, the default 1756 kB 1 of 1", LAB_07D },
	{ "6.12", "udp", LAB_07D_SETUP,
	  14064, 0, 14064, "21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run", LAB_07D },
	{ "6.1", "tcp", LAB_07D_SETUP,
	  1718, 0, 14064, "21096 kB held 3 of 3, 14064 kB 3 of 3, the default 1718 kB 1 of 1", LAB_07D },
	{ "6.1", "udp", LAB_07D_SETUP,
	  14064, 0, 14064, "21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run", LAB_07D },
	/* the module of main 43af085, bench-reserve, 2026-12-07c */
	{ "6.12", "tcp", LAB_07C_SETUP,
	  14064, 0, 14064, "21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run", LAB_07C },
	{ "6.12", "udp", LAB_07C_SETUP,
	  21096, 0, 21096, "21096 kB held 3 of 3; nothing lower run with this module", LAB_07C },
	{ "6.1", "udp", LAB_07C_SETUP,
	  14064, 0, 14064, "21096 kB held 3 of 3, 14064 kB 3 of 3; nothing lower run", LAB_07C },
	/* the module of main since 8618dfa, bench-reserve, 2026-12-07b */
	{ "6.12", "udp", LAB_07B_SETUP,
	  14064, 0, 0, "21096 kB held 3 of 3, 14064 kB 2 of 2", LAB_07B },
	{ "6.12", "tcp", LAB_07B_SETUP,
	  21096, 1757, 0, "21096 kB held 2 of 2, the default 1757 kB froze 1 of 1", LAB_07B },
	{ "6.1", "udp", LAB_07B_SETUP,
	  21096, 0, 0, "21096 kB held 1 of 1", LAB_07B },
	{ "6.1", "tcp", LAB_07B_SETUP,
	  1719, 0, 0, "21096 kB held 3 of 3, the default 1719 kB 1 of 1", LAB_07B },
	{ "6.12", "udp", "4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 1.5 x",
	  22312, 1758, 0, "1 run each, swapnet-flood", "tests/lab/reports/reserve-2026-12-07.md" },
	{ "6.1", "udp", "4 WRITEs + 4 READs in flight kept by the driver (512 tags), 128 KiB, pressure 1.5 x",
	  21096, 0, 0, "1 run, swapnet-flood", "tests/lab/reports/reserve-2026-12-07.md" },
	{ "6.1", "tcp", "queue depth 4 (tags, the module before 2026-12-07), 128 KiB, pressure 1.5 x",
	  21096, 0, 0, "1 run", "tests/lab/reports/reserve-2026-12-07.md" },
	{ "6.1", "udp", "queue depth 4 (tags, the module before 2026-12-07), 128 KiB, pressure 2.5 x",
	  14064, 3856, 0, "1 run each", "tests/lab/reports/reserve-2026-12-07.md" },
	{ "6.12", "udp", "queue depth 4 (tags, the module before 2026-12-07), 128 KiB, pressure 2.5 x",
	  0, 3846, 0, "1 run", "tests/lab/reports/reserve-2026-12-07.md" },
	{ "6.12", "udp", "queue depth 16, 256 KiB (older defaults), pressure 2.5 x",
	  4838, 1758, 0, "1-2 runs each", "tests/lab/reports/reserve-2026-12-02.md" },
	{ "6.1", "udp", "queue depth 16, 256 KiB (older defaults), pressure 2.5 x",
	  1720, 0, 0, "2 runs", "tests/lab/reports/reserve-2026-12-02.md" },
};
const size_t reserve_lab_nrows = sizeof(reserve_lab_rows) /
				 sizeof(reserve_lab_rows[0]);

void reserve_lab_series(const char *root, char *buf, size_t len)
{
	char path[4200], *s = NULL, *p;
	struct utsname u;
	const char *rel = NULL;
	int dots = 0;

	buf[0] = '\0';
	if (!root_path(path, sizeof(path), root, "/proc/sys/kernel/osrelease"))
		s = read_file(path);
	if (s)
		rel = s;
	else if ((!root || !strcmp(root, "/")) && !uname(&u))
		rel = u.release;
	if (!rel)
		return;
	/* "6.12.118+deb12-amd64" -> "6.12" */
	snprintf(buf, len, "%s", rel);
	for (p = buf; *p; p++) {
		if (*p == '.' && ++dots == 2)
			break;
		if (*p != '.' && (*p < '0' || *p > '9'))
			break;
	}
	*p = '\0';
	if (!dots)
		buf[0] = '\0';
	free(s);
}

static int matches(const struct reserve_lab_row *r, const char *series)
{
	return series[0] && !strcmp(r->series, series);
}

void reserve_lab_text(FILE *out, const char *series)
{
	reserve_lab_text_rows(out, series, reserve_lab_rows, reserve_lab_nrows);
}

void reserve_lab_text_rows(FILE *out, const char *series,
			   const struct reserve_lab_row *rows, size_t nrows)
{
	size_t i, n = 0, thresholds = 0;

	for (i = 0; i < nrows; i++) {
		const struct reserve_lab_row *r = &rows[i];

		if (!matches(r, series))
			continue;
		if (!n++)
			fprintf(out, "lab: threshold runs on Linux %s (256 MiB client, one virtio_net NIC, 4 processes x the pressure x MemTotal + flood):\n",
				series);
		fprintf(out, "  %s flood, %s: ", r->flood, r->setup);
		if (r->held_kb)
			fprintf(out, "held at %llu kB", (unsigned long long)r->held_kb);
		else
			fprintf(out, "no run held");
		if (r->froze_kb)
			fprintf(out, ", froze at %llu kB",
				(unsigned long long)r->froze_kb);
		else
			fprintf(out, ", no run froze");
		if (r->threshold_kb) {
			fprintf(out, "; threshold %llu kB (the smallest reserve run 3 times or more, never froze)",
				(unsigned long long)r->threshold_kb);
			thresholds++;
		} else if (r->held_kb && r->froze_kb && r->froze_kb < r->held_kb)
			fprintf(out, "; threshold above %llu kB, at most %llu kB",
				(unsigned long long)r->froze_kb,
				(unsigned long long)r->held_kb);
		else if (r->held_kb && !r->froze_kb)
			fprintf(out, "; threshold at most %llu kB",
				(unsigned long long)r->held_kb);
		else
			fprintf(out, "; no threshold measured");
		fprintf(out, " (%s; %s)\n", r->runs, r->report);
	}
	if (!n)
		fprintf(out, "lab: no threshold measured for this kernel (%s)\n",
			series[0] ? series : "unknown");
	else if (!thresholds)
		fprintf(out, "lab: Linux %s: no reserve was run 3 times without a freeze; the lines above bound the threshold\n",
			series);
}

json_object *reserve_lab_json(const char *series)
{
	json_object *o = json_object_new_object(), *a = json_object_new_array();
	bool any_threshold = false;
	size_t i;

	for (i = 0; i < reserve_lab_nrows; i++) {
		const struct reserve_lab_row *r = &reserve_lab_rows[i];
		json_object *j;

		if (!matches(r, series))
			continue;
		j = json_object_new_object();
		json_object_object_add(j, "flood", json_object_new_string(r->flood));
		json_object_object_add(j, "setup", json_object_new_string(r->setup));
		json_object_object_add(j, "held_kb", json_object_new_int64((int64_t)r->held_kb));
		json_object_object_add(j, "froze_kb", json_object_new_int64((int64_t)r->froze_kb));
		json_object_object_add(j, "threshold_kb",
				       json_object_new_int64((int64_t)r->threshold_kb));
		json_object_object_add(j, "runs", json_object_new_string(r->runs));
		json_object_object_add(j, "report", json_object_new_string(r->report));
		json_object_array_add(a, j);
		if (r->threshold_kb)
			any_threshold = true;
	}
	json_object_object_add(o, "series", json_object_new_string(series));
	json_object_object_add(o, "runs", a);
	json_object_object_add(o, "threshold_measured",
			       json_object_new_boolean(any_threshold));
	return o;
}

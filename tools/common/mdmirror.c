// SPDX-License-Identifier: GPL-2.0
/* mdmirror: md raid1 state over swapnet legs, from sysfs (mdmirror.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mdmirror.h"
#include "readfile.h"
#include "rootpath.h"

/* a device name, never a path */
static bool name_ok(const char *s)
{
	return s[0] && s[0] != '.' && !strchr(s, '/') &&
	       strlen(s) < MDM_NAME_MAX;
}

/* First line of a file into buf, "" when unreadable.  0 or -1. */
static int read_line(const char *path, char *buf, size_t len)
{
	char *t = read_file(path);

	buf[0] = '\0';
	if (!t)
		return -1;
	t[strcspn(t, "\n")] = '\0';
	snprintf(buf, len, "%s", t);
	free(t);
	return 0;
}

int mdm_holder(const char *root, const char *dev, char *md, size_t len)
{
	char dir[4096];
	struct dirent *de;
	DIR *d;
	int found = 0;

	if (!name_ok(dev) ||
	    root_path(dir, sizeof(dir), root, "/sys/block/%s/holders", dev))
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "md", 2) && name_ok(de->d_name)) {
			snprintf(md, len, "%s", de->d_name);
			found = 1;
			break;
		}
	closedir(d);
	return found;
}

static struct mdm_leg *leg_find(struct mdm_state *s, const char *dev)
{
	size_t i;

	for (i = 0; i < s->nlegs; i++)
		if (!strcmp(s->legs[i].dev, dev))
			return &s->legs[i];
	return NULL;
}

static struct mdm_leg *leg_add(struct mdm_state *s, const char *dev)
{
	struct mdm_leg *l = leg_find(s, dev);

	if (l || s->nlegs == MDM_LEGS_MAX)
		return l;
	l = &s->legs[s->nlegs++];
	memset(l, 0, sizeof(*l));
	snprintf(l->dev, sizeof(l->dev), "%s", dev);
	return l;
}

/* "in_sync,failfast" has word "in_sync" */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ',' || p[-1] == ' ') &&
		    (!p[n] || p[n] == ',' || p[n] == ' '))
			return true;
		p += n;
	}
	return false;
}

static void read_name(const char *root, const char *md, struct mdm_state *s)
{
	char dir[4096], link[4400], target[256];
	struct dirent *de;
	DIR *d;
	ssize_t n;

	if (root_path(dir, sizeof(dir), root, "/dev/md"))
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		const char *base;

		if (de->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "%s/%s", dir, de->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		base = strrchr(target, '/');
		base = base ? base + 1 : target;
		if (!strcmp(base, md) && strlen(de->d_name) < sizeof(s->name)) {
			snprintf(s->name, sizeof(s->name), "%s", de->d_name);
			break;
		}
	}
	closedir(d);
}

int mdm_read(const char *root, const char *md, struct mdm_state *s)
{
	char base[4096], path[4400], buf[256], *text;
	struct dirent *de;
	struct stat st;
	DIR *d;

	memset(s, 0, sizeof(*s));
	s->degraded = -1;
	if (!name_ok(md) ||
	    root_path(base, sizeof(base), root, "/sys/block/%s/md", md) ||
	    stat(base, &st) || !S_ISDIR(st.st_mode))
		return -ENOENT;
	snprintf(s->md, sizeof(s->md), "%s", md);
	snprintf(path, sizeof(path), "%s/array_state", base);
	read_line(path, s->array_state, sizeof(s->array_state));
	snprintf(path, sizeof(path), "%s/sync_action", base);
	read_line(path, s->sync_action, sizeof(s->sync_action));
	snprintf(path, sizeof(path), "%s/degraded", base);
	if (!read_line(path, buf, sizeof(buf)) && buf[0] >= '0' &&
	    buf[0] <= '9')
		s->degraded = atoi(buf);
	snprintf(path, sizeof(path), "%s/sync_completed", base);
	if (!read_line(path, buf, sizeof(buf)) &&
	    sscanf(buf, "%" SCNu64 " / %" SCNu64, &s->sync_done,
		   &s->sync_total) == 2 && s->sync_total)
		s->have_progress = true;
	d = opendir(base);
	if (d) {
		while ((de = readdir(d))) {
			struct mdm_leg *l;

			if (strncmp(de->d_name, "dev-", 4) ||
			    !name_ok(de->d_name + 4))
				continue;
			l = leg_add(s, de->d_name + 4);
			if (!l)
				continue;
			snprintf(path, sizeof(path), "%s/%s/state", base,
				 de->d_name);
			read_line(path, l->state, sizeof(l->state));
			l->member = true;
			l->in_sync = has_word(l->state, "in_sync");
			l->faulty = has_word(l->state, "faulty");
		}
		closedir(d);
	}
	/* the legs it was built on: one md no longer lists is out */
	if (!root_path(path, sizeof(path), root, MDM_STATE_DIR "/%s.legs", md)) {
		text = read_file(path);
		if (text) {
			char *save = NULL, *w;

			for (w = strtok_r(text, " \t\n", &save); w;
			     w = strtok_r(NULL, " \t\n", &save))
				if (name_ok(w))
					leg_add(s, w);
			free(text);
		}
	}
	if (!root_path(path, sizeof(path), root, MDM_STATE_DIR "/%s.degraded",
		       md) && !read_line(path, buf, sizeof(buf))) {
		long long since;
		char leg[MDM_NAME_MAX];

		if (sscanf(buf, "%lld %31s", &since, leg) == 2 && since > 0) {
			s->degraded_since = (time_t)since;
			snprintf(s->degraded_leg, sizeof(s->degraded_leg), "%s",
				 leg);
		}
	}
	read_name(root, md, s);
	if (!strcmp(s->array_state, "inactive") || !s->array_state[0]) {
		s->status = MDM_INACTIVE;
	} else if (!strcmp(s->sync_action, "resync") ||
		   !strcmp(s->sync_action, "recover") ||
		   !strcmp(s->sync_action, "reshape")) {
		s->status = MDM_RESYNCING;
	} else {
		size_t i;

		s->status = s->degraded > 0 ? MDM_DEGRADED : MDM_IN_SYNC;
		for (i = 0; i < s->nlegs; i++)
			if (!s->legs[i].member || s->legs[i].faulty ||
			    !s->legs[i].in_sync)
				s->status = MDM_DEGRADED;
	}
	return 0;
}

const char *mdm_status_name(enum mdm_status st)
{
	switch (st) {
	case MDM_IN_SYNC: return "in sync";
	case MDM_DEGRADED: return "degraded";
	case MDM_RESYNCING: return "resyncing";
	case MDM_INACTIVE: return "inactive";
	}
	return "unknown";
}

double mdm_progress(const struct mdm_state *s)
{
	if (s->status != MDM_RESYNCING)
		return -1;
	if (!s->have_progress)
		return 0;
	return 100.0 * (double)s->sync_done / (double)s->sync_total;
}

void mdm_describe(const struct mdm_state *s, time_t now, char *buf,
		  size_t len)
{
	size_t i, off;

	switch (s->status) {
	case MDM_IN_SYNC:
	case MDM_INACTIVE:
		snprintf(buf, len, "%s", mdm_status_name(s->status));
		return;
	case MDM_RESYNCING:
		snprintf(buf, len, "resyncing %.1f%% (%s)", mdm_progress(s),
			 s->sync_action);
		return;
	case MDM_DEGRADED:
		break;
	}
	off = (size_t)snprintf(buf, len, "degraded:");
	for (i = 0; i < s->nlegs && off < len; i++) {
		const struct mdm_leg *l = &s->legs[i];

		if (l->member && l->in_sync && !l->faulty)
			continue;
		off += (size_t)snprintf(buf + off, len - off, " %s %s", l->dev,
					!l->member ? "removed" :
					l->faulty ? "faulty" : "not in sync");
	}
	if (off >= len)
		return;
	if (s->degraded_since) {
		struct tm tm;
		char when[16];
		long long ago = (long long)(now - s->degraded_since);

		localtime_r(&s->degraded_since, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		snprintf(buf + off, len - off, " since %s (%lld s ago)", when,
			 ago < 0 ? 0 : ago);
	} else {
		snprintf(buf + off, len - off,
			 " since unknown (swapnet-monitor not running?)");
	}
}

static int write_state(const char *root, const char *md, const char *suffix,
		       const char *text, bool keep)
{
	char dir[4096], path[4400], tmp[4500];
	int fd, ret = 0;
	size_t n = strlen(text);

	if (!name_ok(md) || root_path(dir, sizeof(dir), root, "/run"))
		return -EINVAL;
	mkdir(dir, 0755);
	if (root_path(dir, sizeof(dir), root, "/run/swapnet"))
		return -EINVAL;
	mkdir(dir, 0755);
	if (root_path(dir, sizeof(dir), root, MDM_STATE_DIR))
		return -EINVAL;
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/%s.%s", dir, md, suffix);
	if (keep && access(path, F_OK) == 0)
		return 0;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	if (write(fd, text, n) != (ssize_t)n)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
	return ret;
}

int mdm_record_legs(const char *root, const char *md, const char *const *legs,
		    size_t n)
{
	char text[MDM_LEGS_MAX * (MDM_NAME_MAX + 1) + 2] = "";
	size_t i, off = 0;

	for (i = 0; i < n && i < MDM_LEGS_MAX; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off, "%s%s",
					i ? " " : "", legs[i]);
	snprintf(text + off, sizeof(text) - off, "\n");
	return write_state(root, md, "legs", text, false);
}

int mdm_record_degraded(const char *root, const char *md, const char *leg,
			time_t since)
{
	char text[128];

	snprintf(text, sizeof(text), "%lld %s\n", (long long)since, leg);
	return write_state(root, md, "degraded", text, true);
}

static int unlink_state(const char *root, const char *md, const char *suffix)
{
	char path[4400];

	if (!name_ok(md) || root_path(path, sizeof(path), root,
				      MDM_STATE_DIR "/%s.%s", md, suffix))
		return -EINVAL;
	if (unlink(path) && errno != ENOENT)
		return -errno;
	return 0;
}

int mdm_clear_degraded(const char *root, const char *md)
{
	return unlink_state(root, md, "degraded");
}

void mdm_forget(const char *root, const char *md)
{
	unlink_state(root, md, "degraded");
	unlink_state(root, md, "legs");
}

static int by_md(const void *a, const void *b)
{
	return strcmp(((const struct mdm_state *)a)->md,
		      ((const struct mdm_state *)b)->md);
}

size_t mdm_find_all(const char *root, struct mdm_state *out, size_t max)
{
	char dir[4096], sl[4400];
	struct dirent *de, *ds;
	DIR *d, *s;
	size_t n = 0;

	if (root_path(dir, sizeof(dir), root, "/sys/block"))
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while (n < max && (de = readdir(d))) {
		bool ours = false;

		if (strncmp(de->d_name, "md", 2) || !name_ok(de->d_name))
			continue;
		snprintf(sl, sizeof(sl), "%s/%s/slaves", dir, de->d_name);
		s = opendir(sl);
		if (!s)
			continue;
		while ((ds = readdir(s)))
			if (!strncmp(ds->d_name, "swapnet", 7))
				ours = true;
		closedir(s);
		if (ours && mdm_read(root, de->d_name, &out[n]) == 0)
			n++;
	}
	closedir(d);
	qsort(out, n, sizeof(*out), by_md);
	return n;
}

// SPDX-License-Identifier: GPL-2.0
/* serverexports: check --server PATH (serverexports.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "octal.h"
#include "readfile.h"
#include "rootpath.h"
#include "serverexports.h"

#define EXPORTS_MAX 256

/* "sync", "no_subtree_check" ... as whole words of opts */
static bool has_word(const char *opts, const char *w)
{
	size_t n = strlen(w);
	const char *p = opts;

	while ((p = strstr(p, w))) {
		if ((p == opts || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

int exports_parse(const char *text, struct export_line *out, size_t max)
{
	const char *p = text;
	size_t n = 0;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char line[4096], *tab, *open, *close;
		struct export_line *e;

		if (len >= sizeof(line))
			return -EINVAL;
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (p[len] == '\n');
		if (!line[0] || line[0] == '#')
			continue;
		tab = strpbrk(line, "\t ");
		open = tab ? strchr(tab, '(') : NULL;
		close = open ? strrchr(open, ')') : NULL;
		if (!tab || !open || !close || close[1] || line[0] != '/')
			return -EINVAL;
		if (n == max)
			break;
		*tab++ = '\0';
		tab += strspn(tab, "\t ");
		*open++ = '\0';
		*close = '\0';
		e = &out[n++];
		memset(e, 0, sizeof(*e));
		octal_unescape(line);
		octal_unescape(tab);
		if (strlen(line) > EXPORT_PATH_MAX ||
		    strlen(tab) > EXPORT_CLIENT_MAX)
			return -EINVAL;
		strcpy(e->path, line);
		strcpy(e->client, tab);
		/* both tables spell sync/async, rw/ro, (no_)root_squash */
		e->sync = has_word(open, "sync");
		e->rw = has_word(open, "rw");
		e->root_squash = has_word(open, "root_squash");
		e->no_subtree_check = has_word(open, "no_subtree_check");
	}
	return (int)n;
}

const char *exports_holding(const struct export_line *l, size_t n,
			    const char *path)
{
	const char *best = NULL;
	size_t i, blen = 0;

	for (i = 0; i < n; i++) {
		size_t len = strlen(l[i].path);

		/* "/" holds everything; "/srv" holds "/srv/x", not "/srvx" */
		if (strcmp(l[i].path, "/") &&
		    (strncmp(path, l[i].path, len) ||
		     (path[len] && path[len] != '/')))
			continue;
		if (!best || len > blen) {
			best = l[i].path;
			blen = len;
		}
	}
	return best;
}

bool export_client_is_world(const char *client)
{
	return !strcmp(client, "*") || !strcmp(client, "<world>") ||
	       !strcmp(client, "0.0.0.0/0") || !strcmp(client, "::/0") ||
	       !strcmp(client, "0.0.0.0/0.0.0.0");
}

/* root + path, for the fixture trees of the tests */
static void rooted(const char *root, const char *path, char *buf, size_t len)
{
	root_path(buf, len, root, "%s", path);
}

/* The table: etab when it lists anything, else the kernel's cache. */
static int read_table(const char *root, struct export_line *l, char *src,
		      size_t srclen)
{
	static const char *const files[] = {
		"/var/lib/nfs/etab", "/proc/fs/nfsd/exports",
	};
	char path[PATH_MAX + 64];
	int i, n = 0;

	for (i = 0; i < 2; i++) {
		char *text;

		rooted(root, files[i], path, sizeof(path));
		text = read_file(path);
		if (!text)
			continue;
		n = exports_parse(text, l, EXPORTS_MAX);
		free(text);
		snprintf(src, srclen, "%s", files[i]);
		if (n)
			return n;
	}
	return n;
}

/*
 * The swapfiles to look at: path itself when it is a file, else the
 * regular files directly in it.  Reports each one wider than 0600.
 */
static void check_modes(const char *root, const char *path,
			struct checklist *l)
{
	char full[PATH_MAX + 64], wide[400] = "", fix[600];
	int nfiles = 0, nwide = 0;
	struct stat st;
	DIR *d;

	rooted(root, path, full, sizeof(full));
	if (stat(full, &st)) {
		checklist_add(l, "server: file mode", CHECK_UNKNOWN,
			      "give the swapfile's path (or its directory)",
			      "%s: %s", path, strerror(errno));
		return;
	}
	if (S_ISREG(st.st_mode)) {
		if (st.st_mode & 0177) {
			snprintf(fix, sizeof(fix), "chmod 600 %s", path);
			checklist_add(l, "server: file mode", CHECK_FAIL, fix,
				      "%s has mode %04o: other users of the server can read or change swapped-out memory",
				      path, st.st_mode & 07777);
		} else {
			checklist_add(l, "server: file mode", CHECK_OK, NULL,
				      "%s has mode %04o", path,
				      st.st_mode & 07777);
		}
		return;
	}
	d = opendir(full);
	if (!d) {
		checklist_add(l, "server: file mode", CHECK_UNKNOWN, NULL,
			      "%s: %s", path, strerror(errno));
		return;
	}
	for (struct dirent *de; (de = readdir(d));) {
		char f[PATH_MAX + 400];
		struct stat fs;

		if (de->d_name[0] == '.')
			continue;
		snprintf(f, sizeof(f), "%s/%s", full, de->d_name);
		if (stat(f, &fs) || !S_ISREG(fs.st_mode))
			continue;
		nfiles++;
		if (fs.st_mode & 0177) {
			size_t o = strlen(wide);

			if (nwide++ < 4)
				snprintf(wide + o, sizeof(wide) - o, "%s%s %04o",
					 o ? ", " : "", de->d_name,
					 fs.st_mode & 07777);
		}
	}
	closedir(d);
	if (nwide) {
		snprintf(fix, sizeof(fix), "chmod 600 the swapfiles in %s",
			 path);
		checklist_add(l, "server: file mode", CHECK_FAIL, fix,
			      "%d of %d files in %s are wider than 0600 (%s%s): other users of the server can read or change swapped-out memory",
			      nwide, nfiles, path, wide, nwide > 4 ? ", ..." : "");
	} else {
		checklist_add(l, "server: file mode", CHECK_OK, NULL,
			      "%d file%s in %s, all 0600 or narrower", nfiles,
			      nfiles == 1 ? "" : "s", path);
	}
}

void server_check(const char *root, const char *path, struct checklist *l)
{
	static struct export_line lines[EXPORTS_MAX];
	char real[PATH_MAX], full[PATH_MAX + 64], src[64] = "", fix[4600];
	const char *exp, *p = path;
	int n, i;

	/* canonical: the table names real directories */
	rooted(root, path, full, sizeof(full));
	if (realpath(full, real)) {
		size_t rl = strcmp(root, "/") ? strlen(root) : 0;

		if (!rl || !strncmp(real, root, rl))
			p = real[rl] ? real + rl : "/";
	}
	n = read_table(root, lines, src, sizeof(src));
	if (n < 0) {
		checklist_add(l, "server: export", CHECK_UNKNOWN, NULL,
			      "%s: not an export table", src);
		return;
	}
	exp = n ? exports_holding(lines, (size_t)n, p) : NULL;
	if (!exp) {
		snprintf(fix, sizeof(fix),
			 "on this server, add to /etc/exports: '%s NODE-NETWORK(rw,sync,no_subtree_check,no_root_squash)' (e.g. 10.0.0.0/24) and run 'exportfs -ra'",
			 p);
		if (!n)
			checklist_add(l, "server: export", CHECK_FAIL, fix,
				      "no exports (/var/lib/nfs/etab and /proc/fs/nfsd/exports list none): is this the NFS server, and did 'exportfs -ra' run?");
		else
			checklist_add(l, "server: export", CHECK_FAIL, fix,
				      "no export holds %s (%s lists %d)", p, src,
				      n);
		check_modes(root, p, l);
		return;
	}
	checklist_add(l, "server: export", CHECK_OK, NULL, "%s holds %s (%s)",
		      exp, p, src);
	for (i = 0; i < n; i++) {
		const struct export_line *e = &lines[i];

		if (strcmp(e->path, exp))
			continue;
		if (e->sync)
			checklist_add(l, "server: sync", CHECK_OK, NULL,
				      "%s to %s: sync", exp, e->client);
		else {
			snprintf(fix, sizeof(fix),
				 "in /etc/exports write 'sync' for %s on %s (not 'async'), then run 'exportfs -ra'",
				 e->client, exp);
			checklist_add(l, "server: sync", CHECK_FAIL, fix,
				      "%s to %s: async: writes are acknowledged while still in the server's page cache, and a server crash silently loses swapped-out pages",
				      exp, e->client);
		}
		if (e->no_subtree_check)
			checklist_add(l, "server: no_subtree_check", CHECK_OK,
				      NULL, "%s to %s: no_subtree_check", exp,
				      e->client);
		else {
			snprintf(fix, sizeof(fix),
				 "in /etc/exports write 'no_subtree_check' for %s on %s, then run 'exportfs -ra'",
				 e->client, exp);
			checklist_add(l, "server: no_subtree_check", CHECK_FAIL,
				      fix,
				      "%s to %s: subtree_check: every request re-checks the file's directory, and a file renamed or moved under a running node answers STALE",
				      exp, e->client);
		}
		if (!e->rw) {
			snprintf(fix, sizeof(fix),
				 "in /etc/exports write 'rw' for %s on %s, then run 'exportfs -ra'",
				 e->client, exp);
			checklist_add(l, "server: rw", CHECK_FAIL, fix,
				      "%s to %s: read-only: every swap-out would fail",
				      exp, e->client);
		}
		if (export_client_is_world(e->client)) {
			snprintf(fix, sizeof(fix),
				 "in /etc/exports replace '%s' on %s with the nodes' network (e.g. 10.0.0.0/24), then run 'exportfs -ra'",
				 e->client, exp);
			checklist_add(l, "server: clients", CHECK_FAIL, fix,
				      "%s is exported to any host (%s): anyone who can reach the server can read the nodes' memory",
				      exp, e->client);
		} else {
			checklist_add(l, "server: clients", CHECK_OK, NULL,
				      "%s is exported to %s only", exp,
				      e->client);
		}
	}
	check_modes(root, p, l);
}

// SPDX-License-Identifier: GPL-2.0
/* mirror: md raid1 over two swapnet legs through mdadm (mirror.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mdmirror.h"
#include "mirror.h"
#include "reserve_model.h"
#include "rootpath.h"
#include "swapsig.h"
#include "util.h"

void mirror_md_name(const char *label, const char *path, char *name,
		    size_t len)
{
	char base[MIRROR_NAME_MAX + 1];
	const char *b = path ? strrchr(path, '/') : NULL;
	size_t i, n = 0;

	if (label && label[0]) {
		b = label;
	} else {
		b = b ? b + 1 : path ? path : "";
	}
	/* md names: letters, digits, . _ - ; the extension goes */
	for (i = 0; b[i] && n < sizeof(base) - 1 - 8; i++) {
		char c = b[i];

		if (!label || !label[0]) {
			if (c == '.' && strchr(b + i + 1, '.') == NULL && n)
				break;
		}
		base[n++] = isalnum((unsigned char)c) || c == '_' ||
			    c == '-' || c == '.' ? c : '_';
	}
	base[n] = '\0';
	snprintf(name, len, "swapnet-%s", n ? base : "mirror");
}

/* examine's "No md superblock detected" is an answer, not an error */
static bool quiet_stderr;

static void dev_path(const char *dev, char *buf, size_t len)
{
	root_path(buf, len, reserve_root(NULL), "/dev/%s", dev);
}

int mdadm_run(char *const *argv, char *out, size_t outlen, char *err,
	      size_t errlen)
{
	int pfd[2] = { -1, -1 }, status, fd;
	size_t got = 0;
	pid_t pid;

	if (out && outlen)
		out[0] = '\0';
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -errno;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -EAGAIN;
	}
	if (pid == 0) {
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			dup2(fd, STDIN_FILENO);
		dup2(pfd[1], STDOUT_FILENO);
		if (quiet_stderr && fd >= 0) {
			close(fd);
			fd = open("/dev/null", O_WRONLY);
			if (fd >= 0)
				dup2(fd, STDERR_FILENO);
		}
		execvp("mdadm", argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		char buf[512];
		ssize_t r = read(pfd[0], buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (out && got + 1 < outlen) {
			size_t n = (size_t)r < outlen - 1 - got ? (size_t)r :
				   outlen - 1 - got;

			memcpy(out + got, buf, n);
			got += n;
			out[got] = '\0';
		}
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "waitpid: %s", strerror(errno));
			return -ECHILD;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		snprintf(err, errlen,
			 "mdadm not found in PATH: mirror= needs mdadm(8) (install the mdadm package)");
		return -ENOENT;
	}
	if (!WIFEXITED(status)) {
		snprintf(err, errlen, "mdadm %s: killed by signal %d",
			 argv[1] ? argv[1] : "", WTERMSIG(status));
		return -EINTR;
	}
	if (WEXITSTATUS(status))
		snprintf(err, errlen, "mdadm %s failed (status %d)",
			 argv[1] ? argv[1] : "", WEXITSTATUS(status));
	return WEXITSTATUS(status);
}

/* argv from words, the strings copied into store; argc or -ENOSPC */
static int build(char **argv, char *store, size_t storelen,
		 const char *const *words)
{
	char *s = store;
	int argc = 0;

	for (; *words; words++) {
		size_t n = strlen(*words) + 1;

		if (argc + 1 >= MIRROR_ARGV_MAX ||
		    n > (size_t)(store + storelen - s))
			return -ENOSPC;
		memcpy(s, *words, n);
		argv[argc++] = s;
		s += n;
	}
	argv[argc] = NULL;
	return argc;
}

int mirror_create_argv(const char *name, const char *leg0, const char *leg1,
		       char **argv, char *store, size_t storelen)
{
	char md[256], nm[64], p0[4200], p1[4200];

	snprintf(md, sizeof(md), "/dev/md/%s", name);
	snprintf(nm, sizeof(nm), "--name=%s", name);
	dev_path(leg0, p0, sizeof(p0));
	dev_path(leg1, p1, sizeof(p1));
	return build(argv, store, storelen, (const char *const[]){
		"mdadm", "--create", md, "--run", "--level=1",
		"--raid-devices=2", "--metadata=1.2", "--bitmap=internal",
		"--assume-clean", nm, "--failfast", p0, p1, NULL });
}

struct examine {
	bool md;			/* an md superblock */
	char uuid[64], name[64], level[16];
};

/* mdadm --examine --export /dev/LEG */
static int examine(const char *leg, struct examine *ex, char *err,
		   size_t errlen)
{
	char path[4200], out[2048], *line, *save = NULL;
	char *argv[] = { "mdadm", "--examine", "--export", path, NULL };
	int ret;

	memset(ex, 0, sizeof(*ex));
	dev_path(leg, path, sizeof(path));
	quiet_stderr = true;
	ret = mdadm_run(argv, out, sizeof(out), err, errlen);
	quiet_stderr = false;
	if (ret < 0)
		return ret;
	if (ret)	/* no superblock: mdadm says so and exits 1 */
		return 0;
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "MD_UUID=", 8))
			snprintf(ex->uuid, sizeof(ex->uuid), "%s", line + 8);
		else if (!strncmp(line, "MD_NAME=", 8))
			snprintf(ex->name, sizeof(ex->name), "%s", line + 8);
		else if (!strncmp(line, "MD_LEVEL=", 9))
			snprintf(ex->level, sizeof(ex->level), "%s", line + 9);
	}
	ex->md = ex->uuid[0] != '\0';
	return 0;
}

/* "host:swapnet-x" or "swapnet-x" is ours when the part after ':' is name */
static bool ours(const struct examine *ex, const char *name)
{
	const char *n = strrchr(ex->name, ':');

	n = n ? n + 1 : ex->name;
	return ex->md && !strcmp(n, name) && !strcmp(ex->level, "raid1");
}

static int run_words(const char *const *words, char *err, size_t errlen)
{
	char *argv[MIRROR_ARGV_MAX], store[8192];

	if (build(argv, store, sizeof(store), words) < 0) {
		snprintf(err, errlen, "mdadm: arguments too long");
		return -ENOSPC;
	}
	return mdadm_run(argv, NULL, 0, err, errlen);
}

static int stop_md(const char *md, char *err, size_t errlen)
{
	char path[4200];
	int ret;

	dev_path(md, path, sizeof(path));
	ret = run_words((const char *const[]){ "mdadm", "--stop", path, NULL },
			err, errlen);
	return ret > 0 ? -EBUSY : ret;
}

/* the array both legs are in, when it is the same one */
static int common_holder(const char *leg0, const char *leg1, char *md,
			 size_t len, bool *partial)
{
	const char *root = reserve_root(NULL);
	char m0[MDM_NAME_MAX] = "", m1[MDM_NAME_MAX] = "";
	int h0 = mdm_holder(root, leg0, m0, sizeof(m0));
	int h1 = mdm_holder(root, leg1, m1, sizeof(m1));

	*partial = false;
	if (h0 && h1 && !strcmp(m0, m1)) {
		snprintf(md, len, "%s", m0);
		return 1;
	}
	if (h0 || h1) {
		snprintf(md, len, "%s", h0 ? m0 : m1);
		*partial = true;
	}
	return 0;
}

int mirror_up(const char *name, const char *leg0, const char *leg1,
	      char *md, size_t mdlen, const char **how, char *err,
	      size_t errlen)
{
	const char *root = reserve_root(NULL);
	const char *legs[2] = { leg0, leg1 };
	struct examine ex[2];
	struct mdm_state st;
	char held[MDM_NAME_MAX], type[64], p[4200], mdpath[256];
	bool partial;
	int i, ret;

	*how = "created";
	/* assembled already (udev's mdadm --incremental): ours, or refused */
	if (common_holder(leg0, leg1, held, sizeof(held), &partial)) {
		if (mdm_read(root, held, &st) == 0 && st.name[0] &&
		    strcmp(st.name, name)) {
			snprintf(err, errlen,
				 "/dev/%s and /dev/%s are already in md array %s (/dev/md/%s), not ours (%s)",
				 leg0, leg1, held, st.name, name);
			return -EBUSY;
		}
		if (st.status != MDM_INACTIVE) {
			snprintf(md, mdlen, "%s", held);
			*how = "reused";
			goto record;
		}
		partial = true;
	}
	if (partial) {
		/* a half-assembled (inactive) array holds a leg: stop it */
		notef("/dev/%s holds a leg and is not running: stopping it",
		      held);
		ret = stop_md(held, err, errlen);
		if (ret < 0)
			return ret;
	}
	for (i = 0; i < 2; i++) {
		ret = examine(legs[i], &ex[i], err, errlen);
		if (ret < 0)
			return ret;
		if (ex[i].md && !ours(&ex[i], name)) {
			snprintf(err, errlen,
				 "/dev/%s holds md array '%s' (%s, uuid %s), not %s: refusing to overwrite it (mdadm --zero-superblock, or another file)",
				 legs[i], ex[i].name, ex[i].level, ex[i].uuid,
				 name);
			return -EEXIST;
		}
		if (ex[i].md)
			continue;
		dev_path(legs[i], p, sizeof(p));
		ret = swapsig_probe(p, type, sizeof(type), err, errlen);
		if (ret < 0)
			return ret;
		if (ret == SWAPSIG_FOREIGN) {
			snprintf(err, errlen,
				 "refusing to use /dev/%s as a mirror leg: it holds %s data (wipe the file on the server first)",
				 legs[i], type);
			return -EEXIST;
		}
	}
	snprintf(mdpath, sizeof(mdpath), "/dev/md/%s", name);
	/* mdadm puts the name there (without udev too) */
	if (!root_path(p, sizeof(p), root, "/dev/md"))
		mkdir(p, 0755);
	if (ex[0].md && ex[1].md && !strcmp(ex[0].uuid, ex[1].uuid)) {
		char p0[4200], p1[4200];

		dev_path(leg0, p0, sizeof(p0));
		dev_path(leg1, p1, sizeof(p1));
		ret = run_words((const char *const[]){
			"mdadm", "--assemble", mdpath, "--run", p0, p1, NULL },
			err, errlen);
		if (ret < 0)
			return ret;
		if (ret == 0) {
			*how = "assembled";
			goto found;
		}
		notef("assembling %s failed: creating it again (swap content is disposable at swapon)",
		      mdpath);
	}
	{
		char *argv[MIRROR_ARGV_MAX], store[16384];

		if (mirror_create_argv(name, leg0, leg1, argv, store,
				       sizeof(store)) < 0) {
			snprintf(err, errlen, "mdadm: arguments too long");
			return -ENOSPC;
		}
		ret = mdadm_run(argv, NULL, 0, err, errlen);
		if (ret < 0)
			return ret;
		if (ret)
			return -EIO;
	}
found:
	if (!common_holder(leg0, leg1, held, sizeof(held), &partial)) {
		snprintf(err, errlen,
			 "after mdadm %s: no md array holds both /dev/%s and /dev/%s",
			 *how, leg0, leg1);
		return -EIO;
	}
	snprintf(md, mdlen, "%s", held);
record:
	if (mdm_record_legs(root, md, legs, 2))
		notef("cannot record the legs of %s under %s", md,
		      MDM_STATE_DIR);
	mdm_clear_degraded(root, md);
	return 0;
}

int mirror_stop(const char *md, char *err, size_t errlen)
{
	int ret = stop_md(md, err, errlen);

	if (ret == 0)
		mdm_forget(reserve_root(NULL), md);
	return ret;
}

int mirror_readd(const char *md, const char *leg, bool listed, char *err,
		 size_t errlen)
{
	char mp[4200], lp[4200];
	int ret;

	dev_path(md, mp, sizeof(mp));
	dev_path(leg, lp, sizeof(lp));
	if (listed) {
		ret = run_words((const char *const[]){
			"mdadm", "--manage", mp, "--remove", lp, NULL },
			err, errlen);
		if (ret < 0)
			return ret;
		if (ret)
			return -EIO;
	}
	ret = run_words((const char *const[]){
		"mdadm", "--manage", mp, "--re-add", "--failfast", lp, NULL },
		err, errlen);
	if (ret < 0)
		return ret;
	return ret ? -EIO : 0;
}

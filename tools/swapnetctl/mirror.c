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
#include <time.h>
#include <unistd.h>

#include "mdmirror.h"
#include "mirror.h"
#include "readfile.h"
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

uint32_t mirror_group_id(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name; name++) {
		h ^= (unsigned char)*name;
		h *= 16777619u;
	}
	return h ? h : 1;
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

uint64_t mirror_bitmap_chunk_kib(uint64_t leg_bytes)
{
	uint64_t want = leg_bytes / 512 / 1024, chunk = 64;

	if (!leg_bytes || leg_bytes >= (32ULL << 30))
		return 0;
	while (chunk * 2 <= want)
		chunk *= 2;
	return chunk;
}

int mirror_create_argv(const char *name, const char *leg0, const char *leg1,
		       uint64_t chunk_kib, char **argv, char *store,
		       size_t storelen)
{
	char md[256], nm[64], ch[48], p0[4200], p1[4200];

	snprintf(md, sizeof(md), "/dev/md/%s", name);
	snprintf(nm, sizeof(nm), "--name=%s", name);
	snprintf(ch, sizeof(ch), "--bitmap-chunk=%lluK",
		 (unsigned long long)chunk_kib);
	dev_path(leg0, p0, sizeof(p0));
	dev_path(leg1, p1, sizeof(p1));
	if (!chunk_kib)
		return build(argv, store, storelen, (const char *const[]){
			"mdadm", "--create", md, "--run", "--level=1",
			"--raid-devices=2", "--metadata=1.2",
			"--bitmap=internal", "--assume-clean", nm,
			"--failfast", p0, p1, NULL });
	return build(argv, store, storelen, (const char *const[]){
		"mdadm", "--create", md, "--run", "--level=1",
		"--raid-devices=2", "--metadata=1.2", "--bitmap=internal", ch,
		"--assume-clean", nm, "--failfast", p0, p1, NULL });
}

/* /sys/block/DEV/size in bytes, 0 when unknown */
static uint64_t dev_bytes(const char *dev)
{
	char path[4200], *t;
	unsigned long long sectors = 0;

	if (root_path(path, sizeof(path), reserve_root(NULL),
		      "/sys/block/%s/size", dev))
		return 0;
	t = read_file(path);
	if (t && sscanf(t, "%llu", &sectors) != 1)
		sectors = 0;
	free(t);
	return (uint64_t)sectors * 512;
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

/*
 * md raid1 hands the same page to both legs and, before 6.11, does not
 * inherit the legs' stable-writes flag (blk_stack_limits only does from
 * 6.11 on).  Without it, mm/memory.c may map a swap-cache page writable
 * while it is still under writeback (SWP_STABLE_WRITES, set at swapon
 * from the md queue), so a page can change between the two legs' writes
 * (legs that differ) or under one leg's checksum (a verify error on a
 * page that was never lost).  Require stable writes on the array before
 * anything swaps on it; a queue that will not take it is an error.
 */
static int md_stable_writes(const char *md, char *err, size_t errlen)
{
	char path[4200], *t;
	bool on;
	int fd, e;

	if (root_path(path, sizeof(path), reserve_root(NULL),
		      "/sys/block/%s/queue/stable_writes", md))
		return -ENAMETOOLONG;
	t = read_file(path);
	on = t && t[0] == '1';
	free(t);
	if (on)
		return 0;
	errno = 0;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0 || write(fd, "1", 1) != 1) {
		e = errno ? errno : EIO;
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen,
			 "cannot make /dev/%s take stable writes (%s: %s): a page could change between the legs' writes",
			 md, path, strerror(e));
		return -e;
	}
	close(fd);
	t = read_file(path);
	on = t && t[0] == '1';
	free(t);
	if (!on) {
		snprintf(err, errlen,
			 "/dev/%s does not keep stable writes on (%s reads 0)",
			 md, path);
		return -EIO;
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

		uint64_t b0 = dev_bytes(leg0), b1 = dev_bytes(leg1);

		if (mirror_create_argv(name, leg0, leg1,
				       mirror_bitmap_chunk_kib(b0 < b1 ? b0 : b1),
				       argv, store, sizeof(store)) < 0) {
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
	ret = md_stable_writes(md, err, errlen);
	if (ret < 0)
		return ret;
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

/* ---- repair from the other leg (mirror.h) ---- */

static int cmp_region(const void *a, const void *b)
{
	const struct mirror_region *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

size_t mirror_repair_regions(const uint64_t *offsets, size_t n,
			     uint64_t data_offset, uint64_t array_sectors,
			     struct mirror_region *out, size_t max,
			     size_t *outside)
{
	struct mirror_region *r;
	size_t i, k = 0, m;

	*outside = 0;
	if (!n || !max)
		return 0;
	r = calloc(n, sizeof(*r));
	if (!r)
		return 0;
	for (i = 0; i < n; i++) {
		uint64_t s = offsets[i] / 512;

		if (s < data_offset || s - data_offset >= array_sectors) {
			(*outside)++;
			continue;
		}
		s -= data_offset;
		r[k].lo = s / 8 * 8;
		/* the 4 KiB block [s, s + 8), on 4 KiB of the array */
		r[k].hi = (s + 8 + 7) / 8 * 8;
		if (r[k].hi > array_sectors)
			r[k].hi = array_sectors;
		k++;
	}
	qsort(r, k, sizeof(*r), cmp_region);
	for (i = 0, m = 0; i < k; i++) {
		if (m && r[i].lo <= r[m - 1].hi + MIRROR_REPAIR_GAP) {
			if (r[i].hi > r[m - 1].hi)
				r[m - 1].hi = r[i].hi;
			continue;
		}
		r[m++] = r[i];
	}
	if (m > max) {
		r[0].hi = r[m - 1].hi;
		m = 1;
	}
	memcpy(out, r, m * sizeof(*r));
	free(r);
	return m;
}

/* md/ATTR of md: read (trimmed) into buf, or written from val */
static int md_attr(const char *md, const char *attr, char *buf, size_t len)
{
	char path[4200], *t, *e;

	if (root_path(path, sizeof(path), reserve_root(NULL),
		      "/sys/block/%s/md/%s", md, attr))
		return -ENAMETOOLONG;
	t = read_file(path);
	if (!t)
		return -EIO;
	for (e = t + strlen(t); e > t && (e[-1] == '\n' || e[-1] == ' ');)
		*--e = '\0';
	snprintf(buf, len, "%s", t);
	free(t);
	return 0;
}

static int md_set(const char *md, const char *attr, const char *val,
		  char *err, size_t errlen)
{
	char path[4200];
	size_t n = strlen(val);
	ssize_t w;
	int fd;

	if (root_path(path, sizeof(path), reserve_root(NULL),
		      "/sys/block/%s/md/%s", md, attr))
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	w = write(fd, val, n);
	if (w != (ssize_t)n) {
		int e = w < 0 ? errno : EIO;

		snprintf(err, errlen, "writing '%s' to %s: %s", val, path,
			 strerror(e));
		close(fd);
		return -e;
	}
	close(fd);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool leg_faulty(const char *md, const char *leg)
{
	char attr[MDM_NAME_MAX + 16], st[128] = "";

	snprintf(attr, sizeof(attr), "dev-%s/state", leg);
	/* gone from md (removed) is as faulty for the repair */
	return md_attr(md, attr, st, sizeof(st)) || strstr(st, "faulty");
}

/*
 * One pass of md's ACTION ("repair" or "check") over r; the mismatch
 * count md reports after it in *mismatch.
 */
static int md_pass(const char *md, const char *leg, const char *action,
		   const struct mirror_region *r, uint64_t array_sectors,
		   unsigned int timeout_s, volatile sig_atomic_t *stop,
		   uint64_t *mismatch, char *err, size_t errlen)
{
	char v[64], buf[128];
	double end = now_s() + timeout_s;
	bool to_end = r->hi >= array_sectors;
	unsigned long long done, total, mm;
	int ret, wret;

	snprintf(v, sizeof(v), "%llu", (unsigned long long)r->lo);
	ret = md_set(md, "sync_min", v, err, errlen);
	if (ret)
		return ret;
	snprintf(v, sizeof(v), "%llu", (unsigned long long)r->hi);
	ret = md_set(md, "sync_max", to_end ? "max" : v, err, errlen);
	if (!ret)
		ret = md_set(md, "sync_action", action, err, errlen);
	/* md shows the action at once (MD_RECOVERY_NEEDED), until done */
	while (!ret) {
		if (stop && *stop) {
			snprintf(err, errlen, "stopped");
			ret = -EINTR;
			break;
		}
		if (leg_faulty(md, leg)) {
			snprintf(err, errlen,
				 "md failed %s during the %s (read from the array meanwhile: the monitor re-adds it and repairs again)",
				 leg, action);
			ret = -EIO;
			break;
		}
		/*
		 * idle: done when it ran to the end; before sync_max, md
		 * would wait there: it stopped (interrupted, or never ran)
		 */
		if (md_attr(md, "sync_action", buf, sizeof(buf)) == 0 &&
		    !strcmp(buf, "idle")) {
			if (!to_end) {
				snprintf(err, errlen,
					 "md ended its %s before sector %llu (interrupted, or it did not run)",
					 action, (unsigned long long)r->hi);
				ret = -EIO;
			}
			break;
		}
		/* at sync_max md waits for a higher one: the region is done */
		if (!to_end &&
		    md_attr(md, "sync_completed", buf, sizeof(buf)) == 0 &&
		    sscanf(buf, "%llu / %llu", &done, &total) == 2 &&
		    done >= r->hi)
			break;
		if (now_s() > end) {
			snprintf(err, errlen, "md's %s of sectors %llu-%llu did not end within %u s",
				 action, (unsigned long long)r->lo,
				 (unsigned long long)r->hi, timeout_s);
			ret = -ETIMEDOUT;
			break;
		}
		usleep(100 * 1000);
	}
	if (!ret && md_attr(md, "mismatch_cnt", buf, sizeof(buf)) == 0 &&
	    sscanf(buf, "%llu", &mm) == 1)
		*mismatch = mm;
	/* stop md where it waits (or whatever else), then our window goes */
	if (md_attr(md, "sync_action", buf, sizeof(buf)) || strcmp(buf, "idle")) {
		char e2[256];

		wret = md_set(md, "sync_action", "idle", e2, sizeof(e2));
		if (wret && !ret) {
			snprintf(err, errlen, "%s", e2);
			ret = wret;
		}
		end = now_s() + 30;
		while (md_attr(md, "sync_action", buf, sizeof(buf)) == 0 &&
		       strcmp(buf, "idle") && now_s() < end)
			usleep(100 * 1000);
	}
	if (!ret && leg_faulty(md, leg)) {
		snprintf(err, errlen, "md failed %s during the %s", leg,
			 action);
		ret = -EIO;
	}
	{
		char e2[256];
		int tries = 50;

		/* md may still be reaping its sync thread (EBUSY): a moment */
		do {
			wret = md_set(md, "sync_max", "max", e2, sizeof(e2));
			if (!wret)
				wret = md_set(md, "sync_min", "0", e2,
					      sizeof(e2));
		} while (wret == -EBUSY && --tries && !usleep(100 * 1000));
		if (wret && !ret) {
			snprintf(err, errlen, "restoring sync_min 0, sync_max max: %s",
				 e2);
			ret = wret;
		}
	}
	return ret;
}

/*
 * Why "repair" and nothing around it (read in drivers/md/raid1.c of 6.1
 * and 6.12): a failfast leg whose normal READ fails is failed by md
 * (handle_read_error() calls md_error() for FailFast instead of
 * fix_read_error()), which is how the leg got out; but a user-requested
 * sync (MD_RECOVERY_REQUESTED: "check" and "repair") reads every in-sync
 * leg (raid1_sync_request()), end_sync_read() only notes which reads
 * succeeded, and sync_request_write() sends a request whose reads did
 * not all fail to process_checks(), never to fix_sync_read_error() (the
 * one that md_error()s a FailFast leg, used by resync and recovery
 * only).  process_checks() takes a leg that read well as the source,
 * counts a leg whose read failed as mismatched (r1_bio->sectors into
 * mismatch_cnt) and copies the source's pages over it, and
 * sync_request_write() writes them (MD_RECOVERY_SYNC is set for
 * "repair", and for "check" too: a failed read is rewritten even by a
 * check).  So the leg that still fails verification is rewritten from
 * the good one, not failed again; clearing its failfast flag for the
 * repair is not needed.
 */
int mirror_repair(const char *md, const char *leg,
		  const struct mirror_region *r, unsigned int timeout_s,
		  volatile sig_atomic_t *stop, struct mirror_repair_result *res,
		  char *err, size_t errlen)
{
	char buf[128];
	unsigned long long sectors = 0;
	double t0 = now_s();
	int ret;

	memset(res, 0, sizeof(*res));
	if (md_attr(md, "sync_action", buf, sizeof(buf)) ||
	    strcmp(buf, "idle")) {
		snprintf(err, errlen, "md is not idle (sync_action %s)", buf);
		return -EBUSY;
	}
	if (md_attr(md, "sync_min", buf, sizeof(buf)) || strcmp(buf, "0") ||
	    md_attr(md, "sync_max", buf, sizeof(buf)) || strcmp(buf, "max")) {
		snprintf(err, errlen,
			 "sync_min/sync_max are set (not 0/max): the admin's window, left alone");
		return -EBUSY;
	}
	if (md_attr(md, "component_size", buf, sizeof(buf)) ||
	    sscanf(buf, "%llu", &sectors) != 1 || !sectors) {
		snprintf(err, errlen, "cannot read md/component_size");
		return -EIO;
	}
	sectors *= 2;	/* KiB */
	ret = md_pass(md, leg, "repair", r, sectors, timeout_s, stop,
		      &res->mismatch, err, errlen);
	if (!ret)
		ret = md_pass(md, leg, "check", r, sectors, timeout_s, stop,
			      &res->after, err, errlen);
	res->seconds = now_s() - t0;
	if (!ret && res->after) {
		snprintf(err, errlen,
			 "the check after the repair still finds %llu sectors different",
			 (unsigned long long)res->after);
		ret = -EIO;
	}
	return ret;
}

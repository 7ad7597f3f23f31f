// SPDX-License-Identifier: GPL-2.0
/*
 * reserve_apply: write the reserve to the kernel (vm.min_free_kbytes), to
 * a sysctl.d file so it survives a reboot, and the dynamic reserve hook
 * run when a swapnet device comes or goes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "reserve_apply.h"
#include "rootpath.h"

int reserve_apply(const char *root, uint64_t kb, char *err, size_t errlen)
{
	char path[4096], text[32];
	int fd, len, ret = 0;

	root_path(path, sizeof(path), root, "/proc/sys/vm/min_free_kbytes");
	len = snprintf(text, sizeof(text), "%llu\n", (unsigned long long)kb);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0 || write(fd, text, (size_t)len) != len)
		ret = -errno;
	if (fd >= 0 && close(fd) && !ret)
		ret = -errno;
	if (ret)
		snprintf(err, errlen, "cannot write %s: %s%s", path,
			 strerror(-ret),
			 ret == -EACCES || ret == -EPERM ? " (run as root)" : "");
	return ret;
}

int reserve_persist(const char *root, uint64_t kb, char *err, size_t errlen)
{
	char path[4096], tmp[4200];
	FILE *f;

	/* /etc/sysctl.d may not exist yet (no procps installed). */
	root_path(path, sizeof(path), root, "/etc/sysctl.d");
	if (mkdir(path, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", path,
			 strerror(errno));
		return -errno;
	}
	root_path(path, sizeof(path), root, "%s", RESERVE_SYSCTL_FILE);
	/* Write a temporary file and rename it: never a half-written file. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", tmp,
			 strerror(errno));
		return -errno;
	}
	fprintf(f,
		"# Written by swapnetctl reserve --persist: the memory reserve\n"
		"# network swap needs (see swapnetctl(8), RESERVE).\n"
		"vm.min_free_kbytes = %llu\n", (unsigned long long)kb);
	if (fflush(f) || fsync(fileno(f)) || fclose(f)) {
		int e = errno;

		snprintf(err, errlen, "cannot write %s: %s", tmp,
			 strerror(e));
		unlink(tmp);
		return -e;
	}
	chmod(tmp, 0644);
	if (rename(tmp, path)) {
		int e = errno;

		snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path,
			 strerror(e));
		unlink(tmp);
		return -e;
	}
	return 0;
}

/*
 * Never harm.  swapnetctl raises vm.min_free_kbytes; it never shrinks a
 * reserve it did not raise.  When it raises the value it remembers the
 * value that was there before and the one it set, in RESERVE_STATE_FILE;
 * when the last network swap device goes it puts back the value from
 * before, but only while the current one is still the one it set (an
 * admin who changed it since keeps what they chose).
 */
static int state_path(const char *root, char *buf, size_t len)
{
	char dir[4096];

	root_path(dir, sizeof(dir), root, "/run");
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	root_path(dir, sizeof(dir), root, "/run/swapnet");
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	root_path(buf, len, root, "%s", RESERVE_STATE_FILE);
	return 0;
}

int reserve_state_read(const char *root, struct reserve_state *st)
{
	char path[4096], line[128];
	unsigned long long v;
	int have = 0;
	FILE *f;

	*st = (struct reserve_state){ 0 };
	root_path(path, sizeof(path), root, "%s", RESERVE_STATE_FILE);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "before %llu", &v) == 1) {
			st->before_kb = v;
			have |= 1;
		} else if (sscanf(line, "set %llu", &v) == 1) {
			st->set_kb = v;
			have |= 2;
		}
	}
	fclose(f);
	return have == 3 ? 0 : -EINVAL;	/* damaged: as if absent */
}

static int state_write(const char *root, const struct reserve_state *st,
		       char *err, size_t errlen)
{
	char path[4096], tmp[4200];
	FILE *f;
	int ret;

	ret = state_path(root, path, sizeof(path));
	if (ret) {
		snprintf(err, errlen, "cannot create %s: %s",
			 RESERVE_STATE_FILE, strerror(-ret));
		return ret;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		ret = -errno;
		snprintf(err, errlen, "cannot write %s: %s", tmp,
			 strerror(-ret));
		return ret;
	}
	fprintf(f,
		"# vm.min_free_kbytes before swapnetctl raised it, and the value it\n"
		"# set; restored when the last network swap device goes, unless\n"
		"# changed since (swapnetctl(8), RESERVE)\n"
		"before %llu\nset %llu\n",
		(unsigned long long)st->before_kb,
		(unsigned long long)st->set_kb);
	if (fflush(f) || fclose(f) || rename(tmp, path)) {
		ret = -errno;
		snprintf(err, errlen, "cannot write %s: %s", path,
			 strerror(-ret));
		unlink(tmp);
		return ret;
	}
	return 0;
}

static void state_remove(const char *root)
{
	char path[4096];

	root_path(path, sizeof(path), root, "%s", RESERVE_STATE_FILE);
	unlink(path);
}

int reserve_check_writable(const char *root, char *err, size_t errlen)
{
	char path[4096];
	int ret;

	root_path(path, sizeof(path), root, "/proc/sys/vm/min_free_kbytes");
	if (!access(path, W_OK))
		return 0;
	ret = -errno;
	snprintf(err, errlen, "cannot write %s: %s%s", path, strerror(-ret),
		 ret == -EACCES || ret == -EPERM ? " (run as root)" : "");
	return ret;
}

int reserve_raise(const char *root, uint64_t current_kb, uint64_t kb,
		  bool force, uint64_t *new_kb, char *err, size_t errlen)
{
	struct reserve_state st, old;
	bool ours, had;
	uint64_t target;
	int ret;

	root = root ? root : "/";
	had = reserve_state_read(root, &st) == 0;
	/* swapnetctl's own value is still there: it may go back down. */
	ours = had && st.set_kb == current_kb;
	if (force)
		target = kb;
	else if (ours)
		target = kb > st.before_kb ? kb : st.before_kb;
	else
		target = kb > current_kb ? kb : current_kb;
	*new_kb = current_kb;
	if (had && !ours) {
		/* Changed by somebody else since: theirs now, forget ours. */
		state_remove(root);
		had = false;
	}
	if (target == current_kb)
		return 0;
	old = st;
	if (!had)
		st.before_kb = current_kb;
	st.set_kb = target;
	/* Remember first: a value raised but not remembered never goes back. */
	ret = state_write(root, &st, err, errlen);
	if (ret)
		return ret;
	ret = reserve_apply(root, target, err, errlen);
	if (ret) {
		if (had) {
			char e2[16];

			state_write(root, &old, e2, sizeof(e2));
		} else {
			state_remove(root);
		}
		return ret;
	}
	*new_kb = target;
	return 0;
}

int reserve_restore(const char *root, uint64_t current_kb, uint64_t *new_kb,
		    char *err, size_t errlen)
{
	struct reserve_state st;
	int ret;

	root = root ? root : "/";
	*new_kb = current_kb;
	if (reserve_state_read(root, &st))
		return 0;	/* swapnetctl raised nothing: nothing to undo */
	if (st.set_kb != current_kb || st.before_kb == current_kb) {
		state_remove(root);	/* the admin's value now: leave it */
		return 0;
	}
	ret = reserve_apply(root, st.before_kb, err, errlen);
	if (ret)
		return ret;
	state_remove(root);
	*new_kb = st.before_kb;
	return 0;
}

int reserve_on_device_change(void)
{
	const char *root = reserve_root(NULL);
	static struct swapnet_config c;
	static struct reserve_machine m;
	struct reserve_result r;
	char path[4096], err[512];
	uint64_t kb;
	int ret;

	root_path(path, sizeof(path), root, "%s", CONFIG_PATH);
	ret = config_load(path, &c, err, sizeof(err));
	if (ret == -ENOENT)
		return 0;	/* no config: dynamic reserve not enabled */
	if (ret) {
		fprintf(stderr, "swapnetctl: dynamic reserve: %s\n", err);
		return ret;
	}
	/* A fixed reserve does not depend on the devices: nothing to do. */
	if (!c.dynamic || c.reserve != CONFIG_RESERVE_AUTO)
		return 0;
	/* A fixture tree has no live NICs to ask: ring defaults there. */
	ret = reserve_probe_machine(root, &m, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "swapnetctl: dynamic reserve: %s\n", err);
		return ret;
	}
	reserve_compute(&m, &r);
	if (!m.ndevs) {
		/* The last device went: back to the value from before. */
		ret = reserve_restore(root, r.current_kb, &kb, err,
				      sizeof(err));
	} else if (r.too_large) {
		fprintf(stderr,
			"swapnetctl: dynamic reserve: %llu kB is more than a quarter of lowmem, not applied; lower the devices' queue/nr_requests (see swapnetctl reserve)\n",
			(unsigned long long)r.recommended_kb);
		return -E2BIG;
	} else {
		ret = reserve_raise(root, r.current_kb, r.recommended_kb,
				    false, &kb, err, sizeof(err));
	}
	if (ret) {
		fprintf(stderr, "swapnetctl: dynamic reserve: %s\n", err);
		return ret;
	}
	if (kb != r.current_kb)
		fprintf(stderr,
			"swapnetctl: dynamic reserve: vm.min_free_kbytes %llu -> %llu kB\n",
			(unsigned long long)r.current_kb,
			(unsigned long long)kb);
	return 0;
}

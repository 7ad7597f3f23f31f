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
#include "reserve.h"

static void rpath(const char *root, char *buf, size_t len, const char *path)
{
	snprintf(buf, len, "%s%s", strcmp(root, "/") ? root : "", path);
}

int reserve_apply(const char *root, uint64_t kb, char *err, size_t errlen)
{
	char path[4096], text[32];
	int fd, len, ret = 0;

	rpath(root ? root : "/", path, sizeof(path),
	      "/proc/sys/vm/min_free_kbytes");
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
	rpath(root ? root : "/", path, sizeof(path), "/etc/sysctl.d");
	if (mkdir(path, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", path,
			 strerror(errno));
		return -errno;
	}
	rpath(root ? root : "/", path, sizeof(path), RESERVE_SYSCTL_FILE);
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

int reserve_on_device_change(void)
{
	const char *root = reserve_root(NULL);
	static struct swapnet_config c;
	static struct reserve_machine m;
	struct reserve_result r;
	char path[4096], err[512];
	int ret;

	rpath(root, path, sizeof(path), CONFIG_PATH);
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
	ret = reserve_probe(root, strcmp(root, "/") ? NULL :
			    reserve_ring_ethtool, NULL, &m, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "swapnetctl: dynamic reserve: %s\n", err);
		return ret;
	}
	reserve_compute(&m, &r);
	if (r.too_large) {
		fprintf(stderr,
			"swapnetctl: dynamic reserve: %llu kB is more than a quarter of lowmem, not applied; lower the devices' queue/nr_requests (see swapnetctl reserve)\n",
			(unsigned long long)r.recommended_kb);
		return -E2BIG;
	}
	if (r.recommended_kb == r.current_kb)
		return 0;
	ret = reserve_apply(root, r.recommended_kb, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "swapnetctl: dynamic reserve: %s\n", err);
		return ret;
	}
	fprintf(stderr,
		"swapnetctl: dynamic reserve: vm.min_free_kbytes %llu -> %llu kB\n",
		(unsigned long long)r.current_kb,
		(unsigned long long)r.recommended_kb);
	return 0;
}

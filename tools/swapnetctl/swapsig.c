// SPDX-License-Identifier: GPL-2.0
/* swapsig: signature probing with libblkid, mkswap through mkswap(8). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <blkid/blkid.h>

#include "swapsig.h"

int swapsig_probe(const char *dev, char *type, size_t typelen,
		  char *err, size_t errlen)
{
	const char *val = NULL;
	blkid_probe pr;
	int rc;

	snprintf(type, typelen, "%s", "");
	pr = blkid_new_probe_from_filename(dev);
	if (!pr) {
		snprintf(err, errlen, "cannot probe %s: %s", dev,
			 strerror(errno ? errno : EIO));
		return errno ? -errno : -EIO;
	}
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_MAGIC);
	rc = blkid_do_safeprobe(pr);
	if (rc == 1) {
		blkid_free_probe(pr);
		return SWAPSIG_NONE;
	}
	if (rc == -2) {
		/* Two signatures at once: not something to overwrite. */
		snprintf(type, typelen, "%s", "ambivalent (several signatures)");
		blkid_free_probe(pr);
		return SWAPSIG_FOREIGN;
	}
	if (rc < 0) {
		snprintf(err, errlen, "cannot read %s to look for a signature",
			 dev);
		blkid_free_probe(pr);
		return -EIO;
	}
	if (blkid_probe_lookup_value(pr, "TYPE", &val, NULL) == 0 && val)
		snprintf(type, typelen, "%s", val);
	else if (blkid_probe_lookup_value(pr, "PTTYPE", &val, NULL) == 0 && val)
		snprintf(type, typelen, "%s partition table", val);
	else
		snprintf(type, typelen, "%s", "unknown");
	blkid_free_probe(pr);
	/* "swsuspend" is a hibernation image in a swap area: keep it. */
	return strcmp(type, "swap") ? SWAPSIG_FOREIGN : SWAPSIG_SWAP;
}

int swapsig_mkswap(const char *dev, char *err, size_t errlen)
{
	int status, fd;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -errno;
	}
	if (pid == 0) {
		/* Our stdout carries the device name only. */
		fd = open("/dev/null", O_WRONLY);
		if (fd >= 0)
			dup2(fd, STDOUT_FILENO);
		execlp("mkswap", "mkswap", dev, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "waitpid: %s", strerror(errno));
			return -errno;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(err, errlen, "mkswap %s: mkswap(8) not found in PATH",
			 dev);
	else
		snprintf(err, errlen, "mkswap %s failed (status %d)", dev,
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return -EIO;
}

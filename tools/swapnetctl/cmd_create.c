// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl create URL|PATH --size SIZE [--force] [--uid U] [--gid G]
 *
 * Makes a swapfile the way swap needs it: SIZE bytes of swap area and
 * 4 KiB more for the owner record (owner.h), mode 0600, every block written
 * (a sparse file would make the server allocate during swap-out, when the
 * client cannot wait for it and the server may be out of space), flushed,
 * and checked: the server reports at least SIZE bytes used.  All through
 * libnfs (nfsfile.h); no NFS mount.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "optlimits.h"
#include "util.h"
#include "nfsfile.h"
#include "nfstarget.h"
#include "options.h"
#include "size.h"
#include "steps.h"
#include "swapnet_nl.h"

static const char usage_text[] =
"Usage: swapnetctl create URL|PATH --size SIZE [--force] [--uid U] [--gid G]\n"
"  --size SIZE   the swap area: bytes, or with a K, M, G or T suffix\n"
"                (powers of 1024); a multiple of 4096, at least 1M (SIZE\n"
"                may also be given as the second argument).  The file is\n"
"                4 KiB larger: its last 4 KiB hold the owner record\n"
"  --force       replace an existing file\n"
"  --uid U, --gid G  AUTH_UNIX credentials (default: the caller's)\n";

#define CREATE_CHUNK (1024 * 1024)

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void progress(uint64_t done, uint64_t total, bool tty)
{
	static int last = -1;
	int pct = total ? (int)(done * 100 / total) : 100, i;
	char bar[41];

	if (!tty || pct == last)
		return;
	last = pct;
	for (i = 0; i < 40; i++)
		bar[i] = i < pct * 40 / 100 ? '#' : '.';
	bar[40] = '\0';
	fprintf(stderr, "\r[%s] %3d%% %llu/%llu MiB", bar, pct,
		(unsigned long long)(done >> 20),
		(unsigned long long)(total >> 20));
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Write zeros over [0, size): every block allocated on the server. */
static int fill(struct nfsfile *f, uint64_t size, char *err, size_t errlen)
{
	bool tty = isatty(STDERR_FILENO);
	uint64_t off = 0;
	char *zeros;
	int ret = 0;

	zeros = calloc(1, CREATE_CHUNK);
	if (!zeros) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	progress(0, size, tty);
	while (off < size) {
		size_t n = size - off < CREATE_CHUNK ? (size_t)(size - off) :
			   CREATE_CHUNK;

		if (interrupted) {
			snprintf(err, errlen, "interrupted");
			ret = -EINTR;
			break;
		}
		ret = nfsfile_pwrite(f, zeros, n, off, err, errlen);
		if (ret)
			break;
		off += n;
		progress(off, size, tty);
	}
	if (ret && tty)
		fputc('\n', stderr);
	free(zeros);
	return ret;
}

int create_file(const struct nfs_target *t, uint64_t size,
		const struct nfsfile_opts *nopts, bool force, char *err,
		size_t errlen)
{
	struct nfsfile_fsstat fs;
	struct nfsfile_stat st;
	struct nfsfile *f = NULL;
	bool created = false, exists;
	uint64_t reclaim = 0;
	char url[2200];
	int ret, code = EXIT_FAIL;

	nfs_target_url(t, url, sizeof(url));
	size += SWAPNET_OWNER_RESERVED;	/* the file: swap area + owner record */
	ret = nfsfile_connect(&f, t, nopts, err, errlen);
	if (ret)
		goto fail;
	/* Does it exist?  Never replace a file unless told to. */
	exists = nfsfile_open(f, O_RDONLY, 0, NULL, 0) == 0;
	if (exists) {
		if (!force) {
			snprintf(err, errlen,
				 "%s already exists (--force replaces it)", url);
			code = EXIT_USAGE;
			goto out;
		}
		if (!nfsfile_stat(f, &st, NULL, 0))
			reclaim = st.used;
	}
	ret = nfsfile_fsstat(f, &fs, err, errlen);
	if (ret)
		goto fail;
	if (fs.avail + reclaim < size) {
		snprintf(err, errlen,
			 "not enough space on %s:%s: %llu MiB available, %llu MiB needed",
			 t->host, t->export,
			 (unsigned long long)((fs.avail + reclaim) >> 20),
			 (unsigned long long)(size >> 20));
		goto out;
	}
	if (exists) {
		ret = nfsfile_unlink(f, err, errlen);
		if (ret)
			goto fail;
	}
	/* O_EXCL: if someone else created it meanwhile, do not share it. */
	ret = nfsfile_open(f, O_RDWR | O_CREAT | O_EXCL, 0600, err, errlen);
	if (ret)
		goto fail;
	created = true;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	ret = fill(f, size, err, errlen);
	if (!ret)
		ret = nfsfile_fsync(f, err, errlen);
	if (!ret)
		ret = nfsfile_stat(f, &st, err, errlen);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (ret)
		goto fail;
	if (st.size != size) {
		snprintf(err, errlen,
			 "the server reports size %llu, not %llu",
			 (unsigned long long)st.size,
			 (unsigned long long)size);
		goto fail;
	}
	if ((st.mode & 07777) != 0600) {
		snprintf(err, errlen,
			 "the server created it with mode %04o, not 0600",
			 st.mode & 07777);
		goto fail;
	}
	printf("created %s: %llu bytes of swap area and %u for the owner record, %llu allocated, mode 0600, uid %u\n",
	       url, (unsigned long long)(st.size - SWAPNET_OWNER_RESERVED),
	       SWAPNET_OWNER_RESERVED,
	       (unsigned long long)st.used, st.uid);
	/*
	 * Every byte was written: less allocated is the server's file
	 * system keeping zeros in less space (ZFS with compression), where
	 * no file is preallocated (holes.h).
	 */
	if (st.used < size)
		notef("the server keeps the written file in %llu of %llu bytes (it stores zeros in less space: ZFS with compression?): it allocates as swap writes, keep free space on it",
		      (unsigned long long)st.used,
		      (unsigned long long)size);
	code = EXIT_OK;
	goto out;
fail:
	/* A half-made swapfile is worse than none: remove what we made. */
	if (created && nfsfile_unlink(f, NULL, 0) == 0) {
		size_t n = strlen(err);

		snprintf(err + n, errlen - n, "; removed the incomplete %s",
			 url);
	}
out:
	nfsfile_close(f);
	return code;
}

int cmd_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "uid", required_argument, NULL, 'u' },
		{ "gid", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct nfsfile_opts nopts = { 0 };
	struct attach_opts ids;
	const char *size_arg = NULL, *target_arg = NULL;
	struct nfs_target t;
	bool force = false;
	uint64_t size;
	char err[1024];
	int c, code;

	attach_opts_init(&ids);
	optind = 0;	/* glibc: full reinitialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (size_arg) {
				fprintf(stderr, "swapnetctl: create: --size: given twice\n");
				return EXIT_USAGE;
			}
			size_arg = optarg;
			break;
		case 'f': force = true; break;
		case 'u':
		case 'g':
			/* attach's rule for --uid and --gid (options.c) */
			if (attach_opt_set(&ids, c == 'u' ? AO_UID : AO_GID,
					   c == 'u' ? "--uid" : "--gid", optarg,
					   err, sizeof(err))) {
				fprintf(stderr, "swapnetctl: create: %s\n", err);
				return EXIT_USAGE;
			}
			nopts.uid = ids.uid;
			nopts.gid = ids.gid;
			nopts.set_cred = 1;
			break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: {
			char e[256];

			opt_error(e, sizeof(e), "create", c, argc, argv, optind,
				  optopt);
			fprintf(stderr, "swapnetctl: %s\n", e);
			return EXIT_USAGE;
		}
		}
	}
	if (optind < argc)
		target_arg = argv[optind++];
	if (optind < argc && !size_arg)
		size_arg = argv[optind++];
	else if (optind < argc && size_arg && optind + 1 == argc &&
		 isdigit((unsigned char)argv[optind][0])) {
		fprintf(stderr, "swapnetctl: create: --size: given twice\n");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		fprintf(stderr, "swapnetctl: create: unexpected argument '%s'\n",
			argv[optind]);
		return EXIT_USAGE;
	}
	if (!target_arg) {
		fprintf(stderr, "swapnetctl: create: missing URL or PATH (swapnetctl create URL|PATH --size SIZE)\n");
		return EXIT_USAGE;
	}
	if (!size_arg) {
		fprintf(stderr, "swapnetctl: create: missing --size SIZE (e.g. --size 4G)\n");
		return EXIT_USAGE;
	}
	if (size_parse(size_arg, &size, err, sizeof(err))) {
		fprintf(stderr, "swapnetctl: create: --size: %s\n", err);
		return EXIT_USAGE;
	}
	if (nfs_target_resolve(target_arg, &t, err, sizeof(err))) {
		fprintf(stderr, "swapnetctl: create: %s\n", err);
		return EXIT_USAGE;
	}
	code = create_file(&t, size, &nopts, force, err, sizeof(err));
	if (code != EXIT_OK)
		fprintf(stderr, "swapnetctl: create: %s\n", err);
	return code;
}

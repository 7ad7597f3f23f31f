// SPDX-License-Identifier: GPL-2.0
/*
 * swapnetctl check [URL|DEV|PATH] [--uid U] [--gid G] [-j]
 *
 * Preflight before trusting a node's memory to a server: each check is one
 * line, ✓ or ✗ (or ? when it cannot be told), with the fix.  Without an
 * argument only the local system is checked.  Exit 0 when nothing failed,
 * 2 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "checklist.h"
#include "zswap.h"
#include "commands.h"
#include "holes.h"
#include "optlimits.h"
#include "util.h"
#include "jsonout.h"
#include "kconfig.h"
#include "mounts.h"
#include "nfsfile.h"
#include "nfstarget.h"
#include "options.h"
#include "owner.h"
#include "readfile.h"
#include "reserve_model.h"
#include "serverexports.h"
#include "stacked.h"
#include "swaps.h"
#include "swapnet_nl.h"

#ifndef SWAPNET_VERSION
#define SWAPNET_VERSION "unknown"
#endif

static const char usage_text[] =
"Usage: swapnetctl check [URL|DEV|PATH] [--uid U] [--gid G] [-j]\n"
"       swapnetctl check --server PATH [-j]\n"
"  URL|PATH      the swapfile (nfs://SERVER/EXPORT/FILE or a file on an NFS\n"
"                mount)\n"
"  DEV           an attached device (/dev/swapnetN, swapnetN)\n"
"  --uid, --gid  AUTH_UNIX credentials the device will use (default 0)\n"
"  --server PATH on the NFS server: the export holding PATH (sync,\n"
"                no_subtree_check, not open to any host) and the modes of\n"
"                the swapfiles\n"
"  -j, --json    print JSON (-p, --pretty: indented)\n";

static struct checklist list;	/* large: not on the stack */

/* true when /proc/kallsyms names sym (root only sees the names). */
static bool have_symbol(const char *sym)
{
	char line[512], name[256];
	bool found = false;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %*s %255s", name) == 1 &&
		    !strcmp(name, sym))
			found = true;
	fclose(f);
	return found;
}

static void check_kernel(void)
{
	char c, src[320] = "";
	struct zswap_state z;
	char zs[128];

	/* zswap in front of network swap (swapnet.conf's zswap settings) */
	zswap_read(&z);
	zswap_describe(&z, zs, sizeof(zs));
	checklist_add(&list, "zswap", CHECK_OK, NULL, "%s", zs + 7);

	if (access("/proc/swaps", R_OK) == 0)
		checklist_add(&list, "kernel swap", CHECK_OK, NULL,
			      "/proc/swaps present");
	else
		checklist_add(&list, "kernel swap", CHECK_FAIL,
			      "use a kernel built with CONFIG_SWAP=y",
			      "no /proc/swaps: this kernel has no swap support");

	/*
	 * Without CONFIG_SUNRPC_SWAP the kernel's rpc_clnt_swap_activate()
	 * is an inline returning -EINVAL (include/linux/sunrpc/sched.h, 6.1
	 * and 6.12): swapnet refuses every attach rather than run a swap
	 * device whose socket cannot use the memory reserve.
	 */
	c = kconfig_running("CONFIG_SUNRPC_SWAP", src, sizeof(src));
	if (c == 'y')
		checklist_add(&list, "SUNRPC swap", CHECK_OK, NULL,
			      "CONFIG_SUNRPC_SWAP=y (%s): the transport's socket may use the memory reserve",
			      src);
	else if (c)
		checklist_add(&list, "SUNRPC swap", CHECK_FAIL,
			      "use a kernel built with CONFIG_SUNRPC_SWAP=y (selected by CONFIG_NFS_SWAP; Debian's kernels have it)",
			      "CONFIG_SUNRPC_SWAP is not set (%s): the kernel cannot swap-activate an RPC transport, so every attach fails ('cannot swap-activate the transport')",
			      src);
	else if (have_symbol("rpc_clnt_swap_activate"))
		checklist_add(&list, "SUNRPC swap", CHECK_OK, NULL,
			      "rpc_clnt_swap_activate in /proc/kallsyms");
	else
		checklist_add(&list, "SUNRPC swap", CHECK_UNKNOWN,
			      "install /boot/config-$(uname -r) (or enable CONFIG_IKCONFIG_PROC) to let check read CONFIG_SUNRPC_SWAP",
			      "unknown: no kernel config found and sunrpc not loaded; without CONFIG_SUNRPC_SWAP every attach fails");
}

/*
 * The server's export must be "sync": knfsd on an "async" export answers
 * WRITE with FILE_SYNC (and COMMIT at once) while the data is only in its
 * page cache (fs/nfsd/vfs.c), so a server crash loses swapped-out pages
 * without any error reaching the client.  Nothing on the wire tells the
 * two apart: say so, and how to check on the server.
 */
static void check_sync_export(const char *host, const char *path)
{
	static const char fix[] =
		"on the server, run 'swapnetctl check --server PATH' with the swapfile's path there (or 'exportfs -v' must show 'sync' for the export)";

	if (host && path)
		checklist_add(&list, "export: sync", CHECK_UNKNOWN, fix,
			      "cannot be seen from the client: the export holding %s:%s must be 'sync'; with 'async' the server acknowledges writes still in its page cache and a server crash silently loses swapped-out pages",
			      host, path);
	else
		checklist_add(&list, "export: sync", CHECK_UNKNOWN, fix,
			      "cannot be seen from the client: the export must be 'sync'; with 'async' the server acknowledges writes still in its page cache and a server crash silently loses swapped-out pages");
}

/*
 * Where modprobe would load swapnet from: its line in modules.dep of the
 * running kernel (what depmod indexed), and the file must exist.  0 with
 * path filled, -ENOENT when not indexed, -errno otherwise.
 */
/*
 * A swap area on md or dm over swapnet devices: swapon takes stable
 * writes from the swapped-on device alone, and md raid1 before 6.11 does
 * not pass its legs' flag up (stacked.h says what breaks without it).
 * swapnetctl swapon --mirror sets it; an array built by hand may not.
 */
static void check_stacked(void)
{
	struct stacked_swap s[STACKED_MAX];
	char legs[STACKED_LEGS * 33], fix[512];
	int n, i, j;

	n = stacked_swaps(NULL, s, STACKED_MAX);
	for (i = 0; i < n; i++) {
		legs[0] = '\0';
		for (j = 0; j < s[i].nlegs; j++) {
			strcat(legs, j ? " " : "");
			strcat(legs, s[i].legs[j]);
		}
		if (s[i].stable == 1) {
			checklist_add(&list, "stable writes", CHECK_OK, NULL,
				      "%s (over %s) requires stable writes",
				      s[i].dev, legs);
			continue;
		}
		snprintf(fix, sizeof(fix),
			 "swapoff /dev/%.63s; echo 1 > /sys/block/%.63s/queue/stable_writes; swapon /dev/%.63s",
			 s[i].dev, s[i].dev, s[i].dev);
		checklist_add(&list, "stable writes",
			      s[i].stable ? CHECK_UNKNOWN : CHECK_FAIL, fix,
			      s[i].stable ?
			      "%s (over %s): queue/stable_writes unreadable" :
			      "%s (over %s) does not require stable writes: a page can change while a leg writes it (md raid1 before Linux 6.11)",
			      s[i].dev, legs);
	}
}

static int module_indexed(char *path, size_t len)
{
	char dep[512], line[4096];
	struct utsname u;
	int ret = -ENOENT;
	FILE *f;

	if (uname(&u))
		return -errno;
	snprintf(dep, sizeof(dep), "/lib/modules/%s/modules.dep", u.release);
	f = fopen(dep, "r");
	if (!f)
		return -errno;
	while (ret == -ENOENT && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':'), *base;

		if (!colon)
			continue;
		*colon = '\0';
		base = strrchr(line, '/');
		base = base ? base + 1 : line;
		/* swapnet.ko, or compressed: swapnet.ko.xz, .ko.zst, .ko.gz */
		if (strncmp(base, "swapnet.ko", 10) ||
		    (base[10] && base[10] != '.'))
			continue;
		if (line[0] == '/')
			snprintf(path, len, "%s", line);
		else
			snprintf(path, len, "/lib/modules/%s/%s", u.release,
				 line);
		ret = access(path, R_OK) ? -errno : 0;
	}
	fclose(f);
	return ret;
}

static void check_module(void)
{
	char ver[64] = "", path[4200];
	FILE *f;
	int ret;

	if (access("/sys/module/swapnet", F_OK) == 0) {
		f = fopen("/sys/module/swapnet/version", "r");
		if (f) {
			if (fscanf(f, "%63s", ver) != 1)
				ver[0] = '\0';
			fclose(f);
		}
		if (ver[0] && strcmp(ver, SWAPNET_VERSION))
			checklist_add(&list, "module", CHECK_FAIL,
				      "install matching versions (make install, or make dkms-install) and reload the module",
				      "swapnet %s is loaded but swapnetctl is %s",
				      ver, SWAPNET_VERSION);
		else
			checklist_add(&list, "module", CHECK_OK, NULL,
				      "swapnet %s loaded", ver[0] ? ver : "");
		return;
	}
	ret = module_indexed(path, sizeof(path));
	if (ret == 0)
		checklist_add(&list, "module", CHECK_OK, NULL,
			      "swapnet not loaded; %s (loaded on first use)",
			      path);
	else if (ret == -ENOENT)
		checklist_add(&list, "module", CHECK_FAIL,
			      "make install (or make dkms-install), then depmod",
			      "swapnet.ko is not installed for this kernel");
	else
		checklist_add(&list, "module", CHECK_FAIL,
			      "depmod -a",
			      "cannot read the module index: %s", strerror(-ret));
}

/* Is path a swap area in /proc/swaps (the shared reader, ../common)? */
static bool swapped_on(const char *path)
{
	char *text = read_file("/proc/swaps");
	struct swaps_iter it;
	struct swaps_line l;
	bool on = false;
	int more;

	if (!text)
		return false;
	swaps_begin(&it, text);
	while (!on && (more = swaps_next(&it, &l)))
		on = more > 0 && !strcmp(l.path, path);
	free(text);
	return on;
}

static void check_device(const char *arg, uint32_t index)
{
	struct swapnet_dev_info d;
	struct swapnet_nl *nl;
	char err[SWAPNET_ERR_MAX], dev[64];
	bool swapping;

	if (swapnet_nl_open(&nl, err, sizeof(err)) ||
	    swapnet_nl_dev_get(nl, index, &d, err, sizeof(err))) {
		checklist_add(&list, "device", CHECK_FAIL,
			      "swapnetctl list shows the devices; attach with swapnetctl attach",
			      "%s: %s", arg, err);
		if (nl)
			swapnet_nl_close(nl);
		return;
	}
	swapnet_nl_close(nl);
	if (d.state == SWAPNET_STATE_OK)
		checklist_add(&list, "device", CHECK_OK, NULL,
			      "%s: server %s responding, %llu MiB", d.name,
			      d.cfg.server_name,
			      (unsigned long long)(d.cfg.size_bytes >> 20));
	else if (d.state == SWAPNET_STATE_FAILED)
		checklist_add(&list, "device", CHECK_FAIL,
			      "the pages swapped out to this file are lost: swapoff (processes whose pages are there die), detach, and recreate or re-attach the swapfile (see swapnet(4))",
			      "%s: FAILED: %s", d.name,
			      d.reason[0] ? d.reason : "(no reason given)");
	else
		checklist_add(&list, "device", CHECK_FAIL,
			      "restore the network path to the server; I/O is retried, never failed",
			      "%s: server %s %s%s%s", d.name, d.cfg.server_name,
			      swapnet_state_name(d.state), d.reason[0] ? ": " : "",
			      d.reason);
	if (d.cfg.owner.set) {
		char age[48] = "none acknowledged yet";

		if (d.cfg.owner.has_age)
			snprintf(age, sizeof(age), "%llu ms ago",
				 (unsigned long long)d.cfg.owner.age_ms);
		checklist_add(&list, "owner", CHECK_OK, NULL,
			      "%s (machine-id %s, MAC %s), heartbeat %s, seq %llu",
			      d.cfg.owner.host, d.cfg.owner.machine_id,
			      d.cfg.owner.mac[0] ? d.cfg.owner.mac : "-", age,
			      (unsigned long long)d.cfg.owner.seq);
	}
	snprintf(dev, sizeof(dev), "/dev/%s", d.name);
	swapping = swapped_on(dev);
	checklist_add(&list, "swap", CHECK_OK, NULL, "%s %s", d.name,
		      swapping ? "is in use as swap" : "is not swapped on");
	check_sync_export(d.cfg.server_name, d.cfg.path);
}

/* Mount options and allocation of a swapfile on a kernel NFS mount. */
static void check_native(const char *path)
{
	static struct mount_of m;	/* large: not on the stack */
	char real[4096], best_opts[sizeof(m.fstype) + sizeof(m.super) + 2] = "";
	struct holes_probe p = { .ret = -ENODATA };
	struct stat st;
	uint64_t used;

	if (!realpath(path, real) || stat(real, &st)) {
		checklist_add(&list, "native file", CHECK_FAIL, NULL,
			      "%s: %s", path, strerror(errno));
		return;
	}
	if (mounts_of_file("/proc/self/mountinfo", real, &m) == 0)
		snprintf(best_opts, sizeof(best_opts), "%s %s", m.fstype,
			 m.super);
	if (!strncmp(best_opts, "nfs", 3)) {
		bool soft = strstr(best_opts, ",soft") != NULL;
		bool tcp = strstr(best_opts, "proto=tcp") != NULL;

		if (soft)
			checklist_add(&list, "mount: hard", CHECK_FAIL,
				      "remount with -o hard: a soft mount fails swap I/O on a timeout",
				      "mounted soft");
		else
			checklist_add(&list, "mount: hard", CHECK_OK, NULL,
				      "hard mount");
		checklist_add(&list, "mount: tcp", tcp ? CHECK_OK : CHECK_FAIL,
			      "remount with -o proto=tcp",
			      tcp ? "proto=tcp" : "not proto=tcp");
	}
	used = (uint64_t)st.st_blocks * 512;
	if (used < (uint64_t)st.st_size)
		holes_probe_local(real, &p);
	switch (holes_judge((uint64_t)st.st_size, used, &p)) {
	case HOLES_NONE:
		checklist_add(&list, "native file: holes", CHECK_OK, NULL,
			      "fully allocated");
		break;
	case HOLES_COMPRESSING:
		checklist_add(&list, "native file: holes", CHECK_OK, NULL,
			      "%llu of %llu bytes allocated: the file system keeps written zeros in less space (%llu bytes for %llu: compression?), so holes cannot be seen",
			      (unsigned long long)used,
			      (unsigned long long)st.st_size,
			      (unsigned long long)p.used,
			      (unsigned long long)p.written);
		break;
	case HOLES_SPARSE:
		checklist_add(&list, "native file: holes", CHECK_FAIL,
			      "recreate it fully allocated (swapnetctl create --force)",
			      "%llu of %llu bytes allocated",
			      (unsigned long long)used,
			      (unsigned long long)st.st_size);
		break;
	case HOLES_UNKNOWN:
		checklist_add(&list, "native file: holes", CHECK_UNKNOWN,
			      "recreate it fully allocated (swapnetctl create --force)",
			      "%llu of %llu bytes allocated, and no probe file could be written next to it (%s): holes or compression?",
			      (unsigned long long)used,
			      (unsigned long long)st.st_size, p.err);
	}
}

/* Who the server says owns a file uid creates next to the swapfile. */
static void check_squash(const struct nfs_target *t,
			 const struct nfsfile_opts *o)
{
	struct nfs_target probe;
	struct nfsfile *g = NULL;
	struct nfsfile_stat st;
	char err[1024], name[160];
	int ret;

	err[0] = '\0';
	holes_probe_name(name, sizeof(name), "check");
	ret = holes_sibling(t, name, &probe);
	if (ret)
		snprintf(err, sizeof(err), "path too long");
	else
		ret = nfsfile_connect(&g, &probe, o, err, sizeof(err));
	if (!ret)
		ret = nfsfile_open(g, O_RDWR | O_CREAT | O_EXCL, 0600, err,
				   sizeof(err));
	if (ret) {
		checklist_add(&list, "uid mapping", CHECK_UNKNOWN,
			      "export with no_root_squash, or attach with --uid/--gid of the file's owner",
			      "cannot create a probe file as uid %u: %s", o->uid,
			      err);
		nfsfile_close(g);
		return;
	}
	ret = nfsfile_stat(g, &st, err, sizeof(err));
	nfsfile_unlink(g, NULL, 0);
	nfsfile_close(g);
	if (ret)
		checklist_add(&list, "uid mapping", CHECK_UNKNOWN, NULL, "%s",
			      err);
	else if (st.uid != o->uid)
		checklist_add(&list, "uid mapping", CHECK_FAIL,
			      "export with no_root_squash (or without all_squash), or attach with --uid/--gid of the file's owner",
			      "the server maps uid %u to %u (root_squash or all_squash)",
			      o->uid, st.uid);
	else
		checklist_add(&list, "uid mapping", CHECK_OK, NULL,
			      "uid %u kept by the server", o->uid);
}

/*
 * The owner record (owner.h): who swaps on the file, by its own clock.
 * A record written within the watch is a live owner as far as one read
 * can tell (attach watches it to be sure).
 */
static void check_owner(struct nfsfile *f, const struct nfsfile_stat *st,
			const struct nfs_target *t)
{
	uint8_t rec[SWAPNET_OWNER_REC_LEN];
	struct swapnet_owner_info me;
	struct owner_record r;
	char err[512], who[512];
	uint64_t now = (uint64_t)time(NULL), off;

	if (st->size < (1u << 20) + SWAPNET_OWNER_RESERVED)
		return;
	off = (st->size & ~4095ull) - SWAPNET_OWNER_RESERVED;
	if (nfsfile_pread(f, rec, sizeof(rec), off, err, sizeof(err))) {
		checklist_add(&list, "owner", CHECK_UNKNOWN, NULL,
			      "cannot read the owner record: %s", err);
		return;
	}
	if (!owner_decode(rec, &r)) {
		checklist_add(&list, "owner", CHECK_OK, NULL,
			      "no owner record: no node has attached the file yet");
		return;
	}
	owner_describe(&r, now, who, sizeof(who));
	if (owner_identity(&me, t->host, err, sizeof(err)) == 0 &&
	    owner_classify(&r, true, &me) != OWNER_FOREIGN)
		checklist_add(&list, "owner", CHECK_OK, NULL,
			      "this node: %s", who);
	else if (r.time_s + (uint64_t)OWNER_WATCH_PERIODS *
		 (r.period_ms ? r.period_ms : SWAPNET_OWNER_PERIOD_MS) /
		 1000 >= now)
		checklist_add(&list, "owner", CHECK_FAIL,
			      "another node swaps on this file: give each node its own (%H or %m in the URL)",
			      "in use by %s", who);
	else
		checklist_add(&list, "owner", CHECK_OK, NULL,
			      "last attached by %s: attach takes it over after watching it for %u s",
			      who, OWNER_WATCH_PERIODS *
			      SWAPNET_OWNER_PERIOD_MS / 1000);
}

static void check_file(const struct nfs_target *t,
		       const struct nfsfile_opts *o, const char *url)
{
	struct nfsfile *f = NULL;
	struct nfsfile_stat st;
	char err[1024], page[4096], msg[1024];
	int ret;

	ret = nfsfile_connect(&f, t, o, err, sizeof(err));
	if (ret) {
		const char *fix;

		/* the hint must fit the error: a name that does not resolve
		 * is not an export problem
		 */
		if (strstr(err, "cannot resolve server") ||
		    strstr(err, "has no IPv4 or IPv6 address"))
			fix = "check the server's name (getent hosts NAME) or give its address";
		else if (getuid())
			fix = "run as root, or export with 'insecure' (a non-root client uses a non-reserved port)";
		else
			fix = "check the server is up and exports the directory to this host (exportfs -v on the server)";
		checklist_add(&list, "server", CHECK_FAIL, fix, "%s", err);
		return;
	}
	checklist_add(&list, "server", CHECK_OK, NULL,
		      "mounted %s:%s (NFSv3)", t->host, t->export);
	if (getuid())
		checklist_add(&list, "ports", CHECK_OK, NULL,
			      "the export accepts non-reserved ports ('insecure'): --noresvport works");
	else
		checklist_add(&list, "ports", CHECK_OK, NULL,
			      "checked from a reserved port; attaching with --noresvport needs 'insecure' in the export");
	check_squash(t, o);

	ret = nfsfile_open(f, O_RDONLY, 0, err, sizeof(err));
	if (ret) {
		char fix[2300];

		snprintf(fix, sizeof(fix), "swapnetctl create %s --size SIZE",
			 url);
		checklist_add(&list, "file", CHECK_FAIL, fix, "%s", err);
		nfsfile_close(f);
		return;
	}
	ret = nfsfile_stat(f, &st, err, sizeof(err));
	if (ret) {
		checklist_add(&list, "file", CHECK_FAIL, NULL, "%s", err);
		nfsfile_close(f);
		return;
	}
	if (!S_ISREG(st.mode))
		checklist_add(&list, "file", CHECK_FAIL,
			      "name a regular file", "not a regular file");
	else if (st.size < (1u << 20) || st.size % 4096)
		checklist_add(&list, "file", CHECK_FAIL,
			      "recreate it: swapnetctl create URL --size SIZE --force",
			      "size %llu: must be at least 1 MiB and a multiple of 4096",
			      (unsigned long long)st.size);
	else
		checklist_add(&list, "file", CHECK_OK, NULL,
			      "regular file, %llu MiB, owner %u:%u",
			      (unsigned long long)(st.size >> 20), st.uid,
			      st.gid);
	if (st.mode & 077)
		checklist_add(&list, "mode", CHECK_FAIL,
			      "chmod 600 the file on the server: others could read swapped memory",
			      "mode %04o", st.mode & 07777);
	else
		checklist_add(&list, "mode", CHECK_OK, NULL, "mode %04o",
			      st.mode & 07777);
	switch (holes_check(t, o, &st, msg, sizeof(msg))) {
	case HOLES_SPARSE:
		checklist_add(&list, "holes", CHECK_FAIL,
			      "recreate it fully allocated: swapnetctl create URL --size SIZE --force",
			      "%s", msg);
		break;
	case HOLES_UNKNOWN:
		checklist_add(&list, "holes", CHECK_UNKNOWN,
			      "let the device's uid create files next to the swapfile, or recreate it: swapnetctl create URL --size SIZE --force",
			      "%s", msg);
		break;
	default:
		checklist_add(&list, "holes", CHECK_OK, NULL, "%s", msg);
	}
	check_owner(f, &st, t);

	/*
	 * Can the device's uid write it?  Rewrite the first page with what
	 * it holds: the swap header, which swap I/O never writes.
	 */
	ret = nfsfile_open(f, O_RDWR, 0, err, sizeof(err));
	if (!ret && st.size >= sizeof(page))
		ret = nfsfile_pread(f, page, sizeof(page), 0, err, sizeof(err));
	if (!ret && st.size >= sizeof(page))
		ret = nfsfile_pwrite(f, page, sizeof(page), 0, err, sizeof(err));
	if (ret)
		checklist_add(&list, "write", CHECK_FAIL,
			      "give the uid write access: no_root_squash in the export, or --uid/--gid of the owner",
			      "uid %u cannot write: %s", o->uid, err);
	else
		checklist_add(&list, "write", CHECK_OK, NULL,
			      "uid %u can write", o->uid);
	nfsfile_close(f);
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "uid", required_argument, NULL, 'u' },
		{ "gid", required_argument, NULL, 'g' },
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "server", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct nfsfile_opts o = { .set_cred = 1 };
	struct attach_opts ids;
	const char *arg = NULL, *server = NULL;
	char err[1024], url[2200];
	uint32_t index;
	int c;

	attach_opts_init(&ids);
	optind = 0;	/* glibc: full reinitialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jph", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
		case 'g':
			/* attach's rule for --uid and --gid (options.c) */
			if (attach_opt_set(&ids, c == 'u' ? AO_UID : AO_GID,
					   c == 'u' ? "--uid" : "--gid", optarg,
					   err, sizeof(err))) {
				fprintf(stderr, "swapnetctl: check: %s\n", err);
				return EXIT_USAGE;
			}
			o.uid = ids.uid;
			o.gid = ids.gid;
			break;
		case 'j': json_output = true; break;
		case 'p': json_pretty = true; break;
		case 's':
			if (server) {
				fprintf(stderr, "swapnetctl: check: --server: given twice\n");
				return EXIT_USAGE;
			}
			server = optarg;
			break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: {
			char e[256];

			opt_error(e, sizeof(e), "check", c, argc, argv, optind,
				  optopt);
			fprintf(stderr, "swapnetctl: %s\n", e);
			return EXIT_USAGE;
		}
		}
	}
	if (json_check("check"))
		return EXIT_USAGE;
	if (optind < argc)
		arg = argv[optind++];
	if (arg && !arg[0]) {
		fprintf(stderr, "swapnetctl: check: empty URL, DEV or PATH\n");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		fprintf(stderr, "swapnetctl: check: unexpected argument '%s'\n",
			argv[optind]);
		return EXIT_USAGE;
	}

	memset(&list, 0, sizeof(list));
	if (server) {
		if (arg) {
			fprintf(stderr, "swapnetctl: check: --server PATH takes no URL|DEV|PATH besides\n");
			return EXIT_USAGE;
		}
		if (server[0] != '/') {
			fprintf(stderr, "swapnetctl: check: --server: '%s' is not an absolute path on this server\n",
				server);
			return EXIT_USAGE;
		}
		server_check(reserve_root(NULL), server, &list);
		arg = server;
		goto print;
	}
	check_kernel();
	check_module();
	check_stacked();
	if (arg && !nfs_target_is_url(arg) && parse_dev_spec(arg, &index) == 0) {
		check_device(arg, index);
	} else if (arg) {
		struct nfs_target t;

		if (nfs_target_resolve(arg, &t, err, sizeof(err))) {
			fprintf(stderr, "swapnetctl: check: %s\n", err);
			return EXIT_USAGE;
		}
		nfs_target_url(&t, url, sizeof(url));
		if (!nfs_target_is_url(arg))
			check_native(arg);
		check_file(&t, &o, url);
		check_sync_export(t.host, t.export[0] ? t.export : t.file);
	} else {
		check_sync_export(NULL, NULL);
	}
print:
	if (json_output)
		checklist_print_json(stdout, &list, arg);
	else
		checklist_print_text(stdout, &list);
	return checklist_ok(&list) ? EXIT_OK : EXIT_FAIL;
}

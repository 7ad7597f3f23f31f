// SPDX-License-Identifier: GPL-2.0
/*
 * nfsfile: a file on an NFS server through libnfs's synchronous API.
 * See nfsfile.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
/* libnfs 4.0.0's headers need struct timeval declared first. */
#include <sys/time.h>
#include <nfsc/libnfs.h>
#include <nfsc/libnfs-raw.h>
#include <nfsc/libnfs-raw-mount.h>
#include <nfsc/libnfs-raw-nfs.h>

#include "seterr.h"
#include "nfsfile.h"

#define DEFAULT_TIMEOUT_MS 10000
/*
 * SYN retransmissions before connect() gives up: 2 is about 7 s, so an
 * unreachable server fails in seconds rather than the kernel's 2 minutes.
 */
#define TCP_SYN_RETRIES 2
/* How long the reachability probe waits for the NFS port to answer. */
#define PROBE_TIMEOUT_MS 5000

struct nfsfile {
	struct nfs_context *nfs;
	struct nfsfh *fh;
	struct nfs_target target;
	int mounted;
};


/* libnfs's own message, or strerror when it has none. */
static const char *nfs_msg(struct nfsfile *f, int ret)
{
	const char *m = f->nfs ? nfs_get_error(f->nfs) : NULL;

	return m && *m ? m : strerror(-ret);
}

/*
 * Set the context's NFS port through libnfs's URL options: 4.0.0 has no
 * setter for it, and parsing "?nfsport=" is the documented way.
 */
static int set_nfsport(struct nfs_context *nfs, uint16_t port)
{
	char url[64];
	struct nfs_url *u;

	snprintf(url, sizeof(url), "nfs://localhost/?nfsport=%u", port);
	u = nfs_parse_url_dir(nfs, url);
	if (!u)
		return -EINVAL;
	nfs_destroy_url(u);
	return 0;
}

/* connect() to addr with a deadline: 0 or -errno. */
static int probe_addr(const struct addrinfo *ai, int timeout_ms)
{
	struct pollfd pfd;
	socklen_t len = sizeof(int);
	int fd, ret, soerr = 0;

	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0)
		return -errno;
	ret = connect(fd, ai->ai_addr, ai->ai_addrlen);
	if (ret < 0 && errno == EINPROGRESS) {
		pfd.fd = fd;
		pfd.events = POLLOUT;
		ret = poll(&pfd, 1, timeout_ms);
		if (ret == 0) {
			ret = -ETIMEDOUT;
		} else if (ret < 0) {
			ret = -errno;
		} else {
			getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
			ret = -soerr;
		}
	} else if (ret < 0) {
		ret = -errno;
	}
	close(fd);
	return ret;
}

/*
 * Resolve the server and check its NFS port answers, so a typo in the
 * name, a dead server or a missing nfsd gets a plain message instead of
 * libnfs's "nfs_service failed".
 */
static int probe_server(const struct nfs_target *t, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res;
	char port[8], addr[INET6_ADDRSTRLEN] = "?";
	int ret;

	snprintf(port, sizeof(port), "%u", t->port ? t->port : 2049);
	ret = getaddrinfo(t->host, port, &hints, &res);
	if (ret)
		return set_err(err, errlen, -EHOSTUNREACH,
			       "cannot resolve server '%s': %s", t->host,
			       gai_strerror(ret));
	ret = probe_addr(res, PROBE_TIMEOUT_MS);
	if (ret < 0) {
		getnameinfo(res->ai_addr, res->ai_addrlen, addr, sizeof(addr),
			    NULL, 0, NI_NUMERICHOST);
		/* the address once: "(10.0.0.5)" only after a name */
		set_err(err, errlen, ret,
			"cannot reach NFS server %s%s%s%s port %s: %s",
			t->host, strcmp(addr, t->host) ? " (" : "",
			strcmp(addr, t->host) ? addr : "",
			strcmp(addr, t->host) ? ")" : "", port,
			ret == -ETIMEDOUT ? "no answer" : strerror(-ret));
	}
	freeaddrinfo(res);
	return ret;
}

/*
 * After a MOUNT refused by mountd: the server's export list, so "wrong
 * export" says what would have worked.  The server answered MOUNT a
 * moment ago, so the untimed EXPORT call of libnfs 4.0.0 returns
 * promptly.  buf: the exports, ", " between them; -1 when no list came
 * back (libnfs's mount_getexports() returns NULL for an error and for an
 * empty list alike: neither says "not exported").
 */
static int exports_hint(const char *host, char *buf, size_t len)
{
	struct exportnode *list, *e;
	size_t o = 0;

	list = mount_getexports(host);
	buf[0] = '\0';
	if (!list)
		return -1;
	for (e = list; e && o + 4 < len; e = e->ex_next)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
				      e->ex_dir);
	mount_free_export_list(list);
	if (o >= len)
		buf[len - 1] = '\0';
	return 0;
}

/* 1 when export is at or below one of the listed exports */
static int exports_covered(const char *export, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (!strncmp(p, export, n) &&
		    (export[n] == '/' || export[n] == '\0' || n == 1))
			return 1;
		p += n;
		p += strspn(p, ", ");
	}
	return 0;
}

int nfsfile_connect(struct nfsfile **out, const struct nfs_target *t,
		    const struct nfsfile_opts *opts, char *err, size_t errlen)
{
	struct nfsfile *f;
	int ret;

	*out = NULL;
	ret = probe_server(t, err, errlen);
	if (ret < 0)
		return ret;
	f = calloc(1, sizeof(*f));
	if (!f)
		return set_err(err, errlen, -ENOMEM, "out of memory");
	f->target = *t;
	f->nfs = nfs_init_context();
	if (!f->nfs) {
		free(f);
		return set_err(err, errlen, -ENOMEM,
			       "cannot create an NFS context");
	}
	nfs_set_version(f->nfs, NFS_V3);
	nfs_set_timeout(f->nfs, opts && opts->timeout_ms ?
			opts->timeout_ms : DEFAULT_TIMEOUT_MS);
	nfs_set_tcp_syncnt(f->nfs, TCP_SYN_RETRIES);
	/* One attempt: a dead server must fail the command, not hang it. */
	nfs_set_autoreconnect(f->nfs, 0);
	if (opts && opts->set_cred) {
		nfs_set_uid(f->nfs, (int)opts->uid);
		nfs_set_gid(f->nfs, (int)opts->gid);
	}
	if (t->port && set_nfsport(f->nfs, t->port) < 0) {
		ret = set_err(err, errlen, -EINVAL, "cannot set NFS port %u",
			      t->port);
		goto fail;
	}
	ret = nfs_mount(f->nfs, t->host, t->export);
	if (ret < 0) {
		char exports[256];

		/*
		 * "not exported" only when mountd answered the MOUNT (an
		 * MNT3ERR) and the export list then came back; anything else
		 * (rpcbind or mountd not reachable: an NFSv4-only server, a
		 * firewall letting only 2049 through) keeps libnfs's cause.
		 */
		if (!strstr(nfs_msg(f, ret), "MNT3ERR"))
			set_err(err, errlen, ret,
				"cannot mount %s:%s: %s (swapnet needs NFSv3's MOUNT: are rpcbind (port 111) and mountd reachable, or is the server NFSv4-only?)",
				t->host, t->export, nfs_msg(f, ret));
		else if (exports_hint(t->host, exports, sizeof(exports)) < 0)
			set_err(err, errlen, ret,
				"cannot mount %s:%s: %s (no export list came back)",
				t->host, t->export, nfs_msg(f, ret));
		else if (!exports_covered(t->export, exports))
			set_err(err, errlen, ret,
				"cannot mount %s:%s: not exported (exports: %s)",
				t->host, t->export, exports);
		else
			set_err(err, errlen, ret, "cannot mount %s:%s: %s",
				t->host, t->export, nfs_msg(f, ret));
		goto fail;
	}
	f->mounted = 1;
	*out = f;
	return 0;
fail:
	nfs_destroy_context(f->nfs);
	free(f);
	return ret;
}

int nfsfile_open(struct nfsfile *f, int oflags, int mode,
		 char *err, size_t errlen)
{
	int ret;

	if (f->fh) {
		nfs_close(f->nfs, f->fh);
		f->fh = NULL;
	}
	if (oflags & O_CREAT)
		ret = nfs_create(f->nfs, f->target.file, oflags, mode, &f->fh);
	else
		ret = nfs_open(f->nfs, f->target.file, oflags, &f->fh);
	if (ret < 0) {
		const struct nfs_target *t = &f->target;
		const char *exp = strcmp(t->export, "/") ? t->export : "";

		f->fh = NULL;
		if (ret == -ENOENT)
			return set_err(err, errlen, ret,
				       "%s:%s%s: no such file on the server",
				       t->host, exp, t->file);
		if (ret == -EACCES || ret == -EPERM)
			return set_err(err, errlen, ret,
				       "%s:%s%s: permission denied by the server (%s)",
				       t->host, exp, t->file, nfs_msg(f, ret));
		return set_err(err, errlen, ret, "%s:%s%s: %s", t->host, exp,
			       t->file, nfs_msg(f, ret));
	}
	return 0;
}

static int need_open(struct nfsfile *f, char *err, size_t errlen)
{
	if (!f->fh)
		return set_err(err, errlen, -EBADF, "internal: file not open");
	return 0;
}

int nfsfile_stat(struct nfsfile *f, struct nfsfile_stat *st,
		 char *err, size_t errlen)
{
	struct nfs_stat_64 s;
	int ret = need_open(f, err, errlen);

	if (ret < 0)
		return ret;
	ret = nfs_fstat64(f->nfs, f->fh, &s);
	if (ret < 0)
		return set_err(err, errlen, ret, "stat %s: %s", f->target.file,
			       nfs_msg(f, ret));
	st->size = s.nfs_size;
	st->used = s.nfs_used;
	st->mode = (uint32_t)s.nfs_mode;
	st->uid = (uint32_t)s.nfs_uid;
	st->gid = (uint32_t)s.nfs_gid;
	st->ino = s.nfs_ino;
	return 0;
}

/* Largest single transfer: what the server's FSINFO allows, capped. */
static uint64_t chunk(uint64_t max)
{
	if (!max || max > 1048576)
		return 1048576;
	return max;
}

int nfsfile_pread(struct nfsfile *f, void *buf, size_t len, uint64_t off,
		  char *err, size_t errlen)
{
	uint64_t max = chunk(nfs_get_readmax(f->nfs));
	char *p = buf;
	int ret = need_open(f, err, errlen);

	while (ret == 0 && len) {
		uint64_t n = len < max ? len : max;

		ret = nfs_pread(f->nfs, f->fh, off, n, p);
		if (ret < 0)
			return set_err(err, errlen, ret, "read %s: %s",
				       f->target.file, nfs_msg(f, ret));
		if (ret == 0)
			return set_err(err, errlen, -EIO,
				       "read %s: unexpected end of file at %llu",
				       f->target.file, (unsigned long long)off);
		p += ret;
		off += (uint64_t)ret;
		len -= (size_t)ret;
		ret = 0;
	}
	return ret;
}

int nfsfile_pwrite(struct nfsfile *f, const void *buf, size_t len,
		   uint64_t off, char *err, size_t errlen)
{
	uint64_t max = chunk(nfs_get_writemax(f->nfs));
	const char *p = buf;
	int ret = need_open(f, err, errlen);

	while (ret == 0 && len) {
		uint64_t n = len < max ? len : max;

		ret = nfs_pwrite(f->nfs, f->fh, off, n, p);
		if (ret < 0)
			return set_err(err, errlen, ret, "write %s: %s",
				       f->target.file, nfs_msg(f, ret));
		if (ret == 0)
			return set_err(err, errlen, -EIO,
				       "write %s: no progress at %llu",
				       f->target.file, (unsigned long long)off);
		p += ret;
		off += (uint64_t)ret;
		len -= (size_t)ret;
		ret = 0;
	}
	return ret;
}

int nfsfile_fsync(struct nfsfile *f, char *err, size_t errlen)
{
	int ret = need_open(f, err, errlen);

	if (ret == 0)
		ret = nfs_fsync(f->nfs, f->fh);
	if (ret < 0)
		return set_err(err, errlen, ret, "fsync %s: %s", f->target.file,
			       nfs_msg(f, ret));
	return 0;
}

int nfsfile_truncate(struct nfsfile *f, uint64_t size,
		     char *err, size_t errlen)
{
	int ret = need_open(f, err, errlen);

	if (ret == 0)
		ret = nfs_ftruncate(f->nfs, f->fh, size);
	if (ret < 0)
		return set_err(err, errlen, ret, "truncate %s: %s",
			       f->target.file, nfs_msg(f, ret));
	return 0;
}

int nfsfile_unlink(struct nfsfile *f, char *err, size_t errlen)
{
	int ret;

	if (f->fh) {
		nfs_close(f->nfs, f->fh);
		f->fh = NULL;
	}
	ret = nfs_unlink(f->nfs, f->target.file);
	if (ret < 0)
		return set_err(err, errlen, ret, "remove %s: %s",
			       f->target.file, nfs_msg(f, ret));
	return 0;
}

int nfsfile_fsstat(struct nfsfile *f, struct nfsfile_fsstat *fs,
		   char *err, size_t errlen)
{
	struct nfs_statvfs_64 s;
	int ret = nfs_statvfs64(f->nfs, "/", &s);

	if (ret < 0)
		return set_err(err, errlen, ret, "statvfs %s:%s: %s",
			       f->target.host, f->target.export,
			       nfs_msg(f, ret));
	fs->total = s.f_blocks * s.f_frsize;
	fs->avail = s.f_bavail * s.f_frsize;
	return 0;
}

int nfsfile_fh(struct nfsfile *f, const uint8_t **fh, size_t *len)
{
	const struct nfs_fh3 *h;

	if (!f->fh)
		return -EBADF;
	/* libnfs 4.0.0 returns its nfs_fh3 behind an opaque type. */
	h = (const struct nfs_fh3 *)nfs_get_fh(f->fh);
	if (!h || !h->data.data_len)
		return -EPROTO;
	*fh = (const uint8_t *)h->data.data_val;
	*len = h->data.data_len;
	return 0;
}

int nfsfile_dir_fh(struct nfsfile *f, uint8_t *fh, size_t *len,
		   char *name, size_t namelen)
{
	char dir[sizeof(f->target.file)];
	const struct nfs_fh3 *h;
	struct nfsfh *dfh;
	char *slash;
	int ret;

	snprintf(dir, sizeof(dir), "%s", f->target.file);
	slash = strrchr(dir, '/');
	if (!slash || !slash[1] || strlen(slash + 1) >= namelen)
		return -EINVAL;
	snprintf(name, namelen, "%s", slash + 1);
	if (slash == dir)
		slash[1] = '\0';	/* the export's root: "/" */
	else
		*slash = '\0';
	/* libnfs opens a directory O_RDONLY like a file (LOOKUP, ACCESS) */
	ret = nfs_open(f->nfs, dir, O_RDONLY, &dfh);
	if (ret < 0)
		return ret;
	h = (const struct nfs_fh3 *)nfs_get_fh(dfh);
	if (!h || !h->data.data_len || h->data.data_len > *len) {
		nfs_close(f->nfs, dfh);
		return -EPROTO;
	}
	memcpy(fh, h->data.data_val, h->data.data_len);
	*len = h->data.data_len;
	nfs_close(f->nfs, dfh);
	return 0;
}

uint64_t nfsfile_readmax(struct nfsfile *f)
{
	return nfs_get_readmax(f->nfs);
}

uint64_t nfsfile_writemax(struct nfsfile *f)
{
	return nfs_get_writemax(f->nfs);
}

const struct nfs_target *nfsfile_target(const struct nfsfile *f)
{
	return &f->target;
}

void nfsfile_close(struct nfsfile *f)
{
	if (!f)
		return;
	if (f->fh)
		nfs_close(f->nfs, f->fh);
	/* Tell mountd we are gone; failure only leaves a stale rmtab line. */
	if (f->mounted)
		nfs_umount(f->nfs);
	nfs_destroy_context(f->nfs);
	free(f);
}

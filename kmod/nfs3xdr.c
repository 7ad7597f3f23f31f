// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: the part of NFSv3 (RFC 1813) swapnet speaks, as its own RPC
 * program: NULL, GETATTR, READ, WRITE, COMMIT and LOOKUP.  The NFS client's XDR code is
 * not exported, and swapnet needs none of its inode machinery.
 *
 * READ and WRITE data never pass through a buffer of ours: WRITE hands
 * the request's pages to the send buffer (xdr_write_pages), READ lets
 * the transport receive straight into them (rpc_prepare_reply_pages +
 * xdr_read_pages).
 */
#include <linux/string.h>
#include <linux/sunrpc/clnt.h>
#include <linux/sunrpc/xdr.h>

#include "internal.h"

#define NFS_PROGRAM		100003
#define NFS3_VERSION		3

/* Sizes in XDR words. */
#define NFS3_fh_sz		(1 + SWAPNET_FH_MAX / 4)
#define NFS3_fattr_sz		21
#define NFS3_post_op_attr_sz	(1 + NFS3_fattr_sz)
#define NFS3_wcc_attr_sz	6
#define NFS3_pre_op_attr_sz	(1 + NFS3_wcc_attr_sz)
#define NFS3_wcc_data_sz	(NFS3_pre_op_attr_sz + NFS3_post_op_attr_sz)
#define NFS3_getattrargs_sz	NFS3_fh_sz
#define NFS3_getattrres_sz	(1 + NFS3_fattr_sz)
#define NFS3_readargs_sz	(NFS3_fh_sz + 3)
/* status, post_op_attr, count, eof, opaque length: the data follows */
#define NFS3_readres_hdr_sz	(1 + NFS3_post_op_attr_sz + 3)
#define NFS3_readres_sz		(NFS3_readres_hdr_sz + 1)	/* + pad */
#define NFS3_writeargs_sz	(NFS3_fh_sz + 5)
#define NFS3_writeres_sz	(1 + NFS3_wcc_data_sz + 4)
#define NFS3_commitargs_sz	(NFS3_fh_sz + 3)
#define NFS3_commitres_sz	(1 + NFS3_wcc_data_sz + 2)
#define NFS3_filename_sz	(1 + (SWAPNET_FILE_NAME_MAX + 3) / 4)
#define NFS3_lookupargs_sz	(NFS3_fh_sz + NFS3_filename_sz)
#define NFS3_lookupres_sz	(1 + NFS3_fh_sz + 2 * NFS3_post_op_attr_sz)

/* NFSv3 procedure numbers */
#define NFS3PROC_NULL		0
#define NFS3PROC_GETATTR	1
#define NFS3PROC_LOOKUP		3
#define NFS3PROC_READ		6
#define NFS3PROC_WRITE		7
#define NFS3PROC_COMMIT		21

static void encode_fh3(struct xdr_stream *xdr, const u8 *fh, unsigned int len)
{
	/* Cannot fail: p_arglen reserves room for the largest handle. */
	WARN_ON_ONCE(xdr_stream_encode_opaque(xdr, fh, len) < 0);
}

static int decode_status(struct xdr_stream *xdr, u32 *status)
{
	return xdr_stream_decode_u32(xdr, status) < 0 ? -EIO : 0;
}

static int skip_words(struct xdr_stream *xdr, unsigned int words)
{
	return xdr_inline_decode(xdr, words << 2) ? 0 : -EIO;
}

/* fattr3: type, mode, size, used, fsid and fileid matter to swapnet. */
static int decode_fattr3(struct xdr_stream *xdr, struct swapnet_fattr *fa)
{
	__be32 *p = xdr_inline_decode(xdr, NFS3_fattr_sz << 2);

	if (!p)
		return -EIO;
	fa->type = be32_to_cpup(p++);
	fa->mode = be32_to_cpup(p++);
	p += 3;				/* nlink, uid, gid */
	p = xdr_decode_hyper(p, &fa->size);
	p = xdr_decode_hyper(p, &fa->used);
	p += 2;				/* rdev */
	p = xdr_decode_hyper(p, &fa->fsid);
	xdr_decode_hyper(p, &fa->fileid);
	return 0;
}

/* post_op_attr / pre_op_attr: an optional attribute block, skipped. */
static int skip_optional(struct xdr_stream *xdr, unsigned int words)
{
	u32 follows;

	if (xdr_stream_decode_u32(xdr, &follows) < 0)
		return -EIO;
	return follows ? skip_words(xdr, words) : 0;
}

static int skip_wcc_data(struct xdr_stream *xdr)
{
	int err = skip_optional(xdr, NFS3_wcc_attr_sz);

	return err ? err : skip_optional(xdr, NFS3_fattr_sz);
}

static void enc_void(struct rpc_rqst *req, struct xdr_stream *xdr,
		     const void *data)
{
}

static int dec_void(struct rpc_rqst *req, struct xdr_stream *xdr, void *data)
{
	return 0;
}

static void enc_getattr(struct rpc_rqst *req, struct xdr_stream *xdr,
			const void *data)
{
	const struct swapnet_getattr_args *args = data;

	encode_fh3(xdr, args->fh, args->fh_len);
}

/*
 * Decoders return 0 with res->status set for any well-formed reply, so
 * that the caller sees the nfsstat3 itself; -EIO only for garbage.
 */
static int dec_getattr(struct rpc_rqst *req, struct xdr_stream *xdr,
		       void *data)
{
	struct swapnet_getattr_res *res = data;
	int err = decode_status(xdr, &res->status);

	if (err || res->status != SWAPNET_NFS3_OK)
		return err;
	return decode_fattr3(xdr, &res->attr);
}

static void enc_read(struct rpc_rqst *req, struct xdr_stream *xdr,
		     const void *data)
{
	const struct swapnet_rw_args *args = data;
	__be32 *p;

	encode_fh3(xdr, args->fh, args->fh_len);
	p = xdr_reserve_space(xdr, 8 + 4);
	if (WARN_ON_ONCE(!p))
		return;
	p = xdr_encode_hyper(p, args->offset);
	*p = cpu_to_be32(args->count);
	/* The reply's data lands in the request's own pages. */
	rpc_prepare_reply_pages(req, args->pages, args->pgbase, args->count,
				NFS3_readres_hdr_sz);
	req->rq_rcv_buf.flags |= XDRBUF_READ;
}

static int dec_read(struct rpc_rqst *req, struct xdr_stream *xdr, void *data)
{
	struct swapnet_rw_res *res = data;
	u32 count, ocount;
	__be32 *p;
	int err;

	err = decode_status(xdr, &res->status);
	if (!err)
		err = skip_optional(xdr, NFS3_fattr_sz);
	if (err || res->status != SWAPNET_NFS3_OK)
		return err;
	p = xdr_inline_decode(xdr, 3 * 4);
	if (!p)
		return -EIO;
	count = be32_to_cpup(p++);
	res->eof = be32_to_cpup(p++);
	ocount = be32_to_cpup(p);
	if (count != ocount)
		return -EIO;
	/* A server sending less than it claims is treated as short. */
	res->count = min(count, xdr_read_pages(xdr, count));
	return 0;
}

static void enc_write(struct rpc_rqst *req, struct xdr_stream *xdr,
		      const void *data)
{
	const struct swapnet_rw_args *args = data;
	__be32 *p;

	encode_fh3(xdr, args->fh, args->fh_len);
	p = xdr_reserve_space(xdr, 8 + 4 + 4 + 4);
	if (WARN_ON_ONCE(!p))
		return;
	p = xdr_encode_hyper(p, args->offset);
	*p++ = cpu_to_be32(args->count);
	/*
	 * FILE_SYNC unless SWAPNET_F_UNSTABLE; either way io.c sends a
	 * COMMIT when a reply says less than FILE_SYNC, and completes the
	 * request only when the COMMIT's verifier matches the WRITE's.
	 */
	*p++ = cpu_to_be32(args->stable);
	*p = cpu_to_be32(args->count);
	xdr_write_pages(xdr, args->pages, args->pgbase, args->count);
	xdr->buf->flags |= XDRBUF_WRITE;
}

static int dec_write(struct rpc_rqst *req, struct xdr_stream *xdr, void *data)
{
	struct swapnet_rw_res *res = data;
	__be32 *p;
	int err;

	err = decode_status(xdr, &res->status);
	if (!err)
		err = skip_wcc_data(xdr);
	if (err || res->status != SWAPNET_NFS3_OK)
		return err;
	p = xdr_inline_decode(xdr, 4 + 4 + 8);	/* count, committed, verf */
	if (!p)
		return -EIO;
	res->count = be32_to_cpup(p++);
	res->committed = be32_to_cpup(p++);
	memcpy(res->verf, p, SWAPNET_VERF_SIZE);
	return 0;
}

/* COMMIT3args: the range the WRITEs covered. */
static void enc_commit(struct rpc_rqst *req, struct xdr_stream *xdr,
		       const void *data)
{
	const struct swapnet_rw_args *args = data;
	__be32 *p;

	encode_fh3(xdr, args->fh, args->fh_len);
	p = xdr_reserve_space(xdr, 8 + 4);
	if (WARN_ON_ONCE(!p))
		return;
	p = xdr_encode_hyper(p, args->offset);
	*p = cpu_to_be32(args->count);
}

static int dec_commit(struct rpc_rqst *req, struct xdr_stream *xdr,
		      void *data)
{
	struct swapnet_rw_res *res = data;
	__be32 *p;
	int err;

	err = decode_status(xdr, &res->status);
	if (!err)
		err = skip_wcc_data(xdr);
	if (err || res->status != SWAPNET_NFS3_OK)
		return err;
	p = xdr_inline_decode(xdr, SWAPNET_VERF_SIZE);
	if (!p)
		return -EIO;
	memcpy(res->verf, p, SWAPNET_VERF_SIZE);
	return 0;
}

/* LOOKUP3args: diropargs3, the directory's handle and the name. */
static void enc_lookup(struct rpc_rqst *req, struct xdr_stream *xdr,
		       const void *data)
{
	const struct swapnet_lookup_args *args = data;

	encode_fh3(xdr, args->dir_fh, args->dir_fh_len);
	/* Cannot fail: p_arglen reserves room for the longest name. */
	WARN_ON_ONCE(xdr_stream_encode_opaque(xdr, args->name,
					      args->name_len) < 0);
}

/* The directory's post_op_attr, kept when present. */
static int decode_dir_attr(struct xdr_stream *xdr,
			   struct swapnet_lookup_res *res)
{
	u32 follows;

	if (xdr_stream_decode_u32(xdr, &follows) < 0)
		return -EIO;
	if (!follows)
		return 0;
	res->dir_attr = true;
	return decode_fattr3(xdr, &res->dir);
}

static int dec_lookup(struct rpc_rqst *req, struct xdr_stream *xdr,
		      void *data)
{
	struct swapnet_lookup_res *res = data;
	ssize_t len;
	void *p;
	int err;

	res->dir_attr = false;
	res->fh_len = 0;
	err = decode_status(xdr, &res->status);
	if (err)
		return err;
	if (res->status != SWAPNET_NFS3_OK)
		return decode_dir_attr(xdr, res);
	len = xdr_stream_decode_opaque_inline(xdr, &p, SWAPNET_FH_MAX);
	if (len < 0)
		return -EIO;
	memcpy(res->fh, p, len);
	res->fh_len = len;
	err = skip_optional(xdr, NFS3_fattr_sz);	/* the object's */
	return err ? err : decode_dir_attr(xdr, res);
}

const struct rpc_procinfo swapnet_nfs3_procs[SWAPNET_NR_PROCS] = {
	[SWAPNET_PROC_NULL] = {
		.p_proc = NFS3PROC_NULL,
		.p_encode = enc_void,
		.p_decode = dec_void,
		.p_statidx = SWAPNET_PROC_NULL,
		.p_name = "NULL",
	},
	[SWAPNET_PROC_GETATTR] = {
		.p_proc = NFS3PROC_GETATTR,
		.p_encode = enc_getattr,
		.p_decode = dec_getattr,
		.p_arglen = NFS3_getattrargs_sz,
		.p_replen = NFS3_getattrres_sz,
		.p_timer = 1,
		.p_statidx = SWAPNET_PROC_GETATTR,
		.p_name = "GETATTR",
	},
	[SWAPNET_PROC_READ] = {
		.p_proc = NFS3PROC_READ,
		.p_encode = enc_read,
		.p_decode = dec_read,
		.p_arglen = NFS3_readargs_sz,
		.p_replen = NFS3_readres_sz,
		.p_timer = 3,
		.p_statidx = SWAPNET_PROC_READ,
		.p_name = "READ",
	},
	[SWAPNET_PROC_WRITE] = {
		.p_proc = NFS3PROC_WRITE,
		.p_encode = enc_write,
		.p_decode = dec_write,
		.p_arglen = NFS3_writeargs_sz,
		.p_replen = NFS3_writeres_sz,
		.p_timer = 4,
		.p_statidx = SWAPNET_PROC_WRITE,
		.p_name = "WRITE",
	},
	[SWAPNET_PROC_COMMIT] = {
		.p_proc = NFS3PROC_COMMIT,
		.p_encode = enc_commit,
		.p_decode = dec_commit,
		.p_arglen = NFS3_commitargs_sz,
		.p_replen = NFS3_commitres_sz,
		.p_timer = 4,
		.p_statidx = SWAPNET_PROC_COMMIT,
		.p_name = "COMMIT",
	},
	[SWAPNET_PROC_LOOKUP] = {
		.p_proc = NFS3PROC_LOOKUP,
		.p_encode = enc_lookup,
		.p_decode = dec_lookup,
		.p_arglen = NFS3_lookupargs_sz,
		.p_replen = NFS3_lookupres_sz,
		.p_timer = 2,
		.p_statidx = SWAPNET_PROC_LOOKUP,
		.p_name = "LOOKUP",
	},
};

/* SUNRPC counts calls per procedure here (call_start). */
static unsigned int swapnet_nfs3_counts[SWAPNET_NR_PROCS];

static const struct rpc_version swapnet_nfs3_version = {
	.number = NFS3_VERSION,
	.nrprocs = ARRAY_SIZE(swapnet_nfs3_procs),
	.procs = swapnet_nfs3_procs,
	.counts = swapnet_nfs3_counts,
};

static const struct rpc_version *swapnet_nfs3_versions[] = {
	[NFS3_VERSION] = &swapnet_nfs3_version,
};

static struct rpc_stat swapnet_nfs3_stats;

const struct rpc_program swapnet_nfs3_program = {
	.name = "swapnet",
	.number = NFS_PROGRAM,
	.nrvers = ARRAY_SIZE(swapnet_nfs3_versions),
	.version = swapnet_nfs3_versions,
	.stats = &swapnet_nfs3_stats,
};

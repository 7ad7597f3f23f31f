/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * swapnet: swap block devices backed by a swapfile on an NFS server.
 *
 * Userspace API: one generic netlink family, "swapnet", version 1.
 *
 *   SWAPNET_CMD_DEV_ADD   (admin)  create /dev/swapnetN
 *       SWAPNET_A_SERVER_ADDR    binary, 4 (in_addr) or 16 (in6_addr) bytes  [required]
 *       SWAPNET_A_SERVER_PORT    u16, host order, default 2049
 *       SWAPNET_A_SERVER_SCOPE_ID u32 >= 1, the interface (ifindex) of a
 *                                link-local IPv6 server (fe80::/10): required
 *                                with one, refused with any other address
 *       SWAPNET_A_SERVER_NAME    string <= 255, for logs and events          [required]
 *       SWAPNET_A_FILE_HANDLE    binary, 1..64 bytes, NFSv3 file handle       [required]
 *       SWAPNET_A_FILE_PATH      string <= 1023, "export/path", informational
 *       SWAPNET_A_SIZE_BYTES     u64, multiple of 4096, >= 1 MiB              [required]
 *       SWAPNET_A_RSIZE          u32, 4096..1048576, multiple of 4096, default 131072
 *       SWAPNET_A_WSIZE          u32, 4096..1048576, multiple of 4096, default 131072
 *       SWAPNET_A_UID            u32, AUTH_UNIX uid, default 0
 *       SWAPNET_A_GID            u32, AUTH_UNIX gid, default 0
 *       SWAPNET_A_TIMEO_DS       u32, RPC timeout in 1/10 s, 10..6000, default 600
 *       SWAPNET_A_RETRANS        u32, retransmits before "not responding", 1..10, default 2
 *       SWAPNET_A_FLAGS          u32, SWAPNET_F_*
 *       SWAPNET_A_LABEL          string <= 31, admin's name for the device
 *       SWAPNET_A_VERIFY         u8, 0 or 1: verified swap-in (a CRC32C of every
 *                                4 KiB written, kept on the client: 4 bytes per
 *                                4 KiB of SIZE_BYTES, checked on every read);
 *                                default the module parameter "verify" (1)
 *       SWAPNET_A_OWNER          nest: who owns the file (ownership, below)
 *       SWAPNET_A_DIR_HANDLE     binary, 1..64 bytes, the handle of the file's
 *                                directory, and
 *       SWAPNET_A_FILE_NAME      string 1..255, the file's name in it (no '/',
 *                                not "." or ".."): both or neither.  With them
 *                                a STALE file handle is told apart: the module
 *                                LOOKUPs the name; another handle or NOENT in
 *                                the same directory: FAILED at once (the file
 *                                was replaced or removed); the directory STALE
 *                                too, or another directory: NOT_RESPONDING
 *                                ("file handle stale: export filesystem not
 *                                mounted?"), waited out, bounded only by the
 *                                module parameter stale_timeout.  Without them
 *                                STALE for the major timeout is FAILED.
 *       SWAPNET_A_MIRROR_GROUP   u32 >= 1: the device is a leg of an md
 *                                raid1 mirror whose other legs were added
 *                                with the same number (swapnetctl derives
 *                                it from the array's name).  A leg of a
 *                                group puts up a failfast fence (swapnet(4))
 *                                only while another leg of the group
 *                                answers: with every server of the mirror
 *                                silent at once no leg fails md's requests,
 *                                each waits, hard, as plain swap does (md
 *                                told to fail its last leg breaks the
 *                                array for writes for good).  Absent: no
 *                                group, each device fences alone.
 *     reply: SWAPNET_CMD_DEV_GET message describing the new device
 *     -EEXIST if the same (server address, port, file handle) is attached.
 *     The attach probe (connect + GETATTR) is bounded to a few seconds
 *     whatever TIMEO_DS is: a dead server fails DEV_ADD, it never hangs it.
 *
 *   SWAPNET_CMD_DEV_DEL   (admin)  remove a device; -EBUSY while it is open,
 *                                  or requests are stuck on a dead server
 *       SWAPNET_A_DEV_INDEX      u32                                          [required]
 *       SWAPNET_A_FORCE          flag: also when requests are still in flight
 *                                to a server that does not answer; those
 *                                requests fail (their data is lost); also
 *                                while merely open (an opener gets errors).
 *                                Never for a device held exclusively: swap,
 *                                mount, device mapper (-EBUSY).
 *
 *   SWAPNET_CMD_DEV_GET   doit: SWAPNET_A_DEV_INDEX required; dump: all devices
 *     reply, one message per device:
 *       SWAPNET_A_DEV_INDEX, SWAPNET_A_DEV_NAME ("swapnet0"), SWAPNET_A_LABEL,
 *       SWAPNET_A_SERVER_ADDR, SWAPNET_A_SERVER_SCOPE_ID (link-local only),
 *       SWAPNET_A_SERVER_PORT, SWAPNET_A_SERVER_NAME, SWAPNET_A_FILE_HANDLE*,
 *       SWAPNET_A_FILE_PATH, SWAPNET_A_SIZE_BYTES,
 *       SWAPNET_A_RSIZE, SWAPNET_A_WSIZE, SWAPNET_A_UID*, SWAPNET_A_GID*,
 *       SWAPNET_A_TIMEO_DS, SWAPNET_A_RETRANS, SWAPNET_A_FLAGS,
 *       SWAPNET_A_QUEUE_DEPTH (u32), SWAPNET_A_OPEN_COUNT (u32),
 *       SWAPNET_A_VERIFY (u8, 1 when reads are verified),
 *       SWAPNET_A_MIRROR_GROUP (u32, when given at DEV_ADD),
 *       SWAPNET_A_STATE (u8, enum swapnet_state),
 *       SWAPNET_A_STATE_REASON (string, why the state is not OK; absent when OK),
 *       SWAPNET_A_OWNER (nest, when attached with one: ownership, below),
 *       SWAPNET_A_DIR_HANDLE*, SWAPNET_A_FILE_NAME (when given at DEV_ADD),
 *       SWAPNET_A_STATS (nest)
 *           SWAPNET_STAT_READS, _WRITES              u64 requests completed
 *           SWAPNET_STAT_READ_BYTES, _WRITE_BYTES    u64
 *           SWAPNET_STAT_INFLIGHT                    u32 requests now in flight
 *           SWAPNET_STAT_RETRANS                     u64 RPC retransmissions
 *           SWAPNET_STAT_RETRIES                     u64 RPCs re-sent by swapnet
 *           SWAPNET_STAT_LATENCY_SUM_US              u64 sum over completed requests
 *           SWAPNET_STAT_LATENCY_MAX_US              u64
 *           SWAPNET_STAT_ERRORS                      u64 requests failed to the block layer
 *           SWAPNET_STAT_LAST_ERROR                  s32 last NFS status (nfsstat3, > 0)
 *                                                        or -errno, 0 if none
 *           SWAPNET_STAT_COMMITS                     u64 COMMIT calls sent
 *           SWAPNET_STAT_WRITE_RESENDS               u64 WRITEs sent again because
 *                                                        the server's write verifier
 *                                                        changed (a server reboot
 *                                                        lost unstable data)
 *           SWAPNET_STAT_RECLAIM_REQS                u64 requests sent as reclaim
 *                                                        I/O (RPC_TASK_SWAPPER: may
 *                                                        use the memory reserve)
 *           SWAPNET_STAT_VERIFY_ERRORS               u64 4 KiB blocks whose checksum
 *                                                        differed twice: their reads
 *                                                        failed (the page is lost)
 *           SWAPNET_STAT_VERIFY_REREADS              u64 READs sent again because a
 *                                                        block's checksum differed
 *           SWAPNET_STAT_PARKED_WRITES               u32 WRITEs parked now (waiting
 *                                                        for a place in flight)
 *           SWAPNET_STAT_PARKED_READS                u32 READs parked now
 *           SWAPNET_STAT_PARKED_WRITES_MAX           u32 most WRITEs parked at once
 *           SWAPNET_STAT_LOST                        u64 requests lost so far (failed
 *                                                        to the block layer, each
 *                                                        named in SWAPNET_A_LOSSES,
 *                                                        the log and EVT_LOST)
 *       SWAPNET_A_LOSSES (nest, absent before the first loss): the last
 *                                SWAPNET_LOST_RECENT lost requests, oldest
 *                                first, each a SWAPNET_LOSS_ENTRY (below)
 *     * FILE_HANDLE, DIR_HANDLE, UID and GID are sent only to a caller with CAP_NET_ADMIN:
 *       with AUTH_UNIX the handle is the key to every page swapped out.
 *       Statistics and everything else are open to every user.
 *
 *   Multicast group "events": SWAPNET_CMD_EVT_* messages carrying
 *       SWAPNET_A_DEV_INDEX, SWAPNET_A_DEV_NAME, SWAPNET_A_SERVER_NAME,
 *       and for NOT_RESPONDING and FAILED also SWAPNET_A_STATE_REASON
 *       SWAPNET_CMD_EVT_FAILED: the server says the file is gone or
 *       refuses it for good (e.g. NFS3ERR_STALE): requests fail, and the
 *       pages swapped out to it are lost.  Sent once per device.
 *       SWAPNET_CMD_EVT_VERIFY_ERROR: a block read back twice with a checksum
 *       other than the one written: its read failed.  Also carries
 *       SWAPNET_A_VERIFY_OFFSET (u64, byte offset of the 4 KiB block),
 *       SWAPNET_A_VERIFY_WRITTEN and SWAPNET_A_VERIFY_READ (u32, the CRC32C
 *       written and read) of the latest such block, and SWAPNET_A_STATS;
 *       several errors in a row may share one event (the counter and the
 *       log name each of them).
 *       SWAPNET_CMD_EVT_LOST: a request failed to the block layer (its
 *       pages are lost: a swap-in that fails kills its process) while the
 *       device may still be OK: NFS3ERR_IO or SERVERFAULT after its
 *       retries, INVAL/FBIG/NXIO, a short file or an overlong reply, a
 *       forced removal, a FAILED device.  One event per lost request,
 *       carrying SWAPNET_A_LOSSES with that one SWAPNET_LOSS_ENTRY and
 *       SWAPNET_A_STATS.  If events fall behind by more than
 *       SWAPNET_LOST_RECENT losses, the oldest are not sent: the gap in
 *       SWAPNET_LOSS_A_SEQ says how many.
 *
 * All attributes are validated with strict policies; unknown attributes are
 * rejected.  Changes need CAP_NET_ADMIN (GENL_ADMIN_PERM).  Every rejection
 * carries an extack message.
 */
#ifndef _UAPI_LINUX_SWAPNET_H
#define _UAPI_LINUX_SWAPNET_H

#define SWAPNET_GENL_NAME		"swapnet"
#define SWAPNET_GENL_VERSION		1
#define SWAPNET_MCGRP_EVENTS		"events"

#define SWAPNET_FH_MAX			64
#define SWAPNET_SERVER_NAME_MAX		255
#define SWAPNET_FILE_PATH_MAX		1023
#define SWAPNET_FILE_NAME_MAX		255
#define SWAPNET_LABEL_MAX		31
#define SWAPNET_REASON_MAX		127
/*
 * SWAPNET_A_RSIZE and SWAPNET_A_WSIZE when DEV_ADD leaves them out.  A
 * swap-in READ waits in the one TCP stream behind the WRITEs in flight:
 * smaller requests shorten that wait, larger ones move more per call.
 */
#define SWAPNET_DEFAULT_IO_SIZE		131072
/*
 * DEV_ADD's limits, each once: the module's policy and swapnetctl's
 * option rules (command line and swapnet.conf) both use these.  The
 * request size (rsize, wsize) is a multiple of 4096 within
 * SWAPNET_MIN_IO_SIZE..SWAPNET_MAX_IO_SIZE; the file is a multiple of 4096
 * of at least SWAPNET_MIN_SIZE_BYTES; timeo_ds is in tenths of a second.
 */
#define SWAPNET_MIN_IO_SIZE		4096
#define SWAPNET_MAX_IO_SIZE		1048576
#define SWAPNET_MIN_SIZE_BYTES		1048576
#define SWAPNET_DEFAULT_TIMEO_DS	600
#define SWAPNET_MIN_TIMEO_DS		10
#define SWAPNET_MAX_TIMEO_DS		6000
#define SWAPNET_DEFAULT_RETRANS		2
#define SWAPNET_MIN_RETRANS		1
#define SWAPNET_MAX_RETRANS		10
#define SWAPNET_DEFAULT_PORT		2049

enum swapnet_cmd {
	SWAPNET_CMD_UNSPEC,
	SWAPNET_CMD_DEV_ADD,
	SWAPNET_CMD_DEV_DEL,
	SWAPNET_CMD_DEV_GET,
	SWAPNET_CMD_EVT_ADDED,
	SWAPNET_CMD_EVT_REMOVED,
	SWAPNET_CMD_EVT_NOT_RESPONDING,
	SWAPNET_CMD_EVT_RESPONDING,
	SWAPNET_CMD_EVT_FAILED,
	SWAPNET_CMD_EVT_VERIFY_ERROR,
	SWAPNET_CMD_EVT_LOST,
	__SWAPNET_CMD_MAX
};

#define SWAPNET_CMD_MAX (__SWAPNET_CMD_MAX - 1)

/* SWAPNET_A_FLAGS */
enum swapnet_flags {
	/* bind a non-reserved source port (export needs "insecure") */
	SWAPNET_F_NORESVPORT = 1U << 0,
	/*
	 * send WRITEs UNSTABLE and complete a request only after a COMMIT
	 * whose write verifier matches the WRITE's (re-sending on a change);
	 * without it every WRITE is FILE_SYNC (COMMIT only if a reply says
	 * less than FILE_SYNC)
	 */
	SWAPNET_F_UNSTABLE = 1U << 1,
	/*
	 * the device is for swap (directly, or as a leg of md or dm under
	 * swap): its WRITEs are reclaim I/O (RPC_TASK_SWAPPER, may use the
	 * memory reserve) and its transport is swap-activated
	 * (SOCK_MEMALLOC); without it neither, whatever the I/O says
	 */
	SWAPNET_F_SWAP = 1U << 2,
};

#define SWAPNET_F_ALL (SWAPNET_F_NORESVPORT | SWAPNET_F_UNSTABLE | \
		       SWAPNET_F_SWAP)

enum swapnet_state {
	SWAPNET_STATE_OK,
	SWAPNET_STATE_NOT_RESPONDING,	/* no reply, or refused: still retrying */
	SWAPNET_STATE_FAILED,		/* file gone for good: requests fail */
};

enum swapnet_attr {
	SWAPNET_A_UNSPEC,
	SWAPNET_A_PAD,
	SWAPNET_A_DEV_INDEX,
	SWAPNET_A_DEV_NAME,
	SWAPNET_A_LABEL,
	SWAPNET_A_SERVER_ADDR,
	SWAPNET_A_SERVER_PORT,
	SWAPNET_A_SERVER_NAME,
	SWAPNET_A_FILE_HANDLE,
	SWAPNET_A_FILE_PATH,
	SWAPNET_A_SIZE_BYTES,
	SWAPNET_A_RSIZE,
	SWAPNET_A_WSIZE,
	SWAPNET_A_UID,
	SWAPNET_A_GID,
	SWAPNET_A_TIMEO_DS,
	SWAPNET_A_RETRANS,
	SWAPNET_A_FLAGS,
	SWAPNET_A_QUEUE_DEPTH,
	SWAPNET_A_OPEN_COUNT,
	SWAPNET_A_STATE,
	SWAPNET_A_STATS,
	SWAPNET_A_STATE_REASON,
	SWAPNET_A_FORCE,
	SWAPNET_A_VERIFY,
	SWAPNET_A_VERIFY_OFFSET,
	SWAPNET_A_VERIFY_WRITTEN,
	SWAPNET_A_VERIFY_READ,
	SWAPNET_A_OWNER,	/* nest, SWAPNET_OWNER_A_* (see below) */
	SWAPNET_A_LOSSES,	/* nest of SWAPNET_LOSS_ENTRY (see below) */
	SWAPNET_A_DIR_HANDLE,
	SWAPNET_A_FILE_NAME,
	SWAPNET_A_SERVER_SCOPE_ID,
	SWAPNET_A_MIRROR_GROUP,
	__SWAPNET_A_MAX
};

#define SWAPNET_A_MAX (__SWAPNET_A_MAX - 1)

enum swapnet_stat {
	SWAPNET_STAT_UNSPEC,
	SWAPNET_STAT_PAD,
	SWAPNET_STAT_READS,
	SWAPNET_STAT_WRITES,
	SWAPNET_STAT_READ_BYTES,
	SWAPNET_STAT_WRITE_BYTES,
	SWAPNET_STAT_INFLIGHT,
	SWAPNET_STAT_RETRANS,
	SWAPNET_STAT_RETRIES,
	SWAPNET_STAT_LATENCY_SUM_US,
	SWAPNET_STAT_LATENCY_MAX_US,
	SWAPNET_STAT_ERRORS,
	SWAPNET_STAT_LAST_ERROR,
	SWAPNET_STAT_COMMITS,
	SWAPNET_STAT_WRITE_RESENDS,
	SWAPNET_STAT_RECLAIM_REQS,
	SWAPNET_STAT_VERIFY_ERRORS,
	SWAPNET_STAT_VERIFY_REREADS,
	SWAPNET_STAT_PARKED_WRITES,
	SWAPNET_STAT_PARKED_READS,
	SWAPNET_STAT_PARKED_WRITES_MAX,
	SWAPNET_STAT_LOST,
	__SWAPNET_STAT_MAX
};

#define SWAPNET_STAT_MAX (__SWAPNET_STAT_MAX - 1)

/*
 * A lost request (SWAPNET_A_LOSSES, EVT_LOST): each SWAPNET_LOSS_ENTRY
 * is a nest of
 *   SWAPNET_LOSS_A_SEQ      u64, 1 for the device's first loss, +1 each
 *   SWAPNET_LOSS_A_TIME_NS  u64, when (CLOCK_REALTIME, ns since the epoch)
 *   SWAPNET_LOSS_A_OP       u8, SWAPNET_LOSS_OP_READ or _WRITE
 *   SWAPNET_LOSS_A_OFFSET   u64, byte offset of the request on the device
 *   SWAPNET_LOSS_A_LEN      u32, its length in bytes
 *   SWAPNET_LOSS_A_ERROR    s32, nfsstat3 (> 0) or -errno
 *   SWAPNET_LOSS_A_REASON   string, why it failed
 */
#define SWAPNET_LOST_RECENT		8

enum swapnet_loss_op {
	SWAPNET_LOSS_OP_READ,
	SWAPNET_LOSS_OP_WRITE,
};

enum swapnet_losses_attr {
	SWAPNET_LOSSES_UNSPEC,
	SWAPNET_LOSS_ENTRY,	/* nest, SWAPNET_LOSS_A_* */
	__SWAPNET_LOSSES_MAX
};

#define SWAPNET_LOSSES_MAX (__SWAPNET_LOSSES_MAX - 1)

enum swapnet_loss_attr {
	SWAPNET_LOSS_A_UNSPEC,
	SWAPNET_LOSS_A_PAD,
	SWAPNET_LOSS_A_SEQ,
	SWAPNET_LOSS_A_TIME_NS,
	SWAPNET_LOSS_A_OP,
	SWAPNET_LOSS_A_OFFSET,
	SWAPNET_LOSS_A_LEN,
	SWAPNET_LOSS_A_ERROR,
	SWAPNET_LOSS_A_REASON,
	__SWAPNET_LOSS_A_MAX
};

#define SWAPNET_LOSS_A_MAX (__SWAPNET_LOSS_A_MAX - 1)

/*
 * Ownership of the swapfile (SWAPNET_A_OWNER).  The file's last
 * SWAPNET_OWNER_RESERVED bytes, after the SWAPNET_A_SIZE_BYTES the
 * device exposes, hold an owner record (struct swapnet_owner_record).
 *
 * DEV_ADD with SWAPNET_A_OWNER: the file must be at least SIZE_BYTES +
 * SWAPNET_OWNER_RESERVED bytes, and the record at offset SIZE_BYTES must
 * be the claim the caller wrote: magic, version, machine-id, boot id and
 * nonce as given (-EBUSY otherwise: another node claimed it meanwhile).
 * The module then rewrites the record every SWAPNET_OWNER_PERIOD_MS
 * (seq + 1, time), reading it back first; a record that is not the one
 * it wrote last (another node took the file over) makes the device
 * FAILED with the new owner in the reason.
 *   SWAPNET_OWNER_A_HOST        string, 1..64 bytes           [required]
 *   SWAPNET_OWNER_A_MACHINE_ID  string, 32 lowercase hex      [required]
 *   SWAPNET_OWNER_A_BOOT_ID     string, 36 (uuid, lowercase)  [required]
 *   SWAPNET_OWNER_A_MAC         string, 0..63 "xx:xx:..." (may be empty)
 *   SWAPNET_OWNER_A_NONCE       binary, 16 bytes              [required]
 * DEV_GET sends them back, and adds:
 *   SWAPNET_OWNER_A_SEQ         u64, the last sequence number written
 *   SWAPNET_OWNER_A_AGE_MS      u64, since the last heartbeat the server
 *                               acknowledged (absent before the first)
 *   SWAPNET_OWNER_A_PERIOD_MS   u32, the heartbeat period
 *   SWAPNET_OWNER_A_OFFSET      u64, the record's offset in the file
 */
#define SWAPNET_OWNER_RESERVED		4096
#define SWAPNET_OWNER_PERIOD_MS		2000
#define SWAPNET_OWNER_HOST_MAX		64
#define SWAPNET_OWNER_MACHINE_ID_LEN	32
#define SWAPNET_OWNER_BOOT_ID_LEN	36
#define SWAPNET_OWNER_MAC_MAX		63
#define SWAPNET_OWNER_NONCE_LEN		16

enum swapnet_owner_attr {
	SWAPNET_OWNER_A_UNSPEC,
	SWAPNET_OWNER_A_PAD,
	SWAPNET_OWNER_A_HOST,
	SWAPNET_OWNER_A_MACHINE_ID,
	SWAPNET_OWNER_A_BOOT_ID,
	SWAPNET_OWNER_A_MAC,
	SWAPNET_OWNER_A_NONCE,
	SWAPNET_OWNER_A_SEQ,
	SWAPNET_OWNER_A_AGE_MS,
	SWAPNET_OWNER_A_PERIOD_MS,
	SWAPNET_OWNER_A_OFFSET,
	__SWAPNET_OWNER_A_MAX
};

#define SWAPNET_OWNER_A_MAX (__SWAPNET_OWNER_A_MAX - 1)

/*
 * The owner record: the first SWAPNET_OWNER_REC_LEN bytes of the
 * reserved tail, integers little-endian, strings NUL-padded.  Written by
 * swapnetctl when it claims the file, then by the module.
 */
#define SWAPNET_OWNER_MAGIC		"swapnet owner\n\0\0"	/* 16 bytes */
#define SWAPNET_OWNER_VERSION		1
#define SWAPNET_OWNER_REC_LEN		512

struct swapnet_owner_record {
	unsigned char magic[16];
	unsigned char version[4];	/* le32 */
	unsigned char period_ms[4];	/* le32 */
	unsigned char seq[8];		/* le64: +1 per write */
	unsigned char time_s[8];	/* le64: writer's clock, Unix time */
	unsigned char nonce[SWAPNET_OWNER_NONCE_LEN];	/* one per claim */
	char machine_id[40];
	char boot_id[40];
	char mac[64];
	char host[72];
	unsigned char unused[SWAPNET_OWNER_REC_LEN - 272];
};

#endif /* _UAPI_LINUX_SWAPNET_H */

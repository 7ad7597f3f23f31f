/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapnet_nl: the tools' client of the swapnet generic netlink family
 * (kmod/uapi/swapnet.h), built on libmnl.  Shared by swapnetctl and
 * swapnettop so there is one encoder/decoder of the API: the transport
 * (socket, family lookup, requests, events) in swapnet_nl.c, the message
 * codec below in swapnet_nl_codec.c, so a test can put a fake kernel in
 * place of the one and keep the other.
 *
 * Every function that can fail returns 0 or a negative errno and, when
 * err is not NULL, writes a one-line human message into err (the kernel's
 * extack message when there is one).
 */
#ifndef SWAPNET_NL_H
#define SWAPNET_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "../../kmod/uapi/swapnet.h"

#define SWAPNET_ERR_MAX 256

/*
 * Who owns the file (SWAPNET_A_OWNER).  DEV_ADD sends the identity when
 * set; DEV_GET fills all of it for a device attached with an owner.
 */
struct swapnet_owner_info {
	bool set;
	char host[SWAPNET_OWNER_HOST_MAX + 1];
	char machine_id[SWAPNET_OWNER_MACHINE_ID_LEN + 1];
	char boot_id[SWAPNET_OWNER_BOOT_ID_LEN + 1];
	char mac[SWAPNET_OWNER_MAC_MAX + 1];
	uint8_t nonce[SWAPNET_OWNER_NONCE_LEN];	/* of this claim */
	uint64_t seq;			/* DEV_GET: last written */
	bool has_age;			/* DEV_GET: a heartbeat was acked ... */
	uint64_t age_ms;		/* ... this long ago */
	uint32_t period_ms;
	uint64_t offset;		/* the record's offset in the file */
};

/* What DEV_ADD needs; zero/empty fields take the kernel's defaults. */
struct swapnet_dev_config {
	struct sockaddr_storage addr;	/* AF_INET or AF_INET6, port ignored */
	uint16_t port;			/* 0: 2049 */
	char server_name[SWAPNET_SERVER_NAME_MAX + 1];
	uint8_t fh[SWAPNET_FH_MAX];
	size_t fh_len;
	char path[SWAPNET_FILE_PATH_MAX + 1];
	/*
	 * The file's directory and its name there (0 dir_fh_len: not
	 * sent): lets the kernel tell a replaced file from an export whose
	 * file system is not mounted when the handle goes STALE.
	 */
	uint8_t dir_fh[SWAPNET_FH_MAX];
	size_t dir_fh_len;
	char file_name[SWAPNET_FILE_NAME_MAX + 1];
	uint64_t size_bytes;
	uint32_t rsize, wsize;		/* 0: default */
	uint32_t uid, gid;
	uint32_t timeo_ds, retrans;	/* 0: default */
	uint32_t flags;			/* SWAPNET_F_* */
	char label[SWAPNET_LABEL_MAX + 1];
	bool no_verify;			/* SWAPNET_A_VERIFY 0; else default */
	uint32_t mirror_group;		/* SWAPNET_A_MIRROR_GROUP; 0: none */
	struct swapnet_owner_info owner;	/* owner.set: send it */
};

struct swapnet_dev_stats {
	uint64_t reads, writes;
	uint64_t read_bytes, write_bytes;
	uint32_t inflight;
	uint64_t retrans, retries;
	uint64_t latency_sum_us, latency_max_us;
	uint64_t errors;
	int32_t last_error;
	uint64_t commits;		/* COMMIT calls sent */
	uint64_t write_resends;		/* WRITEs re-sent: verifier changed */
	uint64_t reclaim_reqs;		/* requests sent as reclaim I/O */
	uint64_t verify_errors;		/* blocks whose reads failed: checksum */
	uint64_t verify_rereads;	/* READs re-sent: a checksum differed */
	/*
	 * Requests waiting for a place in flight now (parked, swapnet(4)),
	 * and the most WRITEs parked at once since DEV_ADD; have_parked
	 * false: an older module did not send them.
	 */
	bool have_parked;
	uint32_t parked_writes, parked_reads, parked_writes_max;
};

/* One device as DEV_GET reports it. */
struct swapnet_dev_info {
	uint32_t index;
	char name[32];			/* "swapnet0" */
	struct swapnet_dev_config cfg;	/* as the kernel holds it */
	uint32_t queue_depth;
	uint32_t open_count;
	uint8_t state;			/* enum swapnet_state */
	int verify;			/* 1 verified reads, 0 not, -1 not sent */
	/* why the state is not OK ("" when OK or not sent) */
	char reason[SWAPNET_REASON_MAX + 1];
	/*
	 * The kernel sends the file handle, uid and gid only to a caller
	 * with CAP_NET_ADMIN: without them cfg.fh_len is 0, cfg.uid and
	 * cfg.gid are 0 and these flags are false.
	 */
	bool has_fh;
	bool has_uid, has_gid;
	struct swapnet_dev_stats stats;
	/*
	 * Not in netlink: sysfs swap_active (1: the transport is
	 * swap-activated, 0: not, -1: unknown).  parse_dev sets -1; the
	 * tools fill it with swapnet_sysfs_flag().
	 */
	int swap_active;
};

struct swapnet_event {
	uint8_t cmd;			/* SWAPNET_CMD_EVT_* */
	uint32_t index;
	char name[32];
	char server_name[SWAPNET_SERVER_NAME_MAX + 1];
	/*
	 * NOT_RESPONDING and FAILED: why ("" when not sent); LOST: "READ of
	 * LEN bytes at offset OFF: REASON (nfsstat3 N)"; VERIFY_ERROR:
	 * "verify error at offset N: CRC32C written W, read R"
	 */
	char reason[SWAPNET_REASON_MAX + 1];
	/*
	 * VERIFY_ERROR: the byte offset of the latest failed block, and the
	 * device's verify_errors counter when the event was built
	 * (have_stats false: the event carried no SWAPNET_A_STATS)
	 */
	uint64_t verify_offset;
	uint64_t verify_errors;
	bool have_stats;
};

struct swapnet_nl;

/*
 * Open a socket and resolve the family.  -ENOENT (with a message saying
 * the module is not loaded) when the family does not exist; the kernel
 * autoloads the module on the family lookup when it is installed.
 */
int swapnet_nl_open(struct swapnet_nl **out, char *err, size_t errlen);
void swapnet_nl_close(struct swapnet_nl *nl);

int swapnet_nl_dev_add(struct swapnet_nl *nl,
		       const struct swapnet_dev_config *cfg,
		       struct swapnet_dev_info *out, char *err, size_t errlen);
int swapnet_nl_dev_del(struct swapnet_nl *nl, uint32_t index,
		       char *err, size_t errlen);
/*
 * DEV_DEL; force also removes a device with requests in flight to a
 * server that does not answer (SWAPNET_A_FORCE): those requests fail and
 * their data is lost.  The kernel refuses a device in use (-EBUSY).
 */
int swapnet_nl_dev_remove(struct swapnet_nl *nl, uint32_t index, bool force,
			  char *err, size_t errlen);
int swapnet_nl_dev_get(struct swapnet_nl *nl, uint32_t index,
		       struct swapnet_dev_info *out, char *err, size_t errlen);

/* Calls cb for every device; a non-zero return from cb stops the walk. */
typedef int (*swapnet_dev_cb)(const struct swapnet_dev_info *dev, void *arg);
int swapnet_nl_dev_dump(struct swapnet_nl *nl, swapnet_dev_cb cb, void *arg,
			char *err, size_t errlen);

/*
 * Events: subscribe, poll() swapnet_nl_event_fd(), then read one event.
 * Use a separate handle for events and for requests.  Every
 * SWAPNET_CMD_EVT_* command is delivered (ADDED, REMOVED, NOT_RESPONDING,
 * RESPONDING, FAILED); ev->reason is set for NOT_RESPONDING and FAILED.
 */
int swapnet_nl_subscribe_events(struct swapnet_nl *nl, char *err,
				size_t errlen);
int swapnet_nl_event_fd(const struct swapnet_nl *nl);
/* 1: *ev filled, 0: nothing pending (non-blocking), < 0: error */
int swapnet_nl_read_event(struct swapnet_nl *nl, struct swapnet_event *ev,
			  char *err, size_t errlen);

/*
 * Message codec, exposed for unit tests and tools that build their own
 * requests.  put: append DEV_ADD's attributes for cfg to a started
 * message (-EINVAL without a server address).  parse: decode one DEV_GET
 * message (genetlink header included); unknown attributes and attributes
 * of the wrong size are skipped; -EBADMSG without SWAPNET_A_DEV_INDEX.
 */
struct nlmsghdr;
int swapnet_nl_put_dev_config(struct nlmsghdr *nlh,
			      const struct swapnet_dev_config *cfg);
int swapnet_nl_parse_dev(const struct nlmsghdr *nlh,
			 struct swapnet_dev_info *out);
/* DEV_DEL's attributes: the index, and SWAPNET_A_FORCE when force. */
void swapnet_nl_put_dev_del(struct nlmsghdr *nlh, uint32_t index, bool force);
/*
 * Decode one event message (genetlink header included): 1 with *ev
 * filled, 0 when it is not a SWAPNET_CMD_EVT_* message.
 */
int swapnet_nl_parse_event(const struct nlmsghdr *nlh,
			   struct swapnet_event *ev);
/*
 * A failed request as the tools say it: "WHAT: extack" when the kernel
 * gave one, else "WHAT: strerror" (with "needs CAP_NET_ADMIN" for
 * EPERM).  Returns ret.
 */
int swapnet_nl_error(int ret, const char *what, const char *extack,
		     char *err, size_t errlen);

/*
 * A failed request as the transport says it: swapnet_nl_old_module()
 * (with the version under root, NULL: the live system) when the module
 * refused an attribute it does not know (attr: its type, 0 unknown),
 * else swapnet_nl_error().  Returns ret, or -EPROTONOSUPPORT then.
 */
int swapnet_nl_request_error(int ret, const char *what, const char *extack,
			     unsigned int attr, const char *root, char *err,
			     size_t errlen);
/*
 * A request a module older than the tool refused (its strict policy does
 * not know an attribute the tool sends: -EINVAL with the extack "Unknown
 * attribute type", or "Unsupported attribute" for a gap in its policy).
 */
bool swapnet_nl_unknown_attr(int ret, const char *extack);
/*
 * Its one line: "the loaded swapnet module (version MODVER) is older
 * than TOOL (VERSION): it refused attribute ATTR (EXTACK); reload it
 * (modprobe -r swapnet; modprobe swapnet)"; MODVER NULL or "" and ATTR
 * 0 (unknown) are left out.  Returns -EPROTONOSUPPORT.
 */
int swapnet_nl_old_module(const char *extack, unsigned int attr,
			  const char *modver, char *err, size_t errlen);
/*
 * The type of the attribute at byte off of the request msg (len bytes,
 * netlink header first): what an error's NLMSGERR_ATTR_OFFS names; 0
 * when off is not an attribute's place in it.
 */
unsigned int swapnet_nl_attr_at(const void *msg, size_t len, uint32_t off);
/* The tool and version that line names ("this tool" until set). */
void swapnet_nl_set_tool(const char *name, const char *version);
/*
 * /sys/module/swapnet/version under root (NULL or "/": the live
 * system), its first line: 0, or -errno (no module, or one without a
 * version).
 */
int swapnet_module_version(const char *root, char *buf, size_t len);

/*
 * Check cfg against the kernel's DEV_ADD policy (kmod/netlink.c) so a
 * bad value gets a message here instead of the kernel's -EINVAL:
 * 0, or -EINVAL with what is wrong in err.  put_dev_config calls it.
 */
int swapnet_nl_check_dev_config(const struct swapnet_dev_config *cfg,
				char *err, size_t errlen);

/*
 * /sys/block/DEV/swapnet/ATTR under root (NULL or "/": the live system)
 * as a flag: 1 or 0, or -1 when it cannot be read (an older module, a
 * device gone).  For swap_active, which netlink does not carry.
 */
int swapnet_sysfs_flag(const char *root, const char *dev, const char *attr);

/* "OK" / "NOT RESPONDING" / "FAILED" */
const char *swapnet_state_name(uint8_t state);
/* "EVT_FAILED" -> "failed" etc.; "unknown" otherwise */
const char *swapnet_event_name(uint8_t cmd);

#endif /* SWAPNET_NL_H */

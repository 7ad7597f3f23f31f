/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-only substitutes linked into tests/test_cmd_* instead of
 * ../common/swapnet_nl.c's transport and nfsfile.c (see the Makefile):
 * a fake kernel answering DEV_ADD/DEV_DEL/DEV_GET, and a fake NFS server
 * over a local directory.
 */
#ifndef SWAPNETCTL_TEST_FAKES_H
#define SWAPNETCTL_TEST_FAKES_H

#include <stdbool.h>
#include <stdint.h>

#include "swapnet_nl.h"

/* fake kernel (fake_nl.c) */
#define FAKE_NL_MAX 8
struct fake_kernel {
	bool loaded;			/* false: open fails like no module */
	bool unprivileged;		/* DEV_ADD/DEL answer -EPERM */
	uint16_t max_attr;		/* !0: an older DEV_ADD policy */
	int max_devs;			/* "too many swapnet devices" beyond */
	bool used[FAKE_NL_MAX];
	bool stuck[FAKE_NL_MAX];	/* requests in flight, server dead */
	bool swap[FAKE_NL_MAX];		/* bd_holder set: in use as swap */
	struct swapnet_dev_info dev[FAKE_NL_MAX];
	int adds, dels, opens, open_handles;
	bool last_force;
	struct swapnet_dev_config last_add;	/* as swapnetctl sent it */
};
extern struct fake_kernel fake_kernel;
void fake_kernel_reset(void);
/* put a device into the fake kernel as if attached: its index */
int fake_kernel_add(const char *server, const char *path, uint64_t size);

/* fake NFS server (fake_nfsfile.c) */
extern char fake_nfs_root[4096];
extern const char *fake_nfs_unreachable;
extern int fake_nfs_connects;
extern int fake_nfs_write_fail;	/* -errno for every pwrite, 0: none */
extern uint64_t fake_nfs_avail;
extern int fake_nfs_zfs;		/* zeros written become holes */
extern int fake_nfs_create_mode;	/* !0: mode the server creates with */
extern uint64_t fake_nfs_iomax;	/* FSINFO rtmax and wtmax (1 MiB) */
/*
 * A test binary's tree: tmpdir (a mkdtemp template) made and set as
 * SWAPNET_ROOT, the server's root fake_nfs_root = TMPDIR/srv and its
 * export fake_nfs_export = TMPDIR/srv/export (URL nfs://HOST/export/...).
 * _remove deletes the tree with whatever the tests left in it.
 */
extern char fake_nfs_export[4200];
void fake_nfs_tree(char *tmpdir);
void fake_nfs_tree_remove(const char *tmpdir);

/*
 * This node's identity under root (SWAPNET_ROOT): etc/hostname = host,
 * etc/machine-id and proc/sys/kernel/random/boot_id (FAKE_BOOT_ID, or
 * FAKE_BOOT_ID2 when !first_boot).  _remove deletes them again.
 */
#define FAKE_MACHINE_ID "0123456789abcdef0123456789abcdef"
#define FAKE_BOOT_ID "11111111-2222-3333-4444-555555555555"
#define FAKE_BOOT_ID2 "66666666-2222-3333-4444-555555555555"
void fixture_identity(const char *root, const char *host, bool first_boot);
void fixture_identity_remove(const char *root);

/* /dev wait (fake_devnode.c): at once, "did not appear" unless path set */
extern const char *fake_devnode_path;
extern int fake_devnode_waits;

#endif

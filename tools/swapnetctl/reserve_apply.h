/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reserve: swapnetctl's side of the memory reserve: applying it.  The
 * model (probe and arithmetic) is shared with swapnettop: reserve_model.h
 * in tools/common.
 *
 *   reserve_apply()     writes vm.min_free_kbytes, reserve_persist() the
 *                       sysctl.d file
 *   reserve_raise(), reserve_restore()  the never-harm rules
 *   reserve_on_device_change()  the dynamic reserve: called after a
 *                       swapnet device was added or removed
 */
#ifndef SWAPNETCTL_RESERVE_APPLY_H
#define SWAPNETCTL_RESERVE_APPLY_H

#include "reserve_model.h"

/* Write kb to <root>/proc/sys/vm/min_free_kbytes. */
int reserve_apply(const char *root, uint64_t kb, char *err, size_t errlen);

/* Write <root>/etc/sysctl.d/90-swapnet.conf setting vm.min_free_kbytes. */
int reserve_persist(const char *root, uint64_t kb, char *err, size_t errlen);
#define RESERVE_SYSCTL_FILE "/etc/sysctl.d/90-swapnet.conf"

/*
 * Never harm (reserve_apply.c).  What swapnetctl raised, and from what:
 * RESERVE_STATE_FILE under the root holds "before N" and "set N".
 */
#define RESERVE_STATE_FILE "/run/swapnet/min_free_kbytes.before"
struct reserve_state {
	uint64_t before_kb;		/* the value before swapnetctl raised it */
	uint64_t set_kb;		/* the value swapnetctl set */
};

/* 0 with *st filled, -ENOENT when nothing is remembered, -EINVAL damaged. */
int reserve_state_read(const char *root, struct reserve_state *st);

/* 0 when vm.min_free_kbytes under root may be written, else -errno + msg. */
int reserve_check_writable(const char *root, char *err, size_t errlen);

/*
 * Set the reserve for the devices present to kb, never lowering it: the
 * value written is the larger of kb and current_kb, except that a value
 * swapnetctl set itself (still current) may go back down to kb but never
 * below the one from before.  force: exactly kb.  Remembers the value
 * from before when it raises.  *new_kb: the value now (current_kb when
 * nothing was written).  0 or -errno with a message.
 */
int reserve_raise(const char *root, uint64_t current_kb, uint64_t kb,
		  bool force, uint64_t *new_kb, char *err, size_t errlen);

/*
 * No network swap device left: put back the remembered value from before,
 * only when the current one is still the one swapnetctl set; forget it
 * either way.  Nothing remembered: nothing written.  *new_kb as above.
 */
int reserve_restore(const char *root, uint64_t current_kb, uint64_t *new_kb,
		    char *err, size_t errlen);

/*
 * Dynamic reserve: when the policy in /etc/swapnet.conf (under
 * reserve_root(NULL)) says "dynamic = yes", recompute the reserve for the
 * devices now present and apply it.  Call after adding or removing a
 * swapnet device.  0 when done or not enabled; < 0 on error (a message
 * was printed on stderr; the caller's operation itself succeeded).
 */
int reserve_on_device_change(void);

#endif /* SWAPNETCTL_RESERVE_APPLY_H */

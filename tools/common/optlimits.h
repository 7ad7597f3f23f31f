/* SPDX-License-Identifier: GPL-2.0 */
/*
 * optlimits: the limits of the device options, one copy for the command
 * line (swapnetctl/options.c, cmd_create.c, cmd_check.c) and the config
 * file (swapnetctl/config.c), so that the two accept the same values.
 * They are the kernel's (kmod/uapi/swapnet.h, kmod/netlink.c) where it
 * has one, checked here as well so a typo gets a usage error before any
 * network traffic.
 */
#ifndef SWAPNET_OPTLIMITS_H
#define SWAPNET_OPTLIMITS_H

#define OPT_IO_MIN	4096u		/* --rsize/--wsize, multiple of it */
#define OPT_IO_MAX	1048576u
#define OPT_TIMEO_MIN	10u		/* tenths of a second */
#define OPT_TIMEO_MAX	6000u
#define OPT_RETRANS_MIN	1u
#define OPT_RETRANS_MAX	10u
#define OPT_PRIO_MAX	32767u		/* SWAP_FLAG_PRIO_MASK */
/*
 * uid and gid: 4294967295 is (uid_t)-1, which the kernel never maps to
 * a user (INVALID_UID); the server would see a "nobody" of its own.
 */
#define OPT_ID_MAX	0xfffffffeu

#endif /* SWAPNET_OPTLIMITS_H */

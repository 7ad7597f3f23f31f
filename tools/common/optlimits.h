/* SPDX-License-Identifier: GPL-2.0 */
/*
 * optlimits: the limits of the device options for the command line and
 * swapnet.conf (swapnetctl/options.c).  DEV_ADD's are the uapi header's
 * own (kmod/uapi/swapnet.h), the very constants the module's netlink
 * policy uses: checked here too so a typo gets a usage error before any
 * network traffic.
 */
#ifndef SWAPNET_OPTLIMITS_H
#define SWAPNET_OPTLIMITS_H

#include "../../kmod/uapi/swapnet.h"

#define OPT_IO_MIN	((unsigned int)SWAPNET_MIN_IO_SIZE)	/* multiple of it */
#define OPT_IO_MAX	((unsigned int)SWAPNET_MAX_IO_SIZE)
#define OPT_TIMEO_MIN	((unsigned int)SWAPNET_MIN_TIMEO_DS)	/* tenths of a s */
#define OPT_TIMEO_MAX	((unsigned int)SWAPNET_MAX_TIMEO_DS)
#define OPT_RETRANS_MIN	((unsigned int)SWAPNET_MIN_RETRANS)
#define OPT_RETRANS_MAX	((unsigned int)SWAPNET_MAX_RETRANS)
#define OPT_PRIO_MAX	32767u		/* SWAP_FLAG_PRIO_MASK */
/*
 * uid and gid: 4294967295 is (uid_t)-1, which the kernel never maps to
 * a user (INVALID_UID); the server would see a "nobody" of its own.
 */
#define OPT_ID_MAX	0xfffffffeu

#endif /* SWAPNET_OPTLIMITS_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * swapnet: the server state of a device (OK, NOT_RESPONDING, FAILED).
 *
 * The machine is two pure functions a reader (and a host test) sees
 * whole, in server.h with its table: swapnet_server_step() says what a
 * report does to the state, swapnet_server_event() which event a
 * transition is.  This file applies them to a device under
 * dev->reason_lock, logs, and has event_work (netlink.c) send the
 * events.  Reports come from io.c (a reply, a timeout:
 * swapnet_state_trouble() and swapnet_state_ok()), owner.c (a foreign
 * owner record: FAILED) and the STALE check (FAILED).
 *
 * Transitions are counted in dev->transitions; until FAILED they
 * alternate OK -> NOT_RESPONDING -> OK ..., so an odd transition is
 * NOT_RESPONDING, an even one OK, and the one recorded in failed_seq is
 * FAILED: event_work sends one event per transition, in order, from
 * the count alone.
 *
 * Called from rpciod and the block layer's timeout work: no sleeping,
 * no allocation.  The log line is printed here, the event is sent from
 * process context because building it allocates.
 *
 * dev->reason: written only under reason_lock; readers copy it out
 * under reason_lock with swapnet_get_reason() (netlink: DEV_GET and the
 * event's SWAPNET_A_STATE_REASON).
 */
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "internal.h"

void swapnet_state_trouble(struct swapnet_dev *dev, enum swapnet_state state,
			   const char *fmt, ...)
{
	char reason[SWAPNET_REASON_MAX + 1];
	enum swapnet_step step;
	unsigned long flags;
	va_list ap;

	if (atomic_read(&dev->state) == SWAPNET_STATE_FAILED)
		return;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);

	spin_lock_irqsave(&dev->reason_lock, flags);
	step = swapnet_server_step(atomic_read(&dev->state), state,
				   !strcmp(dev->reason, reason));
	if (step != SWAPNET_STEP_NONE)
		strscpy(dev->reason, reason, sizeof(dev->reason));
	if (step == SWAPNET_STEP_CHANGE) {
		unsigned int seq = atomic_inc_return(&dev->transitions);

		/*
		 * NOT_RESPONDING -> FAILED is one transition; OK -> FAILED
		 * too, but parity must stay right for the events before it.
		 */
		if (state == SWAPNET_STATE_FAILED)
			WRITE_ONCE(dev->failed_seq, seq);
		atomic_set(&dev->state, state);
	}
	spin_unlock_irqrestore(&dev->reason_lock, flags);

	if (step == SWAPNET_STEP_NONE)
		return;
	if (state == SWAPNET_STATE_FAILED)
		pr_err("%s: server %s says %s: swapped-out pages are lost; requests fail until the device is detached\n",
		       dev->name, dev->cfg.server_name, reason);
	else if (step == SWAPNET_STEP_CHANGE)
		pr_warn("%s: server %s not responding (%s), still trying\n",
			dev->name, dev->cfg.server_name, reason);
	else
		pr_warn_ratelimited("%s: server %s still not responding: %s\n",
				    dev->name, dev->cfg.server_name, reason);
	if (step == SWAPNET_STEP_CHANGE)
		schedule_work(&dev->event_work);
}

void swapnet_state_ok(struct swapnet_dev *dev)
{
	unsigned long flags;

	if (atomic_read(&dev->state) != SWAPNET_STATE_NOT_RESPONDING)
		return;
	spin_lock_irqsave(&dev->reason_lock, flags);
	if (swapnet_server_step(atomic_read(&dev->state), SWAPNET_STATE_OK,
				!dev->reason[0]) != SWAPNET_STEP_CHANGE) {
		spin_unlock_irqrestore(&dev->reason_lock, flags);
		return;
	}
	dev->reason[0] = '\0';
	atomic_inc(&dev->transitions);
	atomic_set(&dev->state, SWAPNET_STATE_OK);
	spin_unlock_irqrestore(&dev->reason_lock, flags);
	pr_info("%s: server %s OK\n", dev->name, dev->cfg.server_name);
	schedule_work(&dev->event_work);
}

void swapnet_get_reason(struct swapnet_dev *dev, char *buf, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->reason_lock, flags);
	strscpy(buf, dev->reason, len);
	spin_unlock_irqrestore(&dev->reason_lock, flags);
}

u8 swapnet_state_event(struct swapnet_dev *dev, unsigned int seq)
{
	return swapnet_server_event(seq, READ_ONCE(dev->failed_seq));
}

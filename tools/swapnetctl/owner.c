// SPDX-License-Identifier: GPL-2.0
/*
 * owner: claim a swapfile's owner record before attaching it (owner.h;
 * swapnet(4) "Ownership" says why the watch happens here).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>

#include "commands.h"
#include "owner.h"
#include "rootpath.h"
#include "reserve_model.h"
#include "template.h"
#include "util.h"

unsigned int owner_period_ms = SWAPNET_OWNER_PERIOD_MS;

static void put_le32(uint8_t *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_le32(const uint8_t *p)
{
	uint32_t v = 0;
	int i;

	for (i = 3; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t get_le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void put_str(char *dst, size_t n, const char *src)
{
	size_t l = strnlen(src, n - 1);

	memcpy(dst, src, l);
}

void owner_encode(uint8_t *buf, const struct swapnet_owner_info *id,
		  uint64_t seq, uint64_t time_s)
{
	struct swapnet_owner_record *r = (struct swapnet_owner_record *)buf;

	_Static_assert(sizeof(*r) == SWAPNET_OWNER_REC_LEN, "record size");
	memset(r, 0, sizeof(*r));
	memcpy(r->magic, SWAPNET_OWNER_MAGIC, sizeof(r->magic));
	put_le32(r->version, SWAPNET_OWNER_VERSION);
	put_le32(r->period_ms, owner_period_ms);
	put_le64(r->seq, seq);
	put_le64(r->time_s, time_s);
	memcpy(r->nonce, id->nonce, sizeof(r->nonce));
	put_str(r->machine_id, sizeof(r->machine_id), id->machine_id);
	put_str(r->boot_id, sizeof(r->boot_id), id->boot_id);
	put_str(r->mac, sizeof(r->mac), id->mac);
	put_str(r->host, sizeof(r->host), id->host);
}

/* A field of the record, NUL-terminated, anything unprintable as '?'. */
static void get_str(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		dst[i] = isprint((unsigned char)src[i]) ? src[i] : '?';
	dst[i] = '\0';
}

int owner_decode(const uint8_t *buf, struct owner_record *r)
{
	const struct swapnet_owner_record *s =
		(const struct swapnet_owner_record *)buf;

	memset(r, 0, sizeof(*r));
	if (memcmp(s->magic, SWAPNET_OWNER_MAGIC, sizeof(s->magic)) ||
	    get_le32(s->version) != SWAPNET_OWNER_VERSION)
		return 0;
	r->period_ms = get_le32(s->period_ms);
	r->seq = get_le64(s->seq);
	r->time_s = get_le64(s->time_s);
	memcpy(r->nonce, s->nonce, sizeof(r->nonce));
	get_str(r->machine_id, s->machine_id, sizeof(s->machine_id));
	get_str(r->boot_id, s->boot_id, sizeof(s->boot_id));
	get_str(r->mac, s->mac, sizeof(s->mac));
	get_str(r->host, s->host, sizeof(s->host));
	return 1;
}

enum owner_kind owner_classify(const struct owner_record *r, bool valid,
			       const struct swapnet_owner_info *me)
{
	if (!valid)
		return OWNER_NONE;
	/*
	 * One image may give many nodes one machine-id (and one host
	 * name): the MAC tells them apart, so all three must match.
	 */
	if (strcmp(r->machine_id, me->machine_id) ||
	    strcmp(r->mac, me->mac) || strcmp(r->host, me->host))
		return OWNER_FOREIGN;
	return strcmp(r->boot_id, me->boot_id) ? OWNER_PREV_BOOT :
						 OWNER_SAME_BOOT;
}

void owner_describe(const struct owner_record *r, uint64_t now, char *buf,
		    size_t len)
{
	char age[48];

	/* two clocks a second or two apart are not news */
	if (now >= r->time_s || r->time_s - now <= 2)
		snprintf(age, sizeof(age), "%llu s ago",
			 (unsigned long long)(now >= r->time_s ?
					      now - r->time_s : 0));
	else
		snprintf(age, sizeof(age), "%llu s in our future",
			 (unsigned long long)(r->time_s - now));
	snprintf(buf, len, "%s (machine-id %s, MAC %s, last heartbeat %s)",
		 r->host[0] ? r->host : "?", r->machine_id,
		 r->mac[0] ? r->mac : "-", age);
}

/* The first line of ROOT/rel, trimmed; "" when unreadable. */
static void read_first_line(const char *rel, char *buf, size_t len)
{
	const char *root = reserve_root(NULL);
	char path[4096];
	size_t n;
	FILE *f;

	buf[0] = '\0';
	if (root_path(path, sizeof(path), root, "%s", rel))
		return;
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	n = strlen(buf);
	while (n && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
}

static bool all_of(const char *s, size_t n, const char *set, size_t dash_mask)
{
	size_t i;

	if (strlen(s) != n)
		return false;
	for (i = 0; i < n; i++) {
		bool dash = i < 64 && (dash_mask >> i & 1);

		if (dash ? s[i] != '-' : !strchr(set, s[i]) || !s[i])
			return false;
	}
	return true;
}

int owner_identity(struct swapnet_owner_info *me, const char *server,
		   char *err, size_t errlen)
{
	char buf[256], why[256];
	size_t got = 0;
	int ret;

	memset(me, 0, sizeof(*me));
	ret = template_default_src.hostname(buf, sizeof(buf), err, errlen);
	if (ret)
		return ret;
	if (!buf[0] || strlen(buf) > SWAPNET_OWNER_HOST_MAX) {
		snprintf(err, errlen, "host name '%s' is empty or too long",
			 buf);
		return -EINVAL;
	}
	snprintf(me->host, sizeof(me->host), "%s", buf);
	for (char *p = me->host; *p; p++)
		if (*p <= ' ' || *p > '~')
			*p = '_';

	/* no machine-id (an initramfs): host name and MAC tell nodes apart */
	if (template_default_src.machine_id(buf, sizeof(buf), why,
					    sizeof(why)) ||
	    !all_of(buf, SWAPNET_OWNER_MACHINE_ID_LEN, "0123456789abcdef", 0))
		snprintf(buf, sizeof(buf), "%032d", 0);
	snprintf(me->machine_id, sizeof(me->machine_id), "%s", buf);

	read_first_line("/proc/sys/kernel/random/boot_id", buf, sizeof(buf));
	if (!all_of(buf, SWAPNET_OWNER_BOOT_ID_LEN, "0123456789abcdef",
		    1ul << 8 | 1ul << 13 | 1ul << 18 | 1ul << 23)) {
		snprintf(err, errlen,
			 "cannot read this boot's id (/proc/sys/kernel/random/boot_id)");
		return -EINVAL;
	}
	snprintf(me->boot_id, sizeof(me->boot_id), "%s", buf);

	/* the MAC towards the server, as "aa:bb:..."; none is no error */
	if (server && !template_route_mac(server, buf, sizeof(buf), why,
					  sizeof(why)) &&
	    strlen(buf) <= SWAPNET_OWNER_MAC_MAX) {
		for (char *p = buf; *p; p++)
			*p = *p == '-' ? ':' : (char)tolower((unsigned char)*p);
		snprintf(me->mac, sizeof(me->mac), "%s", buf);
	}

	while (got < sizeof(me->nonce)) {
		ssize_t n = getrandom(me->nonce + got,
				      sizeof(me->nonce) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "getrandom: %s", strerror(errno));
			return -errno;
		}
		got += (size_t)n;
	}
	me->set = true;
	return 0;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int read_rec(struct nfsfile *f, uint64_t off, uint8_t *buf,
		    const char *name, char *err, size_t errlen)
{
	char why[512];

	if (nfsfile_pread(f, buf, SWAPNET_OWNER_REC_LEN, off, why,
			  sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: cannot read the owner record: %s",
			 name, why);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int write_rec(struct nfsfile *f, uint64_t off, const uint8_t *buf,
		     const char *name, char *err, size_t errlen)
{
	char why[512];

	if (nfsfile_pwrite(f, buf, SWAPNET_OWNER_REC_LEN, off, why,
			   sizeof(why)) < 0 ||
	    nfsfile_fsync(f, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: cannot write the owner record: %s",
			 name, why);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/*
 * Watch a foreign record: 1 if it changed within the watch (its owner
 * is alive; *r is the newest), 0 if not, -1 on a read error.
 */
static int watch(struct nfsfile *f, uint64_t off, uint8_t *first,
		 struct owner_record *r, const char *name, char *err,
		 size_t errlen)
{
	uint8_t buf[SWAPNET_OWNER_REC_LEN];
	unsigned int period = r->period_ms;
	uint64_t end;

	/* the owner's period if it is longer than ours, within reason */
	if (period < owner_period_ms)
		period = owner_period_ms;
	if (period > 60000)
		period = 60000;
	end = now_ms() + (uint64_t)OWNER_WATCH_PERIODS * period;
	do {
		sleep_ms(owner_period_ms / 8 ? owner_period_ms / 8 : 1);
		if (read_rec(f, off, buf, name, err, errlen) != EXIT_OK)
			return -1;
		if (memcmp(buf, first, sizeof(buf))) {
			if (!owner_decode(buf, r))
				memset(r, 0, sizeof(*r));
			return 1;
		}
	} while (now_ms() < end);
	return 0;
}

struct nonce_find {
	const uint8_t *nonce;
	char name[32];
};

static int same_nonce(const struct swapnet_dev_info *d, void *arg)
{
	struct nonce_find *nf = arg;

	if (!d->cfg.owner.set ||
	    memcmp(d->cfg.owner.nonce, nf->nonce, SWAPNET_OWNER_NONCE_LEN))
		return 0;
	snprintf(nf->name, sizeof(nf->name), "%s", d->name);
	return 1;
}

int owner_claim(struct nfsfile *f, uint64_t off,
		const struct swapnet_owner_info *me, struct swapnet_nl *nl,
		const char *name, bool force, char *err, size_t errlen)
{
	struct nonce_find nf;
	uint8_t first[SWAPNET_OWNER_REC_LEN], mine[SWAPNET_OWNER_REC_LEN];
	struct owner_record r;
	char who[512];
	bool valid, wait = true;
	uint64_t seq = 1;
	int alive, tries = 0;

	if (read_rec(f, off, first, name, err, errlen) != EXIT_OK)
		return EXIT_FAIL;
	valid = owner_decode(first, &r);
	if (valid)
		seq = r.seq + 1;
	owner_describe(&r, (uint64_t)time(NULL), who, sizeof(who));
	switch (owner_classify(&r, valid, me)) {
	case OWNER_NONE:
		break;
	case OWNER_SAME_BOOT:
		/*
		 * Ours, this boot: a device of ours may hold it still (the
		 * same file by another name or handle); never overwrite a
		 * record our own heartbeat is writing.
		 */
		nf.nonce = r.nonce;
		nf.name[0] = '\0';
		if (nl && swapnet_nl_dev_dump(nl, same_nonce, &nf, err,
					      errlen) < 0)
			return EXIT_FAIL;
		if (nf.name[0]) {
			snprintf(err, errlen,
				 "%s: already attached on this node as /dev/%s (the same owner record)",
				 name, nf.name);
			return EXIT_FAIL;
		}
		wait = false;
		break;
	case OWNER_PREV_BOOT:
		notef("%s: taking it back from this node's previous boot (boot id %s)",
		      name, r.boot_id);
		wait = false;
		break;
	case OWNER_FOREIGN:
		if (force) {
			fprintf(stderr,
				"swapnetctl: warning: %s: --force: taking it over from %s; if that node still uses it, its device fails and loses the pages it swapped out there\n",
				name, who);
			break;
		}
		alive = watch(f, off, first, &r, name, err, errlen);
		if (alive < 0)
			return EXIT_FAIL;
		owner_describe(&r, (uint64_t)time(NULL), who, sizeof(who));
		if (alive) {
			snprintf(err, errlen, "%s: in use by %s", name, who);
			return EXIT_FAIL;
		}
		fprintf(stderr,
			"swapnetctl: warning: %s: taking it over from %s: its record did not change for %u s\n",
			name, who,
			OWNER_WATCH_PERIODS *
			(r.period_ms > owner_period_ms ?
			 (r.period_ms > 60000 ? 60000 : r.period_ms) :
			 owner_period_ms) / 1000);
		break;
	}

again:
	owner_encode(mine, me, seq, (uint64_t)time(NULL));
	if (write_rec(f, off, mine, name, err, errlen) != EXIT_OK)
		return EXIT_FAIL;
	if (!wait)
		return EXIT_OK;
	/*
	 * Two nodes that found no live owner at the same moment both
	 * wrote a claim: the later write won.  A period later the loser
	 * reads the winner's record and backs off.  With --force, a live
	 * owner's beat may land just after our claim; it reads ours at its
	 * next beat and stops, so claim again (a few times).
	 */
	sleep_ms(owner_period_ms);
	if (read_rec(f, off, first, name, err, errlen) != EXIT_OK)
		return EXIT_FAIL;
	if (memcmp(first, mine, sizeof(mine)) && force && ++tries < 3) {
		if (owner_decode(first, &r))
			seq = r.seq + 1;
		goto again;
	}
	if (memcmp(first, mine, sizeof(mine))) {
		if (owner_decode(first, &r))
			owner_describe(&r, (uint64_t)time(NULL), who,
				       sizeof(who));
		else
			snprintf(who, sizeof(who), "something else (the record was overwritten)");
		snprintf(err, errlen, "%s: in use by %s (claimed at the same time as us)",
			 name, who);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

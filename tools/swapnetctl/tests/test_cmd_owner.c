// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the owner record (owner.c) and of attach's claim against
 * the fake kernel and NFS server (tests/fakes): the record codec, who is
 * "this node", and each way an attach meets a record: none, a live
 * foreign owner (refused, exit 2, nothing attached), a dead one (taken
 * over after the watch), --force, this node's previous boot (taken back
 * at once), a claim lost to another node, and a record a device of ours
 * is still writing.  The heartbeat period is 400 ms here.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "commands.h"
#include "fakes.h"
#include "capture.h"
#include "owner.h"

#define URL "nfs://10.0.0.5/export/swapfile"
#define FSIZE ((4u << 20) + 4096)
#define REC_OFF (4u << 20)

static char tmpdir[] = "/tmp/swapnet-ownertest.XXXXXX";
static char file[4400];

static void write_file(void)
{
	static char buf[65536];
	uint64_t off;
	int fd;

	unlink(file);
	fd = open(file, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	for (off = 0; off < FSIZE; off += sizeof(buf))
		assert_int_equal(pwrite(fd, buf, off + sizeof(buf) > FSIZE ?
					FSIZE - off : sizeof(buf), (off_t)off) > 0,
				 1);
	close(fd);
}

static void put_rec(const struct swapnet_owner_info *id, uint64_t seq)
{
	uint8_t rec[SWAPNET_OWNER_REC_LEN];
	int fd = open(file, O_RDWR);

	assert_true(fd >= 0);
	owner_encode(rec, id, seq, (uint64_t)time(NULL));
	assert_int_equal(pwrite(fd, rec, sizeof(rec), REC_OFF),
			 (ssize_t)sizeof(rec));
	close(fd);
}

static int get_rec(struct owner_record *r)
{
	uint8_t rec[SWAPNET_OWNER_REC_LEN];
	int fd = open(file, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, rec, sizeof(rec), REC_OFF),
			 (ssize_t)sizeof(rec));
	close(fd);
	return owner_decode(rec, r);
}

static void other_node(struct swapnet_owner_info *o)
{
	memset(o, 0, sizeof(*o));
	o->set = true;
	snprintf(o->host, sizeof(o->host), "node7");
	snprintf(o->machine_id, sizeof(o->machine_id), "%s",
		 "77777777777777777777777777777777");
	snprintf(o->boot_id, sizeof(o->boot_id), "%s", FAKE_BOOT_ID);
	snprintf(o->mac, sizeof(o->mac), "52:54:00:00:00:07");
	memset(o->nonce, 7, sizeof(o->nonce));
}

static void attach(struct captured *c, const char *a1)
{
	const char *argv[] = { "attach", URL, a1, NULL };

	run_cmd(c, cmd_attach, argv);
}

static int setup(void **state)
{
	(void)state;
	fake_kernel_reset();
	/* DEV_ADD is recorded, then refused: no 5 s wait for /dev/swapnetN */
	fake_kernel.max_devs = 0;
	write_file();
	return 0;
}

static void codec(void **state)
{
	struct swapnet_owner_info o;
	uint8_t rec[SWAPNET_OWNER_REC_LEN] = { 0 };
	struct owner_record r;
	char buf[256];

	(void)state;
	assert_int_equal(owner_decode(rec, &r), 0);
	other_node(&o);
	owner_encode(rec, &o, 42, 1000);
	assert_int_equal(owner_decode(rec, &r), 1);
	assert_int_equal(r.seq, 42);
	assert_int_equal(r.time_s, 1000);
	assert_int_equal(r.period_ms, owner_period_ms);
	assert_string_equal(r.host, "node7");
	assert_string_equal(r.machine_id, o.machine_id);
	assert_string_equal(r.boot_id, FAKE_BOOT_ID);
	assert_string_equal(r.mac, "52:54:00:00:00:07");
	assert_memory_equal(r.nonce, o.nonce, sizeof(o.nonce));
	owner_describe(&r, 1002, buf, sizeof(buf));
	assert_string_equal(buf,
		"node7 (machine-id 77777777777777777777777777777777, MAC 52:54:00:00:00:07, last heartbeat 2 s ago)");
	/* another version is no record of ours */
	rec[16] = 2;
	assert_int_equal(owner_decode(rec, &r), 0);
}

static void classify(void **state)
{
	struct swapnet_owner_info me, o;
	struct owner_record r;
	uint8_t rec[SWAPNET_OWNER_REC_LEN];

	(void)state;
	other_node(&me);
	o = me;
	owner_encode(rec, &o, 1, 1);
	owner_decode(rec, &r);
	assert_int_equal(owner_classify(&r, false, &me), OWNER_NONE);
	assert_int_equal(owner_classify(&r, true, &me), OWNER_SAME_BOOT);
	snprintf(o.boot_id, sizeof(o.boot_id), "%s", FAKE_BOOT_ID2);
	owner_encode(rec, &o, 1, 1);
	owner_decode(rec, &r);
	assert_int_equal(owner_classify(&r, true, &me), OWNER_PREV_BOOT);
	/* one image, one machine-id and host name: the MAC tells them apart */
	snprintf(o.mac, sizeof(o.mac), "52:54:00:00:00:08");
	owner_encode(rec, &o, 1, 1);
	owner_decode(rec, &r);
	assert_int_equal(owner_classify(&r, true, &me), OWNER_FOREIGN);
	o = me;
	snprintf(o.host, sizeof(o.host), "node8");
	owner_encode(rec, &o, 1, 1);
	owner_decode(rec, &r);
	assert_int_equal(owner_classify(&r, true, &me), OWNER_FOREIGN);
}

/* a new file: claimed, DEV_ADD carries the identity, the device excludes
 * the record's 4 KiB */
static void claim_new_file(void **state)
{
	struct owner_record r;
	struct captured c;

	(void)state;
	attach(&c, NULL);
	/* DEV_ADD sent (the fake kernel then refuses it) */
	assert_int_equal(fake_kernel.adds, 1);
	assert_true(fake_kernel.last_add.owner.set);
	assert_string_equal(fake_kernel.last_add.owner.host, "node1");
	assert_string_equal(fake_kernel.last_add.owner.machine_id,
			    FAKE_MACHINE_ID);
	assert_string_equal(fake_kernel.last_add.owner.boot_id, FAKE_BOOT_ID);
	assert_int_equal(fake_kernel.last_add.size_bytes, 4u << 20);
	assert_int_equal(get_rec(&r), 1);
	assert_string_equal(r.host, "node1");
	assert_int_equal(r.seq, 1);
	assert_memory_equal(r.nonce, fake_kernel.last_add.owner.nonce,
			    sizeof(r.nonce));
	assert_null(strstr(c.err, "in use"));
}

struct writer {
	pthread_t t;
	volatile int stop;
	/*
	 * 0: beat every 2 ms like the module: read back first, stop at a
	 * record not its own; 1: overwrite our claim once (a claimant that
	 * wrote just after us)
	 */
	int mode;
};

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	struct swapnet_owner_info o;
	struct owner_record r;
	struct timespec ts = { 0, 2000000 };
	uint64_t seq = 100;

	other_node(&o);
	while (!w->stop) {
		if (w->mode == 0) {
			if (seq > 100 && (!get_rec(&r) || r.seq != seq - 1 ||
					  strcmp(r.host, "node7")))
				return NULL;	/* taken over: stops writing */
			put_rec(&o, seq++);
		} else if (get_rec(&r) && !strcmp(r.host, "node1")) {
			/* the other claimant wrote after us: it wins */
			put_rec(&o, seq++);
			return NULL;
		}
		nanosleep(&ts, NULL);
	}
	return NULL;
}

static void start_writer(struct writer *w)
{
	struct owner_record r;
	struct timespec ts = { 0, 1000000 };

	assert_int_equal(pthread_create(&w->t, NULL, writer_main, w), 0);
	if (w->mode == 0)
		while (!get_rec(&r))
			nanosleep(&ts, NULL);
}

static void live_owner(void **state)
{
	struct writer w = { .mode = 0 };
	struct owner_record r;
	struct captured c;

	(void)state;
	start_writer(&w);
	attach(&c, NULL);
	w.stop = 1;
	pthread_join(w.t, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err,
		"swapnetctl: attach: " URL ": in use by node7 (machine-id 77777777777777777777777777777777, MAC 52:54:00:00:00:07, last heartbeat "));
	assert_int_equal(fake_kernel.adds, 0);
	/* and the record is still the owner's */
	assert_int_equal(get_rec(&r), 1);
	assert_string_equal(r.host, "node7");
}

static void live_owner_force(void **state)
{
	struct writer w = { .mode = 0 };
	struct captured c;

	(void)state;
	start_writer(&w);
	attach(&c, "--force");
	w.stop = 1;
	pthread_join(w.t, NULL);
	assert_non_null(strstr(c.err,
		"swapnetctl: warning: " URL ": --force: taking it over from node7 ("));
	assert_int_equal(fake_kernel.adds, 1);
}

static void dead_owner(void **state)
{
	struct swapnet_owner_info o;
	struct owner_record r;
	struct captured c;

	(void)state;
	other_node(&o);
	put_rec(&o, 5);
	attach(&c, NULL);
	assert_non_null(strstr(c.err,
		"swapnetctl: warning: " URL ": taking it over from node7 ("));
	{
		char want[64];

		/* the watch: OWNER_WATCH_PERIODS periods, in whole seconds */
		snprintf(want, sizeof(want), "its record did not change for %u s",
			 OWNER_WATCH_PERIODS * owner_period_ms / 1000);
		assert_non_null(strstr(c.err, want));
	}
	assert_int_equal(fake_kernel.adds, 1);
	assert_int_equal(get_rec(&r), 1);
	assert_string_equal(r.host, "node1");
	assert_int_equal(r.seq, 6);
}

static void previous_boot(void **state)
{
	struct swapnet_owner_info me;
	struct owner_record r;
	struct captured c;
	char err[256];

	(void)state;
	assert_int_equal(owner_identity(&me, "10.0.0.5", err, sizeof(err)), 0);
	snprintf(me.boot_id, sizeof(me.boot_id), "%s", FAKE_BOOT_ID2);
	put_rec(&me, 9);
	attach(&c, NULL);
	assert_non_null(strstr(c.err,
		"swapnetctl: note: " URL ": taking it back from this node's previous boot (boot id " FAKE_BOOT_ID2 ")"));
	assert_null(strstr(c.err, "warning"));
	assert_int_equal(fake_kernel.adds, 1);
	assert_int_equal(get_rec(&r), 1);
	assert_string_equal(r.boot_id, FAKE_BOOT_ID);
}

static void lost_race(void **state)
{
	struct writer w = { .mode = 1 };
	struct captured c;

	(void)state;
	start_writer(&w);
	attach(&c, NULL);
	w.stop = 1;
	pthread_join(w.t, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_non_null(strstr(c.err,
		": in use by node7 (machine-id 77777777777777777777777777777777, MAC 52:54:00:00:00:07, last heartbeat "));
	assert_non_null(strstr(c.err, " s ago) (claimed at the same time as us)\n"));
	assert_int_equal(fake_kernel.adds, 0);
}

/* a record our own device writes (the file under another handle) */
static void ours_attached(void **state)
{
	struct swapnet_owner_info me;
	struct owner_record r;
	struct captured c;
	char err[256];
	int i;

	(void)state;
	assert_int_equal(owner_identity(&me, "10.0.0.5", err, sizeof(err)), 0);
	put_rec(&me, 3);
	fake_kernel.max_devs = FAKE_NL_MAX;
	i = fake_kernel_add("10.0.0.5", "/export/other-name", 4 << 20);
	assert_int_equal(i, 0);
	fake_kernel.max_devs = 1;
	fake_kernel.dev[i].cfg.owner = me;
	attach(&c, NULL);
	assert_int_equal(c.rc, EXIT_FAIL);
	assert_string_equal(c.err,
		"swapnetctl: attach: " URL ": already attached on this node as /dev/swapnet0 (the same owner record)\n");
	assert_int_equal(fake_kernel.adds, 1);
	assert_int_equal(get_rec(&r), 1);
	assert_int_equal(r.seq, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codec),
		cmocka_unit_test(classify),
		cmocka_unit_test_setup(claim_new_file, setup),
		cmocka_unit_test_setup(live_owner, setup),
		cmocka_unit_test_setup(live_owner_force, setup),
		cmocka_unit_test_setup(dead_owner, setup),
		cmocka_unit_test_setup(previous_boot, setup),
		cmocka_unit_test_setup(lost_race, setup),
		cmocka_unit_test_setup(ours_attached, setup),
	};
	int ret;

	fake_nfs_tree(tmpdir);
	snprintf(file, sizeof(file), "%s/swapfile", fake_nfs_export);
	fixture_identity(tmpdir, "node1", true);
	/*
	 * 400 ms: the writer thread (every 2 ms) must be seen within a
	 * period, also on a loaded 2-core CI machine; the file takes 4 s
	 */
	owner_period_ms = 400;
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_identity_remove(tmpdir);
	fake_nfs_tree_remove(tmpdir);
	return ret;
}

// SPDX-License-Identifier: GPL-2.0
/* The /proc parsers on the fixture trees and on broken input. */
#include "octal.h"
#include "testutil.h"

static void test_meminfo(void **state)
{
	char *t = fixture(FIX_T1, "/proc/meminfo");
	struct st_meminfo m;

	(void)state;
	assert_int_equal(parse_meminfo(t, &m), 0);
	assert_int_equal(m.mem_total_kb, 204800);
	assert_int_equal(m.mem_free_kb, 8192);
	assert_int_equal(m.mem_avail_kb, 16384);
	assert_int_equal(m.swap_total_kb, 1572864);
	assert_int_equal(m.swap_free_kb, 1048576);
	free(t);
}

static void test_meminfo_missing_field(void **state)
{
	char t[] = "MemTotal: 100 kB\nMemFree: 50 kB\n";
	struct st_meminfo m;

	(void)state;
	assert_int_equal(parse_meminfo(t, &m), -1);
}

static void test_vmstat(void **state)
{
	char *t = fixture(FIX_T1, "/proc/vmstat");
	struct st_vmstat v;

	(void)state;
	assert_int_equal(parse_vmstat(t, &v), 0);
	assert_int_equal(v.pswpin, 1400);
	assert_int_equal(v.pswpout, 11000);
	assert_int_equal(v.pgscan_direct_throttle, 16);
	/* allocstall_dma 0 + dma32 7 + normal 9 + movable 4 + device 0 */
	assert_int_equal(v.allocstall, 20);
	assert_int_equal(v.oom_kill, 2);
	free(t);
}

static void test_vmstat_old_kernel_and_garbage(void **state)
{
	char old[] = "pswpin 1\npswpout 2\nallocstall 9\n";
	char bad[] = "pswpin 1\npswpout x\n";
	char none[] = "nr_free_pages 5\n";
	struct st_vmstat v;

	(void)state;
	assert_int_equal(parse_vmstat(old, &v), 0);
	assert_int_equal(v.allocstall, 9);
	assert_int_equal(parse_vmstat(bad, &v), -1);
	assert_int_equal(parse_vmstat(none, &v), -1);
}

static void test_zoneinfo(void **state)
{
	char *t = fixture(FIX_T1, "/proc/zoneinfo");
	struct st_zone z[ST_MAX_ZONES];
	size_t n;

	(void)state;
	assert_int_equal(parse_zoneinfo(t, z, ST_MAX_ZONES, &n), 0);
	assert_int_equal(n, 6);
	assert_string_equal(z[0].name, "DMA");
	assert_int_equal(z[0].node, 0);
	assert_int_equal(z[0].free, 100);
	assert_int_equal(z[0].min, 20);
	assert_int_equal(z[0].low, 25);
	/* "high:  42" of the per-cpu pagesets must not override "high 30" */
	assert_int_equal(z[0].high, 30);
	assert_int_equal(z[0].managed, 3840);
	assert_string_equal(z[1].name, "DMA32");
	assert_int_equal(z[1].free, 300);
	assert_int_equal(z[1].min, 400);
	assert_string_equal(z[3].name, "Movable");
	assert_int_equal(z[3].free, 5000);
	assert_int_equal(z[4].node, 1);
	assert_string_equal(z[4].name, "Normal");
	assert_int_equal(z[4].high, 900);
	assert_int_equal(z[5].managed, 0);
	free(t);
}

static void test_zoneinfo_bad(void **state)
{
	char empty[] = "nothing here\n";
	char badnum[] = "Node 0, zone DMA\n  pages free 12x\n";
	char many[] = "Node 0, zone DMA\nNode 0, zone Normal\n";
	struct st_zone z[1];
	size_t n;

	(void)state;
	assert_int_equal(parse_zoneinfo(empty, z, 1, &n), -1);
	assert_int_equal(parse_zoneinfo(badnum, z, 1, &n), -1);
	assert_int_equal(parse_zoneinfo(many, z, 1, &n), -1);
}

static void test_netstat(void **state)
{
	char *t = fixture(FIX_T1, "/proc/net/netstat");
	char none[] = "TcpExt: A B\nTcpExt: 1 2\n";
	char torn[] = "TcpExt: A PFMemallocDrop\n";
	uint64_t v = 0;

	(void)state;
	assert_int_equal(parse_netstat_pfmemalloc_drop(t, &v), 0);
	assert_int_equal(v, 45);
	assert_int_equal(parse_netstat_pfmemalloc_drop(none, &v), -1);
	assert_int_equal(parse_netstat_pfmemalloc_drop(torn, &v), -1);
	free(t);
}

static void test_swaps(void **state)
{
	char *t = fixture(FIX_T1, "/proc/swaps");
	struct st_swap s[ST_MAX_SWAPS];
	size_t n;

	(void)state;
	assert_int_equal(parse_swaps(t, s, ST_MAX_SWAPS, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(s[0].path, "/dev/swapnet0");
	assert_string_equal(s[0].type, "partition");
	assert_int_equal(s[0].size_kb, 1048576);
	assert_int_equal(s[0].used_kb, 262144);
	assert_int_equal(s[0].prio, -2);
	/* \040 in /proc/swaps is a space */
	assert_string_equal(s[1].path, "/mnt/nfs/swap file");
	assert_string_equal(s[1].type, "file");
	assert_int_equal(s[3].prio, 5);
	free(t);
}

static void test_swaps_empty_and_bad(void **state)
{
	char empty[] = "Filename\tType\tSize\tUsed\tPriority\n";
	char bad[] = "Filename\tType\tSize\tUsed\tPriority\n/dev/x partition 1 2\n";
	struct st_swap s[2];
	size_t n = 9;

	(void)state;
	assert_int_equal(parse_swaps(empty, s, 2, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(parse_swaps(bad, s, 2, &n), -1);
}

static void test_mountinfo(void **state)
{
	char mnt[ST_PATH_MAX];
	char *t;

	(void)state;
	t = fixture(FIX_T1, "/proc/self/mountinfo");
	assert_int_equal(mountinfo_nfs_mount_of(t, "/mnt/nfs/swap file", mnt,
						sizeof(mnt)), 1);
	assert_string_equal(mnt, "/mnt/nfs");
	free(t);
	/* /mnt/nfsother is ext4 and is not under /mnt/nfs */
	t = fixture(FIX_T1, "/proc/self/mountinfo");
	assert_int_equal(mountinfo_nfs_mount_of(t, "/mnt/nfsother/swap", mnt,
						sizeof(mnt)), 0);
	free(t);
	t = fixture(FIX_T1, "/proc/self/mountinfo");
	assert_int_equal(mountinfo_nfs_mount_of(t, "/swapfile", mnt,
						sizeof(mnt)), 0);
	free(t);
	/* nfs4, and an escaped mount point */
	t = fixture(FIX_T1, "/proc/self/mountinfo");
	assert_int_equal(mountinfo_nfs_mount_of(t, "/srv nfs/sw", mnt,
						sizeof(mnt)), 1);
	assert_string_equal(mnt, "/srv nfs");
	free(t);
}

static void test_swap_kind(void **state)
{
	(void)state;
	assert_int_equal(swap_kind("/dev/swapnet3", "partition", 0),
			 ST_KIND_SWAPNET);
	assert_int_equal(swap_kind("/dev/nbd0", "partition", 0), ST_KIND_NBD);
	assert_int_equal(swap_kind("/mnt/nfs/f", "file", 1), ST_KIND_NFS);
	assert_int_equal(swap_kind("/swapfile", "file", 0), ST_KIND_OTHER);
	assert_int_equal(swap_kind("/dev/vda2", "partition", 0),
			 ST_KIND_OTHER);
	assert_string_equal(st_kind_name(ST_KIND_NFS), "nfs");
}

static void test_mountstats(void **state)
{
	struct st_rpcop rd, wr;
	char *t;

	(void)state;
	t = fixture(FIX_T1, "/proc/self/mountstats");
	assert_int_equal(parse_mountstats(t, "/mnt/nfs", &rd, &wr), 0);
	assert_int_equal(rd.ops, 140);
	assert_int_equal(rd.ntrans, 142);
	assert_int_equal(rd.bytes_sent, 17120);
	assert_int_equal(rd.bytes_recv, 575840);
	assert_int_equal(rd.queue_ms, 20);
	assert_int_equal(rd.rtt_ms, 300);
	assert_int_equal(rd.exe_ms, 400);
	assert_int_equal(wr.ops, 600);
	assert_int_equal(wr.timeouts, 1);
	assert_int_equal(wr.bytes_sent, 2517280);
	assert_int_equal(wr.exe_ms, 2700);
	free(t);
	/* the nfs4 mount has its own numbers */
	t = fixture(FIX_T1, "/proc/self/mountstats");
	assert_int_equal(parse_mountstats(t, "/srv nfs", &rd, &wr), 0);
	assert_int_equal(rd.ops, 9);
	assert_int_equal(wr.bytes_sent, 8000);
	free(t);
	t = fixture(FIX_T1, "/proc/self/mountstats");
	assert_int_equal(parse_mountstats(t, "/", &rd, &wr), -1);
	free(t);
}

static void test_snapshot_tree(void **state)
{
	struct snapshot *s = load_snapshot(FIX_T1, 0);

	(void)state;
	assert_int_equal(s->nzones, 6);
	assert_int_equal(s->nswaps, 4);
	assert_int_equal(s->swaps[0].kind, ST_KIND_SWAPNET);
	assert_int_equal(s->swaps[1].kind, ST_KIND_NFS);
	assert_string_equal(s->swaps[1].mnt, "/mnt/nfs");
	assert_true(s->swaps[1].have_rpc);
	assert_int_equal(s->swaps[1].rpc_write.ops, 600);
	assert_int_equal(s->swaps[2].kind, ST_KIND_NBD);
	assert_int_equal(s->swaps[3].kind, ST_KIND_OTHER);
	assert_true(s->have_pfmemalloc_drop);
	assert_int_equal(s->pfmemalloc_drop, 45);
	assert_int_equal(s->min_free_kbytes, 4096);
	free(s);
}

static void test_snapshot_missing_tree(void **state)
{
	struct snapshot *s = calloc(1, sizeof(*s));
	char err[256] = "";

	(void)state;
	assert_int_equal(snapshot_read_proc(s, "fixtures/none", err,
					    sizeof(err)), -1);
	assert_string_equal(err, "cannot read fixtures/none/proc/meminfo: "
			    "No such file or directory");
	free(s);
}

static void test_unescape(void **state)
{
	char s[] = "a\\040b\\011c\\134d\\9\\400";

	(void)state;
	octal_unescape(s);
	/* \400 is no byte: kept, never folded into a char */
	assert_string_equal(s, "a b\tc\\d\\9\\400");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meminfo),
		cmocka_unit_test(test_meminfo_missing_field),
		cmocka_unit_test(test_vmstat),
		cmocka_unit_test(test_vmstat_old_kernel_and_garbage),
		cmocka_unit_test(test_zoneinfo),
		cmocka_unit_test(test_zoneinfo_bad),
		cmocka_unit_test(test_netstat),
		cmocka_unit_test(test_swaps),
		cmocka_unit_test(test_swaps_empty_and_bad),
		cmocka_unit_test(test_mountinfo),
		cmocka_unit_test(test_swap_kind),
		cmocka_unit_test(test_mountstats),
		cmocka_unit_test(test_snapshot_tree),
		cmocka_unit_test(test_snapshot_missing_tree),
		cmocka_unit_test(test_unescape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

# SPDX-License-Identifier: GPL-2.0
"""Unit tests of tests/lab/bench-verify.py and of the bootstrap it shares
with tests/lab/bench-latency.py (median_ci), on synthetic values and on
fixture data (tests/lab/fixtures/bench-verify: the bench-verify runs of
2026-12-07, 3 pairs each: 6.1 and 6.12 with the software crc32c, 6.1
with crc32c-intel).  Run by host:bench-verify:
    python3 -m unittest discover -s tests/lab -p 'test_bench_verify.py'
"""
import importlib.util
import io
import os
import random
import shutil
import statistics
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures", "bench-verify")
spec = importlib.util.spec_from_file_location("bench_verify", os.path.join(HERE, "bench-verify.py"))
bv = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bv)
bl = bv.bl


def fix(name):
    return os.path.join(FIX, name + ".result")


def run(args):
    out = io.StringIO()
    rc = bv.main(args, out=out)
    return rc, out.getvalue()


def line(out, kver, crc, measure):
    """The "bench: verify" line of one group and measure, as a dict."""
    for ln in out.splitlines():
        if ln.startswith("bench: verify ") and " kver=%s crc32c=%s measure=%s " % (kver, crc, measure) in ln + " ":
            return bl.kv(ln)
    return None


class MedianCI(unittest.TestCase):
    def test_one_boot_median_and_bounds(self):
        xs = [1.00, 1.01, 1.02, 1.03, 1.04, 1.20]
        med, lo, hi, n, nb = bl.median_ci({"a": xs}, 2000, random.Random(1))
        self.assertAlmostEqual(med, 1.025)
        self.assertEqual((n, nb), (6, 1))
        self.assertTrue(min(xs) <= lo <= med <= hi <= max(xs), (lo, med, hi))
        # the single outlier must not be the upper end: the resampled
        # median (mean of the 3rd and 4th of 6) is 1.20 only when 4 of 6
        # draws are it (0.9 %); with 3 of 6 (6 %) it is 1.12; likewise low
        self.assertAlmostEqual(hi, 1.12)
        self.assertAlmostEqual(lo, 1.005)

    def test_constant_values_give_a_point(self):
        med, lo, hi, _, _ = bl.median_ci({"a": [1.03] * 5}, 500, random.Random(2))
        self.assertEqual((med, lo, hi), (1.03, 1.03, 1.03))

    def test_boots_resampled_first(self):
        # boot b (2 values of 1.20) is a quarter of the two-boot
        # resamples twice over, so the upper end is 1.20; resampling the
        # 12 values pooled would reach it only with 6 draws of 12 from
        # b's 2 (under 1 %), and give the upper end 1.00
        by = {"a": [1.00] * 10, "b": [1.20] * 2}
        med, lo, hi, n, nb = bl.median_ci(by, 2000, random.Random(3))
        self.assertAlmostEqual(med, 1.00)
        self.assertEqual((lo, hi, n, nb), (1.00, 1.20, 12, 2))

    def test_empty(self):
        self.assertIsNone(bl.median_ci({}, 100, random.Random(1)))
        self.assertIsNone(bl.median_ci({"a": []}, 100, random.Random(1)))

    def test_coverage(self):
        # 12 ratios from a normal law of median 1.04: the 95 % interval
        # holds 1.04 in most of 200 samples (the percentile bootstrap of a
        # median undercovers a little at this size, never by half)
        rng = random.Random(7)
        hit = 0
        for _ in range(200):
            xs = [rng.gauss(1.04, 0.03) for _ in range(12)]
            _, lo, hi, _, _ = bl.median_ci({"a": xs}, 400, rng)
            self.assertLessEqual(lo, hi)
            hit += lo <= 1.04 <= hi
        self.assertGreaterEqual(hit, 170)
        self.assertLessEqual(hit, 200)

    def test_interval95_of_estimates(self):
        est = list(range(1001))
        random.Random(4).shuffle(est)
        self.assertEqual(bl.interval95(est), (25, 975))


class Verdict(unittest.TestCase):
    def v(self, xs):
        med, lo, hi, n, _ = bl.median_ci({"a": xs}, 2000, random.Random(5))
        return bv.VERDICT[bl.verdict((med, lo, hi, n, n), bv.GOAL, "<=")]

    def test_within_over_undecided_toofew(self):
        self.assertEqual(self.v([1.01, 1.02, 1.03, 1.02, 1.04, 1.03]), "within")
        self.assertEqual(self.v([1.06, 1.08, 1.07, 1.09, 1.10, 1.07]), "over")
        self.assertEqual(self.v([1.01, 1.09, 1.03, 1.07, 1.04, 1.06]), "undecided")
        self.assertEqual(self.v([1.01]), "too-few")


class Fixtures(unittest.TestCase):
    def test_pairs_of_a_boot(self):
        b = bv.parse(fix("6.1-sw"))
        self.assertEqual((b.kver, b.crc, b.bad), ("6.1.0-57-amd64", "crc32c-generic", False))
        got = bv.pair_ratios(b)
        self.assertEqual([p for p, _ in got], [1, 2, 3])
        want = {"host": [1.025, 1.096, 1.037], "client": [1.039, 1.095, 1.041],
                "guest": [0.973, 1.092, 1.075]}
        for k, ws in want.items():
            for (_, rt), w in zip(got, ws):
                self.assertAlmostEqual(rt[k], w, places=3, msg=k)

    def test_report_groups_by_kernel_and_crc32c(self):
        rc, out = run(["--iterations", "500", fix("6.1-sw"), fix("6.12-sw"), fix("6.1-intel")])
        self.assertEqual(rc, 0)
        self.assertIn("=== bench-verify, kernel 6.1.0-57-amd64, crc32c crc32c-generic: 1 boot(s), 3 pair(s)", out)
        self.assertIn("=== bench-verify, kernel 6.1.0-57-amd64, crc32c crc32c-intel: 1 boot(s), 3 pair(s)", out)
        self.assertIn("=== bench-verify, kernel 6.12.118+deb12-amd64, crc32c crc32c-generic: 1 boot(s), 3 pair(s)", out)
        d = line(out, "6.1.0-57-amd64", "crc32c-generic", "host")
        self.assertEqual((d["pairs"], d["boots"], d["median"], d["min"], d["max"]), ("3", "1", "1.037", "1.025", "1.096"))
        self.assertEqual(d["verdict"], "undecided")
        # crc32c-intel, client QEMU: every pair over 1.05
        self.assertEqual(line(out, "6.1.0-57-amd64", "crc32c-intel", "client")["verdict"], "over")
        self.assertEqual(len([x for x in out.splitlines() if x.startswith("bench: verify ")]), 9)

    def test_boots_of_one_kernel_are_pooled(self):
        tmp = tempfile.mkdtemp()
        try:
            a, b = os.path.join(tmp, "a.result"), os.path.join(tmp, "b.result")
            shutil.copy(fix("6.1-sw"), a)
            shutil.copy(fix("6.1-sw"), b)
            rc, out = run(["--iterations", "500", a, b])
            self.assertEqual(rc, 0)
            self.assertIn("crc32c crc32c-generic: 2 boot(s), 6 pair(s)", out)
            d = line(out, "6.1.0-57-amd64", "crc32c-generic", "guest")
            self.assertEqual((d["pairs"], d["boots"]), ("6", "2"))
        finally:
            shutil.rmtree(tmp)

    def test_failed_round_drops_its_pair_and_mismatch_exits_1(self):
        tmp = tempfile.mkdtemp()
        try:
            p = os.path.join(tmp, "x.result")
            with open(fix("6.1-sw")) as f:
                text = f.read()
            text = text.replace("cpu verify=off round=2 status=0", "cpu verify=off round=2 status=1")
            text = text.replace("round=2 status=0 result=PASS procs=2 mib_per_proc=113 total_mib=226 mismatches=0",
                                "round=2 status=1 result=FAIL procs=2 mib_per_proc=113 total_mib=226 mismatches=3")
            with open(p, "w") as f:
                f.write(text)
            self.assertEqual([n for n, _ in bv.pair_ratios(bv.parse(p))], [2, 3])
            rc, out = run(["--iterations", "200", p])
            self.assertEqual(rc, 1)
            self.assertIn("bench: DATA NOT VERIFIED", out)
            self.assertEqual(line(out, "6.1.0-57-amd64", "crc32c-generic", "host")["pairs"], "2")
        finally:
            shutil.rmtree(tmp)

    def test_no_host_marks_leaves_host_measures_out(self):
        tmp = tempfile.mkdtemp()
        try:
            p = os.path.join(tmp, "x.result")
            with open(fix("6.12-sw")) as f:
                text = "".join(x for x in f if not x.startswith("host_cpu_s mark="))
            with open(p, "w") as f:
                f.write(text)
            rc, out = run(["--iterations", "200", p])
            self.assertEqual(rc, 0)
            self.assertEqual(line(out, "6.12.118+deb12-amd64", "crc32c-generic", "host")["pairs"], "0")
            self.assertEqual(line(out, "6.12.118+deb12-amd64", "crc32c-generic", "guest")["pairs"], "3")
        finally:
            shutil.rmtree(tmp)

    def test_input_without_cpu_lines_exits_2(self):
        tmp = tempfile.mkdtemp()
        try:
            p = os.path.join(tmp, "x.result")
            with open(p, "w") as f:
                f.write("bench-swap: run peer=swapnet round=1 status=0\n")
            self.assertEqual(run([p])[0], 2)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench-verify's cost of verified swap-in with its confidence (issue 22:
"CPU per page within 5 % of verify=off").

    tests/lab/bench-verify.py [--iterations N] [--seed S] RESULT...

RESULT: the result file (tests/lab/runs/bench-verify-*/result) or client
log of one boot each, of any kernels.  Reads the lines of
tests/scenarios/bench-verify.sh ("bench-verify: setup|run|cpu ...") and
the lab's "host_cpu_s mark=bench-verify.rN.t0|t1 server= client=".

Boots are grouped by kernel and guest crc32c (a software crc32c and the
emulated crc32 instruction are different experiments).  Each round's CPU
per page swapped (pswpout + pswpin) is taken three ways: the host CPU
(utime + stime) of both QEMU guests, of the client's QEMU alone, and the
guest's busy CPU from /proc/stat.  A pair is rounds 1-2, 3-4, ... of one
boot, one of each setting, both verified (status 0); its ratio is CPU
per page on / off.  Per group and measure it prints the median of the
pairs' ratios with a 95 % bootstrap interval over pairs (two-stage over
boots, then pairs: median_ci of tests/lab/bench-latency.py) and judges
the goal on it: "within" (upper end <= 1.05), "over" (lower end > 1.05),
else "undecided"; "too-few" with fewer than 2 pairs.  Machine-readable lines
start with "bench: verify ".  Exit status 1 when a round reports a data
mismatch, 2 on bad usage or input without bench-verify cpu lines.
"""
import argparse
import importlib.util
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("bench_latency", os.path.join(HERE, "bench-latency.py"))
bl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bl)

ME = "bench-verify"
GOAL = 1.05
# (key, title): the measures of CPU per page, sturdiest first
MEASURES = [
    ("host", "host CPU, both QEMU guests"),
    ("client", "host CPU, client QEMU"),
    ("guest", "guest /proc/stat busy"),
]
VERDICT = {"met": "within", "missed": "over", "open": "undecided", "too-few": "too-few"}


class Boot:
    def __init__(self, name):
        self.name = name
        self.kver = "?"
        self.crc = "?"
        self.rounds = {}	# round number -> dict
        self.marks = {}
        self.bad = False


def parse(path):
    b = Boot(path)
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("host_cpu_s mark=%s.r" % ME):
                d = bl.kv(line)
                try:
                    b.marks[d["mark"]] = (float(d["server"]), float(d["client"]))
                except (KeyError, ValueError):
                    pass
                continue
            if not line.startswith(ME + ": "):
                continue
            d = bl.kv(line)
            what = line.split()[1]
            if what == "setup":
                b.kver = d.get("kver", "?")
                b.crc = d.get("crc32c", "?")
            elif what == "run":
                if d.get("result", "") == "" or bl.num(d, "mismatches") or \
                   (d.get("result") == "FAIL" and d.get("status") != "2"):
                    b.bad = True
            elif what == "cpu":
                try:
                    r = int(d["round"])
                    b.rounds[r] = {"verify": d["verify"], "status": d["status"],
                                   "pages": int(d["pages"]), "cpu": int(d["cpu_jiffies"]),
                                   "hz": int(d.get("hz", 100)), "mark": d.get("mark", "")}
                except (KeyError, ValueError):
                    continue
    return b


def per_page(b, r):
    """{measure: us per page} of round r of boot b (a measure whose data
    is missing is left out)."""
    x = b.rounds[r]
    if x["pages"] <= 0:
        return {}
    m = {"guest": x["cpu"] * 1e6 / x["hz"] / x["pages"]}
    t0, t1 = b.marks.get(x["mark"] + ".t0"), b.marks.get(x["mark"] + ".t1")
    if t0 and t1:
        m["client"] = (t1[1] - t0[1]) * 1e6 / x["pages"]
        m["host"] = m["client"] + (t1[0] - t0[0]) * 1e6 / x["pages"]
    return m


def pair_ratios(b):
    """[(pair number, {measure: on/off})] of boot b's verified pairs."""
    out = []
    for p in sorted({(r + 1) // 2 for r in b.rounds}):
        side = {}
        for r in (2 * p - 1, 2 * p):
            x = b.rounds.get(r)
            if x and x["status"] == "0" and x["pages"] > 0 and x["verify"] in ("on", "off"):
                side[x["verify"]] = per_page(b, r)
        if "on" not in side or "off" not in side:
            continue
        rt = {k: side["on"][k] / side["off"][k] for k in side["on"]
              if k in side["off"] and side["off"][k] > 0}
        out.append((p, rt))
    return out


def report(group, boots, iters, seed, out):
    kver, crc = group
    rng = random.Random(seed)
    pairs = [(b, p, rt) for b in boots for p, rt in pair_ratios(b)]
    print("", file=out)
    print("=== bench-verify, kernel %s, crc32c %s: %d boot(s), %d pair(s)" % (kver, crc, len(boots), len(pairs)), file=out)
    print("    CPU per page swapped, verify on / off, per pair of rounds; median over pairs, 95 %% bootstrap"
          " interval over %s; goal <= %.2f" % ("boots, then pairs" if len(boots) > 1 else "pairs", GOAL), file=out)
    hdr = "    %-28s" % "measure"
    for i, (b, p, _) in enumerate(pairs):
        hdr += " %7s" % ("%s%d" % (("%d." % (boots.index(b) + 1)) if len(boots) > 1 else "p", p))
    print(hdr + "  %7s %15s  %s" % ("median", "95 % interval", "verdict"), file=out)
    lines = []
    for key, title in MEASURES:
        by = {}
        row = "    %-28s" % title
        for b, p, rt in pairs:
            row += " %7s" % ("%.3f" % rt[key] if key in rt else "-")
            if key in rt:
                by.setdefault(b.name, []).append(rt[key])
        ci = bl.median_ci(by, iters, rng)
        if ci is None:
            print(row + "  none", file=out)
            lines.append("bench: verify kver=%s crc32c=%s measure=%s pairs=0" % (kver, crc, key))
            continue
        med, lo, hi, n, nb = ci
        v = VERDICT[bl.verdict((med, lo, hi, n, n), GOAL, "<=")]
        xs = [x for vals in by.values() for x in vals]
        print(row + "  %7.3f %7.3f..%.3f  %s" % (med, lo, hi, v), file=out)
        lines.append("bench: verify kver=%s crc32c=%s measure=%s pairs=%d boots=%d median=%.3f lo=%.3f hi=%.3f"
                     " min=%.3f max=%.3f goal=<=%.2f verdict=%s"
                     % (kver, crc, key, n, nb, med, lo, hi, min(xs), max(xs), GOAL, v))
    if crc in ("crc32c-generic", "crc32c-lib"):
        print("    a software crc32c under TCG: an upper bound for hardware with SSE4.2", file=out)
    elif crc == "crc32c-intel":
        print("    crc32c-intel: TCG emulates the crc32 instruction bit by bit, far above hardware", file=out)
    for line in lines:
        print(line, file=out)


def main(argv=None, out=sys.stdout):
    ap = argparse.ArgumentParser(prog="bench-verify.py")
    ap.add_argument("--iterations", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("results", nargs="+")
    a = ap.parse_args(argv)
    if a.iterations < 100:
        print("bench-verify.py: --iterations must be at least 100", file=sys.stderr)
        return 2
    groups = {}
    bad = False
    for path in a.results:
        try:
            b = parse(path)
        except OSError as e:
            print("bench-verify.py: cannot read %s: %s" % (path, e.strerror), file=sys.stderr)
            return 2
        bad = bad or b.bad
        if b.rounds:
            groups.setdefault((b.kver, b.crc), []).append(b)
    if not groups:
        print("bench-verify.py: no bench-verify cpu lines in the input", file=sys.stderr)
        return 2
    for g in sorted(groups):
        report(g, groups[g], a.iterations, a.seed, out)
    if bad:
        print("bench: DATA NOT VERIFIED (bench-verify mismatch): see the run logs", file=out)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

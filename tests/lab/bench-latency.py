#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench-latency's comparison over boots (issue 23): medians and bootstrap
confidence intervals of swapnet / peer, at equal load.

    tests/lab/bench-latency.py [--plot-dir DIR] [--iterations N] [--seed S] RESULT...

RESULT: the run's result file (tests/lab/runs/bench-latency-*/result) or
client log of one boot each; give several boots of the same kernel (and
any number of kernels: each gets its own report).  Reads the lines of
tests/scenarios/bench-latency.sh: "bench-latency: setup|queue|max|level|
run ..." and the lab's "host_cpu_s mark=LABEL.t0|t1 server= client=".

Per kernel it prints the unloaded fault time (idle: with the timed faults
that read the device, real, and the pages read per fault), each peer's maximum
writer pages/s (max, no probe) and, per load level (a fraction of the
slowest peer's maximum), per peer: the median over its rounds of the
per-fault and schedule-corrected fault latencies (p50, p95, p99, mean of
the worst 1 %), the pace achieved, and the per-page measures (a page is
one pswpin or pswpout in the measured interval): device requests and
their mean size, wire bytes and packets, context switches, guest CPU,
host CPU of both QEMU guests, THP swap-outs and fallbacks; and the
breakdown of the slow faults (the worst 1 % of each round, medians of
the rounds' means): run-queue wait, CPU, asleep (the rest: device,
locks, reclaim throttling), in how many direct reclaim ran system-wide
and the direct reclaim counters' deltas per slow fault.  Then the
ratios swapnet / peer of those medians, each with a 95 % bootstrap
interval: boots resampled with replacement, then each chosen boot's
rounds of each peer (with one boot: its rounds only, said so).  The
issue's goals are judged on the interval: "met" when it lies on the
goal's side, "missed" when it lies on the other, else "open".
With --plot-dir it writes the data of the plots there: p99 against load
per peer (bench-latency-p99-KVER.dat: peer, level, p99 per fault,
corrected) and per phase the latency CDFs, quantile-wise medians over
rounds (bench-latency-cdf-KVER-PHASE.dat: peer, fault|corrected,
quantile, us); tests/lab/bench-report.sh plots them with gnuplot.
Machine-readable lines start with "bench: paced ".  Exit status 1 when a
round reports a data mismatch or a failed verification, 2 on bad usage
or input without bench-latency lines of this format.
"""
import argparse
import os
import random
import statistics
import sys

ME = "bench-latency"
BASE = "swapnet"

# measure: (title, better, kind); kind "lat" the latency rows, "page" per page
LAT = [
    ("p50_us", "fault p50 us (per fault)"),
    ("p95_us", "fault p95 us (per fault)"),
    ("p99_us", "fault p99 us (per fault)"),
    ("worst1_us", "fault worst 1% mean us (per fault)"),
    ("cp50_us", "fault p50 us (corrected)"),
    ("cp95_us", "fault p95 us (corrected)"),
    ("cp99_us", "fault p99 us (corrected)"),
    ("cworst1_us", "fault worst 1% mean us (corrected)"),
]
# the breakdown of the slow faults (the worst 1 % by the per-fault figure)
BRK = ["slow_n", "slow_us", "slow_runq_us", "slow_cpu_us", "slow_blocked_us", "slow_stalled",
       "slow_allocstall", "slow_pgscan_direct", "slow_direct_throttle", "slow_throttled_written",
       "slow_rd_pages", "all_runq_us", "all_cpu_us", "all_blocked_us", "all_rd_pages", "real"]
PAGE = [
    ("req_per_page", "device requests per page"),
    ("req_kib", "mean request KiB"),
    ("wire_bytes_per_page", "wire bytes per page (eth0 rx+tx)"),
    ("pkts_per_page", "packets per page (eth0 rx+tx)"),
    ("ctxt_per_page", "context switches per page"),
    ("cpu_us_per_page", "guest CPU us per page"),
    ("host_cpu_us_per_page", "host CPU us per page (both guests)"),
]


def kv(line):
    """The key=value words of a line, as a dict (the last of a key wins)."""
    d = {}
    for w in line.split():
        i = w.find("=")
        if i > 0:
            d[w[:i]] = w[i + 1:]
    return d


def num(d, k):
    """d[k] as a float, None if missing or na."""
    v = d.get(k)
    if v is None or v in ("na", "none", ""):
        return None
    try:
        return float(v)
    except ValueError:
        return None


def derive(d, marks):
    """The per-run measures of one "run" line (d) with its boot's marks."""
    m = {}
    # a round that timed no fault has no latency (not 0 us)
    timed = (num(d, "faults") or 0) > 0
    for k, _ in LAT:
        m[k] = num(d, k) if timed else None
    for k in BRK:
        m[k] = num(d, k) if timed else None
    # a faultlat before the breakdown has none (None, not 0)
    if "slow_n" not in d:
        for k in BRK:
            m[k] = None
    m["faults"] = num(d, "faults")
    pin, pout = num(d, "pswpin"), num(d, "pswpout")
    pages = (pin or 0) + (pout or 0)
    m["pages"] = pages
    m["writer_pps"] = num(d, "writer_pps")
    m["pages_per_s"] = num(d, "pages_per_s")
    pace = num(d, "pace_pps")
    m["pace_pps"] = pace
    m["pace_kept"] = (m["writer_pps"] / pace) if pace and m["writer_pps"] is not None else None
    m["pace_lag_s"] = num(d, "pace_lag_s")
    for k in ("thp_swpout", "thp_swpout_fallback", "mthp_swpout", "mthp_swpout_fallback"):
        m[k] = num(d, k)

    def per(x):
        return x / pages if x is not None and pages > 0 else None

    rd, wr = num(d, "blk_rd"), num(d, "blk_wr")
    if rd is not None and wr is not None:
        reqs = rd + wr
        sec = (num(d, "blk_rd_sec") or 0) + (num(d, "blk_wr_sec") or 0)
        m["req_kib"] = sec * 512 / 1024 / reqs if reqs > 0 else None
    else:
        rd, wr = num(d, "rpc_rd"), num(d, "rpc_wr")
        reqs = rd + wr if rd is not None and wr is not None else None
        # NFS: no sector count; the swap pages moved over the calls
        m["req_kib"] = pages * 4 / reqs if reqs else None
    m["req_per_page"] = per(reqs)
    rxb, txb = num(d, "rx_bytes"), num(d, "tx_bytes")
    m["wire_bytes_per_page"] = per(rxb + txb) if rxb is not None and txb is not None else None
    rxp, txp = num(d, "rx_pkts"), num(d, "tx_pkts")
    m["pkts_per_page"] = per(rxp + txp) if rxp is not None and txp is not None else None
    m["ctxt_per_page"] = per(num(d, "ctxt"))
    m["cpu_us_per_page"] = num(d, "cpu_us_per_page") if pages > 0 else None
    label = d.get("label", "")
    t0, t1 = marks.get(label + ".t0"), marks.get(label + ".t1")
    if t0 and t1 and pages > 0:
        host = sum(t1[g] - t0[g] for g in t1 if g in t0)
        m["host_cpu_us_per_page"] = host * 1e6 / pages
        m["host_cpu_s"] = host
    else:
        m["host_cpu_us_per_page"] = None
    return m


class Boot:
    def __init__(self, name):
        self.name = name
        self.kver = None
        self.boot = name
        self.setup = {}
        self.runs = []      # (phase, peer, round, measures, d)
        self.queues = {}    # peer -> last queue line dict
        self.marks = {}
        self.maxline = None
        self.bad = False


def parse(path):
    """One boot's lines; None if the file has no bench-latency lines."""
    b = Boot(path)
    pending = []
    cdfs = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.replace("\r", "").rstrip("\n")
            if line.startswith("host_cpu_s mark="):
                d = kv(line)
                vals = {}
                for g, v in d.items():
                    if g != "mark":
                        try:
                            vals[g] = float(v)
                        except ValueError:
                            pass
                b.marks[d["mark"]] = vals
                continue
            if not line.startswith(ME + ": "):
                continue
            what = line.split()[1]
            d = kv(line)
            if what == "setup":
                b.setup = d
                b.kver = d.get("kver")
                b.boot = d.get("boot", path)
            elif what == "queue":
                b.queues[d.get("peer")] = d
            elif what == "max":
                b.maxline = d
            elif what in ("cdf", "ccdf"):
                # faultlat prints them just before its result line
                cdfs[(what, d.get("peer"), d.get("round"))] = d.get("points", "")
            elif what == "run":
                d["_cdf"] = cdfs.pop(("cdf", d.get("peer"), d.get("round")), "")
                d["_ccdf"] = cdfs.pop(("ccdf", d.get("peer"), d.get("round")), "")
                pending.append(d)
    # the paced format: a setup with levels, or labelled rounds
    if "levels" not in b.setup and not any("label" in d for d in pending):
        return None
    for d in pending:
        res = d.get("result", "")
        if (num(d, "mismatches") or 0) > 0 or res == "" or (res == "FAIL" and d.get("status") != "2"):
            b.bad = True
        label = d.get("label")
        if not label or res != "PASS":
            continue    # a failed, killed or wedged round has no numbers
        phase = label.split("_", 1)[0]
        b.runs.append((phase, d.get("peer"), d.get("round"), derive(d, b.marks), d))
    return b


def points(text):
    """faultlat's CDF points "us:q,us:q,..." as [(q, us)], [] if none."""
    out = []
    for pt in text.split(","):
        us, _, q = pt.partition(":")
        try:
            out.append((float(q), float(us)))
        except ValueError:
            return []
    return out


def cdf_rows(runs):
    """Quantile-wise medians over rounds of the per-fault and corrected
    CDFs: [(kind, q, us)] (rounds with another quantile grid left out)."""
    rows = []
    for kind in ("cdf", "ccdf"):
        curves = [points(d["_" + kind]) for d in runs]
        curves = [c for c in curves if c]
        if not curves:
            continue
        grid = [q for q, _ in curves[0]]
        curves = [c for c in curves if [q for q, _ in c] == grid]
        for i, q in enumerate(grid):
            rows.append(("fault" if kind == "cdf" else "corrected", q,
                         statistics.median(c[i][1] for c in curves)))
    return rows


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def ratio_ci(a_by_boot, b_by_boot, key, iters, rng):
    """Ratio of medians a / b with a 95 % two-stage bootstrap interval.

    a_by_boot, b_by_boot: {boot: [measures...]}.  Returns (ratio, lo, hi,
    na, nb, boots) or None when either side has no values.
    """
    def vals(by, bt):
        return [m[key] for m in by.get(bt, []) if m.get(key) is not None]

    boots = sorted(bt for bt in set(a_by_boot) | set(b_by_boot)
                   if vals(a_by_boot, bt) and vals(b_by_boot, bt))
    if not boots:
        return None
    a_all = [x for bt in boots for x in vals(a_by_boot, bt)]
    b_all = [x for bt in boots for x in vals(b_by_boot, bt)]
    mb = statistics.median(b_all)
    if mb == 0:
        return None
    r = statistics.median(a_all) / mb
    est = []
    for _ in range(iters):
        pick = [rng.choice(boots) for _ in boots] if len(boots) > 1 else boots
        xa, xb = [], []
        for bt in pick:
            va, vb = vals(a_by_boot, bt), vals(b_by_boot, bt)
            xa.extend(rng.choice(va) for _ in va)
            xb.extend(rng.choice(vb) for _ in vb)
        d = statistics.median(xb)
        if d > 0:
            est.append(statistics.median(xa) / d)
    if not est:
        return None
    lo, hi = interval95(est)
    return r, lo, hi, len(a_all), len(b_all), len(boots)


def interval95(est):
    """The 2.5 % and 97.5 % points of a list of bootstrap estimates."""
    est = sorted(est)
    return est[int(0.025 * (len(est) - 1))], est[int(round(0.975 * (len(est) - 1)))]


def median_ci(by_boot, iters, rng):
    """Median of values grouped by boot with a 95 % two-stage bootstrap
    interval, the scheme of ratio_ci: boots resampled with replacement,
    then each chosen boot's values (with one boot: its values only).

    by_boot: {boot: [values...]}.  Returns (median, lo, hi, n, boots) or
    None when no boot has a value.
    """
    boots = sorted(bt for bt in by_boot if by_boot[bt])
    if not boots:
        return None
    allv = [x for bt in boots for x in by_boot[bt]]
    est = []
    for _ in range(iters):
        pick = [rng.choice(boots) for _ in boots] if len(boots) > 1 else boots
        xs = []
        for bt in pick:
            xs.extend(rng.choice(by_boot[bt]) for _ in by_boot[bt])
        est.append(statistics.median(xs))
    lo, hi = interval95(est)
    return statistics.median(allv), lo, hi, len(allv), len(boots)


def verdict(ci, goal, op):
    """met / missed / open for a goal "ratio op goal" judged on the
    interval; "too-few" with fewer than 2 rounds on either side (an
    interval of one value says nothing)."""
    _, lo, hi = ci[0], ci[1], ci[2]
    if len(ci) > 4 and min(ci[3], ci[4]) < 2:
        return "too-few"
    if op == "<=":
        return "met" if hi <= goal else "missed" if lo > goal else "open"
    return "met" if lo >= goal else "missed" if hi < goal else "open"


def fmt(x, nd=0):
    if x is None:
        return "-"
    if nd == 0 and abs(x) < 10 and x != int(x):
        return "%.2f" % x
    return ("%." + str(nd) + "f") % x


def phase_key(ph):
    return (0, 0) if ph == "idle" else (1, 0) if ph == "max" else (2, int(ph[1:]) if ph[1:].isdigit() else 0)


def report(kver, boots, iters, seed, plot_dir, out):
    rng = random.Random(seed)
    lines = []
    # by phase -> peer -> boot -> [measures]; raw run lines by phase -> peer
    data = {}
    raw = {}
    order = []
    for b in boots:
        for phase, peer, _rnd, m, d in b.runs:
            data.setdefault(phase, {}).setdefault(peer, {}).setdefault(b.boot, []).append(m)
            raw.setdefault(phase, {}).setdefault(peer, []).append(d)
            if peer not in order:
                order.append(peer)
    nboots = len(boots)
    p = lambda s="": print(s, file=out)  # noqa: E731
    p("")
    p("=== bench-latency, kernel %s: %d boot(s), swapnet / peer at equal load" % (kver, nboots))
    s = boots[0].setup
    p("    %s x MemTotal in 2 writers, probe %s MiB at %s/s, rounds %s s (max %s s, idle %s s), levels %s, %s round(s) per peer and level per boot"
      % (s.get("ratio"), s.get("probe_mib"), s.get("rate"), s.get("secs"), s.get("maxsecs"),
         s.get("idlesecs"), s.get("levels"), s.get("rounds")))
    p("    dates: %s" % ", ".join(sorted(set(b.setup.get("date", "?") for b in boots))))
    if nboots < 2:
        p("    note: 1 boot: the intervals resample its rounds only (the issue asks for >= 5 boots)")
    for peer in order:
        q = next((b.queues[peer] for b in boots if peer in b.queues), None)
        if q:
            p("    %-12s dev %s, scheduler %s, wbt_lat_usec %s, nr_requests %s, queue_depth %s"
              % (peer, q.get("dev"), q.get("scheduler"), q.get("wbt_lat_usec"), q.get("nr_requests"), q.get("queue_depth")))

    def breakdown(peer, ms, phase="idle"):
        """The slow faults' breakdown of one peer: medians of the rounds' means."""
        med = {k: median(m[k] for m in ms) for k in BRK}
        if med["slow_us"] is None:
            return
        stalled = [(m["slow_stalled"], m["slow_n"]) for m in ms if m["slow_stalled"] is not None and m["slow_n"]]
        p("    %-12s        slow faults (worst 1 %%, %s per round): %s us = run-queue %s + CPU %s + asleep %s"
          " (all faults: run-queue %s, CPU %s, asleep %s)" % (
              "", fmt(med["slow_n"]), fmt(med["slow_us"]), fmt(med["slow_runq_us"]), fmt(med["slow_cpu_us"]),
              fmt(med["slow_blocked_us"]), fmt(med["all_runq_us"]), fmt(med["all_cpu_us"]), fmt(med["all_blocked_us"])))
        p("    %-12s        during them: direct reclaim (system-wide) in %d of %d; per slow fault allocstall %s,"
          " pgscan_direct %s, pgscan_direct_throttle %s, nr_throttled_written %s; pages read %s" % (
              "", sum(a for a, _ in stalled), sum(b for _, b in stalled), fmt(med["slow_allocstall"], 1),
              fmt(med["slow_pgscan_direct"], 1), fmt(med["slow_direct_throttle"], 1),
              fmt(med["slow_throttled_written"], 1), fmt(med["slow_rd_pages"], 1)))
        lines.append("bench: paced breakdown kver=%s phase=%s peer=%s rounds=%d slow_us=%s runq_us=%s cpu_us=%s"
                     " asleep_us=%s stalled=%d/%d allocstall=%s pgscan_direct=%s direct_throttle=%s throttled_written=%s"
                     % (kver, phase, peer, len(ms), fmt(med["slow_us"]), fmt(med["slow_runq_us"]),
                        fmt(med["slow_cpu_us"]), fmt(med["slow_blocked_us"]), sum(a for a, _ in stalled),
                        sum(b for _, b in stalled), fmt(med["slow_allocstall"], 1),
                        fmt(med["slow_pgscan_direct"], 1), fmt(med["slow_direct_throttle"], 1),
                        fmt(med["slow_throttled_written"], 1)))

    def cmp_rows(phase, keys, goals):
        peers = [x for x in order if x in data.get(phase, {}) and x != BASE]
        if BASE not in data.get(phase, {}) or not peers:
            p("    (no %s rounds of both swapnet and a peer: no ratios)" % phase)
            return
        head = ["    %-36s %-12s %8s %-17s %5s  %s" % ("measure", "peer", "ratio", "95% interval", "n", "goal")]
        for key, title in keys:
            for peer in peers:
                ci = ratio_ci(data[phase][BASE], data[phase][peer], key, iters, rng)
                if not ci:
                    continue
                r, lo, hi, na, nb, nbt = ci
                g = goals.get(key)
                gtxt = ""
                if g:
                    gtxt = "%s %s %s: %s" % (g[2], g[1], g[0], verdict(ci, g[0], g[1]))
                while head:
                    p(head.pop())
                p("    %-36s %-12s %8.2f [%6.2f, %6.2f] %2d/%-2d  %s" % (title, peer, r, lo, hi, na, nb, gtxt))
                lines.append("bench: paced kver=%s phase=%s measure=%s peer=%s ratio=%.3f lo=%.3f hi=%.3f n_swapnet=%d n_peer=%d boots=%d%s"
                             % (kver, phase, key, peer, r, lo, hi, na, nb, nbt,
                                (" goal=%s%s verdict=%s" % (g[1], g[0], verdict(ci, g[0], g[1]))) if g else ""))

    if "idle" in data:
        p("")
        p("--- unloaded fault time (idle: the probe alone, no writers), median over rounds")
        p("    %-12s %6s %9s %9s %9s %12s %9s" % ("peer", "rounds", "p50_us", "p99_us", "cp99_us", "real/faults", "rd_pg/flt"))
        if all(m["p50_us"] is None for by in data["idle"].values() for v in by.values() for m in v):
            p("    no fault timed in any idle round: without pressure the probe's paged-out pages")
            p("    stay in the swap cache (mincore: resident), so the unloaded fault time is not measured")
            p("    (faultlat without -X: a run before the idle probe kept its set out)")
        for peer in order:
            by = data["idle"].get(peer)
            if not by:
                continue
            ms = [m for v in by.values() for m in v]
            p("    %-12s %6d %9s %9s %9s %12s %9s" % (
                peer, len(ms), fmt(median(m["p50_us"] for m in ms)),
                fmt(median(m["p99_us"] for m in ms)), fmt(median(m["cp99_us"] for m in ms)),
                "%s/%s" % (fmt(sum(m["real"] for m in ms if m["real"] is not None)),
                           fmt(sum(m["faults"] or 0 for m in ms))) if any(m["real"] is not None for m in ms) else "-",
                fmt(median(m["all_rd_pages"] for m in ms), 1)))
            breakdown(peer, ms)
        cmp_rows("idle", [("p50_us", "unloaded fault p50 us"), ("p99_us", "unloaded fault p99 us")], {})
    if "max" in data:
        p("")
        p("--- maximum throughput (max: 2 writers closed loop, no probe), median over rounds")
        p("    %-12s %6s %11s %11s %11s %13s" % ("peer", "rounds", "writer_pps", "pages/s", "cpu_us/pg", "host_cpu_us/pg"))
        for peer in order:
            by = data["max"].get(peer)
            if not by:
                continue
            ms = [m for v in by.values() for m in v]
            p("    %-12s %6d %11s %11s %11s %13s" % (peer, len(ms), fmt(median(m["writer_pps"] for m in ms)),
                                                  fmt(median(m["pages_per_s"] for m in ms)),
                                                  fmt(median(m["cpu_us_per_page"] for m in ms), 1),
                                                  fmt(median(m["host_cpu_us_per_page"] for m in ms), 1)))
        cmp_rows("max", [("writer_pps", "max writer pages/s"), ("pages_per_s", "max swap pages/s"),
                         ("host_cpu_us_per_page", "host CPU us per page (both guests)")],
                 {"writer_pps": (1.2, ">=", "vs each peer")})
    plot = {}
    for phase in sorted((ph for ph in data if ph not in ("idle", "max")), key=phase_key):
        level = phase_key(phase)[1] / 100
        p("")
        p("--- paced storm at level %.2f of the slowest peer's maximum (%s), median over rounds" % (level, phase))
        p("    %-12s %6s %8s %8s %8s %8s %8s %8s %7s %7s %8s %8s %9s" % (
            "peer", "rounds", "p50_us", "p99_us", "worst1", "cp50_us", "cp99_us", "cworst1",
            "pace", "req/pg", "req_kib", "B/pg", "hostus/pg"))
        for peer in order:
            by = data[phase].get(peer)
            if not by:
                continue
            ms = [m for v in by.values() for m in v]
            med = {k: median(m[k] for m in ms) for k in ms[0]}
            p("    %-12s %6d %8s %8s %8s %8s %8s %8s %7s %7s %8s %8s %9s" % (
                peer, len(ms), fmt(med["p50_us"]), fmt(med["p99_us"]), fmt(med["worst1_us"]),
                fmt(med["cp50_us"]), fmt(med["cp99_us"]), fmt(med["cworst1_us"]),
                fmt(med["pace_kept"], 2), fmt(med["req_per_page"], 2), fmt(med["req_kib"], 1),
                fmt(med["wire_bytes_per_page"]), fmt(med["host_cpu_us_per_page"], 1)))
            thp = [fmt(med[k]) for k in ("thp_swpout", "thp_swpout_fallback", "mthp_swpout", "mthp_swpout_fallback")]
            p("    %-12s        pkts/pg %s, ctxt/pg %s, guest cpu us/pg %s; thp_swpout %s, fallback %s; mTHP swpout %s, fallback %s (medians per round)" % (
                "", fmt(med["pkts_per_page"], 2), fmt(med["ctxt_per_page"], 2), fmt(med["cpu_us_per_page"], 1), *thp))
            if med["pace_kept"] is not None and med["pace_kept"] < 0.95:
                p("    %-12s        note: the writers kept only %.0f %% of the pace: not the same load" % ("", med["pace_kept"] * 100))
            breakdown(peer, ms, phase)
            plot.setdefault(peer, []).append((level, med["p99_us"], med["cp99_us"]))
        cmp_rows(phase, LAT + PAGE, {"p99_us": (0.5, "<=", "vs each peer"), "cp99_us": (0.5, "<=", "vs each peer"),
                                     "host_cpu_us_per_page": (1.0, "<=", "vs the best peer")})
    if plot_dir:
        for phase in sorted(raw, key=phase_key):
            if phase == "max":
                continue    # no probe: no faults
            rows = [(peer, kind, q, us) for peer in order if peer in raw[phase]
                    for kind, q, us in cdf_rows(raw[phase][peer])]
            if not rows:
                continue
            path = os.path.join(plot_dir, "bench-latency-cdf-%s-%s.dat" % (kver, phase))
            with open(path, "w", encoding="utf-8") as f:
                for peer, kind, q, us in rows:
                    f.write("%s %s %.5f %.0f\n" % (peer, kind, q, us))
            lines.append("bench: paced plot kver=%s phase=%s cdf=%s" % (kver, phase, path))
    if plot_dir and plot:
        path = os.path.join(plot_dir, "bench-latency-p99-%s.dat" % kver)
        with open(path, "w", encoding="utf-8") as f:
            for peer, pts in plot.items():
                for level, p99, cp99 in sorted(pts):
                    f.write("%s %.2f %s %s\n" % (peer, level, fmt(p99), fmt(cp99)))
        lines.append("bench: paced plot kver=%s p99_vs_load=%s" % (kver, path))
    p("")
    for ln in lines:
        p(ln)


def main(argv=None, out=sys.stdout):
    ap = argparse.ArgumentParser(prog="bench-latency.py", description="bench-latency over boots")
    ap.add_argument("--plot-dir")
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("results", nargs="+")
    a = ap.parse_args(argv)
    if a.iterations < 1:
        print("bench-latency.py: --iterations must be >= 1", file=sys.stderr)
        return 2
    boots = []
    for path in a.results:
        try:
            b = parse(path)
        except OSError as e:
            print("bench-latency.py: cannot read %s: %s" % (path, e.strerror), file=sys.stderr)
            return 2
        if b:
            boots.append(b)
    if not boots:
        print("bench-latency.py: no bench-latency lines of the paced format in %s" % " ".join(a.results), file=sys.stderr)
        return 2
    bykver = {}
    for b in boots:
        bykver.setdefault(b.kver or "?", []).append(b)
    for kver in sorted(bykver):
        report(kver, bykver[kver], a.iterations, a.seed, a.plot_dir, out)
    if any(b.bad for b in boots):
        print("bench: DATA NOT VERIFIED (bench-latency mismatch or failed round): see the run logs", file=out)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/bin/bash
# The benchmark's report: reads the "bench-swap: ...", "bench-fio: ..."
# and "bench-pressure: ..." lines of lab run results (or client logs) and
# prints, per peer, the swap workload's time and page rates, fio's IOPS and
# MiB/s, swapnet/peer ratios with the better direction spelled out, and
# the pressure case's OOM kills.  Used by tests/bench; also by hand:
#   tests/lab/bench-report.sh tests/lab/runs/bench-*.latest/result
# Ends with machine-readable "bench: ..." lines.  Prints nothing when the
# input holds no bench lines.  Status 1 if a bench line reports a data
# mismatch or a failed fio verification.
set -u
[ $# -gt 0 ] || { echo "usage: bench-report.sh RESULT|CLIENT-LOG..." >&2; exit 2; }
for f; do
	[ -r "$f" ] || { echo "bench-report.sh: cannot read $f" >&2; exit 2; }
done

# bench-latency's paced format (issue 23: a setup line with levels=,
# rounds labelled by phase) goes to tests/lab/bench-latency.py, which
# compares the peers at equal load over every boot given (medians,
# bootstrap intervals, per-page measures) and writes the p99-against-load
# data next to the first input (plotted here with gnuplot, if installed);
# the awk below reads only the older closed-loop lines (and plots their
# CDF: DIR/bench-latency-cdf.dat and .svg).
# kv(LINE): fill the array v with the key=value words of LINE; every
# awk program below starts with it.
awk_kv='
function kv(line,    n, i, w, a) {
	delete v
	n = split(line, w, " ")
	for (i = 1; i <= n; i++)
		if ((a = index(w[i], "=")) > 1)
			v[substr(w[i], 1, a - 1)] = substr(w[i], a + 1)
}'

plotdir=${BENCH_PLOT_DIR:-$(dirname "$1")}
cdf=$plotdir/bench-latency-cdf.dat
rm -f "$cdf"
[ -w "$plotdir" ] || cdf=''

cat "$@" | tr -d '\r' | awk -v cdffile="$cdf" "$awk_kv"'
function ratio(a, b) { return (b > 0 && a != "") ? sprintf("%.2f", a / b) : "n/a" }
function mib(kib) { return sprintf("%.1f", kib / 1024) }

/^bench-latency: / {
	kv($0)
	# the paced format is bench-latency.py'"'"'s
	if ($2 == "setup" && ("levels" in v)) paced = 1
	if (paced) next
	if ($2 == "setup") {
		lsetup = sprintf("MemTotal %s MiB, 2 writers x %s MiB, probe %s MiB touched %s/s for %s s per round, order %s, %s, kernel %s",
			v["memtotal_mib"], v["writer_mib"], v["probe_mib"], v["rate"], v["secs"], v["order"], v["date"], v["kver"])
	} else if ($2 == "run") {
		p = v["peer"]
		if (!(p in lrounds)) lorder = lorder " " p
		lrounds[p]++
		lres[p] = lres[p] (lres[p] == "" ? "" : ",") v["result"] "/" v["status"]
		if (v["mismatches"] + 0 > 0 || v["result"] == "") bad = 1
		if (v["result"] == "FAIL" && v["status"] != 2) bad = 1
		if (v["result"] == "FAIL") next
		# a wedged round has no numbers (result/status says WEDGED)
		if (v["result"] == "WEDGED") next
		lok[p]++
		lfaults[p] += v["faults"]; lp50[p] += v["p50_us"]; lp99[p] += v["p99_us"]
		if (v["max_us"] + 0 > lmax[p]) lmax[p] = v["max_us"] + 0
		lel[p] += v["elapsed_s"]; lpg[p] += v["pswpin"] + v["pswpout"]; lcpu[p] += v["cpu_s"]
	} else if ($2 == "cdf") {
		# quantile-wise mean over the rounds of a peer: "us:q,us:q,..."
		p = v["peer"]; nq = split(v["points"], qp, ",")
		if (nq < 2) next
		cdfr[p]++
		for (i = 1; i <= nq; i++) {
			split(qp[i], uq, ":")
			cdfus[p, i] += uq[1]; cdfq[p, i] = uq[2]
		}
		cdfn[p] = nq
	}
	next
}

/^bench-(swap|pressure|fio): / {
	sc = substr($1, 1, length($1) - 1)
	kv($0)
	if ($2 == "setup" && sc == "bench-fio") {
		setup[sc] = sprintf("%s%s, kernel %s", ("memtotal_mib" in v) ? "client MemTotal " v["memtotal_mib"] " MiB, " : "", v["date"], v["kver"])
	} else if ($2 == "setup") {
		setup[sc] = sprintf("MemTotal %s MiB, ratio %s x MemTotal%s, order %s, %s, kernel %s",
			v["memtotal_mib"], v["ratio"],
			("procs" in v) ? ", " v["procs"] " procs" : ", 2 procs",
			v["order"], v["date"], v["kver"])
	} else if ($2 == "run") {
		p = v["peer"]
		key = sc SUBSEP p
		if (!(key in rounds)) order[sc] = order[sc] " " p
		rounds[key]++
		el[key] += v["elapsed_s"]; pin[key] += v["pswpin"]; pout[key] += v["pswpout"]
		oom[key] += v["oom_kill"]; kil[key] += v["killed"]; mis[key] += v["mismatches"]
		res[key] = res[key] (res[key] == "" ? "" : ",") v["result"] "/" v["status"]
		if (v["mismatches"] + 0 > 0 || v["result"] == "" ) bad = 1
		if (v["result"] == "FAIL" && v["status"] != 2) bad = 1
		mibpp[sc] = v["mib_per_proc"]; nprocs[sc] = v["procs"]
	} else if ($2 == "fio") {
		p = v["peer"]; b = v["bs"]
		if (!((b) in seenbs)) { seenbs[b] = 1; bslist = bslist " " b }
		if (!((p) in seenfp)) { seenfp[p] = 1; fiopeers = fiopeers " " p }
		if (v["verified"] != "yes") { bad = 1; fv[p, b] = "NOT VERIFIED"; next }
		wi[p, b] = v["write_iops"]; wk[p, b] = v["write_kibs"]
		ri[p, b] = v["read_iops"]; rk[p, b] = v["read_kibs"]; fv[p, b] = "verified"
	}
}

END {
	if (!("bench-swap" in order) && !("bench-pressure" in order) && fiopeers == "" && lorder == "")
		exit 0
	print ""
	print "=== benchmark: swapnet vs the kernel'"'"'s native NFSv3 swapfile (nfs) and NBD (nbd)"
	print "    same client and server boot per scenario; one swap area active at a time"
	sc = "bench-swap"
	if (sc in order) {
		print ""
		print "--- swap workload (bench-swap: memload, " nprocs[sc] " procs x " mibpp[sc] " MiB, write + verify linear + verify random)"
		if (sc in setup) print "    " setup[sc]
		print "    sums over the rounds of each peer; pages/s = (pswpin + pswpout) / elapsed"
		printf "    %-8s %6s %10s %9s %9s %9s %5s %10s  %s\n", "peer", "rounds", "elapsed_s", "pswpout", "pswpin", "pages/s", "oom", "mismatches", "result/status"
		n = split(substr(order[sc], 2), ps, " ")
		for (i = 1; i <= n; i++) {
			k = sc SUBSEP ps[i]
			rate[ps[i]] = el[k] > 0 ? (pin[k] + pout[k]) / el[k] : 0
			secs[ps[i]] = el[k]; ooms[ps[i]] = oom[k]
			printf "    %-8s %6d %10.1f %9d %9d %9.0f %5d %10d  %s\n", ps[i], rounds[k], el[k], pout[k], pin[k], rate[ps[i]], oom[k], mis[k], res[k]
		}
	}
	if (lorder != "") {
		print ""
		print "--- swap-in fault latency under a swap-out storm (bench-latency: faultlat, every page verified)"
		if (lsetup != "") print "    " lsetup
		print "    p50/p99: mean over the rounds; max: of all rounds; pages/s = (pswpin + pswpout) / elapsed;"
		print "    CPU/page: guest busy CPU (/proc/stat: user+nice+system+irq+softirq) / pages moved"
		printf "    %-14s %6s %7s %9s %9s %9s %9s %11s  %s\n", "peer", "rounds", "faults", "p50_us", "p99_us", "max_us", "pages/s", "cpu_us/page", "result/status"
		n = split(substr(lorder, 2), ps, " ")
		for (i = 1; i <= n; i++) {
			p = ps[i]; r = lok[p] + 0
			lq50[p] = r ? lp50[p] / r : ""; lq99[p] = r ? lp99[p] / r : ""
			lrate[p] = lel[p] > 0 ? lpg[p] / lel[p] : ""
			lcpp[p] = lpg[p] > 0 ? lcpu[p] * 1e6 / lpg[p] : ""
			if (r)
				printf "    %-14s %6d %7d %9.0f %9.0f %9.0f %9.0f %11.1f  %s\n", p, lrounds[p], lfaults[p], lq50[p], lq99[p], lmax[p], lrate[p], lcpp[p], lres[p]
			else	# every round failed or wedged: no numbers
				printf "    %-14s %6d %7s %9s %9s %9s %9s %11s  %s\n", p, lrounds[p], "-", "-", "-", "-", "-", "-", lres[p]
			if (p in cdfr)
				for (j = 1; j <= cdfn[p]; j++)
					printf "%s %.1f %.5f\n", p, cdfus[p, j] / cdfr[p], cdfq[p, j] > cdffile
		}
		if (cdffile != "") close(cdffile)
	}
	if (fiopeers != "") {
		print ""
		print "--- fio (randwrite, then every block read back and crc32c-verified in the same random order; libaio, direct, iodepth 16)"
		print "    nbd: /dev/nbd0; swapnet: /dev/swapnetN; nfs: the swapfile through the NFSv3 mount with O_DIRECT (no block device: closest equivalent)"
		if ("bench-fio" in setup) print "    " setup["bench-fio"]
		printf "    %-8s %4s %11s %11s %10s %10s  %s\n", "peer", "bs", "write IOPS", "write MiB/s", "read IOPS", "read MiB/s", "data"
		nf = split(substr(fiopeers, 2), fp, " "); nb = split(substr(bslist, 2), bl, " ")
		for (i = 1; i <= nf; i++)
			for (j = 1; j <= nb; j++)
				if ((fp[i], bl[j]) in fv)
					printf "    %-8s %4s %11d %11s %10d %10s  %s\n", fp[i], bl[j], wi[fp[i], bl[j]], mib(wk[fp[i], bl[j]]), ri[fp[i], bl[j]], mib(rk[fp[i], bl[j]]), fv[fp[i], bl[j]]
	}

	print ""
	print "--- ratios swapnet / peer"
	printf "    %-28s %12s %12s  %s\n", "metric", "swapnet/nfs", "swapnet/nbd", "better for swapnet"
	if ("bench-swap" in order) {
		row("swap elapsed time", secs["swapnet"], secs["nfs"], secs["nbd"], "< 1 (less time)", "swap_elapsed", "lower")
		row("swap pages/s", rate["swapnet"], rate["nfs"], rate["nbd"], "> 1 (faster)", "swap_pages_per_s", "higher")
	}
	if (lorder != "") {
		row("fault p50 latency", lq50["swapnet"], lq50["nfs"], lq50["nbd"], "< 1 (faster faults)", "fault_p50_us", "lower")
		row("fault p99 latency", lq99["swapnet"], lq99["nfs"], lq99["nbd"], "<= 0.5 is the goal", "fault_p99_us", "lower")
		row("fault max latency", lmax["swapnet"], lmax["nfs"], lmax["nbd"], "< 1", "fault_max_us", "lower")
		row("storm swap pages/s", lrate["swapnet"], lrate["nfs"], lrate["nbd"], ">= 1.2 vs nbd is the goal", "storm_pages_per_s", "higher")
		row("guest CPU per page", lcpp["swapnet"], lcpp["nfs"], lcpp["nbd"], "<= 1 vs nbd is the goal", "cpu_us_per_page", "lower")
		# variants of swapnet in the same run (swapnet-q16, swapnet-dl, ...):
		# against swapnet with the defaults
		n = split(substr(lorder, 2), ps, " ")
		for (i = 1; i <= n; i++) {
			p = ps[i]
			if (p !~ /^swapnet-/ || !(p in lok) || !("swapnet" in lok)) continue
			v50 = ratio(lq50[p], lq50["swapnet"]); v99 = ratio(lq99[p], lq99["swapnet"])
			vrate = ratio(lrate[p], lrate["swapnet"]); vcpp = ratio(lcpp[p], lcpp["swapnet"])
			printf "    %s/swapnet: p50 %s, p99 %s, pages/s %s, CPU/page %s\n", p, v50, v99, vrate, vcpp
			lines = lines sprintf("bench: ratio variant=%s/swapnet p50=%s p99=%s pages_per_s=%s cpu_per_page=%s\n", p, v50, v99, vrate, vcpp)
		}
	}
	for (j = 1; j <= nb; j++) {
		b = bl[j]
		row("fio " b " randwrite IOPS", wi["swapnet", b], wi["nfs", b], wi["nbd", b], "> 1 (more IOPS)", "fio_" b "_write_iops", "higher")
		row("fio " b " read-verify IOPS", ri["swapnet", b], ri["nfs", b], ri["nbd", b], "> 1 (more IOPS)", "fio_" b "_read_iops", "higher")
	}
	if (nb > 0)
		print "    (fio: one block size per row, so MiB/s ratios equal the IOPS ratios)"
	if (ooms["nfs"] + ooms["nbd"] + ooms["swapnet"] > 0)
		print "    note: OOM kills during the swap workload: a killed worker ends early, so its time is not comparable"

	sc = "bench-pressure"
	if (sc in order) {
		print ""
		print "--- pressure (bench-pressure: memload, " nprocs[sc] " procs x " mibpp[sc] " MiB): OOM kills per peer (fewer is better)"
		if (sc in setup) print "    " setup[sc]
		printf "    %-8s %5s %7s %10s %9s %9s %9s %10s  %s\n", "peer", "oom", "killed", "elapsed_s", "pswpout", "pswpin", "pages/s", "mismatches", "result/status"
		n = split(substr(order[sc], 2), ps, " ")
		for (i = 1; i <= n; i++) {
			k = sc SUBSEP ps[i]
			printf "    %-8s %5d %7d %10.1f %9d %9d %9.0f %10d  %s\n", ps[i], oom[k], kil[k], el[k], pout[k], pin[k], (el[k] > 0 ? (pin[k] + pout[k]) / el[k] : 0), mis[k], res[k]
			mlines = mlines sprintf("bench: pressure peer=%s oom_kills=%d killed=%d elapsed_s=%.1f mismatches=%d\n", ps[i], oom[k], kil[k], el[k], mis[k])
		}
	}
	print ""
	printf "%s", lines mlines
	if (bad) print "bench: DATA NOT VERIFIED (mismatch or fio verify failure): see the run logs"
	exit bad
}

# row LABEL SWAPNET NFS NBD HINT KEY BETTER: one ratio line, plus its
# machine-readable twin in "lines".
function row(label, s, nfs, nbd, hint, key, better,    a, b) {
	a = ratio(s, nfs); b = ratio(s, nbd)
	if (a == "n/a" && b == "n/a") return
	printf "    %-28s %12s %12s  %s\n", label, a, b, hint
	lines = lines sprintf("bench: ratio %s swapnet/nfs=%s swapnet/nbd=%s better=%s\n", key, a, b, better)
}
'
rc=$?
if [ -n "$cdf" ] && [ -s "$cdf" ]; then
	svg=${cdf%.dat}.svg
	if command -v gnuplot >/dev/null; then
		peers=$(awk '!s[$1]++ {print $1}' "$cdf")
		plots=''
		for p in $peers; do
			plots="$plots${plots:+, }'< grep \"^$p \" $cdf' using 2:3 with linespoints title '$p'"
		done
		gnuplot -e "set terminal svg size 720,440; set output '$svg';
			set title 'swap-in fault latency under a swap-out storm (CDF, mean over rounds)';
			set logscale x; set xlabel 'major fault latency (us)'; set ylabel 'fraction of faults';
			set yrange [0:1]; set key bottom right; set grid; plot $plots" &&
			echo "bench: plot latency_cdf=$svg"
	else
		echo "bench: plot latency_cdf=none (no gnuplot; data in $cdf)"
	fi
fi

# bench-latency's paced comparison, over every boot given, per kernel.
if grep -qs '^bench-latency: setup .* levels=' "$@"; then
	pdir=$plotdir
	[ -w "$pdir" ] || pdir=$(mktemp -d)
	python3 "$(dirname "$0")/bench-latency.py" --plot-dir "$pdir" "$@" | tee "$pdir/bench-latency.txt"
	[ "${PIPESTATUS[0]}" = 0 ] || rc=1
	for dat in "$pdir"/bench-latency-cdf-*.dat; do
		[ -s "$dat" ] || continue
		command -v gnuplot >/dev/null || { echo "bench: plot cdf=none (no gnuplot; data in $dat)"; continue; }
		plots=''
		while read -r p; do
			plots="$plots${plots:+, }'< grep \"^$p fault \" $dat' using 4:3 with lines title '$p per fault', '< grep \"^$p corrected \" $dat' using 4:3 with lines dashtype 2 title '$p corrected'"
		done < <(awk '!s[$1]++ {print $1}' "$dat")
		gnuplot -e "set terminal svg size 720,440; set output '${dat%.dat}.svg';
			set title 'swap-in fault latency CDF, ${dat##*/bench-latency-cdf-} (median over rounds)';
			set logscale x; set xlabel 'major fault latency (us)'; set ylabel 'fraction of faults';
			set yrange [0:1]; set key bottom right; set grid; plot $plots" 2>/dev/null &&
			echo "bench: plot cdf=${dat%.dat}.svg"
	done
	for dat in "$pdir"/bench-latency-p99-*.dat; do
		[ -s "$dat" ] || continue
		if command -v gnuplot >/dev/null; then
			plots=''
			while read -r p; do
				plots="$plots${plots:+, }'< grep \"^$p \" $dat' using 2:3 with linespoints title '$p per fault', '< grep \"^$p \" $dat' using 2:4 with linespoints dashtype 2 title '$p corrected'"
			done < <(awk '!s[$1]++ {print $1}' "$dat")
			gnuplot -e "set terminal svg size 720,440; set output '${dat%.dat}.svg';
				set title 'swap-in fault p99 against load (median over rounds and boots)';
				set xlabel 'storm load (fraction of the slowest peer''s maximum)'; set ylabel 'p99 (us)';
				set logscale y; set key top left; set grid; plot $plots" 2>/dev/null &&
				echo "bench: plot p99_vs_load=${dat%.dat}.svg"
		else
			echo "bench: plot p99_vs_load=none (no gnuplot; data in $dat)"
		fi
	done
fi

# bench-zswap (zswap in front of swapnet): its own section and ratios
# zswap on / off for time, network bytes and pages written to swapnet.
cat "$@" | tr -d '\r' | awk "$awk_kv"'
function ratio(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "n/a" }
/^bench-zswap: setup / {
	kv($0)
	setup = sprintf("MemTotal %s MiB, ratio %s x MemTotal, %s procs, compressible %s, compressor %s, zpool %s, max_pool_percent %s, order %s, %s, kernel %s",
		v["memtotal_mib"], v["ratio"], v["procs"], v["compressible"], v["compressor"], v["zpool"], v["max_pool_percent"], v["order"], v["date"], v["kver"])
}
/^bench-zswap: run / {
	kv($0)
	z = v["zswap"]
	if (!(z in n)) order = order " " z
	n[z]++
	el[z] += v["elapsed_s"]; out[z] += v["pswpout_dev"]; in_[z] += v["pswpin_dev"]
	tx[z] += v["tx_bytes"]; rx[z] += v["rx_bytes"]; st[z] += v["stored_pages_max"]
	wb[z] += v["written_back_pages"]; zo[z] += v["zswpout"]
	res[z] = res[z] (res[z] == "" ? "" : ",") v["result"] "/" v["status"]
	if (v["mismatches"] + 0 > 0 || v["result"] == "") bad = 1
	if (v["result"] == "FAIL" && v["status"] != 2) bad = 1
}
END {
	if (order == "") exit 0
	print ""
	print "--- zswap in front of swapnet (bench-zswap: memload -z 0.75, write + verify linear + verify random)"
	if (setup != "") print "    " setup
	print "    sums over the rounds; pswpout/pswpin: pages to/from swapnet; MiB: client eth0 tx/rx; stored: peak zswap stored_pages"
	printf "    %-6s %6s %10s %9s %9s %9s %9s %9s %9s %9s  %s\n", "zswap", "rounds", "elapsed_s", "pswpout", "pswpin", "tx_MiB", "rx_MiB", "zswpout", "stored", "wrt_back", "result/status"
	m = split(substr(order, 2), zs, " ")
	for (i = 1; i <= m; i++) {
		z = zs[i]
		printf "    %-6s %6d %10.1f %9d %9d %9.1f %9.1f %9d %9d %9d  %s\n", z, n[z], el[z], out[z], in_[z], tx[z] / 1048576, rx[z] / 1048576, zo[z], st[z], wb[z], res[z]
	}
	printf "    ratios on/off: elapsed %s (< 1: faster), network bytes %s (< 1: less traffic), pages to swapnet %s\n",
		ratio(el["on"], el["off"]), ratio(tx["on"] + rx["on"], tx["off"] + rx["off"]), ratio(out["on"], out["off"])
	printf "bench: ratio zswap_on/off elapsed=%s net_bytes=%s tx_bytes=%s rx_bytes=%s pswpout=%s better=lower\n",
		ratio(el["on"], el["off"]), ratio(tx["on"] + rx["on"], tx["off"] + rx["off"]), ratio(tx["on"], tx["off"]), ratio(rx["on"], rx["off"]), ratio(out["on"], out["off"])
	if (bad) print "bench: DATA NOT VERIFIED (bench-zswap mismatch): see the run logs"
	exit bad
}
' || rc=1

# bench-verify (issue 22): what verified swap-in costs.  CPU per page
# swapped with verify on / off for each pair of rounds (1-2, 3-4, ...,
# one of each setting, both verified), from the guest's /proc/stat and
# from the host CPU of both QEMU guests (the marks bench-verify.rN.t0/.t1
# of each result file); the "verify cost" line gives the median ratio
# and its range over the pairs of every file given.
awk "$awk_kv"'
# med(A, N): the median of A[1..N], which it sorts
function med(a, n,    i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function verdict(lo, hi) {
	return hi <= 1.05 ? "within 5 % in every pair" : lo > 1.05 ? "over 5 % in every pair" : "the pairs straddle 1.05"
}
{ sub(/\r$/, "") }
FNR == 1 { f++ }
/^host_cpu_s mark=bench-verify\.r[0-9]+\.t[01] / {
	kv($0)
	hs[f, v["mark"]] = v["server"]; hc[f, v["mark"]] = v["client"]
	next
}
/^bench-verify: setup / {
	kv($0)
	# crc32c: the guest kernel one (crc32c-intel: the crc32 instruction, which
	# TCG emulates bit by bit; a software one: lab-cpu max,-sse4.2, an
	# upper bound for hardware with SSE4.2)
	v_crc = v["crc32c"]
	vcrc = v["crc32c"] (("crc32c_impl" in v) && v["crc32c_impl"] != v["crc32c"] ? " (" v["crc32c_impl"] ")" : "")
	vsse = ("sse4_2" in v) ? v["sse4_2"] : "?"
	setup = sprintf("MemTotal %s MiB, ratio %s x MemTotal, %s procs, random %s, order %s, crc32c %s, sse4_2 %s, %s, kernel %s",
		v["memtotal_mib"], v["ratio"], v["procs"], v["random_fraction"], v["order"], vcrc, vsse, v["date"], v["kver"])
}
/^bench-verify: run / {
	kv($0)
	if (v["mismatches"] + 0 > 0 || v["result"] == "") bad = 1
	if (v["result"] == "FAIL" && v["status"] != 2) bad = 1
}
/^bench-verify: cpu / {
	kv($0)
	n++
	rf[n] = f; rn[n] = v["round"]; rv[n] = v["verify"]; rst[n] = v["status"]; rp[n] = v["pages"]
	# from the jiffies (USER_HZ 100): the runs of 2026-12-07 19:21 have
	# an empty cpu_us_per_page
	rel[n] = v["elapsed_cs"] / 100
	rg[n] = v["pages"] > 0 ? sprintf("%.1f", v["cpu_jiffies"] * 1e6 / (("hz" in v) ? v["hz"] : 100) / v["pages"]) : ""
	t0 = v["mark"] ".t0"; t1 = v["mark"] ".t1"
	rh[n] = rhc[n] = ""
	if ((f, t0) in hs && (f, t1) in hs && v["pages"] > 0) {
		rhc[n] = (hc[f, t1] - hc[f, t0]) * 1e6 / v["pages"]
		rh[n] = rhc[n] + (hs[f, t1] - hs[f, t0]) * 1e6 / v["pages"]
	}
	pr = f SUBSEP int((v["round"] + 1) / 2)
	if (v["status"] == 0 && v["pages"] > 0) pi[pr, v["verify"]] = n
	if (!(pr in seen)) { seen[pr] = 1; pl[++np] = pr }
}
END {
	if (n == 0) exit bad
	print ""
	print "--- verified swap-in: CPU per page with verify on and off (bench-verify: memload, pages = pswpout + pswpin)"
	if (setup != "") print "    " setup
	print "    guest: busy CPU from the client'"'"'s /proc/stat; host: both QEMU guests'"'"' host CPU (utime + stime), and the client'"'"'s alone"
	printf "    %5s %6s %9s %9s %10s %10s %10s  %s\n", "round", "verify", "pages", "elapsed_s", "guest_us/pg", "host_us/pg", "client_us/pg", "status"
	for (i = 1; i <= n; i++)
		printf "    %5s %6s %9d %9.1f %10s %10s %10s  %s\n", (f > 1 ? rf[i] "." : "") rn[i], rv[i], rp[i], rel[i], rg[i],
			rh[i] == "" ? "-" : sprintf("%.1f", rh[i]), rhc[i] == "" ? "-" : sprintf("%.1f", rhc[i]), rst[i]
	m = mh = mc = 0
	for (j = 1; j <= np; j++) {
		if (!((pl[j], "on") in pi) || !((pl[j], "off") in pi)) continue
		a = pi[pl[j], "on"]; b = pi[pl[j], "off"]
		if (rg[b] > 0) g[++m] = rg[a] / rg[b]
		if (rh[a] != "" && rh[b] > 0) h[++mh] = rh[a] / rh[b]
		if (rhc[a] != "" && rhc[b] > 0) cq[++mc] = rhc[a] / rhc[b]
	}
	if (m == 0) {
		print "    verify cost: none (no pair of rounds verified in both settings)"
		print "bench: verify_cost pairs=0"
		exit bad
	}
	gm = med(g, m)
	printf "    verify cost: CPU per page on/off, guest %.3f (median of %d pairs, %.3f..%.3f): %s", gm, m, g[1], g[m], verdict(g[1], g[m])
	if (mh) {
		hm = med(h, mh)
		printf "; host %.3f (%.3f..%.3f): %s", hm, h[1], h[mh], verdict(h[1], h[mh])
	}
	if (mc) {
		cm = med(cq, mc)
		printf "; client host %.3f (%.3f..%.3f)", cm, cq[1], cq[mc]
	}
	print "; goal <= 1.05"
	printf "bench: verify_cost pairs=%d guest_on_off=%.3f guest_min=%.3f guest_max=%.3f", m, gm, g[1], g[m]
	if (vcrc != "") printf " crc32c=%s sse4_2=%s", v_crc, vsse
	if (mh) printf " host_on_off=%.3f host_min=%.3f host_max=%.3f", hm, h[1], h[mh]
	if (mc) printf " client_host_on_off=%.3f client_host_min=%.3f client_host_max=%.3f", cm, cq[1], cq[mc]
	print " goal=1.05 better=lower"
	if (bad) print "bench: DATA NOT VERIFIED (bench-verify mismatch): see the run logs"
	exit bad
}
' "$@" || rc=1

# bench-verify's confidence (tests/lab/bench-verify.py): per kernel and
# guest crc32c, the median on/off ratio over pairs of every boot given,
# with a 95 % bootstrap interval, for the host CPU of both guests, of the
# client QEMU and the guest's /proc/stat, and the goal's verdict on it.
if grep -qs '^bench-verify: cpu ' "$@"; then
	python3 "$(dirname "$0")/bench-verify.py" "$@" || rc=1
fi

exit $rc

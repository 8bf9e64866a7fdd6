#!/usr/bin/env python3
"""The SPEC §10 table of `make bench`: reads one run's raw results (bench/results/raw-<time>/:
raw.jsonl from wrk, frontier.jsonl from bench/fixedrate, streams.jsonl from bench/StreamBench,
meta.json), prints the table and writes bench/results/spec10-<time>.json beside the folder.

Every cell is the median over the run's interleaved rounds; an added latency is taken per round
(the target's percentile minus direct's in the same round) before the median. Exits 1 when a check
fails (an error, a lost audit row); a missed target is reported only, since it depends on the
machine.

usage: spec10.py RAW_DIR"""
import json
import os
import statistics
import sys

TARGETS = {"added_p50_c1_ms": 0.1, "added_p99_c1_ms": 0.3, "added_p50_c4_ms": 0.3,
           "vs_nginx_c64": 0.6, "stream_rss_growth": 0.10,
           "stream_added_ttft_ms": 1.0, "stream_added_gap_p99_ms": 1.0, "streams_none_stalled": 1000,
           "idle_rss_mb": 40, "startup_ms": 150}


def jsonl(path):
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip()]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def wrk_cells(raw, target, conns):
    return [r for r in raw if r["target"] == target and r["connections"] == conns
            and r["mode"] == "plain"]


def added(raw, target, conns, p):
    base = {r["round"]: r["result"]["latency_us"][p] for r in wrk_cells(raw, "direct", conns)}
    return med([(r["result"]["latency_us"][p] - base[r["round"]]) / 1000
                for r in wrk_cells(raw, target, conns) if r["round"] in base])


def rps(r):
    return r["result"]["requests"] * 1e6 / r["result"]["duration_us"]


def cpu_us(r, ticks):
    return r["proxy_cpu_ticks"] / ticks * 1e6 / max(1, r["result"]["requests"])


def frontier(rows, target, limit_ms):
    ok = [r["rate"] for r in rows if r["target"] == target
          and r["result"]["latency_ms"]["p99"] < limit_ms and r["result"]["errors"] == 0
          and r["result"]["achieved"] >= 0.95 * r["rate"]]
    return max(ok) if ok else 0


def stream_cells(rows, target, phase):
    return [r["result"] for r in rows if r["target"] == target and r["phase"] == phase]


def most_streams(rows, target):
    ok = [r["streams"] for r in rows if r["target"] == target
          and r["result"]["failed"] == 0 and r["result"]["stalled"] == 0]
    return max(ok) if ok else 0


def main():
    folder = sys.argv[1]
    raw = jsonl(os.path.join(folder, "raw.jsonl"))
    front = jsonl(os.path.join(folder, "frontier.jsonl"))
    streams = jsonl(os.path.join(folder, "streams.jsonl"))
    meta = json.load(open(os.path.join(folder, "meta.json")))
    ticks = meta["clock_ticks"]
    table, checks = [], []

    def line(name, direct, nginx, gateway, target="", verdict=""):
        table.append((name, direct, nginx, gateway, target, verdict))

    def verdict(ok, miss):
        return "met" if ok else f"**missed** by {miss}"

    # A busy machine shows in the simulator's own tail: past 2 ms at one connection (it answers
    # in 0.04 ms), added tails and the frontier measure the other work, not the gateway.
    direct_p99 = med([r["result"]["latency_us"]["p99"] / 1000 for r in wrk_cells(raw, "direct", 1)])
    busy = direct_p99 > 2.0
    unmeasurable = f"not measurable here (direct's own p99 {direct_p99:.1f} ms: a busy machine)"
    for p, key in (("p50", "added_p50_c1_ms"), ("p99", "added_p99_c1_ms")):
        d = med([r["result"]["latency_us"][p] / 1000 for r in wrk_cells(raw, "direct", 1)])
        n, g = added(raw, "nginx", 1, p), added(raw, "gateway", 1, p)
        line(f"added {p} at 1 connection, ms", f"{d:.3f} (itself)", f"{n:+.3f}", f"{g:+.3f}",
             f"<= {TARGETS[key]}", unmeasurable if busy and p == "p99" else
             verdict(g <= TARGETS[key], f"{g - TARGETS[key]:.3f} ms"))
    if all(wrk_cells(raw, t, 4) for t in ("direct", "nginx", "gateway")):
        d = med([r["result"]["latency_us"]["p50"] / 1000 for r in wrk_cells(raw, "direct", 4)])
        n, g = added(raw, "nginx", 4, "p50"), added(raw, "gateway", 4, "p50")
        goal = TARGETS["added_p50_c4_ms"]
        line("added p50 at 4 connections, ms", f"{d:.3f} (itself)", f"{n:+.3f}", f"{g:+.3f}",
             f"<= {goal}", verdict(g <= goal, f"{g - goal:.3f} ms"))
    high = max((r["connections"] for r in raw), default=64)
    cells = {t: wrk_cells(raw, t, high) for t in ("direct", "nginx", "gateway")}
    rate = {t: med([rps(r) for r in cs]) for t, cs in cells.items()}
    ratio = med([rps(g) / rps(n) for g in cells["gateway"] for n in cells["nginx"]
                 if g["round"] == n["round"]])
    line(f"req/s at {high} connections", f"{rate['direct']:,.0f}", f"{rate['nginx']:,.0f}",
         f"{rate['gateway']:,.0f} ({ratio:.2f} of nginx)", f">= {TARGETS['vs_nginx_c64']} of nginx",
         verdict(ratio >= TARGETS["vs_nginx_c64"], f"{TARGETS['vs_nginx_c64'] - ratio:.2f}"))
    cpu = {t: med([cpu_us(r, ticks) for r in cs]) for t, cs in cells.items()}
    # The gateway's CPU by thread (older raw files have no split): with inline scheduling the
    # pool threads run the audit writer, the socket threads the requests.
    pool = [r["proxy_thread_ticks"].get(".NET TP Worker", 0) / ticks * 1e6
            / max(1, r["result"]["requests"]) for r in cells["gateway"] if "proxy_thread_ticks" in r]
    split = (f" (pool threads, the audit writer when requests run inline: {med(pool):.0f})"
             if pool else "")
    line(f"CPU per request at {high} connections, µs", f"{cpu['direct']:.0f}",
         f"{cpu['nginx']:.0f}", f"{cpu['gateway']:.0f}{split}", "reported")
    for limit in (1, 5, 10):
        f = {t: frontier(front, t, limit) for t in ("direct", "nginx", "gateway")}
        line(f"frontier: highest fixed rate with p99 < {limit} ms, req/s", f"{f['direct']:,}",
             f"{f['nginx']:,}", f"{f['gateway']:,}", "reported beside nginx",
             unmeasurable if busy else "")
    s64 = {t: stream_cells(streams, t, "64") for t in
           ("direct-stream", "nginx-stream", "gateway-stream")}
    ttft = {t: med([x["ttfb_ms"]["p50"] for x in xs if x["ttfb_ms"]["count"]])
            for t, xs in s64.items()}
    gap = {t: med([x["gap_ms"]["p99"] for x in xs if x["gap_ms"]["count"]])
           for t, xs in s64.items()}
    for name, values, key in (("stream TTFT p50 at 64 streams, ms", ttft, "stream_added_ttft_ms"),
                              ("stream p99 gap between chunks at 64 streams, ms", gap,
                               "stream_added_gap_p99_ms")):
        base = values["direct-stream"]
        n, g = values["nginx-stream"] - base, values["gateway-stream"] - base
        line(name, f"{base:.2f}", f"{values['nginx-stream']:.2f} ({n:+.2f})",
             f"{values['gateway-stream']:.2f} ({g:+.2f})", f"added <= {TARGETS[key]}",
             verdict(g <= TARGETS[key], f"{g - TARGETS[key]:.2f} ms"))
    most = {t: most_streams(streams, t) for t in ("direct-stream", "gateway-stream")}
    tried = max((r["streams"] for r in streams), default=0)
    goal = TARGETS["streams_none_stalled"]
    line("most concurrent streams, none stalled or failed", f"{most['direct-stream']:,}", "",
         f"{most['gateway-stream']:,} (tried up to {tried:,})", f">= {goal:,}",
         verdict(most["gateway-stream"] >= goal, f"{goal - most['gateway-stream']:,} streams"))
    # Steady memory: through the gateway at the most streams it held, RSS at the end of the run
    # within a tenth of RSS at mid-run (sampled each second; the highest of the run beside them).
    held = [r["result"] for r in streams if r["target"] == "gateway-stream"
            and r["streams"] == most["gateway-stream"] and r["result"].get("rss_mid_kb")]
    if held:
        x = held[-1]
        mid, end, peak = (x[k] / 1024 for k in ("rss_mid_kb", "rss_end_kb", "rss_max_kb"))
        growth = end / mid - 1
        goal = TARGETS["stream_rss_growth"]
        line(f"gateway RSS at {most['gateway-stream']:,} streams: mid-run -> end (max), MiB",
             "", "", f"{mid:.0f} -> {end:.0f} ({peak:.0f})", f"growth <= {goal:.0%}",
             verdict(growth <= goal, f"{growth - goal:.0%}"))
    idle = meta["gateway"]["idle_rss_kb"] / 1024
    line("idle RSS, MiB", "", "", f"{idle:.1f}", f"<= {TARGETS['idle_rss_mb']}",
         verdict(idle <= TARGETS["idle_rss_mb"], f"{idle - TARGETS['idle_rss_mb']:.1f} MiB"))
    start = meta["startup"]["median_ms"]
    line("start-up to first served request, ms", "", "", f"{start:.1f}",
         f"<= {TARGETS['startup_ms']}",
         verdict(start <= TARGETS["startup_ms"], f"{start - TARGETS['startup_ms']:.0f} ms"))

    errors = sum(sum(r["result"]["errors"].values()) for r in raw)
    errors += sum(r["result"]["errors"] for r in front if r["target"] != "direct"
                  and r["result"]["achieved"] >= 0.95 * r["rate"])
    checks.append(("zero errors at the sustained rates (wrk, fixed rates sustained)", errors == 0,
                   f"{errors} errors"))
    for gw in ("gateway", "gateway-stream"):
        g = meta.get(gw)
        if g:
            ok = g["audit_rows"] >= g["requests_sent"] and g["failed"] == 0 and g["exit_status"] == 0
            checks.append((f"{gw}: no audit row lost (rows >= requests completed)", ok,
                           f"rows={g['audit_rows']} completed={g['requests_sent']} "
                           f"failed={g['failed']} exit={g['exit_status']} "
                           f"queue peak={g['queue_peak']} waits={g['submit_waits']}"))

    print(f"\nSPEC §10 (commit {meta.get('commit')}, load average {meta.get('loadavg_before')} "
          f"before, {meta.get('loadavg_after')} after; {meta.get('rounds')} rounds, medians)")
    print("| measure | direct | nginx | gateway | target | verdict |")
    print("|---|---:|---:|---:|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")
    print("\nChecks:")
    for name, ok, detail in checks:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}: {detail}")
    out = os.path.join(os.path.dirname(folder.rstrip("/")),
                       "spec10-" + os.path.basename(folder.rstrip("/"))[4:] + ".json")
    with open(out, "w") as f:
        json.dump({"meta": meta, "table": [dict(zip(("measure", "direct", "nginx", "gateway",
                                                      "target", "verdict"), r)) for r in table],
                   "checks": [{"name": n, "ok": ok, "detail": d} for n, ok, d in checks]},
                  f, indent=2)
        f.write("\n")
    print(f"results: {out} (raw: {folder})")
    sys.exit(0 if all(ok for _, ok, _ in checks) else 1)


main()

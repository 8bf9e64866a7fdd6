#!/usr/bin/env python3
"""The analysis step of `make bench` and `make bench-stream`: reads the raw measurements, checks
them (errors, lost audit rows), compares them with SPEC §10, prints one table and writes
bench/results/<kind>-<UTC time>.json plus latest.json (proxy) or latest-stream.json (stream).

usage: analyze.py proxy RAW.jsonl META.json RESULTS_DIR
       analyze.py stream RESULT.json RESULTS_DIR
Exits 1 when a check fails (an error or a lost audit row); a missed SPEC target is reported only,
since it depends on the machine.
"""
import datetime
import json
import os
import platform
import sys

MS = 1000.0  # wrk reports microseconds
SPEC = {"added_p50_ms": 0.1, "added_p99_ms": 0.3, "throughput_vs_nginx": 0.60,
        "idle_rss_mb": 40, "startup_ms": 150, "stream_ttfb_added_ms": 1.0}


def load_runs(path):
    runs = []
    with open(path) as f:
        for line in f:
            if line.strip():
                runs.append(json.loads(line))
    return runs


def errors_of(result):
    return sum(result["errors"].values())


def rps_of(result):
    return result["requests"] / (result["duration_us"] / 1e6)


def cell(run):
    return run["mode"], run["connections"], run["target"]


def best_of_rounds(runs):
    """Per cell, the round with the most requests/s (the least disturbed by other work); errors of
    every round of the cell are added up so none is hidden."""
    cells = {}
    for run in runs:
        cells.setdefault(cell(run), []).append(run)
    best = {}
    for key, group in cells.items():
        chosen = dict(max(group, key=lambda x: rps_of(x["result"])))
        chosen["all_errors"] = sum(errors_of(x["result"]) + errors_of(x["warmup"]) for x in group)
        chosen["rounds_rps"] = [round(rps_of(x["result"]), 1) for x in group]
        best[key] = chosen
    return best


def row(run, by_key, ticks_per_s):
    r = run["result"]
    key = (run["mode"], run["connections"])
    nginx, direct = by_key[key + ("nginx",)]["result"], by_key[key + ("direct",)]["result"]
    rps, nginx_rps = rps_of(r), rps_of(nginx)
    lat = r["latency_us"]
    cpu_us = run["proxy_cpu_ticks"] / ticks_per_s * 1e6 / r["requests"] if r["requests"] else None
    return {
        "mode": run["mode"], "connections": run["connections"], "target": run["target"],
        "requests": r["requests"], "rps": round(rps, 1), "rounds_rps": run["rounds_rps"],
        "cpu_us_per_request": round(cpu_us, 1) if cpu_us is not None else None,
        "sim_cpu_us_per_request": round(run["sim_cpu_ticks"] / ticks_per_s * 1e6 / r["requests"], 1)
        if r["requests"] else None,
        "p50_ms": lat["p50"] / MS, "p90_ms": lat["p90"] / MS, "p99_ms": lat["p99"] / MS,
        "max_ms": lat["max"] / MS, "mean_ms": round(lat["mean"] / MS, 3),
        "vs_nginx": round(rps / nginx_rps, 3) if nginx_rps else None,
        "added_p50_ms": round((lat["p50"] - direct["latency_us"]["p50"]) / MS, 3),
        "added_p99_ms": round((lat["p99"] - direct["latency_us"]["p99"]) / MS, 3),
        "errors": run["all_errors"], "error_detail": r["errors"],
    }


ORDER = ["direct", "nginx", "gateway", "gateway-nobodies", "cache-hit", "cache-miss"]
GATEWAYS = ["gateway", "gateway-nobodies", "gateway-cache", "gateway-stream"]


def order_key(x):
    target = ORDER.index(x["target"]) if x["target"] in ORDER else len(ORDER)
    return (x["mode"], x["connections"], target)


def proxy_table(rows):
    head = ("| mode | conns | target | req/s | p50 ms | p99 ms | max ms | vs nginx | +p50 ms | +p99 ms "
            "| CPU µs/req | errors |\n"
            "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [head]
    for x in sorted(rows, key=order_key):
        lines.append(f"| {x['mode']} | {x['connections']} | {x['target']} | {x['rps']:,.0f} | {x['p50_ms']:.3f} | "
                     f"{x['p99_ms']:.3f} | {x['max_ms']:.2f} | {x['vs_nginx']:.2f} | "
                     f"{x['added_p50_ms']:+.3f} | {x['added_p99_ms']:+.3f} | {x['cpu_us_per_request']:.0f} | "
                     f"{x['errors']} |")
    return "\n".join(lines)


def audit_checks(name, g):
    rows, sent, slack = g["audit_rows"], g["requests_sent"], g["max_cut_off"]
    return [
        (f"{name}: exit status 0 after SIGTERM", g["exit_status"] == 0, str(g["exit_status"])),
        (f"{name}: no audit write failed", g["failed"] == 0, f"failed={g['failed']}"),
        (f"{name}: rows in SQLite = rows the writer reported", g["written"] == rows,
         f"written={g['written']} rows={rows}"),
        (f"{name}: no lost audit row (rows >= requests wrk completed)", rows >= sent,
         f"rows={rows} completed={sent} (+ at most {slack} cut off when wrk stopped)"),
        (f"{name}: no phantom rows (rows <= completed + cut off)", rows <= sent + slack,
         f"rows={rows} bound={sent + slack}"),
    ]


def pick(rows, mode, conns, target):
    return next(x for x in rows if (x["mode"], x["connections"], x["target"]) == (mode, conns, target))


def proxy_targets(rows, meta):
    low = min(x["connections"] for x in rows)
    high = max(x["connections"] for x in rows)
    out = []
    for mode in sorted({x["mode"] for x in rows}):
        g_low, g_high = pick(rows, mode, low, "gateway"), pick(rows, mode, high, "gateway")
        out += [
            (f"added p50 over direct, {mode}, c={low}", f"<= {SPEC['added_p50_ms']} ms",
             f"{g_low['added_p50_ms']:.3f} ms", g_low["added_p50_ms"] <= SPEC["added_p50_ms"]),
            (f"added p99 over direct, {mode}, c={low}", f"<= {SPEC['added_p99_ms']} ms",
             f"{g_low['added_p99_ms']:.3f} ms", g_low["added_p99_ms"] <= SPEC["added_p99_ms"]),
            (f"throughput, bodies on, vs nginx, {mode}, c={high}", f">= {SPEC['throughput_vs_nginx']:.0%}",
             f"{g_high['vs_nginx']:.0%}", g_high["vs_nginx"] >= SPEC["throughput_vs_nginx"]),
        ]
    idle_mb = meta["gateway"]["idle_rss_kb"] / 1024
    out.append(("idle RSS", f"<= {SPEC['idle_rss_mb']} MiB", f"{idle_mb:.1f} MiB", idle_mb <= SPEC["idle_rss_mb"]))
    start = meta["startup"]["median_ms"]
    out.append(("start-up to first served request (median)", f"<= {SPEC['startup_ms']} ms", f"{start:.1f} ms",
                start <= SPEC["startup_ms"]))
    return out


def proxy(raw_path, meta_path, results_dir):
    runs = load_runs(raw_path)
    with open(meta_path) as f:
        meta = json.load(f)
    by_key = best_of_rounds(runs)
    rows = [row(r, by_key, meta["clock_ticks"]) for r in by_key.values()]
    checks = [("zero errors (non-2xx, socket errors, timeouts) in every wrk run",
               all(x["errors"] == 0 for x in rows), f"{sum(x['errors'] for x in rows)} errors")]
    for name in GATEWAYS:
        if name in meta:
            checks += audit_checks(name, meta[name])
    if "gateway-cache" in meta and any(x["target"] == "cache-hit" for x in rows):
        g = meta["gateway-cache"]
        checks.append(("gateway-cache: the repeated request was served from the cache", g["cache_hit_rows"] > 0,
                       f"hit rows={g['cache_hit_rows']} of {g['audit_rows']}"))
    targets = proxy_targets(rows, meta)
    print(proxy_table(rows))
    print()
    print(memory_lines(meta))
    print(cache_lines(rows))
    report("proxy", {"settings": settings(meta), "runs": sorted(rows, key=order_key), "all_rounds": runs,
                     "startup": meta["startup"], "writer": meta.get("writer"),
                     **{name: meta[name] for name in GATEWAYS if name in meta}},
           checks, targets, results_dir, "latest.json")
    return all(ok for _, ok, _ in checks)


def cache_lines(rows):
    out = []
    for x in sorted(rows, key=order_key):
        if x["target"] != "cache-hit":
            continue
        miss = [y for y in rows if (y["mode"], y["connections"], y["target"]) == (x["mode"], x["connections"], "cache-miss")]
        plain = [y for y in rows if (y["mode"], y["connections"], y["target"]) == (x["mode"], x["connections"], "gateway")]
        line = f"cache, {x['mode']} c={x['connections']}: hit p50 {x['p50_ms']:.3f} ms / p99 {x['p99_ms']:.3f} ms"
        if miss:
            line += f"; miss p50 {miss[0]['p50_ms']:.3f} ms / p99 {miss[0]['p99_ms']:.3f} ms"
        if plain:
            line += f"; no cache p50 {plain[0]['p50_ms']:.3f} ms"
        out.append(line)
    return "\n".join(out)


def memory_lines(meta):
    out = []
    for name in GATEWAYS:
        if name not in meta:
            continue
        g = meta[name]
        rows_per_tx = g["written"] / g["transactions"] if g.get("transactions") else None
        out.append(f"{name}: idle RSS {g['idle_rss_kb'] / 1024:.1f} MiB, after load {g['rss_after_load_kb'] / 1024:.1f}"
                   f" MiB, peak (VmHWM) {g['peak_rss_kb'] / 1024:.1f} MiB; audit rows {g['audit_rows']}"
                   f" for {g['requests_sent']} completed requests; writer: {g.get('transactions')} transactions"
                   + (f" ({rows_per_tx:.0f} rows each)" if rows_per_tx else "")
                   + f", queue peak {g.get('queue_peak')} of 4096, {g.get('submit_waits')} waits for room;"
                   f" log lines {g['log_lines']}")
    s = meta["startup"]
    out.append(f"start-up to first served /healthz: median {s['median_ms']:.1f} ms of {s['samples_ms']}")
    w = meta.get("writer")
    if w:
        out.append(f"audit writer alone (JIT, bench/AllocBench): {w['rows_per_s']:,} rows/s committed"
                   f" ({w['rows']} rows with bodies in {w['transactions']} transactions, {w['failed']} failed)")
    return "\n".join(out)


def settings(meta):
    keys = ("loadavg_before", "loadavg_after", "rounds", "gateway_env", "duration_s", "warmup_s", "wrk_threads", "cpus", "commit", "nginx")
    return {k: meta[k] for k in keys if k in meta}


def stream(result_path, results_dir):
    with open(result_path) as f:
        data = json.load(f)
    checks = [
        ("every stream completed (direct and gateway)", data["direct"]["failed"] == 0 and data["gateway"]["failed"] == 0,
         f"direct failed={data['direct']['failed']} gateway failed={data['gateway']['failed']}"),
        ("gateway exit status 0 after SIGTERM", data["exit_status"] == 0, str(data["exit_status"])),
        ("no lost audit row", data["audit_rows"] >= data["gateway"]["completed"],
         f"rows={data['audit_rows']} completed={data['gateway']['completed']}"),
    ]
    added = data["gateway"]["ttfb_ms"]["p50"] - data["direct"]["ttfb_ms"]["p50"]
    samples = [s["rss_kb"] for s in data["rss_samples"]]
    steady = samples[len(samples) // 2:]
    growth = (max(steady) - min(steady)) / 1024 if steady else 0
    quarter = max(1, len(samples) // 4)
    third, last = samples[-2 * quarter:-quarter] or samples, samples[-quarter:]
    level = sum(third) / len(third) / 1024
    drift = sum(last) / len(last) / 1024 - level
    targets = [
        ("stream TTFB added by the gateway (p50)", f"<= {SPEC['stream_ttfb_added_ms']} ms", f"{added:.2f} ms",
         added <= SPEC["stream_ttfb_added_ms"]),
        ("memory at steady state (spread of the second half of samples)", "flat", f"{growth:.1f} MiB",
         growth <= 0.1 * max(steady) / 1024 if steady else False),
        # The spread also counts a single GC excursion; the drift says whether memory keeps growing.
        ("memory drift (mean of the last quarter minus the third quarter)", "<= 5 % of the level",
         f"{drift:+.1f} MiB", drift <= 0.05 * level),
    ]
    print(stream_table(data))
    report("stream", data, checks, targets, results_dir, "latest-stream.json")
    return all(ok for _, ok, _ in checks)


def stream_table(d):
    lines = ["| target | streams | completed | TTFB p50 ms | TTFB p99 ms | total p50 ms | total p99 ms |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name in ("direct", "gateway"):
        x = d[name]
        lines.append(f"| {name} | {x['streams']} | {x['completed']} | {x['ttfb_ms']['p50']:.2f} | "
                     f"{x['ttfb_ms']['p99']:.2f} | {x['total_ms']['p50']:.0f} | {x['total_ms']['p99']:.0f} |")
    rss = ", ".join(f"{s['t_s']:.0f}s {s['rss_kb'] / 1024:.0f}" for s in d["rss_samples"])
    lines.append("")
    lines.append(f"gateway RSS (MiB) while {d['gateway']['streams']} streams run: {rss}; "
                 f"idle before {d['idle_rss_kb'] / 1024:.1f} MiB, peak {d['peak_rss_kb'] / 1024:.1f} MiB")
    return "\n".join(lines)


def report(kind, body, checks, targets, results_dir, latest_name):
    print("\nChecks:")
    for name, ok, detail in checks:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}: {detail}")
    print("SPEC §10 targets:")
    for name, goal, measured, met in targets:
        print(f"  [{'met' if met else 'MISSED'}] {name}: {measured} (target {goal})")
    now = datetime.datetime.now(datetime.timezone.utc)
    doc = {"kind": kind, "time": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
           "machine": {"cpus": os.cpu_count(), "kernel": platform.release()},
           **body,
           "checks": [{"name": n, "ok": ok, "detail": d} for n, ok, d in checks],
           "spec_targets": [{"name": n, "target": g, "measured": m, "met": met} for n, g, m, met in targets]}
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    for name in (f"{kind}-{stamp}.json", latest_name):
        with open(os.path.join(results_dir, name), "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
    print(f"\nresults: {os.path.join(results_dir, kind + '-' + stamp + '.json')} (and {latest_name})")


def main():
    if sys.argv[1] == "proxy":
        ok = proxy(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "stream":
        ok = stream(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

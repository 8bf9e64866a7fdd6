#!/usr/bin/env python3
"""The summary of bench/compare.sh: every round, the median of the rounds, the p99 added at one
connection over the simulator called directly in the same round, and the audit check.
usage: compare_report.py RAW.jsonl BEFORE_NAME AFTER_NAME"""
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1])]
names = {"before": sys.argv[2], "after": sys.argv[3], "direct": "simulator directly"}
print(f"before = {names['before']}; after = {names['after']}")
print("every round in order, then [median of rounds]; load = 1-min load average at the start")


def cell(variant, c):
    return [r for r in rows if r.get("variant") == variant and r.get("connections") == c
            and "result" in r]


def ms(x, p):
    return x["result"]["latency_us"][p] / 1000


conns = sorted({r["connections"] for r in rows if "connections" in r}, reverse=True)
for c in conns:
    for v in ("direct", "before", "after"):
        rs = cell(v, c)
        if not rs:
            continue
        rps = [round(r["result"]["requests"] * 1e6 / r["result"]["duration_us"]) for r in rs]
        p50 = [round(ms(r, "p50"), 3) for r in rs]
        p99 = [round(ms(r, "p99"), 3) for r in rs]
        errs = sum(sum(r["result"]["errors"].values()) for r in rs)
        load = [r["loadavg"] for r in rs]
        print(f"c={c:<3} {v:<7} req/s {rps} [{statistics.median(rps):.0f}]  p50 ms {p50} "
              f"[{statistics.median(p50):.3f}]  p99 ms {p99} [{statistics.median(p99):.3f}]  "
              f"errors {errs}  load {load}")
direct = {r["round"]: r for r in cell("direct", 1)}
for v in ("before", "after"):
    rs = [r for r in cell(v, 1) if r["round"] in direct]
    if not rs:
        continue
    a50 = [round(ms(r, "p50") - ms(direct[r["round"]], "p50"), 3) for r in rs]
    a99 = [round(ms(r, "p99") - ms(direct[r["round"]], "p99"), 3) for r in rs]
    print(f"added at c=1, {v:<6} p50 ms {a50} [{statistics.median(a50):.3f}]  "
          f"p99 ms {a99} [{statistics.median(a99):.3f}]")
for v in ("before", "after"):
    s = [r["sequential"][v] for r in rows if "sequential" in r and r["variant"] == v]
    if s:
        med = [x["median_ms"] for x in s]
        p99 = [x["p99_ms"] for x in s]
        print(f"sequential {v:<7} median ms {med} [{statistics.median(med):.3f}]  p99 ms {p99} "
              f"[{statistics.median(p99):.3f}]")
for r in rows:
    if "audit_rows" in r:
        ok = r["audit_rows"] >= r["requests_completed"] and r["exit_status"] == 0
        print(f"audit {r['variant']}: {r['audit_rows']} rows for {r['requests_completed']} "
              f"requests completed, exit {r['exit_status']}: {'ok' if ok else 'ROWS LOST'}; "
              f"{r.get('writer', '')}")

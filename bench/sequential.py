#!/usr/bin/env python3
"""Latency of N sequential requests on one keep-alive connection (one client, no concurrency),
each target in turn, ROUNDS times over; per target the round with the lowest median is kept.
Prints one JSON object: {target: {median_ms, p99_ms, max_ms, rounds: [median...]}}.

usage: sequential.py N ROUNDS NAME=URL[,unique] ...
  unique: every request body differs (for a cache, a miss every time)."""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

WARMUP = 50
BODY = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Summarise Hamlet in two sentences.%s"}]}'
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer sk-bench-client"}


def run(url, n, unique):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port)
    samples = []
    stamp = time.time_ns()
    for i in range(n + WARMUP):
        body = (BODY % (f" #{stamp}-{i}" if unique else "")).encode()
        start = time.perf_counter_ns()
        conn.request("POST", parts.path, body=body, headers=HEADERS)
        response = conn.getresponse()
        response.read()
        elapsed = (time.perf_counter_ns() - start) / 1e6
        if response.status != 200:
            raise SystemExit(f"{url}: status {response.status}")
        if i >= WARMUP:
            samples.append(elapsed)
    conn.close()
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 4),
            "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 4),
            "max_ms": round(samples[-1], 4)}


def main():
    n, rounds = int(sys.argv[1]), int(sys.argv[2])
    targets = []
    for spec in sys.argv[3:]:
        name, rest = spec.split("=", 1)
        url, _, flag = rest.partition(",")
        targets.append((name, url, flag == "unique"))
    results = {}
    for _ in range(rounds):
        for name, url, unique in targets:
            results.setdefault(name, []).append(run(url, n, unique))
    out = {}
    for name, runs in results.items():
        best = min(runs, key=lambda r: r["median_ms"])
        out[name] = dict(best, rounds=[r["median_ms"] for r in runs])
    print(json.dumps(out))


main()

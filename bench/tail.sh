#!/usr/bin/env bash
# make bench-tail: where one client's slowest 1 % of requests come from. The gateway in process
# (JIT, bodies on) over the simulator; BENCH_REQUESTS (20000) sequential requests, straight to the
# simulator and then through the gateway, while an EventListener records GC pauses, audit writer
# batches and commits, console flushes and new thread-pool threads (bench/AllocBench/TailRun.cs).
# Prints, per kind, the share of the slowest 1 % that overlap one against the share of all
# requests that do, and the p99 of the requests that overlap no batch, and no commit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$BUILD_DIR"
ensure_simulator
ensure_allocbench
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$ALLOCBENCH_DLL" --simulator "$SIMULATOR_BIN" --tail "${BENCH_REQUESTS:-20000}" 2>&1 >/dev/null

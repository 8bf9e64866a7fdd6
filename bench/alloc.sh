#!/usr/bin/env bash
# make bench-alloc: bytes the gateway allocates per proxied request (in process, audit writer
# included) and the types that allocate most, plain then stream, bodies on; then the audit
# writer's capacity on its own (rows/s). Knobs: BENCH_REQUESTS (20000), BENCH_WRITER_ROWS (200000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$BUILD_DIR"
ensure_simulator
ensure_allocbench
for mode in plain stream; do
  log "allocations per request: $mode"
  extra=()
  [ "$mode" = stream ] && extra=(--stream)
  dotnet "$ALLOCBENCH_DLL" --simulator "$SIMULATOR_BIN" --requests "${BENCH_REQUESTS:-20000}" \
    --bodies true --top 12 "${extra[@]}" 2>&1 >/dev/null
done
log "audit writer capacity"
dotnet "$ALLOCBENCH_DLL" --writer-rows "${BENCH_WRITER_ROWS:-200000}" | tail -1

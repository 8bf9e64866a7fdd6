#!/usr/bin/env bash
# make bench-stream: 1,000 concurrent SSE streams (SPEC §10), first straight to the simulated
# upstream, then through the gateway. Measures the time to first byte the gateway adds and samples
# its RSS once a second while the streams run (flat = steady memory). Results in bench/results/.
#
# Knobs (environment): BENCH_STREAMS (1000), BENCH_STREAM_SECONDS (30), BENCH_CHUNK_INTERVAL_MS (50),
# BENCH_CHUNKS (40).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

STREAMS=${BENCH_STREAMS:-1000}
RUN_SECONDS=${BENCH_STREAM_SECONDS:-30}
INTERVAL=${BENCH_CHUNK_INTERVAL_MS:-50}
CHUNKS=${BENCH_CHUNKS:-40}

ensure_tool sqlite3 sqlite3
mkdir -p "$BUILD_DIR"
ensure_gateway
ensure_simulator
log "building the stream load tool"
dotnet build "$BENCH_DIR/StreamBench/Menshen.StreamBench.csproj" -c Release -v quiet -nologo \
  -o "$BUILD_DIR/streambench" >"$BUILD_DIR/streambench-build.log" 2>&1 \
  || { tail -20 "$BUILD_DIR/streambench-build.log" >&2; exit 1; }
# 1,000 streams through the gateway hold about 3,000 sockets across the three processes.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d /tmp/menshen-stream.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT

sim_port=$(free_port)
gw_port=$(free_port)
# Not --fast: replies are paced like a model's, a chunk every INTERVAL ms.
start_bg "$work/simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim_port" \
  --chunk-interval-ms "$INTERVAL" --chunks "$CHUNKS"
wait_http "http://127.0.0.1:$sim_port/v1/models"
write_gateway_config "$work/gateway.toml" "$gw_port" "$sim_port" "$work/gateway.db" true
start_bg "$work/gateway.log" "$GATEWAY_BIN" -config "$work/gateway.toml"
gw_pid=$LAST_PID
wait_http "http://127.0.0.1:$gw_port/healthz"
sleep 2
idle_kb=$(rss_kb "$gw_pid" VmRSS)

load() { # load URL [PID]
  local extra=()
  [ -n "${2:-}" ] && extra=(--pid "$2")
  dotnet "$BUILD_DIR/streambench/menshen-streambench.dll" --url "$1" --streams "$STREAMS" \
    --seconds "$RUN_SECONDS" "${extra[@]}"
}
log "$STREAMS streams straight to the simulator for ${RUN_SECONDS}s"
direct=$(load "http://127.0.0.1:$sim_port/v1/chat/completions")
log "$STREAMS streams through the gateway for ${RUN_SECONDS}s"
gateway=$(load "http://127.0.0.1:$gw_port/v1/chat/completions" "$gw_pid")

peak_kb=$(rss_kb "$gw_pid" VmHWM)
stop_pid "$gw_pid"
rows=$(sqlite3 "$work/gateway.db" 'SELECT COUNT(*) FROM requests')
jq -n --argjson direct "$direct" --argjson gateway "$gateway" --argjson idle "$idle_kb" \
  --argjson peak "$peak_kb" --argjson status "$LAST_STATUS" --argjson rows "$rows" \
  --argjson interval "$INTERVAL" --argjson chunks "$CHUNKS" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{settings: {chunk_interval_ms: $interval, chunks: $chunks, loadavg_after: $load},
    direct: $direct, gateway: ($gateway | del(.rss_samples)), rss_samples: $gateway.rss_samples,
    idle_rss_kb: $idle, peak_rss_kb: $peak, exit_status: $status, audit_rows: $rows}' >"$work/stream.json"

mkdir -p "$BENCH_DIR/results"
python3 "$BENCH_DIR/analyze.py" stream "$work/stream.json" "$BENCH_DIR/results"

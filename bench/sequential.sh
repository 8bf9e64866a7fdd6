#!/usr/bin/env bash
# make bench-sequential: one client, 1,000 sequential requests on a keep-alive connection (after 50
# warm-up), to the simulator directly, through the gateway without a cache, and through a gateway
# with [cache] on: the same request every time (hits) and a different one every time (misses).
# Targets interleaved, 3 rounds, best median kept. Prints the added median latency and the cache
# hit vs miss medians; writes bench/results/sequential-*.json. Knobs: BENCH_REQUESTS, BENCH_ROUNDS.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N=${BENCH_REQUESTS:-1000}
ROUNDS=${BENCH_ROUNDS:-3}
mkdir -p "$BUILD_DIR"
ensure_gateway
ensure_simulator
work=$(mktemp -d /tmp/menshen-seq.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT

sim=$(free_port)
start_bg "$work/simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
wait_http "http://127.0.0.1:$sim/v1/models"
declare -A PORT
for gw in plain cache; do
  PORT[$gw]=$(free_port)
  write_gateway_config "$work/$gw.toml" "${PORT[$gw]}" "$sim" "$work/$gw.db" true "$([ $gw = cache ] && echo true || echo false)"
  start_bg "$work/$gw.log" "$GATEWAY_BIN" -config "$work/$gw.toml"
  wait_http "http://127.0.0.1:${PORT[$gw]}/healthz"
done
path=/v1/chat/completions
log "$N sequential requests x $ROUNDS rounds: direct, gateway, cache hit, cache miss"
result=$(python3 "$BENCH_DIR/sequential.py" "$N" "$ROUNDS" \
  "direct=http://127.0.0.1:$sim$path" "gateway=http://127.0.0.1:${PORT[plain]}$path" \
  "cache-hit=http://127.0.0.1:${PORT[cache]}$path" "cache-miss=http://127.0.0.1:${PORT[cache]}$path,unique")
mkdir -p "$BENCH_DIR/results"
out="$BENCH_DIR/results/sequential-$(date -u +%Y%m%dT%H%M%SZ).json"
jq --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --argjson n "$N" --argjson rounds "$ROUNDS" \
  '{kind: "sequential", requests: $n, rounds: $rounds, loadavg_after: $load, targets: .}' <<<"$result" >"$out"
jq -r '.targets | to_entries[] | "\(.key): median \(.value.median_ms) ms, p99 \(.value.p99_ms) ms, max \(.value.max_ms) ms (round medians \(.value.rounds | map(tostring) | join(", ")))"' "$out"
jq -r '.targets | "added by the gateway (median): \((.gateway.median_ms - .direct.median_ms) * 1000 | round / 1000) ms\ncache: hit median \(."cache-hit".median_ms) ms, miss median \(."cache-miss".median_ms) ms, no cache \(.gateway.median_ms) ms"' "$out"
echo "results: ${out#"$REPO_DIR/"}"

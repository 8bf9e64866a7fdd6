#!/usr/bin/env bash
# Experiment: one-client tail by writer component (env switches in an experiment build).
set -euo pipefail
source /work/main/bench/lib.sh
BIN=${BIN:-/work/bin/ai-menshen-exp}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-8}
VARIANTS=${VARIANTS:-"base nosums nobodies noidx lean"}
ensure_simulator
work=$(mktemp -d /tmp/attrib.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT
sim=$(free_port)
start_bg "$work/sim.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
wait_http "http://127.0.0.1:$sim/v1/models" || true
IDX=ix_requests_model,ix_requests_provider,ix_requests_key,ix_requests_endpoint,ix_requests_stream,ix_requests_report
declare -A PORT
for v in $VARIANTS; do
  PORT[$v]=$(free_port)
  write_gateway_config "$work/$v.toml" "${PORT[$v]}" "$sim" "$work/$v.db" true
  case $v in
    base) e=();; nosums) e=(EXP_NO_SUMS=1);; nobodies) e=(EXP_NO_BODIES=1);;
    noidx) e=(EXP_DROP=$IDX);; w5) e=(EXP_WINDOW_MS=5);; w10) e=(EXP_WINDOW_MS=10);; w20) e=(EXP_WINDOW_MS=20);; w50) e=(EXP_WINDOW_MS=50);; noaudit) e=(EXP_NO_AUDIT=1);;
    spread5) e=(EXP_SPREAD_MS=5);; spread10) e=(EXP_SPREAD_MS=10);; spread20) e=(EXP_SPREAD_MS=20);; spread50) e=(EXP_SPREAD_MS=50);; spread200) e=(EXP_SPREAD_MS=200);; spread1000) e=(EXP_SPREAD_MS=1000);; lean) e=(EXP_NO_SUMS=1 EXP_NO_BODIES=1 EXP_DROP=$IDX);;
  esac
  start_bg "$work/$v.log" env "${e[@]}" "$BIN" -config "$work/$v.toml"
  wait_http "http://127.0.0.1:${PORT[$v]}/healthz"
done
PORT[direct]=$sim
run() { wrk -t1 -c${CONN:-1} -d"$2s" --latency -s "$BENCH_DIR/wrk/chat.lua" "http://127.0.0.1:${PORT[$1]}/v1/chat/completions" -- plain | sed -n 's/^WRKJSON //p'; }
vs=($VARIANTS)
for r in $(seq "$ROUNDS"); do
  run direct 2 >/dev/null; d=$(run direct "$DURATION")
  echo "round $r direct $(jq -c '{p50:.latency_us.p50,p99:.latency_us.p99,n:.requests}' <<<"$d" 2>/dev/null || echo "$d")"
  n=${#vs[@]}
  for i in $(seq 0 $((n-1))); do
    v=${vs[$(( (i + r) % n ))]}
    run "$v" 2 >/dev/null; x=$(run "$v" "$DURATION")
    echo "round $r $v $(jq -c '{p50:.latency_us.p50,p99:.latency_us.p99,n:.requests}' <<<"$x" 2>/dev/null || echo "$x")"
  done
done

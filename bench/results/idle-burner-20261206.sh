#!/usr/bin/env bash
# Does a SCHED_IDLE (or normal) CPU burner beside the gateway hurt its c=1 tail?
set -euo pipefail
source /work/main/bench/lib.sh
# BURST: cc -O2 -o /tmp/burst bench/results/idle-burner-20261206.c
BURST=${BURST:-/tmp/burst}
# BIN: the experiment build of 2026-12-05 (EXP_NO_AUDIT: exchanges not queued)
BIN=${BIN:-/work/bin/ai-menshen-exp}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-8}
ensure_simulator
work=$(mktemp -d /tmp/spin.XXXXXX)
trap 'cleanup_started; rm -rf "$work"; pkill -f "$BURST" || true' EXIT
sim=$(free_port)
start_bg "$work/sim.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
wait_http "http://127.0.0.1:$sim/v1/models" || true
declare -A PORT
for v in base noaudit; do
  PORT[$v]=$(free_port)
  write_gateway_config "$work/$v.toml" "${PORT[$v]}" "$sim" "$work/$v.db" true
  case $v in base) e=();; noaudit) e=(EXP_NO_AUDIT=1);; esac
  start_bg "$work/$v.log" env "${e[@]}" "$BIN" -config "$work/$v.toml"
  wait_http "http://127.0.0.1:${PORT[$v]}/healthz"
done
PORT[direct]=$sim
run() { wrk -t1 -c1 -d"$2s" --latency -s "$BENCH_DIR/wrk/chat.lua" "http://127.0.0.1:${PORT[$1]}/v1/chat/completions" -- plain | sed -n 's/^WRKJSON //p'; }
show() { jq -c '{p50:.latency_us.p50,p99:.latency_us.p99,n:.requests}' <<<"$1"; }
for r in $(seq "$ROUNDS"); do
  for burner in none idle-burst idle-spin normal-burst; do
    case $burner in
      none) ;;
      idle-burst) chrt -i 0 "$BURST" 1300 20000 & ;;
      idle-spin) chrt -i 0 "$BURST" 1 0 & ;;
      normal-burst) "$BURST" 1300 20000 & ;;
    esac
    bp=$!
    for v in direct noaudit base; do
      run "$v" 2 >/dev/null; x=$(run "$v" "$DURATION")
      echo "round $r burner=$burner $v $(show "$x")"
    done
    [ $burner = none ] || kill $bp
  done
done

#!/usr/bin/env bash
# Does pinning a burner (and/or the chain) to separate vCPUs keep the one-client tail?
set -euo pipefail
source /work/main/bench/lib.sh
BURST=/tmp/burst
ROUNDS=${ROUNDS:-2}; DURATION=${DURATION:-6}
ensure_simulator
work=$(mktemp -d /tmp/pin.XXXXXX)
trap 'cleanup_started; rm -rf "$work"; pkill -f "$BURST" || true' EXIT
sim=$(free_port)
start_bg "$work/sim.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
SIMPID=$LAST_PID
wait_http "http://127.0.0.1:$sim/v1/models" || true
run() { $1 wrk -t1 -c1 -d"$2s" --latency -s "$BENCH_DIR/wrk/chat.lua" "http://127.0.0.1:$sim/v1/chat/completions" -- plain | sed -n 's/^WRKJSON //p'; }
show() { jq -c '{p50:.latency_us.p50,p99:.latency_us.p99,n:.requests}' <<<"$1"; }
for r in $(seq "$ROUNDS"); do
  for v in none idle-float idle-pin1 idle-pin1-chain0 normal-pin1-chain0; do
    taskset -a -p -c 0,1 $SIMPID >/dev/null; pre=""
    case $v in
      none) bp="";;
      idle-float) chrt -i 0 "$BURST" 1300 20000 & bp=$!;;
      idle-pin1) taskset -c 1 chrt -i 0 "$BURST" 1300 20000 & bp=$!;;
      idle-pin1-chain0) taskset -c 1 chrt -i 0 "$BURST" 1300 20000 & bp=$!; taskset -a -p -c 0 $SIMPID >/dev/null; pre="taskset -c 0";;
      normal-pin1-chain0) taskset -c 1 "$BURST" 1300 20000 & bp=$!; taskset -a -p -c 0 $SIMPID >/dev/null; pre="taskset -c 0";;
    esac
    run "$pre" 2 >/dev/null; x=$(run "$pre" "$DURATION")
    echo "round $r $v $(show "$x")"
    [ -z "$bp" ] || kill $bp
  done
done

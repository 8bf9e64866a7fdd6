#!/usr/bin/env bash
# The gateway's threads pinned by role: does keeping the writer's CPU apart from the chain help?
set -euo pipefail
source /work/main/bench/lib.sh
BIN=${BIN:-/work/main/ai-menshen}
ROUNDS=${ROUNDS:-2}; DURATION=${DURATION:-6}; VARIANTS=${VARIANTS:-"float gw0 split split-chain0 direct"}
ensure_simulator
work=$(mktemp -d /tmp/pingw.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT
sim=$(free_port)
start_bg "$work/sim.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast; SIMPID=$LAST_PID
wait_http "http://127.0.0.1:$sim/v1/models" || true
gp=$(free_port)
write_gateway_config "$work/g.toml" "$gp" "$sim" "$work/g.db" true
start_bg "$work/g.log" "$BIN" -config "$work/g.toml"; GWPID=$LAST_PID
wait_http "http://127.0.0.1:$gp/healthz"
pin() { # pin PID WORKER_CPUS OTHER_CPUS
  for t in /proc/$1/task/*; do
    case "$(cat $t/comm)" in ".NET TP Worker"*) c=$2;; *) c=$3;; esac
    taskset -p -c "$c" "$(basename $t)" >/dev/null 2>&1 || true
  done
}
run() { $1 wrk -t1 -c${CONNS:-1} -d"$3s" --latency -s "$BENCH_DIR/wrk/chat.lua" "http://127.0.0.1:$2/v1/chat/completions" -- plain | sed -n 's/^WRKJSON //p'; }
show() { jq -c '{p50:.latency_us.p50,p99:.latency_us.p99,n:.requests}' <<<"$1"; }
for r in $(seq "$ROUNDS"); do
  for v in $VARIANTS; do
    pin $SIMPID 0,1 0,1; pre=""; port=$gp
    case $v in
      float) pin $GWPID 0,1 0,1;;
      gw0) pin $GWPID 0 0;;
      split) pin $GWPID 1 0;;
      w1) pin $GWPID 1 0,1;;
      o0) pin $GWPID 0,1 0;;
      split-chain0) pin $GWPID 1 0; pin $SIMPID 0 0; pre="taskset -c 0";;
      direct) port=$sim;;
      direct0) port=$sim; pin $SIMPID 0 0; pre="taskset -c 0";;
    esac
    run "$pre" $port 2 >/dev/null
    case $v in split*) pin $GWPID 1 0;; gw0) pin $GWPID 0 0;; w1) pin $GWPID 1 0,1;; o0) pin $GWPID 0,1 0;; esac
    keeper=""
    case $v in split*) (while sleep 0.3; do pin $GWPID 1 0; done) & keeper=$!;; esac
    x=$(run "$pre" $port "$DURATION")
    [ -z "$keeper" ] || kill $keeper
    echo "round $r $v $(show "$x")"
  done
done

#!/usr/bin/env bash
# context switches and CPU ticks by thread name during a wrk run; VARIANT env passes to binary
set -euo pipefail
source /work/main/bench/lib.sh
BIN=${BIN:-/work/bin/ai-menshen-exp-pace}
ensure_simulator
work=$(mktemp -d /tmp/ctx.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT
sim=$(free_port); start_bg "$work/sim.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
wait_http "http://127.0.0.1:$sim/v1/models" || true
gw=$(free_port); write_gateway_config "$work/g.toml" "$gw" "$sim" "$work/g.db" true
start_bg "$work/g.log" env $VARIANT "$BIN" -config "$work/g.toml"; pid=$LAST_PID
wait_http "http://127.0.0.1:$gw/healthz"
snap() { for t in /proc/$pid/task/*; do n=$(cat $t/comm); s=$(sed 's/.*) //' $t/stat | awk '{print $12+$13}'); v=$(awk '/^voluntary_ctxt/{v=$2}/^nonvoluntary/{n=$2}END{print v+n}' $t/status); echo "$n|$s|$v"; done | awk -F'|' '{c[$1]+=$2; x[$1]+=$3} END{for(k in c) print k"|"c[k]"|"x[k]}' | sort; }
wrk -t1 -c${CONN:-4} -d12s -s "$BENCH_DIR/wrk/chat.lua" "http://127.0.0.1:$gw/v1/chat/completions" -- plain > "$work/wrk.txt" &
w=$!; sleep 2; snap > "$work/a"; sleep 8; snap > "$work/b"; wait $w
req=$(sed -n 's/^Requests\/sec: *//p' "$work/wrk.txt")
echo "$VARIANT req/s $req"
join -t'|' "$work/a" "$work/b" | awk -F'|' -v r="$req" '{printf "  %-18s cpu %6.1f us/req  switches %5.2f /req\n", $1, ($4-$2)*10000/(r*8), ($5-$3)/(r*8)}'

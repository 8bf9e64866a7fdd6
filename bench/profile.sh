#!/usr/bin/env bash
# Where the gateway's CPU goes under load: the simulator (fast), one gateway (bodies on, or off with
# BODIES=false), wrk at CONNECTIONS for SECONDS, and `perf record` on the gateway meanwhile.
# Uses publish/ai-menshen, whose symbols perf finds in publish/ai-menshen.dbg (make build).
# Prints the gateway's CPU by part of the request path (bench/perf_breakdown.py), then the top
# functions by self time; leaves perf.data in bench/.build/profile/.
#
# usage: bench/profile.sh [plain|stream]   (env: CONNECTIONS=64 PROFILE_SECONDS=15 BODIES=true TOP=40
#        CACHE=false; CACHE=true UNIQUE=unique profiles cache misses, CACHE=true alone cache hits)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MODE=${1:-plain}
CONNECTIONS=${CONNECTIONS:-64}
SECONDS_=${PROFILE_SECONDS:-15}
BODIES=${BODIES:-true}
CACHE=${CACHE:-false}
UNIQUE=${UNIQUE:-}
ensure_tool wrk wrk
ensure_tool perf linux-perf
mkdir -p "$BUILD_DIR/profile"
ensure_gateway
ensure_simulator
binary="$REPO_DIR/publish/ai-menshen"

work=$(mktemp -d /tmp/menshen-profile.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT
sim_port=$(free_port)
gw_port=$(free_port)
start_bg "$work/simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim_port" --fast
wait_http "http://127.0.0.1:$sim_port/v1/models"
write_gateway_config "$work/gw.toml" "$gw_port" "$sim_port" "$work/gw.db" "$BODIES" "$CACHE"
start_bg "$work/gw.log" "$binary" -config "$work/gw.toml"
gw_pid=$LAST_PID
wait_http "http://127.0.0.1:$gw_port/healthz"

args=(-- "$MODE" $UNIQUE)
wrk -t1 -c"$CONNECTIONS" -d"$((SECONDS_ + 3))s" -s "$BENCH_DIR/wrk/chat.lua" \
  "http://127.0.0.1:$gw_port/v1/chat/completions" "${args[@]}" >"$work/wrk.txt" &
wrk_pid=$!
sleep 2
perf record -F 499 -g -p "$gw_pid" -o "$BUILD_DIR/profile/perf.data" -- sleep "$SECONDS_" 2>/dev/null
wait "$wrk_pid"
sed -n 's/^Requests\/sec: *//p' "$work/wrk.txt" | xargs printf 'gateway under perf: %s req/s\n'
perf script -i "$BUILD_DIR/profile/perf.data" -F comm,ip,sym,dso 2>/dev/null | python3 "$BENCH_DIR/perf_breakdown.py"
echo
perf report -i "$BUILD_DIR/profile/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null \
  | grep -E '^ +[0-9]' | sed -E 's/ +- +- *$//; s/ {2,}/ /g' | cut -c1-160 | head -"${TOP:-40}"

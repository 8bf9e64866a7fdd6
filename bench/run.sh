#!/usr/bin/env bash
# make bench: the gateway against a plain nginx reverse proxy and the simulated upstream called
# directly, interleaved in one run (SPEC §10). Prints one table, writes bench/results/*.json.
#
# Targets: direct (the simulator), nginx, gateway (audit with bodies), gateway-nobodies (audit rows
# without bodies: the lightest audit the product has, it has no audit-off switch), and a gateway
# with [cache] enabled loaded twice: cache-hit (one fixed request, answered from the cache) and
# cache-miss (every request body different). Then the audit writer's capacity (rows/s) on its own.
#
# Knobs (environment): BENCH_DURATION (s per measured run, default 10), BENCH_WARMUP (s, 2),
# BENCH_CONNECTIONS ("4 64"), BENCH_MODES ("plain stream"), BENCH_STARTS (start-up samples, 7),
# BENCH_THREADS (wrk threads, 1), BENCH_ROUNDS (2: the whole interleaved sweep is repeated and
# analyze.py keeps, per cell, the round with the most requests/s, the one least disturbed by other
# work on this shared 2-core machine), BENCH_GATEWAY_ENV (extra environment for both gateways, to
# try runtime settings: "DOTNET_gcServer=0").
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-"4 64"}
MODES=${BENCH_MODES:-"plain stream"}
STARTS=${BENCH_STARTS:-7}
THREADS=${BENCH_THREADS:-1}
ROUNDS=${BENCH_ROUNDS:-2}
read -r -a GATEWAY_ENV <<<"${BENCH_GATEWAY_ENV:-}"
TARGETS=${BENCH_TARGETS:-"direct nginx gateway gateway-nobodies cache-hit cache-miss"}
GATEWAYS="gateway gateway-nobodies gateway-cache"
declare -A INSTANCE=([gateway]=gateway [gateway-nobodies]=gateway-nobodies [cache-hit]=gateway-cache [cache-miss]=gateway-cache)

loadavg=$(cut -d' ' -f1-3 /proc/loadavg) # other work on the machine skews every number
ensure_tool wrk wrk
ensure_tool nginx nginx-light
ensure_tool sqlite3 sqlite3
mkdir -p "$BUILD_DIR"
ensure_gateway
ensure_simulator
ensure_allocbench

work=$(mktemp -d /tmp/menshen-bench.XXXXXX)
chmod 755 "$work" # nginx workers drop root and must reach their temp folders
trap 'cleanup_started; rm -rf "$work"' EXIT
raw="$work/raw.jsonl"
meta="$work/meta.json"
: >"$raw"

declare -A PORT PID
PORT[sim]=$(free_port)
PORT[direct]=${PORT[sim]}

# 1. Start-up, measured first, on a quiet machine (the simulator is not even needed for /healthz).
log "start-up time: $STARTS starts"
PORT[startup]=$(free_port)
write_gateway_config "$work/startup.toml" "${PORT[startup]}" "${PORT[sim]}" "$work/startup.db" true false
startup_json=$(python3 "$BENCH_DIR/startup.py" "$GATEWAY_BIN" "$work/startup.toml" "${PORT[startup]}" "$STARTS")

# 2. The servers: simulator (fast), nginx over it, and two gateways (bodies on / bodies off).
start_bg "$work/simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:${PORT[sim]}" --fast
PID[sim]=$LAST_PID
wait_http "http://127.0.0.1:${PORT[sim]}/v1/models"

PORT[nginx]=$(free_port)
mkdir -p "$work/nginx"
sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@PORT@|${PORT[nginx]}|g" -e "s|@UPSTREAM@|127.0.0.1:${PORT[sim]}|g" \
  "$BENCH_DIR/nginx.conf.in" >"$work/nginx/nginx.conf"
start_bg "$work/nginx/stdout.log" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log"
PID[nginx]=$LAST_PID
wait_http "http://127.0.0.1:${PORT[nginx]}/v1/models"

for gw in $GATEWAYS; do
  PORT[$gw]=$(free_port)
  bodies=$([ "$gw" = gateway-nobodies ] && echo false || echo true)
  cache=$([ "$gw" = gateway-cache ] && echo true || echo false)
  write_gateway_config "$work/$gw.toml" "${PORT[$gw]}" "${PORT[sim]}" "$work/$gw.db" "$bodies" "$cache"
  start_bg "$work/$gw.log" env "${GATEWAY_ENV[@]}" "$GATEWAY_BIN" -config "$work/$gw.toml"
  PID[$gw]=$LAST_PID
  wait_http "http://127.0.0.1:${PORT[$gw]}/healthz"
done
sleep 2
declare -A IDLE
for gw in $GATEWAYS; do IDLE[$gw]=$(rss_kb "${PID[$gw]}" VmRSS); done
PORT[cache-hit]=${PORT[gateway-cache]}
PORT[cache-miss]=${PORT[gateway-cache]}

# 3. Load, interleaved: every target in turn for each mode and concurrency, ROUNDS times over.
# CPU time (user + system) of the proxy process(es) and of the simulator is read around each
# measured run, so CPU per request can be compared between nginx and the gateway.
declare -A CPU_PIDS
CPU_PIDS[direct]=${PID[sim]}
CPU_PIDS[nginx]="${PID[nginx]} $(pgrep -P "${PID[nginx]}" | tr '\n' ' ')"
for target in gateway gateway-nobodies cache-hit cache-miss; do CPU_PIDS[$target]=${PID[${INSTANCE[$target]}]}; done
cpu_ticks() { # cpu_ticks PID...: utime + stime summed, in clock ticks
  local pid total=0
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
declare -A SENT # requests wrk completed per gateway instance, warm-ups included
declare -A INFLIGHT # upper bound of requests cut off when a wrk run ended (its connections)
run_wrk() { # run_wrk TARGET CONNECTIONS MODE SECONDS
  local unique=""
  [ "$1" = cache-miss ] && unique=unique
  wrk -t"$THREADS" -c"$2" -d"$4s" --latency -s "$BENCH_DIR/wrk/chat.lua" \
    "http://127.0.0.1:${PORT[$1]}/v1/chat/completions" -- "$3" $unique | sed -n 's/^WRKJSON //p'
}
for round in $(seq "$ROUNDS"); do
for mode in $MODES; do
  for c in $CONNECTIONS; do
    for target in $TARGETS; do
      log "round $round/$ROUNDS, $mode c=$c $target: ${WARMUP}s warm-up + ${DURATION}s"
      warm=$(run_wrk "$target" "$c" "$mode" "$WARMUP")
      # shellcheck disable=SC2086 # CPU_PIDS holds several pids for nginx
      proxy0=$(cpu_ticks ${CPU_PIDS[$target]}); sim0=$(cpu_ticks "${PID[sim]}")
      result=$(run_wrk "$target" "$c" "$mode" "$DURATION")
      # shellcheck disable=SC2086
      proxy1=$(cpu_ticks ${CPU_PIDS[$target]}); sim1=$(cpu_ticks "${PID[sim]}")
      printf '{"round":%d,"target":"%s","connections":%d,"mode":"%s","proxy_cpu_ticks":%d,"sim_cpu_ticks":%d,"warmup":%s,"result":%s}\n' \
        "$round" "$target" "$c" "$mode" $((proxy1 - proxy0)) $((sim1 - sim0)) "$warm" "$result" >>"$raw"
      if [ -n "${INSTANCE[$target]:-}" ]; then
        gw=${INSTANCE[$target]}
        SENT[$gw]=$(( ${SENT[$gw]:-0} + $(jq .requests <<<"$warm") + $(jq .requests <<<"$result") ))
        INFLIGHT[$gw]=$(( ${INFLIGHT[$gw]:-0} + 2 * c ))
      fi
    done
  done
done
done

# 4. Memory after load, then a clean stop: every audit row must be in the database.
sleep 2
declare -A AFTER HWM STATUS ROWS WRITTEN FAILED BATCHES PEAKQ WAITS HITS
for gw in $GATEWAYS; do
  AFTER[$gw]=$(rss_kb "${PID[$gw]}" VmRSS)
  HWM[$gw]=$(rss_kb "${PID[$gw]}" VmHWM)
  stop_pid "${PID[$gw]}"
  STATUS[$gw]=$LAST_STATUS
  ROWS[$gw]=$(sqlite3 "$work/$gw.db" 'SELECT COUNT(*) FROM requests')
  HITS[$gw]=$(sqlite3 "$work/$gw.db" 'SELECT COUNT(*) FROM requests WHERE cache_status = 1')
  stopped=$(grep -oE 'stopped: .*' "$work/$gw.log" || true)
  WRITTEN[$gw]=$(sed -nE 's/stopped: ([0-9]+) audit records.*/\1/p' <<<"$stopped")
  FAILED[$gw]=$(sed -nE 's/.*written, ([0-9]+) failed.*/\1/p' <<<"$stopped")
  BATCHES[$gw]=$(sed -nE 's/.*\(([0-9]+) transactions.*/\1/p' <<<"$stopped")
  PEAKQ[$gw]=$(sed -nE 's/.*queue peak ([0-9]+).*/\1/p' <<<"$stopped")
  WAITS[$gw]=$(sed -nE 's/.* ([0-9]+) waits for room.*/\1/p' <<<"$stopped")
done

# 5. The audit writer on its own: rows/s it commits when fed as fast as it can take them.
log "audit writer capacity"
writer_json=$(dotnet "$ALLOCBENCH_DLL" --writer-rows "${BENCH_WRITER_ROWS:-200000}" 2>/dev/null | tail -1)

gateway_json() { # gateway_json NAME
  printf '{"idle_rss_kb":%d,"rss_after_load_kb":%d,"peak_rss_kb":%d,"exit_status":%d,' \
    "${IDLE[$1]}" "${AFTER[$1]}" "${HWM[$1]}" "${STATUS[$1]}"
  printf '"requests_sent":%d,"max_cut_off":%d,"audit_rows":%d,"cache_hit_rows":%d,"written":%s,"failed":%s,' \
    "${SENT[$1]:-0}" "${INFLIGHT[$1]:-0}" "${ROWS[$1]}" "${HITS[$1]}" "${WRITTEN[$1]:-null}" "${FAILED[$1]:-null}"
  printf '"transactions":%s,"queue_peak":%s,"submit_waits":%s,"log_lines":%d}' \
    "${BATCHES[$1]:-null}" "${PEAKQ[$1]:-null}" "${WAITS[$1]:-null}" "$(wc -l <"$work/$1.log")"
}
cat >"$meta" <<JSON
{"duration_s":$DURATION,"rounds":$ROUNDS,"clock_ticks":$(getconf CLK_TCK),"gateway_env":"${BENCH_GATEWAY_ENV:-}","loadavg_before":"$loadavg","loadavg_after":"$(cut -d' ' -f1-3 /proc/loadavg)","warmup_s":$WARMUP,"wrk_threads":$THREADS,"cpus":$(nproc),
 "commit":"$(git -C "$REPO_DIR" rev-parse --short HEAD)","nginx":"$(nginx -v 2>&1 | sed 's/.*\///')",
 "startup":$startup_json,
 "writer":${writer_json:-null},
 "gateway":$(gateway_json gateway),
 "gateway-nobodies":$(gateway_json gateway-nobodies),
 "gateway-cache":$(gateway_json gateway-cache)}
JSON

mkdir -p "$BENCH_DIR/results"
python3 "$BENCH_DIR/analyze.py" proxy "$raw" "$meta" "$BENCH_DIR/results"

#!/usr/bin/env bash
# make bench: SPEC §10 as revised. The gateway (audit and bodies on) beside a plain nginx reverse
# proxy and the simulated upstream called directly, interleaved in one run; prints the detailed
# wrk table, then the SPEC §10 table (bench/spec10.py), and keeps the raw results in
# bench/results/.
#
#  1. start-up time; 2. wrk, plain, at 1, 4 and 64 connections, each target in turn, ROUNDS
#     times: added p50/p99 at 1 connection, added p50 at 4, req/s and CPU per request at 64;
#     3. the throughput frontier:
#     bench/fixedrate (an open-loop, fixed-rate generator) at stepped rates, each target in turn
#     per step, until its p99 passes 10 ms or it falls behind the rate; 4. the stream suite on a
#     paced simulator (64 deltas 20 ms apart): 64 concurrent streams per target, interleaved
#     (added TTFT, added p99 gap between chunks), then more and more concurrent streams through
#     the gateway until one stalls, its RSS sampled each second (steady memory); 5. every audit
#     row checked (rows = requests completed).
#
# Knobs (environment): BENCH_DURATION (s per wrk run, 10), BENCH_WARMUP (s, 2),
# BENCH_CONNECTIONS ("1 4 64"), BENCH_MODES ("plain"), BENCH_ROUNDS (3; analyze.py keeps the best
# round per cell, spec10.py the median), BENCH_STARTS (start-up samples, 7), BENCH_THREADS (wrk
# threads, 1), BENCH_TARGETS ("direct nginx gateway"; also gateway-nobodies, cache-hit,
# cache-miss), BENCH_GATEWAY_ENV (extra environment for the gateways, "DOTNET_gcServer=0"),
# BENCH_RATES (fixed rates, req/s, "1000 2000 4000 8000 12000 16000 24000 32000 48000"),
# BENCH_RATE_SECONDS (4, after 1 s of warm-up), BENCH_STREAM_SECONDS (8), BENCH_STREAM_ROUNDS (2),
# BENCH_STREAM_STEPS ("250 500 1000 2000": concurrent streams tried after 64), BENCH_STALL_MS
# (250: a chunk later than this after the previous one is a stall), BENCH_WRITER_ROWS (0: the
# audit writer's capacity on its own is skipped; 200000 measures it), BENCH_NICE (lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-"1 4 64"}
MODES=${BENCH_MODES:-"plain"}
STARTS=${BENCH_STARTS:-7}
THREADS=${BENCH_THREADS:-1}
ROUNDS=${BENCH_ROUNDS:-3}
RATES=${BENCH_RATES:-"1000 2000 4000 8000 12000 16000 24000 32000 48000"}
RATE_SECONDS=${BENCH_RATE_SECONDS:-4}
STREAM_SECONDS=${BENCH_STREAM_SECONDS:-8}
STREAM_ROUNDS=${BENCH_STREAM_ROUNDS:-2}
STREAM_STEPS=${BENCH_STREAM_STEPS:-"250 500 1000 2000"}
STALL_MS=${BENCH_STALL_MS:-250}
read -r -a GATEWAY_ENV <<<"${BENCH_GATEWAY_ENV:-}"
TARGETS=${BENCH_TARGETS:-"direct nginx gateway"}
GATEWAYS="gateway gateway-stream"
[[ " $TARGETS " == *" gateway-nobodies "* ]] && GATEWAYS="$GATEWAYS gateway-nobodies"
[[ " $TARGETS " == *" cache-"* ]] && GATEWAYS="$GATEWAYS gateway-cache"
declare -A INSTANCE=([gateway]=gateway [gateway-nobodies]=gateway-nobodies [cache-hit]=gateway-cache [cache-miss]=gateway-cache)

loadavg=$(cut -d' ' -f1-3 /proc/loadavg) # other work on the machine skews every number
ensure_tool wrk wrk
ensure_tool nginx nginx-light
ensure_tool sqlite3 sqlite3
mkdir -p "$BUILD_DIR"
ensure_gateway
ensure_simulator
[ "${BENCH_WRITER_ROWS:-0}" -gt 0 ] && ensure_allocbench
ensure_fixedrate
ensure_streambench
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" # thousands of streams' sockets

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

# The stream suite's upstream: the simulator pacing 64 deltas 20 ms apart.
PORT[psim]=$(free_port)
start_bg "$work/psim.log" "$SIMULATOR_BIN" --listen "127.0.0.1:${PORT[psim]}" \
  --chunk-interval-ms 20 --chunks 64
PID[psim]=$LAST_PID
wait_http "http://127.0.0.1:${PORT[psim]}/v1/models"

start_nginx() { # start_nginx NAME UPSTREAM_PORT
  PORT[$1]=$(free_port)
  mkdir -p "$work/$1"
  sed -e "s|@PREFIX@|$work/$1|g" -e "s|@PORT@|${PORT[$1]}|g" -e "s|@UPSTREAM@|127.0.0.1:$2|g" \
    "$BENCH_DIR/nginx.conf.in" >"$work/$1/nginx.conf"
  start_bg "$work/$1/stdout.log" nginx -p "$work/$1" -c "$work/$1/nginx.conf" -e "$work/$1/error.log"
  PID[$1]=$LAST_PID
  wait_http "http://127.0.0.1:${PORT[$1]}/v1/models"
}
start_nginx nginx "${PORT[sim]}"
start_nginx nginx-stream "${PORT[psim]}"

for gw in $GATEWAYS; do
  PORT[$gw]=$(free_port)
  bodies=$([ "$gw" = gateway-nobodies ] && echo false || echo true)
  cache=$([ "$gw" = gateway-cache ] && echo true || echo false)
  upstream=$([ "$gw" = gateway-stream ] && echo "${PORT[psim]}" || echo "${PORT[sim]}")
  write_gateway_config "$work/$gw.toml" "${PORT[$gw]}" "$upstream" "$work/$gw.db" "$bodies" "$cache"
  start_bg "$work/$gw.log" env "${GATEWAY_ENV[@]}" "$GATEWAY_BIN" -config "$work/$gw.toml"
  PID[$gw]=$LAST_PID
  wait_http "http://127.0.0.1:${PORT[$gw]}/healthz"
done
sleep 2
declare -A IDLE
for gw in $GATEWAYS; do IDLE[$gw]=$(rss_kb "${PID[$gw]}" VmRSS); done
PORT[cache-hit]=${PORT[gateway-cache]:-}
PORT[cache-miss]=${PORT[gateway-cache]:-}

# 3. Load, interleaved: every target in turn for each mode and concurrency, ROUNDS times over.
# CPU time (user + system) of the proxy process(es) and of the simulator is read around each
# measured run, so CPU per request can be compared between nginx and the gateway.
declare -A CPU_PIDS
CPU_PIDS[direct]=${PID[sim]}
CPU_PIDS[nginx]="${PID[nginx]} $(pgrep -P "${PID[nginx]}" | tr '\n' ' ')"
for target in gateway gateway-nobodies cache-hit cache-miss; do
  CPU_PIDS[$target]=${PID[${INSTANCE[$target]}]:-}
done
cpu_ticks() { # cpu_ticks PID...: utime + stime summed, in clock ticks
  local pid total=0
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
# Per thread of a gateway: "tid, name, ticks" (the name read after the stat line's last ')').
thread_ticks() { # thread_ticks PID
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\t%s\n' "${t##*/}" "$(cat "$t/comm" 2>/dev/null)" \
      "$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done
}
# Ticks per thread name between two thread_ticks listings, as a JSON object; a thread started in
# between counts from zero. With inline scheduling the socket threads run requests and the pool
# threads the audit writer, so this splits a gateway's CPU between the two (spec10.py).
thread_delta() { # thread_delta BEFORE_FILE AFTER_FILE
  awk -F'\t' 'FILENAME == ARGV[1] { before[$1] = $3; next }
    { ticks[$2] += $3 - (($1 in before) ? before[$1] : 0) }
    END { printf "{"; sep = ""; for (name in ticks) { printf "%s\"%s\":%d", sep, name, ticks[name]; sep = "," }
          printf "}" }' "$1" "$2"
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
      : >"$work/threads0"; : >"$work/threads1"
      [ -n "${INSTANCE[$target]:-}" ] && thread_ticks "${PID[${INSTANCE[$target]}]}" >"$work/threads0"
      result=$(run_wrk "$target" "$c" "$mode" "$DURATION")
      # shellcheck disable=SC2086
      proxy1=$(cpu_ticks ${CPU_PIDS[$target]}); sim1=$(cpu_ticks "${PID[sim]}")
      [ -n "${INSTANCE[$target]:-}" ] && thread_ticks "${PID[${INSTANCE[$target]}]}" >"$work/threads1"
      printf '{"round":%d,"target":"%s","connections":%d,"mode":"%s","proxy_cpu_ticks":%d,"sim_cpu_ticks":%d,"proxy_thread_ticks":%s,"warmup":%s,"result":%s}\n' \
        "$round" "$target" "$c" "$mode" $((proxy1 - proxy0)) $((sim1 - sim0)) \
        "$(thread_delta "$work/threads0" "$work/threads1")" "$warm" "$result" >>"$raw"
      if [ -n "${INSTANCE[$target]:-}" ]; then
        gw=${INSTANCE[$target]}
        SENT[$gw]=$(( ${SENT[$gw]:-0} + $(jq .requests <<<"$warm") + $(jq .requests <<<"$result") ))
        INFLIGHT[$gw]=$(( ${INFLIGHT[$gw]:-0} + 2 * c ))
      fi
    done
  done
done
done

# 3b. The throughput frontier: fixed request rates, stepped up; each target in turn per step,
# until its p99 passes 10 ms or it completes less than 95 % of the rate.
frontier="$work/frontier.jsonl"
: >"$frontier"
declare -A SATURATED
for rate in $RATES; do
  for target in direct nginx gateway; do
    [ -z "${SATURATED[$target]:-}" ] || continue
    log "frontier: $target at $rate req/s for ${RATE_SECONDS}s"
    result=$("$FIXEDRATE_BIN" 127.0.0.1 "${PORT[$target]}" /v1/chat/completions "$rate" \
      "$RATE_SECONDS" 1 64)
    printf '{"target":"%s","rate":%d,"loadavg":"%s","result":%s}\n' "$target" "$rate" \
      "$(cut -d' ' -f1 /proc/loadavg)" "$result" >>"$frontier"
    [ "$target" = gateway ] && SENT[gateway]=$(( ${SENT[gateway]:-0} + $(jq .completed <<<"$result") ))
    if python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if r["latency_ms"]["p99"] > 10 or r["achieved"] < 0.95 * r["rate"] or r["errors"] else 1)' "$result"; then
      SATURATED[$target]=1
    fi
  done
done

# 3c. Streams: 64 deltas 20 ms apart. 64 concurrent streams per target, interleaved, then more
# concurrent streams through the gateway (and directly, for the baseline) until one stalls.
streams="$work/streams.jsonl"
: >"$streams"
PORT[direct-stream]=${PORT[psim]}
# The target's RSS is sampled each second (the simulator's for direct-stream); kept as the sample
# at mid-run (all streams open since the 1 s ramp), the last one and the highest, so that
# spec10.py can tell steady memory from growth.
stream_load() { # stream_load TARGET STREAMS PHASE
  local url="http://127.0.0.1:${PORT[$1]}/v1/chat/completions" out pid
  pid=${PID[$1]:-${PID[psim]}}
  out=$(dotnet "$STREAMBENCH_DLL" --url "$url" --streams "$2" --seconds "$STREAM_SECONDS" \
    --ramp-ms 1000 --stall-ms "$STALL_MS" --pid "$pid")
  printf '{"target":"%s","streams":%d,"phase":"%s","loadavg":"%s","result":%s}\n' "$1" "$2" "$3" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$(jq -c '.seconds as $t | .rss_samples as $all
      | ($all | map(select(.t_s >= $t / 2))) as $s | del(.rss_samples)
      + {rss_mid_kb: ($s[0].rss_kb // null), rss_end_kb: ($s[-1].rss_kb // null),
         rss_max_kb: ([$all[].rss_kb] | max)}' <<<"$out")" \
    >>"$streams"
  [ "$1" = gateway-stream ] && SENT[gateway-stream]=$(( ${SENT[gateway-stream]:-0} + $(jq .completed <<<"$out") ))
  jq -e '.failed == 0 and .stalled == 0' <<<"$out" >/dev/null
}
for round in $(seq "$STREAM_ROUNDS"); do
  for target in direct-stream nginx-stream gateway-stream; do
    log "streams round $round/$STREAM_ROUNDS: 64 concurrent, $target, ${STREAM_SECONDS}s"
    stream_load "$target" 64 "64" || true
  done
done
for n in $STREAM_STEPS; do
  ok=1
  for target in direct-stream gateway-stream; do
    log "streams: $n concurrent, $target, ${STREAM_SECONDS}s"
    stream_load "$target" "$n" steps || ok=0
  done
  [ "$ok" = 1 ] || break
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
writer_json=null
if [ "${BENCH_WRITER_ROWS:-0}" -gt 0 ]; then
  writer_json=$(dotnet "$ALLOCBENCH_DLL" --writer-rows "$BENCH_WRITER_ROWS" 2>/dev/null | tail -1)
fi

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
 $(for gw in $GATEWAYS; do [ "$gw" = gateway ] || printf '"%s":%s,' "$gw" "$(gateway_json "$gw")"; done)
 "frontier_file":"frontier.jsonl","streams_file":"streams.jsonl"}
JSON

mkdir -p "$BENCH_DIR/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BENCH_DIR/results/raw-$stamp"
cp "$raw" "$frontier" "$streams" "$meta" "$BENCH_DIR/results/raw-$stamp/"
status=0
python3 "$BENCH_DIR/analyze.py" proxy "$raw" "$meta" "$BENCH_DIR/results" || status=$?
python3 "$BENCH_DIR/spec10.py" "$BENCH_DIR/results/raw-$stamp" || status=$?
exit "$status"

#!/usr/bin/env bash
# make bench-compare BEFORE=<rev> [AFTER=<rev>]: two gateway binaries side by side, interleaved, on
# one simulator: the binary of BEFORE (built in a temporary worktree, kept in
# bench/.build/compare-<rev>) and the working tree's ./ai-menshen (or AFTER's). For each of ROUNDS
# rounds: wrk straight to the simulator at 1 connection (the baseline of the added tail), then each
# binary in turn (the order alternates between rounds): wrk plain at each of BENCH_CONNECTIONS,
# then BENCH_REQUESTS sequential requests (bench/sequential.py). Audit with bodies on. Prints every
# round (the spread between rounds is the noise), the median of the rounds, and at 1 connection
# the p99 each adds over the simulator called directly in the same round. Writes
# bench/results/compare-*.jsonl.
#
# BEFORE_BIN / AFTER_BIN: a binary to use as that side instead of building the revision.
# Knobs: BENCH_ROUNDS (3), BENCH_DURATION (10 s), BENCH_CONNECTIONS ("64 1"), BENCH_REQUESTS
# (1000; 0 skips the sequential run), BENCH_GATEWAY_ENV_BEFORE / BENCH_GATEWAY_ENV_AFTER (extra
# environment for one side, e.g. "DOTNET_GCgen0size=0x4000000": with AFTER=BEFORE the same binary
# is compared with and without a runtime setting).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BEFORE=${BEFORE:?set BEFORE=<git revision>}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-10}
N=${BENCH_REQUESTS:-1000}
CONNECTIONS=${BENCH_CONNECTIONS:-"64 1"}
read -r -a ENV_BEFORE <<<"${BENCH_GATEWAY_ENV_BEFORE:-}"
read -r -a ENV_AFTER <<<"${BENCH_GATEWAY_ENV_AFTER:-}"
ensure_tool wrk wrk
mkdir -p "$BUILD_DIR"
[ -n "${AFTER:-}${AFTER_BIN:-}" ] || ensure_gateway
ensure_simulator

build_rev() { # build_rev REV: the Native AOT binary of REV, built once in a temporary worktree
  local rev tree bin
  rev=$(git -C "$REPO_DIR" rev-parse --short "$1")
  bin="$BUILD_DIR/compare-$rev/ai-menshen"
  if [ ! -x "$bin" ]; then
    log "building $rev (Native AOT) in a temporary worktree"
    tree=$(mktemp -d /tmp/menshen-compare.XXXXXX)
    git -C "$REPO_DIR" worktree add -f --detach "$tree" "$rev" >/dev/null
    make -C "$tree" build >"$BUILD_DIR/compare-$rev.log" 2>&1 \
      || { tail -20 "$BUILD_DIR/compare-$rev.log" >&2; return 1; }
    mkdir -p "$(dirname "$bin")"
    cp "$tree/ai-menshen" "$bin"
    git -C "$REPO_DIR" worktree remove --force "$tree"
  fi
  echo "$bin"
}
rev=$(git -C "$REPO_DIR" rev-parse --short "$BEFORE")
before_bin=${BEFORE_BIN:-$(build_rev "$BEFORE")}
after_bin=${AFTER_BIN:-$GATEWAY_BIN}
after_name="working tree ($(git -C "$REPO_DIR" rev-parse --short HEAD)+)"
if [ -n "${AFTER:-}" ]; then
  after_bin=${AFTER_BIN:-$(build_rev "$AFTER")}
  after_name=$(git -C "$REPO_DIR" rev-parse --short "$AFTER")
fi
before_name="$rev${BENCH_GATEWAY_ENV_BEFORE:+ $BENCH_GATEWAY_ENV_BEFORE}"
after_name="$after_name${BENCH_GATEWAY_ENV_AFTER:+ $BENCH_GATEWAY_ENV_AFTER}"

work=$(mktemp -d /tmp/menshen-compare.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT
sim=$(free_port)
start_bg "$work/simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
wait_http "http://127.0.0.1:$sim/v1/models"
declare -A PORT PID BIN=([before]="$before_bin" [after]="$after_bin")
for v in before after; do
  PORT[$v]=$(free_port)
  write_gateway_config "$work/$v.toml" "${PORT[$v]}" "$sim" "$work/$v.db" true false
  if [ "$v" = before ]; then
    start_bg "$work/$v.log" env "${ENV_BEFORE[@]}" "${BIN[$v]}" -config "$work/$v.toml"
  else
    start_bg "$work/$v.log" env "${ENV_AFTER[@]}" "${BIN[$v]}" -config "$work/$v.toml"
  fi
  PID[$v]=$LAST_PID
  wait_http "http://127.0.0.1:${PORT[$v]}/healthz"
done
PORT[direct]=$sim
raw="$work/raw.jsonl"
: >"$raw"
declare -A SENT
wrk_run() { # wrk_run TARGET CONNECTIONS SECONDS
  wrk -t1 -c"$2" -d"$3s" --latency -s "$BENCH_DIR/wrk/chat.lua" \
    "http://127.0.0.1:${PORT[$1]}/v1/chat/completions" -- plain | sed -n 's/^WRKJSON //p'
}
measure() { # measure TARGET CONNECTIONS ROUND: warm-up 2 s, then DURATION s, one JSON line
  local warm result
  warm=$(wrk_run "$1" "$2" 2)
  result=$(wrk_run "$1" "$2" "$DURATION")
  SENT[$1]=$(( ${SENT[$1]:-0} + $(jq .requests <<<"$warm") + $(jq .requests <<<"$result") ))
  printf '{"round":%d,"variant":"%s","connections":%d,"loadavg":"%s","result":%s}\n' \
    "$3" "$1" "$2" "$(cut -d' ' -f1 /proc/loadavg)" "$result" >>"$raw"
}
for round in $(seq "$ROUNDS"); do
  log "round $round/$ROUNDS direct c=1 (load $(cut -d' ' -f1-3 /proc/loadavg))"
  measure direct 1 "$round"
  order="before after"
  [ $((round % 2)) -eq 0 ] && order="after before"
  for v in $order; do
    for c in $CONNECTIONS; do
      log "round $round/$ROUNDS $v c=$c"
      measure "$v" "$c" "$round"
    done
    [ "$N" -gt 0 ] || continue
    seq_json=$(python3 "$BENCH_DIR/sequential.py" "$N" 1 \
      "$v=http://127.0.0.1:${PORT[$v]}/v1/chat/completions")
    SENT[$v]=$(( ${SENT[$v]:-0} + N + 50 ))
    printf '{"round":%d,"variant":"%s","sequential":%s}\n' "$round" "$v" "$seq_json" >>"$raw"
  done
done
# Every request is an audit row: stop each gateway (it drains its queue) and count.
for v in before after; do
  stop_pid "${PID[$v]}"
  rows=$(sqlite3 "$work/$v.db" 'SELECT COUNT(*) FROM requests')
  stopped=$(grep -oE 'stopped: .*' "$work/$v.log" | sed 's/"/\\"/g' || true)
  printf '{"variant":"%s","audit_rows":%d,"requests_completed":%d,"exit_status":%d,"writer":"%s"}\n' \
    "$v" "$rows" "${SENT[$v]:-0}" "$LAST_STATUS" "$stopped" >>"$raw"
done
mkdir -p "$BENCH_DIR/results"
after_rev=$(git -C "$REPO_DIR" rev-parse --short "${AFTER:-HEAD}")
out="$BENCH_DIR/results/compare-$rev-$after_rev-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
cp "$raw" "$out"
python3 "$BENCH_DIR/compare_report.py" "$raw" "$before_name" "$after_name"
echo "raw results: ${out#"$REPO_DIR/"}"

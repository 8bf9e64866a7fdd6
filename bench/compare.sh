#!/usr/bin/env bash
# make bench-compare BEFORE=<rev>: two gateway binaries side by side, interleaved, on one simulator:
# the binary of BEFORE (built in a temporary worktree, kept in bench/.build/compare-<rev>) and the
# working tree's ./ai-menshen. For each of ROUNDS rounds, each binary in turn: wrk plain at 64 and
# at 1 connection(s), then 1,000 sequential requests (bench/sequential.py). Audit with bodies on.
# Prints every round (the spread between rounds is the noise) and the best per cell; writes
# bench/results/compare-*.jsonl. AFTER=<rev> compares two revisions instead of the working tree.
# Knobs: BENCH_ROUNDS (3), BENCH_DURATION (10 s), BENCH_REQUESTS (1000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BEFORE=${BEFORE:?set BEFORE=<git revision>}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-10}
N=${BENCH_REQUESTS:-1000}
ensure_tool wrk wrk
mkdir -p "$BUILD_DIR"
[ -n "${AFTER:-}" ] || ensure_gateway
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
before_bin=$(build_rev "$BEFORE")
after_bin=$GATEWAY_BIN
after_name="working tree"
if [ -n "${AFTER:-}" ]; then
  after_bin=$(build_rev "$AFTER")
  after_name=$(git -C "$REPO_DIR" rev-parse --short "$AFTER")
fi

work=$(mktemp -d /tmp/menshen-compare.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT
sim=$(free_port)
start_bg "$work/simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
wait_http "http://127.0.0.1:$sim/v1/models"
declare -A PORT BIN=([before]="$before_bin" [after]="$after_bin")
for v in before after; do
  PORT[$v]=$(free_port)
  write_gateway_config "$work/$v.toml" "${PORT[$v]}" "$sim" "$work/$v.db" true false
  start_bg "$work/$v.log" "${BIN[$v]}" -config "$work/$v.toml"
  wait_http "http://127.0.0.1:${PORT[$v]}/healthz"
done
raw="$work/raw.jsonl"
: >"$raw"
wrk_run() { # wrk_run VARIANT CONNECTIONS SECONDS
  wrk -t1 -c"$2" -d"$3s" --latency -s "$BENCH_DIR/wrk/chat.lua" \
    "http://127.0.0.1:${PORT[$1]}/v1/chat/completions" -- plain | sed -n 's/^WRKJSON //p'
}
for round in $(seq "$ROUNDS"); do
  for v in before after; do
    for c in 64 1; do
      log "round $round/$ROUNDS $v c=$c"
      wrk_run "$v" "$c" 2 >/dev/null
      printf '{"round":%d,"variant":"%s","connections":%d,"result":%s}\n' \
        "$round" "$v" "$c" "$(wrk_run "$v" "$c" "$DURATION")" >>"$raw"
    done
    seq_json=$(python3 "$BENCH_DIR/sequential.py" "$N" 1 \
      "$v=http://127.0.0.1:${PORT[$v]}/v1/chat/completions")
    printf '{"round":%d,"variant":"%s","sequential":%s}\n' "$round" "$v" "$seq_json" >>"$raw"
  done
done
mkdir -p "$BENCH_DIR/results"
after_rev=$(git -C "$REPO_DIR" rev-parse --short "${AFTER:-HEAD}")
out="$BENCH_DIR/results/compare-$rev-$after_rev-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
cp "$raw" "$out"
python3 - "$raw" "$rev" "$after_name" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"before = {sys.argv[2]}, after = {sys.argv[3]}; every round, then the best of each cell")
for c in (64, 1):
    for v in ("before", "after"):
        rs = [r["result"] for r in rows if r.get("connections") == c and r["variant"] == v]
        rps = [round(x["requests"] * 1e6 / x["duration_us"]) for x in rs]
        p50 = [x["latency_us"]["p50"] / 1000 for x in rs]
        p99 = [x["latency_us"]["p99"] / 1000 for x in rs]
        errs = sum(sum(x["errors"].values()) for x in rs)
        print(f"c={c:<3} {v:<7} req/s {rps}  p50 ms {p50}  p99 ms {p99}  errors {errs}")
for v in ("before", "after"):
    s = [r["sequential"][v] for r in rows if "sequential" in r and r["variant"] == v]
    print(f"sequential {v:<7} median ms {[x['median_ms'] for x in s]}  p99 ms {[x['p99_ms'] for x in s]}")
PY
echo "raw results: ${out#"$REPO_DIR/"}"

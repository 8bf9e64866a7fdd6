#!/usr/bin/env bash
# make bench-purge: what a retention purge of a large backlog costs the traffic beside it.
# 1. Fill: the gateway (bodies on) over the simulator, wrk at 64 connections for PURGE_FILL (s).
# 2. The rows and their report sums are moved 100 days back (sqlite3, gateway stopped), so that
#    all of them are past `retention_days = 90`.
# 3. The gateway starts again on that file; its first purge runs 10 s after start. wrk at
#    PURGE_CONNECTIONS (4) runs in slices of PURGE_SLICE (2) s from start until the purge's log
#    line and three slices more; each slice's req/s and p99 are printed, then the slices before,
#    during and after the purge summed up. Knobs: PURGE_FILL (40), PURGE_MAX (900 s of slices),
#    BENCH_GATEWAY_BIN (a prebuilt binary), BENCH_NICE. Results: bench/results/purge-*.jsonl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$BUILD_DIR" "$BENCH_DIR/results"
ensure_tool wrk wrk
ensure_tool sqlite3 sqlite3
ensure_gateway
ensure_simulator
trap cleanup_started EXIT

FILL=${PURGE_FILL:-40}
SLICE=${PURGE_SLICE:-2}
MAX=${PURGE_MAX:-900}
CONNECTIONS=${PURGE_CONNECTIONS:-4}
SHIFT_DAYS=100
work=$(mktemp -d)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$BENCH_DIR/results/purge-$stamp.jsonl"
sim_port=$(free_port)
port=$(free_port)

start_bg "$work/simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$sim_port" --fast
wait_http "http://127.0.0.1:$sim_port/v1/models"

# gateway_config RETENTION_DAYS: the bench's config with a retention.
gateway_config() {
  write_gateway_config "$work/config.toml" "$port" "$sim_port" "$work/audit.db" true
  printf '\n[storage]\nretention_days = %d\n' "$1" >>"$work/config.toml"
}
start_gateway() {
  start_bg "$work/gateway-$1.log" "$GATEWAY_BIN" -config "$work/config.toml"
  GATEWAY_PID=$LAST_PID
  wait_http "http://127.0.0.1:$port/healthz"
}
since() { # since START: seconds from START (date +%s.%N) to now, one decimal (no bc needed)
  awk -v now="$(date +%s.%N)" -v start="$1" 'BEGIN { printf "%.1f", now - start }'
}
slice() { # slice CONNECTIONS SECONDS: one wrk run of unique plain requests; its WRKJSON line
  wrk -t2 -c"$1" -d"$2s" --latency -s "$BENCH_DIR/wrk/chat.lua" \
    "http://127.0.0.1:$port/v1/chat/completions" -- plain unique | sed -n 's/^WRKJSON //p'
}

log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
gateway_config 0
start_gateway fill
log "filling: ${FILL}s at 64 connections"
slice 64 "$FILL" >/dev/null
stop_pid "$GATEWAY_PID"
rows=$(sqlite3 "$work/audit.db" 'SELECT count(*) FROM requests')
log "filled: $rows rows, $(du -m "$work/audit.db" | cut -f1) MB; moving them ${SHIFT_DAYS} days back"
sqlite3 "$work/audit.db" <<SQL
BEGIN;
UPDATE requests SET created_at = created_at - $SHIFT_DAYS * 86400000;
UPDATE report_quarters SET quarter = quarter - $SHIFT_DAYS * 96;
UPDATE report_groups SET hour = hour - $SHIFT_DAYS * 24;
UPDATE report_group_days SET day = day - $SHIFT_DAYS;
COMMIT;
SQL

gateway_config 90
started=$(date +%s.%N)
start_gateway purge
log "purging $rows rows (the first purge starts 10 s after start), ${CONNECTIONS} connections"
after=0
while :; do
  t0=$(since "$started")
  result=$(slice "$CONNECTIONS" "$SLICE")
  purged=$(grep -c 'retention: purged' "$work/gateway-purge.log" || true)
  printf '{"t":%s,"purged":%d,"result":%s}\n' "$t0" "$purged" \
    "$result" >>"$out"
  if [ "$purged" -gt 0 ]; then
    [ -n "${done_at:-}" ] || done_at=$(since "$started")
    after=$((after + 1))
    [ "$after" -lt 3 ] || break
  fi
  if awk -v t="$(since "$started")" -v max="$MAX" 'BEGIN { exit !(t > max) }'; then
    log "no purge line after ${MAX}s"; break
  fi
done
stop_pid "$GATEWAY_PID"
grep 'retention' "$work/gateway-purge.log" >&2 || true
left=$(sqlite3 "$work/audit.db" 'SELECT count(*) FROM requests')
python3 - "$out" "${done_at:-0}" "$rows" "$left" <<'PYEOF'
import json, sys
path, done_at, rows, left = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
slices = [json.loads(line) for line in open(path)]
print(f"{'t (s)':>6} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}  phase")
groups = {"before": [], "purging": [], "after": []}
for s in slices:
    r = s["result"]
    rate = r["requests"] / (r["duration_us"] / 1e6)
    phase = "before" if s["t"] + 2 < 10 else ("after" if s["purged"] else "purging")
    groups[phase].append((rate, r["latency_us"]["p99"], r["latency_us"]["max"]))
    print(f"{s['t']:6.1f} {rate:8.0f} {r['latency_us']['p50']/1000:7.2f} "
          f"{r['latency_us']['p99']/1000:7.2f} {r['latency_us']['max']/1000:7.1f}  {phase}")
for phase, g in groups.items():
    if g:
        rates = sorted(x[0] for x in g); p99s = sorted(x[1] for x in g)
        print(f"{phase}: {len(g)} slices, req/s median {rates[len(rates)//2]:.0f}, "
              f"p99 median {p99s[len(p99s)//2]/1000:.2f} ms, worst p99 {p99s[-1]/1000:.2f} ms, "
              f"max {max(x[2] for x in g)/1000:.1f} ms")
print(f"purge: {rows} rows, {left} left of those and the new ones; log line by "
      f"{done_at:.0f} s after start (the purge starts at 10 s)")
PYEOF
log "slices in $out"

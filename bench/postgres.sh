#!/usr/bin/env bash
# make bench-postgres (SPEC §15): the audit writer's rows/s with bodies on PostgreSQL beside
# SQLite, then the gateway's req/s (Native AOT binary, bodies on, cache off, distinct requests)
# with one instance and with three instances on one PostgreSQL database, each instance driven by
# its own wrk (the sum is the fleet's req/s). A throwaway cluster from Debian's `postgresql` runs
# as an unprivileged user in a temp folder and is stopped at the end.
# Knobs: BENCH_WRITER_ROWS (100000), BENCH_DURATION (20 s), BENCH_CONNECTIONS (32 per instance).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$BUILD_DIR"
ROWS=${BENCH_WRITER_ROWS:-100000}
DURATION=${BENCH_DURATION:-20}
CONNS=${BENCH_CONNECTIONS:-32}
PG_USER=menshen-pg
ensure_tool wrk wrk
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ensure_tool /usr/lib/postgresql/15/bin/initdb postgresql
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort | tail -1)
id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$PG_USER"
PG_DIR=$(mktemp -d /tmp/menshen-bench-pg.XXXXXX)
chown "$PG_USER" "$PG_DIR"
PG_PORT=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
stop_pg() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap 'cleanup_started; stop_pg' EXIT
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/server.log" \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
new_db() {
  local name="bench_$RANDOM$RANDOM"
  as_pg "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $name" >/dev/null
  echo "postgres://postgres@127.0.0.1:$PG_PORT/$name"
}

ensure_allocbench
log "audit writer, $ROWS rows with bodies: SQLite"
sqlite=$(dotnet "$ALLOCBENCH_DLL" --writer-rows "$ROWS" | tail -1)
log "audit writer, $ROWS rows with bodies: PostgreSQL"
postgres=$(dotnet "$ALLOCBENCH_DLL" --writer-rows "$ROWS" --postgres "$(new_db)" | tail -1)

ensure_simulator
ensure_gateway
SIM_PORT=$(free_port)
start_bg "$BUILD_DIR/pg-simulator.log" "$SIMULATOR_BIN" --listen "127.0.0.1:$SIM_PORT" --fast
wait_http "http://127.0.0.1:$SIM_PORT/v1/models"

# fleet N BACKEND: starts N gateways on one new database, drives each with wrk, stops them
# (SIGTERM drains the writer), then prints {"req_per_s","responses","rows"}: the summed req/s,
# the responses wrk counted and the rows in the database (at least the responses; requests that
# were in flight when wrk stopped are rows too).
fleet() {
  local n=$1 backend=$2 url="" pids=() ports=() i total=0 responses=0 rows sqlite_db
  sqlite_db="$BUILD_DIR/pg-bench-sqlite.db"
  rm -f "$sqlite_db" "$sqlite_db"-wal "$sqlite_db"-shm
  [ "$backend" = postgres ] && url=$(new_db)
  for i in $(seq "$n"); do
    local port config
    port=$(free_port)
    config="$BUILD_DIR/pg-gateway-$n-$i.toml"
    write_gateway_config "$config" "$port" "$SIM_PORT" "$sqlite_db" true false
    [ "$backend" = postgres ] && cat >>"$config" <<TOML

[storage]
backend = "postgres"

[storage.postgres]
url = "$url"
spool_path = "$BUILD_DIR/pg-spool-$n-$i.db"
TOML
    start_bg "$BUILD_DIR/pg-gateway-$n-$i.log" "$GATEWAY_BIN" -config "$config"
    pids+=("$LAST_PID"); ports+=("$port")
  done
  for port in "${ports[@]}"; do wait_http "http://127.0.0.1:$port/healthz" 30; done
  local outs=()
  for port in "${ports[@]}"; do
    local out="$BUILD_DIR/pg-wrk-$n-$port.txt"
    outs+=("$out")
    wrk -t1 -c"$CONNS" -d"${DURATION}s" -s "$BENCH_DIR/wrk/chat.lua" \
      "http://127.0.0.1:$port/v1/chat/completions" -- plain unique >"$out" 2>&1 &
  done
  wait $(jobs -p | tail -n "$n")
  for out in "${outs[@]}"; do
    total=$(awk -v t="$total" '/^Requests\/sec:/ { t += $2 } END { print t }' "$out")
    responses=$(awk -v t="$responses" '/ requests in / { t += $1 } END { print t }' "$out")
  done
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  if [ "$backend" = postgres ]; then
    rows=$(as_pg "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d "${url##*/}" -tAc \
      "SELECT count(*) FROM requests")
  else
    rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
      "SELECT count(*) FROM requests").fetchone()[0])' "$sqlite_db")
  fi
  [ "$rows" -ge "$responses" ] || { log "LOST ROWS: $rows rows for $responses responses"; exit 1; }
  printf '{"req_per_s":%s,"responses":%s,"rows":%s}' "$total" "$responses" "$rows"
}
log "gateway, one instance on SQLite, $CONNS connections, ${DURATION}s"
sqlite_one=$(fleet 1 sqlite)
log "gateway, one instance on PostgreSQL, $CONNS connections, ${DURATION}s"
one=$(fleet 1 postgres)
log "gateway, three instances on one PostgreSQL database, $CONNS connections each, ${DURATION}s"
three=$(fleet 3 postgres)
result=$(printf '{"writer_sqlite":%s,"writer_postgres":%s,"gateway_sqlite_one":%s,'\
'"gateway_postgres_one":%s,"gateway_postgres_three":%s,"connections_per_instance":%s,'\
'"seconds":%s,"cpus":%s}' "$sqlite" "$postgres" "$sqlite_one" "$one" "$three" "$CONNS" \
  "$DURATION" "$(nproc)")
mkdir -p "$BENCH_DIR/results"
echo "$result" | tee "$BENCH_DIR/results/postgres-$(date -u +%Y%m%dT%H%M%SZ).json"

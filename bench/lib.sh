# Shared helpers for bench/run.sh and bench/stream.sh (sourced, not run).
# Every process started here is remembered by pid and stopped by pid on exit; nothing else is touched.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
BUILD_DIR="$BENCH_DIR/.build"
GATEWAY_BIN="${BENCH_GATEWAY_BIN:-$REPO_DIR/ai-menshen}" # BENCH_GATEWAY_BIN: a prebuilt binary
SIMULATOR_BIN="$BUILD_DIR/simulator/menshen-simulator"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Loopback only: no proxy may sit between the load generator, the servers and the simulator.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

# BENCH_NICE (e.g. -10): run this script and all it starts (servers, load tools) at that nice
# value, so that other work on a shared machine disturbs the measurement less. Empty: unchanged.
if [ -n "${BENCH_NICE:-}" ]; then renice -n "$BENCH_NICE" -p $$ >/dev/null; fi

STARTED_PIDS=()
APT_UPDATED=0

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# ensure_tool COMMAND PACKAGE: installs the Debian package when the command is missing.
ensure_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2"
  if [ "$APT_UPDATED" -eq 0 ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

# newer_sources BINARY DIR...: true when the binary is missing or a source file is newer than it.
newer_sources() {
  local bin=$1; shift
  [ -x "$bin" ] || return 0
  [ -n "$(find "$@" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$bin" \
      -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null)" ]
}

ensure_gateway() {
  [ -z "${BENCH_GATEWAY_BIN:-}" ] || return 0
  if newer_sources "$GATEWAY_BIN" "$REPO_DIR/Core" "$REPO_DIR/Shell" "$REPO_DIR/Directory.Build.props"; then
    log "building the gateway (Native AOT, make build)"
    make -C "$REPO_DIR" build >"$BUILD_DIR/gateway-build.log" 2>&1 \
      || { tail -20 "$BUILD_DIR/gateway-build.log" >&2; return 1; }
  fi
}

ensure_simulator() {
  if newer_sources "$SIMULATOR_BIN" "$REPO_DIR/tools/Simulator"; then
    log "building the simulator (Native AOT)"
    "$REPO_DIR/.ci/ensure-aot-toolchain"
    dotnet publish "$REPO_DIR/tools/Simulator/Menshen.Simulator.csproj" -c Release -r linux-x64 \
      -p:PublishAot=true -o "$BUILD_DIR/simulator" >"$BUILD_DIR/simulator-build.log" 2>&1 \
      || { tail -20 "$BUILD_DIR/simulator-build.log" >&2; return 1; }
  fi
}

ALLOCBENCH_DLL="$BUILD_DIR/allocbench/menshen-allocbench.dll"
ensure_allocbench() { # the in-process harness: allocations per request, audit writer capacity
  log "building bench/AllocBench"
  dotnet build "$BENCH_DIR/AllocBench/Menshen.AllocBench.csproj" -c Release -v quiet -nologo \
    -o "$BUILD_DIR/allocbench" >"$BUILD_DIR/allocbench-build.log" 2>&1 \
    || { tail -20 "$BUILD_DIR/allocbench-build.log" >&2; return 1; }
}

FIXEDRATE_BIN="$BUILD_DIR/fixedrate"
ensure_fixedrate() { # the open-loop, fixed-rate load generator (bench/fixedrate/fixedrate.c)
  if [ ! -x "$FIXEDRATE_BIN" ] || [ "$BENCH_DIR/fixedrate/fixedrate.c" -nt "$FIXEDRATE_BIN" ]; then
    ensure_tool cc gcc
    cc -O2 -Wall -o "$FIXEDRATE_BIN" "$BENCH_DIR/fixedrate/fixedrate.c"
  fi
}

STREAMBENCH_DLL="$BUILD_DIR/streambench/menshen-streambench.dll"
ensure_streambench() { # the concurrent-streams load tool (bench/StreamBench)
  log "building the stream load tool"
  dotnet build "$BENCH_DIR/StreamBench/Menshen.StreamBench.csproj" -c Release -v quiet -nologo \
    -o "$BUILD_DIR/streambench" >"$BUILD_DIR/streambench-build.log" 2>&1 \
    || { tail -20 "$BUILD_DIR/streambench-build.log" >&2; return 1; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_http URL [SECONDS]: polls until the URL answers 200.
wait_http() {
  local url=$1 deadline=$((SECONDS + ${2:-20}))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ]; do
    [ $SECONDS -lt $deadline ] || { log "timed out waiting for $url"; return 1; }
    sleep 0.05
  done
}

# start_bg LOGFILE COMMAND...: runs a command in the background; its pid is left in LAST_PID.
start_bg() {
  local out=$1; shift
  "$@" >"$out" 2>&1 &
  STARTED_PIDS+=("$!")
  LAST_PID=$!
}

# stop_pid PID [SIGNAL]: signals one process we started and waits for it; its exit status is left
# in LAST_STATUS (not printed: a $(...) subshell could not wait for this shell's children).
stop_pid() {
  local pid=$1 signal=${2:-TERM}
  LAST_STATUS=0
  kill -s "$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || LAST_STATUS=$?
}

cleanup_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# write_gateway_config FILE PORT SIM_PORT DB_PATH BODIES(true|false) [CACHE(true|false)]
write_gateway_config() {
  cat >"$1" <<TOML
# Written by bench/: one provider (the simulator); without the cache every request is proxied.
listen = "127.0.0.1:$2"

[[providers]]
name = "simulator"
base_url = "http://127.0.0.1:$3/v1"
api_key = "sk-bench-not-a-real-key"

[storage.sqlite]
path = "$4"

[cache]
enable = ${6:-false}

[logging]
log_request_body = $5
log_response_body = $5

[pricing."gpt-4o-mini"]
input = 0.15
output = 0.6
TOML
}

# rss_kb PID FIELD: VmRSS or VmHWM of a process, in kB.
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

#!/usr/bin/env bash
# Experiment harness of 2026-12-04 (issue 20): runs the gateway variants of the experiment build
# (bench/results/tail-attribution-20261204.diff applied to aa4d08d, built with make build) side
# by side at one connection; results in bench/results/tail-attribution-20261204.txt. Not a make
# target: the switches exist only in that build.
# c=1 added tail: gateway variants via env switches, interleaved
set -euo pipefail
REPO_DIR=$(cd "$(dirname "$0")/../.." && pwd)
source "$REPO_DIR/bench/lib.sh"
# BIN: the experiment build (this commit with the .diff applied, make build); MAIN_BIN: the
# binary the "main" variants run.
BIN=${BIN:?set BIN=<the experiment build of tail-attribution-20261204.diff>}
MAIN_BIN=${MAIN_BIN:-$REPO_DIR/ai-menshen}
ROUNDS=${ROUNDS:-3}; DUR=${DUR:-8}; C=${C:-1}
VARIANTS=${VARIANTS:-"full noaudit nolog none"}
ensure_simulator
work=$(mktemp -d /tmp/exp.XXXXXX)
trap 'cleanup_started; rm -rf "$work"' EXIT
sim=$(free_port)
start_bg "$work/sim.log" env ${SIMENV:-} nice -n -10 "$SIMULATOR_BIN" --listen "127.0.0.1:$sim" --fast
SIMPID=$LAST_PID
wait_http "http://127.0.0.1:$sim/v1/models"
declare -A PORT PID TOTAL
PID[direct]=0
PORT[direct]=$sim
for v in $VARIANTS; do
  PORT[$v]=$(free_port)
  db="$work/$v.db"; case $v in shm*) db=/dev/shm/exp-$v.db; rm -f $db*;; esac
  write_gateway_config "$work/$v.toml" "${PORT[$v]}" "$sim" "$db" ${BODIES:-true} false
  case $v in
    full) e="";; noaudit) e="MENSHEN_EXP_NOAUDIT=1";; nolog) e="MENSHEN_EXP_NOLOG=1";;
    none) e="MENSHEN_EXP_NOAUDIT=1 MENSHEN_EXP_NOLOG=1";;
    wthread) e="MENSHEN_EXP_WRITERTHREAD=1";; minthr) e="MENSHEN_EXP_MINTHREADS=8";;
    gen0) e="DOTNET_GCgen0size=0x4000000";; noaudgen0) e="MENSHEN_EXP_NOAUDIT=1 DOTNET_GCgen0size=0x4000000";;
    wtgen0) e="MENSHEN_EXP_WRITERTHREAD=1 DOTNET_GCgen0size=0x4000000";;
    wyield) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_YIELD=1";;
    widle) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_POLICY=5";;
    wbatch) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_POLICY=3";;
    g0) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_GATHER_US=0";;
    g1) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_GATHER_US=1000";;
    sinl) e="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1";;
    kinl) e="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 MENSHEN_EXP_KINLINE=1";;
    konly) e="MENSHEN_EXP_KINLINE=1";;
    kinl0) e="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 MENSHEN_EXP_KINLINE=1 MENSHEN_EXP_IOQ=0";;
    nakinl) e="MENSHEN_EXP_NOAUDIT=1 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 MENSHEN_EXP_KINLINE=1";;
    spin0) e="DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0";;
    wtspin0) e="DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 MENSHEN_EXP_WRITERTHREAD=1";;
    naspin0) e="DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 MENSHEN_EXP_NOAUDIT=1";;
    kinl2) e="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 MENSHEN_EXP_KINLINE=1 DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=2";;
    slice) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_SLICE_US=100";;
    lg) e="MENSHEN_EXP_LOGGATHER_MS=20";;
    lgslice) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_SLICE_US=100 MENSHEN_EXP_LOGGATHER_MS=20";;
    all) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_SLICE_US=100 MENSHEN_EXP_LOGGATHER_MS=20 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 MENSHEN_EXP_KINLINE=1";;
    shm) e="";;
    shmall) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_SLICE_US=100 MENSHEN_EXP_LOGGATHER_MS=20 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 MENSHEN_EXP_KINLINE=1";;
    g16) e="DOTNET_GCgen0size=1000000";;
    g64) e="DOTNET_GCgen0size=4000000";;
    gmax) e="DOTNET_GCGen0MaxBudget=4000000";;
    nocommit) e="MENSHEN_EXP_NOCOMMIT=1";;
    spin50) e="MENSHEN_EXP_SPINCOMMIT=50";;
    spin50t) e="MENSHEN_EXP_SPINCOMMIT=50 MENSHEN_EXP_WRITERTHREAD=1";;
    g32) e="DOTNET_GCgen0size=2000000";;
    nag16) e="DOTNET_GCgen0size=1000000 MENSHEN_EXP_NOAUDIT=1";;
    wg50) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_GATHER_US=50000";;
    wg20) e="MENSHEN_EXP_WRITERTHREAD=1 MENSHEN_EXP_GATHER_US=20000";;
    main) e="";;
    mainna) e="MENSHEN_EXP_NOAUDIT=1";;
    g2) e="DOTNET_GCgen0size=200000";;
    *) e="$(echo ${EXTRA_ENV:-})";;
  esac
  b=$BIN; case $v in main*) b=$MAIN_BIN;; esac
  start_bg "$work/$v.log" env $e ${GWENV:-} nice -n -10 "$b" -config "$work/$v.toml"
  PID[$v]=$LAST_PID
  wait_http "http://127.0.0.1:${PORT[$v]}/healthz"
  sleep 1; echo "$v idle rss_kb=$(rss_kb ${PID[$v]} VmRSS)"
done
for r in $(seq 1 "$ROUNDS"); do
  for v in direct $VARIANTS; do
    nice -n -10 wrk -t1 -c"$C" -d2s -s "$REPO_DIR/bench/wrk/chat.lua" "http://127.0.0.1:${PORT[$v]}/v1/chat/completions" -- plain >/dev/null
    pid=${PID[$v]}; [ "$v" = direct ] && pid=$SIMPID
    t0=$(awk '{print $14+$15}' /proc/$pid/stat)
    out=$(nice -n -10 wrk -t1 -c"$C" -d"${DUR}s" --latency -s "$REPO_DIR/bench/wrk/chat.lua" "http://127.0.0.1:${PORT[$v]}/v1/chat/completions" -- plain)
    p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
    t1=$(awk '{print $14+$15}' /proc/$pid/stat)
    reqs=$(echo "$out" | awk '/requests in/{print $1}')
    cpu=$(( (t1 - t0) * 10000000 / reqs ))
    TOTAL[$v]=$(( ${TOTAL[$v]:-0} + reqs ))
    printf 'round %s %-8s rps %-10s p50 %-8s p99 %-8s cpu/req %s ns load %s\n' "$r" "$v" "$rps" "$p50" "$p99" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
for v in $VARIANTS; do echo "$v measured requests ${TOTAL[$v]}"; done
for v in $VARIANTS; do
  for t in /proc/${PID[$v]}/task/*; do
    if [ "$(cat $t/comm)" = audit-writer ]; then echo "$v writer cpu_ms=$(awk '{print ($14+$15)*10}' $t/stat)"; fi
  done
done
for v in $VARIANTS; do echo "$v $(grep GCSTAT $work/$v.log | tail -1) rss_kb=$(rss_kb ${PID[$v]} VmRSS) hwm_kb=$(rss_kb ${PID[$v]} VmHWM)"; done

#!/usr/bin/env bash
# throughput-cpu.sh ROUNDS JAR [JAR...]  - redis-benchmark throughput and the servers' CPU time per
# request: a real Redis 7 cluster (3 masters + 3 replicas) against `serve --masters 3 --replicas 1`
# from each JAR, taking turns, ROUNDS times. Each serve gets one unmeasured warm-up run first (the
# JVM compiles its hot code in the first seconds). CPU time = user + system ticks of the server
# processes (/proc/PID/stat) over the run, divided by the requests: it moves far less than ops/s
# when other work shares the machine.
#   N=1000000 PN=8000000 (requests without / with -P 16; large enough that redis-benchmark's
#   250 ms end-of-test tick does not quantise the figures), REAL_BASE=21001, SIM_BASE=21101.
set -u
ROUNDS=${1:?usage: throughput-cpu.sh ROUNDS JAR...}; shift
HERE=$(cd "$(dirname "$0")" && pwd)
N=${N:-1000000}; PN=${PN:-8000000}
REAL_BASE=${REAL_BASE:-21001}; SIM_BASE=${SIM_BASE:-21101}
export RC_DIR=${RC_DIR:-/tmp/slotscope-throughput.$$}
mkdir -p "$RC_DIR"
HZ=$(getconf CLK_TCK)
SERVE_PID=
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  "$HERE/real-cluster.sh" stop "$REAL_BASE" 6 >/dev/null 2>&1
  case "$RC_DIR" in /tmp/slotscope-throughput.*) rm -rf "$RC_DIR" ;; esac
}
trap cleanup EXIT
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
measure() { # label port pids...
  local label=$1 port=$2; shift 2
  local spec
  for spec in "set|$N" "get|$N" "set|$PN|-P 16" "get|$PN|-P 16"; do
    IFS='|' read -r test n pipe <<< "$spec"
    local before after ops
    before=$(ticks "$@")
    ops=$(redis-benchmark -h 127.0.0.1 -p "$port" --cluster -t "$test" -n "$n" -c 50 ${pipe:-} -q 2>/dev/null |
      tr '\r' '\n' | awk '/requests per second/ {v=$2} END{print v}')
    after=$(ticks "$@")
    echo "$label $test ${pipe:--P 1} load=$(cut -d' ' -f1 /proc/loadavg) ops_per_s=$ops cpu_us_per_request=$(awk \
      -v d=$((after - before)) -v hz="$HZ" -v n="$n" 'BEGIN{printf "%.2f", d / hz / n * 1e6}')"
  done
}
RC_FRESH=1 "$HERE/real-cluster.sh" start "$REAL_BASE" 6 1 5000 >/dev/null || exit 1
sleep 3
REAL_PIDS=$(for i in 0 1 2 3 4 5; do "$HERE/real-cluster.sh" pid $((REAL_BASE + i)); done)
for round in $(seq "$ROUNDS"); do
  measure real "$REAL_BASE" $REAL_PIDS
  for jar in "$@"; do
    java -jar "$jar" serve --masters 3 --replicas 1 --port "$SIM_BASE" --node-timeout 5000 > "$RC_DIR/serve.log" 2>&1 &
    SERVE_PID=$!
    for _ in $(seq 300); do grep -q "Press Ctrl-C" "$RC_DIR/serve.log" && break; sleep 0.1; done
    redis-benchmark -p "$SIM_BASE" --cluster -t set,get -n 200000 -c 50 -q > /dev/null 2>&1
    measure "serve:$(basename "$jar")" "$SIM_BASE" "$SERVE_PID"
    kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null; SERVE_PID=
  done
done

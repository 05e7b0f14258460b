#!/usr/bin/env bash
# compare-with-redis.sh [ROUNDS]  - the simulator (`slotscope serve`) against a real Redis 7 cluster of
# the same shape, on this machine, in one run: ROUNDS rounds (default 3), each measuring real Redis then
# the simulator with the very same scripts and tools, then medians and ratios simulator/real.
#
#   redis-benchmark --cluster -t set / -t get -n 200000 -c 50 (-P 1) and -P 16 -n 2000000
#     ops/s, and CPU microseconds per request spent by the servers (all 7 redis-server
#     processes; the serve JVM, JIT and GC included), which a busy machine skews far less
#   redis-cli --cluster reshard of 4096 slots (from all masters to a new one) with 100k keys loaded,
#     pipeline 10, and back (pipeline 1000)                                              seconds
#   redis-cli --cluster rebalance --cluster-use-empty-masters                            seconds
#   memory per key, 1M keys "k:%08d" with 8-byte values, loaded by redis-cli --pipe:
#     real: INFO used_memory summed over the masters, after minus before (mem-per-key.sh)
#     simulator: Java heap used after a full GC (jcmd GC.run; GC.heap_info) of the serve process,
#     after minus before, of a `serve --masters 3` without replicas (a replica in the same JVM
#     would hold a second copy; real used_memory is summed over masters only)
#
# Shape: 3 masters + 3 replicas + 1 empty node, cluster-node-timeout 5000, loopback.
# The steps are those of cluster-bench.sh (kept here from the project's shared benchmark kit, with
# real-cluster.sh, load-keys.pl, mem-per-key.sh and summarize.sh). Needs redis-server, redis-cli,
# redis-benchmark, perl, jcmd, and target/slotscope.jar (mvn -q -DskipTests package).
# Run it on a quiet machine: it prints the load average before each round; other work skews both
# sides, not necessarily alike. Results: $OUT (default bench/results/<date>), summary on stdout.
set -uo pipefail
ROUNDS=${1:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../target/slotscope.jar}
OUT=${OUT:-$HERE/results/$(date +%Y%m%d-%H%M%S)}
REAL_BASE=${REAL_BASE:-21001}   # real nodes REAL_BASE..+6 (bus +10000): keep below 22700
SIM_BASE=${SIM_BASE:-21101}     # serve's nodes SIM_BASE..+6, memory run on SIM_BASE+50..+52
MEM_KEYS=${MEM_KEYS:-1000000}
export RC_DIR=${RC_DIR:-/tmp/slotscope-bench-real.$$}
mkdir -p "$OUT" "$RC_DIR"
[ -f "$JAR" ] || { echo "no $JAR: mvn -q -DskipTests package" >&2; exit 1; }
for p in redis-server redis-cli redis-benchmark perl jcmd; do command -v $p >/dev/null || { echo "missing $p" >&2; exit 1; }; done
SERVE_PID=
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  "$HERE/real-cluster.sh" stop "$REAL_BASE" 7 >/dev/null 2>&1
  case "$RC_DIR" in /tmp/slotscope-bench-real.*) rm -rf "$RC_DIR" ;; esac
}
trap cleanup EXIT

log() { echo "[$(date +%T)] $*" >&2; }

start_serve() { # port options...
  local port=$1; shift
  java -jar "$JAR" serve --port "$port" "$@" > "$OUT/serve-$port.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 300); do
    grep -q "Press Ctrl-C" "$OUT/serve-$port.log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "serve did not start" >&2; return 1
}
stop_serve() { kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null; SERVE_PID=; }

heap_used() { # bytes of Java heap in use after a full GC
  jcmd "$SERVE_PID" GC.run >/dev/null
  jcmd "$SERVE_PID" GC.heap_info | awk '/used/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v * 1024; exit } }'
}

sim_mem_per_key() {
  start_serve $((SIM_BASE + 50)) --masters 3 --node-timeout 5000 || return 1
  local before after keys=0 p
  before=$(heap_used)
  perl "$HERE/load-keys.pl" 127.0.0.1 $((SIM_BASE + 50)) "$MEM_KEYS" > /dev/null || { log "sim load failed"; stop_serve; return 1; }
  after=$(heap_used)
  for p in 0 1 2; do keys=$((keys + $(redis-cli -p $((SIM_BASE + 50 + p)) dbsize))); done
  echo "mem_keys=$keys"
  echo "mem_heap_before=$before"
  echo "mem_heap_after=$after"
  echo "mem_bytes_per_key=$(awk -v a="$before" -v b="$after" -v k="$keys" 'BEGIN{printf "%.1f", (b-a)/k}')"
  stop_serve
}

# WARMUP=1 (default): one unmeasured redis-benchmark run before the measured ones, on both sides, so
# the figures are the steady state (the JVM compiles its hot code in the first seconds; a real
# redis-server has nothing to warm). The warm-up's own ops/s are kept as warmup_set_ops/get_ops:
# what a benchmark started right after `serve` sees. WARMUP=0 skips it.
warm_up() { # port
  [ "${WARMUP:-1}" = 1 ] || return 0
  redis-benchmark -h 127.0.0.1 -p "$1" --cluster -t set,get -n 200000 -c 50 -q 2>/dev/null | tr '\r' '\n' |
    awk '/requests per second/ && ($1=="SET:" || $1=="GET:") {v[$1]=$2} END{print "warmup_set_ops=" v["SET:"]; print "warmup_get_ops=" v["GET:"]}'
}

for round in $(seq "$ROUNDS"); do
  log "round $round of $ROUNDS, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# load $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/real-$round.txt"
  RC_FRESH=1 "$HERE/real-cluster.sh" start "$REAL_BASE" 6 1 5000 >> "$OUT/real-$round.txt" || exit 1
  "$HERE/real-cluster.sh" node $((REAL_BASE + 6)) 5000 || exit 1
  warm_up "$REAL_BASE" >> "$OUT/real-$round.txt"
  CPU_PIDS=$(for i in 0 1 2 3 4 5 6; do "$HERE/real-cluster.sh" pid $((REAL_BASE + i)); done | tr '\n' ' ') \
  STEPS="bench load reshard rebalance" NEW_NODE=127.0.0.1:$((REAL_BASE + 6)) LOG_DIR="$OUT/real-$round.logs" \
    "$HERE/cluster-bench.sh" 127.0.0.1 "$REAL_BASE" >> "$OUT/real-$round.txt"
  "$HERE/mem-per-key.sh" 127.0.0.1 "$REAL_BASE" "$MEM_KEYS" >> "$OUT/real-$round.txt"
  "$HERE/real-cluster.sh" stop "$REAL_BASE" 7

  log "round $round: simulator, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# load $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/sim-$round.txt"
  start_serve "$SIM_BASE" --masters 3 --replicas 1 --spare 1 --node-timeout 5000 || exit 1
  warm_up "$SIM_BASE" >> "$OUT/sim-$round.txt"
  CPU_PIDS=$SERVE_PID STEPS="bench load reshard rebalance" NEW_NODE=127.0.0.1:$((SIM_BASE + 6)) LOG_DIR="$OUT/sim-$round.logs" \
    "$HERE/cluster-bench.sh" 127.0.0.1 "$SIM_BASE" >> "$OUT/sim-$round.txt"
  stop_serve
  sim_mem_per_key >> "$OUT/sim-$round.txt"
done

FIGURES="warmup_set_ops warmup_get_ops bench_p1_set_ops bench_p1_get_ops bench_p16_set_ops bench_p16_get_ops
  bench_p1_set_cpu_us bench_p1_get_cpu_us bench_p16_set_cpu_us bench_p16_get_cpu_us reshard_to_new_s reshard_back_s rebalance_s mem_bytes_per_key"
median() { # name files...
  local name=$1; shift
  cat "$@" | awk -F= -v n="$name" '$1==n && $2 ~ /^[0-9.]+$/ {print $2}' | sort -g |
    awk '{a[NR]=$1} END{ if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'
}
{
  echo "| figure | real Redis 7.0 | simulator | simulator / real |"
  echo "|---|---|---|---|"
  for f in $FIGURES; do
    r=$(median "$f" "$OUT"/real-*.txt); s=$(median "$f" "$OUT"/sim-*.txt)
    echo "| $f | $r | $s | $(awk -v r="$r" -v s="$s" 'BEGIN{ if (r>0) printf "%.2f", s/r; else print "nan"}') |"
  done
  echo
  echo "medians of $ROUNDS rounds; raw figures in $OUT; errors: $(grep -h '^error=\|=FAIL' "$OUT"/*.txt | sort | uniq -c | tr '\n' ' ')"
} | tee "$OUT/summary.md"

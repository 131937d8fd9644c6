#!/usr/bin/env bash
# The chaos drill on a cluster of its own: a PostgreSQL (tests/tools/postgres.sh), 3 silos and the API under run.sh's
# supervision, then `LoadTest chaos`: a flash sale whose buyers retry with their Idempotency-Key while a random silo is
# SIGKILLed every --kill-every seconds (run.sh starts it again) and PostgreSQL is restarted once, then the audit.
#   tests/Benchmarks/chaos.sh [--duration 120] [--kill-every 20] [--concurrency 32] [--buyers 300] [--silos 3]
# Reservations last 60 s here (Inventory__ReservationTtl) and orders are nudged after 10 s without a word
# (Inventory__AcknowledgementTimeout), so the drain of reserved units is seen within the drill's audit.
# Prints the drill's report, then what moves less than throughput on a busy machine: CPU ms per confirmed order of the
# API, the silos and PostgreSQL (from /proc), PostgreSQL transactions per confirmed order, and the load average.
# Logs and the report (report.html has the availability timeline) stay in the folder it prints.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=120
kill_every=20
concurrency=32
buyers=300
silos=3
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --kill-every) kill_every="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --buyers) buyers="$2"; shift 2 ;;
    --silos) silos="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source tests/tools/postgres.sh
command -v jq >/dev/null 2>&1 || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }
work="$(mktemp -d /tmp/chaos-drill.XXXXXX)"
cluster_pid=""
cleanup() {
  [ -n "$cluster_pid" ] && kill "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null || true
  pg_stop "$work"
}
trap cleanup EXIT
say() { printf '[chaos] %s\n' "$*" >&2; }

# CPU clock ticks of a process, its reaped children included (0 once it is gone).
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The silos: those run.sh reaped after a kill (its children's ticks) and the live ones. The API is never killed.
silo_ticks() {
  local sum run_stat pid
  run_stat=$(awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$cluster_pid/stat")
  sum=$run_stat
  for pid in $(cat "$work/run/pids"/silo-*.pid 2>/dev/null); do sum=$((sum + $(ticks "$pid"))); done
  echo "$sum"
}
# PostgreSQL: the postmaster (with the backends it reaped) and its live backends.
pg_ticks() {
  local master sum pid
  master=$(head -n 1 "$work/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  sum=$(ticks "$master")
  for pid in $(pgrep -P "$master"); do sum=$((sum + $(ticks "$pid"))); done
  echo "$sum"
}
xacts() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d shop -Atc \
  "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'shop'"; }

pg_start "$work"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres shop
say "PostgreSQL on 127.0.0.1:$PG_PORT; results in $work"

say "building (Release)"
dotnet build Ecommerce.Orleans.sln -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
loadtest="dotnet tests/LoadTest/bin/Release/net10.0/Ecommerce.LoadTest.dll"

api_port=$(pg_free_port); api_port=$((api_port + 1000))
export ADMIN_EMAIL=chaos@shop.local ADMIN_PASSWORD="chaos-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# One load generator plays every buyer from one address: the API's per-address and per-user limits are lifted.
RateLimiting__Enabled=false Inventory__ReservationTtl=00:01:00 Inventory__AcknowledgementTimeout=00:00:10 RUN_DIR="$work/run" \
  API_PORT=$api_port API_MANAGEMENT_PORT=$((api_port + 10)) DASHBOARD_PORT=$((api_port + 1)) SILO_PORT=$((api_port + 20)) GATEWAY_PORT=$((api_port + 40)) \
  ./run.sh --no-build --silos "$silos" --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=shop" \
  >"$work/cluster.log" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 480); do
  grep -q "Press Ctrl-C" "$work/cluster.log" && break
  kill -0 "$cluster_pid" 2>/dev/null || { cat "$work/cluster.log"; exit 1; }
  sleep 0.5
done
grep -q "Press Ctrl-C" "$work/cluster.log" || { cat "$work/cluster.log"; exit 1; }
say "cluster up: $silos silos and the API on PostgreSQL, supervised by run.sh"

# The restart command records PostgreSQL's CPU on either side of it (the postmaster's counters go with it).
restart="source tests/tools/postgres.sh && awk '{ sub(/^.*\\) /, \"\"); print \$12 + \$13 + \$14 + \$15 }' /proc/\$(head -n 1 $work/data/postmaster.pid)/stat > $work/pg-ticks-before-restart 2>/dev/null; pg_restart $work"
say "drill: ${duration}s, a silo killed every ${kill_every}s, PostgreSQL restarted once; $buyers buyers, $concurrency at a time"
$loadtest chaos --api "http://127.0.0.1:$api_port" --silo-pids "$work/run/pids" --kill-every "$kill_every" --duration "$duration" \
  --restart-postgres "$restart" --reservation-ttl 60 --buyers "$buyers" --concurrency "$concurrency" --report "$work/report" \
  >"$work/drill.log" 2>&1 &
drill=$!

# CPU and transactions from the race's first request to its last answer (not the buyers' registration, not the audit).
api_pid=$(cat "$work/run/pids/api.pid")
started=0 ended=0
while kill -0 "$drill" 2>/dev/null; do
  if [ "$started" -eq 0 ] && grep -q "^Drill:" "$work/drill.log"; then
    started=1; a0=$(ticks "$api_pid"); s0=$(silo_ticks); p0=$(pg_ticks); x0=$(xacts); load0=$(cut -d' ' -f1-3 /proc/loadavg)
  fi
  if [ "$started" -eq 1 ] && [ "$ended" -eq 0 ] && grep -q "^Auditing:" "$work/drill.log"; then
    ended=1; a1=$(ticks "$api_pid"); s1=$(silo_ticks); p1=$(pg_ticks); x1=$(xacts); load1=$(cut -d' ' -f1-3 /proc/loadavg)
  fi
  sleep 0.2
done
status=0; wait "$drill" || status=$?
sed -n '/^# Chaos drill/,$p' "$work/drill.log"
[ "$ended" -eq 1 ] || { say "the drill ended before its race did (exit $status); see $work/drill.log"; tail -n 20 "$work/drill.log"; exit 1; }
grep -E "started again|exited" "$work/cluster.log" | sed 's/^/[run.sh] /' >&2 || true

# PostgreSQL's CPU: up to the restart (recorded by the restart command), then the new postmaster's whole life.
if [ -s "$work/pg-ticks-before-restart" ]; then
  pg_cpu=$(( $(cat "$work/pg-ticks-before-restart") - p0 + p1 ))
else
  pg_cpu=$(( p1 - p0 ))
fi
hz=$(getconf CLK_TCK)
report="$work/report/report.json"
orders=$(jq '.chaos.figures.confirmedOrders // .orders' "$report")
per_order() { awk -v t="$1" -v n="$orders" -v hz="$hz" 'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }'; }
echo
echo "Chaos drill, one machine: $silos silos (run.sh restarts each killed one), the API and PostgreSQL; load average $load0 at the start, $load1 at the end"
jq -r '"orders (201): \(.orders) at \(.ordersPerSecond)/s; answers 5xx: \([.chaos.availability[].failed] | add), no answer: \([.chaos.availability[].noAnswer] | add); purchases retried: \(.chaos.purchases.retried), given up: \(.chaos.purchases.gaveUp)"' "$report"
jq -r '[.chaos.recoveries[] | select(.what | startswith("kill"))] as $k | "kills: \($k | length); failures ended within 10 s after \([$k[] | select((.lastFailureAfterSeconds // 0) <= 10)] | length); orders/s back within 20% within 15 s after \([$k[] | select(.backWithinAfterSeconds != null and .backWithinAfterSeconds <= 15)] | length); longest failure after a kill: \([$k[].lastFailureAfterSeconds // 0] | max // 0) s"' "$report"
jq -r '[.chaos.recoveries[] | select(.what | startswith("PostgreSQL"))][0] // empty | "PostgreSQL restart: \(.failedRequests) failed requests, the last \(.lastFailureAfterSeconds // 0) s after it began"' "$report"
jq -r '"audit: \(if .audit.passed then "PASSED" else "FAILED: " + ([.audit.checks[] | select(.passed | not) | .id] | join(", ")) end)"' "$report"
echo "cpu ms per confirmed order: api $(per_order $((a1 - a0))), silos $(per_order $((s1 - s0))), postgres $(per_order "$pg_cpu")"
echo "transactions per confirmed order: $(awk -v x=$((x1 - x0)) -v n="$orders" 'BEGIN { printf "%.2f", (n > 0 ? x / n : 0) }')"
echo "report: $work/report/report.html"
exit "$status"

#!/usr/bin/env bash
# The flash-sale benchmark: on one machine, in one run, against a cluster on PostgreSQL of its own.
#   tests/Benchmarks/flash-sale.sh [--duration SECONDS (20)] [--concurrency N (64)]
# Measures, side by side:
#   hot SKU     POST /api/orders for one SKU through the API, no limit per customer, durable on PostgreSQL
#   ceiling     GET /api/ping of the same API process, same load generator and concurrency
#   baseline    PostgreSQL's own `UPDATE stock SET qty = qty - 1 WHERE sku = $1 AND qty > 0` on one row (pgbench)
#   in-silo     reserve+confirm straight to one stock grain, and the whole order path, memory vs PostgreSQL
# For the hot-SKU run it also prints, per confirmed order: PostgreSQL transactions (xact_commit), CPU milliseconds of
# the API, the silo, PostgreSQL and the load generator (from /proc), storage round trips and rows, grain calls; and
# what each in-silo operation cost inside the silo (CPU, allocations, grain calls, activations, SQL round trips).
# The last lines are the ratios hot-sku/ceiling and hot-sku/baseline, then `transactions per order` and
# `cpu ms per order` (API + silo + PostgreSQL). Logs and reports stay in the printed folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=20
concurrency=64
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source tests/tools/postgres.sh
work="$(mktemp -d /tmp/flash-sale-bench.XXXXXX)"
cluster_pid=""
cleanup() {
  [ -n "$cluster_pid" ] && kill "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null || true
  pg_stop "$work"
}
trap cleanup EXIT
say() { printf '[bench] %s\n' "$*" >&2; }

pg_start "$work"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres shop
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres insilo
say "PostgreSQL on 127.0.0.1:$PG_PORT; results in $work"

say "building (Release)"
dotnet build Ecommerce.Orleans.sln -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
loadtest="dotnet tests/LoadTest/bin/Release/net10.0/Ecommerce.LoadTest.dll"
benchmarks="dotnet tests/Benchmarks/bin/Release/net10.0/Ecommerce.Benchmarks.dll"

api_port=$(pg_free_port); api_port=$((api_port + 1000))
export ADMIN_EMAIL=bench@shop.local ADMIN_PASSWORD="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# One load generator plays every buyer here: the API's per-address and per-user limits are raised out of the way
# (tests/Benchmarks/admission.sh measures the sale with them).
RateLimiting__Enabled=false API_PORT=$api_port DASHBOARD_PORT=$((api_port + 1)) API_MANAGEMENT_PORT=$((api_port + 2)) \
  ./run.sh --no-build --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=shop" >"$work/cluster.log" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$cluster_pid" 2>/dev/null || { cat "$work/cluster.log"; exit 1; }
  sleep 0.5
done
say "cluster up: one silo and the API on PostgreSQL"

source tests/Benchmarks/costs.sh
api_pid=$(pid_with_env "Urls=http://127.0.0.1:$api_port")
silo_pid=$(pid_with_env "Urls=http://127.0.0.1:$((api_port + 1))")
pg_pid=$(head -n 1 "$work/data/postmaster.pid")
silo_metrics="http://127.0.0.1:$((api_port + 1))/metrics"

say "hot SKU: $concurrency buyers, ${duration}s"
# Setup (admin, product, buyers) is not measured: the sale is, from its first order to its audit.
$loadtest flash-sale --api "http://127.0.0.1:$api_port" --units 100000000 --max-per-customer 0 --buyers "$concurrency" \
  --concurrency "$concurrency" --duration "$duration" --report "$work/hot" \
  >"$work/hot.log" 2>&1 &
loadtest_pid=$!
until grep -q "setup took" "$work/hot.log" 2>/dev/null || ! kill -0 "$loadtest_pid" 2>/dev/null; do sleep 0.1; done
costs_snapshot before "$api_pid" "$silo_pid" "$pg_pid" "$loadtest_pid" "$silo_metrics" >"$work/costs-before.txt"
until grep -q "^Auditing:" "$work/hot.log" 2>/dev/null || ! kill -0 "$loadtest_pid" 2>/dev/null; do sleep 0.1; done
loadgen_ticks=$(cpu_ticks "$loadtest_pid") # now: the load generator may be gone after its short audit
sleep 1.5 # PostgreSQL's backends publish their statistics at most once a second
costs_snapshot after "$api_pid" "$silo_pid" "$pg_pid" "$loadtest_pid" "$silo_metrics" \
  | sed "s/^cpu_loadgen .*/cpu_loadgen $loadgen_ticks/" >"$work/costs-after.txt"
wait "$loadtest_pid" || { tail -n 30 "$work/hot.log"; exit 1; }
grep -E "AUDIT" "$work/hot.log" >&2 || true

say "ceiling: GET /api/ping, ${duration}s"
$loadtest ceiling --api "http://127.0.0.1:$api_port" --concurrency "$concurrency" --duration "$duration" \
  --report "$work/ceiling" >"$work/ceiling.log" 2>&1 || { tail -n 30 "$work/ceiling.log"; exit 1; }

kill "$cluster_pid"; wait "$cluster_pid" 2>/dev/null || true; cluster_pid=""

say "baseline: pgbench, $concurrency clients, ${duration}s"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -d insilo \
  -c "CREATE TABLE stock (sku text PRIMARY KEY, qty int NOT NULL); INSERT INTO stock VALUES ('hot', 1000000000);"
echo "UPDATE stock SET qty = qty - 1 WHERE sku = 'hot' AND qty > 0;" >"$work/baseline.sql"
(cd "$work" && "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$concurrency" -j 2 -T "$duration" \
  --log --log-prefix=pgbench_tx -f baseline.sql insilo >"$work/pgbench.out" 2>&1) || { cat "$work/pgbench.out"; exit 1; }

say "in-silo: stock grain and order path, memory and PostgreSQL"
insilo_seconds=$(( duration / 2 > 5 ? duration / 2 : 5 ))
: >"$work/insilo.txt"
for what in stock orders; do
  for storage in memory postgres adonet; do
    # Their own lines go to the console; the RESULT and COST lines also to the summary.
    $benchmarks "$what" --storage "$storage" --concurrency "$concurrency" --duration "$insilo_seconds" \
      --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=insilo" 2>/dev/null | tee -a "$work/insilo.txt" >&2
  done
done

$benchmarks summarize --hot "$work/hot/report.json" --ceiling "$work/ceiling/report.json" \
  --pgbench-log "$work/pgbench_tx." --pgbench-seconds "$duration" --in-silo "$work/insilo.txt" --concurrency "$concurrency" \
  --costs-before "$work/costs-before.txt" --costs-after "$work/costs-after.txt"

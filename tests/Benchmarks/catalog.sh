#!/usr/bin/env bash
# The catalog search benchmark: on one machine, in one run, against a cluster on PostgreSQL of its own.
#   tests/Benchmarks/catalog.sh [--products N (100000)] [--duration SECONDS (20)] [--seed S (1)] [--queries Q (20000)]
# Sets up (not timed): PostgreSQL, the cluster (one silo, the API), N generated products loaded through the bulk
# import (LoadTest's catalog command, which reports its own time), and a mix of Q distinct queries from the catalog's
# words (one word, two words, a typo, a prefix; category and price filters; sort by price). Then measures, side by side,
# 64 concurrent clients, the same query mix everywhere:
#   search over HTTP        GET /api/products?q=... (LoadTest's paths command), also at 8 connections
#   search in-process       the API's CatalogIndex built from the same products in the benchmark process, 64 tasks
#   PostgreSQL baseline     the same queries as full-text search (stored tsvector, GIN, websearch_to_tsquery, ts_rank)
#   product reads           GET /api/products/{sku} over a hot set of 1,000, against GET /api/ping of the same process
# plus index build time and memory, and freshness (admin change to found by search, 100 changes).
# The last three lines are the ratios. Logs and reports stay in the printed folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

products=100000
duration=20
seed=1
queries=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --products) products="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --queries) queries="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

source tests/tools/postgres.sh
work="$(mktemp -d /tmp/catalog-bench.XXXXXX)"
cluster_pid=""
second_api_pid=""
cleanup() {
  [ -n "$second_api_pid" ] && kill "$second_api_pid" 2>/dev/null && wait "$second_api_pid" 2>/dev/null || true
  [ -n "$cluster_pid" ] && kill "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null || true
  pg_stop "$work"
}
trap cleanup EXIT
say() { printf '[bench] %s\n' "$*" >&2; }
setup() { printf '%s=%s\n' "$1" "$2" >>"$work/setup.txt"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# The API process listening on a port (run.sh starts it under a shell of its own).
pid_on_port() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU seconds (user + system) a process has used so far.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

pg_start "$work"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres shop
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres search
say "PostgreSQL on 127.0.0.1:$PG_PORT; results in $work"
: >"$work/setup.txt"
setup products "$products"
setup seed "$seed"
setup queries "$queries"
setup load_before "$(load_average)"

say "building (Release)"
dotnet build Ecommerce.Orleans.sln -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
loadtest="dotnet tests/LoadTest/bin/Release/net10.0/Ecommerce.LoadTest.dll"
benchmarks="dotnet tests/Benchmarks/bin/Release/net10.0/Ecommerce.Benchmarks.dll"

say "query mix: $queries distinct queries over $products products"
$benchmarks catalog-queries --products "$products" --seed "$seed" --queries "$queries" --out "$work" >"$work/queries.txt"
setup mix "$(sed -n 's/^QUERIES //p' "$work/queries.txt")"

api_port=$(pg_free_port); api_port=$((api_port + 1000))
api="http://127.0.0.1:$api_port"
shop_db="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=shop"
signing_key="$(head -c 48 /dev/urandom | base64)"
export ADMIN_EMAIL=bench@shop.local ADMIN_PASSWORD="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
API_PORT=$api_port DASHBOARD_PORT=$((api_port + 1)) JWT_SIGNING_KEY="$signing_key" ./run.sh --no-build --postgres "$shop_db" >"$work/cluster.log" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 240); do
  curl -fs "$api/health/ready" >/dev/null 2>&1 && break
  kill -0 "$cluster_pid" 2>/dev/null || { cat "$work/cluster.log"; exit 1; }
  sleep 0.5
done
api_pid="$(pid_on_port "$api_port")"
sleep 2
setup api_rss_before_kb "$(rss_kb "$api_pid")"
say "cluster up: one silo and the API (pid $api_pid) on PostgreSQL"

say "loading $products products through POST /api/products/import"
$loadtest catalog --api "$api" --products "$products" --seed "$seed" >"$work/load.log" 2>&1 || { tail -n 30 "$work/load.log"; exit 1; }
loaded="$(grep '^Loaded' "$work/load.log")"
echo "$loaded" >&2
setup load "$loaded"
for _ in $(seq 1 600); do
  total=$(curl -fs "$api/api/products?pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  [ "${total:-0}" -ge "$products" ] && break
  sleep 0.5
done
[ "${total:-0}" -ge "$products" ] || { echo "the API's index holds ${total:-0} products, not $products" >&2; exit 1; }
sleep 2
setup api_rss_after_kb "$(rss_kb "$api_pid")"

say "a second API process joins the loaded cluster: index rebuild time and memory"
second_port=$((api_port + 2))
started=$(date +%s.%N)
(cd Api/bin/Release/net10.0 && exec env Cluster__ClusterId=ecommerce Cluster__ServiceId=ecommerce Cluster__Clustering=AdoNet \
   Cluster__Storage=Postgres Cluster__Reminders=AdoNet "ConnectionStrings__Postgres=$shop_db" Cluster__GatewayPorts__0=30000 \
   Urls="http://127.0.0.1:$second_port" Jwt__SigningKey="$signing_key" Admin__Email="$ADMIN_EMAIL" Admin__Password="$ADMIN_PASSWORD" \
   dotnet Ecommerce.Api.dll >"$work/api-2.log" 2>&1) &
second_api_pid=$!
for _ in $(seq 1 1200); do
  curl -fs "http://127.0.0.1:$second_port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$second_api_pid" 2>/dev/null || { cat "$work/api-2.log"; exit 1; }
  sleep 0.1
done
setup fresh_api_ready_s "$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')"
setup fresh_api_log "$(grep -o 'Catalog index loaded: [^"]*' "$work/api-2.log" | head -n 1)"
sleep 2
setup fresh_api_rss_kb "$(rss_kb "$(pid_on_port "$second_port")")"
kill "$second_api_pid"; wait "$second_api_pid" 2>/dev/null || true; second_api_pid=""

run_paths() { # name, file, concurrency: also where the CPU went (the API process, the load generator)
  say "$1: $3 connections, ${duration}s (load average $(load_average))"
  local api_before generator
  api_before=$(cpu_s "$api_pid")
  generator=$( { $loadtest paths --api "$api" --file "$2" --concurrency "$3" --duration "$duration" --report "$work/$1" >"$work/$1.log" 2>&1 \
    || { tail -n 30 "$work/$1.log" >&2; echo failed; }; times; } | tail -n 1)
  case "$generator" in *failed*) exit 1 ;; esac
  setup "$1_api_cpu_s" "$(awk -v a="$api_before" -v b="$(cpu_s "$api_pid")" 'BEGIN { printf "%.2f", b - a }')"
  # The second line of `times`: user and system time of the shell's children, as 0m1.234s.
  setup "$1_generator_cpu_s" "$(echo "$generator" | awk '{ n = split($0, t, " "); s = 0; for (i = 1; i <= n; i++) { split(t[i], p, "m"); s += p[1] * 60 + p[2] } printf "%.2f", s }')"
}
run_paths search64 "$work/search.paths" 64
run_paths search8 "$work/search.paths" 8
run_paths reads "$work/reads.paths" 64
say "ceiling: GET /api/ping, 64 connections, ${duration}s"
$loadtest ceiling --api "$api" --concurrency 64 --duration "$duration" --report "$work/ceiling" >"$work/ceiling.log" 2>&1 \
  || { tail -n 30 "$work/ceiling.log"; exit 1; }

say "freshness: 100 admin changes, each searched for until found"
$benchmarks freshness --api "$api" --products "$products" --seed "$seed" --changes 100 >"$work/freshness.txt" 2>&1 \
  || { cat "$work/freshness.txt"; exit 1; }

kill "$cluster_pid"; wait "$cluster_pid" 2>/dev/null || true; cluster_pid=""

say "search in-process: CatalogIndex of $products products, 64 tasks, ${duration}s (load average $(load_average))"
$benchmarks search-inprocess --products "$products" --seed "$seed" --queries "$queries" --paths "$work/search.paths" \
  --concurrency 64 --duration "$duration" >"$work/inprocess.txt" 2>&1 || { cat "$work/inprocess.txt"; exit 1; }

say "PostgreSQL full-text search: $products rows, 64 connections, ${duration}s (load average $(load_average))"
$benchmarks search-postgres --products "$products" --seed "$seed" --queries "$queries" --paths "$work/search.paths" \
  --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=search" \
  --concurrency 64 --duration "$duration" >"$work/postgres.txt" 2>&1 || { cat "$work/postgres.txt"; exit 1; }
setup load_after "$(load_average)"

$benchmarks summarize-catalog --dir "$work"

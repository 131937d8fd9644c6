#!/usr/bin/env bash
# The sale-day targets of admission control: on one machine, in one run, against clusters of its own (one silo, the
# API, state in memory: none of these figures is about storage).
#   tests/Benchmarks/admission.sh [--duration SECONDS (20)] [--requests N (6000)] [--flood-clients C (4)]
# Measures, side by side:
#   fuzz        N generated hostile requests over every operation of the API's OpenAPI document (LoadTest fuzz):
#               the count of 5xx (target 0) over those sent (about a tenth are refused by the client itself: a
#               header value it won't send, for example; 6,000 generated send over 5,000)
#   refusals    POST /api/orders without Idempotency-Key for a sold-out product (answered by the API from what it
#               knows), 64 connections, against GET /api/ping of the same API process (target >= 0.5x)
#   sale        a sale's buyers (16 connections, each buyer well under its write limit), with the shipped limits
#   flooded     the same sale while C clients send orders at 10x their write limit (50/s each against 5/s):
#               the buyers' p99 against the sale's (target <= 2x)
# plus CPU seconds per request of the API and the silo (from /proc) and the load average at each step.
# Rate limits: off for fuzz and refusals (one load generator plays every client); as shipped for the sales, except
# the per-address limit on registration and login, raised so that the setup can register the buyers from one address.
# The last three lines are fuzz 5xx, ratio refusals/ceiling and ratio flooded-p99/sale-p99. Logs stay in the printed folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=20
requests=6000
flood_clients=4
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --flood-clients) flood_clients="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/admission-bench.XXXXXX)"
source tests/Benchmarks/common.sh
cluster_pid=""
stop_cluster() { [ -n "$cluster_pid" ] && kill "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null || true; cluster_pid=""; }
trap stop_cluster EXIT
say "results in $work"

say "building (Release)"
dotnet build Ecommerce.Orleans.sln -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
loadtest="dotnet tests/LoadTest/bin/Release/net10.0/Ecommerce.LoadTest.dll"
export ADMIN_EMAIL=bench@shop.local ADMIN_PASSWORD="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# Below the ephemeral range (32768+), where the load generator's own connections could already hold a port.
base_port=$(( (RANDOM % 2000) + 22000 ))

# start_cluster NAME [Setting=value ...]: run.sh on ports of this run, with the given settings in its environment.
start_cluster() {
  local name="$1"; shift
  api_port=$base_port; base_port=$((base_port + 10))
  env "$@" API_PORT=$api_port API_MANAGEMENT_PORT=$((api_port + 1)) DASHBOARD_PORT=$((api_port + 2)) SILO_PORT=$((api_port + 3)) \
    GATEWAY_PORT=$((api_port + 4)) RUN_DIR="$work/run-$name" ./run.sh --no-build >"$work/cluster-$name.log" 2>&1 &
  cluster_pid=$!
  wait_url "http://127.0.0.1:$api_port/health/ready" "$cluster_pid" "$work/cluster-$name.log"
  api="http://127.0.0.1:$api_port"
  api_pid="$(pid_on_port "$api_port")"
  silo_pid="$(pid_on_port $((api_port + 2)))"
  say "cluster '$name' up: API pid $api_pid, silo pid $silo_pid"
}

# measure NAME COMMAND...: runs a LoadTest command, then records its requests and the CPU the API and the silo spent.
measure() {
  local name="$1"; shift
  local api0 silo0
  api0=$(cpu_s "$api_pid"); silo0=$(cpu_s "$silo_pid")
  printf '%s load=%s\n' "$name" "$(load_average)" >>"$work/load.txt"
  "$@" >"$work/$name.log" 2>&1 || { tail -n 30 "$work/$name.log" >&2; exit 1; }
  printf '%s %s %s\n' "$name" "$(awk -v a="$(cpu_s "$api_pid")" -v b="$api0" 'BEGIN { print a - b }')" \
    "$(awk -v a="$(cpu_s "$silo_pid")" -v b="$silo0" 'BEGIN { print a - b }')" >>"$work/cpu.txt"
}

: >"$work/cpu.txt"; : >"$work/load.txt"
start_cluster open RateLimiting__Enabled=false

say "refusals: a sold-out product, 64 connections, ${duration}s"
measure refusals $loadtest flash-sale --api "$api" --units 0 --buyers 64 --concurrency 64 --duration "$duration" \
  --keys no --end-on-refusals no --report "$work/refusals"

say "ceiling: GET /api/ping, 64 connections, ${duration}s"
measure ceiling $loadtest ceiling --api "$api" --concurrency 64 --duration "$duration" --report "$work/ceiling"

# Last on this cluster: its hostile logins lock this address out of logging in (as they should) for a while.
say "fuzz: $requests requests"
measure fuzz $loadtest fuzz --api "$api" --requests "$requests"
fuzz_5xx=$(sed -n 's/^5xx: //p' "$work/fuzz.log")
fuzz_sent=$(sed -n 's/^Sent \([0-9,]*\) requests.*/\1/p' "$work/fuzz.log" | tr -d ,)
grep -aE '^(Sent|By status|4xx)' "$work/fuzz.log" >&2
stop_cluster

start_cluster limited RateLimiting__Accounts__TokenLimit=100000 RateLimiting__Accounts__TokensPerPeriod=100000

say "sale: 300 buyers, 16 connections, ${duration}s, no flood"
measure sale $loadtest flash-sale --api "$api" --units 100000000 --max-per-customer 0 --buyers 300 --concurrency 16 \
  --duration "$duration" --end-on-refusals no --report "$work/sale"

say "flooded: the same sale while $flood_clients clients send 50 orders/s each (10x their limit)"
measure flooded $loadtest flash-sale --api "$api" --units 100000000 --max-per-customer 0 --buyers 300 --concurrency 16 \
  --duration "$duration" --end-on-refusals no --flood-clients "$flood_clients" --flood-rate 50 --report "$work/flooded"
grep '^Flood' "$work/flooded.log" >&2
stop_cluster

row() { # name: requests/s, p50, p99, API and silo CPU ms per request
  local report="$work/$1/report.json" rps n
  rps=$(json_figure "$report" requestsPerSecond)
  n=$(awk -v r="$rps" -v d="$duration" 'BEGIN { printf "%d", r * d }')
  awk -v name="$1" -v rps="$rps" -v p50="$(json_figure "$report" p50)" -v p99="$(json_figure "$report" p99)" \
    -v cpu="$(grep "^$1 " "$work/cpu.txt")" -v n="$n" -v load="$(sed -n "s/^$1 load=//p" "$work/load.txt")" \
    'BEGIN { split(cpu, c, " "); printf "| %s | %.0f | %.1f | %.1f | %.3f | %.3f | %s |\n", name, rps, p50, p99, 1000 * c[2] / n, 1000 * c[3] / n, load }'
}
echo
echo "| measurement | requests/s | p50 ms | p99 ms | API CPU ms/request | silo CPU ms/request | load average |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
for name in refusals ceiling sale flooded; do row "$name"; done
echo
echo "fuzz 5xx: $fuzz_5xx of $fuzz_sent sent"
awk -v a="$(json_figure "$work/refusals/report.json" requestsPerSecond)" -v b="$(json_figure "$work/ceiling/report.json" requestsPerSecond)" \
  'BEGIN { printf "ratio refusals/ceiling: %.2f\n", a / b }'
awk -v a="$(json_figure "$work/flooded/report.json" p99)" -v b="$(json_figure "$work/sale/report.json" p99)" \
  'BEGIN { printf "ratio flooded-p99/sale-p99: %.2f\n", a / b }'

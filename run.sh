#!/usr/bin/env bash
# Runs the shop on one machine: N silos (each with its dashboard), then the HTTP API. Ctrl-C stops everything.
#   ./run.sh                         one silo, in-memory state, localhost clustering, memory streams
#   ./run.sh --silos 3               three silos in one cluster
#   ./run.sh --postgres "Host=127.0.0.1;Port=5432;Username=shop;Password=...;Database=shop"
#                                    membership, grain state and reminders in PostgreSQL (schema applied at start)
#   ./run.sh --observe               also Prometheus (Debian's package, installed when missing) scraping every silo and
#                                    the API, with deploy/prometheus/{prometheus.yml,alerts.yml}
#   ./run.sh --no-build              runs what is already built (Release, or $CONFIGURATION)
# Environment: ADMIN_EMAIL / ADMIN_PASSWORD (the first admin; a random password is made and printed when unset),
#              API_PORT (5000), DASHBOARD_PORT (8080, +1 per further silo), DASHBOARD_USER / DASHBOARD_PASSWORD,
#              SILO_PORT (11111) and GATEWAY_PORT (30000), +1 per further silo, PROMETHEUS_PORT (9090),
#              RUN_DIR (.run: logs, and Prometheus' files), LOG_JSON=1 (JSON log lines).
set -euo pipefail
cd "$(dirname "$0")"

silos=1
postgres=""
observe=0
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    --observe) observe=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$silos" =~ ^[1-9][0-9]?$ ]] || { echo "--silos takes 1 to 99" >&2; exit 2; }

api_port="${API_PORT:-5000}"
dashboard_port="${DASHBOARD_PORT:-8080}"
silo_port="${SILO_PORT:-11111}"
gateway_port="${GATEWAY_PORT:-30000}"
prometheus_port="${PROMETHEUS_PORT:-9090}"
configuration="${CONFIGURATION:-Release}"
admin_email="${ADMIN_EMAIL:-admin@shop.local}"
admin_password="${ADMIN_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}"
signing_key="${JWT_SIGNING_KEY:-$(head -c 48 /dev/urandom | base64)}"
logs="$(mkdir -p "${RUN_DIR:-.run}" && cd "${RUN_DIR:-.run}" && pwd)"

if [ "$build" -eq 1 ]; then
  echo "Building ($configuration)..."
  dotnet build Ecommerce.Orleans.sln -c "$configuration" -v quiet -nologo >"$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }
fi
if [ "$observe" -eq 1 ]; then
  source tests/tools/prometheus.sh
  prometheus_install || exit 1
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit 0
}
trap stop INT TERM EXIT

cluster_env=(Cluster__ClusterId=ecommerce Cluster__ServiceId=ecommerce)
[ "${LOG_JSON:-0}" = 1 ] && cluster_env+=(Logging__Json=true)
if [ -n "$postgres" ]; then
  cluster_env+=(Cluster__Clustering=AdoNet Cluster__Storage=Postgres Cluster__Reminders=AdoNet "ConnectionStrings__Postgres=$postgres")
fi

wait_ready() { # url, name, pid
  for _ in $(seq 1 120); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited; see $logs" >&2; exit 1; }
    sleep 0.5
  done
  echo "$2 did not become ready; see $logs" >&2; exit 1
}

gateways=()
silo_targets=()
for i in $(seq 0 $((silos - 1))); do
  (cd "Silo/bin/$configuration/net10.0" && exec env "${cluster_env[@]}" \
     Cluster__SiloPort=$((silo_port + i)) Cluster__GatewayPort=$((gateway_port + i)) Cluster__PrimarySiloPort=$silo_port \
     Urls="http://127.0.0.1:$((dashboard_port + i))" \
     Dashboard__Username="${DASHBOARD_USER:-}" Dashboard__Password="${DASHBOARD_PASSWORD:-}" \
     dotnet Ecommerce.Silo.dll >"$logs/silo-$i.log" 2>&1) &
  pids+=($!)
  gateways+=("Cluster__GatewayPorts__$i=$((gateway_port + i))")
  silo_targets+=("127.0.0.1:$((dashboard_port + i))")
  # The first silo must be up before the others join it.
  [ "$i" -eq 0 ] && wait_ready "http://127.0.0.1:$dashboard_port/health/ready" "silo 0" "${pids[0]}"
done
for i in $(seq 1 $((silos - 1))); do
  wait_ready "http://127.0.0.1:$((dashboard_port + i))/health/ready" "silo $i" "${pids[$i]}"
done

(cd "Api/bin/$configuration/net10.0" && exec env "${cluster_env[@]}" "${gateways[@]}" \
   Urls="http://127.0.0.1:$api_port" Jwt__SigningKey="$signing_key" \
   Admin__Email="$admin_email" Admin__Password="$admin_password" \
   dotnet Ecommerce.Api.dll >"$logs/api.log" 2>&1) &
pids+=($!)
wait_ready "http://127.0.0.1:$api_port/health/ready" "api" "${pids[-1]}"

observed=""
if [ "$observe" -eq 1 ]; then
  rm -rf "$logs/prometheus"
  prometheus_prepare "$logs/prometheus" "silos=$(IFS=,; echo "${silo_targets[*]}")" "api=127.0.0.1:$api_port"
  (prometheus_run "$logs/prometheus" "$prometheus_port" >"$logs/prometheus.log" 2>&1) &
  pids+=($!)
  wait_ready "http://127.0.0.1:$prometheus_port/-/ready" "prometheus" "${pids[-1]}"
  observed="
  Prometheus   http://127.0.0.1:$prometheus_port   (alerts: /alerts; scrapes $silos silo(s) and the API every 5 s)"
fi

cat <<INFO

The shop is running ($silos silo(s), state: ${postgres:+PostgreSQL}${postgres:-in memory}).
  API          http://127.0.0.1:$api_port
  OpenAPI      http://127.0.0.1:$api_port/openapi/v1.json
  Dashboard    http://127.0.0.1:$dashboard_port/dashboard   (silo i serves it on port $dashboard_port+i)
  Metrics      http://127.0.0.1:$api_port/metrics, http://127.0.0.1:$dashboard_port/metrics (each silo's operator port)$observed
  Admin        $admin_email / $admin_password
  Logs         $logs/
Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}" || true
echo "A process exited on its own; see $logs" >&2

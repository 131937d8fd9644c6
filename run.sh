#!/usr/bin/env bash
# Runs the shop on one machine: N silos (each with its dashboard), then the HTTP API, and keeps them running: a
# silo or the API that dies is started again (on the same ports), with a line saying so. Ctrl-C stops everything.
#   ./run.sh                         one silo, in-memory state, localhost clustering, memory streams
#   ./run.sh --silos 3               three silos in one cluster
#   ./run.sh --postgres "Host=127.0.0.1;Port=5432;Username=shop;Password=...;Database=shop"
#                                    membership, grain state and reminders in PostgreSQL (schema applied at start)
#   ./run.sh --observe               also Prometheus (Debian's package, installed when missing) scraping every silo and
#                                    the API, with deploy/prometheus/{prometheus.yml,alerts.yml}
#   ./run.sh --no-build              runs what is already built (Release, or $CONFIGURATION)
# Environment: ADMIN_EMAIL / ADMIN_PASSWORD (the first admin; a random password is made and printed when unset),
#              API_PORT (5000), API_MANAGEMENT_PORT (5001: the API's /metrics), DASHBOARD_PORT (8080, +1 per further
#              silo), DASHBOARD_USER / DASHBOARD_PASSWORD (operator and a random password, printed, when unset),
#              SILO_PORT (11111) and GATEWAY_PORT (30000), +1 per further silo, PROMETHEUS_PORT (9090),
#              RUN_DIR (.run: logs, pids/NAME.pid of each process, and Prometheus' files), LOG_JSON=1 (JSON log lines).
#              Any other setting of the README's table passes through as an environment variable, e.g.
#              RateLimiting__Enabled=false ./run.sh
# The processes run as Production, with the settings that requires: secrets made here when not given, and the payment
# simulator switched on explicitly (Payments__Simulator__Enabled=true: there is no real processor on a dev machine).
# Only with --postgres does the cluster outlive any silo: with localhost clustering silo 0 holds the membership.
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
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$silos" =~ ^[1-9][0-9]?$ ]] || { echo "--silos takes 1 to 99" >&2; exit 2; }

api_port="${API_PORT:-5000}"
management_port="${API_MANAGEMENT_PORT:-5001}"
dashboard_port="${DASHBOARD_PORT:-8080}"
silo_port="${SILO_PORT:-11111}"
gateway_port="${GATEWAY_PORT:-30000}"
prometheus_port="${PROMETHEUS_PORT:-9090}"
configuration="${CONFIGURATION:-Release}"
admin_email="${ADMIN_EMAIL:-admin@shop.local}"
admin_password="${ADMIN_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}"
signing_key="${JWT_SIGNING_KEY:-$(head -c 48 /dev/urandom | base64)}"
dashboard_user="${DASHBOARD_USER:-operator}"
dashboard_password="${DASHBOARD_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
logs="$(mkdir -p "${RUN_DIR:-.run}" && cd "${RUN_DIR:-.run}" && pwd)"

if [ "$build" -eq 1 ]; then
  echo "Building ($configuration)..."
  dotnet build Ecommerce.Orleans.sln -c "$configuration" -v quiet -nologo >"$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }
fi
if [ "$observe" -eq 1 ]; then
  source tests/tools/prometheus.sh
  prometheus_install || exit 1
fi

# Every process run.sh keeps alive, by name (silo-0, silo-1, ..., api, prometheus): its pid, and how to start it.
declare -A pid_of start_of started_at
pids_dir="$logs/pids"
rm -rf "$pids_dir" && mkdir -p "$pids_dir"
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pid_of[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$pids_dir"
  exit 0
}
trap stop INT TERM EXIT

cluster_env=(Cluster__ClusterId=ecommerce Cluster__ServiceId=ecommerce)
[ "${LOG_JSON:-0}" = 1 ] && cluster_env+=(Logging__Json=true)
if [ -n "$postgres" ]; then
  cluster_env+=(Cluster__Clustering=AdoNet Cluster__Storage=Postgres Cluster__Reminders=AdoNet)
fi
# Secrets go to the processes through their environment, never on a command line (where `ps` would show them).
postgres_env() { [ -z "$postgres" ] || export ConnectionStrings__Postgres="$postgres"; }

wait_ready() { # url, name
  for _ in $(seq 1 120); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "${pid_of[$2]}" 2>/dev/null || { echo "$2 exited; see $logs/$2.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$2 did not become ready; see $logs/$2.log" >&2; exit 1
}

# Starts NAME in the background with the start function recorded for it; its log is appended to, across restarts.
launch() { # name, start function and its arguments
  local name="$1"; shift
  start_of[$name]="$*"
  "$@" >>"$logs/$name.log" 2>&1 3>&- &
  pid_of[$name]=$!
  started_at[$name]=$SECONDS
  echo "${pid_of[$name]}" >"$pids_dir/$name.pid"
}

silo() { # index
  cd "Silo/bin/$configuration/net10.0" && postgres_env && export Dashboard__Password="$dashboard_password" && exec env "${cluster_env[@]}" \
    Cluster__SiloPort=$((silo_port + $1)) Cluster__GatewayPort=$((gateway_port + $1)) Cluster__PrimarySiloPort=$silo_port \
    Urls="http://127.0.0.1:$((dashboard_port + $1))" Dashboard__Username="$dashboard_user" Payments__Simulator__Enabled=true \
    dotnet Ecommerce.Silo.dll
}

api() {
  cd "Api/bin/$configuration/net10.0" && export Jwt__SigningKey="$signing_key" Admin__Password="$admin_password" \
    && postgres_env && exec env "${cluster_env[@]}" "${gateways[@]}" \
    Urls="http://127.0.0.1:$api_port" Management__Urls="http://127.0.0.1:$management_port" Admin__Email="$admin_email" \
    dotnet Ecommerce.Api.dll
}

gateways=()
silo_targets=()
for i in $(seq 0 $((silos - 1))); do
  : >"$logs/silo-$i.log"
  launch "silo-$i" silo "$i"
  gateways+=("Cluster__GatewayPorts__$i=$((gateway_port + i))")
  silo_targets+=("127.0.0.1:$((dashboard_port + i))")
  # The first silo must be up before the others join it.
  [ "$i" -eq 0 ] && wait_ready "http://127.0.0.1:$dashboard_port/health/ready" silo-0
done
for i in $(seq 1 $((silos - 1))); do
  wait_ready "http://127.0.0.1:$((dashboard_port + i))/health/ready" "silo-$i"
done

: >"$logs/api.log"
launch api api
wait_ready "http://127.0.0.1:$api_port/health/ready" api

observed=""
if [ "$observe" -eq 1 ]; then
  rm -rf "$logs/prometheus"
  prometheus_prepare "$logs/prometheus" "silos=$(IFS=,; echo "${silo_targets[*]}")" "api=127.0.0.1:$management_port"
  : >"$logs/prometheus.log"
  launch prometheus prometheus_run "$logs/prometheus" "$prometheus_port"
  wait_ready "http://127.0.0.1:$prometheus_port/-/ready" prometheus
  observed="
  Prometheus   http://127.0.0.1:$prometheus_port   (alerts: /alerts; scrapes $silos silo(s) and the API every 5 s)"
fi

cat <<INFO

The shop is running ($silos silo(s), state: ${postgres:+PostgreSQL}${postgres:-in memory}).
  API          http://127.0.0.1:$api_port
  OpenAPI      http://127.0.0.1:$api_port/openapi/v1.json
  Dashboard    http://127.0.0.1:$dashboard_port/dashboard   (silo i serves it on port $dashboard_port+i; $dashboard_user / $dashboard_password)
  Metrics      http://127.0.0.1:$management_port/metrics (the API's management port), http://127.0.0.1:$dashboard_port/metrics (each silo's operator port)$observed
  Admin        $admin_email / $admin_password
  Logs         $logs/   (pids in $pids_dir/)
Press Ctrl-C to stop.
INFO

# Supervision: whichever process exits is started again at once; one that keeps dying within 10 s of its start
# waits a little longer each time (up to 30 s), so a broken configuration does not spin. Bash's own notices of
# killed jobs are silenced (stderr goes to fd 3 for our lines), and every process is checked after each wake-up,
# since two may die at once.
declare -A backoff
exec 3>&2 2>/dev/null
while true; do
  code=0 exited=""
  wait -n -p exited "${pid_of[@]}" || code=$?
  for name in "${!pid_of[@]}"; do
    pid="${pid_of[$name]}"
    if [ "$pid" = "$exited" ]; then
      how="exited with code $code"
    elif kill -0 "$pid"; then
      continue
    else
      how="exited"
    fi
    delay=0 previous="${backoff[$name]:-0}"
    if [ $((SECONDS - ${started_at[$name]})) -lt 10 ]; then
      delay=$((previous == 0 ? 1 : previous * 2)); [ "$delay" -gt 30 ] && delay=30
    fi
    backoff[$name]=$delay
    when="at once"; [ "$delay" -gt 0 ] && when="in ${delay}s"
    echo "$(date +%H:%M:%S) $name (pid $pid) $how; starting it again $when" >&3
    sleep "$delay"
    # shellcheck disable=SC2086 # the recorded start command is a function name and its plain arguments
    launch "$name" ${start_of[$name]}
    echo "$(date +%H:%M:%S) $name started again (pid ${pid_of[$name]}); log: $logs/$name.log" >&3
  done
done

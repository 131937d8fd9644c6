# Sourced by the benchmark scripts: what a stretch of load cost each process, read from /proc and from the silo's
# metrics, for figures that move less between runs than throughput does.
#   pid_with_env VAR=VALUE          the pid of the process whose environment holds VAR=VALUE (run.sh sets Urls)
#   costs_snapshot LABEL API SILO POSTGRES LOADGEN METRICS_URL
#                                   prints "name value" lines: CPU ticks of each process (PostgreSQL with every
#                                   backend, living or reaped), committed transactions of database shop, and the
#                                   silo's counters (orders confirmed, storage rounds and rows, grain calls, SQL ops)

pid_with_env() {
  local pid
  for pid in $(pgrep -f 'Ecommerce\.(Api|Silo)\.dll'); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "$1" && { echo "$pid"; return 0; }
  done
  return 1
}

# utime + stime of a process, plus what its reaped children used (cutime + cstime), in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# A process and all its descendants (PostgreSQL's backends are the postmaster's children).
cpu_ticks_tree() {
  local total=0 pid
  for pid in $1 $(pgrep -P "$1"); do
    [ "$pid" = "$1" ] && total=$((total + $(cpu_ticks "$pid"))) || total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# Sums a counter of the Prometheus text exposition over all its label sets.
metric_sum() { awk -v name="$1" '$1 == name || index($1, name "{") == 1 { sum += $NF } END { printf "%.0f\n", sum }' "$2"; }

costs_snapshot() {
  local scrape ticks
  scrape=$(mktemp)
  curl -fs "$6" >"$scrape" || true
  ticks=$(getconf CLK_TCK)
  echo "ticks_per_second $ticks"
  echo "cpu_api $(cpu_ticks "$2")"
  echo "cpu_silo $(cpu_ticks "$3")"
  echo "cpu_postgres $(cpu_ticks_tree "$4")"
  echo "cpu_loadgen $(cpu_ticks "$5")"
  echo "transactions $("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d shop -Atc \
    "SELECT xact_commit FROM pg_stat_database WHERE datname = 'shop'")"
  echo "confirmed $(metric_sum shop_orders_confirmed_total "$scrape")"
  echo "storage_rounds $(metric_sum shop_storage_rounds_total "$scrape")"
  echo "storage_rows $(metric_sum shop_storage_rows_total "$scrape")"
  echo "grain_calls $(metric_sum orleans_app_requests_latency_milliseconds_count "$scrape")"
  echo "sql_operations $(metric_sum db_client_operation_duration_seconds_count "$scrape")"
  rm -f "$scrape"
}

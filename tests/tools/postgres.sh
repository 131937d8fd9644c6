# Sourced by test.sh and the benchmark scripts: a throwaway PostgreSQL of their own.
#   pg_start DIR    installs Debian's postgresql when missing, starts an instance in DIR on a free local port and
#                   exports PG_PORT, PG_BIN and PG_CONNECTION (an Npgsql connection string to database postgres)
#   pg_stop DIR     stops it (the caller removes DIR)
#   pg_restart DIR  restarts it on the same port (fast shutdown: open sessions are cut, as in a database failover)
# PostgreSQL refuses to run as root, so as root it runs as the postgres user that the package creates.

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_free_port() {
  local port
  for port in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

pg_start() {
  local dir="$1"
  if [ -z "$(pg_bin_dir)" ] || [ ! -x "$(pg_bin_dir)/initdb" ]; then
    echo "PostgreSQL not found: installing Debian's postgresql package" >&2
    # The package starts a cluster of its own on 5432 where it can; ours runs beside it on a free port.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || { echo "could not install postgresql" >&2; return 1; }
  fi
  PG_BIN="$(pg_bin_dir)"
  PG_PORT="$(pg_free_port)" || { echo "no free port for PostgreSQL" >&2; return 1; }
  chmod 755 "$dir"
  chown postgres:postgres "$dir" 2>/dev/null || true
  pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # Durability stays on (fsync, synchronous_commit): the tests kill silos and expect confirmed orders to survive.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
    || { cat "$dir/postgres.log" >&2; return 1; }
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  export PG_BIN PG_PORT PG_CONNECTION
}

pg_stop() {
  [ -n "${PG_BIN:-}" ] && pg_as_owner "$PG_BIN/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
}

pg_restart() {
  # pg_ctl starts the server again with the options it was started with (postmaster.opts); its output goes to the log.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$1/data" -l "$1/postgres.log" -m fast -w -t 60 restart >/dev/null
}

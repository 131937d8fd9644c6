#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL of its own, and cleans up after itself.
# Installs Debian's postgresql package when the machine has none. Extra arguments go to `dotnet test`
# (for example: ./test.sh --filter "FullyQualifiedName~Stock").
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*"; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  log "PostgreSQL not found: installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  # The package starts a cluster of its own on 5432 where it can; ours runs beside it on a free port.
  apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null || { log "could not install postgresql"; exit 1; }
fi
bin="$(pg_bin)"

free_port() {
  local port
  for port in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}
port="$(free_port)" || { log "no free port for PostgreSQL"; exit 1; }
work="$(mktemp -d /tmp/ecommerce-test.XXXXXX)"
chmod 755 "$work"
chown postgres:postgres "$work" 2>/dev/null || true
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  as_postgres "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

log "starting PostgreSQL ($bin) on 127.0.0.1:$port"
as_postgres "$bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; exit 1; }
# Durability stays on (fsync, synchronous_commit): the tests kill silos and expect confirmed orders to survive.
as_postgres "$bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -t 60 \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
  || { cat "$work/postgres.log"; exit 1; }
export ECOMMERCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=60"

log "building"
dotnet build Ecommerce.Orleans.sln -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

log "running tests"
dotnet test Ecommerce.Orleans.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}

# One line for the whole suite, summed over the test projects' own summaries.
read -r passed failed skipped _ < <(awk '
  /^(Passed|Failed)! +- Failed: / {
    gsub(/,/, ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
    }
    n++
  }
  END { printf "%d %d %d %d\n", p, f, s, n }' "$work/test.log")
# A test host that crashed prints no summary of its own: count it as a failure rather than as nothing.
aborted=$(grep -c -E 'Test Run Aborted|test run was aborted|Test host process crashed' "$work/test.log" || true)
failed=$((failed + aborted))
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"

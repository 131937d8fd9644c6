#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL of its own, and cleans up after itself.
# Installs Debian's postgresql, prometheus and chromium packages when the machine lacks them (the operations tests
# run Prometheus, promtool and a headless browser). Extra arguments go to `dotnet test`
# (for example: ./test.sh --filter "FullyQualifiedName~Stock").
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*"; }

source tests/tools/postgres.sh
source tests/tools/prometheus.sh
source tests/tools/chromium.sh
prometheus_install || exit 1
chromium_install || exit 1
work="$(mktemp -d /tmp/ecommerce-test.XXXXXX)"
cleanup() {
  pg_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT

pg_start "$work" || exit 1
log "PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
export ECOMMERCE_TEST_POSTGRES="$PG_CONNECTION;Pooling=true;Maximum Pool Size=60"

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

# Sourced by test.sh and run.sh: Debian's prometheus package (the server and promtool), run as a plain process.
#   prometheus_install           installs the package when prometheus or promtool is missing
#   prometheus_prepare DIR ...   copies deploy/prometheus/{prometheus.yml,alerts.yml} into DIR and writes its targets:
#                                DIR/targets/silos.json and DIR/targets/api.json, from the HOST:PORT lists given as
#                                "silos=H:P,H:P" and "api=H:P"
#   prometheus_run DIR PORT      runs it in the foreground (exec it in a subshell) on 127.0.0.1:PORT, data in DIR/data
# The package's own service is never started: its post-install start is refused on machines without an init system,
# and ours runs beside anything else on its own port and data directory.

prometheus_install() {
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 && return 0
  echo "Prometheus not found: installing Debian's prometheus package" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null ||
    { echo "could not install prometheus" >&2; return 1; }
}

prometheus_targets_json() { # "H:P,H:P" -> [{"targets":["H:P","H:P"]}]
  local list="" target
  IFS=',' read -ra targets <<<"$1"
  for target in "${targets[@]}"; do list="$list${list:+, }\"$target\""; done
  printf '[{"targets": [%s]}]\n' "$list"
}

prometheus_prepare() {
  local dir="$1" root silos="" api="" arg
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  shift
  for arg in "$@"; do
    case "$arg" in
      silos=*) silos="${arg#silos=}" ;;
      api=*) api="${arg#api=}" ;;
    esac
  done
  mkdir -p "$dir/targets" "$dir/data"
  cp "$root/deploy/prometheus/prometheus.yml" "$root/deploy/prometheus/alerts.yml" "$dir/"
  prometheus_targets_json "$silos" >"$dir/targets/silos.json"
  prometheus_targets_json "$api" >"$dir/targets/api.json"
}

prometheus_run() {
  local dir="$1" port="$2"
  exec prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$port" --web.enable-lifecycle --log.level=warn
}

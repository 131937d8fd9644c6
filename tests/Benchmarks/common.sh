# Helpers the benchmark scripts share (sourced; the caller sets $work first).
say() { printf '[bench] %s\n' "$*" >&2; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# The process listening on a port (run.sh starts each under a shell of its own).
pid_on_port() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU seconds (user + system) a process has used so far.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# A figure of a LoadTest report.json: json_figure FILE requestsPerSecond, json_figure FILE p99 (the latency's).
json_figure() { tr -d ' \n' <"$1" | grep -o "\"$2\":[-0-9.eE+]*" | head -n 1 | cut -d: -f2; }
# Waits until a URL answers 2xx while the process (pid) lives; exits the script otherwise.
wait_url() {
  for _ in $(seq 1 240); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "$1 did not answer; see $3" >&2; exit 1
}

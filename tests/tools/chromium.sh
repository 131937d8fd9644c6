# Sourced by test.sh: Debian's chromium package, for the tests that open the dashboard in a headless browser.
#   chromium_install    installs the package when /usr/bin/chromium is missing
chromium_install() {
  [ -x /usr/bin/chromium ] && return 0
  echo "Chromium not found: installing Debian's chromium package" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null ||
    { echo "could not install chromium" >&2; return 1; }
}

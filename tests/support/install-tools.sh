#!/usr/bin/env bash
# The system tools the tests use, installed from the distribution when
# missing: redis-server and redis-cli (each test file starts its own server or cluster), Python's feedparser
# xmllint and jing (independent feed validators), chromium (the real browser the
# sanitizer's XSS test loads its output in). Run by `npm test` (pretest) and
# so by CI; needs root or passwordless sudo only when something is missing.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# redis-cli joins the cluster tests' nodes (--cluster create); redis-server pulls it in, but say so.
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || need+=(python3-feedparser)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
# RELAX NG validation of Atom output against RFC 4287 (tests/render, tests/serve).
command -v jing >/dev/null 2>&1 || need+=(jing)
# Debian's own build, driven by playwright-core (which never downloads a browser): tests/normalize/xss.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ]; then SUDO=""
elif sudo -n true 2>/dev/null; then SUDO="sudo -n"
else
  echo "tests need: ${need[*]} — install them (apt-get install ${need[*]}) and run again" >&2
  exit 1
fi
echo "installing test tools: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || {
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q "${need[@]}" >/dev/null
}

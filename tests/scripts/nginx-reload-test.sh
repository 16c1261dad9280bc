#!/usr/bin/env bash
# Tests of scripts/lib/nginx-reload.sh (migrate-core.sh's reload of source nginx) against a real nginx started
# here (its own prefix, pid file and port on 127.0.0.1; `nginx` on PATH is a wrapper that adds -p and -c): a reload
# that nginx applies returns once the new configuration answers; a configuration that `nginx -t` accepts but the
# master cannot load (its new listen port is taken) is exit 1 with one line, the old configuration still serving;
# a configuration `nginx -t` refuses is exit 1 before any reload.
# Usage: tests/scripts/nginx-reload-test.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
reload="$root/scripts/lib/nginx-reload.sh"
command -v nginx >/dev/null || { echo "nginx-reload-test: error: nginx is not installed" >&2; exit 4; }
nginx_bin=$(command -v nginx)
tmp=$(mktemp -d)
busy_pid=""
cleanup() {
  [ ! -f "$tmp/nginx.pid" ] || kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  [ -z "$busy_pid" ] || kill "$busy_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

port=$(free_port)
mkdir -p "$tmp/logs" "$tmp/bin"
conf() { # BODY PORT
  cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
worker_processes 2;
events {}
http { access_log off; server { listen 127.0.0.1:$2; location / { return 200 "$1\n"; } } }
CONF
}
printf '#!/bin/sh\nexec %s -p %s -c %s/nginx.conf "$@"\n' "$nginx_bin" "$tmp" "$tmp" >"$tmp/bin/nginx"
chmod +x "$tmp/bin/nginx"
conf v1 "$port"
"$tmp/bin/nginx"
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
run() { out=$(PATH="$tmp/bin:$PATH" sh "$reload" "$tmp/nginx.pid" 2 2>&1) && rc=0 || rc=$?; }

# 1. applied: when it returns, the new configuration answers (no request sees v1 any more)
conf v2 "$port"
run
answer=$(curl -sf "http://127.0.0.1:$port/" || true)
if [ "$rc" -eq 0 ] && [ "$answer" = v2 ] && grep -q "runs the new configuration" <<<"$out"; then
  pass "a reload nginx applies: exit 0, the new configuration answers as soon as it returns"
else
  fail "applied reload: exit $rc, answer '$answer', $out"
fi

# 2. nginx -t passes, the master cannot load it (its new port is taken): exit 1, the old configuration serves on
busy=$(free_port)
python3 -c "import socket, time; s = socket.socket(); s.bind(('127.0.0.1', $busy)); s.listen(); open('$tmp/busy', 'w').close(); time.sleep(60)" &
busy_pid=$!
for _ in $(seq 1 100); do [ -f "$tmp/busy" ] && break; sleep 0.05; done
[ -f "$tmp/busy" ] || { echo "nginx-reload-test: error: could not take port $busy" >&2; exit 4; }
conf v3 "$busy"
run
answer=$(curl -sf "http://127.0.0.1:$port/" || true)
if [ "$rc" -eq 1 ] && [ "$answer" = v2 ] && grep -q "did not load the new configuration within 2 s" <<<"$out" \
  && grep -q "Address already in use" "$tmp/logs/error.log"; then
  pass "nginx -t passes but the master cannot load it: exit 1 in 2 s, one line, the old configuration still serves"
else
  fail "a reload the master refuses: exit $rc, answer '$answer', $out"
fi

# 3. nginx -t refuses: exit 1, nothing reloaded
echo "this is not nginx" >"$tmp/nginx.conf"
run
answer=$(curl -sf "http://127.0.0.1:$port/" || true)
if [ "$rc" -eq 1 ] && [ "$answer" = v2 ] && ! grep -q "did not load" <<<"$out"; then
  pass "a file nginx -t refuses: exit 1 before any reload, the old configuration still serves"
else
  fail "a refused file: exit $rc, answer '$answer', $out"
fi

echo "nginx-reload-test: $failures failed"
[ "$failures" -eq 0 ]

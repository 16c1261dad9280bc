#!/usr/bin/env bash
# verify benchmark: fingerprint (snapshot) then check an account of EVENTS events (default 1,000,000) served by a
# local synthetic Pryv.io core on 127.0.0.1, with the tool's heap capped at -Xmx128m. Target: >= 50,000 events/s.
# Two accounts: every event at its own time, then TIES events (default 100) sharing each time, which the tool reads
# window by window, reading each page's last time again (a core orders events by time only).
# There is no reference tool to compare with (Pryv.io has no account fingerprinting tool); figures are absolute.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${EVENTS:-1000000}"
PAGE="${PAGE:-10000}"
TIES="${TIES:-100}"
WORK=bench/work/verify
mkdir -p "$WORK"
# shellcheck source=scripts/lib/build.sh
source scripts/lib/build.sh
build_jars verify # its test classes too (the synthetic core)
CP="verify/target/test-classes:verify/target/verify.jar"
TOKEN="bench-$RANDOM-$RANDOM"
printf '%s\n' "$TOKEN" > "$WORK/token"
chmod 600 "$WORK/token"

SERVER=
stop_server() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=; fi; }
trap stop_server EXIT

start_server() { # events sharing each time
  rm -f "$WORK/server.out"
  java -Xmx1g -cp "$CP" io.pryv.migration.verify.fake.SyntheticPryvServer 0 "$EVENTS" bench "$TOKEN" "$1" \
    > "$WORK/server.out" 2> "$WORK/server.err" &
  SERVER=$!
  for _ in $(seq 1 600); do
    grep -q '^listening' "$WORK/server.out" 2>/dev/null && break
    sleep 0.1
  done
  PORT=$(awk '/^listening/ {print $2}' "$WORK/server.out")
  [ -n "$PORT" ] || { echo "bench: the synthetic core did not start" >&2; cat "$WORK/server.err" >&2; exit 4; }
  API="http://127.0.0.1:$PORT/"
}

run() { # label, then the verify arguments
  local label=$1; shift
  local start end status=0
  start=$(date +%s.%N)
  /usr/bin/env time -f '%M' -o "$WORK/$label.rss" java -Xmx128m -XX:+UseSerialGC -jar verify/target/verify.jar "$@" \
    > "$WORK/$label.out" 2> "$WORK/$label.err" || status=$?
  end=$(date +%s.%N)
  local seconds rate rss
  seconds=$(echo "$end - $start" | bc -l)
  rate=$(echo "$EVENTS / $seconds" | bc -l)
  rss=$(tail -1 "$WORK/$label.rss" 2>/dev/null || echo '?')
  printf '%-16s %9d events  %7.2f s  %9.0f events/s  exit %d  max RSS %s KiB (heap capped at 128 MiB)  %s\n' \
    "$label" "$EVENTS" "$seconds" "$rate" "$status" "$rss" \
    "$(awk -v r="$rate" 'BEGIN { print (r >= 50000 ? "target met (>= 50,000/s)" : "BELOW the 50,000/s target") }')"
  if [ "$status" -ne 0 ]; then cat "$WORK/$label.err" >&2; fi
  if [ "$status" -ne 0 ] && [ "${label%%-*}" = snapshot ]; then exit "$status"; fi
}

for ties in 1 "$TIES"; do
  suffix=$([ "$ties" = 1 ] && echo "" || echo "-ties$ties")
  start_server "$ties"
  run "snapshot$suffix" snapshot --api "$API" --user bench --token-file "$WORK/token" \
    --out "$WORK/bench$suffix.snapshot" --page-size "$PAGE"
  run "check$suffix" check --api "$API" --against "$WORK/bench$suffix.snapshot" --token-file "$WORK/token" \
    --page-size "$PAGE"
  sed -n '1p;3,4p' "$WORK/check$suffix.out"
  echo "snapshot file: $(du -h "$WORK/bench$suffix.snapshot" | cut -f1)"
  stop_server
done
echo "reference tool: none exists for this job, no ratio printed"

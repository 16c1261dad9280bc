#!/usr/bin/env bash
# verify benchmark: fingerprint (snapshot) then check an account of EVENTS events (default 1,000,000) served by a
# local synthetic Pryv.io core on 127.0.0.1, with the tool's heap capped at -Xmx128m. Target: >= 50,000 events/s.
# There is no reference tool to compare with (Pryv.io has no account fingerprinting tool); figures are absolute.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${EVENTS:-1000000}"
PAGE="${PAGE:-10000}"
WORK=bench/work/verify
mkdir -p "$WORK"
# shellcheck source=bench/lib/build.sh
source bench/lib/build.sh
build_jars verify # its test classes too (the synthetic core)
CP="verify/target/test-classes:verify/target/verify.jar"
TOKEN="bench-$RANDOM-$RANDOM"
printf '%s\n' "$TOKEN" > "$WORK/token"
chmod 600 "$WORK/token"

java -Xmx1g -cp "$CP" io.pryv.migration.verify.fake.SyntheticPryvServer 0 "$EVENTS" bench "$TOKEN" \
  > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^listening' "$WORK/server.out" 2>/dev/null && break
  sleep 0.1
done
PORT=$(awk '/^listening/ {print $2}' "$WORK/server.out")
[ -n "$PORT" ] || { echo "bench: the synthetic core did not start" >&2; cat "$WORK/server.err" >&2; exit 4; }
API="http://127.0.0.1:$PORT/"

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
  printf '%-9s %9d events  %7.2f s  %9.0f events/s  exit %d  max RSS %s KiB (heap capped at 128 MiB)  %s\n' \
    "$label" "$EVENTS" "$seconds" "$rate" "$status" "$rss" \
    "$(awk -v r="$rate" 'BEGIN { print (r >= 50000 ? "target met (>= 50,000/s)" : "BELOW the 50,000/s target") }')"
  if [ "$status" -ne 0 ] && [ "$label" = snapshot ]; then cat "$WORK/$label.err" >&2; exit "$status"; fi
}

run snapshot snapshot --api "$API" --user bench --token-file "$WORK/token" --out "$WORK/bench.snapshot" \
  --page-size "$PAGE"
run check check --api "$API" --against "$WORK/bench.snapshot" --token-file "$WORK/token" --page-size "$PAGE"
head -3 "$WORK/check.out"
echo "snapshot file: $(du -h "$WORK/bench.snapshot" | cut -f1); reference tool: none exists for this job, no ratio printed"

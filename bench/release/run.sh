#!/usr/bin/env bash
# The release's size and start-up. Prints the size of the archive with its runtime (goal: at most 60 MB), then
# times, alternating the two in the same run ROUNDS times, nginx-rewriter started from the unpacked release
# (bin/nginx-rewriter: the jlink runtime and the launcher's JVM options) and `java -jar` of the same jar on the
# full JDK (JAVA_HOME, else java on PATH), for `--version` and for a real `redirect --dry-run` of the example
# site-443.conf; and backup-transfer --version the same two ways (the launcher adds its bounded heap). Medians of
# wall time and of CPU time (user + system), and the ratio
# (goal: the release no slower).
# Usage: bench/release/run.sh [ROUNDS] [ARCHIVE]   (without ARCHIVE: builds the jars if stale, then the release)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-21}"
archive="${2:-}"
work="$root/bench/work/release"
if [ -z "$archive" ]; then
  # shellcheck source=scripts/lib/build.sh
  source "$root/scripts/lib/build.sh"
  build_jars nginx-rewriter platform-yml-editor backup-transfer docker-ops verify
  archive=$("$root/scripts/release.sh" --no-build | head -n 1)
fi
java_cmd=java
if [ -n "${JAVA_HOME:-}" ]; then java_cmd="$JAVA_HOME/bin/java"; fi

rm -rf "$work"
mkdir -p "$work/un packed"
tar -xzf "$archive" -C "$work/un packed"
release=$(echo "$work/un packed"/pryv-core-migration-*)
site="$release/examples/site-443.conf"
jar="$release/lib/nginx-rewriter.jar"

echo "archive: $(basename "$archive"): $(( $(stat -c %s "$archive") / 1000000 )) MB (goal: at most 60 MB);" \
  "unpacked $(du -sm "$release" | cut -f1) MB, of which runtime/ $(du -sm "$release/runtime" | cut -f1) MB"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); full JDK: $("$java_cmd" -version 2>&1 | head -n 1)"

TIMEFORMAT='%3R %3U %3S'
timed() { # LABEL CMD... : appends "LABEL wall cpu" to $work/times
  local label="$1" t
  shift
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || { echo "bench/release: error: $label failed: $*" >&2; exit 4; }
  echo "$label $t" | awk '{ print $1, $2, $3 + $4 }' >>"$work/times"
}
: >"$work/times"
cd "$work"
for _ in 1 2; do # warm the page cache: not measured
  "$release/bin/nginx-rewriter" --version >/dev/null
  "$java_cmd" -jar "$jar" --version >/dev/null
done
for _ in $(seq "$rounds"); do
  timed version-jdk "$java_cmd" -jar "$jar" --version
  timed version-release "$release/bin/nginx-rewriter" --version
  timed redirect-jdk "$java_cmd" -jar "$jar" redirect "$site" --to 10.0.0.2 --dry-run
  timed redirect-release "$release/bin/nginx-rewriter" redirect "$site" --to 10.0.0.2 --dry-run
  timed bt-version-jdk "$java_cmd" -jar "$release/lib/backup-transfer.jar" --version
  timed bt-version-release "$release/bin/backup-transfer" --version
done

median() { # LABEL FIELD(2 wall, 3 cpu)
  awk -v l="$1" -v f="$2" '$1 == l { print $f }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "$rounds rounds, alternated; medians in ms (wall / CPU); version and redirect are nginx-rewriter's, bt-version backup-transfer's:"
for case in version redirect bt-version; do
  jw=$(median "$case-jdk" 2) jc=$(median "$case-jdk" 3) rw=$(median "$case-release" 2) rc=$(median "$case-release" 3)
  awk -v c="$case" -v jw="$jw" -v jc="$jc" -v rw="$rw" -v rc="$rc" 'BEGIN {
    printf "  %-10s java -jar on the full JDK %5.0f / %5.0f   the release'"'"'s bin/ %5.0f / %5.0f   release/JDK %.2fx wall, %.2fx CPU\n",
      c, jw * 1000, jc * 1000, rw * 1000, rc * 1000, rw / jw, rc / jc }'
done

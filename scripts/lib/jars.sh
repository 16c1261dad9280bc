# shellcheck shell=bash
# Locates the toolkit's jars and builds them when one is missing or older than its sources.
# Sourced by the scripts; defines TOOLKIT_ROOT and the function `tool NAME ARGS...`.

TOOLKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLKIT_JARS=(nginx-rewriter platform-yml-editor backup-transfer docker-ops verify)

# Builds every jar (tests skipped) when one is missing or a source file is newer than it
# (TOOLKIT_SKIP_BUILD=1: use the jars as they are).
ensure_jars() {
  local stale=0 module jar
  [ -n "${TOOLKIT_SKIP_BUILD:-}" ] && return 0
  for module in "${TOOLKIT_JARS[@]}"; do
    jar="$TOOLKIT_ROOT/$module/target/$module.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$TOOLKIT_ROOT/$module/src/main" "$TOOLKIT_ROOT/common/src/main" \
        -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      stale=1
    fi
  done
  if [ "$stale" -eq 1 ]; then
    echo "building the toolkit jars (mvn -DskipTests package) ..." >&2
    # Maven 3.8 prints colour resets even in batch/quiet mode: strip them (pipefail keeps mvn's exit code).
    (cd "$TOOLKIT_ROOT" && mvn -B -q -DskipTests package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
  fi
}

# Runs one of the toolkit's jars: tool nginx-rewriter redirect FILE --to IP
tool() {
  local module="$1"
  shift
  java -jar "$TOOLKIT_ROOT/$module/target/$module.jar" "$@"
}

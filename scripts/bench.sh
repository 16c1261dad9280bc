#!/usr/bin/env bash
# Runs every benchmark under bench/ (or the ones named: scripts/bench.sh backup-transfer nginx-parse) and prints
# each one's figures and its ratio against the reference tool measured in the same run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib/build.sh
source "$root/scripts/lib/build.sh"
build_jars nginx-rewriter platform-yml-editor backup-transfer docker-ops verify

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for dir in "$root"/bench/*/; do
    [ -x "$dir/run.sh" ] && names+=("$(basename "$dir")")
  done
fi
status=0
for name in "${names[@]}"; do
  echo "=== bench/$name ==="
  if ! bash "$root/bench/$name/run.sh"; then
    echo "bench/$name: FAILED" >&2
    status=1
  fi
  echo
done
exit "$status"

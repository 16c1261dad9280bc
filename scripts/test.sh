#!/usr/bin/env bash
# Runs every test of the toolkit: installs the real programs the integration tests talk to when they are
# missing (Debian packages, apt-get only then), then `mvn -B verify`. With CI set, a missing program fails the
# build instead of skipping its tests. Extra arguments go to Maven (e.g. scripts/test.sh -pl nginx-rewriter -am).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/packages.sh
source scripts/lib/packages.sh
ensure_programs "${TOOLKIT_PROGRAMS[@]}"

mvn_args=(-B verify)
if [ -n "${CI:-}" ]; then
  mvn_args+=(-Dit.required=true)
fi
exec mvn "${mvn_args[@]}" "$@"

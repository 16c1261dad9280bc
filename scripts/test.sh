#!/usr/bin/env bash
# Runs every test of the toolkit: installs the real programs the integration tests talk to when they are
# missing (Debian packages, apt-get only then), runs shellcheck over every script of the repository
# (tests/infra/shellcheck-all.sh: a finding fails the build) and the tests of the scripts that check and build,
# starts a private Docker engine for the docker-ops tests (its own socket and data root, locally built images,
# stopped again at the end if this script started it), runs `mvn -B verify`, then packs the release from the jars
# just built and tests it unpacked (scripts/test-release.sh), then the tests of migrate-core.sh
# (tests/scripts/migrate-core-test.sh), then the one-machine rehearsal on that release (scripts/rehearse.sh
# --small) as an end-to-end test.
# With CI set, a missing program fails the build instead of skipping its tests.
# Extra arguments go to Maven (e.g. scripts/test.sh -pl nginx-rewriter -am); then the rehearsal is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/packages.sh
source scripts/lib/packages.sh
ensure_programs "${TOOLKIT_PROGRAMS[@]}"

echo "== shellcheck over every script: tests/infra/shellcheck-all.sh"
tests/infra/shellcheck-all.sh
echo "== the scripts' own tests: tests/scripts/shellcheck-test.sh, tests/scripts/build-jars-test.sh, tests/scripts/nginx-reload-test.sh"
tests/scripts/shellcheck-test.sh
tests/scripts/build-jars-test.sh
tests/scripts/nginx-reload-test.sh

mvn_args=(-B verify)
if [ -n "${CI:-}" ]; then
  mvn_args+=(-Dit.required=true)
fi

# The docker-ops integration tests need a Docker engine; without root (a developer's machine) they skip,
# unless CI is set, where they fail.
if [ "$(id -u)" -eq 0 ]; then
  if ! tests/infra/docker-engine.sh status >/dev/null 2>&1; then
    trap 'tests/infra/docker-engine.sh stop' EXIT # also after a start that failed half-way
  fi
  engine=$(tests/infra/docker-engine.sh start | tail -n 1)
  case "$engine" in
    DOCKER_HOST=unix://*) export "${engine?}" ;;
    *) echo "test.sh: error: the test Docker engine did not start (tests/infra/docker-engine.sh start)" >&2; exit 4 ;;
  esac
fi

mvn "${mvn_args[@]}" "$@"

if [ $# -eq 0 ]; then
  echo "== the release: scripts/release.sh --no-build, scripts/test-release.sh"
  archive=$(scripts/release.sh --no-build | sed -n 1p)
  scripts/test-release.sh "$archive"
  echo "== migrate-core.sh against sshd and a fake docker: tests/scripts/migrate-core-test.sh"
  tests/scripts/migrate-core-test.sh
  echo "== end-to-end: scripts/rehearse.sh --small"
  scripts/rehearse.sh --small --release "$archive"
fi

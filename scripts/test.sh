#!/usr/bin/env bash
# Runs every test of the toolkit: installs the real programs the integration tests talk to when they are
# missing (Debian packages, apt-get only then), then `mvn -B verify`. With CI set, a missing program fails the
# build instead of skipping its tests. Extra arguments go to Maven (e.g. scripts/test.sh -pl nginx-rewriter -am).
set -euo pipefail
cd "$(dirname "$0")/.."

# program -> Debian package
declare -A PACKAGES=(
  [nginx]=nginx
  [sshd]=openssh-server
  [ssh-keygen]=openssh-client
  [influxd]=influxdb
  [rsync]=rsync
  [java]=openjdk-17-jdk-headless
  [mvn]=maven
)

missing=()
for program in "${!PACKAGES[@]}"; do
  if ! command -v "$program" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$program" ]; then
    missing+=("${PACKAGES[$program]}")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing missing packages: ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: error: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 4
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # policy-rc.d keeps the freshly installed daemons (nginx, sshd, influxd) from starting system-wide:
  # the tests start their own on free loopback ports.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  [ "$created_policy" -eq 1 ] && rm -f "$policy"
fi

mvn_args=(-B verify)
if [ -n "${CI:-}" ]; then
  mvn_args+=(-Dit.required=true)
fi
exec mvn "${mvn_args[@]}" "$@"

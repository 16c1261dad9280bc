# shellcheck shell=bash
# Installs the Debian packages that provide the given programs, only when a program is missing.
# Usage: ensure_programs nginx:nginx sshd:openssh-server influxd:influxdb
# The daemons are kept from starting system-wide while installed (policy-rc.d): tests start their own.

ensure_programs() {
  local missing=() entry program package
  for entry in "$@"; do
    program="${entry%%:*}"
    package="${entry#*:}"
    if ! command -v "$program" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$program" ]; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing missing packages: ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: these packages are missing and installing them needs root: ${missing[*]}" >&2
    return 4
  fi
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  } || rc=$?
  [ "$created_policy" -eq 1 ] && rm -f "$policy"
  return "$rc"
}

# The programs the tests and the rehearsal talk to, with their Debian packages.
# shellcheck disable=SC2034 # read by the scripts that source this file
TOOLKIT_PROGRAMS=(
  java:openjdk-17-jdk-headless
  jlink:openjdk-17-jdk-headless # scripts/release.sh: the release's runtime (with jdeps and the jmods)
  strip:binutils # scripts/release.sh: the symbol tables of the runtime's native libraries
  mvn:maven
  nginx:nginx
  sshd:openssh-server
  ssh-keygen:openssh-client
  influxd:influxdb
  influx:influxdb-client
  rsync:rsync
  openssl:openssl
  curl:curl
  unzip:unzip
  python3:python3-minimal
  iptables:iptables
  shellcheck:shellcheck # scripts/test.sh: tests/infra/shellcheck-all.sh over every script
)

#!/usr/bin/env bash
# A private Docker engine for the docker-ops integration tests: dockerd as root on its own socket and data root
# (never the machine's /var/run/docker.sock), no iptables, no bridge, and locally built test images (no registry):
# a Debian root file system made by debootstrap from the machine's configured Debian mirror, `docker import`ed,
# then `docker build --network=host` adding influxdb, nginx and python3-pymongo. Images are cached in the data
# root, so a second `start` only starts the daemon. On top, one role image per folder of docker-ops/src/test/docker/
# (pryv-test/FOLDER:1): nginx, influxdb, mongodb-3.6, mongodb-6.0, core (pryvio_core) and config-follower
# (pryvio_config_follower, with the config leader's GET /conf); the stand-ins are described in docs/stand-ins.md.
#
#   scripts/docker-engine.sh start    starts the engine (if not running), builds missing images,
#                                     prints `DOCKER_HOST=unix:///...` on stdout (last line)
#   scripts/docker-engine.sh stop     stops the engine started by `start` (the data root and images stay)
#   scripts/docker-engine.sh status   says whether it runs; exit 0 when it does, 1 otherwise
#   scripts/docker-engine.sh images   builds missing images only (the engine must run)
#
# Environment: PRYV_TEST_DOCKER_ROOT (default /var/lib/pryv-test-docker), DEBIAN_MIRROR (default: the first
# http(s) Debian URI in /etc/apt/sources.list*), DEBIAN_SUITE (default: this machine's VERSION_CODENAME).
# Needs root, the Debian packages docker.io and debootstrap (installed here when missing).
set -euo pipefail

ROOT="${PRYV_TEST_DOCKER_ROOT:-/var/lib/pryv-test-docker}"
SOCKET="$ROOT/run/docker.sock"
PIDFILE="$ROOT/run/dockerd.pid"
LOG="$ROOT/run/dockerd.log"
DOCKER_HOST_URI="unix://$SOCKET"
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
# The Debian client that matches the Debian daemon (a newer client elsewhere on PATH works too).
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=docker

BASE_IMAGE=pryv-test/debian:base
TOOLS_IMAGE=pryv-test/tools:1

say() { echo "docker-engine: $*" >&2; }
die() { echo "docker-engine: error: $*" >&2; exit 4; }

d() { "$DOCKER" -H "$DOCKER_HOST_URI" "$@"; }

running() {
  [ -S "$SOCKET" ] && [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && d version >/dev/null 2>&1
}

install_missing() {
  # shellcheck source=scripts/lib/packages.sh
  source "$REPO_DIR/scripts/lib/packages.sh"
  ensure_programs dockerd:docker.io debootstrap:debootstrap
}

start_daemon() {
  if running; then
    say "already running (pid $(cat "$PIDFILE"))"
    return
  fi
  mkdir -p "$ROOT/data" "$ROOT/exec" "$ROOT/run"
  rm -f "$SOCKET" "$PIDFILE"
  say "starting dockerd (data root $ROOT/data, log $LOG)"
  # setsid: the daemon outlives this script and is not killed with the caller's process group.
  setsid dockerd \
    --host "$DOCKER_HOST_URI" \
    --data-root "$ROOT/data" \
    --exec-root "$ROOT/exec" \
    --pidfile "$PIDFILE" \
    --iptables=false --ip6tables=false --bridge=none \
    --storage-driver "${PRYV_TEST_DOCKER_STORAGE:-overlay2}" \
    >"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    if running; then
      say "dockerd is up"
      return
    fi
    sleep 0.5
  done
  tail -20 "$LOG" >&2 || true
  die "dockerd did not answer on $SOCKET within 60 s (log above, full log in $LOG)"
}

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(grep -hoE '(URIs:|deb)\s+https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* \
    2>/dev/null | awk '{print $2}' | head -1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_images() {
  if ! d image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    local suite mirror rootfs
    suite="${DEBIAN_SUITE:-$(. /etc/os-release && echo "$VERSION_CODENAME")}"
    mirror="$(debian_mirror)"
    rootfs="$ROOT/cache/rootfs-$suite"
    rm -rf "$rootfs"
    mkdir -p "$ROOT/cache"
    say "debootstrap --variant=minbase $suite from $mirror (about a minute)"
    debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$ROOT/cache/debootstrap.log" 2>&1 \
      || { tail -20 "$ROOT/cache/debootstrap.log" >&2; die "debootstrap failed (log $ROOT/cache/debootstrap.log)"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    say "docker import -> $BASE_IMAGE"
    tar -C "$rootfs" -c . | d import - "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
  fi
  if ! d image inspect "$TOOLS_IMAGE" >/dev/null 2>&1; then
    say "docker build $TOOLS_IMAGE (influxdb, influxdb-client, nginx, python3-pymongo)"
    local context
    context=$(mktemp -d)
    cat >"$context/Dockerfile" <<EOF
FROM $BASE_IMAGE
RUN apt-get update -q \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \\
      influxdb influxdb-client nginx-light python3-pymongo procps \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
EOF
    d build --network=host -q -t "$TOOLS_IMAGE" "$context" >/dev/null \
      || { rm -rf "$context"; die "docker build of $TOOLS_IMAGE failed"; }
    rm -rf "$context"
  fi
  # The small role images are rebuilt from their folders every time (layer cache: about a second when unchanged).
  local images_dir="$REPO_DIR/docker-ops/src/test/docker"
  for dir in "$images_dir"/*/; do
    [ -f "$dir/Dockerfile" ] || continue
    local name
    name=$(basename "$dir")
    d build --network=host -q -t "pryv-test/$name:1" "$dir" >/dev/null || die "docker build of pryv-test/$name failed"
  done
  say "images: $(d images --format '{{.Repository}}:{{.Tag}}' | grep '^pryv-test/' | sort | tr '\n' ' ')"
}

stop_daemon() {
  if ! [ -f "$PIDFILE" ] || ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "not running"
    return
  fi
  local pid
  pid=$(cat "$PIDFILE")
  # containers left by interrupted tests would keep their mounts: remove the test ones first
  local left
  left=$(d ps -aq 2>/dev/null || true)
  # shellcheck disable=SC2086 # one container id per word
  if [ -n "$left" ]; then d rm -f $left >/dev/null 2>&1 || true; fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
      # dockerd leaves its netns and data-root mounts behind; drop them so the folder can be removed
      umount "$ROOT/exec/netns/default" 2>/dev/null || true
      umount "$ROOT/data" 2>/dev/null || true
      say "stopped"
      return
    fi
    sleep 0.5
  done
  die "dockerd (pid $pid) did not stop within 30 s"
}

case "${1:-}" in
  start)
    [ "$(id -u)" -eq 0 ] || die "needs root (dockerd runs as root)"
    install_missing
    start_daemon
    build_images
    echo "DOCKER_HOST=$DOCKER_HOST_URI"
    ;;
  images)
    running || die "not running: scripts/docker-engine.sh start"
    build_images
    ;;
  stop)
    stop_daemon
    ;;
  status)
    if running; then
      echo "running pid=$(cat "$PIDFILE") DOCKER_HOST=$DOCKER_HOST_URI"
    else
      echo "not running"
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 start|stop|status|images" >&2
    exit 2
    ;;
esac

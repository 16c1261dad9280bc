#!/usr/bin/env bash
# A Docker engine on one rehearsal host (tests/topology/hosts.sh), with the test engine's images.
#
#   tests/topology/engine.sh up DIR HOST IMAGE...   start dockerd on HOST, give it IMAGE... (from the test engine)
#
# dockerd runs inside HOST's network and mount namespaces with the defaults a core machine has: its socket is
# /var/run/docker.sock, its exec root /var/run/docker, both in HOST's own /run (bound from DIR/hosts/HOST/run:
# the machine's real /var/run/docker.sock is never touched). No iptables, no bridge: containers run with
# --network host, i.e. in HOST's namespace. Its data root stays between rehearsals
# (PRYV_REHEARSAL_CACHE/docker-HOST, default /var/lib/pryv-rehearsal), so images are loaded once; containers left
# by an earlier run are removed at start. A second rehearsal running at the same time gets a data root in DIR.
# Images come from the test engine (TEST_DOCKER_HOST, as tests/infra/docker-engine.sh start prints it) with
# `docker save | docker load`, the saved archive cached by image ids. No registry. dockerd stops with the host
# (hosts.sh down).
set -euo pipefail

CACHE="${PRYV_REHEARSAL_CACHE:-/var/lib/pryv-rehearsal}"
HOSTS_SH="$(dirname "$0")/hosts.sh"
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=docker

die() { echo "engine: error: $1" >&2; exit "${2:-4}"; }
on() { "$HOSTS_SH" exec "$DIR" "$HOST" "$@"; }
d() { on "$DOCKER" "$@"; }

if [ "${1:-}" != up ] || [ $# -lt 3 ]; then die "usage: engine.sh up DIR HOST IMAGE..." 2; fi
DIR="$(cd "$2" && pwd)"
HOST="$3"
shift 3
IMAGES=("$@")
[ -n "${TEST_DOCKER_HOST:-}" ] || die "TEST_DOCKER_HOST is not set (tests/infra/docker-engine.sh start prints it)" 2

mkdir -p "$CACHE"
# One rehearsal at a time uses the kept data root (the lock is held by dockerd's shell as long as it runs).
data_root="$CACHE/docker-$HOST"
lock="$CACHE/docker-$HOST.lock"
exec {lock_fd}>"$lock"
if ! flock -n "$lock_fd"; then
  data_root="$DIR/hosts/$HOST/docker-data"
  echo "engine: $HOST: $CACHE/docker-$HOST is in use by another rehearsal: a fresh data root in $data_root" >&2
fi
mkdir -p "$data_root"
# Containers an interrupted run left in the kept data root would restart with dockerd (restart policies) before
# they could be removed, on bind mounts this new host does not have yet: dockerd must not know them.
rm -rf "$data_root/containers"
log="$DIR/hosts/$HOST/log/dockerd.log"
# The lock goes with dockerd: it is released when dockerd (its holder) ends.
on setsid dockerd --data-root "$data_root" --iptables=false --ip6tables=false --bridge=none \
  --storage-driver "${PRYV_TEST_DOCKER_STORAGE:-overlay2}" </dev/null >"$log" 2>&1 &
exec {lock_fd}>&-
for _ in $(seq 1 240); do
  if d version >/dev/null 2>&1; then break; fi
  sleep 0.25
done
d version >/dev/null 2>&1 || { tail -20 "$log" >&2; die "dockerd on $HOST did not answer within 60 s (log: $log)"; }

left=$(d ps -aq)
# shellcheck disable=SC2086 # one id per word
[ -z "$left" ] || d rm -f $left >/dev/null

# Only the images this engine lacks (or holds in another version) move.
want=()
for image in "${IMAGES[@]}"; do
  id=$("$DOCKER" -H "$TEST_DOCKER_HOST" image inspect --format '{{.Id}}' "$image" 2>/dev/null) \
    || die "the test engine has no image $image (tests/infra/docker-engine.sh start builds them)" 4
  [ "$(d image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)" = "$id" ] || want+=("$image")
done
if [ ${#want[@]} -gt 0 ]; then
  key=$(for image in "${want[@]}"; do "$DOCKER" -H "$TEST_DOCKER_HOST" image inspect --format "$image {{.Id}}" "$image"; done \
    | sha256sum | cut -c1-16)
  archive="$CACHE/images-$key.tar"
  if [ ! -f "$archive" ]; then
    echo "engine: saving ${want[*]} from the test engine (once: cached in $archive)" >&2
    "$DOCKER" -H "$TEST_DOCKER_HOST" save "${want[@]}" >"$archive.part.$$"
    mv -f "$archive.part.$$" "$archive" # two engines may save the same images at once
  fi
  echo "engine: $HOST: docker load ${want[*]}" >&2
  d load -q <"$archive" >/dev/null
fi
echo "engine: $HOST: dockerd up (data root $data_root), images: $(d images --format '{{.Repository}}:{{.Tag}}' | grep -v '<none>' | sort | tr '\n' ' ')"

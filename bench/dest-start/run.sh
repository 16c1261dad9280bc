#!/usr/bin/env bash
# How restore starts dest's serving containers after presync, two ways alternated on the rehearsal's dest (the
# order rotated every round), ROUNDS rounds, medians of wall seconds:
#   run-pryv      Pryv's run-pryv (docker-compose up -d of pryv.yml: starts what is stopped, leaves the running
#                 databases alone)
#   docker-start  one docker start of the same stopped containers, in the order docker-compose created them
# Before each timed start, pryvio_core and pryvio_nginx are stopped (docker stop, not timed), as presync leaves
# them. Also the time until the core's API answers through dest's nginx (curl every 0.05 s), which is what the
# window waits for. The hosts are the rehearsal's (tests/topology: namespaces, dockerd with the test engine's
# images, Pryv's scripts and compose files, the core and MongoDB stand-ins); they are stopped at the end.
# Usage: bench/dest-start/run.sh [ROUNDS]   (root; builds nothing: the stand-in jars must be built)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-7}"
topology="$root/tests/topology"
# shellcheck source=scripts/lib/stats.sh
source "$root/scripts/lib/stats.sh"
export MONGO_STAND_IN_JAR="$root/stand-ins/mongodb/target/mongodb-stand-in.jar"
export CORE_STAND_IN_JAR="$root/stand-ins/pryv-core/target/pryv-core-stand-in.jar"
engine=$("$root/tests/infra/docker-engine.sh" start | tail -n 1)
export TEST_DOCKER_HOST="${engine#DOCKER_HOST=}"
D=$(mktemp -d /tmp/dest-start-bench.XXXXXX)
trap '"$topology/hosts.sh" down "$D" >/dev/null 2>&1 || true; rm -rf "$D"' EXIT
IMAGES=(pryv-test/nginx:1 pryv-test/influxdb:1 pryv-test/mongodb-6.0:1 pryv-test/core:1 pryv-test/config-follower:1)
"$topology/hosts.sh" up "$D" >/dev/null
"$topology/engine.sh" up "$D" source "${IMAGES[@]}" >/dev/null
"$topology/engine.sh" up "$D" dest "${IMAGES[@]}" >/dev/null
"$topology/platform.sh" install "$D" >/dev/null
"$topology/platform.sh" start "$D" >/dev/null # the leader on reg-master, which dest's follower asks
cp -a "$D/hosts/source/var-pryv/config-follower/." "$D/hosts/dest/var-pryv/config-follower/"
on_dest() { "$topology/hosts.sh" exec "$D" dest "$@"; }
on_dest sh -c 'cd /var/pryv && ./run-config-follower >/dev/null 2>&1 && until [ -f pryv/pryv.yml ]; do sleep 0.1; done && ./run-pryv >/dev/null 2>&1'
ip=$("$topology/hosts.sh" ip dest)
answered() { # seconds from START until the API root answers through dest's nginx
  # shellcheck disable=SC2016 # expanded by the shell on dest
  on_dest sh -c 'start=$1; until curl -sfk -o /dev/null --resolve "co1.rehearsal.pryv.test:443:$2" https://co1.rehearsal.pryv.test/; do sleep 0.05; done; awk -v a="$start" -v b="$(date +%s.%N)" "BEGIN { printf \"%.2f\", b - a }"' sh "$1" "$ip"
}
one() { # WAY -> "start-seconds answered-seconds"
  on_dest docker stop pryvio_nginx pryvio_core >/dev/null
  local start end
  start=$(date +%s.%N)
  if [ "$1" = run-pryv ]; then
    on_dest sh -c 'cd /var/pryv && ./run-pryv' >/dev/null 2>&1
  else
    on_dest docker start pryvio_core pryvio_nginx >/dev/null
  fi
  end=$(date +%s.%N)
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') $(answered "$start")"
}
declare -A started answered
for i in $(seq 1 "$rounds"); do
  if [ $((i % 2)) -eq 1 ]; then ways=(run-pryv docker-start); else ways=(docker-start run-pryv); fi
  for way in "${ways[@]}"; do
    read -r s a < <(one "$way")
    started[$way]+="$s "
    answered[$way]+="$a "
    echo "round $i $way: started in $s s, API answered after $a s (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
for way in run-pryv docker-start; do
  echo "$way: started $(echo "${started[$way]}" | median) s, API answered $(echo "${answered[$way]}" | median) s (medians of $rounds)"
done

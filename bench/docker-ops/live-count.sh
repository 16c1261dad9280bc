#!/usr/bin/env bash
# What counting MongoDB's live documents with the driver at the container's address (docker-ops' fast path
# container-driver-count) gains on the dump call of the downtime window, against counting with the container's
# shell (-Dpryv.migration.fastPath.off=container-driver-count through the java command line): both timed in the
# same run, alternated (the order flipped every round), ROUNDS rounds, medians of the wall times:
#   window  docker-ops mongo-dump,influx-backup --json   (what migrate-core.sh runs on source)
#   mongo   docker-ops mongo-dump --json                  (the MongoDB step alone: dump, live count, dump count)
# In the test Docker engine (tests/infra/docker-engine.sh): a MongoDB stand-in (pryv-test/mongodb-6.0:1, mongosh a
# JVM) on the host's network, its mongod on 127.0.0.1:PORT (a free port; docker-ops gets --mongo-host
# 127.0.0.1:PORT, so the driver finds it at 127.0.0.1 as for network_mode: host), seeded with examples/mongodb-dump,
# and a real InfluxDB (pryv-test/influxdb:1, no network) with DATABASES databases of POINTS points.
# Prints the medians (seconds), the median of the per-round ratios off/on (above 1: the driver count gains), and
# the live counter each run named.
# Usage: DOCKER_HOST=unix:///var/lib/pryv-test-docker/run/docker.sock \
#   bench/docker-ops/live-count.sh [ROUNDS] [JAR] [STAND_IN_JAR]
# (defaults: 11, docker-ops/target/docker-ops.jar, stand-ins/mongodb/target/mongodb-stand-in.jar: mvn -B -o -q -pl
# docker-ops,stand-ins/mongodb -am package -DskipTests). Environment: DATABASES (default 5), POINTS (default 6000).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-11}"
jar="${2:-$root/docker-ops/target/docker-ops.jar}"
stand_in="${3:-$root/stand-ins/mongodb/target/mongodb-stand-in.jar}"
databases="${DATABASES:-5}" points="${POINTS:-6000}"
: "${DOCKER_HOST:?DOCKER_HOST: the test Docker engine (tests/infra/docker-engine.sh)}"
work="$root/bench/work/live-count"
tag="bench_livecount_$$"
mongo="${tag}_mongo" influx="${tag}_influx"
cleanup() { docker rm -f "$mongo" "$influx" >/dev/null 2>&1 || true; }
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work/import" "$work/conf/pryv/mongodb/backup" "$work/conf/pryv/influxdb/backup" \
  "$work/conf/pryv/influxdb/data"
python3 "$root/bench/docker-ops/influx-import.py" "$work/import/data.txt" "$databases" "$points"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
docker run -d --name "$mongo" --network host -v "$work/conf/pryv/mongodb/backup:/app/backup/" \
  -v "$stand_in:/opt/mongodb-stand-in/lib/mongodb-stand-in.jar:ro" -v "$root/examples/mongodb-dump:/seed:ro" \
  pryv-test/mongodb-6.0:1 /app/bin/mongodb/bin/mongod --port "$port" >/dev/null
docker run -d --name "$influx" --network none -v "$work/conf/pryv/influxdb/data:/var/lib/influxdb" \
  -v "$work/conf/pryv/influxdb/backup:/pryv/backup/" -v "$work/import:/import:ro" pryv-test/influxdb:1 >/dev/null
started=""
for _ in $(seq 300); do
  if docker logs "$mongo" 2>&1 | grep -q "waiting for connections on port $port" \
    && docker exec "$influx" influx -execute "SHOW DATABASES" >/dev/null 2>&1; then started=1; break; fi
  sleep 0.2
done
[ -n "$started" ] || { echo "bench/docker-ops/live-count: error: $mongo or $influx did not start" >&2; exit 4; }
docker exec "$mongo" /app/bin/mongodb/bin/mongorestore --port "$port" /seed/ >/dev/null 2>&1
docker exec "$influx" influx -import -path /import/data.txt >/dev/null

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
  "load average at start $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, driver count on and off alternated;" \
  "MongoDB 1,015 documents (127.0.0.1:$port), InfluxDB $databases databases of $points points"
: >"$work/times"
call() { # MODE (on|off) CALL (window|mongo): one docker-ops call, appends "MODE CALL wall counter" to $work/times
  local mode=$1 what=$2 steps start end options=() log="$work/$1.$2.log"
  [ "$mode" = on ] || options=(-Dpryv.migration.fastPath.off=container-driver-count)
  if [ "$what" = window ]; then steps="mongo-dump,influx-backup"; else steps="mongo-dump"; fi
  start=$(date +%s.%N)
  if ! java "${options[@]}" -jar "$jar" --docker-host "$DOCKER_HOST" --conf-root "$work/conf" \
    --mongo-container "$mongo" --influx-container "$influx" --mongo-host "127.0.0.1:$port" "$steps" --json \
    >"$work/out.json" 2>"$log"; then
    echo "bench/docker-ops/live-count: error: $mode $what failed: $(tail -n 1 "$log")" >&2
    exit 4
  fi
  end=$(date +%s.%N)
  local counter
  counter=$(sed -n 's/.*"liveCountedBy" *: *"\([^"]*\)".*/\1/p' "$work/out.json" | head -1 | cut -d' ' -f1-4)
  echo "$mode $what $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') ${counter// /_}" \
    >>"$work/times"
}
modes=(on off)
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 0 ]; then order=(on off); else order=(off on); fi
  for what in window mongo; do
    for mode in "${order[@]}"; do call "$mode" "$what"; done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

median() { # MODE CALL
  awk -v m="$1" -v c="$2" '$1 == m && $2 == c { print $3 }' "$work/times" | sort -n \
    | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
ratio() { # CALL: the median over the rounds of off's wall / on's wall
  awk -v c="$1" '$2 == c { n[$1]++; w[$1, n[$1]] = $3 }
    END { for (i = 1; i <= n["on"]; i++) print w["off", i] / w["on", i] }' "$work/times" | sort -n \
    | awk '{ v[NR] = $1 } END { printf "%.2fx", v[int((NR + 1) / 2)] }'
}
echo "medians, seconds (wall):"
printf '%-8s %8s %8s %14s  %s\n' call on off "off/on rounds" "counted with (on | off)"
for what in window mongo; do
  printf '%-8s %8.2f %8.2f %14s  %s | %s\n' "$what" "$(median on "$what")" "$(median off "$what")" "$(ratio "$what")" \
    "$(awk -v c="$what" '$1 == "on" && $2 == c { print $4 }' "$work/times" | sort | uniq -c | xargs)" \
    "$(awk -v c="$what" '$1 == "off" && $2 == c { print $4 }' "$work/times" | sort | uniq -c | xargs)"
done
echo "load average at end $load_end (${modes[*]}: the fast path container-driver-count on, off)"

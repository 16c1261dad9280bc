#!/usr/bin/env bash
# The two docker-ops calls that lie inside the downtime window, timed for two builds of docker-ops, and the second
# one also with its side-by-side steps off (-Dpryv.migration.fastPath.off=side-by-side-steps: "sequential"),
# alternated in the same run (the order rotated every round), ROUNDS rounds, medians:
#   dump     docker-ops mongo-dump,influx-backup --json             (what migrate-core.sh runs on source)
#   restore  docker-ops mongo-restore,influx-restore --drop --json  (what it runs on dest, there over SSH)
# Each build has its own four containers in the test Docker engine (tests/infra/docker-engine.sh): a MongoDB
# stand-in (pryv-test/mongodb-6.0:1, mongosh; each build with the stand-in jar whose shell answers its count
# script) and a real InfluxDB (pryv-test/influxdb:1) for source, the same for dest. Source holds the example dump
# (examples/mongodb-dump: 1,015 documents) and DATABASES InfluxDB databases named like Pryv's (user.NAME) with
# POINTS points each. Between the two calls the backup folders are copied to dest's (not timed).
# Prints, per build and call: the wall time, the database tools' own time (mongodump, influxd backup, mongorestore,
# influxd restore, from docker-ops' "# exit N after S s" lines, as migrate-core.sh's report reads them) and the
# rest (the toolkit's overhead), medians in seconds.
# Usage: DOCKER_HOST=unix:///var/lib/pryv-test-docker/run/docker.sock \
#   bench/docker-ops/run.sh [ROUNDS] BEFORE_JAR BEFORE_STAND_IN_JAR [AFTER_JAR AFTER_STAND_IN_JAR]
# (the AFTER pair defaults to this checkout's docker-ops/target/docker-ops.jar and
# stand-ins/mongodb/target/mongodb-stand-in.jar: mvn -B -o -q -pl docker-ops,stand-ins/mongodb -am package
# -DskipTests). Environment: DATABASES (default 5), POINTS (default 6000); MONGO_MB (default 0): that many MB more
# in the MongoDB dump, as collections bench_N of 1 KB documents, 32 MB each at most (the stand-in cannot dump a
# collection over ~48 MB); DEST_SSH=1 runs the restore call over
# SSH (--host to an OpenSSH sshd on 127.0.0.1 started by bench/backup-transfer/sshd.sh, RSA 4096 key), as
# migrate-core.sh reaches dest: every docker exec and file check then goes through the SSH connection.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:?usage: run.sh ROUNDS BEFORE_JAR BEFORE_STAND_IN_JAR [AFTER_JAR AFTER_STAND_IN_JAR]}"
declare -A JAR=([before]="${2:?before jar}" [after]="${4:-$root/docker-ops/target/docker-ops.jar}")
declare -A STAND_IN=([before]="${3:?before stand-in jar}"
  [after]="${5:-$root/stand-ins/mongodb/target/mongodb-stand-in.jar}")
JAR[sequential]=${JAR[after]} STAND_IN[sequential]=${STAND_IN[after]}
declare -A JAVA_OPTIONS=([before]="" [after]="" [sequential]="-Dpryv.migration.fastPath.off=side-by-side-steps")
builds=(before sequential after)
databases="${DATABASES:-5}" points="${POINTS:-6000}"
: "${DOCKER_HOST:?DOCKER_HOST: the test Docker engine (tests/infra/docker-engine.sh)}"
work="$root/bench/work/docker-ops"
tag="bench_dockerops_$$"
containers=()
sshd_pid=""
cleanup() {
  [ ${#containers[@]} -eq 0 ] || docker rm -f "${containers[@]}" >/dev/null 2>&1 || true
  [ -z "$sshd_pid" ] || kill "$sshd_pid" 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work/import"
python3 "$root/bench/docker-ops/influx-import.py" "$work/import/data.txt" "$databases" "$points"

seed="$root/examples/mongodb-dump"
mongo_mb="${MONGO_MB:-0}"
if [ "$mongo_mb" -gt 0 ]; then
  seed="$work/seed"
  cp -a "$root/examples/mongodb-dump" "$seed"
  python3 - "$seed/pryv-node" "$mongo_mb" <<'PY'
import struct, sys
folder, mb = sys.argv[1], int(sys.argv[2])
def element(name, value):
    data = value.encode() + b"\0"
    return b"\x02" + name.encode() + b"\0" + struct.pack("<i", len(data)) + data
collection, left = 0, mb << 20
while left > 0:
    size = min(left, 32 << 20)
    name = f"bench_{collection}"
    with open(f"{folder}/{name}.bson", "wb") as out:
        written, i = 0, 0
        while written < size:
            body = element("_id", f"{name}-{i:08d}") + element("content", "x" * 960)
            doc = struct.pack("<i", len(body) + 5) + body + b"\0"
            out.write(doc)
            written, i = written + len(doc), i + 1
    with open(f"{folder}/{name}.metadata.json", "w") as out:
        out.write('{"indexes":[{"v":2,"key":{"_id":1},"name":"_id_"}],"collectionName":"%s"}' % name)
    collection, left = collection + 1, left - size
PY
fi

start_side() { # BUILD SIDE: a MongoDB stand-in and an InfluxDB, with Pryv's mounts below $work/BUILD/SIDE
  local build=$1 side=$2 conf="$work/$1/$2" mongo="${tag}_mongo_$1_$2" influx="${tag}_influx_$1_$2"
  mkdir -p "$conf/pryv/mongodb/backup" "$conf/pryv/influxdb/backup" "$conf/pryv/influxdb/data"
  containers+=("$mongo" "$influx")
  docker run -d --name "$mongo" --network none -v "$conf/pryv/mongodb/backup:/app/backup/" \
    -v "${STAND_IN[$build]}:/opt/mongodb-stand-in/lib/mongodb-stand-in.jar:ro" \
    -v "$seed:/seed:ro" pryv-test/mongodb-6.0:1 >/dev/null
  docker run -d --name "$influx" --network none -v "$conf/pryv/influxdb/data:/var/lib/influxdb" \
    -v "$conf/pryv/influxdb/backup:/pryv/backup/" -v "$work/import:/import:ro" pryv-test/influxdb:1 >/dev/null
  for _ in $(seq 300); do
    docker logs "$mongo" 2>&1 | grep -q "waiting for connections on port 27017" \
      && docker exec "$influx" influx -execute "SHOW DATABASES" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "bench/docker-ops: error: $mongo or $influx did not start" >&2
  exit 4
}
for build in "${builds[@]}"; do
  for side in source dest; do start_side "$build" "$side"; done
  docker exec "${tag}_mongo_${build}_source" /app/bin/mongodb/bin/mongorestore /seed/ >/dev/null 2>&1
  docker exec "${tag}_influx_${build}_source" influx -import -path /import/data.txt >/dev/null
done

dest_ssh=()
if [ "${DEST_SSH:-0}" = 1 ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  sshd_pid=$("$root/bench/backup-transfer/sshd.sh" "$work/sshd" "$port")
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
  dest_ssh=(--host "$(id -un)@127.0.0.1" -p "$port" -i "$work/sshd/id_rsa" --known-hosts "$work/sshd/known_hosts")
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
  "load average at start $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, the builds alternated;" \
  "MongoDB 1,015 documents$([ "$mongo_mb" -gt 0 ] && echo " and $mongo_mb MB more"), InfluxDB $databases databases of $points points;" \
  "restore $([ ${#dest_ssh[@]} -gt 0 ] && echo "over SSH to 127.0.0.1" || echo "local")"
: >"$work/times"
call() { # BUILD CALL: runs one docker-ops call, appends "BUILD CALL wall tools" to $work/times
  local build=$1 what=$2 side steps start end log="$work/$1.$2.log"
  if [ "$what" = dump ]; then side=source steps=("mongo-dump,influx-backup"); else side=dest
    steps=("mongo-restore,influx-restore" --drop "${dest_ssh[@]}"); fi
  start=$(date +%s.%N)
  # shellcheck disable=SC2086 # JAVA_OPTIONS: zero or one word
  if ! java ${JAVA_OPTIONS[$build]} -jar "${JAR[$build]}" --docker-host "$DOCKER_HOST" --conf-root "$work/$build/$side" \
    --mongo-container "${tag}_mongo_${build}_${side}" --influx-container "${tag}_influx_${build}_${side}" \
    "${steps[@]}" --json >/dev/null 2>"$log"; then
    echo "bench/docker-ops: error: $build $what failed: $(tail -n 1 "$log")" >&2
    exit 4
  fi
  end=$(date +%s.%N)
  awk -v b="$build" -v c="$what" -v w="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" '
    /^\$ / { tool = ($0 ~ /(^|[ \/])(mongodump|mongorestore)( |$)/ || $0 ~ /influxd (backup|restore)/) }
    /^# exit [0-9]+ after [0-9.]+ s$/ { if (tool) s += $5; tool = 0 }
    END { printf "%s %s %.3f %.3f\n", b, c, w, s }' "$log" >>"$work/times"
}
transfer() { # BUILD: the backups from source to dest (what backup-transfer does; not timed)
  local kind
  for kind in mongodb influxdb; do
    find "$work/$1/dest/pryv/$kind/backup" -mindepth 1 -delete
    cp -a "$work/$1/source/pryv/$kind/backup/." "$work/$1/dest/pryv/$kind/backup/"
  done
}
for round in $(seq "$rounds"); do
  shift_by=$((round % ${#builds[@]}))
  order=("${builds[@]:shift_by}" "${builds[@]:0:shift_by}")
  for build in "${order[@]}"; do call "$build" dump; transfer "$build"; done
  for build in "${order[@]}"; do call "$build" restore; done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

median() { # BUILD CALL FIELD (3 wall, 4 tools, 5 rest)
  awk -v b="$1" -v c="$2" -v f="$3" '$1 == b && $2 == c { $5 = $3 - $4; print $f }' "$work/times" | sort -n \
    | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "medians, seconds:"
printf '%-10s %-8s %8s %14s %10s\n' build call wall "database tools" overhead
for what in dump restore; do
  for build in "${builds[@]}"; do
    printf '%-10s %-8s %8.2f %14.2f %10.2f\n' "$build" "$what" "$(median "$build" "$what" 3)" \
      "$(median "$build" "$what" 4)" "$(median "$build" "$what" 5)"
  done
done
# Each round times every build once, one after the other: the ratio of two builds' walls in the same round is steadier
# than the ratio of the medians on a shared machine. The median of those ratios, per call:
ratio() { # CALL BUILD: the median over the rounds of BUILD's wall / after's wall
  awk -v c="$1" -v b="$2" -v n="${#builds[@]}" '$2 == c { r = int((NR - 1) / (2 * n)); w[r, $1] = $3; last = r }
    END { for (i = 0; i <= last; i++) print w[i, b] / w[i, "after"] }' "$work/times" | sort -n \
    | awk '{ v[NR] = $1 } END { printf "%.2fx", v[int((NR + 1) / 2)] }'
}
echo "medians of the per-round ratios of wall times (above 1: after is faster):"
for what in dump restore; do
  echo "  $what: before/after $(ratio "$what" before), sequential/after (side-by-side steps on vs off)" \
    "$(ratio "$what" sequential)"
done
echo "load average at end $load_end. overhead: wall minus the database tools (JVM start, checks, counts); with the"
echo "steps side by side the tools' times overlap (and each runs slower on shared cores), so compare the wall times."

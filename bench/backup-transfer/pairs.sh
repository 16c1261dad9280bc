#!/usr/bin/env bash
# One push of the migration window's four SRC DEST pairs in one call, with the pairs side by side (the default) and
# one after the other (-Dpryv.migration.fastPath.off=pairs-side-by-side through JDK_JAVA_OPTIONS), alternated, the
# order flipped every round; the tool through the release's launcher, to an OpenSSH sshd on 127.0.0.1 (sshd.sh).
# The folders are shaped like the window's: config-follower (2 unchanged files), the MongoDB dump (11 files, 280 KB)
# and the InfluxDB backup (5 files, ~60 KB), both written again before every round (new content and mtimes: files
# to send), and core/data (600 unchanged files). Each variant pushes to its own destination, --delete --json, as
# migrate-core.sh's transfer phase does; every call must exit 0 and send the 16 dump files. Prints the medians of
# the wall time, of the JSON reports' summed durationSeconds, and of the per-round ratio off / on.
# Usage: bench/backup-transfer/pairs.sh [ROUNDS]
set -euo pipefail
# shellcheck source=bench/backup-transfer/lib.sh
source "$(dirname "$0")/lib.sh"
rounds=${1:-7}
src=$work/pairs-src
rm -rf "$src" "$work"/pairs-dst-*
mkdir -p "$src/config-follower" "$src/mongodb/backup/pryv-node" "$src/influxdb/backup" "$src/core/data"
head -c 3000 /dev/urandom >"$src/config-follower/config.json"
head -c 900 /dev/urandom >"$src/config-follower/secrets.yml"
for u in $(seq 30); do
  mkdir -p "$src/core/data/user$u"
  for f in $(seq 20); do head -c $((1000 + (u * 37 + f * 101) % 7000)) /dev/urandom >"$src/core/data/user$u/att$f"; done
done
dumps() { # new content and mtimes for the two backup folders
  local i
  for i in $(seq 11); do
    head -c $((i == 1 ? 180000 : 10000)) /dev/urandom >"$src/mongodb/backup/pryv-node/c$i.bson"
  done
  for i in $(seq 5); do head -c 12000 /dev/urandom >"$src/influxdb/backup/s$i.tar.gz"; done
}
start_sshd
bt=$(release_launcher)
variants=(on off)
declare -A off_option=([on]="" [off]="-Dpryv.migration.fastPath.off=pairs-side-by-side")
push() { # VARIANT: the one call, its JSON report in $work/pairs-last.json
  local v=$1 pairs=() f
  for f in config-follower mongodb/backup influxdb/backup core/data; do
    pairs+=("$src/$f" "$user@127.0.0.1:$work/pairs-dst-$v/$f")
  done
  JDK_JAVA_OPTIONS=${off_option[$v]} "$bt" push -p "$port" -i "$key" --known-hosts "$known" --delete --json \
    "${pairs[@]}" >"$work/pairs-last.json" 2>"$work/pairs-last-error" || {
    echo "$v failed: $(tail -1 "$work/pairs-last-error")" >&2
    exit 4
  }
}
dumps
for v in "${variants[@]}"; do push "$v"; done # not measured: fills the destinations, makes the class-data archive
times=$work/pairs-times.txt
: >"$times"
for r in $(seq "$rounds"); do
  dumps
  sync
  order=("${variants[@]}")
  [ $((r % 2)) = 0 ] && order=(off on)
  for v in "${order[@]}"; do
    sync
    start=$EPOCHREALTIME
    push "$v"
    end=$EPOCHREALTIME
    python3 - "$work/pairs-last.json" "$v" "$r" "$start" "$end" >>"$times" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))["transfers"]
sent = sum(t["filesSent"] for t in doc)
assert sent == 16, "expected the 16 dump files sent, got %d" % sent
print(sys.argv[2], sys.argv[3], float(sys.argv[5]) - float(sys.argv[4]),
      sum(t["durationSeconds"] for t in doc), max(t["durationSeconds"] for t in doc))
PY
  done
done
rm -rf "$work"/pairs-dst-* "$src"
python3 - "$times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    v, r, wall, total, longest = line.split()
    rows.setdefault(v, {})[int(r)] = (float(wall), float(total), float(longest))
on, off = rows["on"], rows["off"]
med = lambda d, i: statistics.median(x[i] for x in d.values())
print("%d rounds, medians: wall on %.3f s, off %.3f s; pairs' durations summed on %.3f s, off %.3f s;"
      " longest pair on %.3f s, off %.3f s" % (len(on), med(on, 0), med(off, 0), med(on, 1), med(off, 1),
                                              med(on, 2), med(off, 2)))
print("median of per-round ratios off/on: wall %.2fx" % statistics.median(off[r][0] / on[r][0] for r in on))
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

#!/usr/bin/env bash
# Two builds of backup-transfer against each other (and rsync) on run.sh's short cases, alternated in the same run:
# each through the release's launcher (its own class-data archive), the order flipped every round, medians of wall
# and CPU time (user + system of the tool and the processes it starts: the far side's are not counted).
# CASE: rerun (nothing changed), small (touch-some.py before each round: both builds and rsync copy the same delta),
# or checksum (--checksum re-run). A NAME=JAR[:JAVA_OPTIONS] builds a launcher for JAR (the options go through
# JDK_JAVA_OPTIONS, e.g. -Dpryv.migration.fastPath.off=shared-files to measure a mechanism off); @ARGS after them
# adds options to that build's push (e.g. new=JAR@--openssh; several separated by spaces); #JDK last runs that build on
# that Java (its launcher's JAVA_HOME, e.g. j25=JAR#/usr/lib/jvm/temurin-25-jdk-amd64; else JAVA_HOME, else PATH's).
# Usage: bench/backup-transfer/ab.sh ROUNDS CASE NAME=JAR[:JAVA_OPTIONS][@ARGS][#JDK] NAME=JAR[:JAVA_OPTIONS][@ARGS][#JDK]...
set -euo pipefail
# shellcheck source=bench/backup-transfer/lib.sh
BT_JAR=${BT_JAR:-unused} source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/release/launchers.sh
source "$repo/scripts/release/launchers.sh"
[ $# -ge 3 ] || { echo "usage: $0 ROUNDS rerun|small|checksum NAME=JAR[:JAVA_OPTIONS]..." >&2; exit 2; }
rounds=$1 case=$2
shift 2
python3 "$here/gen-data.py" "$work/src" >/dev/null
start_sshd
ssh_opts=(-p "$port" -i "$key" --known-hosts "$known")
extra=()
[ "$case" = checksum ] && extra=(--checksum)
fresh_start ab-
# Each build's first push (not measured) makes its launcher's class-data archive or AOT cache from what it ran, as
# presync's push does in a migration: for the small case, a small change, as in the rounds.
[ "$case" = small ] && python3 "$here/touch-some.py" "$work/src" 499 >/dev/null
names=()
for spec in "$@"; do
  name=${spec%%=*} rest=${spec#*=} args='' jdk=${JAVA_HOME:-}
  [[ $rest == *#* ]] && jdk=${rest##*#} && rest=${rest%#*}
  [[ $rest == *@* ]] && args=${rest##*@} && rest=${rest%@*}
  jar_of=${rest%%:*} opts=''
  [[ $rest == *:* ]] && opts=${rest#*:}
  mkdir -p "$work/ab-launcher-$name/bin" "$work/ab-launcher-$name/lib"
  ln -sf "$(readlink -f "$jar_of")" "$work/ab-launcher-$name/lib/backup-transfer.jar"
  write_launcher backup-transfer bench "$work/ab-launcher-$name/bin/backup-transfer"
  printf '%s' "$opts" >"$work/ab-launcher-$name/opts"
  printf '%s' "$args" >"$work/ab-launcher-$name/args"
  printf '%s' "$jdk" >"$work/ab-launcher-$name/jdk"
  read -ra tool_args <<<"$args"
  cp -a "$work/ab-warm-up" "$work/ab-$name"
  # not measured: brings the copy up to date and makes the launcher's class-data archive (see above)
  JAVA_HOME=$jdk JDK_JAVA_OPTIONS=$opts "$work/ab-launcher-$name/bin/backup-transfer" push "${ssh_opts[@]}" \
    ${tool_args[@]+"${tool_args[@]}"} "$work/src" \
    "$user@127.0.0.1:$work/ab-$name" >/dev/null 2>&1
  names+=("$name")
done
cp -a "$work/ab-warm-up" "$work/ab-rsync"
rsync -a -e "$ssh_cmd" "$work/src/" "$user@127.0.0.1:$work/ab-rsync/"
times=$work/ab-times.txt
: >"$times"
for r in $(seq "$rounds"); do
  [ "$case" = small ] && python3 "$here/touch-some.py" "$work/src" "$((500 + r))" >/dev/null
  order=("${names[@]}" rsync)
  [ $((r % 2)) = 0 ] && mapfile -t order < <(printf '%s\n' "${order[@]}" | tac)
  for name in "${order[@]}"; do
    sync
    if [ "$name" = rsync ]; then
      /usr/bin/time -f "rsync %e %U %S" -a -o "$times" rsync -a ${extra[@]+"${extra[@]}"} -e "$ssh_cmd" \
        "$work/src/" "$user@127.0.0.1:$work/ab-rsync/"
    else
      read -ra tool_args <<<"$(cat "$work/ab-launcher-$name/args")"
      JAVA_HOME=$(cat "$work/ab-launcher-$name/jdk") JDK_JAVA_OPTIONS=$(cat "$work/ab-launcher-$name/opts") \
        /usr/bin/time -f "$name %e %U %S" -a -o "$times" \
        "$work/ab-launcher-$name/bin/backup-transfer" push ${extra[@]+"${extra[@]}"} "${ssh_opts[@]}" \
        ${tool_args[@]+"${tool_args[@]}"} "$work/src" \
        "$user@127.0.0.1:$work/ab-$name" >/dev/null 2>"$work/ab-last-error" || {
        echo "$name failed: $(tail -1 "$work/ab-last-error")" >&2
        exit 4
      }
    fi
  done
done
rm -rf "$work"/ab-*/ "$work"/ab-warm-up
python3 - "$times" "$case" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 4 and parts[0] != "Command":
        rows.setdefault(parts[0], []).append((float(parts[1]), float(parts[2]) + float(parts[3])))
rsync = statistics.median(w for w, _ in rows.pop("rsync"))
print("%s: medians of %d rounds; rsync %.2f s" % (sys.argv[2], len(next(iter(rows.values()))), rsync))
for name, values in rows.items():
    wall = statistics.median(w for w, _ in values)
    print("%-12s wall %6.2f s (%.2fx rsync)  CPU %6.2f s" % (name, wall, wall / rsync,
          statistics.median(c for _, c in values)))
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

#!/usr/bin/env bash
# Where the time of a full copy goes, to read the full-copy target (0.8x rsync) against this machine's cores.
# Alternates, ROUNDS times, full copies of the benchmark tree (run.sh's) over SSH to 127.0.0.1 into empty folders:
#   rsync -a                          the reference;
#   tar -c | ssh -c aes128-gcm | tar -x   the floor: the same bytes through the same sshd, no checksum, no JVM;
#   backup-transfer push              as users start it (java -jar).
# For each: median wall time, CPU of the whole machine (user + system of every process, /proc/stat), the part of it
# used by the command's own processes (what it waits for: the JVMs, ssh, tar, find...; the rest is the far side:
# sshd and what it runs, and the kernel's own work), and the least wall time that much CPU needs on this machine's
# cores (CPU / cores).
# Then one more backup-transfer copy with -XX:+CITime: the time its JVMs spent compiling (JIT), CPU that rsync does
# not have to spend. Usage: bench/backup-transfer/cpu.sh [ROUNDS]
set -euo pipefail
# shellcheck source=bench/backup-transfer/lib.sh
source "$(dirname "$0")/lib.sh"
rounds=${1:-3}
python3 "$here/gen-data.py" "$work/src" >/dev/null
start_sshd
results=$work/cpu.txt; : > "$results"

copy() { # TOOL DEST
  set -o pipefail
  case $1 in
    rsync) rsync -a -e "$ssh_cmd" "$work/src/" "$user@127.0.0.1:$2/" ;;
    floor) tar -cf - -C "$work/src" . | $ssh_cmd -c aes128-gcm@openssh.com "$user@127.0.0.1" \
             "mkdir -- '$2' && tar -x -p --numeric-owner -f - -C '$2'" ;;
    bt) java -jar "$jar" push -p "$port" -i "$key" --known-hosts "$known" "$work/src" "$user@127.0.0.1:$2" ;;
  esac
}
export -f copy; export work user jar port key known ssh_cmd
measured() { # TOOL DEST: appends "TOOL wall machine-cpu own-cpu"
  sync # the previous copy's dirty pages are written back now, not during this measurement
  quiet
  local b0 b1 t0 t1
  b0=$(busy); t0=$(date +%s.%N)
  if /usr/bin/time -f "%U %S" -o "$work/last-cpu" bash -c 'copy "$@"' copy "$1" "$2" >/dev/null 2>"$work/last-error"; then
    t1=$(date +%s.%N); b1=$(busy)
    echo "$1 $(echo "$t1 - $t0" | bc) $(echo "($b1 - $b0) / $hz" | bc -l) $(awk '{print $1 + $2}' "$work/last-cpu")" >> "$results"
  else
    echo "$1 failed: $(tail -1 "$work/last-error")" >&2
  fi
}
# A folder per copy, removed at the end.
fresh_start cpu-
tools=(rsync floor bt)
for r in $(seq "$rounds"); do
  for i in 0 1 2; do # each round starts with the next tool
    tool=${tools[$(((r + i) % 3))]}
    measured "$tool" "$work/cpu-$tool-$r"
  done
  echo "round $r done" >&2
done
sync
jit=$(JAVA_TOOL_OPTIONS=-XX:+CITime copy bt "$work/cpu-jit" 2>/dev/null \
  | awk '/Total compilation time/ {s += $(NF - 1); n++} END {if (n) printf "%.2f", s}') || true
rm -rf "$work"/cpu-*
python3 - "$results" "$(nproc)" "${jit:-}" <<'PY'
import statistics, sys
rows, cores, jit = {}, int(sys.argv[2]), sys.argv[3]
for line in open(sys.argv[1]):
    tool, wall, cpu, own = line.split()
    rows.setdefault(tool, []).append((float(wall), float(cpu), float(own)))
names = {"rsync": "rsync -a", "floor": "tar|ssh|tar", "bt": "backup-transfer"}
med = {t: [statistics.median(v[i] for v in rows[t]) for i in range(3)] for t in names if t in rows}
if "rsync" not in med:
    sys.exit("no rsync copy succeeded: nothing to compare with")
print("%-16s %8s %8s %8s %9s %13s" % ("", "wall s", "ratio", "CPU s", "own CPU", "CPU / cores"))
for tool, (wall, cpu, own) in med.items():
    print("%-16s %8.2f %7.2fx %8.2f %9.2f %13.2f" % (names[tool], wall, wall / med["rsync"][0], cpu, own, cpu / cores))
target = 0.8 * med["rsync"][0]
print("target: 0.8x rsync = %.2f s of wall time = at most %.2f s of CPU on %d cores, used to the full"
      % (target, target * cores, cores))
cores_used = statistics.median(cpu / wall for wall, cpu, _ in rows["rsync"])
print("at rsync's own use of the cores (%.2f at a time): at most %.2f s of CPU%s" % (cores_used,
      target * cores_used, "; tar|ssh|tar used %.2f" % med["floor"][1] if "floor" in med else ""))
if "bt" in med:
    print("backup-transfer: %.2f s of CPU; its JVMs spent %s compiling (JIT: -XX:+CITime, the compilations'"
          " elapsed time, at most their CPU)" % (med["bt"][1], jit + " s" if jit else "(not measured: that run failed)"))
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

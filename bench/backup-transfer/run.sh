#!/usr/bin/env bash
# backup-transfer vs rsync over SSH to 127.0.0.1 (a private OpenSSH sshd started here, ssh-keygen -t rsa -b 4096
# key), on ~800 MB: one 600 MiB random file + 20,000 files of 1-20 KiB. Alternates the two tools, ROUNDS times,
# and prints medians and ratios for: full copy into an empty folder, re-run with nothing changed, re-run after a
# small change (touch-some.py: 2.5% of the small files touched, 2.5% changed, as a presync then the frozen window
# see), --checksum re-run (those three, three times a round). Every measurement starts after a sync. The tool runs
# through the release's launcher (release_launcher), as users run it. Times from /usr/bin/time; peak memory from one more run of each
# case under peak-rss.py (the RSS of the tool's processes added up: the JVM, find, sort...), kept apart so that
# sampling does not slow the timed runs.
# BT_ARGS adds options to every backup-transfer run (e.g. BT_ARGS=--openssh: through an OpenSSH master of its own).
# Usage: [BT_ARGS=...] bench/backup-transfer/run.sh [ROUNDS]
set -euo pipefail
# shellcheck source=bench/backup-transfer/lib.sh
source "$(dirname "$0")/lib.sh"
rounds=${1:-3}
python3 "$here/gen-data.py" "$work/src" >/dev/null
start_sshd
read -ra bt_args <<<"${BT_ARGS:-}"
bt=("$(release_launcher)" push -p "$port" -i "$key" --known-hosts "$known" ${bt_args[@]+"${bt_args[@]}"})
results=$work/results.txt; : > "$results"

timed() { # LABEL CMD... : appends "LABEL seconds rssKB", or "LABEL FAILED" (not counted)
  local label=$1; shift
  sync # the previous copy's dirty pages are written back now, not during the next measurement
  if /usr/bin/time -f "$label %e %M" -o "$work/last-time" "$@" >/dev/null; then
    cat "$work/last-time" >> "$results"
  else
    echo "$label FAILED" >> "$results"; echo "$label failed: $(tail -1 "$work/last-time")" >&2
  fi
}
full() { # TOOL DEST: a full copy into DEST, which does not exist yet
  if [ "$1" = rsync ]; then timed rsync-full rsync -a -e "$ssh_cmd" "$work/src/" "$user@127.0.0.1:$2/"
  else timed bt-full "${bt[@]}" "$work/src" "$user@127.0.0.1:$2"; fi
}
# Every copy gets a folder of its own, removed only after the last measurement: this machine's file system is
# mounted with online discard, and a copy that follows the removal of another one (844 MB freed) was measured
# 2-3x slower, as if it paid for the removal. So an unmeasured copy comes first (fresh_start; without it, a one-round
# run gave rsync 10.65 s for its usual 4-6 s), and the first tool of a round varies.
fresh_start dst-
for r in $(seq "$rounds"); do
  if [ $((r % 2)) = 1 ]; then full rsync "$work/dst-rsync-$r"; full bt "$work/dst-bt-$r"
  else full bt "$work/dst-bt-$r"; full rsync "$work/dst-rsync-$r"; fi
  for _ in 1 2 3; do # the short cases three times a round: one slow start says little
    timed rsync-rerun rsync -a -e "$ssh_cmd" "$work/src/" "$user@127.0.0.1:$work/dst-rsync-$r/"
    timed bt-rerun "${bt[@]}" "$work/src" "$user@127.0.0.1:$work/dst-bt-$r"
  done
  for i in 1 2 3; do # the same change reaches both destinations: each tool then copies the same delta
    python3 "$here/touch-some.py" "$work/src" "$((r * 10 + i))" >/dev/null
    if [ $((i % 2)) = 1 ]; then
      timed rsync-small rsync -a -e "$ssh_cmd" "$work/src/" "$user@127.0.0.1:$work/dst-rsync-$r/"
      timed bt-small "${bt[@]}" "$work/src" "$user@127.0.0.1:$work/dst-bt-$r"
    else
      timed bt-small "${bt[@]}" "$work/src" "$user@127.0.0.1:$work/dst-bt-$r"
      timed rsync-small rsync -a -e "$ssh_cmd" "$work/src/" "$user@127.0.0.1:$work/dst-rsync-$r/"
    fi
  done
  for _ in 1 2 3; do
    timed rsync-checksum rsync -a --checksum -e "$ssh_cmd" "$work/src/" "$user@127.0.0.1:$work/dst-rsync-$r/"
    timed bt-checksum "${bt[@]}" --checksum "$work/src" "$user@127.0.0.1:$work/dst-bt-$r"
  done
  echo "round $r done" >&2
done
"$(release_launcher)" check "$work/src" "$work/dst-bt-$rounds" | tail -1
memory() { # LABEL CMD...: appends "LABEL seconds peakKB" (all the tool's processes) to $memory
  sync
  if python3 "$here/peak-rss.py" "$work/last-memory" "$@"; then cat "$work/last-memory" >> "$memory"
  else echo "memory run $1 failed" >&2; fi
}
memory=$work/memory.txt; : > "$memory"
memory full "${bt[@]}" "$work/src" "$user@127.0.0.1:$work/dst-bt-memory"
memory rerun "${bt[@]}" "$work/src" "$user@127.0.0.1:$work/dst-bt-memory"
python3 "$here/touch-some.py" "$work/src" 999 >/dev/null
memory small "${bt[@]}" "$work/src" "$user@127.0.0.1:$work/dst-bt-memory"
memory checksum "${bt[@]}" --checksum "$work/src" "$user@127.0.0.1:$work/dst-bt-memory"
rm -rf "$work"/dst-*
python3 - "$results" "$memory" <<'PY'
import statistics, sys
peak = {line.split()[0]: int(line.split()[2]) for line in open(sys.argv[2]) if len(line.split()) == 3}
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 3 and parts[0].count('-') == 1 and parts[1] != "FAILED":
        rows.setdefault(parts[0], []).append((float(parts[1]), int(parts[2])))
targets = {"full": 1.2, "rerun": 1.2, "small": 1.5, "checksum": 1.5}
print("%-10s %10s %10s %7s %7s %12s" % ("case", "rsync s", "bt s", "ratio", "target", "bt peak mem"))
for case, target in targets.items():
    r = statistics.median(t for t, _ in rows["rsync-" + case])
    b = statistics.median(t for t, _ in rows["bt-" + case])
    rss = peak.get(case, 0) / 1024
    print("%-10s %10.2f %10.2f %6.2fx %6.1fx %9.0f MiB %s" % (case, r, b, b / r, target, rss,
          "ok" if b / r <= target and rss < 256 else "MISSED: " + ("time" if b / r > target else "memory")))
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

#!/usr/bin/env bash
# The tools through an OpenSSH master connection (--ssh-control, as migrate-core.sh passes its shared connection to
# dest) against the tools on their own JSch connection, over SSH to 127.0.0.1 (a private OpenSSH sshd,
# bench/backup-transfer/sshd.sh: ssh-keygen -t rsa -b 4096 key, sessions with SHLVL=1 so no ~/.bashrc runs).
# One master is opened at the start (ssh -M -N -f, ControlPersist) and closed at the end. Cases, each tool with and
# without the master, alternated, the order flipped every round, ROUNDS rounds:
#   rerun   backup-transfer push re-run of a 300-file tree with nothing changed (three times a round)
#   small   push after a small change of a 20,000-file tree + one 10 MiB file: touch-some.py (2.5% of the small files
#           touched, 2.5% changed) and big.bin rewritten; each destination gets the same delta
#   status  docker-ops status --host (its docker client a stub on the far side that lists no container: one remote
#           command, no Docker engine needed) (three times a round)
# and rsync -a for rerun and small, with -e 'ssh -S SOCKET' (the same master) and without, for the ratios.
# Every measurement starts after a sync on an idle machine. Wall time, and CPU on this side: user + system of the
# command and its children (/usr/bin/time) plus what the master used meanwhile (/proc/PID/stat: the master does
# the encryption for the commands sent through it). The tools run through the release's launchers. Medians.
# Usage: bench/ssh-control/run.sh [ROUNDS]
set -euo pipefail
# shellcheck source=bench/backup-transfer/lib.sh
source "$(dirname "$0")/../backup-transfer/lib.sh"
build_jars docker-ops
bench=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-5}
sc=$work/ssh-control
rm -rf "$sc"; mkdir -p "$sc/sockets"; chmod 700 "$sc/sockets"
python3 "$bench/gen-tree.py" "$sc/tree-rerun" 300 0 >/dev/null
python3 "$bench/gen-tree.py" "$sc/tree-small" 20000 10 >/dev/null
start_sshd
bt_launcher=$(release_launcher)
# shellcheck source=scripts/release/launchers.sh
source "$repo/scripts/release/launchers.sh"
ln -sf "$repo/docker-ops/target/docker-ops.jar" "$work/launcher/lib/docker-ops.jar"
write_launcher docker-ops bench "$work/launcher/bin/docker-ops"
printf '#!/bin/sh\nexit 0\n' > "$sc/docker"; chmod 755 "$sc/docker" # docker ps -a lists nothing
control=$sc/sockets/%C
ssh_ctl="$ssh_cmd -S $control -o ControlMaster=no"
$ssh_cmd -S "$control" -o ControlMaster=yes -o ControlPersist=yes -f -N "$user@127.0.0.1" </dev/null >/dev/null 2>&1
master_pid=$($ssh_cmd -S "$control" -O check "$user@127.0.0.1" 2>&1 | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
[ -n "$master_pid" ] || { echo "no master connection opened" >&2; exit 1; }
trap '$ssh_cmd -S "$control" -O exit "$user@127.0.0.1" 2>/dev/null; kill $sshd_pid 2>/dev/null || true' EXIT

bt() { "$bt_launcher" push -p "$port" -i "$key" --known-hosts "$known" "$@"; }
bt_ctl() { bt --ssh-control "$control" "$@"; }
do_plain() {
  "$work/launcher/bin/docker-ops" status --host "$user@127.0.0.1" -p "$port" -i "$key" --known-hosts "$known" \
    --docker "$sc/docker" "$@"
}
do_ctl() { do_plain --ssh-control "$control"; }
rs() { rsync -a -e "$ssh_cmd" "$@"; }
rs_ctl() { rsync -a -e "$ssh_ctl" "$@"; }
export -f bt bt_ctl do_plain do_ctl rs rs_ctl
export bt_launcher port key known control user sc work ssh_cmd ssh_ctl

# Up to 5 s for the machine to go nearly idle (under 10% of one core for half a second): lib.sh's quiet waits up to a
# minute, too long for a run of short measurements on a machine that others share.
settle() {
  local b0 b1
  for _ in $(seq 10); do
    b0=$(busy); sleep 0.5; b1=$(busy)
    [ $((b1 - b0)) -le $((hz / 20)) ] && return 0
  done
  return 0
}
master_ticks() { awk '{print $14 + $15}' "/proc/$master_pid/stat"; }
results=$sc/results.txt; : > "$results"
measured() { # LABEL FUNCTION ARGS...: appends "LABEL wall cpu"
  local label=$1 m0 m1; shift
  sync; settle
  m0=$(master_ticks)
  if /usr/bin/time -f "%e %U %S" -o "$sc/last-time" bash -c '"$@"' run "$@" \
      >/dev/null 2>"$sc/last-error"; then
    m1=$(master_ticks)
    read -r wall user_s sys_s < <(tail -1 "$sc/last-time")
    echo "$label $wall $(echo "$user_s + $sys_s + ($m1 - $m0) / $hz" | bc -l)" >> "$results"
  else
    echo "$label failed: $(tail -1 "$sc/last-error")" >&2
  fi
}
pair() { # CASE PLAIN_FUNCTION CONTROL_FUNCTION ARGS_PLAIN -- ARGS_CONTROL, in the round's order
  local case=$1 plain=$2 ctl=$3; shift 3
  local args_plain=() args_ctl=()
  while [ "$1" != -- ]; do args_plain+=("$1"); shift; done; shift
  args_ctl=("$@")
  if [ "$first" = plain ]; then
    measured "$case-plain" "$plain" "${args_plain[@]}"; measured "$case-control" "$ctl" "${args_ctl[@]}"
  else
    measured "$case-control" "$ctl" "${args_ctl[@]}"; measured "$case-plain" "$plain" "${args_plain[@]}"
  fi
}

dest() { echo "$user@127.0.0.1:$sc/$1"; }
# The first copies, not measured (the launchers' class-data archives are made on a first run too).
for d in bt-plain bt-control; do
  bt "$sc/tree-rerun" "$(dest rerun-$d)" >/dev/null; bt "$sc/tree-small" "$(dest small-$d)" >/dev/null
done
for d in rsync-plain rsync-control; do
  rs "$sc/tree-rerun/" "$(dest rerun-$d)/"; rs "$sc/tree-small/" "$(dest small-$d)/"
done
do_plain >/dev/null || true

for r in $(seq "$rounds"); do
  if [ $((r % 2)) = 1 ]; then first=plain; else first=control; fi
  for _ in 1 2 3; do
    pair bt-rerun bt bt_ctl "$sc/tree-rerun" "$(dest rerun-bt-plain)" -- "$sc/tree-rerun" "$(dest rerun-bt-control)"
    pair rsync-rerun rs rs_ctl "$sc/tree-rerun/" "$(dest rerun-rsync-plain)/" \
      -- "$sc/tree-rerun/" "$(dest rerun-rsync-control)/"
    pair do-status do_plain do_ctl --
  done
  python3 "$repo/bench/backup-transfer/touch-some.py" "$sc/tree-small" "$r" >/dev/null
  python3 -c 'import os, random, sys; open(sys.argv[1], "r+b").write(random.Random(int(sys.argv[2])).randbytes(10 << 20))' \
    "$sc/tree-small/big.bin" "$r"
  pair bt-small bt bt_ctl "$sc/tree-small" "$(dest small-bt-plain)" -- "$sc/tree-small" "$(dest small-bt-control)"
  pair rsync-small rs rs_ctl "$sc/tree-small/" "$(dest small-rsync-plain)/" \
    -- "$sc/tree-small/" "$(dest small-rsync-control)/"
  echo "round $r done" >&2
done
for d in bt-plain bt-control rsync-plain rsync-control; do
  "$bt_launcher" check "$sc/tree-small" "$sc/small-$d" >/dev/null || echo "small-$d differs from the source" >&2
done
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, cpu = line.split()
    rows.setdefault(label, []).append((float(wall), float(cpu)))
def med(label, i):
    return statistics.median(v[i] for v in rows[label])
print("%-13s %9s %9s %9s %9s %8s %8s %6s" % ("case", "wall s", "ctl wall", "CPU s", "ctl CPU", "wall", "CPU", "n"))
def ratio(a, b):
    return "%7.2fx" % (a / b) if b > 0 else "%8s" % "-"
for case in ("bt-rerun", "bt-small", "do-status", "rsync-rerun", "rsync-small"):
    p, c = case + "-plain", case + "-control"
    if p not in rows or c not in rows:
        print("%-13s (failed)" % case); continue
    print("%-13s %9.3f %9.3f %9.3f %9.3f %s %s %6d" % (case, med(p, 0), med(c, 0), med(p, 1), med(c, 1),
          ratio(med(c, 0), med(p, 0)), ratio(med(c, 1), med(p, 1)), len(rows[c])))
print("(ctl: through the master; the ratios are ctl / plain: below 1 is a gain; CPU is /usr/bin/time's, to 0.01 s)")
for case in ("rerun", "small"):
    for mode in ("plain", "control"):
        b, r = "bt-%s-%s" % (case, mode), "rsync-%s-%s" % (case, mode)
        if b in rows and r in rows:
            print("backup-transfer / rsync, %-6s %-8s wall %s  CPU %s" % (case, mode,
                  ratio(med(b, 0), med(r, 0)), ratio(med(b, 1), med(r, 1))))
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

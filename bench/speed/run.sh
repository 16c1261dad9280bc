#!/usr/bin/env bash
# What each speed-only mechanism that stays (common's FastPath) gains on the calls that lie inside the downtime
# window, each one timed with the mechanism on and off (-Dpryv.migration.fastPath.off=NAME through JDK_JAVA_OPTIONS),
# alternated in the same run (the order flipped every round), ROUNDS rounds, medians of wall and CPU time:
#   push-rerun   bin/backup-transfer push of an unchanged small tree (300 files, 3 MB) over SSH to 127.0.0.1
#                (rsa-crt, openssl-signer, and all of them off at once)
#   push-full    bin/backup-transfer push of one 256 MiB file into an empty folder (bulk-cipher-warm-up: it starts
#                for transfers of 128 MiB and more)
#   mongo-check  bin/docker-ops mongo-check --host over SSH to 127.0.0.1 (the example dump, files only: a dozen
#                remote commands on one connection), all on and all off
#   status       bin/nginx-rewriter status of the example site-443.conf (no SSH: a control, nothing to gain)
# The sshd is OpenSSH's, with an RSA 4096 client key as the runbook makes it (bench/backup-transfer/sshd.sh).
# Prints a table: mechanism, scenario, on, off (ms), ratio off/on (above 1: the mechanism gains).
# Usage: bench/speed/run.sh [ROUNDS] [ARCHIVE] [MECHANISM...]   (without ARCHIVE, or with "", builds the jars if
# stale, then the release; without MECHANISMs, every one: rsa-crt openssl-signer bulk-cipher-warm-up all)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-11}"
archive="${2:-}"
only=("${@:3}")
measured() { [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $1 "* ]]; }
work="$root/bench/work/speed"
if [ -z "$archive" ]; then
  # shellcheck source=scripts/lib/build.sh
  source "$root/scripts/lib/build.sh"
  build_jars nginx-rewriter platform-yml-editor backup-transfer docker-ops verify
  archive=$("$root/scripts/release.sh" --no-build | sed -n 1p)
fi

rm -rf "$work"
mkdir -p "$work/release"
tar -xzf "$archive" -C "$work/release"
release=$(echo "$work/release"/pryv-core-migration-*)
bin=$release/bin

# The sshd (its sessions skip the login's ~/.bashrc: see sshd.sh), a small tree pushed once, and an example dump with
# its manifest on "dest" (the same machine).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sshd_pid=$("$root/bench/backup-transfer/sshd.sh" "$work/sshd" "$port")
trap 'kill "$sshd_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
key=$work/sshd/id_rsa known=$work/sshd/known_hosts user=$(id -un)
python3 - "$work/src" <<'PY'
import os, sys
for d in range(10):
    os.makedirs(f"{sys.argv[1]}/d{d}", exist_ok=True)
    for f in range(30):
        with open(f"{sys.argv[1]}/d{d}/f{f}", "wb") as out:
            out.write(os.urandom(10000))
PY
mkdir -p "$work/conf/pryv/mongodb/backup"
cp -r "$root/examples/mongodb-dump/." "$work/conf/pryv/mongodb/backup/"
"$bin/docker-ops" mongo-check --write-manifest --conf-root "$work/conf" >/dev/null
push=("$bin/backup-transfer" push -p "$port" -i "$key" --known-hosts "$known" "$work/src" "$user@127.0.0.1:$work/dst")
check=("$bin/docker-ops" mongo-check --conf-root "$work/conf" --host "$user@127.0.0.1" --port "$port"
  --identity "$key" --known-hosts "$known")
status=("$bin/nginx-rewriter" status "$release/examples/site-443.conf")
"${push[@]}" >/dev/null
"${check[@]}" >/dev/null
"${status[@]}" >/dev/null || [ $? -eq 1 ] # 1: not redirected
mkdir -p "$work/big"
measured bulk-cipher-warm-up && head -c $((256 << 20)) /dev/urandom >"$work/big/file"
full=("$bin/backup-transfer" push -p "$port" -i "$key" --known-hosts "$known" "$work/big" "$user@127.0.0.1:$work/big-dst")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
  "load average at start $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, on and off alternated"
: >"$work/times"
TIMEFORMAT='%3R %3U %3S'
timed() { # MECHANISM SCENARIO on|off OFF-LIST CMD... : appends "MECHANISM SCENARIO on|off wall cpu" to $work/times
  local mechanism=$1 scenario=$2 state=$3 off=$4 t rc
  shift 4
  echo 0 >"$work/last-rc"
  t=$( { time JDK_JAVA_OPTIONS="-Dpryv.migration.fastPath.off=$off" "$@" >/dev/null 2>"$work/last-error" \
    || echo $? >"$work/last-rc"; } 2>&1 )
  rc=$(cat "$work/last-rc")
  if [ "$rc" -gt 1 ]; then
    echo "bench/speed: error: $mechanism $scenario $state failed ($rc): $(tail -n 1 "$work/last-error")" >&2
    exit 4
  fi
  echo "$mechanism $scenario $state $t" | awk '{ print $1, $2, $3, $4, $5 + $6 }' >>"$work/times"
}
pair() { # ROUND MECHANISM SCENARIO CMD... : on and off, in an order flipped every round
  local round=$1 mechanism=$2 scenario=$3
  shift 3
  if [ $((round % 2)) -eq 0 ]; then
    timed "$mechanism" "$scenario" on "" "$@"; timed "$mechanism" "$scenario" off "$mechanism" "$@"
  else
    timed "$mechanism" "$scenario" off "$mechanism" "$@"; timed "$mechanism" "$scenario" on "" "$@"
  fi
}
for round in $(seq "$rounds"); do
  for mechanism in rsa-crt openssl-signer all; do
    if measured "$mechanism"; then pair "$round" "$mechanism" push-rerun "${push[@]}"; fi
  done
  if measured bulk-cipher-warm-up; then
    for state in on off; do # in an order flipped every round, into an empty folder each time
      [ $((round % 2)) -eq 0 ] || state=$([ "$state" = on ] && echo off || echo on)
      rm -rf "$work/big-dst"
      timed bulk-cipher-warm-up push-full "$state" "$([ "$state" = off ] && echo bulk-cipher-warm-up)" "${full[@]}"
    done
  fi
  if measured all; then
    pair "$round" all mongo-check "${check[@]}"
    pair "$round" all status "${status[@]}"
  fi
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

median() { # MECHANISM SCENARIO STATE [FIELD: 4 wall (default), 5 CPU]
  awk -v m="$1" -v s="$2" -v t="$3" -v f="${4:-4}" '$1 == m && $2 == s && $3 == t { print $f }' "$work/times" | sort -n \
    | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "medians of wall time (and of CPU time, user + system, of the tool and what it started), ms:"
printf '%-24s %-20s %8s %8s %7s   %8s %8s %7s\n' mechanism scenario "on" "off" off/on "CPU on" "CPU off" off/on
while read -r mechanism scenario; do
  on=$(median "$mechanism" "$scenario" on) off=$(median "$mechanism" "$scenario" off)
  con=$(median "$mechanism" "$scenario" on 5) coff=$(median "$mechanism" "$scenario" off 5)
  awk -v m="$mechanism" -v s="$scenario" -v on="$on" -v off="$off" -v con="$con" -v coff="$coff" \
    'BEGIN { printf "%-24s %-20s %8.0f %8.0f %6.2fx   %8.0f %8.0f %6.2fx\n", m, s, on * 1000, off * 1000, off / on,
      con * 1000, coff * 1000, coff / con }'
done < <(awk '$3 == "off" { print $1, $2 }' "$work/times" | awk '!seen[$0]++')
echo "load average at end $load_end. all: every mechanism off at once. off/on above 1: the mechanism gains."

#!/usr/bin/env bash
# The launchers' class-data sharing archive (AppCDS, PRYV_MIGRATION_CDS), on and off, alternated ROUNDS times in the
# same run from the unpacked release: nginx-rewriter status and redirect --dry-run of the example site-443.conf,
# docker-ops mongo-check of the example dump (a local verb), backup-transfer push re-run of a small tree
# (unchanged, 200 files) to 127.0.0.1 over OpenSSH sshd (bench/backup-transfer/sshd.sh), and verify health of a
# local HTTP server answering as a core. Each tool's archive is made by its first run before the rounds
# (nginx-rewriter's by a status). Medians of wall time and of CPU time (user + system) and the ratio on/off.
# Usage: bench/release/cds.sh [ROUNDS] [ARCHIVE] [CASE...]   (cases: status redirect check push health, default all;
#        without ARCHIVE, or with '', builds the jars if stale, then the release)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-11}"
archive="${2:-}"
cases=("${@:3}")
[ "${#cases[@]}" -gt 0 ] || cases=(status redirect check push health)
work="$root/bench/work/cds"
if [ -z "$archive" ]; then
  # shellcheck source=scripts/lib/build.sh
  source "$root/scripts/lib/build.sh"
  build_jars nginx-rewriter platform-yml-editor backup-transfer docker-ops verify
  archive=$("$root/scripts/release.sh" --no-build | head -n 1)
fi
sshd="" core=""
cleanup() {
  if [ -n "$sshd" ]; then kill "$sshd" 2>/dev/null || true; fi
  if [ -n "$core" ]; then kill "$core" 2>/dev/null || true; fi
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work/release" "$work/src" "$work/conf/pryv/mongodb/backup"
tar -xzf "$archive" -C "$work/release"
release=$(echo "$work/release"/pryv-core-migration-*)
cp -r "$release/examples/mongodb-dump/." "$work/conf/pryv/mongodb/backup/"
for i in $(seq 200); do echo "file $i" >"$work/src/f$i"; done
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sshd=$("$root/bench/backup-transfer/sshd.sh" "$work/ssh" "$port")
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
# shellcheck disable=SC2034 # the three commands are used through declare -n
push=("$release/bin/backup-transfer" push -p "$port" -i "$work/ssh/id_rsa" --known-hosts "$work/ssh/known_hosts"
  "$work/src" "root@127.0.0.1:$work/dst")
# shellcheck disable=SC2034
status=("$release/bin/nginx-rewriter" status "$release/examples/site-443.conf")
# shellcheck disable=SC2034
redirect=("$release/bin/nginx-rewriter" redirect "$release/examples/site-443.conf" --to 10.0.0.2 --dry-run)
check=("$release/bin/docker-ops" mongo-check --conf-root "$work/conf")
"${check[@]}" --write-manifest >/dev/null
python3 "$root/tests/infra/status-core.py" >"$work/core.port" &
core=$!
for _ in $(seq 50); do [ -s "$work/core.port" ] && break; sleep 0.1; done
# shellcheck disable=SC2034
health=("$release/bin/verify" health --api "http://127.0.0.1:$(cat "$work/core.port")/")

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='%3R %3U %3S'
timed() { # LABEL CDS CMD... : appends "LABEL wall cpu" to $work/times; exit 1 (status: not redirected) is fine
  local label="$1" cds="$2" t
  shift 2
  t=$( { time PRYV_MIGRATION_CDS=$cds "$@" >/dev/null 2>"$work/stderr"; } 2>&1 ) || [ $? -eq 1 ] \
    || { echo "bench/release: error: $label failed: $*: $(cat "$work/stderr")" >&2; exit 4; }
  echo "$label $t" | awk '{ print $1, $2, $3 + $4 }' >>"$work/times"
}
: >"$work/times"
for tool in "${cases[@]}"; do # each tool's archive made, and the page cache warmed: not measured
  declare -n cmd=$tool
  PRYV_MIGRATION_CDS=on "${cmd[@]}" >/dev/null 2>&1 || true
  PRYV_MIGRATION_CDS=off "${cmd[@]}" >/dev/null 2>&1 || true
done
echo "archives: $(cd "$release/cds" && echo *) ($(du -sm "$release/cds" | cut -f1) MB)"
for _ in $(seq "$rounds"); do
  for tool in "${cases[@]}"; do
    declare -n cmd=$tool
    timed "$tool-off" off "${cmd[@]}"
    timed "$tool-on" on "${cmd[@]}"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { # LABEL FIELD(2 wall, 3 cpu)
  awk -v l="$1" -v f="$2" '$1 == l { print $f }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "$rounds rounds, alternated; medians in ms (wall / CPU):"
for tool in "${cases[@]}"; do
  fw=$(median "$tool-off" 2) fc=$(median "$tool-off" 3) nw=$(median "$tool-on" 2) nc=$(median "$tool-on" 3)
  awk -v c="$tool" -v fw="$fw" -v fc="$fc" -v nw="$nw" -v nc="$nc" 'BEGIN {
    printf "  %-7s CDS off %5.0f / %5.0f   on %5.0f / %5.0f   on/off %.2fx wall, %.2fx CPU\n",
      c, fw * 1000, fc * 1000, nw * 1000, nc * 1000, nw / fw, nc / fc }'
done

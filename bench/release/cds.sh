#!/usr/bin/env bash
# The launchers' class-data sharing archive (AppCDS, PRYV_MIGRATION_CDS), on and off, alternated ROUNDS times in the
# same run from the unpacked release: nginx-rewriter status and redirect --dry-run of the example site-443.conf,
# docker-ops mongo-check of the example dump (a local verb), backup-transfer push re-run of a small tree
# (unchanged, 200 files) to 127.0.0.1 over OpenSSH sshd (bench/backup-transfer/sshd.sh), and verify health of a
# local HTTP server answering as a core. Each tool's archive is made by its first run before the rounds
# (nginx-rewriter's by a status). Medians of wall time and of CPU time (user + system) and the ratio on/off.
# With VERSUS=ARCHIVE2, two releases instead (e.g. built on two Java runtimes: JAVA_HOME=... scripts/release.sh),
# each with its launchers' defaults, alternated the same way: ARCHIVE is "a", ARCHIVE2 "b", and the ratio b/a.
# Usage: bench/release/cds.sh [ROUNDS] [ARCHIVE] [CASE...]   (cases: status redirect yml check push health, default all;
#        without ARCHIVE, or with '', builds the jars if stale, then the release)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-11}"
archive="${2:-}"
cases=("${@:3}")
[ "${#cases[@]}" -gt 0 ] || cases=(status redirect yml check push health)
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
unpack() { # ARCHIVE NAME: unpacks into $work/release/NAME, prints the release folder
  mkdir -p "$work/release/$2"
  tar -xzf "$1" -C "$work/release/$2"
  echo "$work/release/$2"/pryv-core-migration-*
}
# The variants measured: LABEL, release folder, PRYV_MIGRATION_CDS ('' = the launcher's default).
if [ -n "${VERSUS:-}" ]; then
  labels=(a b) releases=("$(unpack "$archive" a)" "$(unpack "$VERSUS" b)") cds_values=('' '')
else
  release=$(unpack "$archive" one)
  labels=(off on) releases=("$release" "$release") cds_values=(off on)
fi
cp -r "${releases[0]}/examples/mongodb-dump/." "$work/conf/pryv/mongodb/backup/"
for i in $(seq 200); do echo "file $i" >"$work/src/f$i"; done
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sshd=$("$root/bench/backup-transfer/sshd.sh" "$work/ssh" "$port")
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
"${releases[0]}/bin/docker-ops" mongo-check --conf-root "$work/conf" --write-manifest >/dev/null
python3 "$root/tests/infra/status-core.py" >"$work/core.port" &
core=$!
for _ in $(seq 50); do [ -s "$work/core.port" ] && break; sleep 0.1; done
command_of() { # CASE RELEASE: sets cmd to the case's command from that release
  local release="$2"
  case "$1" in
    push) cmd=("$release/bin/backup-transfer" push -p "$port" -i "$work/ssh/id_rsa" --known-hosts "$work/ssh/known_hosts"
      "$work/src" "root@127.0.0.1:$work/dst-${release##*/release/}") ;;
    status) cmd=("$release/bin/nginx-rewriter" status "$release/examples/site-443.conf") ;;
    redirect) cmd=("$release/bin/nginx-rewriter" redirect "$release/examples/site-443.conf" --to 10.0.0.2 --dry-run) ;;
    yml) cmd=("$release/bin/platform-yml-editor" list-cores "$release/examples/platform.yml") ;;
    check) cmd=("$release/bin/docker-ops" mongo-check --conf-root "$work/conf") ;;
    health) cmd=("$release/bin/verify" health --api "http://127.0.0.1:$(cat "$work/core.port")/") ;;
    *) echo "bench/release: error: unknown case $1 (status redirect yml check push health)" >&2; exit 2 ;;
  esac
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!labels[@]}"; do
  echo "${labels[$i]}: ${releases[$i]#"$work/release/"}, $("${releases[$i]}/runtime/bin/java" -version 2>&1 | head -n 1)," \
    "PRYV_MIGRATION_CDS=${cds_values[$i]:-default}"
done
TIMEFORMAT='%3R %3U %3S'
run_variant() { # INDEX CMD...: the command with that variant's PRYV_MIGRATION_CDS
  local cds="${cds_values[$1]}"
  shift
  if [ -n "$cds" ]; then PRYV_MIGRATION_CDS=$cds "$@"; else env -u PRYV_MIGRATION_CDS "$@"; fi
}
timed() { # LABEL INDEX CMD... : appends "LABEL wall cpu" to $work/times; exit 1 (status: not redirected) is fine
  local label="$1" index="$2" t
  shift 2
  t=$( { time run_variant "$index" "$@" >/dev/null 2>"$work/stderr"; } 2>&1 ) || [ $? -eq 1 ] \
    || { echo "bench/release: error: $label failed: $*: $(cat "$work/stderr")" >&2; exit 4; }
  echo "$label $t" | awk '{ print $1, $2, $3 + $4 }' >>"$work/times"
}
: >"$work/times"
for tool in "${cases[@]}"; do # each tool's archive made, and the page cache warmed: not measured
  for i in "${!labels[@]}"; do
    command_of "$tool" "${releases[$i]}"
    run_variant "$i" "${cmd[@]}" >/dev/null 2>&1 || true
    run_variant "$i" "${cmd[@]}" >/dev/null 2>&1 || true
  done
done
for release in $(printf '%s\n' "${releases[@]}" | sort -u); do
  echo "archives: $(cd "$release/cds" 2>/dev/null && echo *) ($(du -sm "$release/cds" 2>/dev/null | cut -f1) MB)"
done
for round in $(seq "$rounds"); do
  order=("${!labels[@]}")
  [ $((round % 2)) = 0 ] && order=(1 0) # the order flipped every round
  for tool in "${cases[@]}"; do
    for i in "${order[@]}"; do
      command_of "$tool" "${releases[$i]}"
      timed "$tool-${labels[$i]}" "$i" "${cmd[@]}"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { # LABEL FIELD(2 wall, 3 cpu)
  awk -v l="$1" -v f="$2" '$1 == l { print $f }' "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "$rounds rounds, alternated; medians in ms (wall / CPU):"
a="${labels[0]}" b="${labels[1]}"
for tool in "${cases[@]}"; do
  fw=$(median "$tool-$a" 2) fc=$(median "$tool-$a" 3) nw=$(median "$tool-$b" 2) nc=$(median "$tool-$b" 3)
  awk -v c="$tool" -v a="$a" -v b="$b" -v fw="$fw" -v fc="$fc" -v nw="$nw" -v nc="$nc" 'BEGIN {
    printf "  %-8s %-3s %5.0f / %5.0f   %-3s %5.0f / %5.0f   %s/%s %.2fx wall, %.2fx CPU\n",
      c, a, fw * 1000, fc * 1000, b, nw * 1000, nc * 1000, b, a, nw / fw, nc / fc }'
done

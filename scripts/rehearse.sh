#!/usr/bin/env bash
# The README's first command: a whole core migration in the operator's topology, on this one machine.
# Builds the release (scripts/release.sh), then:
#   - four hosts, source, dest, reg-master and reg-slave (tests/topology/hosts.sh): each its own network namespace
#     on a private switch (10.213.0.0/24, no route out), its own mount namespace (its own /var/pryv, /opt,
#     /root/.ssh, /etc/hosts, /run) and its own OpenSSH sshd, reached as root with a key from source;
#   - a Docker engine on source and on dest (tests/topology/engine.sh) with Pryv's containers, named and mounted
#     like Pryv's and started by Pryv's own run-config-follower / run-pryv (tests/topology/platform.sh);
#   - the release installed in source's /opt, and its migrate-core.sh run on source with production paths
#     (/var/pryv), EXEC_MODE=docker, every phase: once without presync, once with it, each followed by the undo
#     of every phase that can be undone; then a run interrupted (SIGINT) inside the downtime window and resumed.
# It ends with the migration report and a line saying, part by part, what was real and what a stand-in; exit 0
# only when every check passed. Every process, namespace and mount it made is gone when it ends (Ctrl-C too).
#
# Usage: scripts/rehearse.sh [--keep] [--small | --size N] [--baseline] [--rounds N] [--release ARCHIVE]
#   --keep               leave the rehearsal folder (.rehearsal/) for inspection (processes are always stopped)
#   --small              a smaller data set, and no runbook baseline (used by scripts/test.sh)
#   --size N             a larger data set: N GiB of attachments (4 N files of 256 MiB and 3,000 small ones), about
#                        100 N MB of MongoDB documents (collections of 25 MB), 1.5 N million InfluxDB points; no interrupted run (3), no
#                        baseline unless --baseline: the windows with and without presync, to see what they grow with
#   --baseline           also with --small or --size: after the runs, time the runbook's own commands on the same
#                        data (tests/topology/runbook-baseline.sh) and print that window next to ours
#   --rounds N           with the baseline: the runbook's commands and the migration with presync N times each,
#                        alternated (the source's redirect undone and dest reset in between), medians and the
#                        median of the per-round ratios: the windows vary by tens of percent with the load
#   --release ARCHIVE    install this release archive instead of building one (scripts/test.sh passes the one it built)
# Needs root (namespaces, dockerd), the test Docker engine's images (tests/infra/docker-engine.sh start builds them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib/packages.sh
source "$root/scripts/lib/packages.sh"
# shellcheck source=scripts/lib/stats.sh
source "$root/scripts/lib/stats.sh"
topology="$root/tests/topology"

KEEP=0
SMALL=0
SIZE=0
BASELINE=""
ROUNDS=1
ARCHIVE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1 ;;
    --small) SMALL=1 ;;
    --baseline) BASELINE=1 ;;
    --rounds) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "rehearse: error: --rounds needs a whole number" >&2; exit 2; }; ROUNDS="$2"; shift ;;
    --release) [ $# -ge 2 ] || { echo "rehearse: error: --release needs an archive" >&2; exit 2; }; ARCHIVE="$2"; shift ;;
    --size) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "rehearse: error: --size needs a whole number of GiB" >&2; exit 2; }; SIZE="$2"; shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "rehearse: error: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

[ "$SMALL" -eq 0 ] || [ "$SIZE" -eq 0 ] || { echo "rehearse: error: --small and --size exclude each other" >&2; exit 2; }
[ -n "$BASELINE" ] || { [ "$SMALL" -eq 1 ] || [ "$SIZE" -gt 0 ] && BASELINE=0 || BASELINE=1; }
[ "$ROUNDS" -eq 1 ] || [ "$BASELINE" -eq 1 ] || { echo "rehearse: error: --rounds alternates the migration with the runbook's commands: add --baseline" >&2; exit 2; }
T0=$(date +%s)
say() { printf '\n== [%4d s] %s\n' "$(($(date +%s) - T0))" "$*"; }
fail() { echo "rehearse: error: $1" >&2; exit "${2:-4}"; }

[ "$(id -u)" -eq 0 ] || fail "needs root: the hosts are namespaces, each core runs dockerd"
ensure_programs "${TOOLKIT_PROGRAMS[@]}" docker-compose:docker-compose unshare:util-linux nsenter:util-linux ip:iproute2
if [ -z "$ARCHIVE" ]; then
  say "building the release (scripts/release.sh)"
  ARCHIVE=$("$root/scripts/release.sh" | sed -n 1p)
fi
[ -f "$ARCHIVE" ] || fail "release archive not found: $ARCHIVE" 3
export MONGO_STAND_IN_JAR="$root/stand-ins/mongodb/target/mongodb-stand-in.jar"
export CORE_STAND_IN_JAR="$root/stand-ins/pryv-core/target/pryv-core-stand-in.jar"
if [ ! -f "$MONGO_STAND_IN_JAR" ] || [ ! -f "$CORE_STAND_IN_JAR" ]; then
  say "building the stand-ins (mvn -pl stand-ins/mongodb,stand-ins/pryv-core -am package)"
  mvn -B -q -DskipTests -pl stand-ins/mongodb,stand-ins/pryv-core -am -f "$root/pom.xml" package >/dev/null
fi

say "the test Docker engine and its images (tests/infra/docker-engine.sh start)"
engine=$("$root/tests/infra/docker-engine.sh" start | tail -n 1)
case "$engine" in DOCKER_HOST=unix://*) export TEST_DOCKER_HOST="${engine#DOCKER_HOST=}" ;; *) fail "the test Docker engine did not start" ;; esac
IMAGES=(pryv-test/nginx:1 pryv-test/influxdb:1 pryv-test/mongodb-6.0:1 pryv-test/core:1 pryv-test/config-follower:1)

REHEARSAL_DIR="${REHEARSAL_DIR:-$root/.rehearsal}"
# Only ever delete a folder this script made (it leaves a marker in it).
if [ -e "$REHEARSAL_DIR" ] && [ ! -f "$REHEARSAL_DIR/.made-by-rehearse" ] && [ -n "$(ls -A "$REHEARSAL_DIR")" ]; then
  fail "$REHEARSAL_DIR exists and was not made by rehearse.sh: choose another REHEARSAL_DIR" 3
fi
[ ! -d "$REHEARSAL_DIR" ] || "$topology/hosts.sh" down "$REHEARSAL_DIR" >/dev/null
rm -rf "$REHEARSAL_DIR"
mkdir -p "$REHEARSAL_DIR"
touch "$REHEARSAL_DIR/.made-by-rehearse"
REHEARSAL_DIR="$(cd "$REHEARSAL_DIR" && pwd)"
D="$REHEARSAL_DIR"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  echo "rehearse: stopping the hosts (their sshd, dockerd and containers)" >&2
  "$topology/hosts.sh" down "$D" >/dev/null 2>&1 || true
  # (a tool's AOT cache may still be being written in the background: one more try a moment later)
  if [ "$KEEP" -eq 0 ]; then rm -rf "$D" 2>/dev/null || { sleep 3; rm -rf "$D" || true; }; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

on() { "$topology/hosts.sh" exec "$D" "$@"; }
SOURCE_IP=$("$topology/hosts.sh" ip source)
DEST_IP=$("$topology/hosts.sh" ip dest)
DOMAIN=rehearsal.pryv.test
CORE_HOST="co1.$DOMAIN"
MIGRATION=/opt/migration # on source: the settings, the state and the logs
HERE_MIGRATION="$D/hosts/source/opt/migration"

# --- the machines -------------------------------------------------------------------------------------------
say "hosts: source, dest, reg-master, reg-slave (namespaces, sshd each)"
"$topology/hosts.sh" up "$D"
say "Docker engines on source and dest (images from the test engine: ${IMAGES[*]})"
"$topology/engine.sh" up "$D" source "${IMAGES[@]}" &
source_engine=$!
"$topology/engine.sh" up "$D" dest "${IMAGES[@]}" &
dest_engine=$!
wait "$source_engine" || fail "the Docker engine on source did not start"
wait "$dest_engine" || fail "the Docker engine on dest did not start"

say "Pryv's files on every host; the containers on source (run-config-follower, run-pryv)"
"$topology/platform.sh" install "$D"
SRC="$D/hosts/source/var-pryv"
mkdir -p "$HERE_MIGRATION"
cp "$D/hosts/client/ca.pem" "$HERE_MIGRATION/ca.pem" # the operator's copy of the platform's CA
# Attachments: a few large files and many small ones in nested folders, like pryv/core/data/<user>/.
bulk_documents=0
if [ "$SMALL" -eq 1 ]; then big_files=2; big_mib=8; small_files=600; n_points=2000
elif [ "$SIZE" -gt 0 ]; then big_files=$((4 * SIZE)); big_mib=256; small_files=3000; n_points=$((100000 * SIZE)); bulk_documents=$((100000 * SIZE))
else big_files=3; big_mib=64; small_files=3000; n_points=20000; fi
for i in $(seq 1 "$big_files"); do
  mkdir -p "$SRC/pryv/core/data/user$i/attachments"
  head -c "$((big_mib * 1024 * 1024))" /dev/urandom >"$SRC/pryv/core/data/user$i/attachments/big-$i.bin"
done
for i in $(seq 1 "$small_files"); do
  dir="$SRC/pryv/core/data/user$((i % 7))/events/e$((i % 50))"
  mkdir -p "$dir"
  head -c "$((1024 + (i * 37) % 19456))" /dev/urandom >"$dir/attachment $i.jpg"
done
echo "attachments: $(find "$SRC/pryv/core/data" -type f | wc -l) files, $(du -sh "$SRC/pryv/core/data" | cut -f1)"
"$topology/platform.sh" start "$D"
on source docker ps --format '{{.Names}} {{.Image}} {{.Status}}' | sed 's/^/  source: /'

say "databases on source: InfluxDB points over HTTP, MongoDB from the bundled dump (mongorestore in pryvio_mongodb)"
points=0
for db in user.alice01 user.alice02 user.alice03; do
  on source curl -sf -XPOST http://127.0.0.1:8086/query --data-urlencode "q=CREATE DATABASE \"$db\"" >/dev/null
  awk -v n="$n_points" 'BEGIN {
    for (s = 1; s <= 5; s++) for (i = 0; i < n; i++)
      printf "event.c%023d value=%d.%d %d\n", s, (i * 7) % 100, i % 10, 1700000000 + i
  }' >"$D/points.txt"
  # in writes of 100,000 points (influxd refuses a body over 25 MB)
  split -l 100000 "$D/points.txt" "$D/points.part."
  for part in "$D"/points.part.*; do
    on source curl -sf -XPOST "http://127.0.0.1:8086/write?db=$db&precision=s" --data-binary @"$part"
  done
  points=$((points + $(wc -l <"$D/points.txt")))
  rm -f "$D/points.txt" "$D"/points.part.*
done
cp -r "$root/examples/mongodb-dump/." "$SRC/pryv/mongodb/backup/"
if [ "$bulk_documents" -gt 0 ]; then
  # --size: event-like documents of about 1 KB each, written as mongodump's BSON for mongorestore, in collections of
  # 25,000 (25 MB: the MongoDB stand-in answers a whole collection in one reply, which may not exceed 48 MB)
  python3 - "$bulk_documents" "$SRC/pryv/mongodb/backup/pryv-node/bulkevents" <<'PY'
import os, struct, sys
def cstring(s): return s.encode() + b"\0"
def string(name, value):
    data = value.encode() + b"\0"
    return b"\x02" + cstring(name) + struct.pack("<i", len(data)) + data
def document(elements):
    body = b"".join(elements) + b"\0"
    return struct.pack("<i", len(body) + 4) + body
count, prefix = int(sys.argv[1]), sys.argv[2]
for first in range(0, count, 25000):
    with open("%s%d.bson" % (prefix, first // 25000), "wb") as out:
        for i in range(first, min(first + 25000, count)):
            streams = document([string("0", "stream-%d" % (i % 50))])
            out.write(document([
                b"\x07" + cstring("_id") + struct.pack(">I", 1700000000 + i) + os.urandom(8),
                b"\x01" + cstring("time") + struct.pack("<d", 1700000000.0 + i),
                string("type", "note/txt"),
                b"\x04" + cstring("streamIds") + streams,
                string("content", os.urandom(450).hex()),
            ]))
PY
fi
on source docker exec pryvio_mongodb /app/bin/mongodb/bin/mongorestore /app/backup/ >"$D/seed-mongorestore.log" 2>&1 \
  || { cat "$D/seed-mongorestore.log" >&2; fail "mongorestore of the example data on source failed"; }
rm -rf "${SRC:?}/pryv/mongodb/backup/"*
echo "influxdb: 3 databases, 15 series, $points points; mongodb: $(grep -o '[0-9]* document(s) restored' "$D/seed-mongorestore.log" | head -1)"

through() { # IP PATH [curl options]: a request to the core's public name, sent to IP from source, TLS checked
  on source curl -sSf -o /dev/null --cacert "$MIGRATION/ca.pem" --resolve "$CORE_HOST:443:$1" "${@:3}" "https://$CORE_HOST$2"
}
# Which machine's nginx served a request sent to IP: a unique path, then the access logs of both cores.
served_by() { # IP -> source, dest, or nothing
  local probe="/reg/service/info?rehearsal-probe=$RANDOM$RANDOM" host
  through "$1" "$probe" 2>/dev/null || true
  for host in dest source; do
    if grep -qF "$probe" "$D/hosts/$host/var-pryv/pryv/nginx/log/core.access.log" 2>/dev/null; then
      if [ "$host" = dest ] || [ "$1" = "$SOURCE_IP" ]; then echo "$host"; return 0; fi
    fi
  done
}
[ "$(served_by "$SOURCE_IP")" = source ] || fail "source's nginx does not serve the core's name over TLS"

# Accounts on source's core, registered through its nginx (POST /users); their tokens for seed and verify.
USERS="rehearsal01 rehearsal02"
: >"$HERE_MIGRATION/tokens.txt"
chmod 600 "$HERE_MIGRATION/tokens.txt"
for user in $USERS; do
  endpoint=$(on source curl -sSf --cacert "$MIGRATION/ca.pem" --resolve "$CORE_HOST:443:$SOURCE_IP" \
    -H 'Content-Type: application/json' -d "{\"appId\":\"rehearsal\",\"username\":\"$user\",\"password\":\"rehearsal-$user\",\"email\":\"$user@example.com\",\"languageCode\":\"en\"}" \
    "https://$CORE_HOST/users" | sed -n 's/.*"apiEndpoint" *: *"https:\/\/\([^@]*\)@.*/\1/p')
  [ -n "$endpoint" ] || fail "could not register $user on source's core"
  echo "$user $endpoint" >>"$HERE_MIGRATION/tokens.txt"
done
echo "accounts on source's core (through its nginx): $USERS"

# --- the migration ------------------------------------------------------------------------------------------
say "the release, installed on source in /opt (as an operator unpacks it)"
tar -xzf "$ARCHIVE" -C "$D/hosts/source/opt"
RELEASE_DIR=$(cd "$D/hosts/source/opt" && echo pryv-core-migration-*)
[ -x "$D/hosts/source/opt/$RELEASE_DIR/bin/migrate-core.sh" ] || fail "$ARCHIVE holds no pryv-core-migration-*/bin/migrate-core.sh" 3
echo "installed $(basename "$ARCHIVE") in source:/opt/$RELEASE_DIR"

write_settings() { # STATE-NAME SKIP-PHASES
  cat >"$HERE_MIGRATION/$1.env" <<EOF
# written by rehearse.sh: the migration of core co1 from source ($SOURCE_IP) to dest ($DEST_IP)
DEST_SSH=root@$DEST_IP
DEST_IP=$DEST_IP
SOURCE_IP=$SOURCE_IP
SSH_KEY=/root/.ssh/id_ed25519
KNOWN_HOSTS=/root/.ssh/known_hosts
EXEC_MODE=docker
DOMAIN=$DOMAIN
CORE_HOST=$CORE_HOST
HOSTING=hosting1
CORE=co1
REG_MASTER_SSH=root@$("$topology/hosts.sh" ip reg-master)
REG_SLAVE_SSH=root@$("$topology/hosts.sh" ip reg-slave)
VERIFY_CACERT=$MIGRATION/ca.pem
VERIFY_USERS="$USERS"
VERIFY_TOKEN_FILE=$MIGRATION/tokens.txt
QUICK_FREEZE=1
FREEZE=${FREEZE:-read-only}
STATE_DIR=$MIGRATION/$1
SKIP_PHASES="$2"
EOF
}

# migrate-core.sh on source, from the installed release, in its own process group (as at a terminal)
migrate() { # STATE-NAME ARGS...
  on source "/opt/$RELEASE_DIR/bin/migrate-core.sh" --config "$MIGRATION/$1.env" --yes "${@:2}"
}

window_figures() { # STATE-NAME -> the report's lines on the window's parts, indented
  migrate "$1" report | grep -E "read outage|cool-down|inside the window|files proven" | sed "s/^ */      /" || true
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", a / b; else print "n/a" }'; }

downtime_of() { # STATE-NAME: from the moment writes were refused (freeze's reload) to the end of redirect's reload
  awk '$1 == "window_start" { s = $2 } $1 == "window_end" { e = $2 } END { if (s && e) printf "%.1f", e - s }' \
    "$HERE_MIGRATION/$1/facts"
}

cooldown_of() { # STATE-NAME: how long the dump waited for the core's cool-down (0 when it did not)
  awk '$1 == "cooldown_waited" { w = $2 } END { printf "%.1f", w + 0 }' "$HERE_MIGRATION/$1/facts"
}

check_after_move() {
  [ "$(served_by "$DEST_IP")" = dest ] || fail "dest's nginx does not serve the core's name by IP" 1
  [ "$(served_by "$SOURCE_IP")" = dest ] || fail "a request to source did not reach dest's nginx through the proxy" 1
  echo "dest's nginx serves the core's name by IP ($DEST_IP), and source's proxy ($SOURCE_IP) sends requests on to it (TLS checked against the CA)"
  on source "/opt/$RELEASE_DIR/bin/backup-transfer" check /var/pryv/pryv/core/data "root@$DEST_IP:/var/pryv/pryv/core/data" \
    -i /root/.ssh/id_ed25519 --known-hosts /root/.ssh/known_hosts >/dev/null \
    || fail "the attachments on dest differ from source (backup-transfer check)" 1
  echo "attachments identical on both sides (backup-transfer check, SHA-256 of every file)"
  check_register "$DEST_IP"
}

check_register() { # IP expected for co1
  local reg yml
  for reg in reg-master reg-slave; do
    yml="$D/hosts/$reg/var-pryv/config-leader/conf/platform.yml"
    [ "$reg" = reg-slave ] && continue # the register's followers copy it from reg-master's leader
    grep -A2 'co1:' "$yml" | grep -q "ip: $1" || fail "reg-master's platform.yml does not say co1 is at $1" 1
    [ "$(stat -c '%u:%g %a' "$yml")" = "9999:9999 640" ] || fail "platform.yml lost its owner or mode: $(stat -c '%u:%g %a' "$yml")" 1
    [ "$(stat -c '%u:%g %a' "$(dirname "$yml")")" = "9999:9999 750" ] || fail "config-leader/conf lost its owner or mode" 1
  done
  echo "reg-master's platform.yml says co1 is at $1 (owner 9999:9999, mode 640, folder 750 kept); restarts logged: reg-master $(wc -l <"$D/hosts/reg-master/var-pryv/register-restarts.log" 2>/dev/null || echo 0), reg-slave $(wc -l <"$D/hosts/reg-slave/var-pryv/register-restarts.log" 2>/dev/null || echo 0)"
}

# Waits (up to 20 s) until source's nginx serves the core itself again.
source_serves_itself() { # WHEN (for the failure message)
  local got=""
  for _ in $(seq 1 40); do
    got=$(served_by "$SOURCE_IP") && [ "$got" = source ] && break
    sleep 0.5
  done
  [ "$got" = source ] || fail "$1, source's nginx does not serve the core itself (served by: ${got:-nothing})" 1
}

# The undo of every phase that can be undone, last first; then source serves its own data again.
undo_all() { # STATE-NAME
  local phase
  for phase in register redirect freeze; do
    migrate "$1" undo "$phase" | sed 's/^/  /'
  done
  source_serves_itself "after undo"
  [ "$(on source docker inspect --format '{{.HostConfig.RestartPolicy.Name}}' pryvio_config_follower)" = always ] \
    || fail "undo freeze did not put back the follower's restart policy" 1
  check_register "$SOURCE_IP"
  echo "after undo register, redirect, freeze: source serves from its own core, its follower runs with restart policy always, platform.yml back"
}

# Dest as fresh as before the first run: no container, an empty /var/pryv but Pryv's scripts.
reset_dest() {
  on dest sh -c 'cd /var/pryv && { [ ! -f pryv/pryv.yml ] || ./stop-pryv; } && { [ ! -f config-follower/config-follower.yml ] || ./stop-config-follower; }' >/dev/null 2>&1
  on dest sh -c 'rm -rf /var/pryv/pryv /var/pryv/config-follower'
  [ -z "$(on dest docker ps -aq)" ] || fail "dest still has containers after stop-pryv"
}

say "migration 1 of 3: without presync (everything moves while source is frozen)"
write_settings no-presync "presync"
migrate no-presync plan >"$D/plan.txt"
echo "plan: $(grep -c '^    [^#]' "$D/plan.txt") commands in $(grep -c '^\[' "$D/plan.txt") phases"
migrate no-presync run
check_after_move
window_without=$(downtime_of no-presync)
figures_without=$(window_figures no-presync)
say "undo of every undoable phase (register, redirect, freeze); dest reset"
undo_all no-presync
reset_dest

say "migration 2 of 3: with presync (the bulk moves while source still serves)"
write_settings presync ""
migrate presync run
check_after_move
grep -q "is the one presync saw: docker start of the containers presync stopped" \
  "$HERE_MIGRATION/presync/logs/restore.log" \
  || fail "restore after presync did not start dest's stopped containers with docker start" 1
window_with=$(downtime_of presync)
figures_with=$(window_figures presync)
say "undo of every undoable phase; dest reset"
undo_all presync
reset_dest

# Run 3: interrupted inside the window, the state of production checked, then resumed.
interrupted_run() {
  local rc run_pid write_status
  say "migration 3 of 3: interrupted (SIGINT) inside the downtime window, then resumed"
  write_settings interrupted ""
  # Job control on for this one: a background command of a script otherwise starts with SIGINT ignored (it could
  # not be interrupted at all); with it, the run gets its own process group, as at a terminal, for Ctrl-C's signal.
  set -m
  "$topology/hosts.sh" exec "$D" source "/opt/$RELEASE_DIR/bin/migrate-core.sh" \
    --config "$MIGRATION/interrupted.env" --yes run >"$D/interrupted.out" 2>&1 &
  run_pid=$!
  set +m
  for _ in $(seq 1 1200); do
    grep -q '^freeze done ' "$HERE_MIGRATION/interrupted/state" 2>/dev/null && break
    kill -0 "$run_pid" 2>/dev/null || break
    sleep 0.25
  done
  grep -q '^freeze done ' "$HERE_MIGRATION/interrupted/state" 2>/dev/null \
    || { cat "$D/interrupted.out" >&2; fail "the interrupted run did not reach freeze"; }
  sleep 1 # inside dump now
  kill -INT -- "-$run_pid"
  rc=0
  wait "$run_pid" || rc=$?
  sed 's/^/  /' "$D/interrupted.out" | tail -n 20
  [ "$rc" -eq 130 ] || fail "the interrupted migrate-core.sh exited $rc (expected 130)" 1
  if [ "${FREEZE:-read-only}" = read-only ]; then
    grep -q 'PRODUCTION IS READ-ONLY' "$D/interrupted.out" || fail "the interrupted run did not say that production is read-only" 1
    [ "$(served_by "$SOURCE_IP")" = source ] || fail "while interrupted inside a read-only window, source's nginx does not serve reads" 1
    write_status=$(on source curl -s -o /dev/null -w '%{http_code}' --cacert "$MIGRATION/ca.pem" \
      --resolve "$CORE_HOST:443:$SOURCE_IP" -X POST "https://$CORE_HOST/rehearsal01/events") || true
    [ "$write_status" = 503 ] || fail "while interrupted inside a read-only window, a write got HTTP $write_status, not 503" 1
    echo "while interrupted inside the window, source serves reads and refuses writes (503), as the message says"
  else
    grep -q 'PRODUCTION IS DOWN' "$D/interrupted.out" || fail "the interrupted run did not say that production is down" 1
    [ -z "$(served_by "$SOURCE_IP")" ] || fail "while interrupted inside the window, source's nginx still answers" 1
    echo "while interrupted inside the window, source answers nothing (nginx stopped), as the message says"
  fi
  # dest's pryv.yml changed since presync (as a follower rewriting it would): restore must not take presync's
  # docker start, run-pryv decides (here it only starts what is stopped: a comment changes no container)
  on dest sh -c 'echo "# rewritten after presync (rehearse.sh)" >>/var/pryv/pryv/pryv.yml'
  say "resumed: migrate-core.sh run"
  migrate interrupted run
  check_after_move
  if grep -q "is the one presync saw" "$HERE_MIGRATION/interrupted/logs/restore.log" \
    || ! grep -q "^Running Pryv/core component" "$HERE_MIGRATION/interrupted/logs/restore.log"; then
    fail "restore used presync's docker start although dest's pryv.yml changed since (run-pryv expected)" 1
  fi
  window_interrupted=$(downtime_of interrupted)
}

window_interrupted=""
last_run=presync
if [ "$SIZE" -eq 0 ]; then
  interrupted_run
  last_run=interrupted
fi

# After the runbook's commands: source's site-443.conf back from its .bak (nginx-rewriter rollback), its nginx
# restarted on it, dest reset: the state a migration starts from.
undo_runbook() {
  on source "/opt/$RELEASE_DIR/bin/nginx-rewriter" rollback /var/pryv/pryv/nginx/conf/site-443.conf >/dev/null
  on source docker restart pryvio_nginx >/dev/null
  source_serves_itself "after the runbook's redirect was rolled back"
  reset_dest
}

baseline_line=""
if [ "$BASELINE" -eq 1 ]; then
  if [ "$last_run" = interrupted ]; then
    say "the runbook's own commands on the same data (undo of run 3 and dest reset first)"
    undo_all interrupted
    reset_dest
  else
    say "the runbook's own commands on the same data"
  fi
  runbook_windows="" presync_windows="$window_with" round_ratios="" round_window="$window_with"
  round_cooldown=$(cooldown_of presync) cooled_windows="" cooled_ratios=""
  for round in $(seq 1 "$ROUNDS"); do
    if [ "$round" -gt 1 ]; then
      say "round $round of $ROUNDS: the migration with presync again, then the runbook's commands"
      undo_runbook
      write_settings "presync-$round" ""
      migrate "presync-$round" run >"$D/presync-$round.out" 2>&1 \
        || { tail -n 20 "$D/presync-$round.out" >&2; fail "the migration with presync of round $round failed"; }
      check_after_move
      round_window=$(downtime_of "presync-$round")
      round_cooldown=$(cooldown_of "presync-$round")
      presync_windows+=" $round_window"
      undo_all "presync-$round" >/dev/null
      reset_dest
    fi
    "$topology/runbook-baseline.sh" "$D" "$RELEASE_DIR" | tee "$D/runbook-baseline-$round.txt"
    window_runbook=$(sed -n 's/^runbook window: \(.*\) s$/\1/p' "$D/runbook-baseline-$round.txt")
    [ "$(served_by "$SOURCE_IP")" = dest ] || fail "after the runbook's commands, source does not proxy to dest" 1
    runbook_windows+=" $window_runbook"
    round_ratios+=" $(awk -v a="$round_window" -v b="$window_runbook" 'BEGIN { printf "%.3f", a / b }')"
    cooled=$(awk -v a="$round_window" -v c="$round_cooldown" 'BEGIN { printf "%.1f", a - c }')
    cooled_windows+=" $cooled"
    cooled_ratios+=" $(awk -v a="$cooled" -v b="$window_runbook" 'BEGIN { printf "%.3f", a / b }')"
  done
  if [ "$ROUNDS" -eq 1 ]; then
    baseline_line="  the runbook's own commands: ${window_runbook} s (tests/topology/runbook-baseline.sh; nginx stopped, no checks inside)
  with presync / runbook: $(ratio "$window_with" "$window_runbook") (goal <= 0.5)"
  else
    baseline_line="  $ROUNDS rounds alternated, with presync:${presync_windows} s (median $(echo "$presync_windows" | median) s)
  the runbook's own commands:${runbook_windows} s (median $(echo "$runbook_windows" | median) s; tests/topology/runbook-baseline.sh; nginx stopped, no checks inside)
  with presync / runbook, median of the rounds' ratios: $(echo "$round_ratios" | median)x (goal <= 0.5)"
  fi
  # The cool-down waits for the core's own last write (a series event rewritten after its last points); the
  # runbook's commands do not wait for it (they lose that write): the window without it, for comparison.
  baseline_line+="
  with presync less its cool-down (the wait for the core's last rewrite, which the runbook's commands skip):${cooled_windows} s; / runbook, median of the rounds' ratios: $(echo "$cooled_ratios" | median)x"
fi

say "result"
migrate "$last_run" report
interrupted_words="."
[ "$last_run" != interrupted ] || interrupted_words="; the interrupted run exited
130, said the state of production, and resumed to the end."
cat <<EOF

Rehearsal passed: in each run every phase ran on source from the installed release (EXEC_MODE=docker,
/var/pryv); dest's core answered through source's proxy with TLS; reg-master's platform.yml moved to dest and back
with its owner and mode; the undo of register, redirect and freeze brought source back$interrupted_words
Downtime window (writes refused at freeze's reload -> redirect done; FREEZE=${FREEZE:-read-only}), same data:
  without presync: ${window_without} s
$figures_without
  with presync:    ${window_with} s
$figures_with
  with / without presync: $(ratio "$window_with" "$window_without") (goal <= 0.3)
  interrupted and resumed: ${window_interrupted:-not run (--size)} s (includes the time it stayed interrupted)
${baseline_line}
Real: four hosts with their own network and file system view, OpenSSH sshd on each, dockerd on source and dest,
Pryv's run-pryv/stop-pryv/run-config-follower scripts with docker-compose, nginx (pryvio_nginx with Pryv's
nginx.conf and site-443.conf over TLS), influxd (pryvio_influxdb), the release's tools, seed and verify through
the API by IP and through source's proxy. Stand-ins: pryvio_mongodb (mongo-java-server; dump/restore write and
read real BSON; image generation 6.0), pryvio_core (stand-ins/pryv-core: the Pryv API from pryv/core/data),
pryvio_config_follower and config-leader (small programs that fetch and serve the leader's files over HTTP), the
registers' restart scripts (they log their call: no engine on the register hosts).
EOF

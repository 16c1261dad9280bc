#!/usr/bin/env bash
# The README's first command. Builds the release (scripts/release.sh: mvn package, then the archive with its own
# runtime) and installs it in the rehearsal folder, as an operator would on source; then plays a whole core
# migration on this one machine, with that release's migrate-core.sh and tools, the bundled example data and real
# programs on loopback:
#   - OpenSSH sshd on 127.0.0.1 is the "dest" machine (and the register), reached with an RSA 4096 key;
#   - two folders are the two PRYV_CONF_ROOTs (source, dest) and one is reg-master's;
#   - a real influxd per side holds the high-frequency data; a real nginx is source's proxy (running the Pryv
#     site-443.conf) and another is dest's TLS front;
#   - the migration runs through scripts/migrate-core.sh, twice on the same data: once without presync and once
#     with it, to show the downtime window each gives.
# It ends with the migration report and exits 0 only when every check passed. What cannot be real here (no
# MongoDB server, no Pryv.io core image, no API to seed) is named in the output.
#
# Usage: scripts/rehearse.sh [--keep] [--small] [--release ARCHIVE]
#   --keep               leave the rehearsal folder (.rehearsal/) for inspection (processes are always stopped)
#   --small              a smaller data set (used by scripts/test.sh)
#   --release ARCHIVE    install this release archive instead of building one (scripts/test.sh passes the one it built)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib/packages.sh
source "$root/scripts/lib/packages.sh"
# shellcheck source=scripts/lib/rehearsal-services.sh
source "$root/scripts/lib/rehearsal-services.sh"

KEEP=0
SMALL=0
ARCHIVE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1 ;;
    --small) SMALL=1 ;;
    --release) [ $# -ge 2 ] || { echo "rehearse: error: --release needs an archive" >&2; exit 2; }; ARCHIVE="$2"; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "rehearse: error: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\n== %s\n' "$*"; }
fail() { echo "rehearse: error: $*" >&2; exit "${2:-4}"; }

ensure_programs "${TOOLKIT_PROGRAMS[@]}"
if [ -z "$ARCHIVE" ]; then
  say "building the release (scripts/release.sh)"
  ARCHIVE=$("$root/scripts/release.sh" | sed -n 1p)
fi
[ -f "$ARCHIVE" ] || fail "release archive not found: $ARCHIVE" 3

REHEARSAL_DIR="${REHEARSAL_DIR:-$root/.rehearsal}"
# Only ever delete a folder this script made (it leaves a marker in it).
if [ -e "$REHEARSAL_DIR" ] && [ ! -f "$REHEARSAL_DIR/.made-by-rehearse" ] && [ -n "$(ls -A "$REHEARSAL_DIR")" ]; then
  fail "$REHEARSAL_DIR exists and was not made by rehearse.sh: choose another REHEARSAL_DIR" 3
fi
rm -rf "$REHEARSAL_DIR"
mkdir -p "$REHEARSAL_DIR"
touch "$REHEARSAL_DIR/.made-by-rehearse"
REHEARSAL_DIR="$(cd "$REHEARSAL_DIR" && pwd)"
cleanup() {
  stop_services
  if [ "$KEEP" -eq 0 ]; then rm -rf "$REHEARSAL_DIR"; fi
}
trap cleanup EXIT

# The release, installed as on source: the tools and migrate-core.sh run from its bin/, on its own runtime.
mkdir -p "$REHEARSAL_DIR/opt"
tar -xzf "$ARCHIVE" -C "$REHEARSAL_DIR/opt"
RELEASE=$(echo "$REHEARSAL_DIR"/opt/pryv-core-migration-*)
[ -x "$RELEASE/bin/migrate-core.sh" ] || fail "$ARCHIVE holds no pryv-core-migration-*/bin/migrate-core.sh" 3
echo "installed $(basename "$ARCHIVE") in $RELEASE"
tool() { "$RELEASE/bin/$1" "${@:2}"; }

SRC="$REHEARSAL_DIR/source/var/pryv"
DST="$REHEARSAL_DIR/dest/var/pryv"
REG="$REHEARSAL_DIR/reg-master/var/pryv"
CORE_HOST=co1.rehearsal.pryv.test
DEST_IP=127.0.0.2

say "what the redirect will change in the bundled site-443.conf (dry run, nothing written)"
tool nginx-rewriter redirect "$root/examples/site-443.conf" --to 10.0.0.2 --dry-run

# --- the machines' folders --------------------------------------------------------------------------------
say "preparing source, dest and reg-master folders with example data"
mkdir -p "$SRC"/pryv/{nginx/conf,core/data,mongodb/backup,influxdb/backup} "$SRC/config-follower"
mkdir -p "$DST"/pryv/{nginx/conf,core/data,mongodb/backup,influxdb/backup} "$DST/config-follower"
mkdir -p "$REG/config-leader/conf" "$REHEARSAL_DIR/tls"
cp -r "$root/examples/config-follower/." "$SRC/config-follower/"
cp "$root/examples/platform.yml" "$REG/config-leader/conf/platform.yml"
for script in restart-config-follower restart-pryv; do
  printf '#!/bin/sh\necho "%s (rehearsal stand-in for the Pryv script)" >>"%s/register-restarts.log"\n' \
    "$script" "$REHEARSAL_DIR" >"$REG/$script"
  chmod +x "$REG/$script"
done

# Attachments: a few large files and many small ones in nested folders, like pryv/core/data/<user>/.
if [ "$SMALL" -eq 1 ]; then big_files=2; big_mib=8; small_files=600; else big_files=3; big_mib=64; small_files=3000; fi
for i in $(seq 1 "$big_files"); do
  mkdir -p "$SRC/pryv/core/data/user$i/attachments"
  head -c "$((big_mib * 1024 * 1024))" /dev/urandom >"$SRC/pryv/core/data/user$i/attachments/big-$i.bin"
done
for i in $(seq 1 "$small_files"); do
  d="$SRC/pryv/core/data/user$((i % 7))/events/e$((i % 50))"
  mkdir -p "$d"
  head -c "$((1024 + (i * 37) % 19456))" /dev/urandom >"$d/attachment $i.jpg"
done
echo "attachments: $(find "$SRC/pryv/core/data" -type f | wc -l) files, $(du -sh "$SRC/pryv/core/data" | cut -f1)"

# --- services -----------------------------------------------------------------------------------------------
say "starting real services on loopback: sshd (dest), influxd x2, nginx x3"
start_sshd
start_influxd source
SRC_INFLUX_HTTP=$INFLUX_HTTP SRC_INFLUX_RPC=$INFLUX_RPC
start_influxd dest
DST_INFLUX_HTTP=$INFLUX_HTTP DST_INFLUX_RPC=$INFLUX_RPC

influx_write() { # http_port db lines-file
  curl -sf -XPOST "http://127.0.0.1:$1/write?db=$2&precision=s" --data-binary @"$3" >/dev/null
}
influx_query() { # http_port query
  curl -sf -G "http://127.0.0.1:$1/query" --data-urlencode "q=$2"
}
points=0
for db in user.alice01 user.alice02 user.alice03; do
  influx_query "$SRC_INFLUX_HTTP" "CREATE DATABASE \"$db\"" >/dev/null
  lines="$REHEARSAL_DIR/points-$db.txt"
  awk -v n="$([ "$SMALL" -eq 1 ] && echo 2000 || echo 20000)" 'BEGIN {
    for (s = 1; s <= 5; s++) for (i = 0; i < n; i++)
      printf "event.c%023d value=%d.%d %d\n", s, (i * 7) % 100, i % 10, 1700000000 + i
  }' >"$lines"
  influx_write "$SRC_INFLUX_HTTP" "$db" "$lines"
  points=$((points + $(wc -l <"$lines")))
done
echo "influxdb source: 3 databases, 15 series, $points points"

# TLS: dest's front has a certificate for the core's name (nginx sends no SNI to an IP unless told).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$CORE_HOST" \
  -addext "subjectAltName=DNS:$CORE_HOST,DNS:*.rehearsal.pryv.test" \
  -keyout "$REHEARSAL_DIR/tls/key.pem" -out "$REHEARSAL_DIR/tls/cert.pem" 2>/dev/null

CORE_PORT=$(free_port)   # stands in for source's core/mfa/hfs/preview/follower containers
SRC_PORT=$(free_port)    # source nginx (443 in production)
while [ "$SRC_PORT" = "$CORE_PORT" ]; do SRC_PORT=$(free_port); done
DEST_PORT=$(free_port)   # dest's TLS front (443 in production)
cat >"$REHEARSAL_DIR/source-core.conf" <<EOF
server {
  listen 127.0.0.1:$CORE_PORT;
  location / { default_type text/plain; return 200 "source-core \$request_uri host=\$host\n"; }
}
EOF
cat >"$REHEARSAL_DIR/dest-front.conf" <<EOF
server {
  listen $DEST_IP:$DEST_PORT ssl;
  server_name $CORE_HOST;
  ssl_certificate $REHEARSAL_DIR/tls/cert.pem;
  ssl_certificate_key $REHEARSAL_DIR/tls/key.pem;
  location / { default_type text/plain; return 200 "dest \$request_uri host=\$host sni=\$ssl_server_name\n"; }
}
EOF
# Source runs the bundled Pryv site-443.conf, adapted only where a laptop differs from a core machine: listen
# address, log path, and the container names its upstreams use (core, mfa, hfs, preview, config-follower, and the
# public web app) point at the local stand-in.
sed -e "s#listen *443 ssl;#listen 127.0.0.1:$SRC_PORT ssl;#" \
    -e "s#/app/log/#$REHEARSAL_DIR/#g" \
    -e "s#server \(core\|mfa\|hfs\|preview\|config-follower\):[0-9]*#server 127.0.0.1:$CORE_PORT#" \
    -e "s#https://pryv.github.io/app-web/#http://127.0.0.1:$CORE_PORT/app-web/#" \
    "$root/examples/site-443.conf" >"$SRC/pryv/nginx/conf/site-443.conf"
cat >"$REHEARSAL_DIR/source-http.conf" <<EOF
ssl_certificate $REHEARSAL_DIR/tls/cert.pem;
ssl_certificate_key $REHEARSAL_DIR/tls/key.pem;
include $SRC/pryv/nginx/conf/site-443.conf;
EOF
start_nginx source-core "$REHEARSAL_DIR/source-core.conf"
start_nginx dest-front "$REHEARSAL_DIR/dest-front.conf"
start_nginx source "$REHEARSAL_DIR/source-http.conf"
wait_for_port 127.0.0.1 "$SRC_PORT" "source nginx"
wait_for_port "$DEST_IP" "$DEST_PORT" "dest front nginx"

through_source() { # path [curl options] -> what answered
  local path="$1"
  shift
  curl -sk "$@" --resolve "$CORE_HOST:$SRC_PORT:127.0.0.1" "https://$CORE_HOST:$SRC_PORT$path" \
    || fail "no answer from source nginx for $path (curl exit $?)"
}
before=$(through_source /auth/login)
echo "before the move, source answers /auth/login with: $before"
case "$before" in source-core*) ;; *) fail "source nginx does not serve from the source core: $before" ;; esac

# --- the migration settings ----------------------------------------------------------------------------------
write_settings() { # state-dir skip-phases
  local name value ctl
  ctl=$(printf '%q' "$REHEARSAL_DIR/nginx-source/ctl")
  {
    echo "# written by rehearse.sh"
    while read -r name value; do
      printf '%s=%q\n' "$name" "$value"
    done <<EOF
DEST_SSH $SSH_USER@127.0.0.1
DEST_SSH_PORT $SSHD_PORT
DEST_IP $DEST_IP
DEST_PROXY_TARGET $DEST_IP:$DEST_PORT
SSH_KEY $SSH_CLIENT_KEY
KNOWN_HOSTS $SSH_KNOWN_HOSTS
SOURCE_CONF_ROOT $SRC
DEST_CONF_ROOT $DST
EXEC_MODE local
MONGO_MODE bundled
MONGO_BUNDLED_DUMP $root/examples/mongodb-dump
SOURCE_NGINX_STOP_CMD $ctl stop
SOURCE_NGINX_START_CMD $ctl start
SOURCE_NGINX_RESTART_CMD $ctl restart
SOURCE_NGINX_RELOAD_CMD $ctl reload
SOURCE_ACCESS_LOG $REHEARSAL_DIR/core.access.log
FREEZE ${FREEZE:-read-only}
SOURCE_INFLUX_RPC 127.0.0.1:$SRC_INFLUX_RPC
SOURCE_INFLUX_HTTP 127.0.0.1:$SRC_INFLUX_HTTP
DEST_INFLUX_RPC 127.0.0.1:$DST_INFLUX_RPC
DEST_INFLUX_HTTP 127.0.0.1:$DST_INFLUX_HTTP
DOMAIN rehearsal.pryv.test
CORE_HOST $CORE_HOST
HOSTING hosting1
CORE co1
REG_MASTER_SSH $SSH_USER@127.0.0.1
REG_SLAVE_SSH
REG_SSH_PORT $SSHD_PORT
REG_CONF_ROOT $REG
REG_SCRIPTS_DIR $REG
VERIFY_USERS
QUICK_FREEZE 1
STATE_DIR $1
SKIP_PHASES $2
EOF
  } >"$REHEARSAL_DIR/migration.env"
}

# --yes: no one is at a terminal to confirm the downtime window
migrate() { "$RELEASE/bin/migrate-core.sh" --config "$REHEARSAL_DIR/migration.env" --yes "$@"; }

downtime_of() { # state-file
  awk '$1 == "freeze" { f = $3 } $1 == "redirect" { r = $4 } END { if (f && r) printf "%.1f", r - f }' "$1"
}

check_after_move() {
  local answer path
  for path in / /auth/login /mfa/x /previews/x /events/c123/series /socket.io/?EIO=4; do
    # GET / is the public web app (not the core) in Pryv's config: check the core's POST / instead.
    if [ "$path" = / ]; then answer=$(through_source "$path" -X POST); else answer=$(through_source "$path"); fi
    case "$answer" in
      "dest $path host=$CORE_HOST sni=$CORE_HOST") ;;
      *) fail "through the redirected source, $path got: $answer (expected dest $path host=$CORE_HOST)" 1 ;;
    esac
  done
  # QUICK_FREEZE kept the attachments' re-hash out of the frozen window: prove them identical now.
  tool backup-transfer check "$SRC/pryv/core/data" "$SSH_USER@127.0.0.1:$DST/pryv/core/data" -p "$SSHD_PORT" \
    -i "$SSH_CLIENT_KEY" --known-hosts "$SSH_KNOWN_HOSTS" >/dev/null \
    || fail "the attachments on dest differ from source (backup-transfer check)" 1
  echo "attachments identical on both sides (backup-transfer check, SHA-256 of every file)"
  echo "through source, POST /, /auth/login, /mfa/x, /previews/x, /events/ID/series and /socket.io/ reach dest with their path, Host and SNI"
  tool platform-yml-editor get "$REG/config-leader/conf/platform.yml" \
    "vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value.hosting1.co1.ip" \
    | grep -qx "$DEST_IP" || fail "platform.yml on reg-master does not hold the new core IP" 1
  echo "reg-master's platform.yml now says co1 is at $DEST_IP; restarts run on the register: $(wc -l <"$REHEARSAL_DIR/register-restarts.log")"
}

reset_dest() {
  migrate undo redirect >/dev/null
  # FREEZE=read-only: undo redirect leaves source frozen (reads served, writes refused), as freeze left it
  [ "${FREEZE:-read-only}" != read-only ] || migrate undo freeze >/dev/null
  cmp -s "$SRC/pryv/nginx/conf/site-443.conf" "$REHEARSAL_DIR/site-443.conf.before" \
    || fail "undo redirect and undo freeze did not give back site-443.conf byte for byte" 1
  echo "site-443.conf is back byte for byte (undo redirect, undo freeze)"
  migrate undo register >/dev/null
  stop_influxd dest
  start_influxd dest
  DST_INFLUX_HTTP=$INFLUX_HTTP DST_INFLUX_RPC=$INFLUX_RPC
  rm -rf "$DST"/pryv/core/data/* "$DST"/pryv/mongodb/backup/* "$DST"/pryv/influxdb/backup/* "$DST"/config-follower/*
  rm -f "$REHEARSAL_DIR/register-restarts.log"
  case "$(through_source /auth/login)" in source-core*) ;; *) fail "rollback did not bring source back" ;; esac
}

# --- run 1: without presync ------------------------------------------------------------------------------
say "migration 1 of 2: without presync (everything moves while source is frozen)"
write_settings "$REHEARSAL_DIR/state-no-presync" "presync seed"
cp "$SRC/pryv/nginx/conf/site-443.conf" "$REHEARSAL_DIR/site-443.conf.before"
migrate plan >"$REHEARSAL_DIR/plan.txt"
echo "plan: $(grep -c '^    [^#]' "$REHEARSAL_DIR/plan.txt") commands in $(grep -c '^\[' "$REHEARSAL_DIR/plan.txt") phases (see migrate-core.sh plan)"
migrate run
check_after_move
window_without=$(downtime_of "$REHEARSAL_DIR/state-no-presync/state")
figures_without=$(migrate report | grep -E "read outage|cool-down|inside the window|files proven" | sed "s/^ */      /" || true)

say "resetting dest and rolling source back (migrate-core.sh undo redirect, undo register)"
reset_dest

# --- run 2: with presync -------------------------------------------------------------------------------
say "migration 2 of 2: with presync (the bulk moves while source still serves)"
write_settings "$REHEARSAL_DIR/state-presync" "seed"
migrate run
check_after_move
window_with=$(downtime_of "$REHEARSAL_DIR/state-presync/state")
figures_with=$(migrate report | grep -E "read outage|cool-down|inside the window|files proven" | sed "s/^ */      /" || true)

say "result"
cat <<EOF
Rehearsal passed: every folder arrived identical (backup-transfer check), the InfluxDB restore holds the counted
series and points, the MongoDB dump arrived intact per its manifest, the redirected source proxies to dest, and
reg-master's platform.yml holds the new IP.
Downtime window (freeze -> redirect done; FREEZE=${FREEZE:-read-only}), same data:
  without presync: ${window_without} s
$figures_without
  with presync:    ${window_with} s
$figures_with
Real here: OpenSSH sshd (as dest and reg-master), nginx (source proxy, dest front), influxd (both sides), the
toolkit's release (its launchers, jars and runtime). Not real here: no MongoDB server (the bundled BSON dump
from examples/mongodb-dump stands in for mongodump/mongorestore and is checked document by document count), no
Pryv.io core containers (EXEC_MODE=local; docker-ops runs influxd directly), no Pryv.io API (the seed and verify
phases are skipped: set VERIFY_USERS and CORE_HOST to a real core to run them), and the register's restart scripts
are stand-ins that log their call.
EOF

#!/usr/bin/env bash
# Lays a Pryv platform on the rehearsal's hosts (tests/topology/hosts.sh up, engines on source and dest):
#
#   tests/topology/platform.sh install DIR    the files of every host (below)
#   tests/topology/platform.sh start DIR      on source: run-config-follower, run-pryv, wait until each
#                                             container answers, then the databases' example data
#
# source   /var/pryv as a core machine has it: Pryv's scripts (run-pryv, stop-pryv, run-config-follower, ...,
#          verbatim), config-follower/ (its compose file and conf/config-follower.json naming the leader), pryv/
#          (written by the follower from the leader: pryv.yml, nginx/conf/ with Pryv's nginx.conf and site-443.conf
#          and the TLS files; the data folders).
# dest     /var/pryv with Pryv's scripts only: presync brings config-follower/, the follower writes the rest.
# reg-*    /var/pryv/config-leader/conf/platform.yml (9999:9999, mode 640, co1 at source's address),
#          config-leader/data/core/ (what the leader serves to cores), and the register's restart-config-follower /
#          restart-pryv (stand-ins that log their call: no engine runs there). `start` runs the config-leader
#          stand-in on reg-master (python3, port 7000), which every follower asks for its files.
# source and dest get /opt/pryv-stand-ins/ (the jars of the MongoDB and Pryv core stand-ins, which their images
# take mounted). The TLS certificate of *.DOMAIN is signed by a CA made here: DIR/hosts/client/ca.pem.
#
# Environment: DOMAIN (default rehearsal.pryv.test), MONGO_STAND_IN_JAR and CORE_STAND_IN_JAR (built by mvn
# package of stand-ins/), PLATFORM_YML (the platform.yml to start from, default examples/platform.yml).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
DOMAIN="${DOMAIN:-rehearsal.pryv.test}"
MONGO_STAND_IN_JAR="${MONGO_STAND_IN_JAR:-$root/stand-ins/mongodb/target/mongodb-stand-in.jar}"
CORE_STAND_IN_JAR="${CORE_STAND_IN_JAR:-$root/stand-ins/pryv-core/target/pryv-core-stand-in.jar}"
PLATFORM_YML="${PLATFORM_YML:-$root/examples/platform.yml}"
LEADER_PROGRAM="$root/docker-ops/src/test/docker/config-follower/config-leader.py"
LEADER_PORT=7000
LEADER_KEY=rehearsal-core-machine-key

die() { echo "platform: error: $1" >&2; exit "${2:-4}"; }
on() { "$here/hosts.sh" exec "$DIR" "$@"; }
files_of() { echo "$DIR/hosts/$1/var-pryv"; }

install_core_files() { # HOST: Pryv's scripts and the stand-ins' programs
  local conf opt
  conf="$(files_of "$1")"
  opt="$DIR/hosts/$1/opt/pryv-stand-ins"
  install -m 755 "$here"/pryv/scripts/{run-pryv,stop-pryv,restart-pryv,run-config-follower,stop-config-follower,restart-config-follower,ensure-permissions-core} "$conf/"
  mkdir -p "$opt"
  cp "$MONGO_STAND_IN_JAR" "$opt/mongodb-stand-in.jar"
  cp "$CORE_STAND_IN_JAR" "$opt/pryv-core-stand-in.jar"
}

tls() { # the CA and the certificate of *.DOMAIN, as Pryv's leader distributes it (nginx/conf/secret/)
  local ca="$DIR/hosts/client" secret="$1"
  mkdir -p "$secret"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=rehearsal CA" \
    -keyout "$ca/ca-key.pem" -out "$ca/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=*.$DOMAIN" -keyout "$secret/$DOMAIN-key.pem" \
    -out "$ca/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:*.%s,DNS:%s\n' "$DOMAIN" "$DOMAIN" >"$ca/server.ext"
  openssl x509 -req -in "$ca/server.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" -CAcreateserial -days 2 \
    -extfile "$ca/server.ext" -out "$secret/$DOMAIN-bundle.crt" 2>/dev/null
}

install_platform() {
  local src leader reg_files reg host
  src="$(files_of source)"
  # --- reg-master: what config-leader serves to cores (Pryv: config-leader/data/core/), its templates filled in
  # (DOMAIN, MAX_UPLOAD_SIZE_MB). nginx.conf differs from Pryv's in two lines: Debian's nginx user (www-data)
  # and no dhparam file.
  leader="$(files_of reg-master)/config-leader/data/core"
  mkdir -p "$leader/nginx/conf"
  sed -e "s#DOMAIN#$DOMAIN#g" "$here/pryv/leader/pryv.yml" >"$leader/pryv.yml"
  sed -e "s#DOMAIN#$DOMAIN#g" -e 's#MAX_UPLOAD_SIZE_MB#100#' -e 's#^user nginx;#user www-data;#' \
    -e '/ssl_dhparam/d' "$here/pryv/leader/nginx/conf/nginx.conf" >"$leader/nginx/conf/nginx.conf"
  sed -e "s#DOMAIN#$DOMAIN#g" "$here/pryv/leader/nginx/conf/site-443.conf" >"$leader/nginx/conf/site-443.conf"
  tls "$leader/nginx/conf/secret"
  mkdir -p "$DIR/hosts/reg-master/opt/pryv-stand-ins"
  cp "$LEADER_PROGRAM" "$DIR/hosts/reg-master/opt/pryv-stand-ins/config-leader.py"
  # --- registers: platform.yml owned by config-leader's user, and the restart scripts
  for reg in reg-master reg-slave; do
    reg_files="$(files_of "$reg")"
    mkdir -p "$reg_files/config-leader/conf"
    awk -v ip="$("$here/hosts.sh" ip source)" '!done && /ip: REPLACE_ME/ { sub(/REPLACE_ME/, ip); done = 1 } { print }' \
      "$PLATFORM_YML" | sed "s#DOMAIN#$DOMAIN#g" >"$reg_files/config-leader/conf/platform.yml"
    chown -R 9999:9999 "$reg_files/config-leader"
    chmod 750 "$reg_files/config-leader/conf"
    chmod 640 "$reg_files/config-leader/conf/platform.yml"
    for script in restart-config-follower restart-pryv; do
      install -m 755 "$here/pryv/scripts/restart-register-stand-in" "$reg_files/$script"
    done
  done
  # --- source: the follower's folder (the leader's address and this core's key), Pryv's scripts, data folders
  mkdir -p "$src/config-follower/conf"
  cp "$here/pryv/config-follower.yml" "$src/config-follower/config-follower.yml"
  cat >"$src/config-follower/conf/config-follower.json" <<EOF
{
  "http": { "port": 6000, "ip": "127.0.0.1" },
  "logs": { "prefix": "config-follower", "console": { "active": true, "level": "info", "colorize": false }, "file": { "active": false } },
  "leader": { "url": "http://$("$here/hosts.sh" ip reg-master):$LEADER_PORT/", "auth": "$LEADER_KEY" },
  "paths": { "dataFolder": "/app/pryv/" }
}
EOF
  mkdir -p "$src"/pryv/{nginx/log,core/data,core/log,mongodb/data,mongodb/log,mongodb/backup,influxdb/data,influxdb/backup}
  install_core_files source
  # --- dest: a fresh core machine, Pryv's scripts only
  mkdir -p "$(files_of dest)"
  install_core_files dest
  for host in source dest; do
    # site-443.conf's web app upstream is resolved when nginx starts: no DNS here, so a local name
    echo "127.0.0.1 pryv.github.io" >>"$DIR/hosts/$host/etc-hosts"
  done
}

wait_for() { # HOST WHAT COMMAND...
  local host="$1" what="$2"
  shift 2
  for _ in $(seq 1 240); do
    if on "$host" "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  on "$host" docker ps -a >&2 || true
  die "$what did not answer on $host within 2 minutes"
}

start() {
  on reg-master sh -c "LEADER_KEY=$LEADER_KEY LEADER_LISTEN=0.0.0.0:$LEADER_PORT LEADER_DATA=/var/pryv/config-leader/data \
    setsid python3 /opt/pryv-stand-ins/config-leader.py </dev/null >/var/pryv/config-leader.log 2>&1 &"
  wait_for source "config-leader on reg-master" curl -sf -o /dev/null -H "Authorization: $LEADER_KEY" \
    "http://$("$here/hosts.sh" ip reg-master):$LEADER_PORT/conf"
  # shellcheck disable=SC2016 # expanded by source's shell
  on source sh -c 'cd /var/pryv && ./run-config-follower && for i in $(seq 1 600); do [ -f pryv/pryv.yml ] && break; sleep 0.1; done && ./run-pryv' \
    >"$DIR/hosts/source/log/run-pryv.log" 2>&1 || {
    cat "$DIR/hosts/source/log/run-pryv.log" >&2
    on source docker logs pryvio_config_follower >&2 || true
    die "run-pryv failed on source"
  }
  wait_for source "pryvio_nginx and pryvio_core (TLS on 443)" curl -sf -o /dev/null --cacert "$DIR/hosts/client/ca.pem" \
    --resolve "co1.$DOMAIN:443:127.0.0.1" "https://co1.$DOMAIN/reg/service/info"
  wait_for source "pryvio_influxdb" curl -sf http://127.0.0.1:8086/ping
  wait_for source "pryvio_mongodb" sh -c "docker logs pryvio_mongodb 2>&1 | grep -q 'waiting for connections'"
}

[ $# -eq 2 ] || die "usage: platform.sh install|start DIR" 2
DIR="$(cd "$2" && pwd)"
case "$1" in
  install) install_platform ;;
  start) start ;;
  *) die "usage: platform.sh install|start DIR" 2 ;;
esac

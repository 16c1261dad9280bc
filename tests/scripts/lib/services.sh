# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file
# Real services on loopback for the tests of the scripts (tests/scripts/migrate-core-test.sh): OpenSSH sshd (dest
# and the registers), influxd and the MongoDB stand-in's mongod (one per side). Each start_* records its pid so
# that stop_services cleans up every process. Requires SERVICES_DIR. Nothing listens outside 127.0.0.0/8.

SERVICE_PIDS=()

# A port nothing listens on, below the kernel's ephemeral range (an outgoing connection's local port does not
# listen, so a connect test cannot see it, but it would make our server's bind fail).
free_port() {
  local low port
  low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 12000 ] || low=32768
  while :; do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
}

wait_for_port() { # host port what (waits up to 30 s)
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "services: error: $3 did not start listening on $1:$2" >&2
  return 4
}

# A client key (ssh-keygen -t rsa -b 4096, as the runbook makes it), host keys, and sshd on 127.0.0.1.
# Sets SSHD_PORT, SSH_CLIENT_KEY, SSH_KNOWN_HOSTS, SSH_USER. SSHD_SET_ENV, when set, holds NAME=VALUE words for
# the sessions' environment (the migrate-core tests put their fake docker first on PATH). SHLVL=1 makes bash skip
# ~/.bashrc for the commands sent over SSH: a development machine's (pyenv init: about a second each) is not a
# server's. sshd takes the first SetEnv line only: every variable goes on that one.
start_sshd() {
  local dir="$SERVICES_DIR/sshd" sshd
  sshd="$(command -v sshd || echo /usr/sbin/sshd)"
  mkdir -p "$dir"
  ssh-keygen -q -t rsa -b 4096 -N '' -C "migration@remote" -f "$dir/client_rsa"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
  cp "$dir/client_rsa.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"
  SSHD_PORT=$(free_port)
  SSH_USER="$(id -un)"
  cat >"$dir/sshd_config" <<EOF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
AuthorizedKeysFile $dir/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $dir/sshd.pid
Subsystem sftp internal-sftp
SetEnv SHLVL=1 ${SSHD_SET_ENV:-}
EOF
  [ -d /run/sshd ] || mkdir -p /run/sshd 2>/dev/null || true
  "$sshd" -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
  SERVICE_PIDS+=($!)
  wait_for_port 127.0.0.1 "$SSHD_PORT" sshd
  echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" >"$dir/known_hosts"
  SSH_CLIENT_KEY="$dir/client_rsa"
  SSH_KNOWN_HOSTS="$dir/known_hosts"
}

# influxd 1.x with its own folders; sets INFLUX_HTTP and INFLUX_RPC to its ports. Usage: start_influxd NAME
start_influxd() {
  local name="$1" dir="$SERVICES_DIR/influxd-$1" http rpc
  mkdir -p "$dir"
  http=$(free_port)
  rpc=$(free_port)
  while [ "$rpc" = "$http" ]; do rpc=$(free_port); done
  cat >"$dir/influxdb.conf" <<EOF
bind-address = "127.0.0.1:$rpc"
reporting-disabled = true
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$http"
  log-enabled = false
[monitor]
  store-enabled = false
EOF
  influxd run -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 &
  SERVICE_PIDS+=($!)
  echo "$!" >"$dir/pid"
  if ! wait_for_port 127.0.0.1 "$http" "influxd $name" || ! wait_for_port 127.0.0.1 "$rpc" "influxd $name (rpc)"; then
    tail -5 "$dir/influxd.log" >&2
    return 4
  fi
  INFLUX_HTTP=$http
  INFLUX_RPC=$rpc
}

stop_influxd() { stop_service "$SERVICES_DIR/influxd-$1"; } # NAME

# The MongoDB stand-in's mongod (stand-ins/mongodb, generation 6.0, data in memory) on 127.0.0.1, seeded with
# mongorestore from a mongodump folder when one is given. Requires MONGO_STAND_IN_JAR. Sets MONGOD_PORT.
# Usage: start_mongod NAME [DUMP_FOLDER]
start_mongod() {
  local name="$1" dir="$SERVICES_DIR/mongod-$1" port
  mkdir -p "$dir"
  port=$(free_port)
  java -jar "${MONGO_STAND_IN_JAR:?}" 6.0 mongod --port "$port" >"$dir/mongod.log" 2>&1 &
  SERVICE_PIDS+=($!)
  echo "$!" >"$dir/pid"
  wait_for_port 127.0.0.1 "$port" "the stand-in mongod $name" || { tail -5 "$dir/mongod.log" >&2; return 4; }
  if [ $# -ge 2 ] && ! java -jar "$MONGO_STAND_IN_JAR" 6.0 mongorestore --port "$port" "$2" >"$dir/seed.log" 2>&1; then
    cat "$dir/seed.log" >&2
    return 4
  fi
  MONGOD_PORT=$port
}

stop_mongod() { stop_service "$SERVICES_DIR/mongod-$1"; } # NAME

# Stops the process whose id DIR/pid holds, then removes DIR.
stop_service() { # DIR
  local dir="$1" pid kept=() other
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # forget it, so that stop_services never signals a process id the system may have reused
    for other in "${SERVICE_PIDS[@]}"; do [ "$other" = "$pid" ] || kept+=("$other"); done
    SERVICE_PIDS=("${kept[@]}")
  fi
  rm -rf "$dir"
}

stop_services() {
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${SERVICE_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  SERVICE_PIDS=()
}

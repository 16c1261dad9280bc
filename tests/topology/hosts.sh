#!/usr/bin/env bash
# The rehearsal's four machines on this one: source, dest, reg-master and reg-slave.
#
#   tests/topology/hosts.sh up DIR              make the hosts, each with its own sshd (DIR/hosts/ holds their files)
#   tests/topology/hosts.sh down DIR            stop every process of the hosts and drop their namespaces
#   tests/topology/hosts.sh exec DIR HOST CMD…  run CMD on HOST (its network and mount namespaces)
#   tests/topology/hosts.sh ip HOST             the address of HOST
#
# Each host is a long-lived holder process (`unshare -m -n -u --propagation private sleep infinity`, its own
# host name too) whose network
# namespace has one veth to a bridge in a fifth, private "switch" namespace (10.213.0.0/24, no default route: the
# root namespace's links and routes are never touched) and whose mount namespace binds the host's own folders of
# DIR/hosts/HOST/ over /var/pryv, /opt, /root/.ssh, /root/.bashrc, /etc/hosts and /run (so /var/run/docker.sock is the host's
# own). Every command for a host enters them with `nsenter -t HOLDER -m -n -u`, so it sees what that host sees.
# The namespaces exist only as long as their processes: `down` (and any exit of the caller that runs it) leaves
# no mount, no network namespace and no process behind.
set -euo pipefail

HOSTS=(source dest reg-master reg-slave)
NET_PREFIX=10.213.0

host_ip() {
  case "$1" in
    source) echo "$NET_PREFIX.11" ;;
    dest) echo "$NET_PREFIX.12" ;;
    reg-master) echo "$NET_PREFIX.13" ;;
    reg-slave) echo "$NET_PREFIX.14" ;;
    *) echo "hosts: error: unknown host '$1' (${HOSTS[*]})" >&2; exit 2 ;;
  esac
}

die() { echo "hosts: error: $1" >&2; exit "${2:-4}"; }

holder_of() { # DIR NAME -> pid of the process holding NAME's namespaces (fails when it is gone)
  local pid
  pid=$(cat "$1/hosts/$2.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

on() { # DIR HOST CMD...: runs CMD in HOST's namespaces
  local pid
  pid=$(holder_of "$1" "$2") || die "host $2 is not up (tests/topology/hosts.sh up $1)"
  # A host's docker commands reach that host's engine (its /var/run/docker.sock), never an engine the caller
  # names: scripts/test.sh exports the test engine's DOCKER_HOST for the Java tests.
  nsenter -t "$pid" -m -n -u -- env -u DOCKER_HOST -u DOCKER_CONTEXT "${@:3}"
}

# A holder process in new namespaces; prints its pid once the namespaces exist.
start_holder() { # PIDFILE UNSHARE-OPTIONS...
  local pidfile="$1" pid
  shift
  setsid unshare "$@" sleep infinity </dev/null >/dev/null 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  # unshare execs sleep in the same process once the namespaces are made
  for _ in $(seq 1 100); do
    if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$(command -v sleep)")" ]; then
      echo "$pid"
      return 0
    fi
    sleep 0.05
  done
  die "the namespace holder (pid $pid) did not start"
}

make_host_tree() { # DIR NAME
  local h="$1/hosts/$2" ip
  mkdir -p "$h"/{var-pryv,opt,root-ssh,run/sshd,etc-ssh,log}
  chmod 700 "$h/root-ssh"
  chmod 755 "$h/run/sshd"
  {
    echo "127.0.0.1 localhost $2"
    for other in "${HOSTS[@]}"; do
      ip=$(host_ip "$other")
      echo "$ip $other"
    done
    # Pryv's containers name each other (docker-compose links); on one host with --network host they are all local.
    if [ "$2" = source ] || [ "$2" = dest ]; then echo "127.0.0.1 core hfs mfa preview config-follower mongodb influxdb"; fi
  } >"$h/etc-hosts"
  # A freshly installed host's root .bashrc (Debian's skeleton: nothing for non-interactive shells), not this
  # machine's: bash reads it for every command sent over SSH, and a developer's (pyenv, cargo) adds a second to each.
  if [ -f /etc/skel/.bashrc ]; then cp /etc/skel/.bashrc "$h/root-bashrc"; else : >"$h/root-bashrc"; fi
}

up_host() { # DIR NAME SWITCH-PID
  local dir="$1" name="$2" switch="$3" h="$1/hosts/$2" pid ip port_name
  make_host_tree "$dir" "$name"
  pid=$(start_holder "$h.pid" -m -n -u --propagation private)
  nsenter -t "$pid" -u -- hostname "$name"
  ip=$(host_ip "$name")
  port_name="p-$name"
  # Made inside the switch: the root namespace never sees either end.
  nsenter -t "$switch" -n -- ip link add "${port_name:0:15}" type veth peer name eth0 netns "$pid"
  nsenter -t "$switch" -n -- ip link set "${port_name:0:15}" master br0 up
  nsenter -t "$pid" -n -- ip link set lo up
  nsenter -t "$pid" -n -- ip addr add "$ip/24" dev eth0
  nsenter -t "$pid" -n -- ip link set eth0 up
  # shellcheck disable=SC2016 # expanded by the host's shell
  nsenter -t "$pid" -m -- sh -c '
    set -e
    mkdir -p /var/pryv /opt /root/.ssh
    mount --bind "$1/var-pryv" /var/pryv
    mount --bind "$1/opt" /opt
    mount --bind "$1/root-ssh" /root/.ssh
    mount --bind "$1/etc-hosts" /etc/hosts
    if [ -e /root/.bashrc ]; then mount --bind "$1/root-bashrc" /root/.bashrc; fi
    mount --bind "$1/run" /run
    echo "$2" >/run/rehearsal-host
  ' sh "$h" "$name"
  start_sshd "$dir" "$name"
}

start_sshd() { # DIR NAME
  local h="$1/hosts/$2"
  rm -f "$h/etc-ssh/ssh_host_ed25519_key" "$h/etc-ssh/ssh_host_ed25519_key.pub"
  ssh-keygen -q -t ed25519 -N '' -f "$h/etc-ssh/ssh_host_ed25519_key" -C "$2" </dev/null
  cat >"$h/etc-ssh/sshd_config" <<EOF
ListenAddress 0.0.0.0:22
HostKey $h/etc-ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile /root/.ssh/authorized_keys
StrictModes no
UsePAM no
PidFile /run/sshd.pid
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
EOF
  cp "$1/hosts/client/id_ed25519.pub" "$h/root-ssh/authorized_keys"
  on "$1" "$2" /usr/sbin/sshd -f "$h/etc-ssh/sshd_config" -E "$h/log/sshd.log"
}

up() {
  local dir="$1" switch name ip
  [ "$(id -u)" -eq 0 ] || die "needs root (namespaces, mounts, sshd)"
  mkdir -p "$dir/hosts/client"
  dir="$(cd "$dir" && pwd)"
  if holder_of "$dir" switch >/dev/null; then die "the hosts of $dir are already up (down first)" 3; fi
  # The key every host accepts for root; it lives in source's /root/.ssh (migrate-core.sh runs there).
  rm -f "$dir/hosts/client/id_ed25519" "$dir/hosts/client/id_ed25519.pub"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/hosts/client/id_ed25519" -C rehearsal </dev/null
  switch=$(start_holder "$dir/hosts/switch.pid" -n)
  nsenter -t "$switch" -n -- ip link add br0 type bridge
  nsenter -t "$switch" -n -- ip link set br0 up
  for name in "${HOSTS[@]}"; do up_host "$dir" "$name" "$switch"; done
  # Source's root: the key and every host's key in known_hosts (by name and by address), as an operator's.
  cp "$dir/hosts/client/id_ed25519" "$dir/hosts/source/root-ssh/id_ed25519"
  : >"$dir/hosts/source/root-ssh/known_hosts"
  for name in "${HOSTS[@]}"; do
    ip=$(host_ip "$name")
    echo "$name,$ip $(cut -d' ' -f1,2 "$dir/hosts/$name/etc-ssh/ssh_host_ed25519_key.pub")" \
      >>"$dir/hosts/source/root-ssh/known_hosts"
  done
  cp "$dir/hosts/source/root-ssh/known_hosts" "$dir/hosts/client/known_hosts"
  # Every host reaches every other one over SSH, from source's root as the operator would.
  for name in "${HOSTS[@]}"; do
    ip=$(host_ip "$name")
    for _ in $(seq 1 50); do
      if on "$dir" source ssh -o BatchMode=yes -o ConnectTimeout=2 "root@$ip" true 2>/dev/null; then continue 2; fi
      sleep 0.1
    done
    die "source cannot reach $name ($ip) over SSH (log: $dir/hosts/$name/log/sshd.log)"
  done
  echo "hosts up: $(for n in "${HOSTS[@]}"; do printf '%s=%s ' "$n" "$(host_ip "$n")"; done)(sshd on each, key login as root from source)"
}

# Every process in the network namespace of PID (sshd, dockerd, containers with --network host), PID excluded.
processes_in() {
  local ns
  ns=$(readlink "/proc/$1/ns/net" 2>/dev/null) || return 0
  # one stat for every process (a readlink per process is seconds on a busy machine)
  stat -c '%N' /proc/[0-9]*/ns/net 2>/dev/null | awk -v ns="'$ns'" -v holder="$1" '
    $3 == ns { split($1, path, "/"); if (path[3] != holder) print path[3] }' || true
}

down_host() { # DIR NAME
  local dir="$1" name="$2" pid left sig
  pid=$(holder_of "$dir" "$name") || { rm -f "$dir/hosts/$name.pid"; return 0; }
  # A host's engine removes its containers first (the data root is kept for the next rehearsal's images).
  if nsenter -t "$pid" -m -- test -S /var/run/docker.sock; then
    # shellcheck disable=SC2016 # expanded by the host's shell
    nsenter -t "$pid" -m -n -u -- sh -c 'ids=$(docker ps -aq) && [ -z "$ids" ] || docker rm -f $ids' >/dev/null 2>&1 || true
  fi
  for sig in TERM TERM TERM TERM TERM TERM TERM TERM TERM TERM KILL KILL; do
    left=$(processes_in "$pid")
    [ -n "$left" ] || break
    # shellcheck disable=SC2086 # one pid per word
    kill -"$sig" $left 2>/dev/null || true
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$dir/hosts/$name.pid"
}

down() {
  local dir="$1" name
  [ -d "$dir/hosts" ] || return 0
  # Engines first, in order (dockerd stops its containers), then whatever is left in each namespace.
  for name in "${HOSTS[@]}" switch; do down_host "$dir" "$name"; done
  echo "hosts down"
}

case "${1:-}" in
  up) [ $# -eq 2 ] || die "usage: hosts.sh up DIR" 2; up "$2" ;;
  down) [ $# -eq 2 ] || die "usage: hosts.sh down DIR" 2; down "$2" ;;
  exec) [ $# -ge 4 ] || die "usage: hosts.sh exec DIR HOST COMMAND..." 2; on "$2" "$3" "${@:4}" ;;
  ip) [ $# -eq 2 ] || die "usage: hosts.sh ip HOST" 2; host_ip "$2" ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

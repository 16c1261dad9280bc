# shellcheck shell=bash
# shellcheck disable=SC2034 # user and ssh_cmd are read by the scripts that source this file
# Shared by the backup-transfer benchmarks (sourced): paths, the jar, and a private OpenSSH sshd on a free port.
# Sets here, repo, work, jar, hz; start_sshd sets port, key, known, user, ssh_cmd (OpenSSH's client for that sshd)
# and stops the sshd when the script exits.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$repo/bench/work
# BT_JAR=path measures that jar as it is (e.g. one built from an earlier commit, for a before/after comparison).
jar=${BT_JAR:-$repo/backup-transfer/target/backup-transfer.jar}
# shellcheck source=scripts/lib/build.sh
source "$repo/scripts/lib/build.sh"
[ -n "${BT_JAR:-}" ] || build_jars backup-transfer

# release_launcher: writes the release's bin/backup-transfer (scripts/release/launchers.sh: the JVM options and
# bounded heap users run the tool with) for $jar under $work/launcher, and prints its path.
release_launcher() {
  # shellcheck source=scripts/release/launchers.sh
  source "$repo/scripts/release/launchers.sh"
  mkdir -p "$work/launcher/bin" "$work/launcher/lib"
  ln -sf "$jar" "$work/launcher/lib/backup-transfer.jar"
  write_launcher backup-transfer bench "$work/launcher/bin/backup-transfer"
  echo "$work/launcher/bin/backup-transfer"
}

start_sshd() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  sshd_pid=$("$here/sshd.sh" "$work/sshd" "$port")
  trap 'kill $sshd_pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
  key=$work/sshd/id_rsa known=$work/sshd/known_hosts user=$(id -un)
  ssh_cmd="ssh -p $port -i $key -o UserKnownHostsFile=$known -o StrictHostKeyChecking=yes -o BatchMode=yes"
}

# CPU time used so far by the whole machine (user + nice + system + irq + softirq), in clock ticks ($hz a second).
hz=$(getconf CLK_TCK)
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# Waits (at most 60 s, then goes on anyway) until the machine has been nearly idle (under 10% of one core) for half a
# second: the kernel's own work after a copy or a removal (writeback, discard) would otherwise be counted in the
# next measurement.
quiet() {
  local b0 b1
  for _ in $(seq 120); do
    b0=$(busy); sleep 0.5; b1=$(busy)
    [ $((b1 - b0)) -le $((hz / 20)) ] && return 0
  done
  return 0
}

# Removes the copies of an earlier run (folders $work/PREFIX*), then makes one copy of the tree that is not measured
# (a local cp, kept until the caller removes PREFIX* at its end): on this machine's file system (online discard) the
# first copy after a removal was measured 2-3x slower, whichever tool made it.
fresh_start() {
  rm -rf "${work:?}/$1"*; sync
  cp -a "$work/src" "$work/$1warm-up"; sync
}

#!/usr/bin/env bash
# Starts a private OpenSSH sshd on 127.0.0.1:$PORT for the benchmark (own host key, an ssh-keygen -t rsa -b 4096
# client key, own known_hosts). Usage: sshd.sh DIR PORT ; prints the sshd pid.
set -euo pipefail
dir=$1 port=$2
mkdir -p "$dir"
[ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
[ -f "$dir/id_rsa" ] || ssh-keygen -q -t rsa -b 4096 -N '' -f "$dir/id_rsa"
cp "$dir/id_rsa.pub" "$dir/authorized_keys"
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" > "$dir/known_hosts"
cat > "$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
LogLevel ERROR
CONF
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$dir/sshd_config" </dev/null >/dev/null 2>>"$dir/sshd.log" &
echo $!

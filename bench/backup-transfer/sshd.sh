#!/usr/bin/env bash
# Starts a private OpenSSH sshd on 127.0.0.1:$PORT for the benchmark (own host key, an ssh-keygen -t rsa -b 4096
# client key, own known_hosts). Usage: sshd.sh DIR PORT ; prints the sshd pid.
# Its sessions get SHLVL=1, which makes bash skip the login's ~/.bashrc for the commands sent over SSH (as the tests'
# sshds do): a development machine's (pyenv init here: 0.8-1.5 s a command) would be measured instead of the
# tools: rsync runs one remote command, backup-transfer one per step (listing, each batch). A stock server's root
# has no such ~/.bashrc.
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
SetEnv SHLVL=1
CONF
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$dir/sshd_config" </dev/null >/dev/null 2>>"$dir/sshd.log" &
echo $!

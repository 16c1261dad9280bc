#!/usr/bin/env bash
# Starts a private OpenSSH sshd on 127.0.0.1:$PORT for the benchmark (own host key, an ssh-keygen -t rsa -b 4096
# client key, own known_hosts). Usage: sshd.sh DIR PORT ; prints the sshd pid.
# Where it can (root, unshare), the sshd runs in a mount namespace of its own in which the login's ~/.bashrc is
# empty: the shell sshd starts for each remote command reads it (bash does when started by sshd), and a development
# machine's (pyenv init here: 0.8-1.5 s a command) would be measured instead of the tools: rsync runs one remote
# command, backup-transfer one per step (listing, each batch). A stock server's root has no such ~/.bashrc.
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
if [ -f "$HOME/.bashrc" ] && unshare -m --propagation private true 2>/dev/null; then
  # shellcheck disable=SC2016 # $HOME, $0 and $1 are the inner shell's
  unshare -m --propagation private sh -c 'mount --bind /dev/null "$HOME/.bashrc" && exec "$0" -D -e -f "$1"' \
    /usr/sbin/sshd "$dir/sshd_config" </dev/null >/dev/null 2>>"$dir/sshd.log" &
else
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" </dev/null >/dev/null 2>>"$dir/sshd.log" &
fi
echo $!

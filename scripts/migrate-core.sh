#!/usr/bin/env bash
# Moves a Pryv.io core from this machine (source) to another (dest), phase by phase, with the toolkit's jars.
#
#   migrate-core.sh --config migration.env plan          print every command of every phase, touch nothing
#   migrate-core.sh --config migration.env run [PHASE]   run from the first phase not yet done (or from PHASE)
#   migrate-core.sh --config migration.env only PHASE    run one phase, whatever the state says
#   migrate-core.sh --config migration.env undo PHASE    revert what PHASE changed, where that can be reverted
#   migrate-core.sh --config migration.env status        which phases are done, with their timings
#   migrate-core.sh --config migration.env report        the migration report of the last run
#
# The logic lives in the jars; this script only chains them and the Pryv scripts, in the runbook's order.
set -euo pipefail
if [ "${BASH_VERSINFO[0]}" -lt 4 ] || { [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -lt 4 ]; }; then
  echo "migrate-core: error: bash 4.4 or newer is needed (this is $BASH_VERSION)" >&2
  exit 4
fi
shopt -s inherit_errexit

PHASES=(preflight seed presync freeze dump transfer restore redirect verify register)

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF

Phases, in order: ${PHASES[*]}
Options:
  --config FILE   the migration settings (see examples/migration.env); required
  --dry-run       with run/only/undo: print the commands instead of running them (same as plan)
  -y, --yes       start the downtime window (freeze) without asking: for scripts. Without it, run and
                  only freeze show the plan of the irreversible part and ask once; with no terminal
                  to ask on, they refuse (exit 2)
  -h, --help      this help
Exit codes: 0 done, 1 a check found a difference, 2 usage (or freeze not confirmed), 3 bad input,
4 a command failed (SSH, docker, a Pryv script), 5 a bug in a tool, 130 interrupted (Ctrl-C, SIGINT),
143 stopped by SIGTERM.
EOF
}

die() { echo "migrate-core: error: $1" >&2; exit "${2:-2}"; }

# shellcheck source=scripts/lib/jars.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/jars.sh" # through a symlink too

CONFIG=""
DRY_RUN=0
ASSUME_YES=0
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --config) [ $# -ge 2 ] || die "--config needs a file"; CONFIG="$2"; shift 2 ;;
    --config=*) CONFIG="${1#--config=}"; shift ;;
    --dry-run|-n) DRY_RUN=1; shift ;;
    --yes|-y) ASSUME_YES=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
[ ${#ARGS[@]} -ge 1 ] || { usage >&2; exit 2; }
COMMAND="${ARGS[0]}"
PHASE_ARG="${ARGS[1]:-}"
[ -n "$CONFIG" ] || die "--config FILE is required (see examples/migration.env)"
[ -f "$CONFIG" ] || die "config file not found: $CONFIG" 3

# --- settings -------------------------------------------------------------------------------------------------
# The settings file is read as KEY=VALUE lines, never run as a script: a value may be quoted ('...' or "...") or
# hold backslash escapes, a line may end with a # comment after a blank, and nothing is expanded ($, `, ~) or
# executed (; & | < > ( )). Every key must be one of these (docs/migration.md: each with its default).
SETTINGS_KEYS=(DEST_SSH DEST_SSH_PORT DEST_IP DEST_PROXY_TARGET SSH_KEY KNOWN_HOSTS SOURCE_CONF_ROOT DEST_CONF_ROOT
  PRYV_SCRIPTS_DIR EXEC_MODE EXTRA_FOLDERS AUDIT_LOG_DIR QUICK_FREEZE SKIP_PHASES DOMAIN CORE_HOST HOSTING CORE
  REG_MASTER_SSH REG_SLAVE_SSH REG_SSH_PORT REG_CONF_ROOT REG_SCRIPTS_DIR VERIFY_USERS VERIFY_TOKEN_FILE
  VERIFY_CACERT VERIFY_API_PORT SOURCE_IP STATE_DIR SOURCE_NGINX_STOP_CMD SOURCE_NGINX_START_CMD
  SOURCE_NGINX_RESTART_CMD SOURCE_NGINX_RELOAD_CMD FREEZE COOLDOWN_SECONDS DEST_START_SECONDS SOURCE_ACCESS_LOG SOURCE_INFLUX_RPC SOURCE_INFLUX_HTTP DEST_INFLUX_RPC DEST_INFLUX_HTTP)

# One value as a POSIX shell would read it in an assignment, without expansion; sets SETTING_VALUE, or returns 1
# with SETTING_PROBLEM.
parse_setting_value() {
  local text="$1" out="" quote="" c i=0 len=${#1}
  SETTING_PROBLEM=""
  while [ "$i" -lt "$len" ]; do
    c="${text:i:1}"
    if [ "$quote" = "'" ]; then
      if [ "$c" = "'" ]; then quote=""; else out+="$c"; fi
    elif [ "$quote" = '"' ]; then
      case "$c" in
        '"') quote="" ;;
        \\) if [[ "${text:i+1:1}" == [\"\\\$\`] ]]; then i=$((i + 1)); out+="${text:i:1}"; else out+="$c"; fi ;;
        '$' | '`') SETTING_PROBLEM="'$c' inside double quotes would be expanded by a shell: nothing is expanded here, write the value itself (or use single quotes)"; return 1 ;;
        *) out+="$c" ;;
      esac
    else
      case "$c" in
        [[:space:]])
          local trailing="${text:i}"
          trailing="${trailing#"${trailing%%[![:space:]]*}"}"
          if [ -n "$trailing" ] && [ "${trailing:0:1}" != "#" ]; then
            SETTING_PROBLEM="one value per line: quote a value that holds blanks (found '$trailing' after the value)"
            return 1
          fi
          break ;;
        \\) [ $((i + 1)) -lt "$len" ] || { SETTING_PROBLEM="a trailing backslash (no line continuation here)"; return 1; }
          i=$((i + 1)); out+="${text:i:1}" ;;
        "'" | '"') quote="$c" ;;
        '$' | '`' | ';' | '&' | '|' | '<' | '>' | '(' | ')')
          SETTING_PROBLEM="'$c' is shell syntax: this file is read as KEY=VALUE lines, never run (quote the value if '$c' belongs to it)"
          return 1 ;;
        '~') if [ -z "$out" ]; then SETTING_PROBLEM="'~' is not expanded here: write the full path"; return 1; fi; out+="$c" ;;
        *) out+="$c" ;;
      esac
    fi
    i=$((i + 1))
  done
  [ -z "$quote" ] || { SETTING_PROBLEM="unterminated $quote quote"; return 1; }
  SETTING_VALUE="$out"
}

# Reads FILE into the SETTINGS_KEYS variables (the environment never supplies them); stops at the first bad line.
read_settings() {
  local file="$1" line n=0 key
  for key in "${SETTINGS_KEYS[@]}"; do unset "$key"; done
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line="${line%$'\r'}"
    [ "$n" -eq 1 ] && line="${line#$'\xef\xbb\xbf'}" # a byte-order mark, as Windows editors write it
    line="${line#"${line%%[![:space:]]*}"}"
    [ -z "$line" ] || [ "${line:0:1}" = "#" ] && continue
    [[ "$line" =~ ^export[[:space:]]+(.*)$ ]] && line="${BASH_REMATCH[1]}"
    [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] \
      || die "$file:$n: expected KEY=VALUE, got: $line" 3
    key="${BASH_REMATCH[1]}"
    [[ " ${SETTINGS_KEYS[*]} " == *" $key "* ]] \
      || die "$file:$n: unknown setting $key (known: ${SETTINGS_KEYS[*]})" 3
    parse_setting_value "${BASH_REMATCH[2]}" || die "$file:$n: $key: $SETTING_PROBLEM" 3
    printf -v "$key" '%s' "$SETTING_VALUE"
  done <"$file"
}

is_ipv4() {
  local part parts
  [[ "$1" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || return 1
  IFS=. read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    # 010 would be octal to inet_aton: refused rather than guessed
    [[ "$part" =~ ^(0|[1-9][0-9]*)$ ]] && [ "$part" -le 255 ] || return 1
  done
}

is_ipv6() {
  local address="$1" head tail group groups count=0
  [[ "$address" =~ ^[0-9A-Fa-f:.]+$ && "$address" == *:* ]] || return 1
  if [[ "$address" == *.* ]]; then # an IPv4 tail (::ffff:10.0.0.2) counts as two groups
    is_ipv4 "${address##*:}" || return 1
    address="${address%:*}:0:0"
  fi
  [[ "$address" != *::*::* && "$address" != *:::* ]] || return 1
  if [[ "$address" == *::* ]]; then head="${address%%::*}" tail="${address#*::}"; else head="$address" tail=""; fi
  for part in "$head" "$tail"; do
    [ -z "$part" ] && continue
    IFS=: read -ra groups <<<"$part"
    [[ "$part" != :* && "$part" != *: ]] || return 1
    for group in "${groups[@]}"; do
      [[ "$group" =~ ^[0-9A-Fa-f]{1,4}$ ]] || return 1
      count=$((count + 1))
    done
  done
  if [[ "$address" == *::* ]]; then [ "$count" -le 7 ]; else [ "$count" -eq 8 ]; fi
}

read_settings "$CONFIG"
for required in DEST_SSH DEST_IP SSH_KEY KNOWN_HOSTS CORE STATE_DIR; do
  [ -n "${!required:-}" ] || die "$CONFIG: $required is missing (see examples/migration.env)" 3
done
is_ipv4 "$DEST_IP" || is_ipv6 "$DEST_IP" \
  || die "$CONFIG: DEST_IP must be an IPv4 or IPv6 address (source nginx proxies to it, the register stores it), not '$DEST_IP'" 3
: "${SOURCE_CONF_ROOT:=/var/pryv}" "${DEST_CONF_ROOT:=/var/pryv}" "${PRYV_SCRIPTS_DIR:=/var/pryv}"
: "${DEST_SSH_PORT:=22}" "${REG_SSH_PORT:=22}" "${REG_CONF_ROOT:=/var/pryv}" "${EXEC_MODE:=docker}"
: "${CORE_HOST:=}" "${HOSTING:=}" "${CORE:=}" "${REG_MASTER_SSH:=}" "${REG_SLAVE_SSH:=}"
: "${VERIFY_USERS:=}" "${VERIFY_TOKEN_FILE:=}" "${VERIFY_CACERT:=}" "${VERIFY_API_PORT:=443}"
: "${STATE_DIR:=}" "${DOMAIN:=}" "${AUDIT_LOG_DIR:=/var/log/pryv/audit}"
# QUICK_FREEZE=1 (also when empty): nothing re-hashes unchanged files inside the window; 0: check every moved
# folder there too. FREEZE: read-only (writes refused with 503, reads served) or stop (nginx stopped).
: "${QUICK_FREEZE:=1}" "${FREEZE:=read-only}" "${COOLDOWN_SECONDS:=12}"
# How long restore waits for dest's API to answer once run-pryv has started its containers (a core takes a while).
: "${DEST_START_SECONDS:=120}"
: "${SOURCE_ACCESS_LOG:=$SOURCE_CONF_ROOT/pryv/nginx/log/core.access.log}"
# Only for EXEC_MODE=local (non-container installs: nginx, mongod and influxd run on the machines themselves, e.g.
# SOURCE_NGINX_RELOAD_CMD='nginx -t && systemctl reload nginx'): how to stop and start source nginx and how to reach
# each side's InfluxDB, since there is no pryvio_nginx / pryvio_influxdb container to address.
: "${SOURCE_NGINX_STOP_CMD:=}" "${SOURCE_NGINX_START_CMD:=}" "${SOURCE_NGINX_RESTART_CMD:=}" "${SOURCE_NGINX_RELOAD_CMD:=}"
: "${SOURCE_INFLUX_RPC:=}" "${DEST_INFLUX_RPC:=}"
if is_ipv6 "$DEST_IP"; then : "${DEST_PROXY_TARGET:=[$DEST_IP]}"; else : "${DEST_PROXY_TARGET:=$DEST_IP}"; fi
: "${SOURCE_IP:=127.0.0.1}" "${SKIP_PHASES:=}" "${REG_SCRIPTS_DIR:=$PRYV_SCRIPTS_DIR}"
: "${SOURCE_INFLUX_HTTP:=}" "${DEST_INFLUX_HTTP:=}"
case "$EXEC_MODE" in docker|local) ;; *) die "EXEC_MODE must be docker or local, not '$EXEC_MODE'" 3 ;; esac
case "$FREEZE" in read-only|stop) ;; *) die "FREEZE must be read-only or stop, not '$FREEZE'" 3 ;; esac
case "$QUICK_FREEZE" in 0|1) ;; *) die "QUICK_FREEZE must be 1 or 0, not '$QUICK_FREEZE'" 3 ;; esac
[[ "$COOLDOWN_SECONDS" =~ ^[0-9]+$ ]] || die "COOLDOWN_SECONDS must be a whole number of seconds, not '$COOLDOWN_SECONDS'" 3
[[ "$DEST_START_SECONDS" =~ ^[0-9]+$ ]] || die "DEST_START_SECONDS must be a whole number of seconds, not '$DEST_START_SECONDS'" 3

STATE_FILE="$STATE_DIR/state"
LOG_DIR="$STATE_DIR/logs"
SITE_CONF="$SOURCE_CONF_ROOT/pryv/nginx/conf/site-443.conf"
# How the jars reach dest: the same SSH options in both; docker-ops names the host with --host, backup-transfer in
# its USER@HOST:DIR argument.
TRANSFER_DEST=(-p "$DEST_SSH_PORT" -i "$SSH_KEY" --known-hosts "$KNOWN_HOSTS")
DOCKEROPS_DEST=(--host "$DEST_SSH" "${TRANSFER_DEST[@]}")

# Folders that move, relative to PRYV_CONF_ROOT (the runbook's four; pre-1.7 cores add hfs/data and logs).
MOVED_FOLDERS=(config-follower pryv/mongodb/backup pryv/influxdb/backup pryv/core/data)
PRESYNC_FOLDERS=(config-follower pryv/core/data)
: "${EXTRA_FOLDERS:=}"
# shellcheck disable=SC2206
MOVED_FOLDERS+=($EXTRA_FOLDERS)
# shellcheck disable=SC2206
PRESYNC_FOLDERS+=($EXTRA_FOLDERS)

# A moved folder's path on each side: relative to PRYV_CONF_ROOT, or absolute (e.g. /var/log/pryv/audit).
on_source() { case "$1" in /*) echo "$1" ;; *) echo "$SOURCE_CONF_ROOT/$1" ;; esac; }
on_dest() { case "$1" in /*) echo "$1" ;; *) echo "$DEST_CONF_ROOT/$1" ;; esac; }

# --- running and printing commands -------------------------------------------------------------------------
PLAN_ONLY=0
CURRENT_LOG=/dev/null
exec 3>&1

quote() {
  local words
  words=$(printf '%q ' "$@")
  printf '%s' "${words% }"
}

# A command as an operator would type it: a tool as its launcher in bin/ (a release) or java -jar PATH (a checkout).
display() {
  if [ "$1" = tool ]; then
    tool_words "$2"
    quote "${TOOL_WORDS[@]}" "${@:3}"
  else
    quote "$@"
  fi
}

# The exit code a failed command ends its phase with (CONVENTIONS.md): the toolkit's jars keep theirs (1 only
# for a check that found a difference), an interrupted command 130, any other command (ssh, docker, a Pryv
# script, cp) failed: 4.
phase_exit_code() { # RC FIRST-WORD-OF-THE-COMMAND
  if [ "$1" -eq 130 ] || [ "$1" -eq 143 ]; then echo 130
  elif [ "$2" = tool ] && [ "$1" -ge 1 ] && [ "$1" -le 5 ]; then echo "$1"
  else echo 4
  fi
}

# Runs a command (or prints it in plan mode), logging its output to the phase log. A failing command ends the
# phase (which runs in a subshell) with phase_exit_code.
step() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "$@")"
    return 0
  fi
  echo "\$ $(display "$@")" >>"$CURRENT_LOG"
  local rc=0 start
  clock_into start
  "$@" >>"$CURRENT_LOG" 2>&1 || rc=$?
  took "$start"
  if [ "$rc" -ne 0 ]; then
    echo "# exit code $rc" >>"$CURRENT_LOG"
    exit "$(phase_exit_code "$rc" "$1")"
  fi
}

# Each command's time in the phase log (where a phase's time goes; the report does not read these lines).
took() { # START (clock_into)
  local end span
  clock_into end
  span_into span "$1" "$end" 2
  echo "# took $span s" >>"$CURRENT_LOG"
}

# Like step, but a failure is only logged (for checks whose result is information, not a stop).
step_informative() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "$@")   # informative"
    return 0
  fi
  echo "\$ $(display "$@")" >>"$CURRENT_LOG"
  "$@" >>"$CURRENT_LOG" 2>&1 || echo "# exit code $? (informative, not a stop)" >>"$CURRENT_LOG"
}

# Like step, but also shows the command's stdout (reports, tables) on the terminal.
step_shown() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "$@")"
    return 0
  fi
  echo "\$ $(display "$@")" >>"$CURRENT_LOG"
  local rc=0
  # shellcheck disable=SC2094 # both streams only append to the log
  "$@" 2>>"$CURRENT_LOG" | tee -a "$CURRENT_LOG" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "# exit code $rc" >>"$CURRENT_LOG"
    exit "$(phase_exit_code "$rc" "$1")"
  fi
}

# A command on another machine, over OpenSSH with the migration's key and known_hosts (never accept-new). It uses
# the machine's shared connection (ssh_share) when one is open, else connects on its own.
ssh_to() { # TARGET PORT ARGS... -> prints the ssh command line as words, one per line
  local target="$1" port="$2" share=()
  shift 2
  [ -z "$SSH_SHARED_DIR" ] || share=(-o ControlMaster=no -o ControlPath="$SSH_SHARED_DIR/%C")
  printf '%s\n' ssh -i "$SSH_KEY" -p "$port" -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$KNOWN_HOSTS" "${share[@]}" "$target" "$(quote "$@")"
}

# OpenSSH connection sharing: ssh_share opens one connection to a machine in the background (ControlMaster),
# which later ssh commands to it reuse: each then starts in milliseconds instead of an SSH handshake. Opened
# before the window, so that the window's commands on dest start at once; closed when this script ends. Off when
# the socket's path would not fit a Unix socket (a long STATE_DIR). A command that finds no shared connection
# connects on its own.
SSH_SHARED_DIR="$STATE_DIR/ssh"
[ $((${#SSH_SHARED_DIR} + 41)) -lt 104 ] || SSH_SHARED_DIR=""
# The tools' calls to dest send their commands through the same shared connection (--ssh-control); one that finds
# none open says so in its log and connects on its own.
if [ -n "$SSH_SHARED_DIR" ]; then
  TRANSFER_DEST+=(--ssh-control "$SSH_SHARED_DIR/%C")
  DOCKEROPS_DEST+=(--ssh-control "$SSH_SHARED_DIR/%C")
fi
ssh_share() { # TARGET PORT
  [ "$PLAN_ONLY" -eq 0 ] && [ -n "$SSH_SHARED_DIR" ] || return 0
  local base=(ssh -i "$SSH_KEY" -p "$2" -o BatchMode=yes -o StrictHostKeyChecking=yes
    -o UserKnownHostsFile="$KNOWN_HOSTS" -o ControlPath="$SSH_SHARED_DIR/%C")
  [ -d "$SSH_SHARED_DIR" ] || { mkdir -p "$SSH_SHARED_DIR" && chmod 700 "$SSH_SHARED_DIR"; }
  "${base[@]}" -O check "$1" >/dev/null 2>&1 && return 0
  local start
  start=$(now)
  # -f: in the background once authenticated, its output nowhere (it must not hold the caller's pipes)
  if "${base[@]}" -o ControlMaster=yes -o ControlPersist=30m -f -N "$1" </dev/null >/dev/null 2>&1; then
    echo "# a shared SSH connection to $1 (later ssh commands reuse it)" >>"$CURRENT_LOG"
    took "$start"
  else
    echo "# no shared SSH connection to $1: each ssh command connects on its own" >>"$CURRENT_LOG"
  fi
}
# At exit: the shared connections close (ssh -O exit on each socket).
close_ssh_shares() {
  [ -n "$SSH_SHARED_DIR" ] && [ -d "$SSH_SHARED_DIR" ] || return 0
  local socket
  for socket in "$SSH_SHARED_DIR"/*; do
    [ -S "$socket" ] && ssh -o ControlPath="$socket" -O exit shared >/dev/null 2>&1
  done
  return 0
}

remote() {
  local command
  mapfile -t command < <(ssh_to "$@")
  step "${command[@]}"
}

# Runs a command for its exit code (logged; not a stop by itself): plan mode prints it and answers 0.
probe() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "$@")" >&3
    return 0
  fi
  echo "\$ $(display "$@")" >>"$CURRENT_LOG"
  local rc=0 start
  clock_into start
  "$@" >>"$CURRENT_LOG" 2>&1 || rc=$?
  took "$start"
  [ "$rc" -eq 0 ] || echo "# exit code $rc" >>"$CURRENT_LOG"
  if [ "$rc" -eq 130 ]; then exit 130; fi
  return "$rc"
}

remote_probe() {
  local command
  mapfile -t command < <(ssh_to "$@")
  probe "${command[@]}"
}

# Copies one file from a machine into LOCAL (ssh cat; LOCAL only replaced once the copy is whole).
fetch_file() { # TARGET PORT REMOTE_PATH LOCAL_PATH
  local command rc=0
  mapfile -t command < <(ssh_to "$1" "$2" cat -- "$3")
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "${command[@]}") > $(quote "$4")" >&3
    return 0
  fi
  echo "\$ $(display "${command[@]}") > $(quote "$4")" >>"$CURRENT_LOG"
  "${command[@]}" >"$4.part" 2>>"$CURRENT_LOG" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "# exit code $rc" >>"$CURRENT_LOG"
    rm -f "$4.part"
    exit "$(phase_exit_code "$rc" ssh)"
  fi
  mv "$4.part" "$4"
}

# Replaces one file on a machine with LOCAL's content, the file only: written beside it, given the original's
# owner, group and mode, then renamed over it (a symlink keeps pointing at it: its target is what is replaced).
# The folder is never written as a whole, so its owner and mode stay (config-leader keeps write access).
# shellcheck disable=SC2016 # expanded by the remote shell
PUT_FILE_SCRIPT='set -e; f=$(readlink -f "$1"); t="$f.migrate-core.tmp"; cat >"$t"; chown --reference="$f" "$t"; chmod --reference="$f" "$t"; mv -f "$t" "$f"'
put_file() { # TARGET PORT LOCAL_PATH REMOTE_PATH
  local command rc=0
  mapfile -t command < <(ssh_to "$1" "$2" sh -c "$PUT_FILE_SCRIPT" sh "$4")
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "${command[@]}") < $(quote "$3")"
    return 0
  fi
  echo "\$ $(display "${command[@]}") < $(quote "$3")" >>"$CURRENT_LOG"
  "${command[@]}" <"$3" >>"$CURRENT_LOG" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "# exit code $rc" >>"$CURRENT_LOG"
    exit "$(phase_exit_code "$rc" ssh)"
  fi
}

# A fact the operator should see now (terminal and log); a note in plan mode.
tell() {
  note "$*"
  [ "$PLAN_ONLY" -eq 1 ] || echo "    $*" >&3
}

# Runs a command for its output (logged too); in plan mode prints it and returns nothing.
capture() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "$@")" >&3 # fd 3 is the script's stdout: plan lines are not captured output
    return 0
  fi
  echo "\$ $(display "$@")" >>"$CURRENT_LOG"
  local output rc=0 start
  clock_into start
  output=$("$@" 2>>"$CURRENT_LOG") || rc=$?
  printf '%s\n' "$output" >>"$CURRENT_LOG"
  took "$start"
  if [ "$rc" -ne 0 ]; then
    echo "# exit code $rc" >>"$CURRENT_LOG"
    exit "$(phase_exit_code "$rc" "$1")"
  fi
  printf '%s\n' "$output"
}

# Ends the phase with a one-line reason in the log (and on the terminal through the failure report).
fail_phase() { # CODE MESSAGE
  echo "# $2" >>"$CURRENT_LOG"
  echo "migrate-core: $2" >&2
  exit "$1"
}

note() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    # $*"
  else
    echo "# $*" >>"$CURRENT_LOG"
  fi
}

dockerops_source() { step tool docker-ops "$@"; }
dockerops_dest() { step tool docker-ops "$@" "${DOCKEROPS_DEST[@]}"; }
transfer() { step tool backup-transfer "$@"; }

# Folders as backup-transfer's SRC DEST pairs (one call moves or checks them all over one SSH connection).
folder_pairs() { # FOLDER... -> PAIRS
  local folder
  PAIRS=()
  for folder in "$@"; do PAIRS+=("$(on_source "$folder")" "$DEST_SSH:$(on_dest "$folder")"); done
}

# The time as seconds since the epoch with a fraction. Inside the window every command counts: bash's
# EPOCHREALTIME (bash 5) needs no process, date only where bash has none; the arithmetic is bash's too.
clock_into() { # VAR
  if [ -n "${EPOCHREALTIME:-}" ]; then
    printf -v "$1" '%s' "${EPOCHREALTIME/,/.}" # a locale's decimal comma
  else
    printf -v "$1" '%s' "$(date +%s.%N)"
  fi
}
now() {
  local t
  clock_into t
  echo "$t"
}
# VAR = B - A in seconds, rounded to DIGITS (1 or 2) decimals, from two times as clock_into gives them.
span_into() { # VAR A B DIGITS
  local a_s=${2%%.*} b_s=${3%%.*} a_f=0 b_f=0 us unit
  [[ "$2" != *.* ]] || a_f=${2#*.}000000
  [[ "$3" != *.* ]] || b_f=${3#*.}000000
  us=$(((10#$b_s - 10#$a_s) * 1000000 + 10#${b_f:0:6} - 10#${a_f:0:6}))
  if [ "$4" -eq 1 ]; then unit=100000; else unit=10000; fi
  local sign="" n
  if [ "$us" -lt 0 ]; then sign=-; us=$((-us)); fi
  n=$(((us + unit / 2) / unit))
  if [ "$4" -eq 1 ]; then
    printf -v "$1" '%s%d.%d' "$sign" $((n / 10)) $((n % 10))
  else
    printf -v "$1" '%s%d.%02d' "$sign" $((n / 100)) $((n % 100))
  fi
}

# Facts the report gives beside the phases' times (reload and stop times, the cool-down, the freeze mode):
# KEY VALUE lines in STATE_DIR/facts, written by the phases (subshells) and read by the report.
FACTS_FILE="$STATE_DIR/facts"
# (read in bash, replaced with one mv: a few run inside the window)
fact_set() { # KEY VALUE
  [ "$PLAN_ONLY" -eq 0 ] || return 0
  [ -d "$STATE_DIR" ] || mkdir -p "$STATE_DIR"
  facts_without "$1"
  echo "$1 $2" >>"$FACTS_FILE.tmp"
  mv "$FACTS_FILE.tmp" "$FACTS_FILE"
}
fact_unset() { # KEY...
  [ "$PLAN_ONLY" -eq 0 ] && [ -f "$FACTS_FILE" ] || return 0
  facts_without "$@"
  mv "$FACTS_FILE.tmp" "$FACTS_FILE"
}
facts_without() { # KEY... -> FACTS_FILE.tmp: the facts but those
  local line key keep
  : >"$FACTS_FILE.tmp"
  [ -f "$FACTS_FILE" ] || return 0
  while IFS= read -r line; do
    keep=1
    for key in "$@"; do [ "${line%% *}" != "$key" ] || keep=0; done
    [ "$keep" -eq 0 ] || printf '%s\n' "$line"
  done <"$FACTS_FILE" >>"$FACTS_FILE.tmp"
}
fact() { # KEY -> VALUE (empty when unknown)
  if [ -f "$FACTS_FILE" ]; then awk -v k="$1" '$1 == k { sub(/^[^ ]* /, ""); v = $0 } END { print v }' "$FACTS_FILE"; fi
}

# The freeze mode of this migration: the one freeze used (undo and redirect follow it), else the setting.
freeze_mode() {
  local used
  used=$(fact freeze_mode)
  echo "${used:-$FREEZE}"
}

# Makes source nginx load site-443.conf again without closing its listening socket (reads keep being served): in
# one docker exec, lib/nginx-reload.sh: nginx -t, nginx -s reload, then the wait until nginx runs the new
# configuration (its workers replaced; nginx -s reload returns before the master has loaded it, and a master that
# cannot load it keeps the old one: a freeze not in force would let writes through). EXEC_MODE=local:
# SOURCE_NGINX_RELOAD_CMD. Its time is the read outage the report gives.
NGINX_PID_FILE=/var/run/nginx.pid # Pryv's nginx.conf
reload_source_nginx() { # WHEN (freeze, redirect, undo)
  local start
  start=$(now)
  if [ "$EXEC_MODE" = docker ]; then
    local script
    script=$(grep -v '^ *#' "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/nginx-reload.sh")
    step docker exec pryvio_nginx sh -c "$script" sh "$NGINX_PID_FILE"
  else
    [ "$PLAN_ONLY" -eq 1 ] || [ -n "$SOURCE_NGINX_RELOAD_CMD" ] \
      || fail_phase 3 "FREEZE=read-only with EXEC_MODE=local needs SOURCE_NGINX_RELOAD_CMD (how source nginx reloads)"
    step bash -c "$SOURCE_NGINX_RELOAD_CMD"
  fi
  fact_set "reload_$1" "$(elapsed "$start" "$(now)")"
}

# When the last write reached source's core, from its nginx access log (Pryv's log format starts with
# [$time_local], then "$request" $status): prints "write EPOCH" for the last write (any method but GET, HEAD and
# OPTIONS, not answered 503 by the freeze), "first EPOCH" when the log's tail holds no write (the last write came
# before its first line), nothing when the log cannot be read or parsed.
last_write_in_log() { # LOG
  [ -r "$1" ] || return 0
  local found kind stamp epoch
  found=$(tail -n 20000 "$1" 2>/dev/null | awk '
    match($0, /^\[[^]]+\]/) {
      t = substr($0, 2, RLENGTH - 2)
      if (first == "") first = t
      if (match($0, /"[A-Z]+ /)) {
        method = substr($0, RSTART + 1, RLENGTH - 2)
        rest = substr($0, RSTART + RLENGTH)
        status = ""
        if (match(rest, /" [0-9][0-9][0-9] /)) status = substr(rest, RSTART + 2, 3)
        if (method != "GET" && method != "HEAD" && method != "OPTIONS" && status != "503") last = t
      }
    }
    END { if (last != "") print "write " last; else if (first != "") print "first " first }') || return 0
  [ -n "$found" ] || return 0
  kind="${found%% *}"
  stamp="${found#* }" # 05/Dec/2026:18:26:34 +0000
  stamp="${stamp//\// }"
  epoch=$(date -d "${stamp/:/ }" +%s 2>/dev/null) || return 0
  echo "$kind $epoch"
}

# The dump starts once the core has nothing left to write: a live core rewrites a series event about 10 s after
# its last points write. Waits until COOLDOWN_SECONDS after the last write that reached the core: seen in source
# nginx's access log when it can be read, else the moment the freeze stopped writes.
wait_for_cooldown() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    note "cool-down: wait until $COOLDOWN_SECONDS s (COOLDOWN_SECONDS) after the last write reached the core (from $SOURCE_ACCESS_LOG, else the freeze): a live core rewrites a series event about 10 s after its last points write"
    return 0
  fi
  local stopped seen base from waited
  stopped=$(fact writes_stopped_at)
  seen=$(last_write_in_log "$SOURCE_ACCESS_LOG")
  case "$seen" in
    write\ *) base=$((${seen#* } + 1)) # the log has whole seconds
      from="the last write in $SOURCE_ACCESS_LOG, $(date -u -d "@$base" +%T) UTC" ;;
    first\ *) base=${seen#* }
      # no write since the log's first line: the last one came before it (or before the freeze, if earlier)
      if [ -n "$stopped" ] && awk -v a="$stopped" -v b="$base" 'BEGIN { exit !(a < b) }'; then base=$stopped; fi
      from="no write in $SOURCE_ACCESS_LOG since $(date -u -d "@${base%.*}" +%T) UTC" ;;
    *) base=${stopped:-$(now)}
      from="the freeze, $(date -u -d "@${base%.*}" +%T) UTC ($SOURCE_ACCESS_LOG not readable)" ;;
  esac
  waited=$(awk -v b="$base" -v c="$COOLDOWN_SECONDS" -v n="$(now)" 'BEGIN { w = b + c - n; printf "%.1f", (w > 0 ? w : 0) }')
  note "cool-down: $COOLDOWN_SECONDS s after $from: waiting $waited s"
  [ "$waited" = 0.0 ] || sleep "$waited"
  fact_set cooldown_waited "$waited"
  fact_set cooldown_from "$from"
}

# verify reaches the core by its public name; --resolve pins the IP (dest, or source's proxy) like curl.
VERIFY_ARGS=(--api "https://${CORE_HOST}:${VERIFY_API_PORT}/")
for user in $VERIFY_USERS; do VERIFY_ARGS+=(--user "$user"); done
[ -n "$VERIFY_CACERT" ] && VERIFY_ARGS+=(--cacert "$VERIFY_CACERT")

# --- the phases ------------------------------------------------------------------------------------------------
# Each phase_X runs its commands through step/remote; undo_X reverts it where possible.

phase_preflight() {
  note "every machine over SSH, the folders, docker and images on both sides, the register's platform.yml, disk on both sides"
  if [ "$PLAN_ONLY" -eq 0 ]; then
    local folder missing_extra=()
    for folder in "${MOVED_FOLDERS[@]}"; do
      [ -d "$(on_source "$folder")" ] || fail_phase 3 "source has no folder $(on_source "$folder") (SOURCE_CONF_ROOT=$SOURCE_CONF_ROOT)"
    done
    # Cores before 1.7 keep attachments in hfs/data too, and audit logs outside PRYV_CONF_ROOT.
    [ -d "$SOURCE_CONF_ROOT/pryv/hfs/data" ] && [[ " $EXTRA_FOLDERS " != *" pryv/hfs/data "* ]] && missing_extra+=(pryv/hfs/data)
    [ -d "$AUDIT_LOG_DIR" ] && [[ " $EXTRA_FOLDERS " != *" $AUDIT_LOG_DIR "* ]] && missing_extra+=("$AUDIT_LOG_DIR")
    [ ${#missing_extra[@]} -eq 0 ] || fail_phase 3 "this is a pre-1.7 core: it keeps ${missing_extra[*]}, which would not move: add them to EXTRA_FOLDERS (EXTRA_FOLDERS=\"pryv/hfs/data $AUDIT_LOG_DIR\")"
  fi
  reach dest "$DEST_SSH" "$DEST_SSH_PORT"
  ssh_share "$DEST_SSH" "$DEST_SSH_PORT"
  remote_check 3 "dest has no folder $DEST_CONF_ROOT (DEST_CONF_ROOT)" "$DEST_SSH" "$DEST_SSH_PORT" test -d "$DEST_CONF_ROOT"
  if [ "$EXEC_MODE" = docker ]; then
    remote_check 3 "dest lacks Pryv's scripts in $PRYV_SCRIPTS_DIR (run-config-follower, run-pryv, stop-pryv: PRYV_SCRIPTS_DIR)" \
      "$DEST_SSH" "$DEST_SSH_PORT" test -x "$PRYV_SCRIPTS_DIR/run-config-follower" -a -x "$PRYV_SCRIPTS_DIR/run-pryv" \
      -a -x "$PRYV_SCRIPTS_DIR/stop-pryv"
    # run-pryv calls docker-compose (Pryv's scripts) or docker compose (newer ones): the one it calls must run.
    # shellcheck disable=SC2016 # expanded by the remote shell
    remote_check 4 "docker compose does not run on dest (the one $PRYV_SCRIPTS_DIR/run-pryv calls; see the log)" \
      "$DEST_SSH" "$DEST_SSH_PORT" sh -c 'if grep -q docker-compose "$1"; then docker-compose version; else docker compose version; fi' \
      sh "$PRYV_SCRIPTS_DIR/run-pryv"
  fi
  check_registers
  check_images preflight
  if [ "$EXEC_MODE" = docker ] && [ "$PLAN_ONLY" -eq 0 ]; then
    if echo "$SOURCE_STATUS" | grep -A1 '"pryvio_config_follower"' | grep -q '"running"'; then
      note "pryvio_config_follower runs on source: freeze stops it (restart policy no), else it would rewrite site-443.conf and undo the redirect"
    fi
  fi
  step_informative tool nginx-rewriter status "$SITE_CONF"
  check_disk
}

# ssh TARGET true: an SSH failure (no route, key refused, unknown host key) says which machine.
reach() { # ROLE TARGET PORT
  local rc=0
  remote_probe "$2" "$3" true || rc=$?
  [ "$rc" -eq 0 ] || fail_phase 4 "cannot reach $1 ($2, port $3) over SSH with SSH_KEY=$SSH_KEY and KNOWN_HOSTS=$KNOWN_HOSTS (ssh exit $rc; see the log)"
}

# A command on a machine whose failure means MESSAGE (exit CODE); ssh's own failure (255) is exit 4.
remote_check() { # CODE MESSAGE TARGET PORT ARGS...
  local code="$1" message="$2" rc=0
  shift 2
  remote_probe "$@" || rc=$?
  case "$rc" in
    0) ;;
    255) fail_phase 4 "SSH to $1 failed (see the log)" ;;
    *) fail_phase "$code" "$message" ;;
  esac
}

# reg-master holds platform.yml naming HOSTING/CORE; every register machine has its restart scripts.
check_registers() {
  if [ -z "$REG_MASTER_SSH" ]; then
    note "no register machine (REG_MASTER_SSH empty): register will be skipped"
    return 0
  fi
  local reg stage="$STATE_DIR/preflight" hosting_args=()
  for reg in "$REG_MASTER_SSH" $REG_SLAVE_SSH; do
    reach "register machine" "$reg" "$REG_SSH_PORT"
    remote_check 3 "$reg lacks $REG_SCRIPTS_DIR/restart-config-follower or restart-pryv (REG_SCRIPTS_DIR)" \
      "$reg" "$REG_SSH_PORT" test -x "$REG_SCRIPTS_DIR/restart-config-follower" -a -x "$REG_SCRIPTS_DIR/restart-pryv"
  done
  step mkdir -p "$stage"
  fetch_file "$REG_MASTER_SSH" "$REG_SSH_PORT" "$REG_CONF_ROOT/config-leader/conf/platform.yml" "$stage/platform.yml"
  [ -n "$HOSTING" ] && hosting_args=(--hosting "$HOSTING")
  # Exit 3, listing what exists, when platform.yml does not name the configured core (and hosting).
  step tool platform-yml-editor set-core-ip "$stage/platform.yml" --core "$CORE" "${hosting_args[@]}" \
    --ip "$DEST_IP" --dry-run
}

# The sorted image names in a docker-ops status --json report (absent containers have none).
images_of() { echo "$1" | grep -o '"image" *: *"[^"]*"' | sed 's/.*: *"//; s/"$//; /^$/d' | sort -u; }

# Dest must run the images source runs. Dest without Pryv containers (before presync's run-pryv, or after its
# stop-pryv removed them) is compared by the images it holds: missing ones are what run-pryv will fetch.
check_images() { # WHEN (preflight, presync, freeze, restore)
  [ "$EXEC_MODE" = docker ] || return 0
  local when="$1" dest_status source_images dest_images missing
  SOURCE_STATUS=$(capture tool docker-ops status --json)
  dest_status=$(capture tool docker-ops status --json "${DOCKEROPS_DEST[@]}")
  [ "$PLAN_ONLY" -eq 0 ] || return 0
  source_images=$(images_of "$SOURCE_STATUS")
  dest_images=$(images_of "$dest_status")
  [ -n "$source_images" ] || fail_phase 4 "docker-ops status found no Pryv container on source"
  echo "$source_images" >"$STATE_DIR/source-images"
  # What source runs and dest does not: all of it on a fresh dest; after presync's stop-pryv, all but the
  # follower (run-config-follower's own compose file, which stop-pryv leaves running).
  local not_running="$source_images"
  if [ -n "$dest_images" ]; then
    not_running=$(comm -23 <(echo "$source_images") <(echo "$dest_images"))
    if [ -n "$(comm -13 <(echo "$source_images") <(echo "$dest_images"))" ]; then
      fail_phase 3 "$when: the Pryv images differ between source and dest: only on source: $(echo "$not_running" \
        | tr '\n' ' ')- only on dest: $(comm -13 <(echo "$source_images") <(echo "$dest_images") \
        | tr '\n' ' ')- run the same Pryv release on dest (its pryv.yml comes with config-follower), then run again"
    fi
    if [ -z "$not_running" ]; then
      tell "$when: dest runs the same Pryv images as source ($(echo "$source_images" | tr '\n' ' ' | sed 's/ $//'))"
      return 0
    fi
  fi
  [ "$when" != restore ] || fail_phase 4 "restore: dest does not run every Pryv container after run-pryv: none of $(echo "$not_running" | tr '\n' ' ')(see the log)"
  local probe_command images
  mapfile -t images <<<"$not_running"
  # shellcheck disable=SC2016 # expanded by the remote shell
  mapfile -t probe_command < <(ssh_to "$DEST_SSH" "$DEST_SSH_PORT" sh -c \
    'for image; do docker image inspect "$image" >/dev/null 2>&1 || echo "$image"; done' sh "${images[@]}")
  missing=$(capture "${probe_command[@]}")
  if [ -z "$missing" ]; then
    tell "$when: dest holds every image source runs (no Pryv container yet)"
  elif [ "$when" = freeze ] && is_done presync; then
    fail_phase 3 "freeze: dest lacks images source runs although presync ran run-pryv there: $(echo "$missing" | tr '\n' ' ')- dest's pryv.yml names other images: run the same Pryv release on dest, then run again"
  elif [ "$when" = freeze ]; then
    tell "freeze: dest has no Pryv container yet; restore's run-pryv will fetch inside the downtime window: $(echo "$missing" | tr '\n' ' ')"
  else
    tell "$when: dest has no Pryv container yet; presync's run-pryv will fetch: $(echo "$missing" | tr '\n' ' ')"
    registry_logins "$missing"
  fi
}

# Which registries the missing images come from, and whether dest's docker client holds a login for each (a
# private registry needs one; public images do not). Nothing is pulled here: presync's run-pryv pulls.
registry_logins() { # IMAGES
  local image registry registries=() config_command config
  for image in $1; do
    registry="${image%%/*}"
    [[ "$image" == */* && ( "$registry" == *.* || "$registry" == *:* || "$registry" == localhost ) ]] || registry=docker.io
    [[ " ${registries[*]} " == *" $registry "* ]] || registries+=("$registry")
  done
  # shellcheck disable=SC2016 # expanded by the remote shell
  mapfile -t config_command < <(ssh_to "$DEST_SSH" "$DEST_SSH_PORT" sh -c 'cat "$HOME/.docker/config.json" 2>/dev/null || true')
  config=$(capture "${config_command[@]}")
  for registry in "${registries[@]}"; do
    if [[ "$config" == *"\"$registry\""* || "$config" == *"\"https://$registry"* || "$config" == *'"credsStore"'* ]]; then
      tell "dest's docker has a login (or a credential store) for $registry"
    else
      tell "dest's docker has no login for $registry in ~/.docker/config.json: if that registry is private, run docker login $registry on dest before presync"
    fi
  done
}

# Disk, estimated: the dumps land on source in the backup folders (earlier dumps are moved aside, not deleted);
# dest receives the moved folders, the dumps, and holds the restored databases. A dump and a restored database
# are each counted as the size of source's live database folders (pryv/mongodb/data, pryv/influxdb/data).
check_disk() {
  local folder moved=() databases=() moved_kb db_kb source_free dest_free dest_df source_need dest_need
  for folder in "${MOVED_FOLDERS[@]}"; do
    case "$folder" in pryv/mongodb/backup | pryv/influxdb/backup) ;; *) moved+=("$(on_source "$folder")") ;; esac
  done
  for folder in pryv/mongodb/data pryv/influxdb/data; do
    [ -d "$SOURCE_CONF_ROOT/$folder" ] && databases+=("$SOURCE_CONF_ROOT/$folder")
  done
  moved_kb=$(capture du -skL "${moved[@]}" | awk '{ s += $1 } END { print s + 0 }')
  db_kb=0
  [ ${#databases[@]} -eq 0 ] || db_kb=$(capture du -skL "${databases[@]}" | awk '{ s += $1 } END { print s + 0 }')
  source_free=$(capture df -Pk "$SOURCE_CONF_ROOT" | awk 'NR == 2 { print $4 }')
  mapfile -t dest_df < <(ssh_to "$DEST_SSH" "$DEST_SSH_PORT" df -Pk "$DEST_CONF_ROOT")
  dest_free=$(capture "${dest_df[@]}" | awk 'NR == 2 { print $4 }')
  [ "$PLAN_ONLY" -eq 0 ] || return 0
  [[ "$moved_kb" =~ ^[0-9]+$ && "$db_kb" =~ ^[0-9]+$ && "$source_free" =~ ^[0-9]+$ && "$dest_free" =~ ^[0-9]+$ ]] \
    || fail_phase 4 "could not read the data sizes or the free space (see the log)"
  # 10% margin; dest also 1 GiB for the containers' own growth.
  source_need=$((db_kb + db_kb / 10))
  dest_need=$((moved_kb + 2 * db_kb + (moved_kb + 2 * db_kb) / 10 + 1048576))
  [ "$source_need" -le "$source_free" ] || fail_phase 4 "source has ${source_free} KiB free in $SOURCE_CONF_ROOT, the dumps need about ${source_need} KiB (databases ${db_kb} KiB +10%)"
  [ "$dest_need" -le "$dest_free" ] || fail_phase 4 "dest has ${dest_free} KiB free in $DEST_CONF_ROOT, it needs about ${dest_need} KiB (moved folders ${moved_kb} KiB, dumps and restored databases 2 x ${db_kb} KiB, +10% and 1 GiB)"
  tell "disk: source needs ~${source_need} KiB for the dumps (${source_free} free), dest ~${dest_need} KiB (${dest_free} free)"
}

phase_seed() {
  if [ -z "$VERIFY_USERS" ]; then
    note "skipped: VERIFY_USERS is empty"
    return 0
  fi
  step tool verify seed "${VERIFY_ARGS[@]}" --resolve "$CORE_HOST:$VERIFY_API_PORT:$SOURCE_IP" \
    --token-file "$VERIFY_TOKEN_FILE" --out "$STATE_DIR/seed.json"
  step tool verify snapshot "${VERIFY_ARGS[@]}" --resolve "$CORE_HOST:$VERIFY_API_PORT:$SOURCE_IP" \
    --token-file "$VERIFY_TOKEN_FILE" --out "$STATE_DIR/snapshot.jsonl"
}

# On dest, one SSH session: run-config-follower, then run-pryv once the follower has written pryv.yml (its
# docker-compose returns before the follower has fetched the configuration from the leader; run-pryv refuses to
# start without pryv.yml), at most 60 s later. When the follower already runs and pryv.yml is there (restore
# after presync), run-config-follower is not run again: its docker-compose would change nothing and costs a
# second or more inside the window. When, moreover, pryv.yml is the one presync saw (its SHA-256, the 4th
# argument), the containers presync stopped (the others) are started with one docker start, in the order
# docker-compose created them: that is what run-pryv's docker-compose up -d does then (it recreates only a
# container whose configuration changed), without docker-compose's own start-up (~1 s) inside the window; if
# docker start fails, run-pryv.
# With --list-images, the same session then lists the images of the containers running on dest (docker ps) into
# DEST_RUNNING_IMAGES: restore compares them with source's without another connection.
# shellcheck disable=SC2016 # expanded by the remote shell
START_DEST_PRYV_SCRIPT='scripts=$1 root=$2 list=$3 presync_yml=$4
    shift 4
    started=""
    if [ "$(docker inspect --format "{{.State.Running}}" pryvio_config_follower 2>/dev/null)" = true ] \
      && [ -f "$root/pryv/pryv.yml" ]; then
      echo "pryvio_config_follower runs and $root/pryv/pryv.yml is there: run-config-follower not needed"
      if [ -n "$presync_yml" ] && [ $# -gt 0 ] \
        && [ "$(sha256sum <"$root/pryv/pryv.yml" | cut -d " " -f 1)" = "$presync_yml" ]; then
        echo "$root/pryv/pryv.yml is the one presync saw: docker start of the containers presync stopped (what run-pryv would do)"
        if docker start "$@"; then started=1; else echo "docker start failed: run-pryv instead"; fi
      fi
    else
      "$scripts/run-config-follower" || exit
    fi
    if [ -z "$started" ]; then
      i=0
      while [ ! -f "$root/pryv/pryv.yml" ]; do
        i=$((i + 1))
        [ "$i" -le 600 ] || { echo "the config-follower wrote no $root/pryv/pryv.yml within 60 s" >&2; exit 1; }
        sleep 0.1
      done
      "$scripts/run-pryv" || exit
    fi
    [ "$list" != --list-images ] || { echo "== running images"; docker ps --format "{{.Image}}"; }'
# What presync stopped on dest (stop_dest_serving): "pryv.yml SHA-256" and "stopped NAME..." lines.
DEST_STOPPED_FILE() { echo "$STATE_DIR/dest-stopped"; }
# --after-presync (restore, dest's databases running): what presync stopped may be started with docker start.
start_dest_pryv() { # [--list-images [--after-presync]]
  local command presync_yml="" stopped=()
  if [ "${2:-}" = --after-presync ] && [ -f "$(DEST_STOPPED_FILE)" ]; then
    presync_yml=$(awk '$1 == "pryv.yml" { print $2 }' "$(DEST_STOPPED_FILE)")
    read -r -a stopped <<<"$(awk '$1 == "stopped" { $1 = ""; print }' "$(DEST_STOPPED_FILE)")"
  fi
  mapfile -t command < <(ssh_to "$DEST_SSH" "$DEST_SSH_PORT" sh -c "$START_DEST_PRYV_SCRIPT" sh \
    "$PRYV_SCRIPTS_DIR" "$DEST_CONF_ROOT" "${1:-}" "$presync_yml" "${stopped[@]}")
  if [ "${1:-}" = --list-images ]; then
    DEST_RUNNING_IMAGES=$(capture "${command[@]}" | awk 'listed; /^== running images$/ { listed = 1 }' | sort -u)
  else
    step "${command[@]}"
  fi
}

# On dest, one SSH session: Pryv's ensure-permissions (chown -R 9999:9999 of ./pryv and ./config-follower, from
# DEST_CONF_ROOT), then whether dest's databases run (presync leaves them running: docker ps). Plan mode: the plan
# shows the path after presync.
# shellcheck disable=SC2016 # expanded by the remote shell
ENSURE_PERMISSIONS_SCRIPT='cd "$1" && chown -R 9999:9999 ./pryv ./config-follower && docker ps --format "{{.Names}}"'
permissions_and_databases_run() {
  local command running db
  mapfile -t command < <(ssh_to "$DEST_SSH" "$DEST_SSH_PORT" sh -c "$ENSURE_PERMISSIONS_SCRIPT" sh "$DEST_CONF_ROOT")
  running=$(capture "${command[@]}")
  if [ "$PLAN_ONLY" -eq 1 ]; then
    note "after presync (dest's databases run): one docker-ops call restores into them, then run-pryv starts the rest; without presync: ensure-permissions, run-pryv, then the restore"
    return 0
  fi
  for db in "${DEST_DATABASES[@]}"; do
    grep -qxF "$db" <<<"$running" || return 1
  done
}

# After run-pryv on dest: dest runs every image source ran at freeze (saved by check_images in
# STATE_DIR/source-images), compared with what start_dest_pryv --list-images saw; no JVM, no other connection.
dest_runs_source_images() {
  [ "$PLAN_ONLY" -eq 0 ] || return 0
  local saved="$STATE_DIR/source-images" missing
  if [ ! -s "$saved" ]; then
    check_images restore # a state from an older run: the full comparison
    return 0
  fi
  missing=$(comm -23 <(sort -u "$saved") <(echo "$DEST_RUNNING_IMAGES"))
  [ -z "$missing" ] || fail_phase 4 "restore: dest does not run every Pryv container after run-pryv: none of $(echo "$missing" | tr '\n' ' ')(see the log)"
  tell "restore: dest runs the images source ran at freeze ($(tr '\n' ' ' <"$saved" | sed 's/ $//'))"
}

phase_presync() {
  note "copy while source still serves, so that the frozen window only moves what changed since"
  ssh_share "$DEST_SSH" "$DEST_SSH_PORT"
  folder_pairs "${PRESYNC_FOLDERS[@]}"
  transfer push "${PAIRS[@]}" "${TRANSFER_DEST[@]}" --json
  # The proof of unchanged files, made before freeze: every file on dest compared by SHA-256 with source. Inside
  # the window push then sends (and verifies end to end) only what changed since, by size and mtime.
  transfer check "${PAIRS[@]}" "${TRANSFER_DEST[@]}"
  fact_set files_proven "before freeze (presync: backup-transfer check of ${PRESYNC_FOLDERS[*]})"
  if [ "$EXEC_MODE" = docker ]; then
    note "on dest: the follower writes the configuration, run-pryv fetches the images and starts the containers; then every container that serves or writes stops until restore, the databases keep running (restore restores into them, inside the window, without starting them)"
    start_dest_pryv
    check_images presync
    stop_dest_serving
  fi
}

# Dest's databases, which restore restores into: they run from presync until the end (restore starts the rest).
DEST_DATABASES=(pryvio_mongodb pryvio_influxdb)

# On dest, one SSH session: docker stop of every running Pryv container except the databases and the follower
# (nginx, core, hfs, preview, mfa, webhooks: whatever serves or writes). Restore starts them again (docker start,
# or run-pryv if pryv.yml changed since): saved in DEST_STOPPED_FILE with pryv.yml's SHA-256, the names in the
# order docker-compose created them (docker ps lists the newest first).
# shellcheck disable=SC2016 # expanded by the remote shell
STOP_DEST_SERVING_SCRIPT='names=$(docker ps --format "{{.Names}}" | grep "^pryvio_" \
    | grep -vxF -e pryvio_config_follower -e "$2" -e "$3") || true
    [ -z "$names" ] || docker stop $names >/dev/null || exit
    echo "pryv.yml $(sha256sum <"$1/pryv/pryv.yml" | cut -d " " -f 1)"
    echo "stopped" $(echo "$names" | tac)'
stop_dest_serving() {
  local command saved
  mapfile -t command < <(ssh_to "$DEST_SSH" "$DEST_SSH_PORT" sh -c "$STOP_DEST_SERVING_SCRIPT" sh \
    "$DEST_CONF_ROOT" "${DEST_DATABASES[@]}")
  saved=$(capture "${command[@]}")
  [ "$PLAN_ONLY" -eq 0 ] || return 0
  grep -E '^(pryv.yml [0-9a-f]{64}|stopped( .*)?)$' <<<"$saved" >"$(DEST_STOPPED_FILE)"
  [ "$(wc -l <"$(DEST_STOPPED_FILE)")" -eq 2 ] || fail_phase 4 "presync: dest's stop of its serving containers said no pryv.yml checksum (see the log)"
}

FOLLOWER_POLICY_FILE() { echo "$STATE_DIR/follower-restart-policy"; }

phase_freeze() {
  # dest's shared connection, before the window opens: restore's ssh commands then start at once
  ssh_share "$DEST_SSH" "$DEST_SSH_PORT"
  check_images freeze
  # a new window: the figures of an earlier one go
  fact_unset reload_freeze reload_redirect reload_undo nginx_stopped_at nginx_started_at writes_stopped_at \
    cooldown_waited cooldown_from window_check window_start window_end
  fact_set freeze_mode "$FREEZE"
  if [ "$FREEZE" = read-only ]; then
    note "FREEZE=read-only: source nginx answers every write with 503 and Retry-After and keeps serving reads (nginx-rewriter freeze, then a reload); the config-follower, which would undo it, is stopped"
  else
    note "FREEZE=stop: no new requests: stop source nginx, and the source config-follower that would undo the redirect"
  fi
  if [ "$EXEC_MODE" = docker ]; then
    # Pryv's containers restart with the docker daemon: after a source reboot the follower would rewrite
    # site-443.conf and undo the redirect. Its restart policy is saved (once: a re-run must not save 'no'), set
    # to no, and put back by undo freeze.
    local policy saved
    saved="$(FOLLOWER_POLICY_FILE)"
    policy=$(capture docker inspect --format \
      '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}' pryvio_config_follower)
    if [ "$PLAN_ONLY" -eq 0 ] && [ ! -f "$saved" ]; then
      case "$policy" in on-failure:*) ;; :* | no:*) policy=no ;; *) policy="${policy%%:*}" ;; esac
      echo "$policy" >"$saved"
      note "pryvio_config_follower's restart policy was $policy (saved in $saved for undo freeze)"
    fi
    step docker update --restart no pryvio_config_follower
    if [ "$FREEZE" = read-only ]; then
      step tool nginx-rewriter freeze "$SITE_CONF"
      # Reloaded while the follower still runs: nginx resolves config-follower (an upstream) when it loads.
      fact_set window_start "$(now)"
      reload_source_nginx freeze
      # The follower holds no data and does not answer SIGTERM (docker stop would wait for it): killed at once
      # (-t 0; unlike docker kill, a no-op on a re-run when it is stopped already).
      step docker stop -t 0 pryvio_config_follower
    else
      fact_set nginx_stopped_at "$(now)"
      fact_set window_start "$(fact nginx_stopped_at)"
      dockerops_source stop --stop-timeout 1 pryvio_nginx pryvio_config_follower
    fi
  elif [ "$FREEZE" = read-only ]; then
    step tool nginx-rewriter freeze "$SITE_CONF"
    fact_set window_start "$(now)"
    reload_source_nginx freeze
  else
    fact_set nginx_stopped_at "$(now)"
    fact_set window_start "$(fact nginx_stopped_at)"
    step bash -c "$SOURCE_NGINX_STOP_CMD"
  fi
  fact_set writes_stopped_at "$(now)"
}

phase_dump() {
  wait_for_cooldown
  # One docker-ops call for both databases (one start; the steps run in order, each verified).
  dockerops_source mongo-dump,influx-backup --json --conf-root "$SOURCE_CONF_ROOT" "${EXEC_ARGS_SOURCE[@]}" \
    "${INFLUX_ARGS_SOURCE[@]}"
}

phase_transfer() {
  # One call, one SSH connection, for every folder. push verifies every file it sends end to end (SHA-256 on the
  # far side before the final name); unchanged files (size and mtime) were proven by presync's check before
  # freeze, and the backups are compared again after redirect (verify): nothing is re-hashed inside the window.
  folder_pairs "${MOVED_FOLDERS[@]}"
  transfer push "${PAIRS[@]}" "${TRANSFER_DEST[@]}" --delete --json
  if [ "$QUICK_FREEZE" = 0 ]; then
    note "QUICK_FREEZE=0: every moved folder compared by SHA-256 inside the window"
    transfer check "${PAIRS[@]}" "${TRANSFER_DEST[@]}"
    fact_set window_check "inside the window (QUICK_FREEZE=0: backup-transfer check of ${MOVED_FOLDERS[*]})"
  else
    note "QUICK_FREEZE=1: nothing re-hashed inside the window"
  fi
}

phase_restore() {
  # A re-run after a partial restore replaces what the earlier attempt wrote: never merged, never refused.
  ssh_share "$DEST_SSH" "$DEST_SSH_PORT" # open since freeze, unless this is a resumed run
  if [ "$EXEC_MODE" = docker ]; then
    if permissions_and_databases_run; then
      # After presync: the databases run, nothing else does. One call restores into them (nothing serves or
      # writes meanwhile), then the rest starts (docker start of what presync stopped, or run-pryv).
      dockerops_dest mongo-restore,influx-restore --drop --conf-root "$DEST_CONF_ROOT"
      # Nothing on dest answers before the rest starts: the health check starts with it (its start-up
      # overlaps the start's) and probes until dest's API answers.
      start_dest_health
      start_dest_pryv --list-images --after-presync
      dest_runs_source_images
      wait_dest_health
    else
      # No presync (or dest was stopped since): every container starts first, the restore follows.
      start_dest_pryv --list-images
      dest_runs_source_images
      dockerops_dest mongo-restore,influx-restore --drop --conf-root "$DEST_CONF_ROOT"
    fi
  else
    # One docker-ops call (one start, one SSH connection): permissions, MongoDB, InfluxDB, each verified.
    dockerops_dest ensure-permissions,mongo-restore,influx-restore --drop --conf-root "$DEST_CONF_ROOT" \
      "${EXEC_ARGS_DEST[@]}" "${INFLUX_ARGS_DEST[@]}"
  fi
  if [ -n "$CORE_HOST" ] && [ "$EXEC_MODE" = docker ]; then
    [ -n "$HEALTH_PID" ] || step "${DEST_HEALTH[@]}"
  else
    note "no API health check of dest here (EXEC_MODE=$EXEC_MODE or no CORE_HOST)"
  fi
}

# Dest must answer before source sends it every request: verify health of dest by IP, probing every 0.2 s for up
# to DEST_START_SECONDS while its API does not answer yet (a failure of a probe of an answering API is final).
DEST_HEALTH=(tool verify health --api "https://${CORE_HOST}:${VERIFY_API_PORT}/" --resolve
  "$CORE_HOST:$VERIFY_API_PORT:$DEST_IP" ${VERIFY_CACERT:+--cacert "$VERIFY_CACERT"} --retries 0
  --wait "${DEST_START_SECONDS}s")
HEALTH_PID=""
# In the background, logged to its own file (appended to the phase log by wait_dest_health); ended with the
# phase if the phase ends first.
start_dest_health() {
  [ -n "$CORE_HOST" ] && [ "$PLAN_ONLY" -eq 0 ] || return 0
  local log="$STATE_DIR/restore-health.log"
  echo "# verify health starts in the background, beside run-pryv: its log follows run-pryv's" >>"$CURRENT_LOG"
  : >"$log"
  CURRENT_LOG="$log" step "${DEST_HEALTH[@]}" &
  HEALTH_PID=$!
  # the check (the launcher execs java: a child of the background shell) and its shell
  trap 'if [ -n "$HEALTH_PID" ]; then pkill -P "$HEALTH_PID" 2>/dev/null; kill "$HEALTH_PID" 2>/dev/null; fi; true' EXIT
}
wait_dest_health() {
  [ -n "$HEALTH_PID" ] || return 0
  local rc=0
  wait "$HEALTH_PID" || rc=$?
  trap - EXIT
  cat "$STATE_DIR/restore-health.log" >>"$CURRENT_LOG"
  [ "$rc" -eq 0 ] || exit "$rc"
}

phase_redirect() {
  if [ "$(freeze_mode)" = read-only ]; then
    # The redirect replaces the freeze, in one write: from the reload on, source proxies every request, writes
    # included, to dest.
    step tool nginx-rewriter redirect "$SITE_CONF" --to "$DEST_PROXY_TARGET" --unfreeze
    reload_source_nginx redirect
  elif [ "$EXEC_MODE" = docker ]; then
    step tool nginx-rewriter redirect "$SITE_CONF" --to "$DEST_PROXY_TARGET"
    # Only nginx: run-pryv would restart every source service on stale data.
    dockerops_source start pryvio_nginx
    fact_set nginx_started_at "$(now)"
  else
    step tool nginx-rewriter redirect "$SITE_CONF" --to "$DEST_PROXY_TARGET"
    step bash -c "$SOURCE_NGINX_START_CMD"
    fact_set nginx_started_at "$(now)"
  fi
  fact_set window_end "$(now)"
}

phase_verify() {
  # After the window: what the redirect wrote, and the backups that moved inside it, compared with source.
  step_shown tool nginx-rewriter status "$SITE_CONF"
  if [ "$QUICK_FREEZE" = 1 ]; then
    folder_pairs pryv/mongodb/backup pryv/influxdb/backup
    transfer check "${PAIRS[@]}" "${TRANSFER_DEST[@]}"
    fact_set window_check "after redirect (verify: backup-transfer check of pryv/mongodb/backup pryv/influxdb/backup)"
  fi
  if [ -z "$VERIFY_USERS" ]; then
    note "skipped: VERIFY_USERS is empty (no API to check through)"
    return 0
  fi
  local via
  # Dest by IP before DNS moves, then through source's redirected proxy: both must read back identical.
  for via in "$DEST_IP" "$SOURCE_IP"; do
    step_shown tool verify check "${VERIFY_ARGS[@]}" --resolve "$CORE_HOST:$VERIFY_API_PORT:$via" \
      --against "$STATE_DIR/seed.json" --token-file "$STATE_DIR/seed.json.token"
    step_shown tool verify check "${VERIFY_ARGS[@]}" --resolve "$CORE_HOST:$VERIFY_API_PORT:$via" \
      --against "$STATE_DIR/snapshot.jsonl" --token-file "$VERIFY_TOKEN_FILE"
  done
}

REG_STAGE() { echo "$STATE_DIR/register"; }

REG_PLATFORM_YML() { echo "$REG_CONF_ROOT/config-leader/conf/platform.yml"; }

phase_register() {
  if [ -z "$REG_MASTER_SSH" ]; then
    note "skipped: REG_MASTER_SSH is empty (single-node platform: no register to update)"
    return 0
  fi
  local stage hosting_args=()
  stage="$(REG_STAGE)"
  [ -n "$HOSTING" ] && hosting_args=(--hosting "$HOSTING")
  step mkdir -p "$stage/original" "$stage/edit"
  note "fetch platform.yml from reg-master, change the one IP, write that one file back in place (owner, group and mode kept, the folder untouched; the original stays in $stage/original)"
  # A re-run must not replace the saved original with a file this phase already edited.
  if [ -f "$stage/original/platform.yml" ]; then
    note "the original platform.yml saved by an earlier run is kept"
    fetch_file "$REG_MASTER_SSH" "$REG_SSH_PORT" "$(REG_PLATFORM_YML)" "$stage/edit/platform.yml"
  else
    fetch_file "$REG_MASTER_SSH" "$REG_SSH_PORT" "$(REG_PLATFORM_YML)" "$stage/original/platform.yml"
    step cp -p "$stage/original/platform.yml" "$stage/edit/platform.yml"
  fi
  step_shown tool platform-yml-editor set-core-ip "$stage/edit/platform.yml" --core "$CORE" "${hosting_args[@]}" \
    --ip "$DEST_IP" --no-backup
  put_file "$REG_MASTER_SSH" "$REG_SSH_PORT" "$stage/edit/platform.yml" "$(REG_PLATFORM_YML)"
  restart_registers
}

restart_registers() {
  local reg
  for reg in "$REG_MASTER_SSH" $REG_SLAVE_SSH; do
    remote "$reg" "$REG_SSH_PORT" "$REG_SCRIPTS_DIR/restart-config-follower"
    remote "$reg" "$REG_SSH_PORT" "$REG_SCRIPTS_DIR/restart-pryv"
  done
}

undo_preflight() { echo "preflight changes nothing: nothing to undo"; }
undo_seed() { echo "seed: the marker streams stay in the accounts (they are named after the run); delete them through the API if unwanted"; }
undo_presync() { echo "presync only wrote on dest: nothing on source to undo; dest's databases keep running (stop-pryv on dest stops them), its folders can be emptied by hand"; }
undo_freeze() {
  if is_done redirect && [ "$PLAN_ONLY" -eq 0 ]; then
    echo "migrate-core: error: redirect is done: undo redirect first (a restarted config-follower would rewrite" \
      "site-443.conf, and writes made on dest since the redirect stay on dest)" >&2
    exit 3
  fi
  local mode
  mode=$(freeze_mode)
  if [ "$EXEC_MODE" = docker ]; then
    # The follower first: nginx resolves config-follower (an upstream) when it starts or reloads.
    dockerops_source start pryvio_config_follower
    if [ "$mode" = read-only ]; then
      step tool nginx-rewriter unfreeze "$SITE_CONF"
      reload_source_nginx undo
    else
      dockerops_source start pryvio_nginx
    fi
    local saved policy=always
    saved="$(FOLLOWER_POLICY_FILE)"
    if [ -f "$saved" ]; then
      policy=$(cat "$saved")
    elif [ "$PLAN_ONLY" -eq 1 ]; then
      policy=SAVED-BY-FREEZE
      note "the follower's restart policy that freeze saved in $saved is put back"
    else
      note "no restart policy saved by freeze in $saved: the follower gets always (the restart policy of Pryv's config-follower.yml)"
    fi
    step docker update --restart "$policy" pryvio_config_follower
    [ "$PLAN_ONLY" -eq 1 ] || rm -f "$saved"
  elif [ "$mode" = read-only ]; then
    step tool nginx-rewriter unfreeze "$SITE_CONF"
    reload_source_nginx undo
  else
    step bash -c "$SOURCE_NGINX_START_CMD"
  fi
}
undo_dump() { echo "dump: the dumps stay in the backup folders (earlier ones were moved aside, never deleted)"; }
undo_transfer() { echo "transfer only wrote on dest: nothing on source to undo"; }
undo_restore() { echo "restore cannot be undone automatically: dest's databases now hold the data (stop-pryv on dest if unwanted)"; }
undo_redirect() {
  note "writes made on dest through the proxy since the redirect stay on dest"
  step_shown tool nginx-rewriter rollback "$SITE_CONF"
  if [ "$(freeze_mode)" = read-only ]; then
    # Back to what freeze left: source serves reads and refuses writes until undo freeze.
    step tool nginx-rewriter freeze "$SITE_CONF"
    if [ "$EXEC_MODE" = docker ]; then
      # The original config names config-follower as an upstream: it must run while nginx loads it.
      dockerops_source start pryvio_config_follower
      reload_source_nginx undo
      dockerops_source stop pryvio_config_follower
    else
      reload_source_nginx undo
    fi
  elif [ "$EXEC_MODE" = docker ]; then
    # The original config names config-follower as an upstream: it must run for nginx to start.
    dockerops_source start pryvio_config_follower
    dockerops_source restart pryvio_nginx
  else
    step bash -c "$SOURCE_NGINX_RESTART_CMD"
  fi
}
undo_verify() { echo "verify changes nothing: nothing to undo"; }
undo_register() {
  local stage
  stage="$(REG_STAGE)"
  [ -f "$stage/original/platform.yml" ] || [ "$PLAN_ONLY" -eq 1 ] \
    || { echo "migrate-core: error: no saved platform.yml in $stage/original: cannot restore the previous IP" >&2; exit 3; }
  # Only put the original back if reg-master still holds exactly what this phase wrote: anything else means
  # someone changed platform.yml since, and writing the old file would silently revert their change.
  fetch_file "$REG_MASTER_SSH" "$REG_SSH_PORT" "$(REG_PLATFORM_YML)" "$stage/current.yml"
  if [ "$PLAN_ONLY" -eq 0 ] && ! cmp -s "$stage/current.yml" "$stage/edit/platform.yml"; then
    fail_phase 3 "platform.yml on reg-master changed since register wrote it: not overwritten (compare $stage/current.yml with $stage/original/platform.yml and fix by hand)"
  fi
  put_file "$REG_MASTER_SSH" "$REG_SSH_PORT" "$stage/original/platform.yml" "$(REG_PLATFORM_YML)"
  restart_registers
}

# --- exec mode arguments ------------------------------------------------------------------------------------
EXEC_ARGS_SOURCE=()
EXEC_ARGS_DEST=()
INFLUX_ARGS_SOURCE=()
INFLUX_ARGS_DEST=()
if [ "$EXEC_MODE" = local ]; then
  EXEC_ARGS_SOURCE=(--exec local)
  EXEC_ARGS_DEST=(--exec local)
  [ -n "$SOURCE_INFLUX_RPC" ] && INFLUX_ARGS_SOURCE+=(--influx-rpc "$SOURCE_INFLUX_RPC")
  [ -n "$SOURCE_INFLUX_HTTP" ] && INFLUX_ARGS_SOURCE+=(--influx-http "$SOURCE_INFLUX_HTTP")
  [ -n "$DEST_INFLUX_RPC" ] && INFLUX_ARGS_DEST+=(--influx-rpc "$DEST_INFLUX_RPC")
  [ -n "$DEST_INFLUX_HTTP" ] && INFLUX_ARGS_DEST+=(--influx-http "$DEST_INFLUX_HTTP")
fi

elapsed() {
  local span
  span_into span "$1" "$2" 1
  echo "$span"
}

# --- state --------------------------------------------------------------------------------------------------
phase_index() {
  local i
  for i in "${!PHASES[@]}"; do
    [ "${PHASES[$i]}" = "$1" ] && { echo "$i"; return 0; }
  done
  die "unknown phase '$1'; phases: ${PHASES[*]}"
}

is_done() { [ -f "$STATE_FILE" ] && grep -q "^$1 done " "$STATE_FILE"; }

record() { # phase status start end
  [ -d "$STATE_DIR" ] || mkdir -p "$STATE_DIR"
  local tmp="$STATE_FILE.tmp" line
  {
    if [ -f "$STATE_FILE" ]; then
      while IFS= read -r line; do [ "${line%% *}" = "$1" ] || printf '%s\n' "$line"; done <"$STATE_FILE"
    fi
    echo "$1 $2 $3 $4"
  } >"$tmp"
  mv "$tmp" "$STATE_FILE"
}

SUB_PID=""
INTERRUPTED=""
signal_exit() { if [ "$1" = TERM ]; then echo 143; else echo 130; fi; }
# INT (Ctrl-C) or TERM: a phase or undo running in its subshell gets the same signal at once, in its whole process
# group (the running step and its children), and its caller records it as interrupted; outside one, stop here.
on_signal() { # INT or TERM
  INTERRUPTED="$1"
  if [ -n "$SUB_PID" ]; then
    kill -"$1" -- "-$SUB_PID" 2>/dev/null || true
    return 0
  fi
  echo "migrate-core: interrupted" >&2
  production_state >&2
  exit "$(signal_exit "$1")"
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap close_ssh_shares EXIT

# Runs a function in a subshell with errexit in force (not inside `||`, where bash would switch it off, so any
# failing command ends it, including one inside $(...)). The subshell is its own process group (set -m) with
# stdin from /dev/null, and this script waits for it with `wait`, which a signal interrupts at once (a foreground
# child would delay the trap until it ended). Sets SUB_RC.
run_sub() { # FUNCTION
  SUB_RC=0
  set +e
  set -m
  (
    set -e
    trap - INT TERM
    "$@"
  ) </dev/null &
  SUB_PID=$!
  set +m
  wait "$SUB_PID"
  SUB_RC=$?
  # a trapped signal ends wait early: wait again until the subshell has ended
  while [ "$SUB_RC" -gt 128 ] && kill -0 "$SUB_PID" 2>/dev/null; do
    wait "$SUB_PID"
    SUB_RC=$?
  done
  SUB_PID=""
  set -e
}

run_phase() {
  local phase="$1" start end span
  CURRENT_LOG="$LOG_DIR/$phase.log"
  [ -d "$LOG_DIR" ] || mkdir -p "$LOG_DIR"
  # A re-run keeps the earlier attempt beside it; the report reads only the latest.
  [ -f "$CURRENT_LOG" ] && mv "$CURRENT_LOG" "$LOG_DIR/$phase.$(date +%Y%m%dT%H%M%S).log"
  clock_into start
  TZ=UTC printf '== %s: %(%Y-%m-%dT%H:%M:%SZ)T\n' "$phase" "${start%%.*}" >>"$CURRENT_LOG"
  # Whatever ran after this phase must run again after it (a redone freeze needs a new dump, and so on).
  forget_after "$phase"
  local rc=0
  run_sub "phase_$phase"
  rc=$SUB_RC
  clock_into end
  span_into span "$start" "$end" 1
  if [ -n "$INTERRUPTED" ] || [ "$rc" -eq 130 ] || [ "$rc" -eq 143 ]; then
    record "$phase" interrupted "$start" "$end"
    echo "# interrupted (SIG${INTERRUPTED:-INT})" >>"$CURRENT_LOG"
    printf '%-10s INTERRUPTED after %s s (log: %s); run again to resume here\n' "$phase" "$span" \
      "$CURRENT_LOG" >&2
    production_state >&2
    report >&2
    if [ -n "$INTERRUPTED" ]; then exit "$(signal_exit "$INTERRUPTED")"; fi
    exit "$rc"
  elif [ "$rc" -eq 0 ]; then
    record "$phase" "done" "$start" "$end"
    printf '%-10s done in %6s s   (log: %s)\n' "$phase" "$span" "$CURRENT_LOG"
  else
    case "$rc" in 1 | 2 | 3 | 4 | 5) ;; *) rc=4 ;; esac
    record "$phase" failed "$start" "$end"
    printf '%-10s FAILED (exit %d) after %s s: see %s\n' "$phase" "$rc" "$span" "$CURRENT_LOG" >&2
    tail -n 5 "$CURRENT_LOG" | sed 's/^/    /' >&2
    production_state >&2
    report >&2
    exit "$rc"
  fi
}

# This script as the operator called it, for the commands it tells them to run.
SELF="$(quote "$0" --config "$CONFIG")"

# After a failure or an interrupt: what production looks like now, and the one command that brings service
# back or goes on. Says nothing before freeze (source still serves).
production_state() {
  local status start end since mode
  mode=$(freeze_mode)
  read -r _ status start end < <(grep "^freeze " "$STATE_FILE" 2>/dev/null || true) || true
  case "${status:-}" in
    done) ;;
    failed | interrupted)
      if [ "$mode" = read-only ]; then
        echo "PRODUCTION: freeze did not finish: source nginx may refuse writes (site-443.conf frozen) and the config-follower may be stopped. To take writes on source again now: $SELF undo freeze"
      else
        echo "PRODUCTION: freeze did not finish: source nginx may be stopped (docker ps on source). To bring service back now: $SELF undo freeze"
      fi
      echo "            or, once the cause is fixed, go on: $SELF run"
      return 0 ;;
    *)
      echo "production: untouched (freeze has not run): source still serves; fix the cause, then: $SELF run"
      return 0 ;;
  esac
  since=$(date -d "@${end%.*}" '+%F %T %Z' 2>/dev/null || echo "${end%.*}")
  if is_done redirect; then
    echo "production: source nginx proxies every request to dest ($DEST_IP) since redirect; service is up through dest."
    echo "            to go back to source: $SELF undo redirect, then $SELF undo freeze (writes made on dest since stay on dest)"
  elif [ "$mode" = read-only ]; then
    echo "PRODUCTION IS READ-ONLY: source nginx refuses every write (503) since $since ($(( ($(date +%s) - ${end%.*}) / 60 )) min); reads are served."
    echo "  take writes on source again now (source serves its own data): $SELF undo freeze"
    echo "  or go on, once the cause above is fixed:                      $SELF run"
  else
    echo "PRODUCTION IS DOWN: source nginx stopped since $since ($(( ($(date +%s) - ${end%.*}) / 60 )) min): the core answers no request."
    echo "  bring service back now (source serves its own data again): $SELF undo freeze"
    echo "  or go on, once the cause above is fixed:                    $SELF run"
  fi
}

# Drops the state of every phase after the given one.
forget_after() {
  [ -f "$STATE_FILE" ] || return 0
  local i later=() from
  from=$(phase_index "$1")
  for i in "${!PHASES[@]}"; do
    [ "$i" -gt "$from" ] && later+=("${PHASES[$i]}")
  done
  local tmp="$STATE_FILE.tmp" phase keep
  while read -r phase rest; do
    keep=1
    for i in "${later[@]}"; do [ "$phase" = "$i" ] && keep=0; done
    [ "$keep" -eq 1 ] && echo "$phase $rest"
  done <"$STATE_FILE" >"$tmp"
  mv "$tmp" "$STATE_FILE"
}

print_plan() {
  local phase
  PLAN_ONLY=1
  for phase in "$@"; do
    if [[ " $SKIP_PHASES " == *" $phase "* ]]; then
      echo "[$phase] (skipped: SKIP_PHASES)"
      continue
    fi
    if is_done "$phase"; then
      echo "[$phase] (done: $STATE_FILE; run $phase again with: run $phase)"
    else
      echo "[$phase]"
    fi
    "phase_$phase"
    echo "  undo:"
    "undo_$phase" | sed 's/^/    # /'
  done
}

report() {
  [ -f "$STATE_FILE" ] || { echo "no phase has run yet ($STATE_FILE)"; return 0; }
  echo "Migration report ($STATE_FILE)"
  local phase status start end freeze_start="" redirect_end=""
  for phase in "${PHASES[@]}"; do
    if read -r _ status start end < <(grep "^$phase " "$STATE_FILE" || true); then
      if [ "$status" = skipped ]; then
        printf '  %-10s %-7s\n' "$phase" "skipped"
        continue
      fi
      printf '  %-10s %-7s %7.1f s\n' "$phase" "$status" "$(elapsed "$start" "$end")"
      [ "$phase" = freeze ] && freeze_start="$start"
      [ "$phase" = redirect ] && [ "$status" = "done" ] && redirect_end="$end"
    else
      printf '  %-10s %-7s\n' "$phase" "pending"
    fi
  done
  if [ -n "$freeze_start" ] && [ -n "$redirect_end" ]; then
    # The window opens when writes are refused (freeze's reload, or nginx's stop), not when freeze starts: what
    # freeze does before (the image comparison, the follower's restart policy, the file's edit) pauses nothing.
    window_figures "$(fact window_start)" "$(fact window_end)" "$freeze_start" "$redirect_end"
  fi
  # What moved, from the tools' own --json reports in the phase logs.
  local files bytes documents points
  files=$(sum_json_field filesSent "$LOG_DIR/presync.log" "$LOG_DIR/transfer.log")
  bytes=$(sum_json_field bytesSent "$LOG_DIR/presync.log" "$LOG_DIR/transfer.log")
  documents=$(sum_json_field totalDocuments "$LOG_DIR/dump.log")
  points=$(sum_json_field points "$LOG_DIR/dump.log")
  echo "  moved: $files files, $bytes bytes sent (presync + transfer); dump: $documents MongoDB documents, $points InfluxDB points"
  local verify_status
  verify_status=$(awk '$1 == "verify" { print $2 }' "$STATE_FILE" || true)
  case "$verify_status" in
    done)
      if grep -q '^# skipped' "$LOG_DIR/verify.log" 2>/dev/null; then
        echo "  verify: skipped (no accounts configured: VERIFY_USERS)"
      else
        echo "  verify: identical (seed manifest and snapshot, through dest and through source's proxy)"
      fi
      ;;
    failed) echo "  verify: DIFFERENCES or errors (see $LOG_DIR/verify.log)" ;;
    skipped) echo "  verify: skipped (SKIP_PHASES)" ;;
    *) echo "  verify: not run yet" ;;
  esac
  return 0
}

# The downtime window's figures: the write pause, the read outage, the cool-down, and what the window spent in
# the database tools (their times as docker-ops logged them) against the rest (the toolkit's overhead).
window_figures() { # WINDOW_START WINDOW_END FREEZE_START REDIRECT_END (the first two empty: a state of an older run)
  local window mode outage stopped started waited tools overhead phase proven
  mode=$(freeze_mode)
  if [ -n "$1" ] && [ -n "$2" ]; then
    window=$(elapsed "$1" "$2")
    printf '  downtime window = write pause (writes refused at freeze -> redirect done): %.1f s (FREEZE=%s; freeze start -> redirect done: %.1f s)\n' \
      "$window" "$mode" "$(elapsed "$3" "$4")"
  else
    window=$(elapsed "$3" "$4")
    printf '  downtime window = write pause (freeze start -> redirect done): %.1f s (FREEZE=%s)\n' "$window" "$mode"
  fi
  if [ "$mode" = read-only ]; then
    outage=$(awk -v a="$(fact reload_freeze)" -v b="$(fact reload_redirect)" 'BEGIN { printf "%.1f", a + b }')
    echo "  read outage: $outage s (the nginx reloads: freeze $(fact reload_freeze) s, redirect $(fact reload_redirect) s; reads were served in between)"
  else
    stopped=$(fact nginx_stopped_at)
    started=$(fact nginx_started_at)
    if [ -n "$stopped" ] && [ -n "$started" ]; then
      echo "  read outage: $(elapsed "$stopped" "$started") s (source nginx stopped from freeze to redirect: no request answered)"
    fi
  fi
  waited=$(fact cooldown_waited)
  [ -z "$waited" ] || echo "  cool-down before the dump: waited $waited s ($COOLDOWN_SECONDS s after $(fact cooldown_from))"
  tools=0
  for phase in dump restore; do
    [ -f "$LOG_DIR/$phase.log" ] || continue
    # docker-ops runs the MongoDB and the InfluxDB step side by side: the longer of the two is what the window holds
    tools=$(awk -v s="$tools" '
      /^\$ / { tool = ($0 ~ /(^|[ \/])(mongodump|mongorestore)( |$)/) ? "mongo" : ($0 ~ /influxd (backup|restore)/) ? "influx" : "" }
      /^# exit [0-9]+ after [0-9.]+ s$/ { if (tool != "") t[tool] += $5; tool = "" }
      END { printf "%.1f", s + (t["mongo"] > t["influx"] ? t["mongo"] : t["influx"]) }' "$LOG_DIR/$phase.log")
  done
  overhead=$(awk -v w="$window" -v t="$tools" -v c="${waited:-0}" 'BEGIN { printf "%.1f", w - t - c }')
  echo "  inside the window: database tools $tools s (mongodump beside influxd backup, mongorestore beside influxd restore: the longer of each pair), cool-down ${waited:-0} s, toolkit overhead $overhead s"
  proven=$(fact files_proven)
  echo "  unchanged files proven: ${proven:-no presync: every file moved inside the window, each verified by push}; moved inside the window: $(fact window_check)"
}

# Sums a numeric field over the JSON reports in the given logs (missing logs count 0).
sum_json_field() {
  local field="$1"
  shift
  local log
  for log in "$@"; do
    if [ -f "$log" ]; then grep -o "\"$field\" *: *[0-9]*" "$log" || true; fi
  done | awk -F: '{ s += $2 } END { print s + 0 }'
}

# --- asking before the downtime window ----------------------------------------------------------------------
confirmation_possible() {
  [ "$ASSUME_YES" -eq 1 ] || [ -t 0 ] \
    || die "this run reaches freeze, which $(freeze_words) (the downtime window starts): confirm on a terminal, or add --yes" 2
}

freeze_words() {
  if [ "$FREEZE" = read-only ]; then echo "pauses writes on source (503; reads still served)"; else echo "stops source nginx"; fi
}

# Shows what the irreversible part will do and asks once (nothing to ask with --yes).
confirm_freeze() {
  local from answer
  from=$(phase_index freeze)
  if [ "$ASSUME_YES" -eq 1 ]; then
    echo "--yes: starting the downtime window (freeze $(freeze_words)) without asking"
    return 0
  fi
  echo
  if [ "$FREEZE" = read-only ]; then
    echo "The downtime window starts now: from freeze until redirect, source refuses every write (503, Retry-After) and serves reads. The plan:"
  else
    echo "The downtime window starts now: from freeze until redirect, source answers no request. The plan:"
  fi
  (print_plan "${PHASES[@]:$from}") 3>&1 | sed 's/^/  /'
  echo
  echo "If a phase fails inside the window, the message says how to bring service back ($(quote "$0") ... undo freeze)."
  if [ "$FREEZE" = read-only ]; then
    read -r -p "Pause writes on source and start the downtime window? Type yes to go on: " answer || answer=""
  else
    read -r -p "Stop source nginx and start the downtime window? Type yes to go on: " answer || answer=""
  fi
  [ "$answer" = yes ] || die "not confirmed: nothing was stopped (source still serves); run again when ready" 2
}

# --- commands -----------------------------------------------------------------------------------------------
# status and report read only the state and the logs: they work without the tools.
case "$COMMAND" in plan | run | only | undo) require_tools migrate-core ;; esac
case "$COMMAND" in
  plan)
    print_plan "${PHASES[@]}"
    ;;
  run)
    from=0
    if [ -n "$PHASE_ARG" ]; then
      from=$(phase_index "$PHASE_ARG")
    fi
    if [ "$DRY_RUN" -eq 1 ]; then
      print_plan "${PHASES[@]:$from}"
      exit 0
    fi
    # Whether this run reaches freeze: refuse now, before anything runs, when there is no way to ask.
    for phase in "${PHASES[@]:$from}"; do
      if [ "$phase" = freeze ] && [[ " $SKIP_PHASES " != *" freeze "* ]] && { [ -n "$PHASE_ARG" ] || ! is_done freeze; }; then
        confirmation_possible
      fi
    done
    for phase in "${PHASES[@]:$from}"; do
      if [[ " $SKIP_PHASES " == *" $phase "* ]]; then
        printf '%-10s skipped (SKIP_PHASES)\n' "$phase"
        record "$phase" skipped 0 0
        continue
      fi
      if [ -z "$PHASE_ARG" ] && is_done "$phase"; then
        printf '%-10s already done (state file), skipped\n' "$phase"
        continue
      fi
      [ "$phase" != freeze ] || confirm_freeze
      run_phase "$phase"
    done
    report
    ;;
  only)
    [ -n "$PHASE_ARG" ] || die "only needs a PHASE"
    phase_index "$PHASE_ARG" >/dev/null
    if [ "$DRY_RUN" -eq 1 ]; then print_plan "$PHASE_ARG"; exit 0; fi
    if [ "$PHASE_ARG" = freeze ]; then confirmation_possible; confirm_freeze; fi
    run_phase "$PHASE_ARG"
    ;;
  undo)
    [ -n "$PHASE_ARG" ] || die "undo needs a PHASE"
    phase_index "$PHASE_ARG" >/dev/null
    if [ "$DRY_RUN" -eq 1 ]; then PLAN_ONLY=1; "undo_$PHASE_ARG"; exit 0; fi
    case "$PHASE_ARG" in
      freeze | redirect | register) ;;
      *) "undo_$PHASE_ARG"; exit 0 ;; # says what cannot be reverted; the state stays as it is
    esac
    CURRENT_LOG="$LOG_DIR/undo-$PHASE_ARG.log"
    mkdir -p "$LOG_DIR"
    run_sub "undo_$PHASE_ARG"
    rc=$SUB_RC
    if [ -n "$INTERRUPTED" ]; then
      echo "undo $PHASE_ARG INTERRUPTED: see $CURRENT_LOG; run it again" >&2
      exit "$(signal_exit "$INTERRUPTED")"
    fi
    if [ "$rc" -ne 0 ]; then
      # CONVENTIONS' codes only: a tool's own 1-5 stays, anything else (a shell's 127, ssh's 255) is 4
      case "$rc" in 1 | 2 | 3 | 4 | 5 | 130 | 143) ;; *) rc=4 ;; esac
      echo "undo $PHASE_ARG FAILED (exit $rc): see $CURRENT_LOG" >&2
      tail -n 5 "$CURRENT_LOG" | sed 's/^/    /' >&2
      exit "$rc"
    fi
    forget_after "$PHASE_ARG"
    record "$PHASE_ARG" undone "$(date +%s.%N)" "$(date +%s.%N)"
    echo "$PHASE_ARG undone (log: $CURRENT_LOG); later phases will run again"
    ;;
  status)
    report
    ;;
  report)
    report
    ;;
  *)
    die "unknown command '$COMMAND' (plan, run, only, undo, status, report)"
    ;;
esac

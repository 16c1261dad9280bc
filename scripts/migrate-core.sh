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
  -h, --help      this help
Exit codes: 0 done, 1 a check found a difference, 2 usage, 3 bad input, 4 a command failed.
EOF
}

die() { echo "migrate-core: error: $*" >&2; exit "${2:-2}"; }

# shellcheck source=scripts/lib/jars.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/jars.sh" # through a symlink too

CONFIG=""
DRY_RUN=0
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --config) [ $# -ge 2 ] || die "--config needs a file"; CONFIG="$2"; shift 2 ;;
    --config=*) CONFIG="${1#--config=}"; shift ;;
    --dry-run|-n) DRY_RUN=1; shift ;;
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
# shellcheck disable=SC1090
source "$CONFIG"
: "${DEST_SSH:?DEST_SSH missing in $CONFIG}" "${DEST_IP:?DEST_IP missing in $CONFIG}"
: "${SSH_KEY:?SSH_KEY missing in $CONFIG}" "${KNOWN_HOSTS:?KNOWN_HOSTS missing in $CONFIG}"
: "${SOURCE_CONF_ROOT:=/var/pryv}" "${DEST_CONF_ROOT:=/var/pryv}" "${PRYV_SCRIPTS_DIR:=/var/pryv}"
: "${DEST_SSH_PORT:=22}" "${REG_SSH_PORT:=22}" "${REG_CONF_ROOT:=/var/pryv}" "${EXEC_MODE:=docker}"
: "${CORE_HOST:=}" "${HOSTING:=}" "${CORE:?CORE missing in $CONFIG}" "${REG_MASTER_SSH:=}" "${REG_SLAVE_SSH:=}"
: "${VERIFY_USERS:=}" "${VERIFY_TOKEN_FILE:=}" "${VERIFY_CACERT:=}" "${VERIFY_API_PORT:=443}"
: "${STATE_DIR:?STATE_DIR missing in $CONFIG}"
# Only for EXEC_MODE=local (non-container installs, the rehearsal): how to stop and start source nginx and how
# to reach each side's InfluxDB, since there is no pryvio_nginx / pryvio_influxdb container to address.
: "${SOURCE_NGINX_STOP_CMD:=}" "${SOURCE_NGINX_START_CMD:=}" "${SOURCE_NGINX_RESTART_CMD:=}"
: "${SOURCE_INFLUX_RPC:=}" "${DEST_INFLUX_RPC:=}" "${MONGO_MODE:=real}"
: "${SOURCE_IP:=127.0.0.1}" "${DEST_PROXY_TARGET:=$DEST_IP}" "${SKIP_PHASES:=}" "${REG_SCRIPTS_DIR:=$PRYV_SCRIPTS_DIR}"
: "${SOURCE_INFLUX_HTTP:=}" "${DEST_INFLUX_HTTP:=}" "${MONGO_BUNDLED_DUMP:=}"
case "$EXEC_MODE" in docker|local) ;; *) die "EXEC_MODE must be docker or local, not '$EXEC_MODE'" 3 ;; esac

STATE_FILE="$STATE_DIR/state"
LOG_DIR="$STATE_DIR/logs"
SITE_CONF="$SOURCE_CONF_ROOT/pryv/nginx/conf/site-443.conf"
# How each jar reaches dest: backup-transfer takes rsync-like -p/-i, docker-ops takes --host/--ssh-port/--identity.
TRANSFER_DEST=(-p "$DEST_SSH_PORT" -i "$SSH_KEY" --known-hosts "$KNOWN_HOSTS")
TRANSFER_REG=(-p "$REG_SSH_PORT" -i "$SSH_KEY" --known-hosts "$KNOWN_HOSTS")
DOCKEROPS_DEST=(--host "$DEST_SSH" --ssh-port "$DEST_SSH_PORT" --identity "$SSH_KEY" --known-hosts "$KNOWN_HOSTS")

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

# Runs a command (or prints it in plan mode), logging its output to the phase log. A failing command ends the
# phase (which runs in a subshell) with the command's own exit code: 1 for a check that found a difference.
step() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "$@")"
    return 0
  fi
  echo "\$ $(display "$@")" >>"$CURRENT_LOG"
  local rc=0
  "$@" >>"$CURRENT_LOG" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "# exit code $rc" >>"$CURRENT_LOG"
    exit "$rc"
  fi
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
    exit "$rc"
  fi
}

# A command on another machine, over OpenSSH with the migration's key and known_hosts (never accept-new).
ssh_to() { # TARGET PORT ARGS... -> prints the ssh command line as words, one per line
  local target="$1" port="$2"
  shift 2
  printf '%s\n' ssh -i "$SSH_KEY" -p "$port" -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$KNOWN_HOSTS" "$target" "$(quote "$@")"
}

remote() {
  local command
  mapfile -t command < <(ssh_to "$@")
  step "${command[@]}"
}

# Runs a command for its output (logged too); in plan mode prints it and returns nothing.
capture() {
  if [ "$PLAN_ONLY" -eq 1 ]; then
    echo "    $(display "$@")" >&3 # fd 3 is the script's stdout: plan lines are not captured output
    return 0
  fi
  echo "\$ $(display "$@")" >>"$CURRENT_LOG"
  local output rc=0
  output=$("$@" 2>>"$CURRENT_LOG") || rc=$?
  printf '%s\n' "$output" >>"$CURRENT_LOG"
  if [ "$rc" -ne 0 ]; then
    echo "# exit code $rc" >>"$CURRENT_LOG"
    exit "$rc"
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

# verify reaches the core by its public name; --resolve pins the IP (dest, or source's proxy) like curl.
VERIFY_ARGS=(--api "https://${CORE_HOST}:${VERIFY_API_PORT}/")
for user in $VERIFY_USERS; do VERIFY_ARGS+=(--user "$user"); done
[ -n "$VERIFY_CACERT" ] && VERIFY_ARGS+=(--cacert "$VERIFY_CACERT")

# --- the phases ------------------------------------------------------------------------------------------------
# Each phase_X runs its commands through step/remote; undo_X reverts it where possible.

phase_preflight() {
  note "SSH to dest, the folders, images on both sides, the source config-follower, disk space on dest"
  remote "$DEST_SSH" "$DEST_SSH_PORT" test -d "$DEST_CONF_ROOT"
  local folder sources=()
  for folder in "${MOVED_FOLDERS[@]}"; do
    step test -d "$(on_source "$folder")"
    sources+=("$(on_source "$folder")")
  done
  if [ "$EXEC_MODE" = docker ]; then
    local source_status dest_status source_images dest_images
    source_status=$(capture tool docker-ops status --json)
    dest_status=$(capture tool docker-ops status --json "${DOCKEROPS_DEST[@]}")
    if [ "$PLAN_ONLY" -eq 0 ]; then
      source_images=$(images_of "$source_status")
      dest_images=$(images_of "$dest_status")
      if [ "$source_images" != "$dest_images" ] && [ -z "${ALLOW_IMAGE_MISMATCH:-}" ]; then
        fail_phase 3 "the Pryv images differ between source ($(echo "$source_images" | tr '\n' ' ')) and dest ($(echo \
          "$dest_images" | tr '\n' ' ')): run the same release on dest (or set ALLOW_IMAGE_MISMATCH=1)"
      fi
      [ -n "$source_images" ] || fail_phase 4 "docker-ops status found no Pryv container on source"
      if echo "$source_status" | grep -A1 '"pryvio_config_follower"' | grep -q '"running"'; then
        note "pryvio_config_follower runs on source: freeze stops it, else it would rewrite site-443.conf and undo the redirect"
      fi
    fi
  fi
  step_informative tool nginx-rewriter status "$SITE_CONF"
  if [ -d "$SOURCE_CONF_ROOT/pryv/hfs/data" ] && [[ " $EXTRA_FOLDERS " != *" pryv/hfs/data "* ]]; then
    fail_phase 3 "this is a pre-1.7 core ($SOURCE_CONF_ROOT/pryv/hfs/data exists): add pryv/hfs/data (and /var/log/pryv/audit) to EXTRA_FOLDERS"
  fi
  local need_kb free_kb dest_df
  need_kb=$(capture du -skL "${sources[@]}" | awk '{ s += $1 } END { print s + 0 }')
  mapfile -t dest_df < <(ssh_to "$DEST_SSH" "$DEST_SSH_PORT" df -Pk "$DEST_CONF_ROOT")
  free_kb=$(capture "${dest_df[@]}" | awk 'NR == 2 { print $4 }')
  if [ "$PLAN_ONLY" -eq 0 ]; then
    [[ "$need_kb" =~ ^[0-9]+$ && "$free_kb" =~ ^[0-9]+$ ]] \
      || fail_phase 4 "could not read the data size (${need_kb:-none}) or dest's free space (${free_kb:-none})"
    # The data lands on dest once; 10% margin plus 1 GiB for the containers' own growth.
    if [ "$((need_kb + need_kb / 10 + 1048576))" -gt "$free_kb" ]; then
      fail_phase 4 "dest has ${free_kb} KiB free in $DEST_CONF_ROOT, the data needs ${need_kb} KiB (+10% and 1 GiB margin)"
    fi
    note "disk: the data needs ${need_kb} KiB, dest has ${free_kb} KiB free"
  fi
}

# The sorted image names in a docker-ops status --json report.
images_of() { echo "$1" | grep -o '"image" *: *"[^"]*"' | sed 's/.*: *"//; s/"$//' | sort -u; }

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

phase_presync() {
  note "copy while source still serves, so that the frozen window only moves what changed since"
  local folder
  for folder in "${PRESYNC_FOLDERS[@]}"; do
    transfer push "$(on_source "$folder")" "$DEST_SSH:$(on_dest "$folder")" \
      "${TRANSFER_DEST[@]}" --json
  done
  if [ "$EXEC_MODE" = docker ]; then
    note "on dest: the follower writes the configuration, run-pryv fetches the images, then stop until restore"
    remote "$DEST_SSH" "$DEST_SSH_PORT" "$PRYV_SCRIPTS_DIR/run-config-follower"
    remote "$DEST_SSH" "$DEST_SSH_PORT" "$PRYV_SCRIPTS_DIR/run-pryv"
    remote "$DEST_SSH" "$DEST_SSH_PORT" "$PRYV_SCRIPTS_DIR/stop-pryv"
  fi
}

phase_freeze() {
  note "no new writes: stop source nginx, and the source config-follower that would undo the redirect"
  if [ "$EXEC_MODE" = docker ]; then
    dockerops_source stop pryvio_nginx pryvio_config_follower
  else
    step bash -c "$SOURCE_NGINX_STOP_CMD"
  fi
}

phase_dump() {
  if [ "$MONGO_MODE" = real ]; then
    dockerops_source mongo-dump --json --conf-root "$SOURCE_CONF_ROOT" "${EXEC_ARGS_SOURCE[@]}"
  else
    # No mongod on this machine (the rehearsal): a bundled mongodump output stands in for the dump, with a
    # manifest made from its BSON files; everything after this point treats it like a real dump.
    note "MongoDB: MONGO_MODE=$MONGO_MODE, no mongod: the dump in $MONGO_BUNDLED_DUMP stands in for mongodump"
    step cp -r "$MONGO_BUNDLED_DUMP/." "$SOURCE_CONF_ROOT/pryv/mongodb/backup/"
    dockerops_source mongo-check --write-manifest --json --conf-root "$SOURCE_CONF_ROOT" "${EXEC_ARGS_SOURCE[@]}"
  fi
  dockerops_source influx-backup --json --conf-root "$SOURCE_CONF_ROOT" "${EXEC_ARGS_SOURCE[@]}" \
    "${INFLUX_ARGS_SOURCE[@]}"
}

phase_transfer() {
  local folder
  for folder in "${MOVED_FOLDERS[@]}"; do
    transfer push "$(on_source "$folder")" "$DEST_SSH:$(on_dest "$folder")" \
      "${TRANSFER_DEST[@]}" --delete --json
  done
  # push verified every file it sent end to end (SHA-256 on the far side before the final name); check also
  # re-reads the files it did not send. With QUICK_FREEZE=1 the attachments (the bulk, verified when presync
  # sent them) are not re-hashed inside the frozen window.
  for folder in "${MOVED_FOLDERS[@]}"; do
    if [ -n "${QUICK_FREEZE:-}" ] && [ "$folder" = pryv/core/data ]; then
      note "QUICK_FREEZE: $folder not re-hashed (every file sent was verified by push)"
      continue
    fi
    transfer check "$(on_source "$folder")" "$DEST_SSH:$(on_dest "$folder")" "${TRANSFER_DEST[@]}"
  done
}

phase_restore() {
  dockerops_dest ensure-permissions --conf-root "$DEST_CONF_ROOT" "${EXEC_ARGS_DEST[@]}"
  if [ "$EXEC_MODE" = docker ]; then
    # The follower writes every service's conf first; run-pryv then starts the core on it (idempotent).
    remote "$DEST_SSH" "$DEST_SSH_PORT" "$PRYV_SCRIPTS_DIR/run-config-follower"
    remote "$DEST_SSH" "$DEST_SSH_PORT" "$PRYV_SCRIPTS_DIR/run-pryv"
  fi
  if [ "$MONGO_MODE" = real ]; then
    dockerops_dest mongo-restore --drop --conf-root "$DEST_CONF_ROOT" "${EXEC_ARGS_DEST[@]}"
  else
    note "MongoDB: MONGO_MODE=$MONGO_MODE, no mongod: the transferred dump is checked against its manifest instead"
    dockerops_dest mongo-check --conf-root "$DEST_CONF_ROOT" "${EXEC_ARGS_DEST[@]}"
  fi
  dockerops_dest influx-restore --conf-root "$DEST_CONF_ROOT" "${EXEC_ARGS_DEST[@]}" "${INFLUX_ARGS_DEST[@]}"
  if [ -n "$CORE_HOST" ] && [ "$EXEC_MODE" = docker ]; then
    # Dest must answer before source sends it every request.
    step tool verify health --api "https://${CORE_HOST}:${VERIFY_API_PORT}/" \
      --resolve "$CORE_HOST:$VERIFY_API_PORT:$DEST_IP" ${VERIFY_CACERT:+--cacert "$VERIFY_CACERT"}
  else
    note "no API health check of dest here (EXEC_MODE=$EXEC_MODE or no CORE_HOST)"
  fi
}

phase_redirect() {
  step tool nginx-rewriter redirect "$SITE_CONF" --to "$DEST_PROXY_TARGET"
  if [ "$EXEC_MODE" = docker ]; then
    # Only nginx: run-pryv would restart every source service on stale data.
    dockerops_source start pryvio_nginx
  else
    step bash -c "$SOURCE_NGINX_START_CMD"
  fi
  step_shown tool nginx-rewriter status "$SITE_CONF"
}

phase_verify() {
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

phase_register() {
  if [ -z "$REG_MASTER_SSH" ]; then
    note "skipped: REG_MASTER_SSH is empty (single-node platform: no register to update)"
    return 0
  fi
  local stage hosting_args=()
  stage="$(REG_STAGE)"
  [ -n "$HOSTING" ] && hosting_args=(--hosting "$HOSTING")
  step mkdir -p "$stage/edit"
  note "fetch platform.yml from reg-master, change the one IP, push it back (the original stays in $stage/original)"
  # A re-run must not replace the saved original with a file this phase already edited.
  if [ -f "$stage/original/platform.yml" ]; then
    note "the original platform.yml saved by an earlier run is kept"
    transfer pull "$REG_MASTER_SSH:$REG_CONF_ROOT/config-leader/conf" "$stage/current" "${TRANSFER_REG[@]}"
    step cp -p "$stage/current/platform.yml" "$stage/edit/platform.yml"
  else
    transfer pull "$REG_MASTER_SSH:$REG_CONF_ROOT/config-leader/conf" "$stage/original" "${TRANSFER_REG[@]}"
    step cp -p "$stage/original/platform.yml" "$stage/edit/platform.yml"
  fi
  step_shown tool platform-yml-editor set-core-ip "$stage/edit/platform.yml" --core "$CORE" "${hosting_args[@]}" \
    --ip "$DEST_IP" --no-backup
  transfer push "$stage/edit" "$REG_MASTER_SSH:$REG_CONF_ROOT/config-leader/conf" "${TRANSFER_REG[@]}"
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
undo_presync() { echo "presync only wrote on dest: nothing on source to undo; dest folders can be emptied by hand"; }
undo_freeze() {
  if is_done redirect && [ "$PLAN_ONLY" -eq 0 ]; then
    echo "migrate-core: error: redirect is done: undo redirect first (a restarted config-follower would rewrite" \
      "site-443.conf, and writes made on dest since the redirect stay on dest)" >&2
    exit 3
  fi
  if [ "$EXEC_MODE" = docker ]; then
    # The follower first: nginx resolves config-follower (an upstream) when it starts.
    dockerops_source start pryvio_config_follower
    dockerops_source start pryvio_nginx
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
  if [ "$EXEC_MODE" = docker ]; then
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
  # someone changed platform.yml since, and pushing the old file would silently revert their change.
  transfer pull "$REG_MASTER_SSH:$REG_CONF_ROOT/config-leader/conf" "$stage/current" "${TRANSFER_REG[@]}"
  step cmp "$stage/current/platform.yml" "$stage/edit/platform.yml"
  step mkdir -p "$stage/restore"
  step cp -p "$stage/original/platform.yml" "$stage/restore/platform.yml"
  transfer push "$stage/restore" "$REG_MASTER_SSH:$REG_CONF_ROOT/config-leader/conf" "${TRANSFER_REG[@]}"
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

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

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
  mkdir -p "$STATE_DIR"
  local tmp="$STATE_FILE.tmp"
  { if [ -f "$STATE_FILE" ]; then grep -v "^$1 " "$STATE_FILE" || true; fi; echo "$1 $2 $3 $4"; } >"$tmp"
  mv "$tmp" "$STATE_FILE"
}

run_phase() {
  local phase="$1" start end
  CURRENT_LOG="$LOG_DIR/$phase.log"
  mkdir -p "$LOG_DIR"
  # A re-run keeps the earlier attempt beside it; the report reads only the latest.
  [ -f "$CURRENT_LOG" ] && mv "$CURRENT_LOG" "$LOG_DIR/$phase.$(date +%Y%m%dT%H%M%S).log"
  start=$(date +%s.%N)
  echo "== $phase: $(date -u +%FT%TZ)" >>"$CURRENT_LOG"
  # Whatever ran after this phase must run again after it (a redone freeze needs a new dump, and so on).
  forget_after "$phase"
  local rc=0
  # The phase runs in a subshell with errexit in force (not inside `||`, where bash would switch it off), so
  # any failing command ends it, including one inside $(...).
  set +e
  (
    set -e
    "phase_$phase"
  )
  rc=$?
  set -e
  end=$(date +%s.%N)
  if [ "$rc" -eq 0 ]; then
    record "$phase" "done" "$start" "$end"
    printf '%-10s done in %6.1f s   (log: %s)\n' "$phase" "$(elapsed "$start" "$end")" "$CURRENT_LOG"
  else
    record "$phase" failed "$start" "$end"
    printf '%-10s FAILED (exit %d) after %.1f s: see %s; fix, then run again to resume here\n' "$phase" "$rc" \
      "$(elapsed "$start" "$end")" "$CURRENT_LOG" >&2
    tail -n 5 "$CURRENT_LOG" | sed 's/^/    /' >&2
    report >&2
    case "$rc" in 1 | 2 | 3) exit "$rc" ;; *) exit 4 ;; esac
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
    if read -r _ status start end < <(grep "^$phase " "$STATE_FILE"); then
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
    printf '  downtime window (freeze start -> redirect done): %.1f s\n' "$(elapsed "$freeze_start" "$redirect_end")"
  fi
  # What moved, from the tools' own --json reports in the phase logs.
  local files bytes documents points
  files=$(sum_json_field filesSent "$LOG_DIR/presync.log" "$LOG_DIR/transfer.log")
  bytes=$(sum_json_field bytesSent "$LOG_DIR/presync.log" "$LOG_DIR/transfer.log")
  documents=$(sum_json_field totalDocuments "$LOG_DIR/dump.log")
  points=$(sum_json_field points "$LOG_DIR/dump.log")
  echo "  moved: $files files, $bytes bytes sent (presync + transfer); dump: $documents MongoDB documents, $points InfluxDB points"
  local verify_status
  verify_status=$(awk '$1 == "verify" { print $2 }' "$STATE_FILE")
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

# Sums a numeric field over the JSON reports in the given logs (missing logs count 0).
sum_json_field() {
  local field="$1"
  shift
  local log
  for log in "$@"; do
    [ -f "$log" ] && grep -o "\"$field\" *: *[0-9]*" "$log"
  done | awk -F: '{ s += $2 } END { print s + 0 }'
}

# --- commands -----------------------------------------------------------------------------------------------
require_tools migrate-core
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
      run_phase "$phase"
    done
    report
    ;;
  only)
    [ -n "$PHASE_ARG" ] || die "only needs a PHASE"
    phase_index "$PHASE_ARG" >/dev/null
    if [ "$DRY_RUN" -eq 1 ]; then print_plan "$PHASE_ARG"; exit 0; fi
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
    rc=0
    set +e
    (
      set -e
      "undo_$PHASE_ARG"
    )
    rc=$?
    set -e
    if [ "$rc" -ne 0 ]; then
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

#!/usr/bin/env bash
# Tests of scripts/migrate-core.sh as an operator runs it: a real OpenSSH sshd on 127.0.0.1 plays dest, reg-master
# and reg-slave; real influxd for the restore; docker is tests/scripts/fakes/docker (containers, images and the
# follower's restart policy kept in files, one folder per machine), first on PATH here and, through sshd's
# SetEnv, in every SSH session. With EXEC_MODE=local, MongoDB's tools are tests/scripts/fakes/mongo-tool: the
# MongoDB stand-in's mongodump, mongorestore and mongosh (stand-ins/mongodb), each machine with its own stand-in
# mongod. Each test asserts exit codes, messages and what changed on the machines.
#
# Usage: tests/scripts/migrate-core-test.sh [TEST_NAME...]   (no name: every test)
# MIGRATE_CORE=PATH runs the tests against another copy of the script (e.g. an older one, to see them fail).
set -euo pipefail
set -m # each migrate-core.sh in its own process group, as at a terminal: Ctrl-C is sent to the group
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=scripts/lib/jars.sh
source "$root/scripts/lib/jars.sh"
# shellcheck source=scripts/lib/packages.sh
source "$root/scripts/lib/packages.sh"
ensure_programs "${TOOLKIT_PROGRAMS[@]}"
require_tools migrate-core-test
MIGRATE_CORE="${MIGRATE_CORE:-$root/scripts/migrate-core.sh}"

SERVICES_DIR="$(mktemp -d /tmp/migrate-core-test.XXXXXX)"
T="$SERVICES_DIR"
# shellcheck source=tests/scripts/lib/services.sh
source "$root/tests/scripts/lib/services.sh"
cleanup() {
  stop_services
  rm -rf "$T"
}
trap cleanup EXIT

MONGO_STAND_IN_JAR="$root/stand-ins/mongodb/target/mongodb-stand-in.jar"
[ -f "$MONGO_STAND_IN_JAR" ] || { echo "migrate-core-test: error: $MONGO_STAND_IN_JAR is missing: build it first (mvn -B -DskipTests -pl stand-ins/mongodb -am package)" >&2; exit 4; }
mkdir -p "$T/bin" "$T/docker/source" "$T/docker/dest"
cp "$root/tests/scripts/fakes/docker" "$root/tests/scripts/fakes/mongo-tool" "$T/bin/"
for program in mongodump mongorestore mongosh; do ln -s mongo-tool "$T/bin/$program"; done
export FAKE_DOCKER_ROOT="$T/docker" FAKE_DOCKER_SIDE=source PATH="$T/bin:$PATH" MONGO_STAND_IN_JAR
SSHD_SET_ENV="PATH=$T/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin FAKE_DOCKER_ROOT=$T/docker FAKE_DOCKER_SIDE=dest MONGO_STAND_IN_JAR=$MONGO_STAND_IN_JAR"
start_sshd
SSH=(ssh -i "$SSH_CLIENT_KEY" -p "$SSHD_PORT" -o BatchMode=yes -o UserKnownHostsFile="$SSH_KNOWN_HOSTS" "$SSH_USER@127.0.0.1")
# shellcheck disable=SC2016 # expanded by the remote shell
[ "$("${SSH[@]}" 'command -v docker; echo $FAKE_DOCKER_SIDE' | tr '\n' ' ')" = "$T/bin/docker dest " ] \
  || { echo "migrate-core-test: error: the SSH sessions do not find the fake docker (sshd SetEnv)" >&2; exit 4; }

SRC="$T/source/var/pryv" DST="$T/dest/var/pryv" REG="$T/reg-master/var/pryv"
SOURCE_IMAGES=(docker.io/pryvio/nginx:1.9.0 docker.io/pryvio/core:1.9.2 docker.io/pryvio/mongodb:1.9.0
  influxdb:1.7.8 eu.gcr.io/pryvio/config-follower:1.0.6)
CONTAINERS=(pryvio_nginx pryvio_core pryvio_mongodb pryvio_influxdb pryvio_config_follower)

# Fresh machines: source runs Pryv; dest has docker, Pryv's scripts and nothing else; reg-master holds platform.yml
# owned 9999:9999 in a folder of mode 750.
reset_machines() {
  rm -rf "$T/source" "$T/dest" "$T/reg-master" "$T/state" "$T/docker"/*/* "$T/audit" "$T/dest-scripts.log"
  mkdir -p "$SRC"/pryv/{nginx/conf,core/data/user1,mongodb/backup,influxdb/backup} "$SRC/config-follower"
  mkdir -p "$DST"/pryv/{core/data,mongodb/backup,influxdb/backup} "$DST/config-follower"
  mkdir -p "$REG/config-leader/conf"
  cp -r "$root/examples/config-follower/." "$SRC/config-follower/"
  cp "$root/examples/site-443.conf" "$SRC/pryv/nginx/conf/site-443.conf"
  echo "an attachment" >"$SRC/pryv/core/data/user1/a.txt"
  cp "$root/examples/platform.yml" "$REG/config-leader/conf/platform.yml"
  chown -R 9999:9999 "$REG/config-leader/conf"
  chmod 750 "$REG/config-leader/conf"
  chmod 640 "$REG/config-leader/conf/platform.yml"
  local i script
  : >"$T/docker/source/containers"
  for i in "${!CONTAINERS[@]}"; do
    printf '%s\trunning\t%s\n' "${CONTAINERS[$i]}" "${SOURCE_IMAGES[$i]}" >>"$T/docker/source/containers"
  done
  printf '%s\n' "${SOURCE_IMAGES[@]}" >"$T/docker/source/images"
  echo always >"$T/docker/source/policy"
  : >"$T/docker/dest/images"
  # dest's Pryv scripts, each with its own compose file as Pryv's: run-config-follower creates the follower,
  # run-pryv the other containers of dest's pryv.yml (the file dest-release), fetching their images; stop-pryv
  # removes those (docker-compose down of pryv.yml): the follower keeps running, the images stay.
  cp "$T/docker/source/containers" "$T/dest-release"
  for script in run-config-follower run-pryv stop-pryv; do
    printf '#!/bin/sh\necho "%s" >>"%s/dest-scripts.log"\n' "$script" "$T" >"$DST/$script"
  done
  # the follower writes dest's configuration, pryv.yml first (run-pryv waits for it)
  printf 'mkdir -p "%s/pryv" && touch "%s/pryv/pryv.yml"\n' "$DST" "$DST" >>"$DST/run-config-follower"
  local release="$T/dest-release" containers="$T/docker/dest/containers"
  printf 'touch "%s"; grep -v "^pryvio_config_follower	" "%s" >"%s.tmp" || true; grep "^pryvio_config_follower	" "%s" >>"%s.tmp"; mv "%s.tmp" "%s"; grep "^pryvio_config_follower	" "%s" | cut -f3 >>"%s"\n' \
    "$containers" "$containers" "$containers" "$release" "$containers" "$containers" "$containers" "$release" \
    "$T/docker/dest/images" >>"$DST/run-config-follower"
  printf 'touch "%s"; grep "^pryvio_config_follower	" "%s" >"%s.tmp" || true; grep -v "^pryvio_config_follower	" "%s" >>"%s.tmp"; mv "%s.tmp" "%s"; cut -f3 "%s" >>"%s"\n' \
    "$containers" "$containers" "$containers" "$release" "$containers" "$containers" "$containers" "$release" \
    "$T/docker/dest/images" >>"$DST/run-pryv"
  printf 'grep "^pryvio_config_follower	" "%s" >"%s.tmp" || true; mv "%s.tmp" "%s"\n' \
    "$containers" "$containers" "$containers" "$containers" >>"$DST/stop-pryv"
  for script in restart-config-follower restart-pryv; do
    printf '#!/bin/sh\necho "%s" >>"%s/register-restarts.log"\n' "$script" "$T" >"$REG/$script"
  done
  chmod +x "$DST"/run-* "$DST"/stop-pryv "$REG"/restart-*
}

# The settings file: the common keys, then the given KEY=VALUE lines (later lines win).
settings() {
  {
    cat <<EOF
COOLDOWN_SECONDS=0 # written by migrate-core-test.sh (no cool-down: nothing writes here)
DEST_SSH=$SSH_USER@127.0.0.1
DEST_SSH_PORT=$SSHD_PORT
DEST_IP=10.0.0.2
SSH_KEY=$SSH_CLIENT_KEY
KNOWN_HOSTS=$SSH_KNOWN_HOSTS   # trailing comments are allowed
SOURCE_CONF_ROOT=$SRC
DEST_CONF_ROOT=$DST
PRYV_SCRIPTS_DIR=$DST
EXEC_MODE=docker
HOSTING=hosting1
CORE="co1"
REG_MASTER_SSH=$SSH_USER@127.0.0.1
REG_SLAVE_SSH=''
REG_SSH_PORT=$SSHD_PORT
REG_CONF_ROOT=$REG
REG_SCRIPTS_DIR=$REG
AUDIT_LOG_DIR=$T/audit
STATE_DIR=$T/state
EOF
    printf '%s\n' "$@"
  } >"$T/migration.env"
}

# Runs migrate-core.sh; sets RC, OUT, ERR (stdin: none, as in CI, unless MIGRATE_STDIN names a file).
migrate() {
  RC=0
  "$MIGRATE_CORE" --config "$T/migration.env" "$@" <"${MIGRATE_STDIN:-/dev/null}" \
    >"$T/out" 2>"$T/err" || RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
}

FAILURES=0
CURRENT=""
SHOWN=""
fail() {
  echo "FAIL $CURRENT: $*" >&2
  if [ "$SHOWN" != "$CURRENT" ]; then # the command's output once per test
    SHOWN="$CURRENT"
    echo "  exit $RC; stdout:" >&2
    sed 's/^/    | /' "$T/out" >&2
    echo "  stderr:" >&2
    sed 's/^/    | /' "$T/err" >&2
  fi
  FAILURES=$((FAILURES + 1))
  return 1
}
expect_exit() { [ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC"; }
expect_out() { [[ "$OUT" == *"$1"* ]] || fail "stdout lacks: $1"; }
expect_err() { [[ "$ERR" == *"$1"* ]] || fail "stderr lacks: $1"; }
called() { grep -qxF -- "$2" "$T/docker/$1/calls" 2>/dev/null; }
# source's docker exec of lib/nginx-reload.sh in pryvio_nginx: nginx -t, the reload, the wait for new workers
nginx_reloaded() {
  grep -q "^exec pryvio_nginx sh -c " "$T/docker/source/calls" \
    && grep -q "^nginx -t || exit 1$" "$T/docker/source/calls" \
    && grep -q "^nginx -s reload || exit 1$" "$T/docker/source/calls" \
    && grep -q "workers replaced.* sh /var/run/nginx.pid$" "$T/docker/source/calls"
}

# --- the tests -------------------------------------------------------------------------------------------------

test_settings_are_never_executed() {
  settings "DEST_IP=1.2.3.4; touch $T/executed"
  migrate report
  expect_exit 3
  [ ! -e "$T/executed" ] || fail "the settings line ran touch"
  expect_err "$T/migration.env:20: DEST_IP: ';' is shell syntax"
  settings "CORE_HOST=\$(touch $T/executed)"
  migrate report
  expect_exit 3
  [ ! -e "$T/executed" ] || fail "the settings line ran touch"
}

test_settings_values_are_read_as_a_shell_reads_them() {
  # quotes, escapes and trailing comments mean what they mean in a shell assignment; nothing is expanded
  settings "SSH_KEY='$T/my key'   # a comment" 'SKIP_PHASES=seed\ verify' 'CORE_HOST="co1.example.com"'
  migrate plan
  expect_exit 0
  expect_out "ssh -i $(printf '%q' "$T/my key") -p $SSHD_PORT"
  expect_out "[seed] (skipped: SKIP_PHASES)"
  expect_out "[verify] (skipped: SKIP_PHASES)"
  settings 'DEST_SSH=~/x'
  migrate plan
  expect_exit 3
  expect_err "'~' is not expanded here: write the full path"
}

test_unknown_setting_is_named_with_file_and_line() {
  settings "DEST_IPP=10.0.0.3"
  migrate status
  expect_exit 3
  expect_err "$T/migration.env:20: unknown setting DEST_IPP"
}

test_a_missing_setting_is_bad_input_and_a_bom_is_no_problem() {
  settings "CORE="
  migrate plan
  expect_exit 3
  expect_err "$T/migration.env: CORE is missing"
  settings
  printf '\xef\xbb\xbf' | cat - "$T/migration.env" | sed 's/$/\r/' >"$T/bom.env"
  mv "$T/bom.env" "$T/migration.env"
  migrate plan
  expect_exit 0
}

test_dest_ip_must_be_an_address() {
  settings "DEST_IP=10.0.0.2O"
  migrate plan
  expect_exit 3
  [ "$(wc -l <"$T/err")" -eq 1 ] || fail "expected one line on stderr"
  expect_err "DEST_IP must be an IPv4 or IPv6 address"
  settings "DEST_IP=fd00::2"
  migrate plan
  expect_exit 0
  expect_out "redirect $SRC/pryv/nginx/conf/site-443.conf --to \\[fd00::2\\]"
}

test_preflight_passes_on_a_fresh_dest_and_names_what_presync_fetches() {
  # the live databases: each dump on source, and each dump and restored database on dest, is counted at their size
  mkdir -p "$SRC/pryv/mongodb/data" "$SRC/pryv/influxdb/data"
  head -c 3000000 /dev/zero >"$SRC/pryv/mongodb/data/collection-0.wt"
  head -c 1000000 /dev/zero >"$SRC/pryv/influxdb/data/000001.tsm"
  local db_kb moved_kb
  db_kb=$(du -skL "$SRC/pryv/mongodb/data" "$SRC/pryv/influxdb/data" | awk '{ s += $1 } END { print s }')
  moved_kb=$(du -skL "$SRC/config-follower" "$SRC/pryv/core/data" | awk '{ s += $1 } END { print s }')
  settings
  migrate only preflight
  expect_exit 0
  expect_out "disk: source needs ~$((db_kb + db_kb / 10)) KiB for the dumps"
  expect_out "dest ~$((moved_kb + 2 * db_kb + (moved_kb + 2 * db_kb) / 10 + 1048576)) KiB"
  expect_out "dest has no Pryv container yet; presync's run-pryv will fetch: $(printf '%s\n' "${SOURCE_IMAGES[@]}" | sort | tr '\n' ' ')"
  expect_out "dest's docker has no login for eu.gcr.io"
  expect_out "disk: source needs"
  # every machine named in the settings was reached and checked
  grep -q "restart-config-follower.*restart-pryv" "$T/state/logs/preflight.log" \
    || fail "preflight did not check the register's scripts"
  called dest "compose version" || fail "preflight did not check docker compose on dest"
}

test_preflight_reaches_reg_slave() {
  # localhost is not in known_hosts: ssh refuses it, as it would an unreachable machine
  settings "REG_SLAVE_SSH=$SSH_USER@localhost"
  migrate only preflight
  expect_exit 4
  expect_err "cannot reach register machine ($SSH_USER@localhost, port $SSHD_PORT) over SSH"
}

test_preflight_checks_platform_yml_names_the_core() {
  settings "CORE=co9"
  migrate only preflight
  expect_exit 3
  expect_err "no core 'co9' in hosting 'hosting1'; cores (hosting/core): hosting1/co1, hosting2/co2"
}

test_preflight_names_pre_1_7_folders() {
  mkdir -p "$T/audit" "$SRC/pryv/hfs/data"
  settings
  migrate only preflight
  expect_exit 3
  expect_err "this is a pre-1.7 core: it keeps pryv/hfs/data $T/audit, which would not move: add them to EXTRA_FOLDERS"
}

test_images_are_compared_once_dest_has_them() {
  sed -i 's#docker.io/pryvio/core:1.9.2#docker.io/pryvio/core:1.9.1#' "$T/dest-release"
  settings
  migrate only presync
  expect_exit 3
  expect_err "presync: the Pryv images differ between source and dest: only on source: docker.io/pryvio/core:1.9.2 - only on dest: docker.io/pryvio/core:1.9.1"
  # and again before freeze (nothing stopped)
  migrate --yes only freeze
  expect_exit 3
  expect_err "freeze: the Pryv images differ between source and dest"
  ! called source "stop -t 1 pryvio_nginx pryvio_config_follower" || fail "freeze stopped source nginx"
}

test_freeze_after_presync_compares_images_with_dest_containers() {
  # presync leaves dest with its follower and databases running, the other containers stopped, the images held
  settings FREEZE=stop
  migrate only presync
  expect_exit 0
  migrate --yes only freeze
  expect_exit 0
  expect_out "freeze: dest runs the same Pryv images as source"
  # dest with only its follower (stop-pryv by hand since presync): compared by the images it holds
  "$DST/stop-pryv"
  [ "$(cut -f1 "$T/docker/dest/containers")" = pryvio_config_follower ] || fail "the fake dest does not keep its follower"
  migrate undo freeze
  expect_exit 0
  migrate --yes only freeze
  expect_exit 0
  expect_out "freeze: dest holds every image source runs"
  called source "stop -t 1 pryvio_nginx pryvio_config_follower" || fail "freeze did not stop source nginx"
}

test_presync_keeps_dest_databases_running_and_restore_restores_into_them_first() {
  settings
  migrate only presync
  expect_exit 0
  local c
  for c in pryvio_mongodb pryvio_influxdb pryvio_config_follower; do
    grep -q "^$c	running" "$T/docker/dest/containers" || fail "presync left $c not running on dest"
  done
  for c in pryvio_nginx pryvio_core; do
    grep -q "^$c	exited" "$T/docker/dest/containers" || fail "presync left $c running on dest"
  done
  ! grep -qx stop-pryv "$T/dest-scripts.log" || fail "presync ran stop-pryv (it removes the databases' containers)"
  # dest's ssh commands share one connection, closed when migrate-core.sh ends
  grep -q "^# a shared SSH connection to $SSH_USER@127.0.0.1" "$T/state/logs/presync.log" \
    || fail "presync opened no shared SSH connection to dest"
  grep -qF -- "-o ControlMaster=no -o ControlPath=$T/state/ssh/%C $SSH_USER@127.0.0.1" "$T/state/logs/presync.log" \
    || fail "presync's ssh commands do not use the shared connection"
  ! pgrep -f "ControlPath=$T/state/ssh" >/dev/null || fail "the shared SSH connection outlived migrate-core.sh"
  # for restore's docker start: what presync stopped, in the order they were created, and pryv.yml's checksum
  [ "$(cat "$T/state/dest-stopped" 2>/dev/null)" = "pryv.yml $(sha256sum <"$DST/pryv/pryv.yml" | cut -d ' ' -f 1)
stopped pryvio_core pryvio_nginx" ] || fail "presync did not save what it stopped: $(cat "$T/state/dest-stopped" 2>&1)"
  # restore: the restore into the running databases comes first, in one docker-ops call, before run-pryv (here
  # docker-ops stops at the missing dump manifest: bad input, nothing started)
  local runs
  runs=$(grep -c run-pryv "$T/dest-scripts.log")
  migrate only restore
  expect_exit 3
  grep -qF ' mongo-restore\,influx-restore --drop' "$T/state/logs/restore.log" \
    || fail "restore did not restore into dest's running databases in one call"
  [ "$(stat -c %u:%g "$DST/pryv/core/data")" = 9999:9999 ] || fail "restore did not give dest's files to 9999:9999 first"
  [ "$(grep -c '^\$ .*docker-ops' "$T/state/logs/restore.log")" -eq 1 ] || fail "restore should make one docker-ops call"
  [ "$(grep -c run-pryv "$T/dest-scripts.log")" -eq "$runs" ] || fail "restore ran run-pryv before restoring"
  # without presync's running databases: run-pryv first, then the restore; the follower runs and pryv.yml is
  # there, so run-config-follower is not run again
  sed -i 's/^\(pryvio_mongodb	\)running/\1exited/' "$T/docker/dest/containers"
  local followers
  followers=$(grep -c run-config-follower "$T/dest-scripts.log")
  migrate only restore
  expect_exit 3
  [ "$(grep -c run-pryv "$T/dest-scripts.log")" -eq $((runs + 1)) ] || fail "restore did not start dest's containers first"
  [ "$(grep -c run-config-follower "$T/dest-scripts.log")" -eq "$followers" ] \
    || fail "restore ran run-config-follower although the follower runs and pryv.yml is there"
  grep -q "pryvio_config_follower runs and .*/pryv/pryv.yml is there: run-config-follower not needed" \
    "$T/state/logs/restore.log" || fail "restore's log does not say why run-config-follower was not run"
  # a stopped follower is started again
  sed -i 's/^\(pryvio_mongodb	\)running/\1exited/; s/^\(pryvio_config_follower	\)running/\1exited/' \
    "$T/docker/dest/containers"
  migrate only restore
  expect_exit 3
  [ "$(grep -c run-config-follower "$T/dest-scripts.log")" -eq $((followers + 1)) ] \
    || fail "restore did not run run-config-follower for a stopped follower"
  grep -qF ' mongo-restore\,influx-restore --drop' "$T/state/logs/restore.log" \
    || fail "restore did not restore after run-pryv"
}

test_a_failed_remote_command_is_exit_4() {
  printf '#!/bin/sh\necho "no such file: config-follower.yml" >&2\nexit 1\n' >"$DST/run-config-follower"
  settings
  migrate only presync
  expect_exit 4
  expect_err "presync    FAILED (exit 4)"
  expect_err "production: untouched (freeze has not run)"
}

test_freeze_asks_and_refuses_without_terminal() {
  settings
  migrate run freeze
  expect_exit 2
  expect_err "this run reaches freeze, which pauses writes on source (503; reads still served) (the downtime window starts): confirm on a terminal, or add --yes"
  ! called source "stop -t 1 pryvio_nginx pryvio_config_follower" || fail "source nginx was stopped without confirmation"
  [ ! -f "$T/state/state" ] || fail "a phase ran before the refusal"
}

test_freeze_asks_once_on_a_terminal() {
  settings FREEZE=stop
  # a terminal (script(1) gives the command a pty) where the operator answers no: the plan, one question, nothing stopped
  RC=0
  printf 'no\n' | script -qec "$(printf '%q ' "$MIGRATE_CORE" --config "$T/migration.env" only freeze)" /dev/null \
    >"$T/out" 2>"$T/err" || RC=$?
  OUT=$(tr -d '\r' <"$T/out")
  ERR=""
  expect_exit 2
  expect_out "The downtime window starts now: from freeze until redirect, source answers no request. The plan:"
  expect_out "docker update --restart no pryvio_config_follower"
  expect_out "Stop source nginx and start the downtime window? Type yes to go on:"
  expect_out "not confirmed: nothing was stopped (source still serves)"
  [ "$(grep -c "Type yes to go on" <<<"$OUT")" -eq 1 ] || fail "asked more than once"
  ! called source "stop -t 1 pryvio_nginx pryvio_config_follower" || fail "source nginx was stopped after a no"
}

test_freeze_sets_the_follower_restart_policy_and_undo_puts_it_back() {
  settings FREEZE=stop
  migrate only presync
  expect_exit 0
  migrate --yes only freeze
  expect_exit 0
  called source "update --restart no pryvio_config_follower" || fail "no docker update --restart no"
  [ "$(cat "$T/docker/source/policy")" = no ] || fail "restart policy is $(cat "$T/docker/source/policy")"
  grep -q "^pryvio_nginx	exited" "$T/docker/source/containers" || fail "source nginx still runs"
  migrate undo freeze
  expect_exit 0
  [ "$(cat "$T/docker/source/policy")" = always ] || fail "undo freeze left the policy at $(cat "$T/docker/source/policy")"
  grep -q "^pryvio_nginx	running" "$T/docker/source/containers" || fail "undo freeze did not start nginx"
}

test_a_failure_after_freeze_says_production_is_down_and_how_back() {
  settings FREEZE=stop
  migrate only presync
  migrate --yes only freeze
  expect_exit 0
  # the dump: docker-ops mongo-dump's docker exec fails
  echo exec >"$T/docker/source/fail-on"
  migrate only dump
  expect_exit 4
  expect_err "PRODUCTION IS DOWN: source nginx stopped since"
  expect_err "bring service back now (source serves its own data again): $MIGRATE_CORE --config $T/migration.env undo freeze"
  expect_err "dump       failed"
}

test_ctrl_c_inside_the_window_is_exit_130() {
  settings
  migrate only presync
  echo stop >"$T/docker/source/sleep-on"
  "$MIGRATE_CORE" --config "$T/migration.env" --yes only freeze </dev/null >"$T/out" 2>"$T/err" &
  local pid=$! i
  for i in $(seq 1 300); do
    grep -q "^stop " "$T/docker/source/calls" 2>/dev/null && break
    sleep 0.1
  done
  sleep 0.5
  kill -INT -- "-$pid"
  RC=0
  wait "$pid" || RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
  expect_exit 130
  expect_err "freeze     INTERRUPTED"
  expect_err "PRODUCTION: freeze did not finish: source nginx may refuse writes (site-443.conf frozen)"
  grep -q "^freeze interrupted " "$T/state/state" || fail "the state does not say freeze was interrupted"
}

test_sigterm_stops_the_running_step_at_once_and_is_exit_143() {
  settings
  migrate only presync
  echo stop >"$T/docker/source/sleep-on" # the fake docker sleeps 60 s in the follower's stop
  "$MIGRATE_CORE" --config "$T/migration.env" --yes only freeze </dev/null >"$T/out" 2>"$T/err" &
  local pid=$! i started
  for i in $(seq 1 300); do
    grep -q "^stop " "$T/docker/source/calls" 2>/dev/null && break
    sleep 0.1
  done
  sleep 0.5
  started=$(date +%s)
  kill -TERM "$pid" # the script only, as a service manager or kill(1) sends it
  RC=0
  wait "$pid" || RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
  expect_exit 143
  [ $(($(date +%s) - started)) -lt 20 ] || fail "SIGTERM took $(($(date +%s) - started)) s: it waited for the step"
  expect_err "freeze     INTERRUPTED"
  grep -q "^freeze interrupted " "$T/state/state" || fail "the state does not say freeze was interrupted"
  grep -q "^# interrupted (SIGTERM)" "$T/state/logs/freeze.log" || fail "the log does not say SIGTERM"
}

test_read_only_freeze_serves_reads_and_undo_gives_the_file_back_byte_for_byte() {
  settings
  local site="$SRC/pryv/nginx/conf/site-443.conf"
  cp "$site" "$T/site.original"
  migrate only presync
  expect_exit 0
  # presync proves the files before freeze: push, then check, both in one call each
  [ "$(grep -c 'backup-transfer.* push ' "$T/state/logs/presync.log")" -eq 1 ] || fail "presync should push in one call"
  [ "$(grep -c 'backup-transfer.* check ' "$T/state/logs/presync.log")" -eq 1 ] || fail "presync should check in one call"
  migrate --yes only freeze
  expect_exit 0
  expect_out "--yes: starting the downtime window (freeze pauses writes on source (503; reads still served))"
  grep -q "^pryvio_nginx	running" "$T/docker/source/containers" || fail "read-only freeze stopped nginx"
  grep -q "^pryvio_config_follower	exited" "$T/docker/source/containers" || fail "the follower still runs"
  [ "$(cat "$T/docker/source/policy")" = no ] || fail "restart policy is $(cat "$T/docker/source/policy")"
  grep -q '#\[nginx-rewriter:frozen\]' "$site" || fail "site-443.conf is not frozen"
  nginx_reloaded || fail "nginx was not tested, reloaded and waited for in one docker exec"
  called source "stop -t 0 pryvio_config_follower" || fail "the follower was not stopped at once (it ignores SIGTERM)"
  # a failure inside the window says the core is read-only, and how to take writes again
  migrate only dump
  expect_exit 4
  expect_err "PRODUCTION IS READ-ONLY: source nginx refuses every write (503) since"
  expect_err "take writes on source again now (source serves its own data): $MIGRATE_CORE --config $T/migration.env undo freeze"
  cp "$site" "$T/site.frozen"
  : >"$T/docker/source/calls"
  migrate only redirect
  expect_exit 0
  ! grep -q 'nginx-rewriter:frozen' "$site" || fail "the redirect left the freeze in place"
  grep -q 'server 10.0.0.2:443;' "$site" || fail "site-443.conf is not redirected"
  nginx_reloaded || fail "redirect did not reload nginx"
  # the window is measured from the freeze's reload (writes refused), not from the start of freeze
  migrate report
  expect_out "downtime window = write pause (writes refused at freeze -> redirect done): "
  local window
  window=$(sed -n 's/.*redirect done): \([0-9.]*\) s (FREEZE=read-only; freeze start -> redirect done: \([0-9.]*\) s).*/\1 \2/p' <<<"$OUT")
  if [ -z "$window" ] || ! awk -v w="${window% *}" -v f="${window#* }" 'BEGIN { exit !(w < f) }'; then
    fail "the window ($window) does not start after freeze's own start"
  fi
  ! called source "start pryvio_nginx" || fail "redirect restarted nginx instead of reloading it"
  migrate undo redirect
  expect_exit 0
  cmp -s "$site" "$T/site.frozen" || fail "undo redirect did not give back the frozen file"
  grep -q "^pryvio_config_follower	exited" "$T/docker/source/containers" || fail "undo redirect left the follower running"
  migrate undo freeze
  expect_exit 0
  cmp -s "$site" "$T/site.original" || fail "undo freeze did not give back site-443.conf byte for byte"
  [ "$(cat "$T/docker/source/policy")" = always ] || fail "undo freeze left the policy at $(cat "$T/docker/source/policy")"
  grep -q "^pryvio_config_follower	running" "$T/docker/source/containers" || fail "undo freeze did not start the follower"
}

test_status_and_report_work_without_the_jars() {
  mkdir -p "$T/nojars/scripts"
  cp -r "$(dirname "$MIGRATE_CORE")/lib" "$T/nojars/scripts/"
  cp "$MIGRATE_CORE" "$T/nojars/scripts/migrate-core.sh"
  settings
  mkdir -p "$T/state"
  echo "preflight done 1700000000.0 1700000001.5" >"$T/state/state"
  local saved="$MIGRATE_CORE"
  MIGRATE_CORE="$T/nojars/scripts/migrate-core.sh"
  migrate status
  expect_exit 0
  expect_out "preflight  done"
  migrate report
  expect_exit 0
  expect_out "Migration report"
  migrate plan
  expect_exit 4
  expect_err "is missing: build the jars first"
  MIGRATE_CORE="$saved"
}

test_undo_maps_a_failed_command_to_exit_4() {
  settings EXEC_MODE=local FREEZE=read-only "SOURCE_NGINX_RELOAD_CMD='exit 7'"
  migrate undo freeze
  expect_exit 4
  expect_err "undo freeze FAILED (exit 4)"
  settings EXEC_MODE=local FREEZE=read-only
  migrate undo freeze
  expect_exit 3
  expect_err "FREEZE=read-only with EXEC_MODE=local needs SOURCE_NGINX_RELOAD_CMD"
}

test_report_and_status_complete_after_an_early_failure() {
  settings
  mkdir -p "$T/state"
  echo "preflight failed 1700000000.0 1700000001.5" >"$T/state/state"
  migrate report
  expect_exit 0
  expect_out "moved: 0 files, 0 bytes sent"
  expect_out "verify: not run yet"
  migrate status
  expect_exit 0
  expect_out "preflight  failed"
}

test_register_writes_the_file_only_keeping_owner_and_mode() {
  settings
  local before_dir before_file
  before_dir=$(stat -c '%u:%g %a' "$REG/config-leader/conf")
  before_file=$(stat -c '%u:%g %a' "$REG/config-leader/conf/platform.yml")
  migrate only register
  expect_exit 0
  [ "$(stat -c '%u:%g %a' "$REG/config-leader/conf")" = "$before_dir" ] \
    || fail "conf/ is now $(stat -c '%u:%g %a' "$REG/config-leader/conf"), was $before_dir"
  [ "$(stat -c '%u:%g %a' "$REG/config-leader/conf/platform.yml")" = "$before_file" ] \
    || fail "platform.yml is now $(stat -c '%u:%g %a' "$REG/config-leader/conf/platform.yml"), was $before_file"
  [ "$(java -jar "$root/platform-yml-editor/target/platform-yml-editor.jar" get "$REG/config-leader/conf/platform.yml" \
    vars.MACHINES_AND_PLATFORM_SETTINGS.settings.HOSTINGS_AND_CORES.value.hosting1.co1.ip)" = 10.0.0.2 ] \
    || fail "platform.yml does not hold the new IP"
  [ "$(ls "$REG/config-leader/conf")" = platform.yml ] || fail "left files in conf/: $(ls "$REG/config-leader/conf")"
  migrate undo register
  expect_exit 0
  cmp -s "$REG/config-leader/conf/platform.yml" "$root/examples/platform.yml" || fail "undo did not restore the file"
  [ "$(stat -c '%u:%g %a' "$REG/config-leader/conf/platform.yml")" = "$before_file" ] || fail "undo changed the mode"
}

test_restore_can_run_again_after_a_partial_restore() {
  start_influxd source
  local source_http=$INFLUX_HTTP source_rpc=$INFLUX_RPC
  start_influxd dest
  local dest_http=$INFLUX_HTTP dest_rpc=$INFLUX_RPC
  curl -sf -XPOST "http://127.0.0.1:$source_http/query" --data-urlencode 'q=CREATE DATABASE "user.a"' >/dev/null
  printf 'event.c1 value=%d 17000000%02d\n' 1 1 2 2 3 3 | curl -sf -XPOST \
    "http://127.0.0.1:$source_http/write?db=user.a&precision=s" --data-binary @- >/dev/null
  # each machine's mongo tools (tests/scripts/fakes/mongo-tool) talk to its mongod, on the port in mongod.port
  start_mongod source "$root/examples/mongodb-dump"
  echo "$MONGOD_PORT" >"$T/docker/source/mongod.port"
  start_mongod dest
  echo "$MONGOD_PORT" >"$T/docker/dest/mongod.port"
  settings EXEC_MODE=local \
    "SOURCE_INFLUX_RPC=127.0.0.1:$source_rpc" "SOURCE_INFLUX_HTTP=127.0.0.1:$source_http" \
    "DEST_INFLUX_RPC=127.0.0.1:$dest_rpc" "DEST_INFLUX_HTTP=127.0.0.1:$dest_http" \
    "SOURCE_ACCESS_LOG=$T/core.access.log" COOLDOWN_SECONDS=8
  # Pryv's log format: a write now, then reads and a write the freeze refused (503), which do not count
  {
    printf '[%s] 10.0.0.9 "co1.pryv.test" "POST /u1/events/c1/series HTTP/1.1" 201 12 "-" "app" 0.010\n' \
      "$(date '+%d/%b/%Y:%H:%M:%S %z')"
    printf '[%s] 10.0.0.9 "co1.pryv.test" "GET /u1/events HTTP/1.1" 200 99 "-" "app" 0.010\n' "$(date '+%d/%b/%Y:%H:%M:%S %z')"
    printf '[%s] 10.0.0.9 "co1.pryv.test" "POST /u1/events HTTP/1.1" 503 120 "-" "app" 0.000\n' "$(date '+%d/%b/%Y:%H:%M:%S %z')"
  } >"$T/core.access.log"
  local started
  started=$(date +%s)
  migrate only dump
  expect_exit 0
  [ $(($(date +%s) - started)) -ge 2 ] || fail "the dump did not wait for the cool-down after the last write"
  # 8 s after the write's second (+1 s for the log's resolution), less the time the dump took to start
  grep -q "^# cool-down: 8 s after the last write in $T/core.access.log, .* UTC: waiting [2-9]\.[0-9] s" \
    "$T/state/logs/dump.log" || fail "the dump log does not say how long it waited: $(grep cool-down "$T/state/logs/dump.log")"
  [ "$(grep -c '^\$ .*docker-ops' "$T/state/logs/dump.log")" -eq 1 ] || fail "dump should make one docker-ops call"
  migrate only transfer
  expect_exit 0
  [ "$(grep -c '^\$ .*backup-transfer' "$T/state/logs/transfer.log")" -eq 1 ] \
    || fail "transfer should make one backup-transfer call (push, no check inside the window)"
  migrate only restore
  expect_exit 0
  [ "$(grep -c '^\$ .*docker-ops' "$T/state/logs/restore.log")" -eq 1 ] || fail "restore should make one docker-ops call"
  grep -q '^# exit 0 after [0-9.]* s' "$T/state/logs/restore.log" || fail "docker-ops did not log the database tools' times"
  # what a first attempt restored is replaced, not merged, not refused
  curl -sf -XPOST "http://127.0.0.1:$dest_http/write?db=user.a&precision=s" \
    --data-binary 'event.stray value=9 1700000099' >/dev/null
  migrate only restore
  expect_exit 0
  local answer
  answer=$(curl -sf -G "http://127.0.0.1:$dest_http/query" --data-urlencode db=user.a \
    --data-urlencode 'q=SELECT COUNT(value) FROM "event.c1"') || fail "dest's influxd did not answer the count query"
  [[ "$answer" == *'"values":[["1970-01-01T00:00:00Z",3]]'* ]] || fail "dest should hold the 3 points of event.c1: $answer"
  answer=$(curl -sf -G "http://127.0.0.1:$dest_http/query" --data-urlencode db=user.a \
    --data-urlencode 'q=SELECT COUNT(value) FROM "event.stray"') || fail "dest's influxd did not answer the count query"
  [[ "$answer" != *'"count"'* ]] || fail "the stray point survived: $answer"
  stop_influxd source
  stop_influxd dest
  stop_mongod source
  stop_mongod dest
}

# --- running them ------------------------------------------------------------------------------------------------
mapfile -t ALL < <(declare -F | awk '$3 ~ /^test_/ { print $3 }')
SELECTED=("$@")
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${ALL[@]}")
for CURRENT in "${SELECTED[@]}"; do
  reset_machines
  before=$FAILURES
  start=$(date +%s)
  "$CURRENT" || true
  if [ "$FAILURES" -eq "$before" ]; then
    printf 'ok   %s (%d s)\n' "$CURRENT" "$(($(date +%s) - start))"
  fi
done
echo "migrate-core-test: ${#SELECTED[@]} tests, $FAILURES failed"
[ "$FAILURES" -eq 0 ] || exit 1

#!/usr/bin/env bash
# The runbook's own commands, on source, on the rehearsal's hosts (tests/topology/hosts.sh): what a careful
# operator does by hand today, minus the typing, timed like migrate-core.sh's window (freeze start -> nginx
# restarted on the redirect). Dest must be fresh (no container, Pryv's scripts only); source serving.
#
#   tests/topology/runbook-baseline.sh DIR RELEASE-DIR   prints "runbook window: S s" and the time of each step
#
# Before the window, as the runbook says: config-follower/ copied to dest, run-config-follower, run-pryv (the
# images) and stop-pryv there. Inside it: docker stop pryvio_nginx; mongodump and influxd backup in the
# containers; four rsync -az (trailing slash fixed, so that each folder's contents land in the folder); on dest
# ensure-permissions (its chown -R 9999:9999), run-pryv, mongorestore, influxd restore (each once its database
# answers, as an operator waits for it); on
# source the redirect of site-443.conf (nginx-rewriter, the runbook's hand edit) and docker restart pryvio_nginx.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: runbook-baseline.sh DIR RELEASE-DIR" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
DIR="$(cd "$1" && pwd)"
RELEASE="$2"
DEST=$("$here/hosts.sh" ip dest)

# The whole runbook runs on source in one shell, as the operator's session; `step NAME CMD` times each command.
"$here/hosts.sh" exec "$DIR" source bash -s -- "$DEST" "$RELEASE" <<'RUNBOOK'
set -euo pipefail
DEST="$1"
RELEASE="$2"
ssh_dest() { ssh -n -o BatchMode=yes "root@$DEST" "$@"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
step() {
  local name="$1" start
  shift
  start=$(now)
  # stdin from /dev/null: this shell reads its own script from stdin, which ssh would swallow
  "$@" </dev/null >>/opt/migration/runbook.log 2>&1 || { echo "runbook: $name failed (see /opt/migration/runbook.log)" >&2; exit 4; }
  printf '  %-44s %6s s\n' "$name" "$(since "$start")"
}
cd /var/pryv
step "config-follower/ to dest" rsync -az /var/pryv/config-follower/ "root@$DEST:/var/pryv/config-follower/"
# run-pryv needs pryv.yml, which the follower writes once it has fetched it from the leader: the operator waits.
step "dest: images (run-config-follower, run-pryv)" ssh_dest 'cd /var/pryv && ./run-config-follower && for i in $(seq 1 600); do [ -f pryv/pryv.yml ] && break; sleep 0.1; done && ./run-pryv'
step "dest: stop-pryv" ssh_dest 'cd /var/pryv && ./stop-pryv'
rm -rf /var/pryv/pryv/mongodb/backup/* /var/pryv/pryv/influxdb/backup/*
echo "inside the window:"
t0=$(now)
step "docker stop pryvio_nginx" docker stop pryvio_nginx
step "mongodump" docker exec -t pryvio_mongodb /app/bin/mongodb/bin/mongodump -d pryv-node -o /app/backup/
step "influxd backup" docker exec -t pryvio_influxdb /usr/bin/influxd backup -portable /pryv/backup/
for folder in config-follower pryv/mongodb/backup pryv/influxdb/backup pryv/core/data; do
  step "rsync -az $folder/" rsync -az "/var/pryv/$folder/" "root@$DEST:/var/pryv/$folder/"
done
step "dest: ensure-permissions (chown)" ssh_dest 'cd /var/pryv && chown -R 9999:9999 ./pryv ./config-follower'
# "Launch services": run-pryv (dest's follower kept running since stop-pryv)
step "dest: run-pryv" ssh_dest 'cd /var/pryv && ./run-pryv'
step "dest: mongorestore" ssh_dest 'for i in $(seq 1 120); do docker logs pryvio_mongodb 2>&1 | grep -q "waiting for connections" && break; sleep 0.5; done; docker exec -t pryvio_mongodb /app/bin/mongodb/bin/mongorestore /app/backup/'
step "dest: influxd restore" ssh_dest 'for i in $(seq 1 120); do docker exec pryvio_influxdb influx -execute "SHOW DATABASES" >/dev/null 2>&1 && break; sleep 0.5; done; docker exec -t pryvio_influxdb /usr/bin/influxd restore -portable /pryv/backup/'
step "redirect site-443.conf" "/opt/$RELEASE/bin/nginx-rewriter" redirect /var/pryv/pryv/nginx/conf/site-443.conf --to "$DEST"
step "docker restart pryvio_nginx" docker restart pryvio_nginx
echo "runbook window: $(since "$t0") s"
RUNBOOK

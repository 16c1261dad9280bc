#!/bin/sh
# The rehearsal's config-follower: writes every file of the leader's copy over the core's configuration (as Pryv's
# follower does on start and on /notify), then answers on port 6000 (site-443.conf's follower_server upstream).
set -e
cd /app/conf/leader-copy
count=0
for f in $(find . -type f | sort); do
  mkdir -p "/app/pryv/$(dirname "$f")"
  cp "$f" "/app/pryv/$f.follower-tmp"
  mv "/app/pryv/$f.follower-tmp" "/app/pryv/$f"
  count=$((count + 1))
done
echo "config-follower: wrote $count files from the leader into /app/pryv at $(date -u +%FT%TZ)"
exec python3 -m http.server --bind 127.0.0.1 6000

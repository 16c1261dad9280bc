# shellcheck shell=sh
# Reloads nginx and waits until it runs the new configuration (POSIX sh; migrate-core.sh runs it inside the
# nginx container with docker exec pryvio_nginx sh -c "$(cat nginx-reload.sh)" sh PID_FILE).
#
#   sh nginx-reload.sh PID_FILE [SECONDS]
#
# nginx -t first (a file nginx would refuse); then nginx -s reload, which only sends the master a HUP and returns
# at once: the master reads the configuration afterwards and, if it cannot load it (an upstream host that no longer
# resolves, a port already taken), logs why and keeps the old one. So this waits until the master's workers have
# been replaced: new workers run (they start only once the new configuration is loaded) and every old one has
# exited or says "worker process is shutting down" (nginx sets that title as it closes its listening sockets; it
# then only finishes the requests in flight, which may take long). Exit 0 then, exit 1 after SECONDS (default 5).
# The workers are the master's children in /proc (the master's pid from PID_FILE, else pid 1, nginx in its
# container).
pid_file="$1"
limit="${2:-5}"
nginx -t || exit 1
master=$(cat "$pid_file" 2>/dev/null) || master=1
[ -n "$master" ] || master=1
workers() {
  for stat in /proc/[0-9]*/stat; do
    # pid (comm) state ppid ...: nginx's comm holds no space
    { read -r pid _ _ ppid _ <"$stat"; } 2>/dev/null && [ "$ppid" = "$master" ] && printf '%s ' "$pid"
  done
}
before=$(workers)
[ -n "$before" ] || { echo "nginx-reload: no worker of the nginx master (pid $master, from $pid_file) found" >&2; exit 1; }
nginx -s reload || exit 1
# new workers run, and no old one still takes connections
replaced() {
  now=$(workers)
  new=""
  for pid in $now; do
    case " $before" in *" $pid "*) ;; *) new=1 ;; esac
  done
  [ -n "$new" ] || return 1
  for pid in $before; do
    [ ! -e "/proc/$pid" ] || grep -qs "shutting down" "/proc/$pid/cmdline" || return 1
  done
}
deadline=$(($(date +%s) + limit))
until replaced; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "nginx-reload: nginx did not load the new configuration within $limit s (its workers were not replaced; its error log says why)" >&2
    exit 1
  fi
  sleep 0.025
done
echo "nginx-reload: nginx runs the new configuration (workers replaced)"

# shellcheck shell=sh
# send-tar.sh FOLDER FOLLOW; stdin: NUL-terminated relative paths; stdout: a tar stream of exactly those paths, in
# records of 1 MiB (files read 1 MiB at a time, as receive-batch.sh writes them). FOLLOW -L: what links point to.
cd -- "$1" || exit 4
if [ "$2" = -L ]; then set -- --dereference; else set --; fi
exec tar -c -b 2048 -f - --no-recursion --numeric-owner "$@" --hard-dereference --null -T -

# shellcheck shell=sh
# receive-batch.sh DEST STAGE ROOT_MTIME; stdin: a tar stream whose last members (.bt-partial.*) hold the SHA-256
# of every file as computed by the sender while reading. DEST: the destination folder (a relative one is taken
# from the login's working folder, its home, as every other script takes it: made absolute first, since the commit
# runs from /); STAGE: the staging folder's name; ROOT_MTIME: the source root's mtime in seconds (the staging
# folder's own creation and removal would otherwise leave the destination folder stamped with the current time).
# Extracts into the staging folder, checks every hash, and only then hard-links the verified files to their final
# names (replacing what was there) and stamps the folders, then prints `verified N`: how many files' hashes it
# checked (one per check line). The staging folder goes away on any exit; a kill -9 leaves it for the next run to
# remove. A stream cut at a member's boundary is a valid tar for tar; it lacks the check lists, which come last,
# and is refused. Exits 70 (staging), 71 (tar: disk full, write error, truncated stream), 72 (checksum mismatch),
# 73 (link). tar works in records of 1 MiB (-b 2048; -B waits for whole records, since a pipe hands over less at
# a time): with its default of 10 KiB it writes a large file 10 KiB at a time, and on the benchmark's full copy
# the far side's CPU time dropped by about 1.6 s of 12 with the larger records.
case $1 in /*) dest=$1 ;; *) dest=$PWD/$1 ;; esac
stage=$dest/$2
mkdir -- "$stage" || exit 70
trap 'cd /; rm -rf -- "$stage"' EXIT
trap 'exit 129' HUP INT TERM PIPE
cd -- "$stage" || exit 70
tar -x -b 2048 -B -p --numeric-owner --delay-directory-restore -f - || exit 71
if [ ! -e .bt-partial.sums ] || [ ! -e .bt-partial.expect ]; then
  echo "the batch ended before its check lists (the stream was cut): nothing committed" >&2; exit 71
fi
n=0
if [ -s .bt-partial.names ] && command -v openssl >/dev/null 2>&1; then
  xargs -0 -r openssl dgst -sha256 -r < .bt-partial.names > .bt-partial.got || exit 72
  cmp -s .bt-partial.got .bt-partial.expect || { echo "sha256sum: openssl: FAILED: SHA-256 differs" >&2; exit 72; }
  n=$(wc -l < .bt-partial.got)
elif [ -s .bt-partial.names ]; then
  sha256sum -c --quiet --strict .bt-partial.sums >&2 || exit 72
  n=$(wc -l < .bt-partial.sums)
fi
if [ -s .bt-partial.odd ]; then
  sha256sum -c --quiet --strict .bt-partial.odd >&2 || exit 72
  n=$((n + $(wc -l < .bt-partial.odd)))
fi
rm -f .bt-partial.sums .bt-partial.names .bt-partial.expect .bt-partial.got .bt-partial.odd
cd / && cp -al --remove-destination -- "$stage/." "$dest/" || exit 73
rm -rf -- "$stage" && touch -m -d "@$3" -- "$dest" || exit
printf 'verified %d\n' "$n"

# shellcheck shell=sh
# hash-listed.sh FOLDER; stdin: NUL-terminated ./-prefixed paths in PathOrder, none that only sha256sum prints
# unambiguously. Prints what SortedHashes reads with no odd names: a line `=`, then each file's SHA-256 line in
# the order given (openssl's, SHA-NI, when installed, else sha256sum's). A pull runs two, each on about half of the
# bytes (TwoWayHashes). Exit status: xargs' (123 when a file could not be read).
cd -- "$1" || exit 4
echo '='
if command -v openssl >/dev/null 2>&1; then exec xargs -0 -r openssl dgst -sha256 -r; fi
exec xargs -0 -r sha256sum --

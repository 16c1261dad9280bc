# shellcheck shell=sh
# hash-escaped.sh FOLDER; stdin: NUL-terminated ./-prefixed paths; stdout: sha256sum's line for each, escaped where
# the name holds a newline, CR or backslash (only sha256sum prints those unambiguously: a pull's few such names).
cd -- "$1" || exit 4
exec xargs -0 -r sha256sum --

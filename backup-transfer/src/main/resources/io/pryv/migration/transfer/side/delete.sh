# shellcheck shell=sh
# delete.sh FOLDER; stdin: NUL-terminated relative paths to remove recursively.
cd -- "$1" || exit 4
exec xargs -0 -r rm -rf --

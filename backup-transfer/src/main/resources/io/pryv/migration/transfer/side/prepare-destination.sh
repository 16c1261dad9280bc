# shellcheck shell=sh
# prepare-destination.sh FOLDER DRY ZIP; stdin: nothing, or one line with the SHA-256 of the source's sorted
# records. Refuses a file (3) or an unwritable folder (4), creates the folder unless DRY is yes, removes
# .bt-partial.* left by an interrupted run, lists itself (links as links) while the source does the same, then
# prints `same` and a NUL when its own records have that SHA-256, else its listing as list-source.sh does.
d=$1 dry=$2 zip=$3
if [ -e "$d" ] && [ ! -d "$d" ]; then echo "destination $d exists and is not a folder" >&2; exit 3; fi
if [ ! -d "$d" ]; then
  if [ "$dry" = yes ]; then uid_header; exit 0; fi
  mkdir -p -- "$d" || exit 4
fi
cd -- "$d" || exit 4
if [ "$dry" != yes ]; then
  if [ ! -w . ]; then echo "destination $d is not writable" >&2; exit 4; fi
  find . -mindepth 1 -maxdepth 1 -name '.bt-partial.*' -exec rm -rf -- {} + || exit 4
fi
records=$(mktemp) || exit 4
trap 'rm -f -- "$records"' EXIT
trap 'exit 129' HUP INT TERM PIPE
sorted_records -P > "$records" || exit 1
IFS= read -r expect || expect=
if [ -n "$expect" ]; then
  got=$(sha256sum < "$records")
  if [ "${got%% *}" = "$expect" ]; then printf 'same\0'; exit 0; fi
fi
print_listing "$zip" cat -- "$records"

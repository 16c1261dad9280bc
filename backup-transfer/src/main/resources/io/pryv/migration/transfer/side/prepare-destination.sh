# shellcheck shell=sh
# prepare-destination.sh FOLDER DRY ZIP; stdin: nothing, or one line with the digest of the source's listing
# (listing-digest.sh). Refuses a file (3) or an unwritable folder (4), creates the folder unless DRY is yes,
# removes .bt-partial.* left by an interrupted run, then prints `same` and a NUL when its own listing has that
# digest, else lists like list-source.sh (links as links).
d=$1 dry=$2 zip=$3
if [ -e "$d" ] && [ ! -d "$d" ]; then echo "destination $d exists and is not a folder" >&2; exit 3; fi
if [ ! -d "$d" ]; then
  if [ "$dry" = yes ]; then printf 'uid\0%s\0' "$(id -u)"; exit 0; fi
  mkdir -p -- "$d" || exit 4
fi
cd -- "$d" || exit 4
if [ "$dry" != yes ]; then
  if [ ! -w . ]; then echo "destination $d is not writable" >&2; exit 4; fi
  find . -mindepth 1 -maxdepth 1 -name '.bt-partial.*' -exec rm -rf -- {} + || exit 4
fi
IFS= read -r expect || expect=
if [ -n "$expect" ]; then
  got=$( { records -P || echo failed; } | LC_ALL=C sort -z | sha256sum )
  if [ "${got%% *}" = "$expect" ]; then printf 'same\0'; exit 0; fi
fi
print_listing "$zip" -P

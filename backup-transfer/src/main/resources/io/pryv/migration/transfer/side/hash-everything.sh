# shellcheck shell=sh
# hash-everything.sh FOLDER [FOLLOW] [crc32|sha256]: prints the checksum of every regular file under FOLDER
# (./-prefixed names; none when the folder does not exist yet) without waiting for a list of files, so that a side
# can hash while the listings are still being compared. crc32: cksum; else SHA-256 by openssl (SHA-NI, about 4x
# sha256sum here) when installed, else sha256sum. The lines come in PathOrder of their names, for SortedHashes:
# first the sha256sum lines of the names only it prints unambiguously (few; sorted), then a line `=`, then the
# lines of every other file. Those are sorted before they are hashed and cut into chunks of 2,000 names; two chunks
# are hashed at a time, each into a file of its own, and the files are printed in chunk order, so the output keeps
# the order of the sorted list. Sorting spills to temporary files: nothing holds the whole list in memory.
# Exit 72: a file could not be read.
follow=${2:--P}
cd -- "$1" 2>/dev/null || { echo '='; exit 0; }
if [ "$3" = crc32 ]; then tool='cksum'
elif command -v openssl >/dev/null 2>&1; then tool='openssl dgst -sha256 -r'
else tool=sha256sum
fi
nl=$(printf '\nx')
nl=${nl%x}
cr=$(printf '\r')
odd="*[\\\\$nl$cr]*"
files() { find_tree "$follow" -type f "$@" -print0; }
sorted() { tr '/\001' '\001/' | LC_ALL=C sort -z -S 16M | tr '/\001' '\001/'; }
out=$(mktemp -d) || exit 4
trap 'rm -rf -- "$out"' EXIT
trap 'exit 129' HUP INT TERM PIPE
files -path "$odd" | sorted | xargs -0 -r sha256sum -- || exit 72
echo '='
files ! -path "$odd" | sorted > "$out/list" || exit 72
split -t '\0' -l 2000 -a 6 -d -- "$out/list" "$out/c." || exit 72
rm -f -- "$out/list"
# shellcheck disable=SC2016 # $0 is the chunk, expanded by the inner sh
for c in "$out"/c.*; do [ -e "$c" ] && printf '%s\0' "$c"; done \
  | xargs -0 -r -P 2 -n 1 sh -c 'exec xargs -0 -r '"$tool"' -- < "$0" > "$0.sums"' || exit 72
for c in "$out"/c.*; do
  case $c in *.sums) ;; *) [ -e "$c" ] && { cat -- "$c.sums" || exit 72; } ;; esac
done
exit 0

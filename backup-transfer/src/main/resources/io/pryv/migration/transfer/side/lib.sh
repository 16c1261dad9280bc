# shellcheck shell=sh disable=SC2317
# (SC2317: a script calls only some of these functions.)
# Functions shared by every script of this folder: each one runs as `sh -c "LIB SCRIPT" sh ARG...`, this file's
# text first, on the far side and on this machine alike, so both sides list and hash the same way. User-supplied
# paths only ever arrive as positional arguments, never inside the script text.

# find_tree FOLLOW EXPRESSION...: GNU find over the current folder (FOLLOW -L follows links, -P lists them as
# links), leaving out work in progress (.bt-partial.*, pruned with all it holds), the same in every script so that
# they all see the same entries. TZ=UTC0: with no TZ, glibc looks at /etc/localtime for every file that %Ts
# formats, which made find three times slower.
find_tree() {
  follow_=$1
  shift
  TZ=UTC0 find "$follow_" . \( -name '.bt-partial.*' -prune \) -o "$@"
}

# records FOLLOW: one NUL-terminated line per entry of the current folder, TYPE SIZE MTIME MODE UID GID PATH
# (find's %y, %s, %Ts, %m, %U, %G, %P; a folder's size printed as 0, since it depends on the file system and not
# on what the folder holds). The path comes last and nothing else holds a space, so one line is one entry and one
# entry one line; a link's target is not in it (see listing-digest.sh).
records() {
  find_tree "$1" \( -type d -printf 'd 0 %Ts %m %U %G %P\0' \) -o -printf '%y %s %Ts %m %U %G %P\0'
}

# sorted_listing FOLLOW: the uid header, then the current folder's SortedListing records (%P//%y %s %Ts %m %U %G
# %l) in PathOrder: sorted with / and byte 1 swapped; sort -S 32M spills to temporary files beyond that, so no
# listing is ever held whole in memory, here or on the reading side. Status 1 unless both find and sort succeeded.
sorted_listing() {
  printf 'uid\0%s\0' "$(id -u)" || return 1
  exec 5>&1
  s=$( { { find_tree "$1" -printf '%P//%y %s %Ts %m %U %G %l\0'; echo "find $?" >&6; } \
    | tr '/\001' '\001/' | { LC_ALL=C sort -z -S 32M; echo "sort $?" >&6; } | tr '/\001' '\001/' >&5
    } 6>&1 )
  case $s in
    *"find 0"*"sort 0"*|*"sort 0"*"find 0"*) return 0 ;;
    *"find 0"*) echo "sorting the listing failed" >&2 ;;
  esac
  return 1
}

# print_listing ZIP FOLLOW: sorted_listing, through gzip -1 when ZIP is gzip and gzip is installed (a listing
# shrinks about tenfold, and the reader decrypts that much less); exits with sorted_listing's status.
print_listing() {
  if [ "$1" = gzip ] && command -v gzip >/dev/null 2>&1; then
    exec 4>&1
    status=$( { { sorted_listing "$2"; echo $? >&3; } | gzip -1 >&4; } 3>&1 )
    exit "${status:-1}"
  fi
  sorted_listing "$2"
  exit
}

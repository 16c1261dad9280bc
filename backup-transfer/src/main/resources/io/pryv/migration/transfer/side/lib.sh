# shellcheck shell=sh disable=SC2317
# (SC2317: a script calls only some of these functions.)
# Functions shared by every script of this folder: each one runs as `sh -c "LIB SCRIPT" sh ARG...`, this file's
# text first, on the far side and on this machine alike, so both sides list and hash the same way. User-supplied
# paths only ever arrive as positional arguments, never inside the script text.

# find_tree FOLLOW EXPRESSION...: GNU find over the current folder (FOLLOW -L follows links, -P lists them as
# links), leaving out work in progress (.bt-partial.*, pruned with all it holds), the same in every script so that
# they all see the same entries. TZ=UTC0: with no TZ, glibc looks at /etc/localtime for every file that %Ts
# formats, which made find three times slower. LC_ALL=C: names match as bytes whatever the login's locale, and
# find's messages have the one form that loop_records reads.
find_tree() {
  follow_=$1
  shift
  TZ=UTC0 LC_ALL=C find "$follow_" . \( -name '.bt-partial.*' -prune \) -o "$@"
}

# loop_records FILE: when every message of find -L in FILE is about a link it cannot follow because it loops (back
# to a folder above it, or to itself), prints a record of type l for each such link (a reader that follows links
# reports it as skipped, as a dangling link) and succeeds; else fails. A name that find prints with escapes (a
# backslash: a quote, a control character, a byte outside ASCII) cannot be read back here, and fails too.
loop_records() {
  while IFS= read -r line_; do
    case $line_ in
      "find: File system loop detected; './"*"' is part of the same file system loop as '"*)
        name_=${line_#"find: File system loop detected; './"}
        name_=${name_%%"' is part of the same file system loop as '"*} ;;
      "find: './"*"': Too many levels of symbolic links")
        name_=${line_#"find: './"}
        name_=${name_%"': Too many levels of symbolic links"} ;;
      *) return 1 ;;
    esac
    case $name_ in *\\*) return 1 ;; esac
    printf '%s//l 0 0 0 0 0 \0' "$name_"
  done < "$1"
}

# sorted_records FOLLOW: one NUL-terminated record per entry of the current folder, PATH//TYPE SIZE MTIME MODE UID
# GID LINK (find's %P, %y, %s, %Ts, %m, %U, %G, %l; a folder's size printed as 0, since it depends on the file
# system and not on what the folder holds), in PathOrder: sorted with / and byte 1 swapped; sort -S 32M spills to
# temporary files beyond that, so no listing is ever held whole in memory, here or on the reading side. A path
# never holds //, so the first one ends it. Status 1 unless both find and sort succeeded. Two folders whose records
# are the same bytes hold the same entries with the same type, size (files), mtime, mode, owner and link target:
# their SHA-256 is the listing digest a push compares (prepare-destination.sh). Following links (-L), a link that
# loops is listed as a link (loop_records), not an error.
sorted_records() {
  exec 5>&1
  errors_=$(mktemp) || return 1
  s=$( { { find_tree "$1" \( -type d -printf '%P//d 0 %Ts %m %U %G %l\0' \) -o -printf '%P//%y %s %Ts %m %U %G %l\0' \
             2>"$errors_"
           f_=$?
           if [ "$f_" = 1 ] && [ "$1" = -L ] && loop_records "$errors_"; then f_=0; fi
           [ "$f_" = 0 ] || cat -- "$errors_" >&2
           echo "find $f_" >&6; } \
    | tr '/\001' '\001/' | { LC_ALL=C sort -z -S 32M; echo "sort $?" >&6; } | tr '/\001' '\001/' >&5
    } 6>&1 )
  rm -f -- "$errors_"
  case $s in
    *"find 0"*"sort 0"*|*"sort 0"*"find 0"*) return 0 ;;
    *"find 0"*) echo "sorting the listing failed" >&2 ;;
  esac
  return 1
}

# uid_header: what a listing starts with, the uid the side runs as (its receiver keeps owners only as root).
uid_header() {
  printf 'uid\0%s\0' "$(id -u)"
}

# print_listing ZIP COMMAND...: uid_header then what COMMAND prints (sorted records), through gzip -1 when ZIP is
# gzip and gzip is installed (a listing shrinks about tenfold, and the reader decrypts that much less); exits with
# COMMAND's status.
print_listing() {
  zip_=$1
  shift
  if [ "$zip_" = gzip ] && command -v gzip >/dev/null 2>&1; then
    exec 4>&1
    status=$( { { uid_header && "$@"; echo $? >&3; } | gzip -1 >&4; } 3>&1 )
    exit "${status:-1}"
  fi
  uid_header && "$@"
  exit
}

package io.pryv.migration.transfer.side;

import io.pryv.migration.transfer.tree.PathOrder;
import io.pryv.migration.transfer.tree.SortedListing;

/**
 * The POSIX sh scripts run on the far side, which needs only a stock GNU userland (sh, find, tar, sha256sum,
 * cksum, xargs, cp, rm). Each runs as {@code sh -c SCRIPT sh ARG...}: user-supplied paths only ever arrive as quoted
 * positional arguments, never inside the script text.
 */
final class RemoteScripts {
  /**
   * The find expression that leaves out work in progress ({@code .bt-partial.*}, pruned with all it holds): the
   * same in every listing and hashing script, so that they all see the same entries.
   */
  private static final String SKIP_PARTIAL = "\\( -name '.bt-partial.*' -prune \\)";

  /** $1 a folder that must exist (exit 3 otherwise), entered; $2 kept in $zip. */
  private static final String SOURCE_FOLDER = """
        d=$1 zip=$2
        if [ ! -e "$d" ]; then echo "no such folder: $d" >&2; exit 3; fi
        if [ ! -d "$d" ]; then echo "$d is not a folder" >&2; exit 3; fi
        cd -- "$d" || exit 4
        """;

  private RemoteScripts() {}

  /** find's option for links: {@code -L} follows them, {@code -P} lists them as links. */
  static String findFollow(boolean followLinks) {
    return followLinks ? "-L" : "-P";
  }

  /**
   * $1 folder, $2 {@code gzip} to compress the listing when gzip is installed; prints the {@link #sortedListing}
   * of the folder. Exit 3: missing or not a folder.
   */
  static String listSortedSource(boolean followLinks) {
    return SOURCE_FOLDER + sortedListing(findFollow(followLinks));
  }

  /**
   * Prints the uid header, then the current folder's {@link SortedListing} records in {@link PathOrder} (sort with
   * {@code /} and byte 1 swapped; {@code sort -S 32M} spills to temporary files beyond that, so no listing is ever
   * held whole in memory, here or on the reading side), through {@code gzip -1} when $zip is {@code gzip} and
   * gzip is installed (a listing shrinks about tenfold, and the reader decrypts that much less). TZ=UTC0: with no
   * TZ, glibc looks at /etc/localtime for every file that %Ts formats, which made find three times slower. The exit
   * status is 1 unless both find and sort succeeded.
   */
  private static String sortedListing(String follow) {
    return """
        sorted() {
          printf 'uid\\0%s\\0' "$(id -u)" || return 1
          exec 5>&1
          s=$( { { TZ=UTC0 find FOLLOW . SKIP_PARTIAL -o -printf 'FORMAT'; echo "find $?" >&6; } \\
            | tr '/\\001' '\\001/' | { LC_ALL=C sort -z -S 32M; echo "sort $?" >&6; } | tr '/\\001' '\\001/' >&5
            } 6>&1 )
          case $s in
            *"find 0"*"sort 0"*|*"sort 0"*"find 0"*) return 0 ;;
            *"find 0"*) echo "sorting the listing failed" >&2 ;;
          esac
          return 1
        }
        if [ "$zip" = gzip ] && command -v gzip >/dev/null 2>&1; then
          exec 4>&1
          status=$( { { sorted; echo $? >&3; } | gzip -1 >&4; } 3>&1 )
          exit "${status:-1}"
        fi
        sorted
        """.replace("FOLLOW", follow).replace("FORMAT", SortedListing.FORMAT)
        .replace("SKIP_PARTIAL", SKIP_PARTIAL);
  }

  /**
   * $1 folder, $2 {@code yes} for a dry run, $3 as $2 of {@link #listSortedSource}; stdin: nothing, or one line with the
   * {@link #listingDigest} of the source. Refuses a file (3) or an unwritable folder (4), creates the folder,
   * removes {@code .bt-partial.*} left by an interrupted run, then prints {@code same} and a NUL when its own
   * listing has that digest, else lists like {@link #listSortedSource}.
   */
  static String prepareDestination() {
    return """
        d=$1 dry=$2 zip=$3
        if [ -e "$d" ] && [ ! -d "$d" ]; then echo "destination $d exists and is not a folder" >&2; exit 3; fi
        if [ ! -d "$d" ]; then
          if [ "$dry" = yes ]; then printf 'uid\\0%s\\0' "$(id -u)"; exit 0; fi
          mkdir -p -- "$d" || exit 4
        fi
        cd -- "$d" || exit 4
        if [ "$dry" != yes ]; then
          if [ ! -w . ]; then echo "destination $d is not writable" >&2; exit 4; fi
          find . -mindepth 1 -maxdepth 1 -name '.bt-partial.*' -exec rm -rf -- {} + || exit 4
        fi
        IFS= read -r expect || expect=
        if [ -n "$expect" ]; then
        """ + RECORDS.replace("FOLLOW", "-P") + """
          got=$( { records || echo failed; } | LC_ALL=C sort -z | sha256sum )
          if [ "${got%% *}" = "$expect" ]; then printf 'same\\0'; exit 0; fi
        fi
        """ + sortedListing("-P");
  }

  /**
   * Shell function {@code records}: one NUL-terminated line per entry of the current folder, {@code TYPE SIZE
   * MTIME MODE UID GID PATH} (find's %y, %s, %Ts, %m, %U, %G, %P; a folder's size printed as 0, since it depends on
   * the file system and not on what the folder holds). The path comes last and nothing else holds a space, so
   * one line is one entry and one entry one line; a link's target is not in it (see {@link #listingDigest}).
   */
  private static final String RECORDS = """
        records() {
          TZ=UTC0 find FOLLOW . SKIP_PARTIAL \\
            -o \\( -type d -printf 'd 0 %Ts %m %U %G %P\\0' \\) -o -printf '%y %s %Ts %m %U %G %P\\0'
        }
        """.replace("SKIP_PARTIAL", SKIP_PARTIAL);

  /**
   * $1 folder, $2 {@code -L} to follow links (default {@code -P}). Prints the {@link #RECORDS} of the folder
   * sorted bytewise, then sha256sum's line for them; exit status: find's. Two folders whose digests are equal hold
   * the same entries with the same type, size (files), mtime, mode and owner: a push between them has nothing to
   * do, unless links are involved (their targets are not in the digest, so the caller takes no shortcut when this
   * side has any; the other side then cannot match either, since its digest would cover a link line).
   */
  static String listingDigest() {
    return """
        cd -- "$1" || exit 4
        follow=${2:--P}
        """ + RECORDS.replace("FOLLOW", "\"$follow\"") + """
        exec 4>&1
        status=$( { { records; echo $? >&3; } | LC_ALL=C sort -z | tee /dev/fd/4 | sha256sum >&4; } 3>&1 )
        exit "${status:-1}"
        """;
  }

  /**
   * $1 folder; stdin: NUL-terminated {@code ./}-prefixed paths; stdout: sha256sum's line for each, escaped where the
   * name holds a newline, CR or backslash (only sha256sum prints those unambiguously: a pull's few such names).
   */
  static String hashEscaped() {
    return """
        cd -- "$1" || exit 4
        exec xargs -0 -r sha256sum --
        """;
  }

  /**
   * $1 folder, $2 {@code -L} to follow links (default {@code -P}), $3 {@code crc32} for cksum, else SHA-256 by
   * openssl (SHA-NI, about 4x sha256sum here) when installed, else sha256sum. Prints the checksum of every regular
   * file under it ({@code ./}-prefixed names; none when the folder does not exist yet), without waiting for a list
   * of files: a side can hash while the listings are still being compared. The lines come in {@link PathOrder} of
   * their names, for {@link SortedHashes}: first the
   * sha256sum lines of the names only it prints unambiguously (few; sorted), then a line {@code =}, then the lines
   * of every other file. Those are sorted before they are hashed and cut into chunks of 2,000 names; two chunks
   * are hashed at a time, each into a file of its own, and the files are printed in chunk order, so the output
   * keeps the order of the sorted list. Sorting spills to temporary files: nothing holds the whole list in memory.
   * Exit 72: a file could not be read.
   */
  static String hashEverythingSorted() {
    return """
        follow=${2:--P}
        cd -- "$1" 2>/dev/null || { echo =; exit 0; }
        if [ "$3" = crc32 ]; then tool=cksum
        elif command -v openssl >/dev/null 2>&1; then tool='openssl dgst -sha256 -r'
        else tool=sha256sum
        fi
        nl=$(printf '\\nx')
        nl=${nl%x}
        cr=$(printf '\\r')
        odd="*[\\\\\\\\$nl$cr]*"
        files() { find "$follow" . SKIP_PARTIAL -o -type f "$@" -print0; }
        sorted() { tr '/\\001' '\\001/' | LC_ALL=C sort -z -S 16M | tr '/\\001' '\\001/'; }
        out=$(mktemp -d) || exit 4
        trap 'rm -rf -- "$out"' EXIT
        trap 'exit 129' HUP INT TERM PIPE
        files -path "$odd" | sorted | xargs -0 -r sha256sum -- || exit 72
        echo =
        files ! -path "$odd" | sorted > "$out/list" || exit 72
        split -t '\\0' -l 2000 -a 6 -d -- "$out/list" "$out/c." || exit 72
        rm -f -- "$out/list"
        for c in "$out"/c.*; do [ -e "$c" ] && printf '%s\\0' "$c"; done \\
          | xargs -0 -r -P 2 -n 1 sh -c 'exec xargs -0 -r '"$tool"' -- < "$0" > "$0.sums"' || exit 72
        for c in "$out"/c.*; do
          case $c in *.sums) ;; *) [ -e "$c" ] && { cat -- "$c.sums" || exit 72; } ;; esac
        done
        exit 0
        """.replace("SKIP_PARTIAL", SKIP_PARTIAL);
  }

  /**
   * $1 folder; stdin: NUL-terminated {@code ./}-prefixed paths in {@link PathOrder}, none that only sha256sum prints
   * unambiguously. Prints what {@link SortedHashes} reads with no odd names: a line {@code =}, then each file's
   * SHA-256 line in the order given (openssl's, SHA-NI, when installed, else sha256sum's). A pull runs two, each on
   * about half of the bytes ({@link TwoWayHashes}). Exit status: xargs' (123 when a file could not be read).
   */
  static String hashListed() {
    return """
        cd -- "$1" || exit 4
        echo =
        if command -v openssl >/dev/null 2>&1; then exec xargs -0 -r openssl dgst -sha256 -r; fi
        exec xargs -0 -r sha256sum --
        """;
  }

  /** $1 folder; stdin: NUL-terminated relative paths to remove recursively. */
  static String delete() {
    return "cd -- \"$1\" || exit 4\nexec xargs -0 -r rm -rf --\n";
  }

  /**
   * $1 destination folder (a relative one is taken from the login's working folder, its home, as every other
   * script takes it: made absolute first, since the commit runs from {@code /}), $2 staging name, $3 the source
   * root's mtime (seconds; the staging folder's own creation and removal would otherwise leave the destination
   * folder stamped with the current time). stdin: a tar stream whose last members ({@code .bt-partial.*}) hold
   * the SHA-256 of every file as computed by the sender while reading. Extracts into the staging folder, checks
   * every hash, and only then hard-links the verified files to their final names (replacing what was there) and
   * stamps the folders, then prints {@code verified N}: how many files' hashes it checked (one per check line).
   * The staging folder goes away on any exit; a kill -9 leaves it for the next run to remove. A stream cut at a
   * member's boundary is a valid tar for tar; it lacks the check lists, which come last, and is refused.
   * Exits 70 (staging), 71 (tar: disk full, write error, truncated stream), 72 (checksum mismatch), 73 (link).
   * tar works in records of 1 MiB ({@code -b 2048}; {@code -B} waits for whole records, since a pipe hands over
   * less at a time): with its default of 10 KiB it writes a large file 10 KiB at a time, and on the benchmark's
   * full copy the far side's CPU time dropped by about 1.6 s of 12 with the larger records.
   */
  static String receiveBatch() {
    return """
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
        """;
  }

  /**
   * $1 source folder; stdin: NUL-terminated relative paths; stdout: a tar stream of exactly those paths, in records
   * of 1 MiB (files read 1 MiB at a time, as {@link #receiveBatch} writes them).
   */
  static String sendTar(boolean followLinks) {
    return "cd -- \"$1\" || exit 4\nexec tar -c -b 2048 -f - --no-recursion --numeric-owner FOLLOW --null -T -\n"
        .replace("FOLLOW", followLinks ? "--dereference --hard-dereference" : "--hard-dereference");
  }
}

#!/bin/sh
# @TOOL@, from the Pryv.io core migration toolkit @VERSION@: runs lib/@TOOL@.jar on the release's own Java runtime
# (runtime/), or, in the -noruntime release, on the machine's Java 17 or newer (JAVA_HOME, else java on PATH), with
# the JVM options the tool needs. Works through symlinks and from any folder; every argument goes to the tool as is.
self=$(readlink -f -- "$0" 2>/dev/null) || self=$0
home=${self%/*}
home=${home%/*}

if [ -x "$home/runtime/bin/java" ]; then
  java=$home/runtime/bin/java
else
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java
  elif ! java=$(command -v java); then
    echo "@TOOL@: error: no Java found: this release (-noruntime) needs Java 17 or newer, on PATH or in JAVA_HOME (or install the release that brings its own runtime)" >&2
    exit 4
  fi
  # The major version from the JDK's release file (no second JVM start); `java -version` only when it has none.
  real=$(readlink -f -- "$java" 2>/dev/null) || real=$java
  if [ -f "${real%/bin/java}/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "${real%/bin/java}/release")
  else
    version=$("$java" -version 2>&1 | sed -n '1s/.* version "\([^"]*\)".*/\1/p')
  fi
  case "${version%%[!0-9]*}" in
    '' | ? | 1[0-6]) # empty, one digit (1.8, 9) or 10-16
      echo "@TOOL@: error: Java 17 or newer is needed, $java is ${version:-of an unknown version} (set JAVA_HOME to a Java 17+, or install the release that brings its own runtime)" >&2
      exit 4 ;;
  esac
fi

# Class-data sharing (AppCDS): the first run of a tool on this machine dumps the classes it loaded into an archive,
# and later runs map it instead of loading and verifying them again (a start-up several tenths of a second shorter
# when the machine is busy). The archive is made here because Java 17 refuses one made elsewhere; its name holds a
# key of the jar's path, size and mtime and of the java, so a moved or upgraded release makes a new one. It goes
# next to the release (cds/) when that is writable, else to the user's cache; a run that cannot write one, or whose
# archive Java refuses, runs as before, without a word on stderr. On for the tools it speeds up (CDS, from
# scripts/release/launchers.sh); PRYV_MIGRATION_CDS=off turns it off, =on on for every tool.
cds_flags='-Xshare:auto'
cds_file='-Xshare:auto' # the archive's option: a separate word, the path may hold spaces
cds_new=''
if [ "${PRYV_MIGRATION_CDS:-@CDS@}" = on ]; then
  jar=$home/lib/@TOOL@.jar
  real=$(readlink -f -- "$java" 2>/dev/null) || real=$java
  key=$(printf '%s\n' "$jar" "$real" "$(stat -L -c '%s %Y' -- "$jar" "$real" 2>/dev/null)" | cksum)
  key=${key%% *}
  for dir in "$home/cds" "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/pryv-core-migration/cds"; do
    case $dir in /*:* | [!/]*) continue ;; esac # a ':' separates two archives in Java's option; a relative path
    if [ -f "$dir/@TOOL@-$key.jsa" ]; then
      cds_file=-XX:SharedArchiveFile=$dir/@TOOL@-$key.jsa
      break
    fi
    # Java ends with 1 after the tool's own run when it cannot write the archive: a writable folder with room only.
    if mkdir -p -- "$dir" 2>/dev/null && [ -w "$dir" ] \
      && [ "$(df -Pk -- "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt 131072 ] 2>/dev/null; then
      cds_new=$dir/@TOOL@-$key.jsa
      cds_file=-XX:ArchiveClassesAtExit=$cds_new.$$.tmp
      break
    fi
  done
  cds_flags='-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off'
fi
# The first run dumps to a name of its own, renamed into place once complete: two first runs at once each write
# their own, and no run ever maps a half-written archive.
cds_done() {
  if [ -n "$cds_new" ]; then
    if [ -s "$cds_new.$$.tmp" ] && mv -f -- "$cds_new.$$.tmp" "$cds_new" 2>/dev/null \
      && [ "${cds_new%/*}" = "$home/cds" ]; then
      # the release's own folder holds this release's archives only: those of its former paths or jars go
      for old in "$home/cds/@TOOL@-"*.jsa; do [ "$old" = "$cds_new" ] || rm -f -- "$old" 2>/dev/null; done
    fi
    rm -f -- "$cds_new.$$.tmp" 2>/dev/null
    cds_file='-Xshare:auto'
    if [ -f "$cds_new" ]; then cds_file=-XX:SharedArchiveFile=$cds_new; fi
  fi
}

# A tool with a bounded heap (BOUNDED set) runs in it, unless the user's JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS give
# a heap limit: as the child of this script (common's HeapCap: it stops when this script is killed, and ends with 75
# when it runs out of that heap before writing anything), then once more with the JVM's default heap.
bounded='@BOUNDED@'
case "${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-}" in *-Xmx* | *MaxHeapSize* | *MaxRAM*) bounded='' ;; esac
if [ -n "$bounded" ]; then
  # shellcheck disable=SC2086 # the options are separate words
  "$java" @JVM_OPTIONS@ $cds_flags "$cds_file" $bounded -Dpryv.migration.heapCap.parent=$$ \
    -Dpryv.migration.heapCap.retry=true -jar "$home/lib/@TOOL@.jar" "$@"
  code=$?
  cds_done
  [ "$code" -eq 75 ] || exit "$code"
  echo "@TOOL@: warning: this tree does not fit the bounded heap the tool runs in ($bounded); running it again with the JVM's default heap" >&2
  # shellcheck disable=SC2086
  exec "$java" @JVM_OPTIONS@ $cds_flags "$cds_file" -XX:MaxRAMPercentage=25 -jar "$home/lib/@TOOL@.jar" "$@"
fi
if [ -n "$cds_new" ]; then # the run that makes the archive is a child, to rename it afterwards
  # shellcheck disable=SC2086
  "$java" @JVM_OPTIONS@ $cds_flags "$cds_file" -jar "$home/lib/@TOOL@.jar" "$@"
  code=$?
  cds_done
  exit "$code"
fi
# shellcheck disable=SC2086
exec "$java" @JVM_OPTIONS@ $cds_flags "$cds_file" -jar "$home/lib/@TOOL@.jar" "$@"

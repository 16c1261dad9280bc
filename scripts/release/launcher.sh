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

# Class-data sharing: the first run of a tool on this machine records the classes it loaded, and later runs map them
# instead of loading and verifying them again (a start-up several tenths of a second shorter). On Java 25 and newer
# (the release's runtime) it is an AOT cache: the classes loaded and linked, and the profiles of the methods that ran,
# so that the JIT compiles them sooner (the first run records them, then the launcher writes the cache, silently);
# on older Java a dynamic AppCDS archive of the classes. The file is made here because Java refuses one made
# elsewhere; its name holds a key of the jar's path, size and mtime and of the java, so a moved or upgraded release
# makes a new one. It goes next to the release (cds/) when that is writable, else to the user's cache; a run that
# cannot write one, or whose file Java refuses, runs as before, without a word on stdout or stderr. On for the tools
# it speeds up (CDS, from scripts/release/launchers.sh: on, or aot for an AOT cache only); PRYV_MIGRATION_CDS=off
# turns it off, =on on for every tool.
cds_flags='-Xshare:auto'
cds_file='-Xshare:auto' # the archive's option: a separate word, the path may hold spaces
cds_new=''
aot=''
cds=${PRYV_MIGRATION_CDS:-@CDS@}
if [ "$cds" = on ] || [ "$cds" = aot ]; then
  if [ -z "${version:-}" ] && [ -f "$home/runtime/release" ]; then # the runtime's version, without a process
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) version=${line#JAVA_VERSION=\"} && break ;; esac
    done <"$home/runtime/release"
  fi
  feature=${version%%[!0-9]*}
  ext=jsa
  if [ "${feature:-0}" -ge 25 ] 2>/dev/null; then ext=aot aot=1; fi
  if [ "$cds" = aot ] && [ -z "$aot" ]; then cds=off; fi # aot: only where Java makes an AOT cache
fi
if [ "$cds" = on ] || [ "$cds" = aot ]; then
  jar=$home/lib/@TOOL@.jar
  real=$(readlink -f -- "$java" 2>/dev/null) || real=$java
  key=$(printf '%s\n' "$jar" "$real" "$(stat -L -c '%s %Y' -- "$jar" "$real" 2>/dev/null)" | cksum)
  key=${key%% *}
  for dir in "$home/cds" "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/pryv-core-migration/cds"; do
    case $dir in /*:* | [!/]*) continue ;; esac # a ':' separates two archives in Java's option; a relative path
    if [ -f "$dir/@TOOL@-$key.$ext" ]; then
      cds_file=-XX:SharedArchiveFile=$dir/@TOOL@-$key.$ext
      if [ -n "$aot" ]; then cds_file=-XX:AOTCache=$dir/@TOOL@-$key.$ext; fi
      break
    fi
    # Java ends with 1 after the tool's own run when it cannot write the archive: a writable folder with room only.
    if mkdir -p -- "$dir" 2>/dev/null && [ -w "$dir" ] \
      && [ "$(df -Pk -- "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt 131072 ] 2>/dev/null; then
      cds_new=$dir/@TOOL@-$key.$ext
      cds_file=-XX:ArchiveClassesAtExit=$cds_new.$$.tmp
      # the recording run: Java's own line about it ("AOTConfiguration recorded") would land on the tool's stdout
      if [ -n "$aot" ]; then cds_file=-XX:AOTConfiguration=$cds_new.$$.conf; fi
      break
    fi
  done
  cds_flags='-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off'
  if [ -n "$aot" ]; then cds_flags='-Xlog:aot*=off -Xlog:cds*=off'; fi
  if [ -n "$aot" ] && [ -n "$cds_new" ]; then
    cds_flags="$cds_flags -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:AOTMode=record"
  fi
fi
# The first run dumps to a name of its own, renamed into place once complete: two first runs at once each write
# their own, and no run ever maps a half-written archive.
cds_install() { # the new archive into place; in the release's cds/, the tool's older ones (former paths, jars) go
  if [ -s "$cds_new.$$.tmp" ] && mv -f -- "$cds_new.$$.tmp" "$cds_new" 2>/dev/null \
    && [ "${cds_new%/*}" = "$home/cds" ]; then
    for old in "$home/cds/@TOOL@-"*.jsa "$home/cds/@TOOL@-"*.aot; do
      [ "$old" = "$cds_new" ] || rm -f -- "$old" 2>/dev/null
    done
  fi
  rm -f -- "$cds_new.$$.tmp" 2>/dev/null
  # what first runs that were killed left (a recording, an archive half written), once they are an hour old
  find "${cds_new%/*}" -maxdepth 1 \( -name '@TOOL@-*.tmp' -o -name '@TOOL@-*.conf' \) -mmin +60 -exec rm -f -- {} + \
    2>/dev/null
}
cds_done() { # JVM options of the run (a cache is only used with the same ones)
  if [ -z "$cds_new" ]; then return 0; fi
  if [ -n "$aot" ]; then
    # Java 25's AOT cache is written from what the run recorded by one more java (0.5-3 s), in the background with
    # its output discarded, so that the tool's caller does not wait for it; a run started meanwhile runs without.
    (
      if [ -s "$cds_new.$$.conf" ]; then
        # shellcheck disable=SC2086 # the options are separate words
        "$java" "$@" -Xlog:aot*=off -Xlog:cds*=off -XX:AOTMode=create "-XX:AOTConfiguration=$cds_new.$$.conf" \
          "-XX:AOTCache=$cds_new.$$.tmp" -jar "$home/lib/@TOOL@.jar" || rm -f -- "$cds_new.$$.tmp"
      fi
      rm -f -- "$cds_new.$$.conf"
      cds_install
    ) </dev/null >/dev/null 2>&1 &
    cds_new='' cds_file='-Xshare:auto' cds_flags='-Xshare:auto'
    return 0
  fi
  cds_install
  cds_file='-Xshare:auto' cds_flags='-Xshare:auto'
  if [ -f "$cds_new" ]; then cds_file=-XX:SharedArchiveFile=$cds_new; fi
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
  # shellcheck disable=SC2086
  cds_done @JVM_OPTIONS@ $bounded
  [ "$code" -eq 75 ] || exit "$code"
  echo "@TOOL@: warning: this tree does not fit the bounded heap the tool runs in ($bounded); running it again with the JVM's default heap" >&2
  # shellcheck disable=SC2086
  exec "$java" @JVM_OPTIONS@ $cds_flags "$cds_file" -XX:MaxRAMPercentage=25 -jar "$home/lib/@TOOL@.jar" "$@"
fi
if [ -n "$cds_new" ]; then # the run that makes the archive is a child, to rename it afterwards
  # shellcheck disable=SC2086
  "$java" @JVM_OPTIONS@ $cds_flags "$cds_file" -jar "$home/lib/@TOOL@.jar" "$@"
  code=$?
  # shellcheck disable=SC2086
  cds_done @JVM_OPTIONS@
  exit "$code"
fi
# shellcheck disable=SC2086
exec "$java" @JVM_OPTIONS@ $cds_flags "$cds_file" -jar "$home/lib/@TOOL@.jar" "$@"

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

# A tool with a bounded heap (BOUNDED set) runs in it, unless the user's JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS give
# a heap limit: as the child of this script (common's HeapCap: it stops when this script is killed, and ends with 75
# when it runs out of that heap before writing anything), then once more with the JVM's default heap.
bounded='@BOUNDED@'
case "${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-}" in *-Xmx* | *MaxHeapSize* | *MaxRAM*) bounded='' ;; esac
if [ -n "$bounded" ]; then
  # shellcheck disable=SC2086 # the options are separate words
  "$java" @JVM_OPTIONS@ $bounded -Dpryv.migration.heapCap.parent=$$ -Dpryv.migration.heapCap.retry=true \
    -jar "$home/lib/@TOOL@.jar" "$@"
  code=$?
  [ "$code" -eq 75 ] || exit "$code"
  echo "@TOOL@: warning: this tree does not fit the bounded heap the tool runs in ($bounded); running it again with the JVM's default heap" >&2
  exec "$java" @JVM_OPTIONS@ -XX:MaxRAMPercentage=25 -jar "$home/lib/@TOOL@.jar" "$@"
fi
exec "$java" @JVM_OPTIONS@ -jar "$home/lib/@TOOL@.jar" "$@"

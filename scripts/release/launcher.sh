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

exec "$java" @JVM_OPTIONS@ -jar "$home/lib/@TOOL@.jar" "$@"

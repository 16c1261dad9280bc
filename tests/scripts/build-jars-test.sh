#!/usr/bin/env bash
# Tests of scripts/lib/build.sh (build_jars) on a copy of the checkout's poms with empty sources and jars, and a
# fake mvn that records its arguments: a jar is rebuilt when a file of ANY reactor module it depends on (read from
# the poms) is newer than it, and only then; the other jars are left alone.
# Usage: tests/scripts/build-jars-test.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

tools=(nginx-rewriter platform-yml-editor backup-transfer docker-ops verify)
copy="$tmp/checkout"
mkdir -p "$copy/scripts/lib" "$tmp/bin"
cp "$root/scripts/lib/build.sh" "$copy/scripts/lib/"
cp "$root/pom.xml" "$copy/"
while IFS= read -r module; do
  mkdir -p "$copy/$module/src/main/java" "$copy/$module/target"
  cp "$root/$module/pom.xml" "$copy/$module/"
  echo "class A {}" >"$copy/$module/src/main/java/A.java"
done < <(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$root/pom.xml")
find "$copy" -type f -exec touch -d '2020-01-01 00:00' {} +
for tool in "${tools[@]}"; do
  touch -d '2020-01-02 00:00' "$copy/$tool/target/$tool.jar"
done
printf '#!/bin/sh\necho "$*" >>"%s/mvn-calls"\n' "$tmp" >"$tmp/bin/mvn"
chmod +x "$tmp/bin/mvn"

# build_jars MODULE... in the copy; prints the -pl list of the mvn call, or "none" when mvn did not run
built() {
  rm -f "$tmp/mvn-calls"
  (PATH="$tmp/bin:$PATH" && source "$copy/scripts/lib/build.sh" && build_jars "$@") 2>/dev/null
  if [ -f "$tmp/mvn-calls" ]; then sed -n 's/.* -pl \([^ ]*\) .*/\1/p' "$tmp/mvn-calls"; else echo none; fi
}
edit() { # FILE: newer than every jar
  touch -d '2020-01-03 00:00' "$copy/$1"
}
expect() { # WHAT EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: built '$3', expected '$2'"; fi
}

expect "nothing changed" none "$(built "${tools[@]}")"
edit nginx-conf-parser/src/main/java/A.java
expect "an edit in nginx-conf-parser/ rebuilds nginx-rewriter only" nginx-rewriter "$(built "${tools[@]}")"
touch -d '2020-01-02 00:00' "$copy/nginx-conf-parser/src/main/java/A.java"
edit ssh/src/main/java/A.java
expect "an edit in ssh/ rebuilds backup-transfer and docker-ops" backup-transfer,docker-ops "$(built "${tools[@]}")"
touch -d '2020-01-02 00:00' "$copy/ssh/src/main/java/A.java"
edit common/pom.xml
expect "an edit of common's pom rebuilds every tool" "$(IFS=,; echo "${tools[*]}")" "$(built "${tools[@]}")"
touch -d '2020-01-02 00:00' "$copy/common/pom.xml"
edit nginx-conf-parser/src/main/java/A.java
expect "the same edit leaves jars that do not contain nginx-conf-parser alone" none "$(built platform-yml-editor verify)"
touch -d '2020-01-02 00:00' "$copy/nginx-conf-parser/src/main/java/A.java"
rm "$copy/verify/target/verify.jar"
expect "a missing jar is built" verify "$(built "${tools[@]}")"

if [ "$failures" -ne 0 ]; then
  echo "build-jars-test: $failures failed" >&2
  exit 1
fi
echo "build-jars-test: all passed"

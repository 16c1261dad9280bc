#!/usr/bin/env bash
# Collects the licence notices of every third-party library inside the given shaded jars into OUT_DIR: for each
# library the shade plugin left a META-INF/maven/GROUP/ARTIFACT/pom.properties for, the LICENSE and NOTICE files of
# its own jar (from the local Maven repository, where the build found it), in OUT_DIR/ARTIFACT-VERSION/, and one
# line in OUT_DIR/README.txt with the licence its pom declares. Fails when a library's jar or licence is not found.
# Usage: scripts/release/licenses.sh OUT_DIR JAR...
set -euo pipefail
out="$1"
shift
repo="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
die() { echo "release: error: $1" >&2; exit 4; }

# The first <licenses> name of a pom, following <parent> poms (commons-* and jackson-* declare it in a parent).
licence_of() { # group artifact version
  local pom="$repo/${1//.//}/$2/$3/$2-$3.pom" name parent
  [ -f "$pom" ] || return 0
  name=$(awk '/<licenses>/ { inside = 1 } inside && /<name>/ { sub(/.*<name>/, ""); sub(/<\/name>.*/, ""); print; exit }' "$pom")
  if [ -n "$name" ]; then echo "$name"; return 0; fi
  parent=$(awk '/<parent>/ { p = 1 } p && /<\/parent>/ { exit } p && /<(groupId|artifactId|version)>/ {
      gsub(/.*<[a-zA-Z]+>|<\/.*/, ""); printf "%s ", $0 }' "$pom")
  # shellcheck disable=SC2086
  [ -n "$parent" ] && licence_of $parent
  return 0
}

mkdir -p "$out"
libraries=$(for jar in "$@"; do unzip -Z1 "$jar" | grep '^META-INF/maven/.*/pom.properties$'; done | sort -u)
{
  echo "Third-party libraries inside the tools' jars (lib/*.jar), with their licence; each one's own LICENSE and"
  echo "NOTICE files are in the folder of the same name. The Java runtime's notices are in runtime/legal/."
  echo
} >"$out/README.txt"
for properties in $libraries; do
  group=$(basename "$(dirname "$(dirname "$properties")")")
  artifact=$(basename "$(dirname "$properties")")
  [ "$group" = io.pryv.migration ] && continue
  version=$(for jar in "$@"; do unzip -p "$jar" "$properties" 2>/dev/null || true; done | sed -n 's/^version=//p' | head -n 1)
  jar="$repo/${group//.//}/$artifact/$version/$artifact-$version.jar"
  [ -f "$jar" ] || die "$group:$artifact:$version is in a tool's jar but not in $repo: cannot copy its licence"
  dir="$out/$artifact-$version"
  mkdir -p "$dir"
  notices=$(unzip -Z1 "$jar" | grep -iE '^(META-INF/)?[^/]*(LICEN[CS]E|NOTICE|COPYING)[^/]*$' || true)
  for notice in $notices; do
    unzip -p "$jar" "$notice" >"$dir/$(basename "$notice")"
  done
  licence=$(licence_of "$group" "$artifact" "$version")
  [ -n "$notices" ] || [ -n "$licence" ] || die "$group:$artifact:$version has neither a licence file nor a declared licence"
  if [ -z "$notices" ]; then
    echo "$licence (declared in its pom; the jar carries no licence file)" >"$dir/LICENSE-declared.txt"
  fi
  printf '%-52s %-8s %s\n' "$group:$artifact" "$version" "${licence:-see its folder}" >>"$out/README.txt"
done

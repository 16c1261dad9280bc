#!/usr/bin/env bash
# Builds the release an operator unpacks on the machine that runs the migration:
#   dist/pryv-core-migration-VERSION-linux-x64.tar.gz            with its own Java runtime (jlink), needs no Java
#   dist/pryv-core-migration-VERSION-linux-x64-noruntime.tar.gz  runs on the machine's Java 17 or newer
# Both unpack to pryv-core-migration-VERSION/: bin/ (a launcher per tool, migrate-core.sh and what it sources),
# lib/ (the tools' jars), examples/, INSTALL.md, licenses/ (the notices of every dependency shipped), and runtime/.
#
# Usage: scripts/release.sh [--no-build]
#   --no-build   package the jars already in MODULE/target (e.g. right after mvn verify) as they are; without
#                it, the jars missing or older than a source of their modules are built first (scripts/lib/build.sh)
# Needs a JDK 17 or newer (jlink, jdeps; its jmods/, or a JDK 24+ that links from itself): JAVA_HOME, else the newest
# under /usr/lib/jvm, else the one on PATH; the runtime is that Java. Prints the two archives' paths last.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/scripts/release"
TOOLS=(nginx-rewriter platform-yml-editor backup-transfer docker-ops verify)

die() { echo "release: error: $1" >&2; exit "${2:-4}"; }

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $arg (see --help)" 2 ;;
  esac
done

# The JDK whose jlink makes runtime/: JAVA_HOME; else the newest JDK 17+ with jlink under /usr/lib/jvm (Java 25 and
# newer give the launchers an AOT cache: docs/install.md); else the one on PATH.
feature_of() { # JDK_HOME: its Java feature version, from its release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true
}
jdk_home=${JAVA_HOME:-}
if [ -z "$jdk_home" ]; then
  best=0
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    feature=$(feature_of "$candidate")
    if [ -x "$candidate/bin/jlink" ] && [ -x "$candidate/bin/jdeps" ] && [ "${feature:-0}" -gt "$best" ]; then
      best=$feature jdk_home=$candidate
    fi
  done
fi
if [ -z "$jdk_home" ] && command -v jlink >/dev/null; then
  jdk_home=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
fi
for program in jlink jdeps java; do
  [ -x "$jdk_home/bin/$program" ] || die "no $program in ${jdk_home:-a JDK}/bin: a JDK 17 or newer is needed (set JAVA_HOME)"
done
jdk_bin="$jdk_home/bin/"
jdk_feature=$(feature_of "$jdk_home")
[ "${jdk_feature:-0}" -ge 17 ] || die "$jdk_home is Java ${jdk_feature:-of an unknown version}: a JDK 17 or newer is needed (set JAVA_HOME)"

# The project's version: the first <version> of the parent pom (its own; the parent-less root has no other before).
VERSION=$(sed -n 's:^ *<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
[ -n "$VERSION" ] || die "no <version> in $root/pom.xml" 5
NAME="pryv-core-migration-$VERSION"

if [ "$BUILD" -eq 1 ]; then
  # shellcheck source=scripts/lib/build.sh
  source "$root/scripts/lib/build.sh"
  build_jars "${TOOLS[@]}"
fi
jars=()
for tool in "${TOOLS[@]}"; do
  jar="$root/$tool/target/$tool.jar"
  [ -f "$jar" ] || die "$tool/target/$tool.jar is missing: build the jars first (mvn -B -DskipTests package)"
  jars+=("$jar")
done

dist="$root/dist"
stage="$dist/stage"
rm -rf "$stage"
mkdir -p "$stage/$NAME"/{bin/lib,lib,licenses}
out="$stage/$NAME"

echo "release: assembling $NAME ..." >&2
cp "${jars[@]}" "$out/lib/"
# shellcheck source=scripts/release/launchers.sh
source "$here/launchers.sh"
for tool in "${TOOLS[@]}"; do
  write_launcher "$tool" "$VERSION" "$out/bin/$tool"
done
cp "$root/scripts/migrate-core.sh" "$out/bin/"
cp "$root/scripts/lib/jars.sh" "$out/bin/lib/"
cp "$root/scripts/lib/nginx-reload.sh" "$out/bin/lib/"
cp -r "$root/examples" "$out/examples"
sed -e "s|@VERSION@|$VERSION|g" -e "s|@NAME@|$NAME|g" "$here/INSTALL.md" >"$out/INSTALL.md"
echo "$VERSION" >"$out/VERSION"
"$here/licenses.sh" "$out/licenses" "${jars[@]}"

# The runtime: the modules jdeps finds in the jars, plus jdk.crypto.ec, the elliptic-curve provider that SSH key
# exchange and TLS load by name (no class refers to it, so jdeps cannot see it; JDK 22+ keep it in java.base).
modules=$("${jdk_bin}jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "${jars[@]}")
if "${jdk_bin}java" --list-modules | grep -q '^jdk\.crypto\.ec@'; then modules="$modules,jdk.crypto.ec"; fi
echo "release: jlink runtime (Java $jdk_feature, $jdk_home) with $modules ..." >&2
compress=2 # zip-6 from Java 21 on, where the numbered levels are deprecated
if [ "$jdk_feature" -ge 21 ]; then compress=zip-6; fi
"${jdk_bin}jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=$compress \
  --output "$stage/runtime" || die "jlink failed: use a JDK with its jmods/ folder (Debian: apt-get install openjdk-17-jdk-headless), or one whose run-time image links (Temurin 24+)"
# The native libraries' symbol tables (Temurin's libjvm.so keeps one: 5 MB) are not needed to run.
if command -v strip >/dev/null; then
  find "$stage/runtime" -name '*.so' -exec strip --strip-unneeded {} +
else
  echo "release: warning: no strip (binutils): the runtime's libraries keep their symbol tables" >&2
fi
# The JDK classes' shared archive (what makes a full JDK's java start fast), made by the runtime itself; not on Java 25
# and newer, where every tool's launcher maps an AOT cache of its own (docs/install.md), which holds these classes
# too: only a tool's first run on a machine, or one with PRYV_MIGRATION_CDS=off, starts without it (~0.08 s more).
if [ "$jdk_feature" -lt 25 ]; then "$stage/runtime/bin/java" -Xshare:dump >/dev/null; fi

# The -noruntime archive first (the same folder without runtime/), then the one with it.
mkdir -p "$dist"
tar_it() { tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -czf "$1" "$NAME"; }
noruntime="$dist/$NAME-linux-x64-noruntime.tar.gz"
full="$dist/$NAME-linux-x64.tar.gz"
tar_it "$noruntime"
mv "$stage/runtime" "$out/runtime"
tar_it "$full"
rm -rf "$stage"
echo "release: $(du -m "$full" | cut -f1) MB with the runtime, $(du -k "$noruntime" | cut -f1) KB without" >&2
echo "$full"
echo "$noruntime"

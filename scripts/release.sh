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
# Needs a JDK 17 with its jmods (jlink, jdeps): JAVA_HOME, else the one on PATH. Prints the two archives' paths last.
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

jdk_bin=""
if [ -n "${JAVA_HOME:-}" ]; then jdk_bin="$JAVA_HOME/bin/"; fi
for program in jlink jdeps java; do
  command -v "${jdk_bin}$program" >/dev/null || die "${jdk_bin}$program not found: a JDK 17 is needed (set JAVA_HOME)"
done
jdk_home=$(dirname "$(dirname "$(readlink -f "$(command -v "${jdk_bin}jlink")")")")
[ -d "$jdk_home/jmods" ] || die "$jdk_home has no jmods/ folder, which jlink needs (Debian: apt-get install openjdk-17-jdk-headless)"

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
if [ -f "$jdk_home/jmods/jdk.crypto.ec.jmod" ]; then modules="$modules,jdk.crypto.ec"; fi
echo "release: jlink runtime with $modules ..." >&2
"${jdk_bin}jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$stage/runtime"
# The JDK classes' shared archive (what makes a full JDK's java start fast), made by the runtime itself.
"$stage/runtime/bin/java" -Xshare:dump >/dev/null

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

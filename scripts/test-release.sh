#!/usr/bin/env bash
# Tests the release archives as an operator gets them (run by scripts/test.sh after mvn verify). Unpacks them in a
# clean folder whose path holds spaces, on a PATH with no java and no JAVA_HOME (env -i), and checks:
#   - every tool's --version, through a symlink, from another folder;
#   - one real command per tool: nginx-rewriter redirect + status, platform-yml-editor list-cores, backup-transfer
#     copy (its bounded child JVM), docker-ops mongo-check of the example dump, verify health against a local
#     HTTPS server with an EC certificate (the runtime's TLS);
#   - arguments reach the tool unchanged (a file name with spaces, quotes, $ and a glob);
#   - backup-transfer's launcher: bounded heap, a second run with the default heap after exit 75, the user's limit;
#   - migrate-core.sh plan on the example settings, showing the release's own launchers; from a checkout without
#     jars, it says to build first and runs no mvn;
#   - the class-data sharing archive (docker-ops; an AOT cache when the runtime is Java 25+, else an AppCDS archive):
#     none with PRYV_MIGRATION_CDS=off; made after the first run next to the release, mapped by the next, a refused one
#     ignored, remade for a moved release, the user's cache or none when the release's folder cannot be written, four
#     first runs at once; exit codes kept, stdout the tool's own and stderr empty throughout; nginx-rewriter's AOT
#     cache only on Java 25+; the -noruntime release on the machine's Java 17 makes and maps an AppCDS archive;
#   - the -noruntime archive: one clear line and exit 4 without a java, the tool with JAVA_HOME set, and one clear
#     line and exit 4 with a Java older than 17.
# Usage: scripts/test-release.sh [ARCHIVE [NORUNTIME_ARCHIVE]]   (default: the ones in dist/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck disable=SC2012 # the newest by time; the names are ours (pryv-core-migration-VERSION-...)
archive="${1:-$(ls -t "$root"/dist/pryv-core-migration-*-linux-x64.tar.gz 2>/dev/null | head -n 1)}"
noruntime="${2:-${archive%.tar.gz}-noruntime.tar.gz}"
[ -f "$archive" ] || { echo "test-release: error: no release archive (run scripts/release.sh first)" >&2; exit 2; }
[ -f "$noruntime" ] || { echo "test-release: error: $noruntime not found" >&2; exit 2; }

tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  # (a tool's AOT cache may still be being written in the background: one more try a moment later)
  rm -rf "$tmp" 2>/dev/null || { sleep 3; rm -rf "$tmp" || true; }
}
trap cleanup EXIT
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# A PATH holding every program of /usr/bin and /bin except Java's.
nojava="$tmp/no-java-bin"
mkdir -p "$nojava"
dirs=(/usr/bin)
[ /bin -ef /usr/bin ] || dirs+=(/bin)
for dir in "${dirs[@]}"; do
  # Each program with what it resolves to; those that resolve into a JDK are left out (one ln for all the others).
  paste <(printf '%s\n' "$dir"/*) <(readlink -f "$dir"/*) \
    | awk -F'\t' '$2 !~ /\/jvm\// && $2 !~ /\/(java|javac|jlink|jdeps|jar)$/ { print $1 }' \
    | xargs -d '\n' ln -s -t "$nojava" 2>/dev/null || true
done
clean=(env -i "PATH=$nojava" "HOME=$tmp/home" LANG=C.UTF-8)
mkdir -p "$tmp/home"
if "${clean[@]}" sh -c 'command -v java' >/dev/null; then
  echo "test-release: error: the test PATH still finds a java" >&2
  exit 5
fi

install="$tmp/opt with spaces"
mkdir -p "$install" "$tmp/links" "$tmp/work dir"
tar -xzf "$archive" -C "$install"
release=$(echo "$install"/pryv-core-migration-*)
version=$(cat "$release/VERSION")
echo "testing $(basename "$archive") unpacked in '$install'"
if [ -x "$release/runtime/bin/java" ]; then pass "runtime/ holds a java"; else fail "runtime/bin/java missing"; fi
if [ -s "$release/licenses/README.txt" ] && [ -d "$release/runtime/legal" ]; then
  pass "licence notices shipped"
else
  fail "licenses/README.txt or runtime/legal missing"
fi

tools=(nginx-rewriter platform-yml-editor backup-transfer docker-ops verify)
for name in "${tools[@]}" migrate-core.sh; do ln -s "$release/bin/$name" "$tmp/links/$name"; done
run() { # NAME ARGS...: the tool through its symlink, from another folder, in the clean environment
  local name="$1"
  shift
  (cd "$tmp/work dir" && "${clean[@]}" "$tmp/links/$name" "$@")
}

for name in "${tools[@]}"; do
  if out=$(run "$name" --version 2>&1) && [ "$out" = "$name $version" ]; then
    pass "$name --version: $out"
  else
    fail "$name --version printed: $out"
  fi
done

# nginx-rewriter: redirect a copy whose name holds spaces, quotes, $ and a glob, then status says redirected.
odd="$tmp/work dir/a b 'q' \"d\" \$HOME *.conf"
cp "$release/examples/site-443.conf" "$odd"
if run nginx-rewriter redirect "$odd" --to 10.0.0.2 >/dev/null 2>"$tmp/err" && run nginx-rewriter status "$odd" >"$tmp/out" 2>&1 \
    && grep -q 'server 10.0.0.2:443;' "$odd"; then
  pass "nginx-rewriter redirect + status on a file named: ${odd##*/}"
else
  fail "nginx-rewriter redirect/status on '${odd##*/}': $(cat "$tmp/err" "$tmp/out" 2>/dev/null)"
fi
out=$(run nginx-rewriter status "$tmp/work dir/*.conf" 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 3 ]; then
  pass "a glob is not expanded by the launcher (status '*.conf': exit 3)"
else
  fail "status of a literal '*.conf' gave exit $rc: $out"
fi

if out=$(run platform-yml-editor list-cores "$release/examples/platform.yml" 2>&1) && grep -q co1 <<<"$out"; then
  pass "platform-yml-editor list-cores: $(grep co1 <<<"$out" | head -n 1 | tr -s ' ')"
else
  fail "platform-yml-editor list-cores: $out"
fi

mkdir -p "$tmp/copy src/sub dir"
head -c 300000 /dev/urandom >"$tmp/copy src/sub dir/file one.bin"
echo hello >"$tmp/copy src/two"
if run backup-transfer copy "$tmp/copy src" "$tmp/copy dst" >"$tmp/out" 2>&1 && diff -r "$tmp/copy src" "$tmp/copy dst" >/dev/null; then
  pass "backup-transfer copy: identical tree"
else
  fail "backup-transfer copy: $(cat "$tmp/out")"
fi

conf="$tmp/conf root"
mkdir -p "$conf/pryv/mongodb/backup"
cp -r "$release/examples/mongodb-dump/." "$conf/pryv/mongodb/backup/"
if run docker-ops mongo-check --write-manifest --conf-root "$conf" >"$tmp/out" 2>&1 \
    && run docker-ops mongo-check --conf-root "$conf" >>"$tmp/out" 2>&1; then
  pass "docker-ops mongo-check of the example dump: $(tail -n 1 "$tmp/out")"
else
  fail "docker-ops mongo-check: $(cat "$tmp/out")"
fi

# verify health over TLS 1.3/1.2 with an ECDSA certificate: needs the runtime's elliptic-curve provider.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=core.test \
  -addext subjectAltName=DNS:core.test -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
python3 "$root/tests/infra/status-core.py" "$tmp/cert.pem" "$tmp/key.pem" >"$tmp/port" &
server=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
if run verify health --api "https://core.test:$port/" --resolve "core.test:$port:127.0.0.1" --cacert "$tmp/cert.pem" \
    >"$tmp/out" 2>&1 && grep -qi '^ok *tls' "$tmp/out"; then
  pass "verify health over TLS with an EC certificate"
else
  fail "verify health: $(cat "$tmp/out")"
fi

# backup-transfer's launcher: bounded heap, then once more with the default heap when the child ends with 75 (the
# out-of-bounded-heap code); a fake java stands in for a tree too large for -Xmx160m.
fake="$tmp/fake release"
mkdir -p "$fake/bin" "$fake/lib" "$fake/runtime/bin"
cp "$release/bin/backup-transfer" "$fake/bin/"
: >"$fake/lib/backup-transfer.jar"
cat >"$fake/runtime/bin/java" <<'SH'
#!/bin/sh
echo "$*" >>"${0%/runtime/bin/java}/calls"
case "$*" in *-Xmx160m*) exit 75 ;; esac
exit 0
SH
chmod +x "$fake/runtime/bin/java"
out=$("${clean[@]}" "$fake/bin/backup-transfer" copy "a b" c 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 0 ] && grep -q 'warning: this tree does not fit the bounded heap' <<<"$out" \
    && [ "$(wc -l <"$fake/calls")" -eq 2 ] && grep -q -- '-Xmx160m -Dpryv.migration.heapCap.parent=[0-9]* ' "$fake/calls" \
    && tail -n 1 "$fake/calls" | grep -q -- '-XX:MaxRAMPercentage=25 -jar .* copy a b c$'; then
  pass "backup-transfer: bounded heap, then the default heap after exit 75"
else
  fail "backup-transfer's second chance: exit $rc, $out, calls: $(cat "$fake/calls")"
fi
rm -f "$fake/calls"
"${clean[@]}" JDK_JAVA_OPTIONS=-Xmx1g "$fake/bin/backup-transfer" --version >/dev/null 2>&1 || true
if [ "$(wc -l <"$fake/calls")" -eq 1 ] && ! grep -q Xmx160m "$fake/calls"; then
  pass "backup-transfer: a heap limit in JDK_JAVA_OPTIONS replaces the bounded heap"
else
  fail "backup-transfer with JDK_JAVA_OPTIONS=-Xmx1g: $(cat "$fake/calls")"
fi

if run migrate-core.sh --config "$release/examples/migration.env" plan >"$tmp/plan" 2>&1 \
    && grep -qF "$(printf '%q' "$release/bin/nginx-rewriter") redirect" "$tmp/plan" \
    && ! grep -q 'java -jar\|target/' "$tmp/plan"; then
  pass "migrate-core.sh plan: $(grep -c '^\[' "$tmp/plan") phases, the release's own launchers"
else
  fail "migrate-core.sh plan: $(head -n 20 "$tmp/plan")"
fi

# A checkout whose jars are not built: migrate-core.sh says to build first (exit 4) and never runs Maven itself.
checkout="$tmp/checkout"
mkdir -p "$checkout/scripts/lib" "$tmp/mvn-bin"
cp "$root/scripts/migrate-core.sh" "$checkout/scripts/"
cp "$root/scripts/lib/jars.sh" "$checkout/scripts/lib/"
cp "$root/scripts/lib/nginx-reload.sh" "$checkout/scripts/lib/"
printf '#!/bin/sh\ntouch "%s/mvn-ran"\n' "$tmp" >"$tmp/mvn-bin/mvn"
chmod +x "$tmp/mvn-bin/mvn"
out=$(env -i "PATH=$tmp/mvn-bin:$nojava" "HOME=$tmp/home" "$checkout/scripts/migrate-core.sh" \
  --config "$release/examples/migration.env" plan 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 4 ] && [ ! -e "$tmp/mvn-ran" ] && grep -q '^migrate-core: error: .*target/.*jar is missing: build the jars first' <<<"$out"; then
  pass "a checkout without jars: migrate-core.sh says to build first, exit 4, no mvn run"
else
  fail "a checkout without jars: exit $rc, mvn ran: $([ -e "$tmp/mvn-ran" ] && echo yes || echo no), $out"
fi

# The class-data sharing archive the launchers make on the machine (PRYV_MIGRATION_CDS): a fresh copy of the release,
# in a path without spaces (with one, Java 17 maps only its own classes from the archive, not the tool's). On a Java
# 25+ runtime it is an AOT cache (.aot), else an AppCDS archive (.jsa).
cds_release="$tmp/cds-opt/pryv-core-migration-$version"
mkdir -p "$tmp/cds-opt"
tar -xzf "$archive" -C "$tmp/cds-opt"
runtime_feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$cds_release/runtime/release")
ext=jsa
if [ "$runtime_feature" -ge 25 ]; then ext=aot; fi
cds_run() { # RELEASE ENV...: docker-ops mongo-check of the example dump, its exit code in rc, its stderr in $tmp/cds-err
  local at="$1"
  shift
  rc=0
  (cd "$tmp/work dir" && "${clean[@]}" "$@" "$at/bin/docker-ops" mongo-check --conf-root "$conf" >/dev/null \
    2>"$tmp/cds-err") || rc=$?
}
archives() { { find "$1" -mindepth 1 -maxdepth 1 -name "${2:-*}" -printf '%f\n' 2>/dev/null || true; } | sort | tr '\n' ' '; }
# An AOT cache is written in the background after the first run has ended: waits (at most 60 s) until DIR holds no
# recording (.conf) nor cache being written (.tmp).
settle() {
  for _ in $(seq 600); do
    [ -z "$(find "$1" -maxdepth 1 \( -name '*.conf' -o -name '*.tmp' \) 2>/dev/null)" ] && return 0
    sleep 0.1
  done
}
(cd "$tmp/work dir" && "${clean[@]}" PRYV_MIGRATION_CDS=off "$cds_release/bin/nginx-rewriter" --version >/dev/null 2>&1) || true
cds_run "$cds_release" PRYV_MIGRATION_CDS=off
if [ "$rc" -eq 0 ] && [ ! -e "$cds_release/cds" ] && [ ! -s "$tmp/cds-err" ]; then
  pass "PRYV_MIGRATION_CDS=off: no archive written"
else
  fail "PRYV_MIGRATION_CDS=off: exit $rc, cds/: $(archives "$cds_release/cds"), $(cat "$tmp/cds-err")"
fi
cds_run "$cds_release"
settle "$cds_release/cds"
first=$(archives "$cds_release/cds")
if [ "$rc" -eq 0 ] && [[ "$first" =~ ^docker-ops-[0-9]+\.$ext\ $ ]] && [ ! -s "$tmp/cds-err" ]; then
  pass "the first run makes the archive next to the release: cds/$first(exit 0, stderr empty)"
else
  fail "the first run: exit $rc, cds/: $first, stderr: $(cat "$tmp/cds-err")"
fi
jsa="$cds_release/cds/${first% }"
# The archive is one Java maps for this jar (-Xshare:on, -XX:AOTMode=on fail the start otherwise), and the launcher
# passes it.
strict=(-Xshare:on "-XX:SharedArchiveFile=$jsa")
if [ "$ext" = aot ]; then strict=(-XX:AOTMode=on "-XX:AOTCache=$jsa"); fi
if out=$("$cds_release/runtime/bin/java" "${strict[@]}" -jar "$cds_release/lib/docker-ops.jar" \
    --version 2>&1) && [ "$out" = "docker-ops $version" ] && cds_run "$cds_release" && [ "$rc" -eq 0 ] \
    && [ "$(archives "$cds_release/cds")" = "$first" ] && [ ! -s "$tmp/cds-err" ]; then
  pass "the archive maps with ${strict[0]}, and the next run uses it and writes nothing"
else
  fail "the archive with ${strict[0]}: $out; cds/: $(archives "$cds_release/cds"), stderr: $(cat "$tmp/cds-err")"
fi
# The launcher passes it: the tool's own classes come from the archive ("shared objects file").
maps_archive() { # RELEASE LABEL [ENV...]: a mongo-check of RELEASE loads the tool's classes from its archive
  local at="$1" label="$2"
  shift 2
  (cd "$tmp/work dir" && "${clean[@]}" "$@" "JDK_JAVA_OPTIONS=-Xlog:class+load=info:file=$tmp/loaded.log" \
    "$at/bin/docker-ops" mongo-check --conf-root "$conf" >/dev/null 2>&1) || true
  if grep -q 'io\.pryv\.migration\..* source: shared objects file' "$tmp/loaded.log" 2>/dev/null; then
    pass "$label: $(grep -c 'io\.pryv.* source: shared objects file' "$tmp/loaded.log") of the tool's classes from the archive"
  else
    fail "$label does not map the archive: $(grep -m 3 'io\.pryv' "$tmp/loaded.log" 2>/dev/null)"
  fi
}
maps_archive "$cds_release" "the launcher maps it"
# nginx-rewriter: an AOT cache of its own on Java 25+ only; the first run's stdout is the tool's own (Java's line
# about the recording is not shown) and its stderr empty.
out=$(cd "$tmp/work dir" && "${clean[@]}" "$cds_release/bin/nginx-rewriter" --version 2>"$tmp/cds-err") && rc=0 || rc=$?
settle "$cds_release/cds"
made=$(archives "$cds_release/cds" 'nginx-rewriter-*')
expected='^nginx-rewriter-[0-9]+\.aot\ $'
if [ "$ext" = jsa ]; then expected='^$'; fi
if [ "$rc" -eq 0 ] && [ "$out" = "nginx-rewriter $version" ] && [ ! -s "$tmp/cds-err" ] && [[ "$made" =~ $expected ]]; then
  pass "nginx-rewriter's first run on Java $runtime_feature: stdout '$out' only, stderr empty, cds/: ${made:-none}"
else
  fail "nginx-rewriter's first run: exit $rc, stdout '$out', stderr $(cat "$tmp/cds-err"), cds/: $made"
fi
# A run whose archive Java refuses (here: not an archive) runs as before, stderr clean.
cp "$jsa" "$tmp/jsa"
echo 'not an archive' >"$jsa"
if out=$(cd "$tmp/work dir" && "${clean[@]}" "$cds_release/bin/docker-ops" --version 2>&1) \
    && [ "$out" = "docker-ops $version" ]; then
  pass "a refused archive: the tool runs, nothing on stderr"
else
  fail "a refused archive: $out"
fi
cp "$tmp/jsa" "$jsa"
# A moved release: its archive no longer fits, a new one is made, stderr clean.
mv "$tmp/cds-opt" "$tmp/cds-moved"
cds_release="$tmp/cds-moved/pryv-core-migration-$version"
cds_run "$cds_release"
settle "$cds_release/cds"
moved=$(archives "$cds_release/cds" 'docker-ops-*')
if [ "$rc" -eq 0 ] && [[ "$moved" =~ ^docker-ops-[0-9]+\.$ext\ $ ]] && [ "$moved" != "$first" ] \
    && [ ! -s "$tmp/cds-err" ] && cds_run "$cds_release" && [ "$rc" -eq 0 ] \
    && [ "$(archives "$cds_release/cds" 'docker-ops-*')" = "$moved" ]; then
  pass "a moved release makes a new archive for its new path, in place of the old: cds/$moved"
else
  fail "a moved release: exit $rc, cds/: $moved, stderr: $(cat "$tmp/cds-err")"
fi
# Nowhere to write next to the release (cds is a file): the user's cache; no cache either: the tool runs without.
rm -rf "$cds_release/cds"
: >"$cds_release/cds"
cds_run "$cds_release" "XDG_CACHE_HOME=$tmp/cache"
settle "$tmp/cache/pryv-core-migration/cds"
cached=$(archives "$tmp/cache/pryv-core-migration/cds")
if [ "$rc" -eq 0 ] && [[ "$cached" =~ ^docker-ops-[0-9]+\.$ext\ $ ]] && [ ! -s "$tmp/cds-err" ]; then
  pass "a release folder it cannot write: the archive goes to \$XDG_CACHE_HOME/pryv-core-migration/cds/"
else
  fail "the user's cache: exit $rc, cache: $cached, stderr: $(cat "$tmp/cds-err")"
fi
cds_run "$cds_release" HOME=/proc/version
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/cds-err" ]; then
  pass "no writable place for an archive: the tool runs without one (exit 0, stderr empty)"
else
  fail "no writable place: exit $rc, stderr: $(cat "$tmp/cds-err")"
fi
# Four first runs at once: each succeeds, one archive remains, no temp file is left behind (nor what a first run
# killed two hours ago left: a recording and a half-written archive).
rm -f "$cds_release/cds"
mkdir -p "$cds_release/cds"
touch -d '2 hours ago' "$cds_release/cds/docker-ops-1.$ext.99999.conf" "$cds_release/cds/docker-ops-1.$ext.99999.tmp"
pids=()
for i in 1 2 3 4; do
  (cd "$tmp/work dir" && "${clean[@]}" "$cds_release/bin/docker-ops" mongo-check --conf-root "$conf" >/dev/null \
    2>"$tmp/cds-err$i") &
  pids+=($!)
done
codes=""
for pid in "${pids[@]}"; do wait "$pid" && codes+="0 " || codes+="$? "; done
settle "$cds_release/cds"
if [ "$codes" = "0 0 0 0 " ] && [[ "$(archives "$cds_release/cds")" =~ ^docker-ops-[0-9]+\.$ext\ $ ]] \
    && [ -z "$(cat "$tmp"/cds-err?)" ] && cds_run "$cds_release" && [ "$rc" -eq 0 ] && [ ! -s "$tmp/cds-err" ]; then
  pass "four first runs at once: exits $codes, one archive, stderr empty, and the next run maps it"
else
  fail "four first runs at once: exits $codes, cds/: $(archives "$cds_release/cds"), stderr: $(cat "$tmp"/cds-err?)"
fi

# The -noruntime archive.
light="$tmp/light dir"
mkdir -p "$light"
tar -xzf "$noruntime" -C "$light"
light=$(echo "$light"/pryv-core-migration-*)
if [ ! -e "$light/runtime" ]; then pass "-noruntime has no runtime/"; else fail "-noruntime holds a runtime/"; fi
out=$("${clean[@]}" "$light/bin/verify" --version 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 4 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q '^verify: error: no Java found' <<<"$out"; then
  pass "-noruntime without java: exit 4, $out"
else
  fail "-noruntime without java: exit $rc, $out"
fi
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
if out=$("${clean[@]}" "JAVA_HOME=$jdk" "$light/bin/verify" --version 2>&1) && [ "$out" = "verify $version" ]; then
  pass "-noruntime with JAVA_HOME=$jdk: $out"
else
  fail "-noruntime with JAVA_HOME: $out"
fi
# On that Java (17 here), an AppCDS archive, made by the first run and mapped by the next (in a copy whose path has
# no spaces, see above).
cp -r "$light" "$tmp/light-cds"
rm -rf "$tmp/light-cds/cds" # what the --version above made
jdk_feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
jdk_ext=jsa
if [ "${jdk_feature:-0}" -ge 25 ]; then jdk_ext=aot; fi
cds_run "$tmp/light-cds" "JAVA_HOME=$jdk"
made=$(archives "$tmp/light-cds/cds")
if [ "$rc" -eq 0 ] && [[ "$made" =~ ^docker-ops-[0-9]+\.$jdk_ext\ $ ]] && [ ! -s "$tmp/cds-err" ]; then
  pass "-noruntime on Java $jdk_feature: the first run makes cds/$made"
else
  fail "-noruntime on Java $jdk_feature: exit $rc, cds/: $made, stderr: $(cat "$tmp/cds-err")"
fi
maps_archive "$tmp/light-cds" "-noruntime on Java $jdk_feature: the launcher maps it" "JAVA_HOME=$jdk"
mkdir -p "$tmp/old-java/bin"
printf '#!/bin/sh\necho old java ran >&2\nexit 1\n' >"$tmp/old-java/bin/java"
chmod +x "$tmp/old-java/bin/java"
echo 'JAVA_VERSION="11.0.2"' >"$tmp/old-java/release"
out=$("${clean[@]}" "JAVA_HOME=$tmp/old-java" "$light/bin/verify" --version 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 4 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q 'Java 17 or newer is needed' <<<"$out"; then
  pass "-noruntime with Java 11: exit 4, $out"
else
  fail "-noruntime with Java 11: exit $rc, $out"
fi

if [ "$failures" -gt 0 ]; then
  echo "test-release: $failures check(s) failed" >&2
  exit 1
fi
echo "test-release: every check passed"

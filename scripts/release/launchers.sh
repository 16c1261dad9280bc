# shellcheck shell=bash
# The release's launchers (sourced by scripts/release.sh, and by the benchmarks that run a tool as the release does):
# write_launcher TOOL VERSION FILE writes bin/TOOL from launcher.sh with the JVM options the tool runs with.
launcher_template="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/launcher.sh"

# The JVM options each tool runs with (bench/release/run.sh measures them). The serial collector everywhere: the
# least memory and CPU of its own for these heaps. C1 only for the two quick file editors: a redirect of the example
# site-443.conf takes ~0.45 s of CPU instead of ~0.65 s, and even a parse of a 50,000-line config is faster without
# C2's compile work; the long runs (verify's snapshots, docker-ops' dump counts, transfers) keep C2.
jvm_options() {
  case "$1" in
    nginx-rewriter | platform-yml-editor) echo '-XX:+UseSerialGC -XX:TieredStopAtLevel=1' ;;
    *) echo '-XX:+UseSerialGC' ;;
  esac
}
# The heap a tool is bounded to, with a second run on the default heap when its data does not fit (common's HeapCap
# is the tool's side of it): backup-transfer's. 160 MB holds the listings and plan of a push of 400,000 files
# (200,000-300,000 with --checksum, which also holds both sides' sums), measured by bench/backup-transfer/memory.sh;
# with the serial collector the RSS stays far below what the JVM's default heap and G1 would let it reach.
bounded_heap() {
  case "$1" in
    backup-transfer) echo '-Xmx160m' ;;
  esac
}
# Whether the launcher makes and maps a class-data file by default, measured by bench/release/cds.sh (medians on/off,
# alternated). on: an AOT cache on Java 25+ (every tool 0.47-0.61x wall; nginx-rewriter redirect --dry-run 0.80-0.85x),
# an AppCDS archive on Java 17-24 (docker-ops mongo-check 0.57x, backup-transfer push re-run 0.83-0.85x, verify health
# 0.46x). aot: the AOT cache only, for the two quick file editors, which the AppCDS archive does not speed up by the
# 10 % that earns a mechanism its place (nginx-rewriter status 0.87-0.97x, redirect --dry-run 1.05x).
cds_default() {
  case "$1" in
    backup-transfer | docker-ops | verify) echo on ;;
    *) echo aot ;;
  esac
}
write_launcher() { # TOOL VERSION FILE
  sed -e "s|@TOOL@|$1|g" -e "s|@VERSION@|$2|g" -e "s|@JVM_OPTIONS@|$(jvm_options "$1")|g" \
    -e "s|@BOUNDED@|$(bounded_heap "$1")|" -e "s|@CDS@|$(cds_default "$1")|" "$launcher_template" >"$3"
  chmod 755 "$3"
}

# shellcheck shell=bash
# How every benchmark gets the jars it measures (sourced): build_jars MODULE... runs Maven, visibly, for the named
# tool modules (and the modules they depend on) when a jar is missing or a file of one of those modules (its pom or
# src/main) or the parent pom is newer than it; else it builds nothing. Sets root (the checkout).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The checkout's modules a module depends on, itself included, from the <artifactId>s its pom names.
module_closure() {
  local pending=("$@") seen=" " module dep
  while [ ${#pending[@]} -gt 0 ]; do
    module="${pending[0]}"
    pending=("${pending[@]:1}")
    [[ "$seen" == *" $module "* ]] && continue
    seen+="$module "
    echo "$module"
    for dep in $(sed -n 's:.*<artifactId>\(.*\)</artifactId>.*:\1:p' "$root/$module/pom.xml"); do
      [ "$dep" != "$module" ] && [ -f "$root/$dep/pom.xml" ] && pending+=("$dep")
    done
  done
}

build_jars() {
  local module jar stale=() sources=() dep
  for module in "$@"; do
    jar="$root/$module/target/$module.jar"
    sources=("$root/pom.xml")
    for dep in $(module_closure "$module"); do
      sources+=("$root/$dep/pom.xml" "$root/$dep/src/main")
    done
    sources+=("$root/$module/src") # its tests too: a bench may run its test classes (bench/verify)
    if [ ! -f "$jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      stale+=("$module")
    fi
  done
  [ ${#stale[@]} -eq 0 ] && return 0
  local list
  list=$(IFS=,; echo "${stale[*]}")
  echo "bench: building $list (mvn -B -q -DskipTests -pl $list -am package) ..." >&2
  # Maven 3.8 prints colour resets even in batch/quiet mode: strip them (pipefail keeps mvn's exit code).
  (cd "$root" && mvn -B -q -DskipTests -pl "$list" -am package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
}

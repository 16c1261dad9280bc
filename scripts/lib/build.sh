# shellcheck shell=bash
# How scripts and benchmarks get the tools' jars from a checkout (sourced): build_jars MODULE... runs Maven,
# visibly, for the named modules (and the modules they depend on) when a jar is missing or a file of one of those
# modules (its pom or src/main) or the parent pom is newer than it; else it builds nothing. The modules a module
# depends on are read from the poms: the reactor's <module>s, matched to the <dependency> artifactIds of each pom,
# so an edit in ssh/ or nginx-conf-parser/ rebuilds the jars that contain them.
# Sets root (the checkout). scripts/lib/jars.sh finds and runs the jars; it never builds.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The reactor's modules: MODULE_FOLDER[artifactId]=folder, from the parent pom's <module>s and each module's own
# artifactId (the first one outside its <parent> block). Read once per script.
declare -gA MODULE_FOLDER=()
load_reactor() {
  [ ${#MODULE_FOLDER[@]} -gt 0 ] && return 0
  local folder own
  while IFS= read -r folder; do
    own=$(awk '/<parent>/ { p = 1 } /<\/parent>/ { p = 0; next }
      !p && /<artifactId>/ { sub(/.*<artifactId>/, ""); sub(/<\/artifactId>.*/, ""); print; exit }' "$root/$folder/pom.xml")
    MODULE_FOLDER[$own]=$folder
  done < <(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$root/pom.xml")
}

# The artifactIds of the <dependency> entries of module folder $1's pom (any scope).
module_dependencies() { # FOLDER
  sed -n '/<dependency>/,/<\/dependency>/s:.*<artifactId>\(.*\)</artifactId>.*:\1:p' "$root/$1/pom.xml"
}

# The reactor modules (folders) module folder $1 depends on, itself first, each once.
module_closure() { # FOLDER...
  local pending=("$@") seen=" " module dep
  load_reactor
  while [ ${#pending[@]} -gt 0 ]; do
    module="${pending[0]}"
    pending=("${pending[@]:1}")
    [[ "$seen" == *" $module "* ]] && continue
    seen+="$module "
    echo "$module"
    while IFS= read -r dep; do
      if [ -n "${MODULE_FOLDER[$dep]:-}" ]; then pending+=("${MODULE_FOLDER[$dep]}"); fi
    done < <(module_dependencies "$module")
  done
}

build_jars() { # MODULE...
  local module jar stale=() sources=() dep
  load_reactor
  for module in "$@"; do
    jar="$root/$module/target/$module.jar"
    sources=("$root/pom.xml")
    while IFS= read -r dep; do
      sources+=("$root/$dep/pom.xml" "$root/$dep/src/main")
    done < <(module_closure "$module")
    sources+=("$root/$module/src") # its tests too: a bench may run its test classes (bench/verify)
    if [ ! -f "$jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      stale+=("$module")
    fi
  done
  [ ${#stale[@]} -eq 0 ] && return 0
  local list
  list=$(IFS=,; echo "${stale[*]}")
  echo "build: $list (mvn -B -q -DskipTests -pl $list -am package) ..." >&2
  # Maven 3.8 prints colour resets even in batch/quiet mode: strip them (pipefail keeps mvn's exit code).
  (cd "$root" && mvn -B -q -DskipTests -pl "$list" -am package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
}

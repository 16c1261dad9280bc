#!/usr/bin/env bash
# Runs shellcheck over every shell script of the repository: each *.sh file and each file whose first line is a
# sh or bash shebang, found (never listed by hand) below the repository, except build output (target/, dist/) and
# .git. Prints shellcheck's findings, one per line (file:line:column: level: message [SCxxxx]).
# Exit 0 when no script has a finding, 1 when one has (the build fails), 4 when shellcheck is missing.
# Run by scripts/test.sh before mvn, which installs shellcheck when missing.
#
# Usage: tests/infra/shellcheck-all.sh [--list] [ROOT]
#   --list   print the scripts that would be checked, one per line, and check nothing
#   ROOT     the tree to check (default: this repository); sources named in `# shellcheck source=` lines are
#            found from ROOT, as every script here names them (e.g. scripts/lib/jars.sh)
set -euo pipefail

LIST=0
if [ "${1:-}" = "--list" ]; then
  LIST=1
  shift
fi
root="$(cd "${1:-$(dirname "$0")/../..}" && pwd)"

is_script() { # FILE
  case "$1" in
    *.sh) return 0 ;;
  esac
  local first
  IFS= read -r first <"$1" 2>/dev/null || return 1
  [[ "$first" =~ ^\#!.*(/|env[[:space:]]+)(ba)?sh([[:space:]]|$) ]]
}

scripts=()
while IFS= read -r -d '' file; do
  relative="${file#"$root"/}"
  if is_script "$file"; then
    scripts+=("$relative")
  fi
done < <(find "$root" \( -name .git -o -name target -o -name dist -o -name node_modules \) -prune \
  -o -type f -print0 | sort -z)

if [ "$LIST" -eq 1 ]; then
  [ ${#scripts[@]} -eq 0 ] || printf '%s\n' "${scripts[@]}"
  exit 0
fi
command -v shellcheck >/dev/null || { echo "shellcheck: error: shellcheck is not installed (apt-get install shellcheck)" >&2; exit 4; }
[ ${#scripts[@]} -gt 0 ] || { echo "shellcheck: error: no script found below $root" >&2; exit 4; }

cd "$root"
if shellcheck --external-sources --format=gcc "${scripts[@]}"; then
  echo "shellcheck: ${#scripts[@]} scripts, no finding" >&2
  exit 0
fi
echo "shellcheck: error: findings above (${#scripts[@]} scripts checked); fix them, or disable one with a" \
  "'# shellcheck disable=SCxxxx # why' comment on the line before" >&2
exit 1

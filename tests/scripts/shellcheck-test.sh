#!/usr/bin/env bash
# shellcheck disable=SC2016 # the scripts this test writes are literal text: nothing to expand here
# Tests of tests/infra/shellcheck-all.sh on a tree made here: it finds the scripts by name and by shebang (never
# build output), fails (exit 1) and names the file and the finding when one script has a finding,
# and passes (exit 0) on clean scripts.
# Usage: tests/scripts/shellcheck-test.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
check="$root/tests/infra/shellcheck-all.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

tree="$tmp/tree"
mkdir -p "$tree/bin" "$tree/scripts" "$tree/module/target" "$tree/docs"
printf '#!/usr/bin/env bash\nset -eu\necho "clean: ${1:-none}"\n' >"$tree/clean.sh"
printf '#!/usr/bin/env bash\nrm -rf $1/data\n' >"$tree/unquoted.sh"          # SC2086: $1 unquoted
printf '#!/bin/sh\nfor f in $(ls); do echo "$f"; done\n' >"$tree/bin/launch"  # no .sh, a sh shebang: SC2045
printf '#!/usr/bin/env bash\necho $1\n' >"$tree/module/target/built.sh"     # build output
printf '#!/usr/bin/env python3\nprint("not shell")\n' >"$tree/bin/tool.py"
printf 'echo $1 in a text file\n' >"$tree/docs/notes.txt"

listed=$("$check" --list "$tree" | tr '\n' ' ')
if [ "$listed" = "bin/launch clean.sh unquoted.sh " ]; then
  pass "finds *.sh and shebang scripts, not build output or other languages: $listed"
else
  fail "scripts found: '$listed', expected 'bin/launch clean.sh unquoted.sh '"
fi

out=$("$check" "$tree" 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 1 ] && grep -q '^unquoted.sh:2:.*\[SC2086\]' <<<"$out" && grep -q '^bin/launch:2:.*\[SC2045\]' <<<"$out" \
  && ! grep -q 'built.sh\|clean.sh' <<<"$out"; then
  pass "findings fail the check (exit 1) with file, line and code"
else
  fail "on scripts with findings: exit $rc, output: $out"
fi

rm "$tree/unquoted.sh" "$tree/bin/launch"
out=$("$check" "$tree" 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 0 ] && grep -q '^shellcheck: 1 scripts, no finding' <<<"$out"; then
  pass "clean scripts pass (exit 0): $out"
else
  fail "on clean scripts: exit $rc, output: $out"
fi

if [ "$failures" -ne 0 ]; then
  echo "shellcheck-test: $failures failed" >&2
  exit 1
fi
echo "shellcheck-test: all passed"

# shellcheck shell=bash
# Finds the toolkit's tools for the scripts (sourced). In a release (this file is bin/lib/jars.sh) they are the
# launchers in bin/, next to this folder; in a source checkout (scripts/lib/jars.sh) they are the jars that
# `mvn package` left in MODULE/target, run with the java on PATH. Nothing is ever built here.
# Defines TOOLKIT_ROOT (the release's folder, or the checkout), require_tools, tool_words and tool.

TOOLKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLKIT_TOOLS=(nginx-rewriter platform-yml-editor backup-transfer docker-ops verify)
TOOLKIT_BIN=""
if [ -x "$TOOLKIT_ROOT/bin/nginx-rewriter" ] && [ -f "$TOOLKIT_ROOT/bin/lib/jars.sh" ]; then
  TOOLKIT_BIN="$TOOLKIT_ROOT/bin"
fi

# Stops (exit 4, one line prefixed with the caller's name) when a tool is missing: in a checkout, says to build.
require_tools() { # CALLER
  local name
  for name in "${TOOLKIT_TOOLS[@]}"; do
    if [ -n "$TOOLKIT_BIN" ]; then
      [ -x "$TOOLKIT_BIN/$name" ] || { echo "$1: error: $TOOLKIT_BIN/$name is missing: this release is incomplete, unpack it again" >&2; exit 4; }
    elif [ ! -f "$TOOLKIT_ROOT/$name/target/$name.jar" ]; then
      echo "$1: error: $name/target/$name.jar is missing: build the jars first (mvn -B -DskipTests package in $TOOLKIT_ROOT), or run the release (scripts/release.sh)" >&2
      exit 4
    fi
  done
}

# Sets TOOL_WORDS to the command that starts tool NAME, as an operator would type it.
tool_words() { # NAME
  if [ -n "$TOOLKIT_BIN" ]; then
    TOOL_WORDS=("$TOOLKIT_BIN/$1")
  else
    TOOL_WORDS=(java -jar "$TOOLKIT_ROOT/$1/target/$1.jar")
  fi
}

# Runs one of the tools: tool nginx-rewriter redirect FILE --to IP
tool() {
  tool_words "$1"
  shift
  "${TOOL_WORDS[@]}" "$@"
}

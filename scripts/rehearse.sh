#!/usr/bin/env bash
# The README's first command: builds whatever is missing, then plays the toolkit on the bundled example data.
# For now: nginx-rewriter redirect of examples/site-443.conf in --dry-run, printing the diff (nothing written).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib/jars.sh
source "$root/scripts/lib/jars.sh"
ensure_jars

echo "== nginx-rewriter redirect examples/site-443.conf --to 10.0.0.2 --dry-run"
tool nginx-rewriter redirect "$root/examples/site-443.conf" --to 10.0.0.2 --dry-run

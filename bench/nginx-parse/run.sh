#!/usr/bin/env bash
# Benchmark: a whole-process `parse` of a generated 50,000-line nginx config, our jar against Python crossplane
# (when crossplane is installed here), median of several runs. Prints the figures and the ratio.
#   bench/nginx-parse/run.sh [LINES] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lines="${1:-50000}"
runs="${2:-7}"
work="$root/bench/work/nginx-parse"
jar="$root/nginx-rewriter/target/nginx-rewriter.jar"

# shellcheck source=scripts/lib/build.sh
source "$root/scripts/lib/build.sh"
build_jars nginx-rewriter

mkdir -p "$work"
python3 "$root/bench/nginx-parse/generate.py" "$lines" > "$work/nginx.conf"
: > "$work/mime.types"
echo "config: $(wc -l < "$work/nginx.conf") lines, $(wc -c < "$work/nginx.conf") bytes ($work/nginx.conf)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

crossplane_cmd=()
if command -v crossplane >/dev/null 2>&1; then
  crossplane_cmd=(crossplane)
elif python3 -c 'import crossplane' >/dev/null 2>&1; then
  crossplane_cmd=(python3 -m crossplane)
fi

cd "$work"
python3 - "$runs" "$jar" "${crossplane_cmd[@]}" <<'PY'
import json, statistics, subprocess, sys, time
runs, jar, crossplane = int(sys.argv[1]), sys.argv[2], sys.argv[3:]

def measure(cmd):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), out

ours, ours_best, ours_out = measure(["java", "-jar", jar, "parse", "nginx.conf"])
payload = json.loads(ours_out)
count = sum(1 for _ in payload["config"][0]["parsed"])
print(f"nginx-rewriter parse: median {ours:.3f} s, best {ours_best:.3f} s over {runs} runs "
      f"(status {payload['status']}, {len(ours_out)} bytes of JSON)")
if crossplane:
    ref, ref_best, ref_out = measure(crossplane + ["parse", "nginx.conf"])
    same = json.loads(ref_out) == payload
    print(f"crossplane parse:     median {ref:.3f} s, best {ref_best:.3f} s over {runs} runs")
    print(f"ratio ours/crossplane: {ours / ref:.2f} (target <= 0.50); payloads identical: {same}")
else:
    print("crossplane is not installed on this machine: no reference run. The issue measured Python crossplane")
    print(f"at about 1.0 s for this size; ratio against that figure: {ours / 1.0:.2f} (target <= 0.50)")
PY

#!/usr/bin/env bash
# Benchmark of `porygon compile --json` against `dataform compile --json` on the same 30-action
# project (the conformance fixture 33-thirty-actions), run alternately, cold (a new process each
# time), then the first and warm compiles through the library API in one JVM.
# Usage: scripts/bench-compile.sh [runs]   (default 15)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
project="$root/core/src/test/resources/conformance/33-thirty-actions"
tools="$root/tools/dataform"

if [ ! -x "$tools/node_modules/.bin/dataform" ]; then
  (cd "$tools" && npm install --no-package-lock --no-audit --no-fund --ignore-scripts >&2)
fi
"$root/porygon" --version >/dev/null   # builds the jar (and its CDS archive) when stale, outside the timing

# Dataform needs @dataform/core beside the project, as `dataform install` would put it.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$project"/. "$work"/
rm -f "$work/expected.json"
core_version="$(node -p "require('$tools/node_modules/@dataform/core/package.json').version")"
printf '{"dependencies":{"@dataform/core":"%s"}}\n' "$core_version" > "$work/package.json"
mkdir -p "$work/node_modules/@dataform"
cp -r "$tools/node_modules/@dataform/core" "$work/node_modules/@dataform/core"

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

porygon_times=(); dataform_times=()
for i in $(seq 1 "$runs"); do
  porygon_times+=("$(ms "$root/porygon" compile --json "$project")")
  dataform_times+=("$(ms "$tools/node_modules/.bin/dataform" compile --json "$work")")
done
p=$(printf '%s\n' "${porygon_times[@]}" | median)
d=$(printf '%s\n' "${dataform_times[@]}" | median)
echo "cold runs: $runs each, alternating"
echo "porygon  compile --json: median ${p} ms  (${porygon_times[*]})"
echo "dataform compile --json: median ${d} ms  (${dataform_times[*]})"
awk -v p="$p" -v d="$d" 'BEGIN { printf "ratio porygon/dataform: %.2f\n", p / d }'

# First vs. warm compile in one JVM through the library API (Porygon.compile).
echo "library API in one JVM:"
java -cp "$root/cli/target/porygon.jar:$root/core/target/test-classes" io.porygon.core.compile.WarmCompileHarness "$project" 30

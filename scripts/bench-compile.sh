#!/usr/bin/env bash
# Benchmark of `porygon compile --json` against `dataform compile --json` on the same 30-action
# project (the conformance fixture 33-thirty-actions), run alternately, cold (a new process each
# time), then the first, second and warm compiles through the library API in one JVM.
# Usage: [JVMS=9] scripts/bench-compile.sh [runs]   (default 15 cold runs each; JVMS new JVMs per set of flags)
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

# Each run prints "wall_ms cpu_ms" (CPU = user + system of the process and its children, steadier
# than wall time when other work shares the machine).
run() {
  local s e
  s=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  echo "$(( (e - s) / 1000000 )) $(tail -1 "$work/time.txt" | awk '{ printf "%d", ($1 + $2) * 1000 }')"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m() { printf '%s\n' "$@" | median; }

pw=(); pc=(); dw=(); dc=()
for i in $(seq 1 "$runs"); do
  read -r w c <<< "$(run "$root/porygon" compile --json "$project")"; pw+=("$w"); pc+=("$c")
  read -r w c <<< "$(run "$tools/node_modules/.bin/dataform" compile --json "$work")"; dw+=("$w"); dc+=("$c")
done
echo "cold runs: $runs each, alternating (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "porygon  compile --json: wall median $(m "${pw[@]}") ms (${pw[*]}); cpu median $(m "${pc[@]}") ms"
echo "dataform compile --json: wall median $(m "${dw[@]}") ms (${dw[*]}); cpu median $(m "${dc[@]}") ms"
awk -v p="$(m "${pw[@]}")" -v d="$(m "${dw[@]}")" -v pc="$(m "${pc[@]}")" -v dc="$(m "${dc[@]}")" \
  'BEGIN { printf "ratio porygon/dataform: wall %.2f, cpu %.2f\n", p / d, pc / dc }'

# First, second and warm compiles in one JVM through the library API (Porygon.compile), in new JVMs
# alternating two sets of flags: those ./porygon runs compile with on this machine (see the launcher:
# the client compiler, on one thread when there are two cores or fewer), and HotSpot's defaults, as
# an application embedding the library might keep them.
[ -f "$root/core/target/test-classes/io/porygon/core/compile/WarmCompileHarness.class" ] \
  || (cd "$root" && mvn -B -q test-compile -pl core >&2)
launcher_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
if [ "$(nproc)" -le 2 ]; then launcher_flags+=(-XX:CICompilerCount=1); fi
jvms="${JVMS:-9}"
harness() {
  java "$@" -cp "$root/cli/target/porygon.jar:$root/core/target/test-classes" io.porygon.core.compile.WarmCompileHarness "$project" 30
}
echo "library API in one JVM, $jvms JVMs per set of flags:"
harness "${launcher_flags[@]}" | sed 's/^/  /'   # one whole report, then the second compiles alone
ls=(); lc=(); ds=(); dc=()
for i in $(seq 1 "$jvms"); do
  read -r w c <<< "$(harness "${launcher_flags[@]}" | awk '/^second compile/ {print $3, $7}')"; ls+=("$w"); lc+=("$c")
  read -r w c <<< "$(harness | awk '/^second compile/ {print $3, $7}')"; ds+=("$w"); dc+=("$c")
done
echo "second compile, flags of ./porygon (${launcher_flags[*]}): median $(m "${ls[@]}") ms (${ls[*]}); thread CPU median $(m "${lc[@]}") ms"
echo "second compile, HotSpot's default flags: median $(m "${ds[@]}") ms (${ds[*]}); thread CPU median $(m "${dc[@]}") ms"

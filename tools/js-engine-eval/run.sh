#!/usr/bin/env bash
# Compares Rhino and GraalJS: which required syntax each supports (features.js), and the cold
# wall time of a new JVM that runs Porygon's session API over 30 published actions (workload.js,
# built from core's session.js), alternating the engines. Usage: tools/js-engine-eval/run.sh [runs]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
cd "$here"
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
cp="target/classes:$(cat target/cp.txt)"
{
  echo 'this.__projectConfigJson = JSON.stringify({ defaultDatabase: "p", defaultSchema: "s", assertionSchema: "a", vars: {} });'
  cat "$root/core/src/main/resources/io/porygon/core/compile/js/session.js"
  echo 'declare({ schema: "raw", name: "src" });'
  for i in $(seq 0 29); do
    prev=$([ "$i" -eq 0 ] && echo src || echo "t$((i - 1))")
    echo "publish(\"t$i\", { type: \"table\", tags: [\"x\"], assertions: { nonNull: [\"id\"] } }).query(ctx => \`SELECT id, \${[1, 2, 3].map(x => x * 2).join(\", \")} FROM \${ctx.ref(\"$prev\")}\`);"
  done
  echo 'JSON.stringify(__porygon.compile()).length;'
} > target/workload.js
for engine in rhino graal; do
  echo "== $engine: syntax"
  java -cp "$cp" Eval "$engine" features.js 2>/dev/null | grep -v '^[{}]'
done
ms() { local s e; s=$(date +%s%N); java -cp "$cp" Eval "$1" target/workload.js >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
r=(); g=()
for i in $(seq 1 "$runs"); do r+=("$(ms rhino)"); g+=("$(ms graal)"); done
rm=$(printf '%s\n' "${r[@]}" | median); gm=$(printf '%s\n' "${g[@]}" | median)
echo "cold JVM + session API over 30 actions, $runs runs each, alternating"
echo "rhino  median ${rm} ms (${r[*]})"
echo "graal  median ${gm} ms (${g[*]})"
awk -v r="$rm" -v g="$gm" 'BEGIN { printf "ratio graal/rhino: %.2f\n", g / r }'

#!/usr/bin/env bash
# Compares Rhino and GraalJS: which required syntax each supports (features.js), and the cold
# wall time of a new JVM that runs Porygon's session API over 30 published actions (workload.js,
# built from core's session.js), alternating the engines. Usage: tools/js-engine-eval/run.sh [runs]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
cd "$here"
# RHINO_VERSION=1.9.2 tools/js-engine-eval/run.sh compares another Rhino release.
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Drhino.version="${RHINO_VERSION:-1.8.1}" >&2
echo "rhino ${RHINO_VERSION:-1.8.1}, graaljs 23.1.8"
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
# Each run prints "wall_ms cpu_ms" (CPU = user + system of the JVM, steadier than wall time on a busy machine).
run() {
  local s e
  s=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o target/time.txt java -cp "$cp" Eval "$1" target/workload.js >/dev/null 2>&1
  e=$(date +%s%N)
  echo "$(( (e - s) / 1000000 )) $(tail -1 target/time.txt | awk '{ printf "%d", ($1 + $2) * 1000 }')"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
rw=(); rc=(); gw=(); gc=()
for i in $(seq 1 "$runs"); do
  read -r w c <<< "$(run rhino)"; rw+=("$w"); rc+=("$c")
  read -r w c <<< "$(run graal)"; gw+=("$w"); gc+=("$c")
done
m() { printf '%s\n' "$@" | median; }
echo "cold JVM + session API over 30 actions, $runs runs each, alternating"
echo "rhino  wall median $(m "${rw[@]}") ms (${rw[*]}); cpu median $(m "${rc[@]}") ms"
echo "graal  wall median $(m "${gw[@]}") ms (${gw[*]}); cpu median $(m "${gc[@]}") ms"
awk -v r="$(m "${rw[@]}")" -v g="$(m "${gw[@]}")" -v rc="$(m "${rc[@]}")" -v gc="$(m "${gc[@]}")" \
  'BEGIN { printf "ratio graal/rhino: wall %.2f, cpu %.2f\n", g / r, gc / rc }'

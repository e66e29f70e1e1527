#!/usr/bin/env bash
# Issue 2, before/after: the first, second and warm compiles through the library API
# (WarmCompileHarness on the 30-action fixture) for two builds of the CLI jar, one JVM per run, the
# two jars alternating so both see the same machine load. Prints the medians over the runs.
# Usage: scripts/bench-warm-compile-ab.sh OLD_JAR NEW_JAR [RUNS]   (default 10)
# (build OLD_JAR from a `git worktree` of the older commit: mvn -q package -DskipTests -pl cli -am)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
old="$1"; new="$2"; runs="${3:-10}"
project="$root/core/src/test/resources/conformance/33-thirty-actions"
[ -f "$root/core/target/test-classes/io/porygon/core/compile/WarmCompileHarness.class" ] \
  || (cd "$root" && mvn -q -o test-compile -pl core >&2)
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for i in $(seq "$runs"); do
  for side in old new; do
    java -cp "${!side}:$root/core/target/test-classes" io.porygon.core.compile.WarmCompileHarness "$project" 30 \
      | awk -v side="$side" '/^first compile/ {f = $5} /^second compile/ {s = $3; c = $7}
          /^warm compiles \(/ {w = $5} /^warm compiles, thread CPU/ {wc = $7} END {print side, f, s, c, w, wc}' >> "$out"
  done
done
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "medians of $runs runs each, ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "side first second second_cpu warm_median warm_median_cpu"
for side in old new; do
  printf '%s' "$side"
  for col in 2 3 4 5 6; do printf ' %s' "$(awk -v s="$side" -v c="$col" '$1 == s {print $c}' "$out" | median)"; done
  echo
done

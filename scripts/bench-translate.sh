#!/usr/bin/env bash
# JMH: Porygon's GoogleSQL->DuckDB translation vs JSqlParser alone parsing and printing the same
# statements (every SQL statement of the compiled pipelines/thelook), in one run. Prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."   # the benchmark compiles pipelines/thelook from here
mvn -B -q -pl benchmarks -am -DskipTests package
out=benchmarks/target/translate-bench.json
java -jar benchmarks/target/benchmarks.jar TranslateBenchmark -rf json -rff "$out" "$@"
python3 - "$out" <<'PY'
import json, sys
runs = {r["benchmark"].rsplit(".", 1)[1]: r for r in json.load(open(sys.argv[1]))}
def best(m):
    return min(v for fork in m["rawData"] for v in fork)
base = runs["jsqlParserParseAndPrint"]["primaryMetric"]
ours = runs["porygonTranslateToDuckDb"]["primaryMetric"]
unit = base["scoreUnit"]
print("one after the other:")
print(f"  baseline JSqlParser parse+print: mean {base['score']:.1f} ± {base['scoreError']:.1f}, best {best(base):.1f} {unit}")
print(f"  Porygon translate to DuckDB:     mean {ours['score']:.1f} ± {ours['scoreError']:.1f}, best {best(ours):.1f} {unit}")
print(f"  ratio translate / baseline: mean {ours['score'] / base['score']:.3f}, best-iteration {best(ours) / best(base):.3f}")
if "sideBySide" in runs:
    sec = runs["sideBySide"]["secondaryMetrics"]
    b, t = sec["baseline"], sec["translate"]
    print("side by side (same time, one thread each):")
    print(f"  baseline {b['score']:.1f} ± {b['scoreError']:.1f}, translate {t['score']:.1f} ± {t['scoreError']:.1f} {unit}")
    print(f"  ratio translate / baseline: {t['score'] / b['score']:.3f} (bar: <= 1.20)")
PY

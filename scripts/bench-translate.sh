#!/usr/bin/env bash
# JMH: Porygon's GoogleSQL->DuckDB translation vs JSqlParser alone parsing and printing the same
# statements (benchmarks/src/main/resources/pipeline-statements.sql), in one run. Prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am -DskipTests package
out=benchmarks/target/translate-bench.json
java -jar benchmarks/target/benchmarks.jar TranslateBenchmark -rf json -rff "$out" "$@"
python3 - "$out" <<'PY'
import json, sys
runs = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
base, ours = runs["jsqlParserParseAndPrint"], runs["porygonTranslateToDuckDb"]
def best(m):
    return min(v for fork in m["rawData"] for v in fork)
print(f"baseline JSqlParser parse+print: mean {base['score']:.1f} ± {base['scoreError']:.1f}, best {best(base):.1f} {base['scoreUnit']}")
print(f"Porygon translate to DuckDB:     mean {ours['score']:.1f} ± {ours['scoreError']:.1f}, best {best(ours):.1f} {ours['scoreUnit']}")
print(f"ratio translate / baseline: mean {ours['score'] / base['score']:.3f}, best-iteration {best(ours) / best(base):.3f} (bar: <= 1.20)")
PY

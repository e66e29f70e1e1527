#!/usr/bin/env bash
# Benchmark of `porygon run` against the same translated statements sent directly over JDBC in
# sequence, in one JVM, alternating. Arguments go to io.porygon.cli.bench.RunBenchmark:
#   scripts/bench-run.sh                                  # synthetic pipeline-shaped project, scale 1
#   scripts/bench-run.sh --scale 0.1 --iterations 3
#   scripts/bench-run.sh --project pipelines/thelook --warehouse pipelines/thelook/.porygon/warehouse.duckdb
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl cli -am -DskipTests package >&2
exec java ${PORYGON_JAVA_OPTS:-} -cp "cli/target/porygon.jar:cli/target/test-classes" io.porygon.cli.bench.RunBenchmark "$@"

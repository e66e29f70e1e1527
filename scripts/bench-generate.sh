#!/usr/bin/env bash
# Generator throughput: rows/s of `porygon generate` into a DuckDB warehouse, side by side with DuckDB
# writing the same seven tables itself (INSERT ... SELECT FROM range(): same row counts and column
# types, see scripts/bench/RangeBaseline.java), alternating in one run so both see the same machine.
# DuckDB's TPC-H generator (CALL dbgen) would be the natural baseline, but its extension is not bundled
# with the JDBC driver and extensions cannot be downloaded here.
#
# The ratio is rows/s from each program's own timer (generation or INSERT, open to commit). CPU-s is the
# user + system time of each whole process (JVM included), a steadier figure on a busy machine.
# Usage: scripts/bench-generate.sh [SCALE=1] [ROUNDS=3] [THREADS=2]
# With COMPARE_JAR=path/to/other/porygon.jar (e.g. a build of main), each round also runs that jar's
# generate right after this one's (with the launcher's garbage collector), so a before/after pair sees
# the same machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-1}"
rounds="${2:-3}"
threads="${3:-2}"
jar="$root/cli/target/porygon.jar"
"$root/porygon" --version >/dev/null # builds the jar when stale
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
javac -cp "$jar" -d "$tmp/classes" "$root/scripts/bench/RangeBaseline.java"
cpu() { awk '{ printf "%.1f", $1 + $2 }' "$1"; } # user + system CPU seconds written by /usr/bin/time

echo "scale $scale, $rounds rounds, $threads generator threads, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=()
for round in $(seq 1 "$rounds"); do
  rm -f "$tmp/gen.duckdb"
  start=$(date +%s.%N)
  # through the launcher, as a user runs it (its JVM flags and class-data archive)
  /usr/bin/time -f '%U %S' -o "$tmp/gen.cpu" "$root/porygon" generate --scale "$scale" --seed 42 --as-of 2025-06-30 --threads "$threads" \
    --warehouse "$tmp/gen.duckdb" --no-progress >"$tmp/gen.txt"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  # "generated N rows in S s (R rows/s)" and the per-table rows of the summary
  gen_rows=$(sed -n 's/^generated \([0-9,]*\) rows in \([0-9.]*\) s.*/\1/p' "$tmp/gen.txt" | tr -d ,)
  gen_secs=$(sed -n 's/^generated \([0-9,]*\) rows in \([0-9.]*\) s.*/\2/p' "$tmp/gen.txt")
  tables=$(awk 'NR > 1 && $1 != "total" && $1 != "generated" { gsub(",", "", $2); printf "%s=%s ", $1, $2 }' "$tmp/gen.txt")
  if [ -n "${COMPARE_JAR:-}" ]; then
    rm -f "$tmp/cmp.duckdb"
    start=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$tmp/cmp.cpu" java -XX:+UseSerialGC -jar "$COMPARE_JAR" generate --scale "$scale" --seed 42 --as-of 2025-06-30 --threads "$threads" \
      --warehouse "$tmp/cmp.duckdb" --no-progress >"$tmp/cmp.txt"
    cmp_wall=$(echo "$(date +%s.%N) - $start" | bc)
    cmp_secs=$(sed -n 's/^generated \([0-9,]*\) rows in \([0-9.]*\) s.*/\2/p' "$tmp/cmp.txt")
    printf 'round %d: compare jar generate %s s (%.1f s wall incl. JVM start; %s CPU-s)\n' "$round" "$cmp_secs" "$cmp_wall" "$(cpu "$tmp/cmp.cpu")"
  fi
  # shellcheck disable=SC2086
  base_out=$(/usr/bin/time -f '%U %S' -o "$tmp/base.cpu" java -cp "$jar:$tmp/classes" RangeBaseline "$tmp/base.duckdb" $tables)
  base_rows=$(echo "$base_out" | sed -n 's/^baseline \([0-9]*\) rows in \([0-9.]*\) s.*/\1/p')
  base_secs=$(echo "$base_out" | sed -n 's/^baseline \([0-9]*\) rows in \([0-9.]*\) s.*/\2/p')
  gen_rate=$(echo "$gen_rows / $gen_secs" | bc)
  base_rate=$(echo "$base_rows / $base_secs" | bc)
  ratio=$(echo "scale=2; $gen_rate / $base_rate" | bc)
  ratios+=("$ratio")
  printf 'round %d: porygon generate %s rows in %s s (%s rows/s; %.1f s wall incl. JVM start; %s CPU-s) | DuckDB range() %s rows in %s s (%s rows/s; %s CPU-s) | ratio %s\n' \
    "$round" "$gen_rows" "$gen_secs" "$gen_rate" "$wall" "$(cpu "$tmp/gen.cpu")" "$base_rows" "$base_secs" "$base_rate" "$(cpu "$tmp/base.cpu")" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median ratio (generator rows/s ÷ DuckDB rows/s): $median; load average now $(cut -d' ' -f1-3 /proc/loadavg)"

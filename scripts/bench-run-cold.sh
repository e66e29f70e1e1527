#!/usr/bin/env bash
# Issue 4, end to end: a cold `./porygon run --full-refresh --threads 1` process (JVM start,
# compile, translation, planning, run history included) against a plain JDBC program in its own
# process that sends the same translated statements in sequence (JdbcReplay), alternating on the
# same warehouse. Both processes load the same DuckDB driver the same way. Porygon runs twice per
# round: with the compile output and translations of the previous run in .porygon/cache (a re-run
# of an unchanged project), and with that cache deleted first (everything compiled and translated again).
# Usage: scripts/bench-run-cold.sh PROJECT WAREHOUSE [ROUNDS]   (the warehouse must hold the sources)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$(cd "$1" && pwd)"
warehouse="$(realpath "$2")"
rounds="${3:-5}"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl cli -am -DskipTests package >&2
./porygon --version >/dev/null   # CDS archive, outside the measurement
cp="cli/target/porygon.jar:cli/target/test-classes"
java -cp "$cp" io.porygon.cli.bench.RunBenchmark --project "$project" --warehouse "$warehouse" --dump-statements "$work/statements.sql"
# statements in the file: the separators plus one, less the two session settings
statements=$(( $(grep -c 'porygon-bench: next statement' "$work/statements.sql") + 1 - 2 ))

timed() { /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; cat "$work/t"; }
porygon() { timed ./porygon run --full-refresh --threads 1 --warehouse "$warehouse" "$project"; }
uncached() { rm -rf "$project/.porygon/cache"; porygon; }
jdbc() { timed java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" io.porygon.cli.bench.JdbcReplay "$work/statements.sql" "$warehouse"; }

porygon >/dev/null; jdbc >/dev/null   # warm the file cache
: > "$work/p"; : > "$work/u"; : > "$work/j"
for i in $(seq "$rounds"); do
  if [ $((i % 2)) = 1 ]; then p=$(porygon); j=$(jdbc); u=$(uncached); else u=$(uncached); j=$(jdbc); p=$(porygon); fi
  echo "$p" >> "$work/p"; echo "$u" >> "$work/u"; echo "$j" >> "$work/j"
  read -r pw _ <<< "$p"; read -r uw _ <<< "$u"; read -r jw _ <<< "$j"
  printf 'round %d: porygon %.2f s, without cache %.2f s, jdbc %.2f s   paired %+.1f%% / %+.1f%%\n' "$i" "$pw" "$uw" "$jw" \
    "$(echo "100 * ($pw - $jw) / $jw" | bc -l)" "$(echo "100 * ($uw - $jw) / $jw" | bc -l)"
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
wall() { cut -d' ' -f1 "$work/$1" | median; }
cpu() { awk '{print $2 + $3}' "$work/$1" | median; }
printf '\n%s rounds, load average %s, %s statements after the session settings\n' "$rounds" "$(cut -d' ' -f1-3 /proc/loadavg)" "$statements"
printf 'wall median: porygon %.2f s (%.3f), without cache %.2f s (%.3f), jdbc %.2f s\n' \
  "$(wall p)" "$(echo "$(wall p) / $(wall j)" | bc -l)" "$(wall u)" "$(echo "$(wall u) / $(wall j)" | bc -l)" "$(wall j)"
printf 'cpu median:  porygon %.2f s (%.3f), without cache %.2f s (%.3f), jdbc %.2f s\n' \
  "$(cpu p)" "$(echo "$(cpu p) / $(cpu j)" | bc -l)" "$(cpu u)" "$(echo "$(cpu u) / $(cpu j)" | bc -l)" "$(cpu j)"

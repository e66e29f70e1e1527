#!/usr/bin/env bash
# Issue 6 benchmark: the one-command demo on a fresh warehouse (wall time, peak memory), then the
# incremental run after one day's advance as a ratio of a full refresh of the same data.
# Incremental and full-refresh runs alternate, each on a fresh copy of the same advanced warehouse,
# so both see identical input and the same machine load.
# Usage: scripts/bench-demo.sh [SCALE] [ROUNDS]   (default: scale 1, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./porygon --version >/dev/null   # build outside the measurement

seconds() { date +%s.%N; }
elapsed() { echo "$(seconds) - $1" | bc; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "demo at scale $scale on a fresh warehouse..." >&2
/usr/bin/time -f "%e %M" -o "$work/demo.time" ./porygon demo --scale "$scale" --warehouse "$work/w.duckdb" > "$work/demo.log" 2>&1
read -r demo_wall demo_rss_kb < "$work/demo.time"

./porygon generate --advance 1d --no-progress --warehouse "$work/w.duckdb" >/dev/null
cp "$work/w.duckdb" "$work/advanced.duckdb"
: > "$work/incremental"; : > "$work/full"
# The run's own timer ("status SUCCEEDED in 3.21s"): the actions alone, without JVM start and compile.
run_timer() { sed -n 's/^status .* in \([0-9.]*\)s$/\1/p' "$work/run.log"; }
for i in $(seq "$rounds"); do
  cp "$work/advanced.duckdb" "$work/w.duckdb"
  t=$(seconds); ./porygon run --warehouse "$work/w.duckdb" >"$work/run.log" 2>&1; elapsed "$t" >> "$work/incremental"
  run_timer >> "$work/incremental-actions"
  cp "$work/advanced.duckdb" "$work/w.duckdb"
  t=$(seconds); ./porygon run --full-refresh --warehouse "$work/w.duckdb" >"$work/run.log" 2>&1; elapsed "$t" >> "$work/full"
  run_timer >> "$work/full-actions"
done
inc=$(median < "$work/incremental"); full=$(median < "$work/full")
inc_actions=$(median < "$work/incremental-actions"); full_actions=$(median < "$work/full-actions")
printf 'scale %s, %s rounds, load average %s\n' "$scale" "$rounds" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'demo (fresh warehouse): wall %.1f s, peak RSS %.0f MiB\n' "$demo_wall" "$(echo "$demo_rss_kb / 1024" | bc -l)"
printf 'run after 1 day advance: incremental median %.2f s, full refresh median %.2f s, ratio %.3f (target <= 0.15)\n' \
  "$inc" "$full" "$(echo "$inc / $full" | bc -l)"
printf '  the actions alone (run timer): incremental median %.2f s, full refresh median %.2f s, ratio %.3f\n' \
  "$inc_actions" "$full_actions" "$(echo "$inc_actions / $full_actions" | bc -l)"

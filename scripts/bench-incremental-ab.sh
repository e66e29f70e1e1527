#!/usr/bin/env bash
# Issue 6, before/after: the incremental run after one day's advance against a full refresh, for two
# checkouts of Porygon (e.g. a `git worktree` of an older commit and this one), alternating so both
# see the same machine load. Each checkout runs its own pipeline on its own warehouse: the demo at
# scale 1 (fixed seed), then `generate --advance 1d`; every round copies that advanced warehouse
# afresh for an incremental run and a full refresh. Prints one line per run: checkout, mode, wall
# seconds of the process, seconds of the run's own timer (the actions alone).
# Usage: scripts/bench-incremental-ab.sh OLD_CHECKOUT NEW_CHECKOUT [ROUNDS]
set -euo pipefail
old="$(cd "$1" && pwd)"; new="$(cd "$2" && pwd)"; rounds="${3:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for side in old new; do
  dir="${!side}"
  (cd "$dir" && ./porygon demo --scale 1 --seed 11 --warehouse "$work/$side.duckdb" >/dev/null 2>&1 \
    && ./porygon generate --advance 1d --no-progress --warehouse "$work/$side.duckdb" >/dev/null)
done
for i in $(seq "$rounds"); do
  for side in old new; do
    dir="${!side}"
    for mode in incremental full-refresh; do
      cp "$work/$side.duckdb" "$work/run.duckdb"
      flag=(); [ "$mode" = full-refresh ] && flag=(--full-refresh)
      start=$(date +%s.%N)
      (cd "$dir" && ./porygon run "${flag[@]}" --warehouse "$work/run.duckdb" >"$work/run.log" 2>&1)
      wall=$(echo "$(date +%s.%N) - $start" | bc)
      echo "$side $mode $wall $(sed -n 's/^status .* in \([0-9.]*\)s$/\1/p' "$work/run.log")"
    done
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Regenerates expected.json of every conformance fixture with the Dataform CLI (a dev tool, never a
# runtime dependency). Each fixture is copied to a temporary directory next to a copy of
# @dataform/core (what `dataform install` would set up), then compiled with `dataform compile --json`.
# An optional `args` file in a fixture holds extra CLI arguments (e.g. --vars=env=prod).
# Usage: scripts/regenerate-conformance.sh [fixture-name...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/dataform"
fixtures="$root/core/src/test/resources/conformance"

if [ ! -x "$tools/node_modules/.bin/dataform" ]; then
  (cd "$tools" && npm install --no-package-lock --no-audit --no-fund --ignore-scripts >&2)
fi
cli_version="$(node -p "require('$tools/node_modules/@dataform/cli/package.json').version")"
core_version="$(node -p "require('$tools/node_modules/@dataform/core/package.json').version")"
printf '@dataform/cli %s\n@dataform/core %s\n' "$cli_version" "$core_version" > "$fixtures/VERSION"

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$fixtures"/*/; do names+=("$(basename "$d")"); done
fi

for name in "${names[@]}"; do
  src="$fixtures/$name"
  work="$(mktemp -d)"
  cp -r "$src"/. "$work"/
  rm -f "$work/expected.json" "$work/args"
  printf '{"dependencies":{"@dataform/core":"%s"}}\n' "$core_version" > "$work/package.json"
  mkdir -p "$work/node_modules/@dataform"
  cp -r "$tools/node_modules/@dataform/core" "$work/node_modules/@dataform/core"
  args=()
  if [ -f "$src/args" ]; then read -r -a args < "$src/args"; fi
  set +e
  "$tools/node_modules/.bin/dataform" compile --json "${args[@]}" "$work" > "$work/out.json" 2> "$work/err.txt"
  status=$?
  set -e
  if ! node -e "JSON.parse(require('fs').readFileSync('$work/out.json','utf8'))" 2>/dev/null; then
    echo "$name: dataform exited $status without JSON:" >&2
    cat "$work/err.txt" >&2
    rm -rf "$work"
    exit 1
  fi
  node -e "const fs=require('fs');const j=JSON.parse(fs.readFileSync('$work/out.json','utf8'));fs.writeFileSync('$src/expected.json',JSON.stringify(j,null,2)+'\n')"
  echo "$name: exit $status" >&2
  rm -rf "$work"
done

#!/usr/bin/env bash
# Regenerates includes/config_data.js from config/*.csv (pass --check to only verify it).
set -euo pipefail
exec node "$(dirname "$0")/sync-config.js" "$@"

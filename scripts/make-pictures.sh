#!/usr/bin/env bash
# Makes the README's pictures with the built binary: the dashboard during the demo recording's outage
# and the alarm preview with a changed threshold, as SVG. Deterministic (a fixed moment of the built-in
# recording, no clock of now), so Tests/e2e/pictures.sh can check that the committed ones are current.
# Usage: scripts/make-pictures.sh path/to/fleetwatch [OUTPUT_FOLDER (default docs/pictures)]
set -euo pipefail
BIN=$(realpath "${1:?usage: make-pictures.sh path/to/fleetwatch [folder]}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${2:-$ROOT/docs/pictures}
mkdir -p "$OUT"
cd "$ROOT"
"$BIN" snapshot --replay demo --at 2026-01-05T13:45:00Z --width 200 --height 60 --format svg > "$OUT/dashboard.svg"
# The pull request that changes the health-check alarm's threshold from 1 to 2, over the demo's data.
"$BIN" preview --alarms Tests/Fixtures/alarms/erato.tf --alarm erato-health-check-failures --data Recordings/demo.fwrec \
  --threshold 2 --format svg 2>/dev/null > "$OUT/preview.svg"

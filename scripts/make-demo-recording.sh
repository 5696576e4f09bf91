#!/usr/bin/env bash
# Regenerates the built-in demo recording, Recordings/demo.fwrec, with the simulator (the same bytes
# every time), and embeds it into Sources/FleetSources/Recording/BuiltinRecording+Data.swift so the
# demo travels inside the binary. The arguments are BuiltinRecording.recipe's; tests check that the
# recipe still gives these bytes and that the embedded copy is the file.
# Usage: scripts/make-demo-recording.sh [path/to/fleetwatch]   (default: builds and uses the debug binary)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  swift build --product fleetwatch >&2
  bin="$(swift build --show-bin-path)/fleetwatch"
fi
rec=Recordings/demo.fwrec
"$bin" record --headless --source mock --scenario az-outage --seed 7 --start 2026-01-05T13:00:00Z \
  --prefill 10m --duration 2h --interval 10 --out "$rec"
scripts/embed-demo-recording.sh

#!/usr/bin/env bash
# The dashboard scaling view's redraw budget: the what-if recompute on a key, on a new snapshot, and the frame,
# over a week of 1-minute data with the built-in demo's four policies (the issue's 20 ms budget). Like
# scripts/bench-scaling.sh, builds the modules in release and links scripts/bench-scaling-view/main.swift
# against their objects, -O (no NIO). Usage: scripts/bench-scaling-view.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}   # CONFIG=debug checks that it links, without a release build (numbers meaningless)
swift build -c "$CONFIG" --target FleetSources > /dev/null 2>&1
swift build -c "$CONFIG" --target FleetDashboard > /dev/null 2>&1
REL=$(swift build -c "$CONFIG" --show-bin-path)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
objects=()
for m in FleetCore FleetDashboard FleetSources AWSFormats AlarmDefinitions Yams CYaml DequeModule InternalCollectionsUtilities ContainersPreview; do
  [ -d "$REL/$m.build" ] || continue
  # The objects of the module's current sources (its output file map), not stale ones of moved files.
  if [ -f "$REL/$m.build/output-file-map.json" ]; then
    while IFS= read -r o; do objects+=("$o"); done < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("\n".join(v["object"] for k, v in m.items() if k and "object" in v))' "$REL/$m.build/output-file-map.json")
  else
    while IFS= read -r o; do objects+=("$o"); done < <(find "$REL/$m.build" -name '*.o')
  fi
done
swiftc -O -I "$REL/Modules" -I .build/checkouts/Yams/Sources/CYaml/include scripts/bench-scaling-view/main.swift "${objects[@]}" -o "$OUT/bench-scaling-view" 2>&1 | grep -v warning || true
"$OUT/bench-scaling-view"

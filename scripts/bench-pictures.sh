#!/usr/bin/env bash
# The pictures' budget without building the Benchmarks package (whose release build brings NIO and
# BoringSSL): builds FleetDashboard and FleetSources in release and links scripts/bench-pictures/main.swift
# against their objects, -O. Prints p50/p90/max and sizes. The package benchmark "Frame to SVG 200x60"
# measures the same frame (BENCHMARKS.md). Usage: scripts/bench-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --target FleetSources > /dev/null 2>&1
swift build -c release --target FleetDashboard > /dev/null 2>&1
REL=$(swift build -c release --show-bin-path)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
objects=()
for m in FleetCore FleetDashboard FleetSources AWSFormats AlarmDefinitions Yams CYaml DequeModule InternalCollectionsUtilities; do
  while IFS= read -r o; do objects+=("$o"); done < <(find "$REL/$m.build" -name '*.o')
done
swiftc -O -I "$REL/Modules" -I .build/checkouts/Yams/Sources/CYaml/include scripts/bench-pictures/main.swift "${objects[@]}" -o "$OUT/bench-pictures"
"$OUT/bench-pictures"

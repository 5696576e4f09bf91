#!/usr/bin/env bash
# The scaling preview's budget (a week of 1-minute data, the scaling fixture's four policies, < 20 ms) without
# building the Benchmarks package (whose release build brings NIO and BoringSSL): builds FleetSources in release
# and links scripts/bench-scaling/main.swift against the objects, -O. Prints min/p50/p90/max.
# Usage: scripts/bench-scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --target FleetSources > /dev/null 2>&1
REL=$(swift build -c release --show-bin-path)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
objects=()
for m in FleetCore FleetSources AWSFormats AlarmDefinitions Yams CYaml DequeModule InternalCollectionsUtilities ContainersPreview; do
  [ -d "$REL/$m.build" ] || continue
  while IFS= read -r o; do objects+=("$o"); done < <(find "$REL/$m.build" -name '*.o')
done
swiftc -O -I "$REL/Modules" -I .build/checkouts/Yams/Sources/CYaml/include scripts/bench-scaling/main.swift "${objects[@]}" -o "$OUT/bench-scaling" 2>&1 | grep -v warning || true
"$OUT/bench-scaling" Tests/Fixtures/scaling/erato-scaling.tf

#!/usr/bin/env bash
# The overview's CPU budget (issue 15) taken apart, without building the Benchmarks package (whose
# release build brings NIO and BoringSSL): builds FleetDashboard and FleetSources in release and links
# scripts/bench-fleets/main.swift with the package benchmark's workload
# (Benchmarks/Benchmarks/FleetBenchmarks/OverviewWorkload.swift) against their objects, -O.
# Prints (a) the overview's own refresh with 200 fleets at 160×48 and (b) one poll of one simulated
# fleet, nothing new / a step now and then / a minute due. Usage: scripts/bench-fleets.sh
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
swiftc -O -I "$REL/Modules" -I .build/checkouts/Yams/Sources/CYaml/include \
  scripts/bench-fleets/main.swift Benchmarks/Benchmarks/FleetBenchmarks/OverviewWorkload.swift "${objects[@]}" -o "$OUT/bench-fleets" 2>&1 | grep -v warning || true
nice -n 10 "$OUT/bench-fleets"

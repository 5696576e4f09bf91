#!/usr/bin/env bash
# The headless soak: scripts/soak.sh [HOURS]  (default 24 simulated hours)
# Builds Fuzz/'s fleetwatch-soak (release, no sanitizer; its own scratch folder) and runs the simulator
# through the poller, the recorder and the dashboard view at full speed, printing CSV every simulated
# hour: resident memory (KiB), open descriptors, recording size, frames drawn, wall seconds.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
swift build -c release --product fleetwatch-soak --scratch-path .build/soak >&2
exec .build/soak/release/fleetwatch-soak --hours "${1:-24}"

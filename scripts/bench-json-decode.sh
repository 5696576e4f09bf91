#!/usr/bin/env bash
# Side by side: Python's json.load and fleetwatch's get-metric-data decoder on the same generated file.
# usage: scripts/bench-json-decode.sh [SIZE_MB]   (default 50; the file is kept in $TMPDIR for reruns)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-50}
FILE=${TMPDIR:-/tmp}/fleetwatch-bench-get-metric-data-${SIZE}mb.json
[ -f "$FILE" ] || python3 scripts/gen-metric-data.py "$FILE" "$SIZE"
BYTES=$(stat -c %s "$FILE")
echo "file: $FILE ($BYTES bytes)"

echo "python3 json.load (best of 3; peak RSS of the process):"
for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$FILE" 2>&1 | tail -1
done | sort -n | head -1 | awk -v b="$BYTES" '{ printf "  %.3f s = %.1f MB/s; peak RSS %.0f MB (%.2fx the file)\n", $1, b/1e6/$1, $2*1024/1e6, $2*1024/b }'

echo "fleetwatch CloudWatchFiles.decodeMetricData, release build (read + decode + timestamps + sort):"
FLEETWATCH_INTEGRATION=1 FLEETWATCH_BENCH=1 FLEETWATCH_BENCH_FILE="$FILE" swift test -c release --filter CloudWatchFilesBenchTests 2>&1 \
    | grep -E "fleetwatch decode|✘|error:" | sed 's/^/  /'

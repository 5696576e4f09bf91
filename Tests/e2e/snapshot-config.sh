#!/usr/bin/env bash
# End-to-end: `fleetwatch snapshot --config … --format json` over real aws CLI output files
# (Tests/Fixtures/cloudwatch, made by scripts/make-cloudwatch-fixtures.sh), and
# the one-line errors for bad configuration and bad files. Usage: snapshot-config.sh path/to/fleetwatch
set -uo pipefail
BIN=$(realpath "${1:?usage: snapshot-config.sh path/to/fleetwatch}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$ROOT/Tests/Fixtures/cloudwatch"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/data"
cp "$FIX"/get-metric-data.json "$FIX"/get-metric-data.queries.json "$FIX"/describe-alarms.json \
   "$FIX"/describe-target-health.json "$FIX"/describe-instances.json "$WORK/data/"
cat > "$WORK/fleetwatch.yaml" <<'YAML'
fleet: {name: erato-backend, region: us-east-1, zones: [us-east-1a, us-east-1b, us-east-1c]}
refresh: 1s
sources:
  - kind: cloudwatch-files
    every: 30s
    metric_data: data/get-metric-data.json      # relative to this file
    queries: data/get-metric-data.queries.json
    alarms: data/describe-alarms.json
    target_health: data/target-health.json
    instances: data/describe-instances.json
YAML
mv "$WORK/data/describe-target-health.json" "$WORK/data/target-health.json"

json="$WORK/out.json"
(cd / && "$BIN" snapshot --config "$WORK/fleetwatch.yaml" --format json > "$json" 2> "$WORK/err")
check "snapshot --config exits 0" test $? -eq 0

values() {
  python3 - "$json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["metrics"]
assert d["fleet"] == "erato-backend", d["fleet"]
assert m["cpu"]["latest"] == 47 and m["cpu"]["unit"] == "Percent", m["cpu"]
assert len(m["cpu"]["points"]) == 10, len(m["cpu"]["points"])
assert m["cpu"]["points"][0] == ["2025-06-01T12:00:00Z", 20], m["cpu"]["points"][0]
assert m["requests"]["latest"] == 3327, m["requests"]["latest"]           # the fleet's total for the newest period
assert {z: v["latest"] for z, v in m["requests"]["zones"].items()} == {"us-east-1a": 1009, "us-east-1b": 1109, "us-east-1c": 1209}
assert m["unhealthy_hosts"]["latest"] == 2 and m["healthy_hosts"]["latest"] == 7
assert d["window"][1] == "2025-06-01T12:10:00Z", d["window"]              # old data: the window ends at it
alarms = {a["name"]: a["state"] for a in d["alarms"]}
assert alarms == {"erato-health-check-failures": "ALARM", "erato-cpu-p99-high": "OK"}, alarms
zones = {z["name"]: z for z in d["zones"]}
assert [i["health"] for i in zones["us-east-1a"]["instances"]] == ["healthy"] * 4
assert zones["us-east-1b"]["instances"][0]["lifecycle"] == "Standby"
assert d["sources"][0]["name"] == "cloudwatch-files"
PY
}
check "the CLI's values reach the snapshot JSON" values

text="$WORK/out.txt"
"$BIN" snapshot --config "$WORK/fleetwatch.yaml" --width 120 --height 30 > "$text"
check "text frame shows the data's age and the alarm" grep -q "data .* old" "$text"
check "text frame has no escape codes" bash -c "! grep -q $'\e' '$text'"

# Bad input: one line naming the file and where, a non-zero exit, no stack trace.
printf 'sources:\n  - kind: cloudwatch-files\n    metric_data: data/get-metric-data.json\n    metric_dta: x\n' > "$WORK/typo.yaml"
check "a misspelt key: file, line and key" one_line_error 2 'typo.yaml:4: sources\[0\]\.metric_dta: unknown key' \
  "$BIN" snapshot --config "$WORK/typo.yaml"
head -c 700 "$FIX/get-metric-data.json" > "$WORK/data/get-metric-data.json"
check "a truncated data file: file and byte offset, exit 2 as in preview" one_line_error 2 'get-metric-data.json: byte [0-9]+: ' \
  "$BIN" snapshot --config "$WORK/fleetwatch.yaml"
check "a missing configuration file" one_line_error 2 'nope.yaml: no such file' \
  "$BIN" snapshot --config "$WORK/nope.yaml"

# Issue 17: hostile numbers, ceilings, files that are not files, escapes in what is printed.
cp "$FIX/get-metric-data.json" "$WORK/data/get-metric-data.json"
python3 - "$WORK/data/get-metric-data.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["MetricDataResults"][0]["Values"][0] = 1e19
json.dump(d, open(sys.argv[1], "w"))
PY
"$BIN" snapshot --config "$WORK/fleetwatch.yaml" --format text > "$WORK/big.txt" 2> "$WORK/err"
check "a datapoint of 1e19 is drawn, not a crash" test $? -eq 0
printf 'sources:\n  - kind: mock\n    every: 99999999999999999999999s\n' > "$WORK/every.yaml"
check "a duration over its ceiling names it" one_line_error 2 'every.yaml:3: sources\[0\]\.every: .* more than the 366d ceiling' \
  "$BIN" snapshot --config "$WORK/every.yaml"
printf 'sources:\n  - kind: mock\n    prefill: 3650d\n' > "$WORK/prefill.yaml"
check "prefill over 7d is refused" one_line_error 2 'prefill: 3650d is more than the 7d ceiling for prefill' \
  "$BIN" snapshot --config "$WORK/prefill.yaml"
printf 'sources:\n  - kind: mock\n    every: 5s\n    every: 10s\n' > "$WORK/dup.yaml"
check "a duplicate key names its line, not the file" one_line_error 2 'dup.yaml:4: duplicate key "every" \(first at line 3\)$' \
  "$BIN" snapshot --config "$WORK/dup.yaml"
printf 'discover:\n  regions: [us-east-1]\n  tags: {Application: erato}\n  every: 10s\nsources: [{kind: cloudwatch}]\n' > "$WORK/discover.yaml"
check "discover's every: under a minute is refused, naming file, line and key" one_line_error 2 \
  'discover.yaml:4: discover.every: discovery runs at most once a minute: `every:` must be at least 1m, got 10s$' \
  "$BIN" snapshot --config "$WORK/discover.yaml"
mkfifo "$WORK/fifo.yaml"
check "a FIFO is named as such" one_line_error 2 'fifo.yaml: is a FIFO' "$BIN" snapshot --config "$WORK/fifo.yaml"
ln -s "$WORK/loop.yaml" "$WORK/loop.yaml"
check "a symlink loop is named as such" one_line_error 2 'loop.yaml: .*symlink loop' "$BIN" snapshot --config "$WORK/loop.yaml"
printf 'sources:\n  - kind: mock\n    scenario: "\\e]2;pwned\\a\\u009b2J"\n' > "$WORK/esc.yaml"
check "an unknown value with escapes is echoed escaped" one_line_error 2 'unknown scenario .\\e\]2;pwned\\u0007\\u009b2J' \
  "$BIN" snapshot --config "$WORK/esc.yaml"
check "... and no escape reaches stderr" bash -c "! grep -q $'\e' '$WORK/err'"
head -1 "$ROOT/Recordings/demo.fwrec" | sed 's/"series_capacity":1440/"series_capacity":0/' > "$WORK/cap0.fwrec"
check "a recording's series_capacity 0 is refused on line 1" one_line_error 2 'cap0.fwrec:1: series_capacity: 0 is outside' \
  "$BIN" snapshot --replay "$WORK/cap0.fwrec"
{ head -2 "$ROOT/Recordings/demo.fwrec"; echo '{"t":1e300,"src":"mock","answered":true}'; } > "$WORK/far.fwrec"
"$BIN" snapshot --replay "$WORK/far.fwrec" > /dev/null 2> "$WORK/err"
check "a recording line at t = 1e300 is skipped with a warning" grep -q 'far.fwrec:3: bad "t": timestamp 1e+300 is outside' "$WORK/err"

# --help prints ArgumentParser's help on stdout and exits 0, for the root and for a subcommand.
help_ok() { "$@" > "$WORK/help" 2> "$WORK/err" && [ ! -s "$WORK/err" ] && grep -q '^USAGE: fleetwatch' "$WORK/help"; }
check "fleetwatch --help: help on stdout, exit 0" help_ok "$BIN" --help
check "fleetwatch preview --help: help on stdout, exit 0" help_ok "$BIN" preview --help
check "fleetwatch help snapshot: help on stdout, exit 0" help_ok "$BIN" help snapshot

summary snapshot-config

#!/usr/bin/env bash
# End-to-end: `fleetwatch preview` over the Terraform and CLI fixtures. Usage: preview.sh path/to/fleetwatch
set -uo pipefail
BIN=$(realpath "${1:?usage: preview.sh path/to/fleetwatch}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$ROOT/Tests/Fixtures"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "$0")/lib.sh"
base=(--alarms "$FIX/alarms/erato.tf" --alarm erato-health-check-failures
      --data "$FIX/cloudwatch/get-metric-data.json" --queries "$FIX/cloudwatch/get-metric-data.queries.json")

"$BIN" preview "${base[@]}" --period 60 --format json > "$WORK/a.json" 2> "$WORK/err"
check "preview exits 0" test $? -eq 0
as_defined() {
  python3 - "$WORK/a.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["alarms"]
assert len(a) == 1, a
a = a[0]
assert (a["name"], a["threshold"], a["comparison"], a["period"], a["evaluation_periods"], a["datapoints_to_alarm"],
        a["treat_missing_data"]) == ("erato-health-check-failures", 1, "GreaterThanThreshold", 60, 2, 2, "notBreaching"), a
assert [(t["time"], t["from"], t["to"]) for t in a["transitions"]] == [
    ("2025-06-01T12:00:00Z", "INSUFFICIENT_DATA", "OK"), ("2025-06-01T12:08:00Z", "OK", "ALARM")], a["transitions"]
assert a["summary"] == {"times_fired": 1, "seconds_in_alarm": 120, "final_state": "ALARM",
                        "first_fired": "2025-06-01T12:08:00Z", "last_fired": "2025-06-01T12:08:00Z"}, a["summary"]
assert len(a["evaluations"]) == 11 and a["evaluations"][-1]["state"] == "ALARM"
PY
}
check "the alarm as defined fires once at 12:08" as_defined

"$BIN" preview "${base[@]}" --period 60 --threshold 2 --format json > "$WORK/b.json" 2>/dev/null
check "with --threshold 2 it never fires" python3 -c "
import json; s = json.load(open('$WORK/b.json'))['alarms'][0]['summary']
assert s['times_fired'] == 0 and s['final_state'] == 'OK', s"

"$BIN" preview "${base[@]}" --period 60 > "$WORK/t.txt" 2>/dev/null
check "text timeline with a summary line" grep -q "summary: fired 1 time, 120 s in ALARM, final state ALARM" "$WORK/t.txt"

"$BIN" preview --alarms "$FIX/alarms/erato.tf" --alarm erato-health-check-failures --data "$ROOT/Recordings/demo.fwrec" \
  --format json > "$WORK/r.json" 2>/dev/null
check "a recording as data: the demo's outage fires the alarm once, for an hour" python3 -c "
import json; s = json.load(open('$WORK/r.json'))['alarms'][0]['summary']
assert (s['times_fired'], s['seconds_in_alarm'], s['final_state']) == (1, 3600, 'OK'), s"

bad() { local pattern=$1; shift; usage_error "$pattern" "$BIN" preview "$@"; }  # PATTERN ARGS...
check "bad argument exits 2" bad "evaluation-periods must be 1" "${base[@]}" --evaluation-periods 0
check "M above N exits 2" bad "cannot exceed" "${base[@]}" --datapoints-to-alarm 3
check "a Terraform syntax error names file:line" bad 'bad-missing-equals.tf:[0-9]+' --alarms "$FIX/alarms/bad-missing-equals.tf" --data "$FIX/cloudwatch/get-metric-data.json"
head -c 300 "$FIX/cloudwatch/get-metric-data.json" > "$WORK/cut.json"
check "a truncated data file names file and byte" bad 'cut.json: byte [0-9]+' "${base[@]:0:4}" --data "$WORK/cut.json"
check "an unknown alarm name lists the known ones" bad "no alarm named 'nope' \(there are: erato-health-check-failures" --alarms "$FIX/alarms/erato.tf" --alarm nope --data "$FIX/cloudwatch/get-metric-data.json"

# Issue 17: ceilings, negative values, order of checks, FIFOs, escapes in what is printed.
check "--end far away is refused (timestamps stop at 2999)" bad "--end: '1000000000000000000' is not an ISO 8601 time" "${base[@]}" --period 60 --end 1000000000000000000
check "more periods than a preview walks is refused" bad "more than the 1000000 evaluation periods" "${base[@]}" --period 10 --end 2100-01-01T00:00:00Z
check "--start after --end says so" bad "--start \(2025-06-01T13:00:00Z\) is not before --end" "${base[@]}" --start 2025-06-01T13:00:00Z --end 2025-06-01T12:00:00Z
"$BIN" preview "${base[@]}" --period 60 --threshold -5 --format json > "$WORK/neg.json" 2> "$WORK/err"
check "--threshold -5 is a value, not a missing one" python3 -c "
import json; a = json.load(open('$WORK/neg.json'))['alarms'][0]
assert a['threshold'] == -5 and a['summary']['final_state'] == 'ALARM', a['summary']"
mkfifo "$WORK/fifo.tf"
check "--alarms on a FIFO is refused, not waited on" bad "fifo.tf: is a FIFO" --alarms "$WORK/fifo.tf" --data "$FIX/cloudwatch/get-metric-data.json"
python3 - "$FIX/alarms/erato.tf" "$WORK/esc.tf" <<'PY'
import sys
t = open(sys.argv[1]).read().replace('"erato-health-check-failures"', '"evil\\u001b]2;pwned\\u0007\\u009b2J\\u202e"', 1)
open(sys.argv[2], "w").write(t)
PY
"$BIN" preview --alarms "$WORK/esc.tf" --data "$FIX/cloudwatch/get-metric-data.json" --queries "$FIX/cloudwatch/get-metric-data.queries.json" \
  --period 60 > "$WORK/esc.txt" 2> "$WORK/err"
check "an alarm name with escapes prints escaped in the text output" grep -qF 'evil\e]2;pwned\u0007\u009b2J\u202e' "$WORK/esc.txt"
check "... and no control reaches stdout or stderr" python3 -c "
import sys
for f in ['$WORK/esc.txt', '$WORK/err']:
    t = open(f, encoding='utf-8').read()
    bad = [c for c in t if (ord(c) < 32 and c not in '\n\t') or 0x7f <= ord(c) < 0xa0 or c == '\u202e']
    assert not bad, (f, bad)"
check "the --alarm NAME echo is escaped" bad "no alarm named 'x\\\\e\\]2;t" --alarms "$FIX/alarms/erato.tf" --alarm $'x\e]2;t\a' --data "$FIX/cloudwatch/get-metric-data.json"

summary preview

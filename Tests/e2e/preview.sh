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

# Scaling preview (#18): the scaling fixture's four policies over the built-in demo recording.
scale=(--scaling "$FIX/scaling/erato-scaling.tf" --data demo)
"$BIN" preview "${scale[@]}" --format json > "$WORK/s.json" 2> "$WORK/err"
check "scaling preview exits 0" test $? -eq 0
check "the CPU policy scales out during the outage, in Auto Scaling's words; request_count is linted" python3 - "$WORK/s.json" <<'PY'
import json, re, sys
s = json.load(open(sys.argv[1]))
out = [a for a in s["activities"] if a["to"] > a["from"] and "2026-01-05T13:00:00Z" <= a["time"] < "2026-01-05T13:50:00Z"]
assert out and all(a["policy"] == "erato-target-cpu" for a in out), s["activities"]
assert re.fullmatch(r"At 2026-01-05T13:\d\d:00Z a monitor alarm TargetTracking-erato-backend-asg-AlarmHigh-[0-9a-f-]{36} in state ALARM "
                    r"triggered policy erato-target-cpu changing the desired capacity from \d+ to \d+\.", out[0]["cause"]), out[0]
assert any(l.startswith("request_count: never acts: no datapoints for AWS/ApplicationELB RequestCountPerTarget {LoadBalancer=")
           and l.endswith("a metric published per TargetGroup") for l in s["lint"]), s["lint"]
assert s["model"] == "proportional" and "recorded capacity" in s["model_statement"]
assert s["summary"]["peak_capacity"] > s["initial_capacity"] and s["summary"]["recorded_peak_capacity"] is not None
real = s["real_activities"]
assert len(real) == 4 and all(a["cause"].startswith("At " + a["time"]) for a in real), real
assert [(a["from"], a["to"]) for a in real][:2] == [(6, 7), (7, 8)], real
PY
"$BIN" preview "${scale[@]}" > "$WORK/s.txt" 2>/dev/null
check "text: the load model is stated, with a summary beside the recorded capacity" \
  grep -q "load model: per-instance metric = recorded × recorded capacity ÷ simulated capacity" "$WORK/s.txt"
check "text: summary rows" grep -qE "^instance-hours +[0-9.]+ +[0-9.]+" "$WORK/s.txt"
check "text: the real activities beside the simulated ones" grep -qE "^real activities \(the data's scaling events\):$" "$WORK/s.txt"
check "text: activities simulated and real counted" grep -qE "^activities +[0-9]+ +4$" "$WORK/s.txt"
"$BIN" preview "${scale[@]}" --model none --format json > "$WORK/n.json" 2>/dev/null
"$BIN" preview "${scale[@]}" --target-value erato-target-cpu=50 --format json > "$WORK/w.json" 2>/dev/null
check "what if: --model none replays unchanged; a lower target runs more instance-hours" python3 -c "
import json
n = json.load(open('$WORK/n.json')); s = json.load(open('$WORK/s.json')); w = json.load(open('$WORK/w.json'))
assert n['model'] == 'none' and all(m['simulated_minutes'] == m['recorded_minutes'] for m in n['summary']['minutes_above_target']), n['summary']
assert w['summary']['instance_hours'] > s['summary']['instance_hours'], (w['summary'], s['summary'])"
check "scaling: an unknown policy in --target-value exits 2" bad "no target tracking policy named 'nope'" "${scale[@]}" --target-value nope=60
"$BIN" preview "${scale[@]}" --low-ratio 0.85 --high-periods 5 --low-periods 10 --format json > "$WORK/a2.json" 2>/dev/null
check "assumptions overridden are printed as used" python3 -c "
import json; a = json.load(open('$WORK/a2.json'))['assumptions']
assert a[0].startswith('target tracking scale-out alarm: 5 of 5') and a[1].startswith('target tracking scale-in alarm: 10 of 10 periods below 0.85'), a"
check "scaling: --low-ratio out of range exits 2" bad "low-ratio must be between 0 and 1" "${scale[@]}" --low-ratio 1.5
check "scaling: --format svg is refused (the chart is the alarm preview's) exits 2" bad "the scaling preview is text or json" "${scale[@]}" --format svg
check "neither --alarms nor --scaling exits 2" bad "give --alarms, or --scaling" --data demo
"$BIN" preview --scaling "$FIX/scaling/describe-policies.json" --alarms "$FIX/scaling/describe-alarms.json" --data demo \
  --group "$FIX/scaling/describe-auto-scaling-groups.json" --format json > "$WORK/d.json" 2>/dev/null
check "describe-policies output with describe-alarms: the same policies act, request_count linted" python3 -c "
import json; d = json.load(open('$WORK/d.json')); s = json.load(open('$WORK/s.json'))
assert d['policies'] == ['erato-target-cpu', 'erato-step-out', 'erato-simple-in'], d['policies']
assert (d['group'], d['min'], d['max']) == ('erato-backend-asg', 3, 12), d
assert any(l.startswith('request_count: never acts') for l in d['lint']), d['lint']
assert any(a['policy'] == 'erato-target-cpu' and a['to'] > a['from'] and '2026-01-05T13:00:00Z' <= a['time'] < '2026-01-05T13:50:00Z'
           for a in d['activities']), d['activities']"
check "scaling: another command's output is refused" bad 'describe-alarms.json: not the output of `aws autoscaling describe-policies` \(no ScalingPolicies\)' --scaling "$FIX/scaling/describe-alarms.json" --data demo --max 12
check "scaling: a Terraform syntax error names file:line" bad 'bad-missing-equals.tf:[0-9]+' --scaling "$FIX/alarms/bad-missing-equals.tf" --data demo
check "scaling: the seed's max_size is computed by Terraform: asks for --max" bad "max_size is not stated \\(or not known without running Terraform\\); give --max" --scaling "$FIX/alarms/erato.tf" --data demo
"$BIN" preview --scaling "$FIX/alarms/erato.tf" --data demo --max 12 > "$WORK/seed.txt" 2>/dev/null
check "the seed's policies: the step policy no alarm invokes is linted" grep -q "lint: erato-step-out: never acts: no alarm's alarm_actions invokes it" "$WORK/seed.txt"

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

#!/usr/bin/env bash
# End-to-end: `fleetwatch probe` against real HTTP servers on loopback (Tests/e2e/probe-server.py:
# 200, 503, 302, silent, not-HTTP, refused, and one that turns from 200 to 503 when told).
# Usage: probe.sh path/to/fleetwatch
set -uo pipefail
BIN=$(realpath "${1:?usage: probe.sh path/to/fleetwatch}")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  exec 3>&- 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
source "$HERE/lib.sh"
# wait_for FILE PATTERN SECONDS: until a line of FILE matches
wait_for() {
  local i
  for ((i = 0; i < $3 * 20; i++)); do grep -qE -- "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  echo "  waited $3 s for /$2/ in:"; sed 's/^/  | /' "$1"; return 1
}

# The servers: stdin is a pipe held open on fd 3; closing it stops them.
mkfifo "$WORK/ctl"
python3 "$HERE/probe-server.py" --targets-out "$WORK/targets.yaml" --flip "$WORK/flip" < "$WORK/ctl" > "$WORK/server.out" 2>&1 &
SERVER_PID=$!
exec 3> "$WORK/ctl"
wait_for "$WORK/server.out" '^ready' 10 || { echo "probe: the test servers did not start"; exit 1; }

# --rounds: every target checked three times, the report as JSON, exit 0.
"$BIN" probe --targets "$WORK/targets.yaml" --rounds 3 --interval 0.5 --timeout 0.3 > "$WORK/r.json" 2> "$WORK/err"
check "probe --rounds 3 exits 0" test $? -eq 0
report_is_right() {
  python3 - "$WORK/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = {x["id"]: x for x in r["targets"]}
want = {  # id: (state, reason, last_status)
    "ok": ("healthy", None, 200), "flip": ("healthy", None, 200),
    "down": ("unhealthy", "Target.ResponseCodeMismatch", 503),
    "moved": ("unhealthy", "Target.ResponseCodeMismatch", 302),
    "hang": ("unhealthy", "Target.Timeout", None),
    "garbage": ("unhealthy", "Target.FailedHealthChecks", None),
    "refused": ("unhealthy", "Target.FailedHealthChecks", None),
}
got = {k: (v["state"], v.get("reason"), v.get("last_status")) for k, v in t.items()}
assert got == want, got
assert all(v["checks"] == 3 for v in t.values()), [(k, v["checks"]) for k, v in t.items()]
assert all(v["url"].startswith("http://127.0.0.1:") and v["url"].endswith("/health") for v in t.values())
assert t["ok"]["latency_ms"] < 300, t["ok"]
assert t["hang"].get("latency_ms") is None or t["hang"]["latency_ms"] >= 250, t["hang"]
zones = {z["name"]: (z["healthy"], z["unhealthy"]) for z in r["zones"]}
assert zones == {"us-east-1a": (1, 1), "us-east-1b": (0, 2), "us-east-1c": (1, 2)}, zones
PY
}
check "each target's state, reason and status, and the per-zone counts" report_is_right

"$BIN" probe --targets "$WORK/targets.yaml" --rounds 1 --interval 0.5 --timeout 0.3 --format text > "$WORK/r.txt" 2>&1
check "--format text: a row per target" grep -qE '^down +us-east-1b +initial +503 +[0-9.]+ms +Elb.InitialHealthChecking +http://127.0.0.1:[0-9]+/health$' "$WORK/r.txt"
check "--format text: the zone counts" grep -qx 'us-east-1a: 1 healthy, 0 unhealthy; us-east-1b: 0 healthy, 0 unhealthy; us-east-1c: 1 healthy, 0 unhealthy' "$WORK/r.txt"

# Without --rounds: a line per state change as it happens, until Ctrl-C (exit 130).
"$BIN" probe --targets "$WORK/targets.yaml" --interval 0.3 --timeout 0.2 > "$WORK/live.txt" 2>&1 &
LIVE=$!
check "live: the answering target turns healthy" wait_for "$WORK/live.txt" ' ok us-east-1a [a-z-]+ -> healthy' 10
check "live: the silent target turns unhealthy with Target.Timeout" \
  wait_for "$WORK/live.txt" ' hang us-east-1a [a-z-]+ -> unhealthy Target.Timeout' 10
touch "$WORK/flip"  # the flip target now answers 503
check "live: a target that starts failing is reported when it crosses the threshold" \
  wait_for "$WORK/live.txt" ' flip us-east-1c healthy -> unhealthy Target.ResponseCodeMismatch \(HTTP 503' 10
changes_chain() {  # per target, each line starts where the last ended and changes something
  python3 - "$WORK/live.txt" <<'PY'
import re, sys
last = {}
for line in open(sys.argv[1]):
    m = re.match(r"\S+ (\S+) (\S+) (\S+) -> (\S+)(?: (\S+\.\S+))?", line)
    assert m, line
    target, _, frm, to, reason = m.groups()
    if target in last:
        assert frm == last[target][0], (line, last[target])
        assert (to, reason) != last[target], ("printed twice", line)
    else:
        assert frm == "-", line
    last[target] = (to, reason)
assert len(last) == 7, last
PY
}
check "live: each change printed once, from the state the last line left" changes_chain
kill -INT $LIVE
wait $LIVE
check "live: Ctrl-C exits 130" test $? -eq 130
rm -f "$WORK/flip"

"$BIN" probe --targets "$WORK/targets.yaml" --interval 0.3 --timeout 0.2 --format json > "$WORK/live.jsonl" 2>&1 &
LIVE=$!
wait_for "$WORK/live.jsonl" '"id":"refused".*"reason":"Target.FailedHealthChecks"' 10 >/dev/null
kill -INT $LIVE; wait $LIVE
check "live --format json: every line is a change as one JSON object" python3 -c "
import json, sys
lines = [json.loads(l) for l in open('$WORK/live.jsonl') if l.strip()]
assert lines and all({'time', 'target'} <= l.keys() for l in lines), lines
assert any(l['target']['id'] == 'refused' and l['target']['reason'] == 'Target.FailedHealthChecks' for l in lines), lines"

bad() { local pattern=$1; shift; usage_error "$pattern" "$BIN" probe "$@"; }  # PATTERN ARGS...
printf 'targets:\n  - {id: a, zone: us-east-1a, host: 127.0.0.1}\n  - {id: b, zone: us-east-1b, host: 127.0.0.1, port: 99999}\n' > "$WORK/bad.yaml"
check "a bad port names file:line and key" bad 'bad.yaml:3: targets\[1\]\.port' --targets "$WORK/bad.yaml" --rounds 1
check "a missing targets file exits 2" bad 'nope.yaml' --targets "$WORK/nope.yaml" --rounds 1
check "--rounds 0 exits 2" bad 'rounds must be' --targets "$WORK/targets.yaml" --rounds 0
check "a timeout not shorter than the interval exits 2" bad 'must be shorter than the interval' --targets "$WORK/targets.yaml" --interval 1 --timeout 2 --rounds 1

summary probe

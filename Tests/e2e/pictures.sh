#!/usr/bin/env bash
# End-to-end: the pictures. `snapshot --format svg|html` from every input snapshot takes, `preview
# --format svg`, hostile names escaped, the SVG drawn by a real renderer (rsvg-convert, Debian's
# librsvg2-bin) with a few pixels checked against the theme, and the README's pictures current.
# Usage: pictures.sh path/to/fleetwatch
set -uo pipefail
BIN=$(realpath "${1:?usage: pictures.sh path/to/fleetwatch}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source "$HERE/lib.sh"
command -v rsvg-convert >/dev/null || { echo "pictures.sh needs rsvg-convert (apt-get install librsvg2-bin)"; exit 1; }

# well_formed FILE: parsed by an XML parser (an HTML page without its doctype is XHTML-clean).
well_formed() {
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
text = open(sys.argv[1], encoding="utf-8").read().replace("<!DOCTYPE html>\n", "", 1)
root = ET.fromstring(text)
assert root.tag in ("{http://www.w3.org/2000/svg}svg", "html"), root.tag
PY
}

# A configuration whose alarm name is hostile: markup, ampersand, quotes, an escape sequence.
cat > "$WORK/hostile.yaml" <<'YAML'
fleet: {name: erato-backend, region: us-east-1, zones: [us-east-1a, us-east-1b, us-east-1c]}
refresh: 1s
sources:
  - kind: mock
    scenario: az-outage
    seed: 7
alarms:
  - alarm_name: "<script>alert('x')</script> & \"q\" \e[31m"
    namespace: AWS/ApplicationELB
    metric_name: UnHealthyHostCount
    dimensions: {LoadBalancer: app/erato-backend-alb/50dc6c495c0c9188}
    statistic: Maximum
    period: 5m
    evaluation_periods: 2
    threshold: 1
    comparison_operator: GreaterThanThreshold
    treat_missing_data: notBreaching
YAML

inputs=("mock:--after 600" "config:--config $WORK/hostile.yaml --after 600" "replay-file:--replay $ROOT/Recordings/demo.fwrec"
        "replay-demo:--replay demo --at 2026-01-05T13:45:00Z")
for input in "${inputs[@]}"; do
  name=${input%%:*}; args=${input#*:}
  for format in svg html; do
    # shellcheck disable=SC2086
    "$BIN" snapshot $args --width 120 --height 36 --format $format > "$WORK/$name.$format" 2> "$WORK/err"
    check "snapshot $name --format $format exits 0" test $? -eq 0
    check "snapshot $name --format $format is well-formed" well_formed "$WORK/$name.$format"
  done
done
check "svg is 120×36 cells of 9×18 px" grep -q '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="648"' "$WORK/mock.svg"

hostile_escaped() {  # FILE
  ! grep -q '<script' "$1" && grep -q '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;' "$1" \
    && ! LC_ALL=C grep -q $'\x1b' "$1"
}
check "a hostile alarm name is escaped in the SVG frame" hostile_escaped "$WORK/config.svg"
check "… and in the HTML frame" hostile_escaped "$WORK/config.html"

# preview --format svg: the alarm as defined above the changed one, and a hostile name.
"$BIN" preview --alarms "$ROOT/Tests/Fixtures/alarms/erato.tf" --alarm erato-health-check-failures \
  --data "$ROOT/Recordings/demo.fwrec" --threshold 2 --format svg > "$WORK/preview.svg" 2>/dev/null
check "preview --format svg exits 0" test $? -eq 0
check "preview svg is well-formed" well_formed "$WORK/preview.svg"
check "both versions, on one chart, with their summaries" python3 - "$WORK/preview.svg" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
summaries = ["".join(e.itertext()) for e in root.iter(ns + "text") if e.get("class") == "summary"]
assert summaries == ["as defined: fired 1 time, 1h in ALARM, final state OK, at 2026-01-05 13:20:00Z",
                     "changed (threshold 1 → 2): fired 0 times, 0s in ALARM, final state OK"], summaries
assert len([e for e in root.iter(ns + "rect") if e.get("class") == "alarm-period"]) == 1
assert len([e for e in root.iter(ns + "line") if e.get("class") == "threshold"]) == 2
assert len([e for e in root.iter(ns + "circle") if e.get("class") == "breach"]) == 13
PY
"$BIN" preview --alarms "$WORK/hostile.yaml" --data "$ROOT/Recordings/demo.fwrec" --format svg > "$WORK/hostile-preview.svg" 2>/dev/null
check "preview of a hostile alarm name exits 0" test $? -eq 0
check "… is well-formed" well_formed "$WORK/hostile-preview.svg"
check "… and escaped, the escape character shown as ␛" bash -c "grep -q '&amp; &quot;q&quot; ␛\[31m' '$WORK/hostile-preview.svg' && ! grep -q '<script' '$WORK/hostile-preview.svg'"

# Pixels, drawn by librsvg: the ALARM badge's colour, a healthy row's colour, the page; per theme.
# pixels SVG TEXT PNG PAGE ALARM HEALTHY
pixels() {
  rsvg-convert "$1" -o "$3" || return 1
  python3 - "$HERE/png-pixels.py" "$2" "$3" "$4" "$5" "$6" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("png", sys.argv[1]); png = importlib.util.module_from_spec(spec)
spec.loader.exec_module(png)
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
image = png.read(sys.argv[3])
page, alarm, healthy = (bytes.fromhex(c.lstrip("#")) for c in sys.argv[4:7])
near = lambda p, c: all(abs(a - b) <= 6 for a, b in zip(p, c))
cell = lambda col, row: png.pixel(image, col * 9 + 4, row * 18 + 9)
# The alarm strip (row 1): the badge " ALARM " is drawn reversed; its first cell is all badge colour.
col = lines[1].index(" ALARM ")
assert near(cell(col, 1), alarm), ("ALARM badge", cell(col, 1), alarm.hex())
# A healthy instance's row: many pixels of the word "healthy" in the healthy colour.
row = next(i for i, l in enumerate(lines) if "InService  healthy" in l)
col = lines[row].index("healthy")
count = sum(1 for y in range(row * 18, row * 18 + 18) for x in range(col * 9, col * 9 + 63)
            if near(png.pixel(image, x, y), healthy))
assert count >= 20, ("healthy row", count, healthy.hex())
# The page: a blank cell with blank neighbours, in the middle of the frame.
blank = next((c, r) for r in range(10, len(lines) - 2) for c in range(2, 150)
             if all(len(lines[r + dr]) <= c + dc or lines[r + dr][c + dc] == " " for dr in (-1, 0, 1) for dc in (-1, 0, 1)))
assert near(cell(*blank), page), ("page", blank, cell(*blank), page.hex())
PY
}
moment=(--replay demo --at 2026-01-05T13:45:00Z --width 160 --height 48)
for spec in "default:#1e1e2e:#f38ba8:#a6e3a1" "high-contrast:#000000:#ff0000:#00ff00" "light:#eff1f5:#d20f39:#40a02b"; do
  IFS=: read -r theme page alarm healthy <<< "$spec"
  "$BIN" snapshot "${moment[@]}" --theme "$theme" --format svg > "$WORK/$theme.svg"
  "$BIN" snapshot "${moment[@]}" --theme "$theme" --format text > "$WORK/$theme.txt"
  check "rsvg-convert draws --theme $theme: page $page, ALARM $alarm, healthy $healthy" \
    pixels "$WORK/$theme.svg" "$WORK/$theme.txt" "$WORK/$theme.png" "$page" "$alarm" "$healthy"
done

# In the dashboard's alarm preview, w writes the chart beside the Terraform and put-metric-alarm text:
# the built-in demo in a private tmux server, its working folder $WORK/w.
SOCK="fleetwatch-pictures-$$"
t() { tmux -L "$SOCK" "$@"; }
trap 't kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/w"
wait_file() {  # FILE PATTERN SECONDS: poll until FILE holds PATTERN
  local i
  for ((i = 0; i < $3 * 10; i++)); do grep -qE -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "  timed out waiting for $2 in $1"; t capture-pane -p -t pic 2>/dev/null | sed 's/^/  | /'; return 1
}
wait_screen() {  # PATTERN SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do t capture-pane -p -t pic 2>/dev/null | grep -qE -- "$1" && return 0; sleep 0.1; done
  echo "  timed out waiting for $1 on screen"; t capture-pane -p -t pic 2>/dev/null | sed 's/^/  | /'; return 1
}
t -f /dev/null new-session -d -s pic -x 160 -y 48 -c "$WORK/w" \
  "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color LANG=C.UTF-8 bash --norc --noprofile -c '\"$BIN\"; echo EXIT=\$?; sleep 60'"
check "the demo dashboard draws" wait_screen "Instances by AZ" 20
t send-keys -t pic End
check "End: the end of the recording" wait_screen "END" 5
t send-keys -t pic a
check "a opens the alarm preview" wait_screen "Alarm preview" 5
t send-keys -t pic Up w
chart="$WORK/w/erato-health-check-failures-preview.svg"
check "w writes <alarm>-preview.svg in the working folder" wait_file "$chart" '</svg>' 5
check "… a well-formed chart of the alarm as defined and as changed" bash -c \
  "python3 -c 'import xml.etree.ElementTree as E; E.parse(\"$chart\")' && grep -q 'changed (threshold 1 → 2)' '$chart'"
t send-keys -t pic z q
check "q exits 0" wait_screen "EXIT=0" 10
check "… the exported Terraform, then the chart's name" bash -c \
  "tmux -L '$SOCK' capture-pane -p -J -S -200 -t pic | grep -B3 -A3 -F '# the preview as a chart: $chart' | grep -q EXIT=0"

# The README's pictures are what scripts/make-pictures.sh makes now.
"$ROOT/scripts/make-pictures.sh" "$BIN" "$WORK/pictures" > /dev/null
for f in dashboard.svg preview.svg; do
  check "docs/pictures/$f is current (run scripts/make-pictures.sh)" cmp -s "$WORK/pictures/$f" "$ROOT/docs/pictures/$f"
done

summary pictures

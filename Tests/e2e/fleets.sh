#!/usr/bin/env bash
# End-to-end: several fleets (`--fleets N`) on the overview in a real terminal (a private tmux
# server): filter, jump with Tab completion, open a fleet, back, quit; and snapshot's overview.
# Recordings of several fleets: record (headless, with the overview, a configuration), replay (filter,
# open, seek, back), snapshot --replay.
# Usage: Tests/e2e/fleets.sh path/to/fleetwatch
set -uo pipefail
BIN=$(realpath "${1:?usage: fleets.sh path/to/fleetwatch}")
SOCK="fleetwatch-fleets-$$"
WORK=$(mktemp -d)
source "$(dirname "$0")/lib.sh"
t() { tmux -L "$SOCK" "$@"; }
cleanup() { t kill-server >/dev/null 2>&1 || true; }
trap 'cleanup; rm -rf "$WORK"' EXIT

# The fleets of seed 5 (deterministic), and a name with the shortest prefix no other name starts with.
"$BIN" snapshot --fleets 12 --seed 5 --after 600 --format json > "$WORK/fleets.json"
check "snapshot --format json lists 12 fleets, worst first, old fields kept" python3 - "$WORK/fleets.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fleets = d["fleets"]
assert len(fleets) == 12, len(fleets)
assert {"name", "region", "account", "zones", "cpu", "cpu_spark", "requests_per_minute", "stale"} <= set(fleets[0])
rank = [0 if f.get("alarm") == "ALARM" else 1 for f in fleets]
assert rank == sorted(rank), rank
assert d["fleet"] and d["metrics"] and d["zones"]      # the single-fleet fields are still there
PY
read -r NAME PREFIX < <(python3 - "$WORK/fleets.json" <<'PY'
import json, sys
names = [f["name"] for f in json.load(open(sys.argv[1]))["fleets"]]
name = sorted(names, key=len)[-1]
for n in range(1, len(name) + 1):
    if sum(1 for x in names if x.startswith(name[:n])) == 1:
        print(name, name[:n]); break
PY
)
check "snapshot text is the overview" bash -c "'$BIN' snapshot --fleets 12 --seed 5 --after 600 --width 160 --height 30 | grep -q '12 fleets'"
check "--fleets 0 is a usage error" usage_error "--fleets must be between 1 and" "$BIN" snapshot --fleets 0
check "--fleets with --scenario is a usage error" usage_error "leave out" "$BIN" snapshot --fleets 3 --scenario steady
# Recordings of several fleets (format version 3): headless, the simulated fleets into one file.
check "record --headless --fleets 6 writes one file" \
  "$BIN" record --headless --fleets 6 --seed 5 --duration 20m --out "$WORK/h6.fwrec"
check "… version 3, the header lists 6 fleets, every line names one of them" python3 - "$WORK/h6.fwrec" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
h = json.loads(lines[0])
assert h["version"] == 3 and len(h["fleets"]) == 6, h.get("version")
assert all({"name", "region", "zones"} <= set(f["fleet"]) for f in h["fleets"])
assert {json.loads(l)["fleet"] for l in lines[1:]} == set(range(6))
PY
check "snapshot --replay of it prints the overview" bash -c "'$BIN' snapshot --replay '$WORK/h6.fwrec' --after 600 --width 160 --height 20 | grep -q '6 fleets'"
check "… and its JSON lists the 6 fleets" bash -c "'$BIN' snapshot --replay '$WORK/h6.fwrec' --format json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)[\"fleets\"]) == 6'"
DUP="$WORK/dup.fwrec"
python3 - "$WORK/h6.fwrec" "$DUP" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
h = json.loads(lines[0]); h["fleets"][3]["fleet"]["name"] = h["fleets"][1]["fleet"]["name"]
open(sys.argv[2], "w").write("\n".join([json.dumps(h)] + lines[1:]) + "\n")
PY
check "a recording listing a fleet twice: one line naming file and place, exit 2" \
  one_line_error 2 "dup.fwrec:1: fleets.3.fleet.name: fleet '.*' is listed twice \\(first as fleets.1\\)" "$BIN" replay "$DUP"
printf 'fleets:\n  - {name: a, account: one}\n  - {name: b}\nsources: [{kind: mock}]\n' > "$WORK/two.yaml"

check "shell starts in tmux" start_shell
t send-keys -t e2e "$BIN --fleets 12 --seed 5; echo EXIT=\$?" Enter
check "the overview draws 12 fleets" wait_for "fleetwatch 12 fleets" 30
check "rows show regions and alarm states" wait_for "(us|eu|ap|sa)-[a-z]+-[0-9] +[a-z]* +(OK|ALARM)"
t send-keys -t e2e '/' 'e' 'u' '-'
check "/ filters while typing" wait_for "of 12 fleets"
check "the prompt shows the filter" wait_for "filter \\(text or /regex/\\): eu-"
t send-keys -t e2e Enter
check "Enter keeps the filter" wait_for "filter eu-"
t send-keys -t e2e ':'
t send-keys -t e2e -l "$PREFIX"
t send-keys -t e2e Tab
check ": completes the name with Tab ($PREFIX → $NAME)" wait_for "fleet: $NAME"
t send-keys -t e2e Enter Enter
check "Enter opens the jumped-to fleet's dashboard" wait_for "$NAME · " 15
check "the opened screen is the full dashboard" wait_for "Instances by AZ"
t send-keys -t e2e Escape
check "Esc comes back to the overview" wait_for "fleetwatch 12 fleets"
t send-keys -t e2e 'q'
check "q exits with status 0" wait_for "EXIT=0" 10
check "terminal restored after q" restored

# Recording several fleets with the overview on screen; --duration ends it.
t send-keys -t e2e "clear; $BIN record --fleets 6 --seed 5 --duration 4s --out $WORK/six.fwrec; echo EXIT=\$?" Enter
check "record --fleets 6 shows the overview, marked rec" wait_for "fleetwatch 6 fleets.*rec" 30
check "--duration ends the recording with status 0" wait_for "EXIT=0" 20
check "terminal restored after the recording" restored
check "… the file holds the 6 fleets" python3 -c "import json,sys; assert len(json.loads(open('$WORK/six.fwrec').readline())['fleets']) == 6"
t send-keys -t e2e "clear; $BIN record --config $WORK/two.yaml --duration 3s --out $WORK/two.fwrec; echo EXIT=\$?" Enter
check "record with a configuration of two fleets shows both" wait_for "fleetwatch 2 fleets.*rec" 30
check "… and ends with status 0" wait_for "EXIT=0" 20
check "… the file holds fleets a (account one) and b" python3 -c "
import json; h = json.loads(open('$WORK/two.fwrec').readline())
assert [(f['fleet']['name'], f.get('account')) for f in h['fleets']] == [('a', 'one'), ('b', None)], h['fleets']"

# Replaying it: the overview on one replay clock.
R_NAME=$(python3 -c "import json; print(json.loads(open('$WORK/h6.fwrec').readline())['fleets'][2]['fleet']['name'])")
t send-keys -t e2e "clear; $BIN replay $WORK/h6.fwrec --speed 10; echo EXIT=\$?" Enter
check "replay of 6 fleets opens the overview with the replay status" wait_for "fleetwatch 6 fleets.*replay 00:0.:.. / 00:20:00 ×10" 30
check "the status line has the replay keys" wait_for "\\[ \\] speed"
t send-keys -t e2e ' '
check "space pauses every fleet" wait_for "PAUSED  replay"
t send-keys -t e2e ']'
check "] speeds up (×20)" wait_for "PAUSED  replay .* ×20"
t send-keys -t e2e Home '/'
t send-keys -t e2e -l "$R_NAME"
t send-keys -t e2e Enter
check "/ filters the recording's fleets" wait_for "1 of 6 fleets"
t send-keys -t e2e Enter
check "Enter opens the fleet's dashboard, still replaying" wait_for "$R_NAME · .*PAUSED  replay" 15
BEFORE=$(screen | head -1 | grep -oE 'replay [0-9:]+' )
t send-keys -t e2e Right
check "→ seeks (from $BEFORE) by 2 minutes at ×20" wait_for "PAUSED  replay 00:0[2-9]:" 10
AFTER=$(screen | head -1 | grep -oE 'replay [0-9:]+')
t send-keys -t e2e Escape
check "Esc comes back to the overview at the same position" wait_for "1 of 6 fleets.*PAUSED  $AFTER"
t send-keys -t e2e End
check "End in the overview selects the last fleet (the recording stays where it was)" wait_for "PAUSED  $AFTER"
t send-keys -t e2e 'q'
check "q exits the replay with status 0" wait_for "EXIT=0" 10
check "terminal restored after the replay" restored

# The mouse on the overview of a recording: a click on a row selects it, a double click opens it, a click
# on the header's replay position seeks to the same fraction of the recording.
t send-keys -t e2e "clear; $BIN replay $WORK/h6.fwrec --speed 10 --mouse; echo EXIT=\$?" Enter
check "replay with --mouse opens the overview" wait_for "fleetwatch 6 fleets.*replay 00:0.:.. / 00:20:00" 30
t send-keys -t e2e ' '
check "paused" wait_for "PAUSED  replay 00:0"
# column_of TEXT: the 0-based column of TEXT on the screen's first line (characters, not bytes).
column_of() { screen | head -1 | python3 -c "import sys; print(sys.stdin.read().index(sys.argv[1]))" "$1"; }
LABEL=$(screen | head -1 | grep -oE 'replay [0-9:]+ / 00:20:00 ×10')
COL=$(column_of "$LABEL")
mouse_click $((COL + ${#LABEL} - 1)) 0
check "a click on the end of the replay position seeks to the end" wait_for "PAUSED  replay 00:20:00 / 00:20:00 ×10 END"
LABEL=$(screen | head -1 | grep -oE 'replay [0-9:]+ / 00:20:00 ×10')
COL=$(column_of "$LABEL")
mouse_click "$COL" 0
check "a click on its start seeks to the start" wait_for "PAUSED  replay 00:00:00 / 00:20:00"
# The third row's fleet: the word before its region.
ROW3=$(screen | sed -n 5p | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+-[a-z]+-[0-9]$/) { print $(i - 1); exit }}')
mouse_click 10 4; mouse_click 10 4
check "a double click on the third row opens that fleet ($ROW3)" wait_for "$ROW3 · .*PAUSED  replay" 15
t send-keys -t e2e Escape 'q'
check "q exits the mouse replay with status 0" wait_for "EXIT=0" 10
check "mouse reporting off again after exit" mouse_off

summary "fleets e2e"

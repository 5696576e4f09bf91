#!/usr/bin/env bash
# End-to-end: several fleets (`--fleets N`) on the overview in a real terminal (a private tmux
# server): filter, jump with Tab completion, open a fleet, back, quit; and snapshot's overview.
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
# A recording holds one fleet: record refuses several rather than keep only the first.
check "record --fleets is refused" usage_error "a recording holds one fleet" "$BIN" record --fleets 3 --out "$WORK/x.fwrec"
printf 'fleets:\n  - {name: a}\n  - {name: b}\nsources: [{kind: mock}]\n' > "$WORK/two.yaml"
check "record with a configuration of two fleets: one line, exit 2" \
  one_line_error 2 "two.yaml: a recording holds one fleet and this configuration names several" \
  "$BIN" record --config "$WORK/two.yaml" --out "$WORK/x.fwrec"
check "… and nothing written" test ! -e "$WORK/x.fwrec"

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

summary "fleets e2e"

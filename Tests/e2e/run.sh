#!/usr/bin/env bash
# End-to-end tests: the built binary in a real terminal (a private tmux server), driven with
# send-keys and read with capture-pane. Usage: Tests/e2e/run.sh path/to/fleetwatch
set -uo pipefail
BIN=$(realpath "${1:?usage: run.sh path/to/fleetwatch}")
SOCK="fleetwatch-e2e-$$"
source "$(dirname "$0")/lib.sh"
t() { tmux -L "$SOCK" "$@"; }
cleanup() { t kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT

four_panels() {
  local s; s=$(screen)
  grep -q "CPU" <<<"$s" && grep -q "ALB requests" <<<"$s" && grep -q "Unhealthy hosts" <<<"$s" \
    && grep -q "Instances by AZ" <<<"$s" && grep -q "us-east-1b" <<<"$s"
}

process_gone() {
  local i
  for ((i = 0; i < 50; i++)); do
    pgrep -f "$BIN --source mock" >/dev/null || return 0
    sleep 0.1
  done
  echo "  fleetwatch is still running"; return 1
}


# --- run 1: keys, help, resize, q ---
check "shell starts in tmux" start_shell
t send-keys -t e2e "$BIN --source mock --scenario az-outage --seed 7; echo EXIT=\$?" Enter
check "dashboard draws" wait_for "Instances by AZ" 20
check "four panels and zones on screen" four_panels
check "alternate screen in use" test "$(alternate_on)" = "1"
t send-keys -t e2e '?'
check "? shows help" wait_for "any key closes"
t send-keys -t e2e '?'
check "help closes" wait_gone "any key closes"
t resize-window -t e2e -x 60 -y 15
check "small terminal asks to enlarge" wait_for "enlarge to 64×18"
t resize-window -t e2e -x 160 -y 48
check "resize back redraws the panels" wait_for "Instances by AZ"
check "panels back after resize" four_panels
t send-keys -t e2e 't' 'g' 'Tab' 'Enter'
check "Enter zooms the focused panel" wait_gone "Instances by AZ"
check "zoomed panel is the requests one" wait_for "ALB requests"
t send-keys -t e2e 'q'
check "q exits with status 0" wait_for "EXIT=0" 10
check "process is gone after q" process_gone
check "terminal restored after q" restored

# --- run 2: SIGTERM ---
t send-keys -t e2e "clear; $BIN --source mock --scenario steady --seed 9; echo EXIT=\$?" Enter
check "second run draws" wait_for "Instances by AZ" 20
pkill -TERM -f "$BIN --source mock --scenario steady" 
check "SIGTERM exits (143)" wait_for "EXIT=143" 10
check "process is gone after SIGTERM" process_gone
check "terminal restored after SIGTERM" restored

# --- run 3: SIGHUP and Ctrl-C ---
t send-keys -t e2e "clear; $BIN --source mock --scenario bad-deploy --seed 3; echo EXIT=\$?" Enter
check "third run draws" wait_for "Instances by AZ" 20
t send-keys -t e2e C-c
check "Ctrl-C exits" wait_for "EXIT=(0|130)" 10
check "terminal restored after Ctrl-C" restored
t send-keys -t e2e "clear; $BIN --source mock --scenario steady --seed 4; echo EXIT=\$?" Enter
check "fourth run draws" wait_for "Instances by AZ" 20
pkill -HUP -f "$BIN --source mock --scenario steady"
check "SIGHUP exits (129)" wait_for "EXIT=129" 10
check "terminal restored after SIGHUP" restored

# --- run 4: no arguments replays the built-in recording; ] speeds up; space pauses; q quits ---
replay_gone() {
  local i
  for ((i = 0; i < 50; i++)); do
    pgrep -xf "$BIN" >/dev/null || return 0
    sleep 0.1
  done
  echo "  fleetwatch (replay) is still running"; return 1
}
t send-keys -t e2e "clear; $BIN; echo EXIT=\$?" Enter
check "no-arg run replays the demo" wait_for "replay [0-9:]+ / 02:00:00 ×60" 20
check "demo label and panels" wait_for "│ demo │" 5
t send-keys -t e2e ']'
check "] changes the speed shown" wait_for "replay [0-9:]+ / 02:00:00 ×120" 5
t send-keys -t e2e 'Space'
check "space pauses the replay clock" wait_for "PAUSED  replay" 5
t send-keys -t e2e 'End'
check "End jumps to the end" wait_for "replay 02:00:00 / 02:00:00 ×120 END" 5
# The instances panel's row cursor: Tab to it, down to the first us-east-1b instance (two per zone
# at the end of the demo), Enter opens it with its events (1b's outage: timeouts, then back).
t send-keys -t e2e Tab Tab Tab Down Down Enter
check "Enter opens an instance of the demo" wait_for "Instance  i-0[0-9a-f]{16}  Esc back" 5
check "the instance view shows its zone and lifecycle" wait_for "zone us-east-1b  lifecycle InService" 5
check "and its target health, since when" wait_for "target health healthy since 2026-01-05 " 5
check "and its events" wait_for "Its events  [0-9]+, newest first" 5
check "among them its health changes" wait_for "health  1b i-0[0-9a-f]{16} healthy → unhealthy \(Target.Timeout\)" 5
t send-keys -t e2e Escape
check "Esc goes back to the panels" wait_for "Instances by AZ" 5
t send-keys -t e2e 'e'
check "e shows the events overlay" wait_for "Events  [0-9]+, newest first" 5
t send-keys -t e2e 'e'
check "e again hides it" wait_gone "Events  [0-9]+, newest first" 5
t send-keys -t e2e 'Home'
check "Home jumps to the start" wait_for "replay 00:00:00 / 02:00:00" 5
t send-keys -t e2e 'q'
check "q exits the replay with status 0" wait_for "EXIT=0" 10
check "process is gone after q (replay)" replay_gone
check "terminal restored after replay" restored
# --- run 4b: the built-in demo's scaling view: v in the alarm preview, a lower target, w writes Terraform ---
t send-keys -t e2e "clear; $BIN; echo EXIT=\$?" Enter
check "the demo plays again" wait_for "replay [0-9:]+ / 02:00:00 ×60" 20
t send-keys -t e2e 'End'
check "End: the whole recording" wait_for "replay 02:00:00 / 02:00:00 ×60 END" 5
t send-keys -t e2e 'a'
check "a opens the alarm preview" wait_for "Alarm preview" 5
t send-keys -t e2e 'v'
check "v opens the scaling view on the demo's policies" wait_for "Scaling preview  erato-target-cpu  AWS/EC2 CPUUtilization Average  1/4" 5
check "the capacity steps and the real activities" wait_for "Capacity  what if ▴  real \(scaling events\) ▵" 5
check "request_count is linted" wait_for "lint: request_count: never acts: no datapoints for" 5
check "the simulated activities in Auto Scaling's words" wait_for "a monitor alarm|[0-9]{2}:[0-9]{2} [0-9]+ → [0-9]+ erato-target-cpu" 5
check "and the real ones" wait_for "real \(the fleet's scaling events\)" 5
t send-keys -t e2e 'PageDown'
check "PgDn lowers the target ten steps: the summary shows it" wait_for "policy +target 70 +target 60" 5
check "and the scale-in threshold follows" wait_for "scale-in +< 63 \(×90%\) +< 54 \(×90%\)" 5
t send-keys -t e2e 'w'
check "w shows the policy as Terraform" wait_for 'resource "aws_autoscaling_policy" "erato_target_cpu"' 5
t send-keys -t e2e 'Space'
check "any key closes the export" wait_gone "also printed when fleetwatch exits" 5
t send-keys -t e2e 'q'
check "q exits with status 0" wait_for "EXIT=0" 10
check "the Terraform is printed after quitting" wait_for '^resource "aws_autoscaling_policy" "erato_target_cpu" \{' 5
check "with the edited target" wait_for "^    target_value     = 60$" 5
check "terminal restored after the scaling view" restored

printf 'not a recording\n' > "/tmp/fleetwatch-e2e-$$.fwrec"
t send-keys -t e2e "clear; $BIN replay /tmp/fleetwatch-e2e-$$.fwrec; echo EXIT=\$?" Enter
check "a bad recording: one-line error, exit 2" wait_for "fleetwatch-e2e-$$.fwrec:1: not a fleetwatch recording \(no header\)" 10
check "exit status 2" wait_for "EXIT=2" 5
rm -f "/tmp/fleetwatch-e2e-$$.fwrec"

# --- run 5: keys rebound in a configuration's keys: section ---
WORK=$(mktemp -d)
trap 'cleanup; rm -rf "$WORK"' EXIT
cat > "$WORK/keys.yaml" <<'YAML'
sources:
  - kind: mock
    scenario: steady
    seed: 5
keys:
  quit: [k]
  zoom_in: [i]
YAML
t send-keys -t e2e "clear; $BIN --config $WORK/keys.yaml; echo EXIT=\$?" Enter
check "dashboard with rebound keys draws" wait_for "Instances by AZ" 20
check "the status line shows the keys in force" wait_for "k quit  \? help  p pause  i/- zoom" 5
t send-keys -t e2e 'q'
t send-keys -t e2e 'i'
check "i zooms in (the rebound zoom_in)" wait_for "window 30m" 5
check "q no longer quits" four_panels
t send-keys -t e2e '?'
check "help lists the rebound quit" wait_for "k {3,}quit" 5
t send-keys -t e2e 'Escape'
check "any key closes help" wait_gone "any key closes"
t send-keys -t e2e 'k'
check "k quits with status 0" wait_for "EXIT=0" 10
check "terminal restored after k" restored

# --- run 6: a bad keys file: one line naming file:line, exit 2 ---
mkdir -p "$WORK/xdg/fleetwatch"
printf 'quit: [q]\nexplode: [e]\n' > "$WORK/xdg/fleetwatch/keys.yaml"
check "an unknown action in keys.yaml: file:line, exit 2" one_line_error 2 \
  "^fleetwatch: $WORK/xdg/fleetwatch/keys.yaml:2: unknown action 'explode'" \
  env XDG_CONFIG_HOME="$WORK/xdg" "$BIN" --source mock
printf 'theme: [s]\n' > "$WORK/xdg/fleetwatch/keys.yaml"
check "one key for two actions in one mode: file:line, exit 2" one_line_error 2 \
  "keys.yaml:1: key 's' is bound to both stack and theme in live mode" \
  env XDG_CONFIG_HOME="$WORK/xdg" "$BIN" --source mock
printf 'sources:\n  - kind: mock\nkeys:\n  quit: [q, ctrl+shift+q]\n' > "$WORK/bad-keys.yaml"
check "an unknown key name in a config's keys: file:line, exit 2" one_line_error 2 \
  "bad-keys.yaml:4: quit: unknown key name 'ctrl\+shift\+q'" "$BIN" --config "$WORK/bad-keys.yaml"
check "replay --scaling with a missing file: one line naming it, exit 2" one_line_error 2 \
  "$WORK/nope.tf: no such file or directory" "$BIN" replay --scaling "$WORK/nope.tf"
FIXDIR=$(cd "$(dirname "$0")/../Fixtures" && pwd)
printf 'sources:\n  - kind: mock\nscaling: %s\n' "$FIXDIR/alarms/erato.tf" > "$WORK/scaling.yaml"
check "a configuration's scaling: whose max_size Terraform computes: one line naming the file, exit 2" one_line_error 2 \
  "erato.tf: the group's max_size is not stated" "$BIN" --config "$WORK/scaling.yaml"
t send-keys -t e2e "clear; XDG_CONFIG_HOME=$WORK/xdg $BIN; echo EXIT=\$?" Enter
check "in the terminal too: the error line and exit 2" wait_for "EXIT=2" 10
check "the terminal was never taken over" test "$(alternate_on)" = "0"

# --- run 7: mouse clicks (opt-in) ---
t send-keys -t e2e "clear; $BIN --source mock --scenario steady --seed 5; echo EXIT=\$?" Enter
check "without --mouse: dashboard draws" wait_for "Instances by AZ" 20
check "without --mouse, mouse reporting stays off" mouse_off
t send-keys -t e2e 'q'
check "exits" wait_for "EXIT=0" 10
t send-keys -t e2e "clear; $BIN --source mock --scenario steady --seed 5 --mouse; echo EXIT=\$?" Enter
check "with --mouse: dashboard draws" wait_for "Instances by AZ" 20
check "with --mouse, the app turned mouse reporting on" mouse_on
check "and asked for SGR reports (wide panes)" test "$(t display-message -p -t e2e '#{mouse_sgr_flag}')" = "1"
mouse_click 120 10; mouse_click 120 10
check "a double click on the requests panel: full screen" wait_gone "Instances by AZ"
check "the full-screen panel is the requests one" wait_for "ALB requests"
mouse_click 20 20; mouse_click 20 20
check "a double click again: back to four panels" wait_for "Instances by AZ"
mouse_click 20 10 64
check "the wheel over the CPU chart zooms in" wait_for "window 30m" 5
mouse_click 120 40
t send-keys -t e2e 'Enter'
check "a click focused the instances panel (Enter opens the instance under the cursor)" wait_for "Instance  i-0[0-9a-f]{16}"
t send-keys -t e2e 'q'
check "q exits with status 0 (mouse)" wait_for "EXIT=0" 10
check "mouse reporting off again after exit" mouse_off
check "terminal restored after the mouse run" restored


# on_alarm on one fleet (not only the overview): an AZ outage 5 simulated minutes away at ×60, the
# health-check alarm goes to ALARM ~12 s in; the command (argv, no shell built from data) gets the
# fleet, alarm and state in its environment.
mkdir -p "$WORK/onalarm"
cat > "$WORK/onalarm/one.yaml" <<'YAML'
fleet: {name: erato-backend, region: us-east-1}
refresh: 1s
sources: [{kind: mock, scenario: az-outage, speed: 60, prefill: 15m}]
on_alarm:
  command: [sh, -c, 'echo "$FLEETWATCH_FLEET|$FLEETWATCH_ALARM|$FLEETWATCH_STATE" >> alarms.txt']
YAML
t send-keys -t e2e "clear; cd '$WORK/onalarm' && $BIN --config one.yaml; echo EXIT=\$?; cd - >/dev/null" Enter
check "one fleet with on_alarm: the alarm goes to ALARM" wait_for "Alarms  ALARM  erato-health-check-failures" 45
check "on_alarm's command ran once with the fleet, alarm and state" bash -c \
  "for i in \$(seq 50); do [ -s '$WORK/onalarm/alarms.txt' ] && break; sleep 0.1; done; [ \"\$(cat '$WORK/onalarm/alarms.txt')\" = 'erato-backend|erato-health-check-failures|ALARM' ]"
t send-keys -t e2e 'q'
check "q exits with status 0 (on_alarm)" wait_for "EXIT=0" 10

# A fleet's own scaling: in a configuration of several: beta's policies (max 17) in beta's scaling
# view, the top-level ones (max 12) in alpha's.
cp "$FIXDIR/scaling/erato-scaling.tf" "$WORK/onalarm/"
sed 's/max_size                = 12/max_size                = 17/' "$WORK/onalarm/erato-scaling.tf" > "$WORK/onalarm/beta.tf"
cat > "$WORK/onalarm/two.yaml" <<'YAML'
fleets:
  - {name: alpha}
  - {name: beta, scaling: beta.tf}
sources: [{kind: mock, scenario: steady}]
scaling: erato-scaling.tf
YAML
t send-keys -t e2e "clear; cd '$WORK/onalarm' && $BIN --config two.yaml; echo EXIT=\$?; cd - >/dev/null" Enter
check "two fleets: the overview" wait_for "fleetwatch 2 fleets" 20
t send-keys -t e2e ':' 'b' 'e' 't' 'a' Enter Enter
check "beta's dashboard opens" wait_for "fleetwatch  beta · us-east-1" 10
t send-keys -t e2e 'a'; sleep 0.5; t send-keys -t e2e 'v'
check "beta's scaling view shows its own policies (beta.tf, max 17)" wait_for "1/4 · beta.tf.*" 10
check "… with its own limits" wait_for "3m, 3–17" 5
t send-keys -t e2e Escape Escape
check "back on the overview" wait_for "fleetwatch 2 fleets" 10
t send-keys -t e2e ':' 'a' 'l' 'p' 'h' 'a' Enter Enter
check "alpha's dashboard opens" wait_for "fleetwatch  alpha · us-east-1" 10
t send-keys -t e2e 'a'; sleep 0.5; t send-keys -t e2e 'v'
check "alpha's scaling view shows the top-level policies (max 12)" wait_for "1/4 · erato-scaling.tf.*" 10
check "… with their limits" wait_for "3m, 3–12" 5
t send-keys -t e2e 'q'
check "q exits with status 0 (two fleets)" wait_for "EXIT=0" 10

summary e2e

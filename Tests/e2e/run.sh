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

screen() { t capture-pane -p -t e2e 2>/dev/null; }

# wait_for PATTERN [SECONDS]: poll the screen until PATTERN (grep -E) shows, or fail.
wait_for() {
  local pattern=$1 limit=${2:-15} i
  for ((i = 0; i < limit * 10; i++)); do
    screen | grep -qE -- "$pattern" && return 0
    sleep 0.1
  done
  echo "  timed out after ${limit}s waiting for: $pattern"
  echo "  ---- screen ----"; screen | sed 's/^/  | /'; echo "  ----------------"
  return 1
}

# wait_gone PATTERN [SECONDS]: poll until PATTERN is no longer on screen.
wait_gone() {
  local pattern=$1 limit=${2:-10} i
  for ((i = 0; i < limit * 10; i++)); do
    screen | grep -qE -- "$pattern" || return 0
    sleep 0.1
  done
  echo "  still on screen after ${limit}s: $pattern"; return 1
}

alternate_on() { t display-message -p -t e2e '#{alternate_on}'; }


start_shell() {
  cleanup
  t -f /dev/null new-session -d -s e2e -x 160 -y 48 "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color LANG=C.UTF-8 bash --norc --noprofile"
  t set-option -t e2e -g window-size manual >/dev/null 2>&1 || true
  wait_for '[$#] *$' 10 || return 1    # bash's own prompt: the shell reads keys now
  t send-keys -t e2e "PS1='SHELL> '; clear" Enter
  wait_for '^SHELL>' 10
}

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

restored() {
  [ "$(alternate_on)" = "0" ] || { echo "  alternate screen still on"; return 1; }
  t send-keys -t e2e "echo shell-alive-\$((6*7))" Enter
  wait_for 'shell-alive-42' 5
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
t send-keys -t e2e 'Home'
check "Home jumps to the start" wait_for "replay 00:00:00 / 02:00:00" 5
t send-keys -t e2e 'q'
check "q exits the replay with status 0" wait_for "EXIT=0" 10
check "process is gone after q (replay)" replay_gone
check "terminal restored after replay" restored
printf 'not a recording\n' > "/tmp/fleetwatch-e2e-$$.fwrec"
t send-keys -t e2e "clear; $BIN replay /tmp/fleetwatch-e2e-$$.fwrec; echo EXIT=\$?" Enter
check "a bad recording: one-line error, exit 2" wait_for "fleetwatch-e2e-$$.fwrec:1: not a fleetwatch recording \(no header\)" 10
check "exit status 2" wait_for "EXIT=2" 5
rm -f "/tmp/fleetwatch-e2e-$$.fwrec"

summary e2e

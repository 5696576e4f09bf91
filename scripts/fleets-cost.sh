#!/usr/bin/env bash
# The overview's budget (issue 15): 200 simulated fleets × 3 AZ, 1 s refresh, 160×48, against one
# fleet in the same geometry. Prints CPU per refresh (process CPU seconds / seconds run, one refresh
# a second), bytes written to the terminal per minute (tmux pipe-pane), peak RSS (VmHWM), the time
# to the overview's first frame, and the time from Enter to the opened fleet's dashboard on screen.
#
#   scripts/fleets-cost.sh [SECONDS] [FLEETS]     (default 60 s, 200 fleets; builds release first;
#                                                   SETTLE=15 seconds before counting; FLEETWATCH_BIN=…)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60}
FLEETS=${2:-200}
SETTLE=${SETTLE:-15}
W=160 H=48
SOCK="fleetwatch-fleets-cost-$$"
WORK=$(mktemp -d)
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
if [ -n "${FLEETWATCH_BIN:-}" ]; then
  FW=$(realpath "$FLEETWATCH_BIN")
else
  swift build -c release --static-swift-stdlib --product fleetwatch >/dev/null
  FW="$(swift build -c release --static-swift-stdlib --show-bin-path)/fleetwatch"
fi
TICK=$(getconf CLK_TCK)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_screen PATTERN: poll the pane every 2 ms (at most 30 s); prints the milliseconds waited.
wait_screen() {
  local t0; t0=$(now_ms)
  for ((i = 0; i < 15000; i++)); do
    tmux -L "$SOCK" capture-pane -p -t cost | grep -qE -- "$1" && { echo $(( $(now_ms) - t0 )); return 0; }
    sleep 0.002
  done
  echo n/a
}

# measure NAME READY COMMAND...: "name cpu_s bytes rss_kb first_ms open_ms"
measure() {
  local name=$1 ready=$2; shift 2
  local bytes="$WORK/$name.bytes"; : > "$bytes"
  tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
  tmux -L "$SOCK" -f /dev/null new-session -d -s cost -x $W -y $H \
    "env TERM=tmux-256color LANG=C.UTF-8 COLORTERM=truecolor HOME=$WORK $*"
  tmux -L "$SOCK" pipe-pane -o -t cost "cat >> $bytes"
  local first; first=$(wait_screen "$ready")
  local pid; pid=$(tmux -L "$SOCK" display-message -p -t cost '#{pane_pid}')
  # Counted from here, after a settling time: the start-up (simulating each fleet's first hour,
  # painting the first rows) is not a refresh.
  sleep "$SETTLE"
  local stat0; stat0=$(cut -d' ' -f14,15 "/proc/$pid/stat")
  local bytes0; bytes0=$(stat -c %s "$bytes")
  sleep "$DURATION"
  local stat1; stat1=$(cut -d' ' -f14,15 "/proc/$pid/stat")
  local bytes1; bytes1=$(stat -c %s "$bytes")
  local ticks=$(( ${stat1% *} + ${stat1#* } - ${stat0% *} - ${stat0#* } ))
  local open=n/a
  if [ "$name" != one-fleet ]; then
    tmux -L "$SOCK" send-keys -t cost Down Down Enter
    open=$(wait_screen "Instances by AZ")
  fi
  local rss; rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
  sleep 0.2
  printf '%s %s %s %s %s %s\n' "$name" "$(awk -v t=$ticks -v hz=$TICK 'BEGIN{printf "%.2f", t/hz}')" \
    "$((bytes1 - bytes0))" "$rss" "$first" "$open"
}

one=$(measure one-fleet 'Instances by AZ' "$FW" --source mock --scenario steady --refresh 1)
many=$(measure "fleets-$FLEETS" "in ALARM" "$FW" --fleets "$FLEETS" --refresh 1)
printf '\n%-12s %8s %10s %12s %8s %10s %9s\n' program cpu_s ms/refresh bytes/min rss_MB first_ms open_ms
for r in "$one" "$many"; do
  read -r name cpu bytes rss first open <<<"$r"
  printf '%-12s %8s %10s %12s %8s %10s %9s\n' "$name" "$cpu" "$(awk -v c=$cpu -v d=$DURATION 'BEGIN{printf "%.2f", c*1000/d}')" \
    "$(awk -v b=$bytes -v d=$DURATION 'BEGIN{printf "%d", b*60/d}')" "$(awk -v k=$rss 'BEGIN{printf "%.1f", k/1024}')" "$first" "$open"
done
b1=$(awk '{print $3}' <<<"$one"); b2=$(awk '{print $3}' <<<"$many")
echo
echo "bytes per minute, $FLEETS fleets against one: $(awk -v a=$b2 -v b=$b1 'BEGIN{ if (b == 0) print "inf"; else printf "%.2f", a/b }')× (budget 2×)"

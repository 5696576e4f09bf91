#!/usr/bin/env bash
# Recordings of several fleets (issue 15, "works the same in replay"): what a 200-fleet recording costs.
#   1. bytes per fleet-hour: `record --headless --fleets N --duration 1h` (polled every 10 s, as headless
#      records), and `record --fleets N` live with the overview (1 s refresh) for RECORD_S seconds, scaled
#      to the hour;
#   2. opening the one-hour recording: wall time and peak RSS of `snapshot --replay` (read, timelines,
#      every fleet to the end, one overview frame), and of `replay` until its first overview frame;
#   3. CPU per refresh replaying it at ×1 and ×60 in a 160×48 tmux pane (one frame a second at both speeds:
#      process CPU seconds / seconds counted, after SETTLE seconds).
#
#   scripts/fleets-recording-cost.sh [FLEETS] [SECONDS]   (default 200 fleets, 30 s counted; builds
#                                                          release first unless FLEETWATCH_BIN=…;
#                                                          SETTLE=5, RECORD_S=60)
# The recordings go to a temporary folder and are removed (a 200-fleet hour is tens of MB: never commit one).
set -euo pipefail
cd "$(dirname "$0")/.."
FLEETS=${1:-200}
DURATION=${2:-30}
SETTLE=${SETTLE:-5}
RECORD_S=${RECORD_S:-60}
W=160 H=48
SOCK="fleetwatch-rec-cost-$$"
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
pane() { tmux -L "$SOCK" capture-pane -p -t cost; }
wait_screen() {  # PATTERN [SECONDS]: prints the milliseconds waited
  local t0; t0=$(now_ms)
  for ((i = 0; i < ${2:-120} * 100; i++)); do
    pane | grep -qE -- "$1" && { echo $(( $(now_ms) - t0 )); return 0; }
    sleep 0.01
  done
  echo n/a
}
start_pane() {
  tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
  tmux -L "$SOCK" -f /dev/null new-session -d -s cost -x $W -y $H \
    "env TERM=tmux-256color LANG=C.UTF-8 COLORTERM=truecolor HOME=$WORK $*; sleep 600"
}
cpu_ticks() { local s; s=$(cut -d' ' -f14,15 "/proc/$1/stat"); echo $(( ${s% *} + ${s#* } )); }
pid_of() {  # the fleetwatch process in the pane (the pane's shell runs it as a child)
  local shell; shell=$(tmux -L "$SOCK" display-message -p -t cost '#{pane_pid}')
  pgrep -P "$shell" -x fleetwatch || echo "$shell"
}

echo "== $FLEETS fleets: recording"
t0=$(now_ms)
"$FW" record --headless --fleets "$FLEETS" --duration 1h --out "$WORK/hour.fwrec" 2>/dev/null
t1=$(now_ms)
hour_bytes=$(stat -c %s "$WORK/hour.fwrec")
printf 'headless, 1 h, every 10 s:   %d bytes, %d bytes per fleet-hour (written in %.1f s)\n' \
  "$hour_bytes" $(( hour_bytes / FLEETS )) "$(awk -v a=$t0 -v b=$t1 'BEGIN{print (b-a)/1000}')"

# Live: the first poll carries each fleet's prefilled hour of history; the growth after it is the rate.
start_pane "$FW" record --fleets "$FLEETS" --duration "$((RECORD_S + SETTLE + 5))s" --out "$WORK/live.fwrec"
wait_screen "$FLEETS fleets" >/dev/null
sleep "$SETTLE"
s0=$(stat -c %s "$WORK/live.fwrec")
sleep "$RECORD_S"
s1=$(stat -c %s "$WORK/live.fwrec")
printf 'live, 1 s refresh:            %d bytes at the start (the prefilled hour), then %d bytes per fleet-hour (%d s measured)\n' \
  "$s0" $(( (s1 - s0) * 3600 / RECORD_S / FLEETS )) "$RECORD_S"

echo "== opening the one-hour recording of $FLEETS fleets"
/usr/bin/time -f '%e %M' -o "$WORK/time" "$FW" snapshot --replay "$WORK/hour.fwrec" --width $W --height $H >/dev/null
read -r secs rss < "$WORK/time"
printf 'snapshot --replay (read, timelines, all fleets to the end, one frame): %.2f s, peak RSS %.1f MB\n' \
  "$secs" "$(awk -v k=$rss 'BEGIN{print k/1024}')"

for speed in 1 60; do
  start_pane "$FW" replay "$WORK/hour.fwrec" --speed $speed
  first=$(wait_screen "$FLEETS fleets.*replay")
  pid=$(pid_of)
  sleep "$SETTLE"
  c0=$(cpu_ticks "$pid")
  sleep "$DURATION"
  c1=$(cpu_ticks "$pid")
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  printf 'replay ×%-3s first frame %s ms, CPU %.2f ms per refresh (one a second, %d s counted), peak RSS %.1f MB\n' \
    "$speed" "$first" "$(awk -v t=$((c1 - c0)) -v hz=$TICK -v d=$DURATION 'BEGIN{print t/hz*1000/d}')" "$DURATION" \
    "$(awk -v k=$rss 'BEGIN{print k/1024}')"
done

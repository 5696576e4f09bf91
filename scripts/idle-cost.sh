#!/usr/bin/env bash
# Measures what a dashboard costs while it sits on screen: fleetwatch beside htop and btop, each
# alone in the same 160×48 tmux geometry for the same time at a 1 s refresh. Prints CPU seconds,
# bytes written to the terminal (tmux pipe-pane), peak RSS (VmHWM), time to the first full frame,
# and the ratios against htop and btop. Public tools only: tmux, /proc, ps.
#
#   scripts/idle-cost.sh [SECONDS]        (default 30; builds fleetwatch in release first)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
W=160 H=48
SOCK="fleetwatch-cost-$$"
WORK=$(mktemp -d)
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

for tool in htop btop tmux; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "installing $tool" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool") >/dev/null
  fi
done
# FLEETWATCH_BIN measures another build, e.g. one linked with --static-swift-stdlib.
if [ -n "${FLEETWATCH_BIN:-}" ]; then
  FW=$(realpath "$FLEETWATCH_BIN")
else
  # The release build as README says to make it: the Swift runtime linked in (Package.swift adds
  # the lean-link flags for release).
  swift build -c release --static-swift-stdlib --product fleetwatch >/dev/null
  FW="$(swift build -c release --static-swift-stdlib --show-bin-path)/fleetwatch"
fi

# btop at a 1 s refresh, in a config of its own.
mkdir -p "$WORK/xdg/btop"
printf 'update_ms = 1000\ncolor_theme = "Default"\n' > "$WORK/xdg/btop/btop.conf"

TICK=$(getconf CLK_TCK)

# measure NAME READY_PATTERN COMMAND...: prints "name cpu_s bytes rss_kb first_frame_ms"
measure() {
  local name=$1 ready=$2; shift 2
  local bytes="$WORK/$name.bytes"
  : > "$bytes"
  tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
  local t0; t0=$(date +%s%N)
  tmux -L "$SOCK" -f /dev/null new-session -d -s cost -x $W -y $H \
    "env TERM=tmux-256color LANG=C.UTF-8 COLORTERM=truecolor HOME=$WORK XDG_CONFIG_HOME=$WORK/xdg $*"
  tmux -L "$SOCK" pipe-pane -o -t cost "cat >> $bytes"
  local first="" i
  for ((i = 0; i < 1000; i++)); do
    if tmux -L "$SOCK" capture-pane -p -t cost | grep -qE -- "$ready"; then
      first=$(( ($(date +%s%N) - t0) / 1000000 )); break
    fi
    sleep 0.005
  done
  local pid; pid=$(tmux -L "$SOCK" display-message -p -t cost '#{pane_pid}')
  sleep "$DURATION"
  local stat; stat=$(cut -d' ' -f14,15 "/proc/$pid/stat")
  local cpu_ticks=$(( ${stat% *} + ${stat#* } ))
  local rss; rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
  sleep 0.2
  printf '%s %s %s %s %s\n' "$name" "$(awk -v t=$cpu_ticks -v hz=$TICK 'BEGIN{printf "%.2f", t/hz}')" \
    "$(stat -c %s "$bytes")" "$rss" "${first:-n/a}"
}

results=()
results+=("$(measure fleetwatch-idle 'Instances by AZ' "$FW" --source mock --scenario steady --refresh 1)")
results+=("$(measure fleetwatch-moving 'Instances by AZ' "$FW" --source mock --scenario az-outage --speed 60 --refresh 1)")
results+=("$(measure fleetwatch-demo 'Instances by AZ' "$FW")")
results+=("$(measure htop 'Load average' htop -d 10)")
results+=("$(measure btop 'cpu' btop)")

printf '\n%-18s %10s %12s %10s %12s\n' program cpu_s bytes rss_MB first_frame_ms
for r in "${results[@]}"; do
  read -r name cpu bytes rss first <<<"$r"
  printf '%-18s %10s %12s %10s %12s\n' "$name" "$cpu" "$bytes" "$(awk -v k=$rss 'BEGIN{printf "%.1f", k/1024}')" "$first"
done
get() { printf '%s\n' "${results[@]}" | awk -v n="$1" -v f="$2" '$1==n {print $f}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b == 0) print "inf"; else printf "%.2f", a/b }'; }
echo
echo "fleetwatch-idle / htop:   cpu $(ratio "$(get fleetwatch-idle 2)" "$(get htop 2)")  bytes $(ratio "$(get fleetwatch-idle 3)" "$(get htop 3)")"
echo "fleetwatch-moving / btop: cpu $(ratio "$(get fleetwatch-moving 2)" "$(get btop 2)")  bytes $(ratio "$(get fleetwatch-moving 3)" "$(get btop 3)")"
echo "fleetwatch-demo / btop:   cpu $(ratio "$(get fleetwatch-demo 2)" "$(get btop 2)")  bytes $(ratio "$(get fleetwatch-demo 3)" "$(get btop 3)")"
echo "(${DURATION}s each at ${W}x${H}; idle = --source mock --scenario steady in real time; moving = az-outage at x60;"
echo " demo = the built-in recording replayed at x60, every chart moving every second)"

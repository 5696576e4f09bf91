#!/usr/bin/env bash
# The probe soak: the dashboard on `/health` probes against misbehaving loopback servers, in a real
# terminal (tmux, 160×48), for MINUTES (default 30). The servers (Tests/e2e/probe-server.py --flap)
# answer 200, 503, a redirect, nothing (a held connection), not-HTTP, a refused port, and one target
# that flaps between 200 and 503 every 10 s; checks run every 2 s with a 1 s timeout and thresholds of 2,
# so targets change state all along (events, health machine, timeouts). Every 30 s the keys open and
# close the events overlay and an instance. Prints CSV: minute, RSS (KiB), open descriptors, CPU seconds
# so far — the curve BENCHMARKS.md reports. A benchmark, not a test: nothing is asserted.
#
#   scripts/soak-probes.sh [MINUTES]     (FLEETWATCH_BIN: the binary; default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-30}
SOCK="fleetwatch-soak-$$"
WORK=$(mktemp -d)
cleanup() { tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true; exec 3>&- 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

if [ -n "${FLEETWATCH_BIN:-}" ]; then
  FW=$(realpath "$FLEETWATCH_BIN")
else
  swift build -c release --static-swift-stdlib --product fleetwatch >&2
  FW="$(swift build -c release --static-swift-stdlib --show-bin-path)/fleetwatch"
fi

mkfifo "$WORK/ctl"
python3 Tests/e2e/probe-server.py --targets-out "$WORK/targets.yaml" --flap 10 --max-seconds $((MINUTES * 60 + 120)) \
  < "$WORK/ctl" > "$WORK/server.out" 2>&1 &
exec 3> "$WORK/ctl"   # the servers run until this closes
for _ in $(seq 50); do grep -q '^ready' "$WORK/server.out" 2>/dev/null && break; sleep 0.2; done
grep -q '^ready' "$WORK/server.out" || { echo "soak-probes: the servers did not start" >&2; exit 1; }
sed -i 's|^  path: /health$|  path: /health\n  interval: 2s\n  timeout: 1s\n  healthy_threshold: 2\n  unhealthy_threshold: 2|' "$WORK/targets.yaml"
printf 'sources:\n  - kind: probe\n    targets: %s\n' "$WORK/targets.yaml" > "$WORK/fleetwatch.yaml"

tmux -L "$SOCK" -f /dev/null new-session -d -x 160 -y 48 "exec '$FW' --config '$WORK/fleetwatch.yaml' 2> '$WORK/stderr'"
sleep 2
PID=$(tmux -L "$SOCK" display -p '#{pane_pid}')
[ -d "/proc/$PID" ] || { echo "soak-probes: fleetwatch did not start: $(cat "$WORK/stderr")" >&2; exit 1; }
TICK=$(getconf CLK_TCK)
sample() {
  local rss fds cpu
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status")
  fds=$(ls "/proc/$PID/fd" | wc -l)
  cpu=$(awk -v t="$TICK" '{printf "%.2f", ($14 + $15) / t}' "/proc/$PID/stat")
  echo "$1,$rss,$fds,$cpu"
}
tmux -L "$SOCK" send-keys Tab Tab Tab   # focus the instances panel (CPU → requests → unhealthy → instances)
echo "minute,rss_kib,open_fds,cpu_seconds"
sample 0
for minute in $(seq "$MINUTES"); do
  for half in 1 2; do
    sleep 30
    [ -d "/proc/$PID" ] || { echo "soak-probes: fleetwatch exited: $(cat "$WORK/stderr")" >&2; exit 1; }
    tmux -L "$SOCK" send-keys e; sleep 1; tmux -L "$SOCK" send-keys e
    if [ "$half" = 1 ]; then tmux -L "$SOCK" send-keys Down; else tmux -L "$SOCK" send-keys Up; fi
    tmux -L "$SOCK" send-keys Enter; sleep 1; tmux -L "$SOCK" send-keys Escape
  done
  sample "$minute"
done
tmux -L "$SOCK" send-keys q
for _ in $(seq 50); do [ -d "/proc/$PID" ] || break; sleep 0.1; done
[ ! -d "/proc/$PID" ] || { echo "soak-probes: fleetwatch did not quit on q" >&2; exit 1; }

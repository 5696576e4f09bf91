# Shared by the end-to-end scripts (`source "$(dirname "$0")/lib.sh"`): counting checks, the
# one-line-error assertions, and the summary line `.ci/run` shows. Error checks write to "$WORK/err".
passed=0 failed=0

# check NAME COMMAND...: run a step, count it.
check() {
  local name=$1; shift
  if "$@"; then echo "ok   $name"; passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}

# one_line_error STATUS PATTERN COMMAND...: exits STATUS with exactly one line on stderr matching PATTERN.
one_line_error() {
  local want=$1 pattern=$2; shift 2
  "$@" > /dev/null 2> "$WORK/err"; local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, wanted $want"; cat "$WORK/err"; return 1; }
  [ "$(wc -l < "$WORK/err")" -eq 1 ] || { echo "  not one line:"; cat "$WORK/err"; return 1; }
  grep -qE -- "$pattern" "$WORK/err" || { echo "  no match for $pattern:"; cat "$WORK/err"; return 1; }
}

# usage_error PATTERN COMMAND...: exits 2 with at most two non-empty lines on stderr matching PATTERN.
usage_error() {
  local pattern=$1; shift
  "$@" > /dev/null 2> "$WORK/err"; local got=$?
  [ $got -eq 2 ] && [ "$(grep -cv '^$' "$WORK/err")" -le 2 ] && grep -qE -- "$pattern" "$WORK/err" \
    || { echo "  exit $got:"; cat "$WORK/err"; return 1; }
}

# summary NAME: the result line; fails when a check failed.
summary() {
  echo
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# --- tmux helpers for the terminal suites: the caller defines t() (tmux on its private socket) and
# cleanup(), and names its session e2e.

screen() { t capture-pane -p -t e2e 2>/dev/null; }

# mouse_click X Y [BUTTON]: a press and a release at 0-based cell X, Y, encoded the way the
# application asked tmux for (SGR 1006, which fleetwatch adds where terminfo knows only X10, or X10).
mouse_click() {
  local x=$1 y=$2 b=${3:-0}
  if [ "$(t display-message -p -t e2e '#{mouse_sgr_flag}')" = "1" ]; then
    t send-keys -t e2e -l $'\e'"[<$b;$((x + 1));$((y + 1))M"
    [ "$b" -ge 64 ] || t send-keys -t e2e -l $'\e'"[<$b;$((x + 1));$((y + 1))m"
  else
    t send-keys -t e2e -H 1b 5b 4d "$(printf '%02x' $((32 + b)))" "$(printf '%02x' $((33 + x)))" "$(printf '%02x' $((33 + y)))"
    [ "$b" -ge 64 ] || t send-keys -t e2e -H 1b 5b 4d 23 "$(printf '%02x' $((33 + x)))" "$(printf '%02x' $((33 + y)))"
  fi
}
mouse_on() { [ "$(t display-message -p -t e2e '#{mouse_any_flag}')" = "1" ] || [ "$(t display-message -p -t e2e '#{mouse_standard_flag}')" = "1" ]; }
mouse_off() { ! mouse_on; }

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

restored() {
  [ "$(alternate_on)" = "0" ] || { echo "  alternate screen still on"; return 1; }
  t send-keys -t e2e "echo shell-alive-\$((6*7))" Enter
  wait_for 'shell-alive-42' 5
}

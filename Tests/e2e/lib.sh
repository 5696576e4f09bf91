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

#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS: scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags]
#        scripts/fuzz.sh list     (the targets)
# Builds Fuzz/ (the reader modules only: no NIO, no BoringSSL) with -sanitize=fuzzer, seeds the corpus
# (.build/fuzz-corpus/TARGET, kept between runs) from Tests/Fixtures and Fuzz/seeds, and runs. A crash
# is written to .build/fuzz-crashes/TARGET/; copy it to Tests/Fixtures/fuzz/TARGET/ once fixed, where
# FuzzRegressionTests replays it in `swift test`. Exit status: libFuzzer's (0: nothing found).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS (or: scripts/fuzz.sh list)}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : $# ))

# FLEETWATCH_FUZZ_BUILT=1: the caller built it already (.ci/run builds once for all the targets).
if [ -z "${FLEETWATCH_FUZZ_BUILT:-}" ]; then
  (cd Fuzz && swift build -c release --product fleetwatch-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library \
      -Xcc -fsanitize=fuzzer-no-link >&2)
fi
bin="$root/Fuzz/.build/release/fleetwatch-fuzz"
export SWIFT_BACKTRACE=enable=no   # a crash must end the run, not wait in the backtracer

if [ "$target" = list ]; then
  { FLEETWATCH_FUZZ_TARGET=none "$bin" -runs=0 2>&1 || true; } | sed -n 's/.*one of: //p' | tr ' ' '\n'
  exit 0
fi

fx=Tests/Fixtures
seeds() {
  case "$1" in
    json) ls $fx/cloudwatch/*.json $fx/probe/*.json $fx/alarms/*.json ;;
    metric-data) ls $fx/cloudwatch/get-metric-data*.json ;;
    metric-data-queries) ls $fx/cloudwatch/get-metric-data.queries.json ;;
    metric-statistics) ls $fx/cloudwatch/get-metric-statistics*.json ;;
    describe-alarms|alarms-json) ls $fx/cloudwatch/describe-alarms*.json $fx/alarms/describe-alarms.json ;;
    target-health) ls $fx/cloudwatch/describe-target-health.json $fx/probe/describe-target-health.json ;;
    auto-scaling-groups) ls $fx/cloudwatch/describe-auto-scaling-groups.json ;;
    instances) ls $fx/cloudwatch/describe-instances.json $fx/probe/describe-instances.json ;;
    target-groups) ls $fx/probe/describe-target-groups.json ;;
    scaling-activities) ls $fx/cloudwatch/describe-scaling-activities*.json ;;
    alarm-history) ls $fx/cloudwatch/describe-alarm-history.json ;;
    instance-refreshes) ls $fx/cloudwatch/describe-instance-refreshes.json ;;
    scaling-policies) ls $fx/scaling/describe-policies.json ;;
    hcl|terraform) ls $fx/alarms/*.tf $fx/alarms/module/*.tf ;;
    terraform-scaling) ls $fx/scaling/*.tf $fx/alarms/erato.tf ;;
    alarms-yaml) ls $fx/alarms/*.yaml ;;
    recording) ls Recordings/*.fwrec ;;
    theme) ls Themes/*.theme ;;
  esac
  ls Fuzz/seeds/"$1"/* 2>/dev/null || true
  ls $fx/fuzz/"$1"/* 2>/dev/null || true
}

corpus=.build/fuzz-corpus/$target
crashes=.build/fuzz-crashes/$target
mkdir -p "$corpus" "$crashes"
for f in $(seeds "$target"); do
  # Large fixtures are cut: libFuzzer mutates small inputs best (-max_len below).
  head -c 16384 "$f" > "$corpus/seed-$(basename "$f")"
done

FLEETWATCH_FUZZ_TARGET=$target "$bin" "$corpus" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 "$@"

#!/usr/bin/env bash
# Regenerates Tests/Fixtures/alarms/describe-alarms.json: real
# `aws cloudwatch describe-alarms` output, from moto's CloudWatch (a local fake of the AWS API), for the
# alarms the Terraform fixture erato.tf declares plus a metric-math one.
# Needs moto[server] and the AWS CLI. Starts moto on 127.0.0.1:$PORT (default 5999) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-5999}"
out=Tests/Fixtures/alarms/describe-alarms.json

moto_server -H 127.0.0.1 -p "$PORT" >/dev/null 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -s "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break
  sleep 0.2
done

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
cw() { aws --endpoint-url "http://127.0.0.1:$PORT" --region us-east-1 cloudwatch "$@"; }

cw put-metric-alarm --alarm-name erato-health-check-failures \
  --alarm-description "More than one Erato target is failing its /health check." \
  --namespace AWS/ApplicationELB --metric-name UnHealthyHostCount --statistic Maximum \
  --period 300 --evaluation-periods 2 --threshold 1 --comparison-operator GreaterThanThreshold \
  --treat-missing-data notBreaching \
  --dimensions Name=LoadBalancer,Value=app/erato-alb/50dc6c495c0c9188 \
               Name=TargetGroup,Value=targetgroup/erato-web/943f017f100becff \
  --alarm-actions arn:aws:sns:us-east-1:123456789012:erato-pager

cw put-metric-alarm --alarm-name erato-prod-cpu-high \
  --namespace AWS/EC2 --metric-name CPUUtilization --statistic Average \
  --period 60 --evaluation-periods 3 --datapoints-to-alarm 2 --threshold 80 \
  --comparison-operator GreaterThanOrEqualToThreshold \
  --dimensions Name=AutoScalingGroupName,Value=erato-web-asg

cw put-metric-alarm --alarm-name erato-p99-latency \
  --namespace AWS/ApplicationELB --metric-name TargetResponseTime --extended-statistic p99 \
  --period 60 --evaluation-periods 5 --datapoints-to-alarm 3 --threshold 1.5 \
  --comparison-operator GreaterThanThreshold --treat-missing-data ignore \
  --evaluate-low-sample-count-percentile ignore \
  --dimensions Name=LoadBalancer,Value=app/erato-alb/50dc6c495c0c9188

cw put-metric-alarm --alarm-name erato-5xx-rate --evaluation-periods 3 --threshold 5 \
  --comparison-operator GreaterThanThreshold \
  --metrics '[{"Id":"rate","Expression":"100 * errors / requests","Label":"5xx rate","ReturnData":true},
              {"Id":"errors","MetricStat":{"Metric":{"Namespace":"AWS/ApplicationELB","MetricName":"HTTPCode_Target_5XX_Count","Dimensions":[{"Name":"LoadBalancer","Value":"app/erato-alb/50dc6c495c0c9188"}]},"Period":60,"Stat":"Sum"},"ReturnData":false},
              {"Id":"requests","MetricStat":{"Metric":{"Namespace":"AWS/ApplicationELB","MetricName":"RequestCount","Dimensions":[{"Name":"LoadBalancer","Value":"app/erato-alb/50dc6c495c0c9188"}]},"Period":60,"Stat":"Sum"},"ReturnData":false}]'

# No composite alarm: moto answers put-composite-alarm with a 500. The tests cover CompositeAlarms
# with inline JSON instead.

cw set-alarm-state --alarm-name erato-health-check-failures --state-value ALARM \
  --state-reason "Threshold Crossed: 2 out of the last 2 datapoints were greater than the threshold (1.0)."
cw set-alarm-state --alarm-name erato-prod-cpu-high --state-value OK --state-reason "Back to normal."

cw describe-alarms --output json > "$out"
echo "wrote $out"

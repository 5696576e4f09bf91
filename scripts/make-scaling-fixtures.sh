#!/usr/bin/env bash
# Captures real `aws` CLI (v1) output against a local moto server, for the scaling-policy decoder tests:
# the scaling fixture's four policies (Tests/Fixtures/scaling/erato-scaling.tf) made with put-scaling-policy,
# the alarms that invoke the step and simple ones, then `describe-policies`, `describe-auto-scaling-groups`
# and `describe-alarms`. Writes Tests/Fixtures/scaling/*.json; the server is started here and stopped on exit.
# moto leaves out what it does not model: the policies' Alarms and EstimatedInstanceWarmup, the group's
# DefaultInstanceWarmup (the decoders read them when present, as the API reference shows them).
# Needs: aws (CLI v1), moto_server, python3.   usage: scripts/make-scaling-fixtures.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-5125}
OUT=Tests/Fixtures/scaling
WORK=$(mktemp -d)
mkdir -p "$OUT"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE="$WORK/config" AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
: >"$AWS_CONFIG_FILE"; : >"$AWS_SHARED_CREDENTIALS_FILE"

moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO=$!
trap 'kill "$MOTO" 2>/dev/null; wait "$MOTO" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/moto-api/" && break
    sleep 0.1
done
aws() { command aws --endpoint-url "http://127.0.0.1:$PORT" --region us-east-1 --output json "$@"; }

AMI=$(aws ec2 describe-images --query 'Images[0].ImageId' --output text)
aws autoscaling create-launch-configuration --launch-configuration-name erato-backend-lc \
    --image-id "$AMI" --instance-type t3.micro >/dev/null
aws autoscaling create-auto-scaling-group --auto-scaling-group-name erato-backend-asg \
    --launch-configuration-name erato-backend-lc --min-size 3 --max-size 12 --desired-capacity 6 \
    --default-instance-warmup 180 --default-cooldown 300 \
    --availability-zones us-east-1a us-east-1b us-east-1c >/dev/null

asg=(--auto-scaling-group-name erato-backend-asg)
aws autoscaling put-scaling-policy "${asg[@]}" --policy-name erato-target-cpu --policy-type TargetTrackingScaling \
    --target-tracking-configuration '{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":70}' >/dev/null
aws autoscaling put-scaling-policy "${asg[@]}" --policy-name request_count --policy-type TargetTrackingScaling \
    --target-tracking-configuration '{"CustomizedMetricSpecification":{"MetricName":"RequestCountPerTarget","Namespace":"AWS/ApplicationELB","Statistic":"Sum","Dimensions":[{"Name":"LoadBalancer","Value":"app/erato-backend-alb/50dc6c495c0c9188"}]},"TargetValue":1000,"DisableScaleIn":true}' >/dev/null
aws autoscaling put-scaling-policy "${asg[@]}" --policy-name erato-step-out --policy-type StepScaling \
    --adjustment-type ChangeInCapacity --estimated-instance-warmup 120 \
    --step-adjustments MetricIntervalLowerBound=0,MetricIntervalUpperBound=10,ScalingAdjustment=1 \
                       MetricIntervalLowerBound=10,ScalingAdjustment=3 >/dev/null
aws autoscaling put-scaling-policy "${asg[@]}" --policy-name erato-simple-in --policy-type SimpleScaling \
    --adjustment-type PercentChangeInCapacity --scaling-adjustment -10 --min-adjustment-magnitude 1 --cooldown 600 \
    >/dev/null
# moto answers put-scaling-policy without the PolicyARN: read it back.
arn() { aws autoscaling describe-policies "${asg[@]}" --policy-names "$1" --query 'ScalingPolicies[0].PolicyARN' --output text; }
STEP=$(arn erato-step-out)
SIMPLE=$(arn erato-simple-in)
aws cloudwatch put-metric-alarm --alarm-name erato-cpu-step --namespace AWS/EC2 --metric-name CPUUtilization \
    --statistic Average --period 60 --evaluation-periods 2 --threshold 85 \
    --comparison-operator GreaterThanOrEqualToThreshold --dimensions Name=AutoScalingGroupName,Value=erato-backend-asg \
    --alarm-actions "$STEP"
aws cloudwatch put-metric-alarm --alarm-name erato-cpu-idle --namespace AWS/EC2 --metric-name CPUUtilization \
    --statistic Average --period 300 --evaluation-periods 3 --threshold 20 \
    --comparison-operator LessThanThreshold --dimensions Name=AutoScalingGroupName,Value=erato-backend-asg \
    --alarm-actions "$SIMPLE"

aws autoscaling describe-policies "${asg[@]}" >"$OUT/describe-policies.json"
aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names erato-backend-asg >"$OUT/describe-auto-scaling-groups.json"
aws cloudwatch describe-alarms --alarm-names erato-cpu-step erato-cpu-idle >"$OUT/describe-alarms.json"
command aws --version >"$OUT/aws-version.txt" 2>&1
echo "wrote $OUT/describe-policies.json, describe-auto-scaling-groups.json, describe-alarms.json"

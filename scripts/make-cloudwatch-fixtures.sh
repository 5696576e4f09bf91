#!/usr/bin/env bash
# Captures real `aws` CLI (v1) output against a local moto server, for the CloudWatch file decoder
# tests. Writes Tests/Fixtures/cloudwatch/*.json; the server is started here and
# stopped on exit (nothing of it is committed). Needs: aws (CLI v1), moto_server, python3.
# usage: scripts/make-cloudwatch-fixtures.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-5123}
OUT=Tests/Fixtures/cloudwatch
WORK=$(mktemp -d)
mkdir -p "$OUT"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
# moto cannot read the gzip-compressed PutMetricData bodies botocore sends.
export AWS_DISABLE_REQUEST_COMPRESSION=true
export AWS_CONFIG_FILE="$WORK/config-default" AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
: >"$AWS_CONFIG_FILE"; : >"$AWS_SHARED_CREDENTIALS_FILE"
printf '[default]\ncli_timestamp_format = iso8601\n' >"$WORK/config-iso8601"
printf '[default]\ncli_timestamp_format = none\n' >"$WORK/config-none"

moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO=$!
trap 'kill "$MOTO" 2>/dev/null; wait "$MOTO" 2>/dev/null; cp "$WORK/moto.log" "${TMPDIR:-/tmp}/moto-fixtures.log"; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/moto-api/" && break
    sleep 0.1
done

aws() { command aws --endpoint-url "http://127.0.0.1:$PORT" --region us-east-1 \
    --cli-read-timeout 20 --cli-connect-timeout 5 --output json "$@"; }

# Fixed times, so the metric fixtures are reproducible (moto stamps alarm/instance times itself).
T0=2025-06-01T12:00:00Z          # first datapoint
START=2025-06-01T11:59:00Z
END=2025-06-01T12:10:00Z
LB=app/erato-backend-alb/50dc6c495c0c9188

# --- fleet: default VPC subnets in three zones, instances, group, load balancer, targets ---------
AMI=$(aws ec2 describe-images --query 'Images[0].ImageId' --output text)
declare -A SUBNET
for z in a b c; do
    SUBNET[$z]=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1$z \
        --query 'Subnets[0].SubnetId' --output text)
done
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
aws autoscaling create-launch-configuration --launch-configuration-name erato-backend-lc \
    --image-id "$AMI" --instance-type t3.micro >/dev/null
aws autoscaling create-auto-scaling-group --auto-scaling-group-name erato-backend-asg \
    --launch-configuration-name erato-backend-lc --min-size 3 --max-size 9 --desired-capacity 3 \
    --availability-zones us-east-1a us-east-1b us-east-1c >/dev/null
EXTRA=()
for z in a b c; do
    EXTRA+=("$(aws ec2 run-instances --image-id "$AMI" --instance-type t3.micro --count 1 \
        --subnet-id "${SUBNET[$z]}" --query 'Instances[0].InstanceId' --output text)")
done
ALB_ARN=$(aws elbv2 create-load-balancer --name erato-backend-alb \
    --subnets "${SUBNET[a]}" "${SUBNET[b]}" "${SUBNET[c]}" \
    --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG_ARN=$(aws elbv2 create-target-group --name erato-backend-tg --protocol HTTP --port 8080 \
    --vpc-id "$VPC" --target-type instance --query 'TargetGroups[0].TargetGroupArn' --output text)
ASG_IDS=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names erato-backend-asg \
    --query 'AutoScalingGroups[0].Instances[].InstanceId' --output text)
TARGETS=()
for id in $ASG_IDS "${EXTRA[@]:0:2}"; do TARGETS+=("Id=$id,Port=8080"); done
aws elbv2 register-targets --target-group-arn "$TG_ARN" --targets "${TARGETS[@]}"
aws ec2 stop-instances --instance-ids "${EXTRA[1]}" >/dev/null        # a stopped target
aws ec2 terminate-instances --instance-ids "${EXTRA[2]}" >/dev/null   # one gone, not a target

# --- metrics: one minute apart, 10 minutes, per zone and per instance ----------------------------
FIRST_ID=$(echo $ASG_IDS | cut -d' ' -f1)
python3 - "$T0" "$LB" "$FIRST_ID" >"$WORK/metric-data.json" <<'PY'
import json, sys, datetime
t0 = datetime.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00"))
lb, inst = sys.argv[2], sys.argv[3]
items = []
for m in range(10):
    t = (t0 + datetime.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%SZ")
    items.append({"MetricName": "CPUUtilization", "Timestamp": t, "Unit": "Percent", "Value": 20 + 3 * m,
                  "Dimensions": [{"Name": "AutoScalingGroupName", "Value": "erato-backend-asg"}]})
    items.append({"MetricName": "CPUUtilization", "Timestamp": t, "Unit": "Percent", "Value": 30.5 + m,
                  "Dimensions": [{"Name": "InstanceId", "Value": inst}]})
    for i, z in enumerate("abc"):
        az = [{"Name": "LoadBalancer", "Value": lb}, {"Name": "AvailabilityZone", "Value": "us-east-1" + z}]
        items.append({"MetricName": "RequestCount", "Timestamp": t, "Unit": "Count",
                      "Value": 1000 + 100 * i + m, "Dimensions": az})
        items.append({"MetricName": "UnHealthyHostCount", "Timestamp": t, "Unit": "Count",
                      "Value": 2 if (z == "b" and m >= 6) else 0, "Dimensions": az})
        items.append({"MetricName": "HealthyHostCount", "Timestamp": t, "Unit": "Count",
                      "Value": 1 if (z == "b" and m >= 6) else 3, "Dimensions": az})
print(json.dumps(items))
PY
# put-metric-data takes at most 1000 items per call; split by namespace.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); json.dump([x for x in d if x["MetricName"]=="CPUUtilization"], open(sys.argv[2],"w")); json.dump([x for x in d if x["MetricName"]!="CPUUtilization"], open(sys.argv[3],"w"))' \
    "$WORK/metric-data.json" "$WORK/ec2.json" "$WORK/elb.json"
aws cloudwatch put-metric-data --namespace AWS/EC2 --metric-data "file://$WORK/ec2.json"
aws cloudwatch put-metric-data --namespace AWS/ApplicationELB --metric-data "file://$WORK/elb.json"
# Several samples in one minute, for SampleCount/Minimum/Maximum and percentiles to differ.
for v in 10 50 90; do
    aws cloudwatch put-metric-data --namespace AWS/EC2 --metric-name CPUUtilization --unit Percent \
        --value $v --timestamp 2025-06-01T12:10:00Z --dimensions AutoScalingGroupName=erato-backend-asg
done

# --- alarms -------------------------------------------------------------------------------------
aws cloudwatch put-metric-alarm --alarm-name erato-health-check-failures \
    --namespace AWS/ApplicationELB --metric-name UnHealthyHostCount --dimensions "Name=LoadBalancer,Value=$LB" \
    --statistic Maximum --period 300 --evaluation-periods 2 --threshold 1 \
    --comparison-operator GreaterThanThreshold --treat-missing-data notBreaching
aws cloudwatch put-metric-alarm --alarm-name erato-cpu-p99-high \
    --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=AutoScalingGroupName,Value=erato-backend-asg \
    --extended-statistic p99 --period 60 --evaluation-periods 5 --datapoints-to-alarm 3 --threshold 90 \
    --comparison-operator GreaterThanOrEqualToThreshold --evaluate-low-sample-count-percentile ignore
aws cloudwatch set-alarm-state --alarm-name erato-health-check-failures --state-value ALARM \
    --state-reason "Threshold Crossed: 2 out of the last 2 datapoints [2.0 (01/06/25 12:05:00), 2.0 (01/06/25 12:00:00)] were greater than the threshold (1.0)."

# --- queries file, as --metric-data-queries takes it -----------------------------------------------
python3 - "$LB" "$FIRST_ID" >"$OUT/get-metric-data.queries.json" <<'PY'
import json, sys
lb, inst = sys.argv[1], sys.argv[2]
def q(i, ns, name, dims, stat, label=None):
    d = {"Id": i, "MetricStat": {"Metric": {"Namespace": ns, "MetricName": name,
         "Dimensions": [{"Name": k, "Value": v} for k, v in dims]}, "Period": 60, "Stat": stat}}
    if label: d["Label"] = label
    d["ReturnData"] = True
    return d
qs = [q("cpu", "AWS/EC2", "CPUUtilization", [("AutoScalingGroupName", "erato-backend-asg")], "Average", "fleet CPU"),
      q("cpu_i0", "AWS/EC2", "CPUUtilization", [("InstanceId", inst)], "Average")]
for z in "abc":
    az = [("LoadBalancer", lb), ("AvailabilityZone", "us-east-1" + z)]
    qs.append(q("req_" + z, "AWS/ApplicationELB", "RequestCount", az, "Sum", "requests us-east-1" + z))
    qs.append(q("unhealthy_" + z, "AWS/ApplicationELB", "UnHealthyHostCount", az, "Maximum"))
    qs.append(q("healthy_" + z, "AWS/ApplicationELB", "HealthyHostCount", az, "Maximum"))
print(json.dumps(qs, indent=2))
PY

# --- captures --------------------------------------------------------------------------------------
GMD=(cloudwatch get-metric-data --metric-data-queries "file://$OUT/get-metric-data.queries.json"
     --start-time "$START" --end-time "$END")
aws "${GMD[@]}" >"$OUT/get-metric-data.json"
AWS_CONFIG_FILE="$WORK/config-iso8601" aws "${GMD[@]}" >"$OUT/get-metric-data.iso8601.json"
AWS_CONFIG_FILE="$WORK/config-none" aws "${GMD[@]}" >"$OUT/get-metric-data.none.json"
aws "${GMD[@]}" --scan-by TimestampAscending >"$OUT/get-metric-data.ascending.json"
# Real client-side pages: --max-items cuts the results, --starting-token resumes.
aws "${GMD[@]}" --max-items 5 >"$OUT/get-metric-data.page1.json"
TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["NextToken"])' "$OUT/get-metric-data.page1.json")
aws "${GMD[@]}" --max-items 5 --starting-token "$TOKEN" >"$OUT/get-metric-data.page2.json"
# The two multi-page file forms the decoder reads, made from those two real pages:
cat "$OUT/get-metric-data.page1.json" "$OUT/get-metric-data.page2.json" >"$OUT/get-metric-data.pages-concatenated.json"
python3 -c 'import json,sys; print(json.dumps([json.load(open(f)) for f in sys.argv[1:]], indent=4))' \
    "$OUT/get-metric-data.page1.json" "$OUT/get-metric-data.page2.json" >"$OUT/get-metric-data.pages-array.json"
# Labels left to the default: the same queries without Label.
python3 -c 'import json,sys; q=json.load(open(sys.argv[1])); [x.pop("Label",None) for x in q]; print(json.dumps(q))' \
    "$OUT/get-metric-data.queries.json" >"$WORK/nolabel.json"
aws cloudwatch get-metric-data --metric-data-queries "file://$WORK/nolabel.json" \
    --start-time "$START" --end-time "$END" >"$OUT/get-metric-data.default-labels.json"

GMS=(cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization
     --dimensions Name=AutoScalingGroupName,Value=erato-backend-asg --start-time "$START" --end-time "$END" --period 60)
aws "${GMS[@]}" --statistics Average Sum Minimum Maximum SampleCount >"$OUT/get-metric-statistics.json"
AWS_CONFIG_FILE="$WORK/config-iso8601" aws "${GMS[@]}" --statistics Average Maximum >"$OUT/get-metric-statistics.iso8601.json"
AWS_CONFIG_FILE="$WORK/config-none" aws "${GMS[@]}" --statistics Average Maximum >"$OUT/get-metric-statistics.none.json"
aws "${GMS[@]}" --extended-statistics p99 p50 >"$OUT/get-metric-statistics.extended.json" \
    || echo "moto: no extended statistics" >&2

aws cloudwatch describe-alarms >"$OUT/describe-alarms.json"
AWS_CONFIG_FILE="$WORK/config-iso8601" aws cloudwatch describe-alarms >"$OUT/describe-alarms.iso8601.json"
aws elbv2 describe-target-health --target-group-arn "$TG_ARN" >"$OUT/describe-target-health.json"
aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names erato-backend-asg >"$OUT/describe-auto-scaling-groups.json"
aws ec2 describe-instances >"$OUT/describe-instances.json"
aws --version >"$OUT/aws-version.txt" 2>&1
echo "moto $(python3 -c 'import moto; print(moto.__version__)')" >>"$OUT/aws-version.txt"
echo "wrote $(ls "$OUT" | wc -l) files to $OUT"

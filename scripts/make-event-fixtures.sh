#!/usr/bin/env bash
# Captures real `aws` CLI (v1) output against a local moto server for the events-and-errors fixtures
# (issue 14): the extra ALB metrics in get-metric-data (HTTPCode_Target_5XX_Count and
# HTTPCode_ELB_5XX_Count per AZ, Sum) and `autoscaling describe-scaling-activities` (moto answers it,
# with no activities). moto 5.2 cannot produce the rest: describe-instance-refreshes and
# describe-alarm-history answer HTTP 500, and it records no scaling activities; those fixtures
# (describe-scaling-activities.json, describe-alarm-history.json, describe-instance-refreshes.json)
# are written by hand in the shape of the AWS CLI / API reference examples (see the README there).
# usage: scripts/make-event-fixtures.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-5124}
OUT=Tests/Fixtures/cloudwatch
WORK=$(mktemp -d)
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_DISABLE_REQUEST_COMPRESSION=true
export AWS_CONFIG_FILE="$WORK/config" AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
: >"$AWS_CONFIG_FILE"; : >"$AWS_SHARED_CREDENTIALS_FILE"
moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO=$!
trap 'kill "$MOTO" 2>/dev/null; wait "$MOTO" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/moto-api/" && break; sleep 0.1; done
aws() { command aws --endpoint-url "http://127.0.0.1:$PORT" --region us-east-1 --output json "$@"; }

AMI=$(aws ec2 describe-images --query 'Images[0].ImageId' --output text)
aws autoscaling create-launch-configuration --launch-configuration-name erato-backend-lc \
    --image-id "$AMI" --instance-type t3.micro >/dev/null
aws autoscaling create-auto-scaling-group --auto-scaling-group-name erato-backend-asg \
    --launch-configuration-name erato-backend-lc --min-size 3 --max-size 9 --desired-capacity 3 \
    --availability-zones us-east-1a us-east-1b us-east-1c >/dev/null
aws autoscaling set-desired-capacity --auto-scaling-group-name erato-backend-asg --desired-capacity 4
aws autoscaling describe-scaling-activities --auto-scaling-group-name erato-backend-asg \
    >"$OUT/describe-scaling-activities.moto.json"

LB=app/erato-backend-alb/50dc6c495c0c9188
python3 - "$LB" >"$WORK/elb.json" <<'PY'
import json, sys, datetime
lb = sys.argv[1]
t0 = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)
items = []
for m in range(10):
    t = (t0 + datetime.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for z in "abc":
        az = [{"Name": "LoadBalancer", "Value": lb}, {"Name": "AvailabilityZone", "Value": "us-east-1" + z}]
        items.append({"MetricName": "HTTPCode_Target_5XX_Count", "Timestamp": t, "Unit": "Count",
                      "Value": 40 if (z == "a" and m >= 5) else 0, "Dimensions": az})
        items.append({"MetricName": "HTTPCode_ELB_5XX_Count", "Timestamp": t, "Unit": "Count",
                      "Value": 300 if (z == "b" and m in (6, 7)) else 0, "Dimensions": az})
print(json.dumps(items))
PY
aws cloudwatch put-metric-data --namespace AWS/ApplicationELB --metric-data "file://$WORK/elb.json"
python3 - "$LB" >"$OUT/get-metric-data.errors.queries.json" <<'PY'
import json, sys
lb = sys.argv[1]
queries = []
for metric, short in (("HTTPCode_Target_5XX_Count", "target5xx"), ("HTTPCode_ELB_5XX_Count", "elb5xx")):
    for z in "abc":
        queries.append({"Id": f"{short}_{z}", "Label": f"{metric} us-east-1{z}", "ReturnData": True,
                        "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": metric,
                            "Dimensions": [{"Name": "LoadBalancer", "Value": lb},
                                           {"Name": "AvailabilityZone", "Value": "us-east-1" + z}]},
                            "Period": 60, "Stat": "Sum"}})
print(json.dumps(queries, indent=2))
PY
aws cloudwatch get-metric-data --metric-data-queries "file://$OUT/get-metric-data.errors.queries.json" \
    --start-time 2025-06-01T11:59:00Z --end-time 2025-06-01T12:10:00Z >"$OUT/get-metric-data.errors.json"
echo "wrote $OUT/describe-scaling-activities.moto.json, get-metric-data.errors{,.queries}.json"

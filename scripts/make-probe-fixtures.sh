#!/usr/bin/env bash
# Makes the AWS CLI fixtures the probe source reads (describe-target-groups, describe-target-health,
# describe-instances) by running the real aws CLI against moto on loopback: a VPC with a subnet in
# each of us-east-1a/b/c, six instances, a target group checked like Erato's (GET /health, 30 s,
# 5 s, 3/3, matcher 200) with the instances registered. Writes Tests/Fixtures/probe/.
# Needs: pip install 'moto[server]' awscli. The server is started here and stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/Fixtures/probe
mkdir -p "$out"

port=${MOTO_PORT:-45123}
# Its own process group, so that the whole of it (the pyenv shim and the python under it) stops.
setsid moto_server -H 127.0.0.1 -p "$port" >/tmp/make-probe-fixtures-moto.log 2>&1 &
moto=$!
trap 'kill -- -"$moto" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null 2>&1 && break
  sleep 0.2
done

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
aws() { command aws --endpoint-url "http://127.0.0.1:$port" --output json "$@"; }

vpc=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
ami=$(aws ec2 describe-images --owners amazon --query 'Images[0].ImageId' --output text)
instances=()
n=0
for zone in us-east-1a us-east-1b us-east-1c; do
  n=$((n + 1))
  subnet=$(aws ec2 create-subnet --vpc-id "$vpc" --cidr-block "10.0.$n.0/24" --availability-zone "$zone" \
    --query Subnet.SubnetId --output text)
  ids=$(aws ec2 run-instances --image-id "$ami" --instance-type t3.small --subnet-id "$subnet" \
    --count 2 --query 'Instances[].InstanceId' --output text)
  instances+=($ids)
done

tg=$(aws elbv2 create-target-group --name erato-backend-tg --protocol HTTP --port 8080 --vpc-id "$vpc" \
  --health-check-protocol HTTP --health-check-path /health --health-check-port traffic-port \
  --health-check-interval-seconds 30 --health-check-timeout-seconds 5 \
  --healthy-threshold-count 3 --unhealthy-threshold-count 3 --matcher HttpCode=200 \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
targets=()
for id in "${instances[@]}"; do targets+=("Id=$id"); done
aws elbv2 register-targets --target-group-arn "$tg" --targets "${targets[@]}"

aws elbv2 describe-target-groups --target-group-arns "$tg" > "$out/describe-target-groups.json"
aws elbv2 describe-target-health --target-group-arn "$tg" > "$out/describe-target-health.json"
aws ec2 describe-instances --instance-ids "${instances[@]}" > "$out/describe-instances.json"
echo "wrote $out: ${#instances[@]} instances in target group $tg"

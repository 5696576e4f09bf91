#!/usr/bin/env python3
"""Seeds a moto server with several fleets in two regions and two accounts, for the tests of
shared GetMetricData rounds and of discovery (Tests/IntegrationTests/CloudWatchFleetsMotoTests.swift).

Account "prod" is moto's default account (123456789012; any access key moto does not know maps to it).
Account "staging" is 111111111111: an IAM user is made there (the `x-moto-account-id` header picks the
account for that one call) and moto maps its new access key to that account for every later request.

In each account and region: a VPC with two subnets, and per fleet an ALB, a target group and a
one-instance Auto Scaling group tagged Application=erato attached to it, with 30 minutes of per-minute
CPUUtilization (AutoScalingGroupName) whose value identifies the fleet. Plus, in the prod account in
each region, one group tagged Application=other (discovery must not find it).

Usage: seed-fleets.py ENDPOINT_URL END_EPOCH
Prints one JSON line: the staging key, and every fleet (account, region, group, load balancer,
target group, cpu value). Dummy credentials only."""
import datetime
import json
import sys

import boto3
from botocore.config import Config

endpoint, end = sys.argv[1], int(sys.argv[2])
cfg = Config(disable_request_compression=True, retries={"max_attempts": 1})
PROD_KEY = ("AKIAPRODEXAMPLE00001", "prod-secret")
STAGING = "111111111111"


def client(service, region, key, account=None):
    c = boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id=key[0],
                     aws_secret_access_key=key[1], config=cfg)
    if account:
        c.meta.events.register("before-sign.*.*", lambda request, **kw: request.headers.__setitem__("x-moto-account-id", account))
    return c


iam = client("iam", "us-east-1", PROD_KEY, account=STAGING)
iam.create_user(UserName="fleetwatch-staging")
k = iam.create_access_key(UserName="fleetwatch-staging")["AccessKey"]
STAGING_KEY = (k["AccessKeyId"], k["SecretAccessKey"])

PLAN = [  # account, key, region, fleets
    ("prod", PROD_KEY, "us-east-1", ["checkout", "search"]),
    ("prod", PROD_KEY, "eu-west-1", ["checkout-eu", "search-eu"]),
    ("staging", STAGING_KEY, "us-east-1", ["checkout-stg", "search-stg"]),
    ("staging", STAGING_KEY, "eu-west-1", ["checkout-stg-eu"]),
]
fleets = []
value = 10
for account, key, region, names in PLAN:
    ec2, elbv2, asg, cw = (client(s, region, key) for s in ("ec2", "elbv2", "autoscaling", "cloudwatch"))
    zones = [region + "a", region + "b"]
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=z)["Subnet"]["SubnetId"]
               for i, z in enumerate(zones)]
    asg.create_launch_configuration(LaunchConfigurationName="lc", ImageId="ami-12c6146b", InstanceType="t3.micro")
    extra = ["other"] if account == "prod" else []
    for name in names + extra:
        lb = elbv2.create_load_balancer(Name=f"{name}-alb", Subnets=subnets)["LoadBalancers"][0]
        tg = elbv2.create_target_group(Name=f"{name}-tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]
        elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
        application = "other" if name == "other" else "erato"
        asg.create_auto_scaling_group(
            AutoScalingGroupName=f"{name}-asg", LaunchConfigurationName="lc", MinSize=1, MaxSize=1, DesiredCapacity=1,
            AvailabilityZones=zones, VPCZoneIdentifier=",".join(subnets), TargetGroupARNs=[tg["TargetGroupArn"]],
            Tags=[{"Key": "Application", "Value": application, "PropagateAtLaunch": True,
                   "ResourceId": f"{name}-asg", "ResourceType": "auto-scaling-group"}])
        if name == "other":
            continue
        value += 1
        points = [{"MetricName": "CPUUtilization", "Unit": "Percent", "Value": float(value),
                   "Timestamp": datetime.datetime.fromtimestamp(end - (30 - m) * 60, tz=datetime.timezone.utc),
                   "Dimensions": [{"Name": "AutoScalingGroupName", "Value": f"{name}-asg"}]} for m in range(30)]
        cw.put_metric_data(Namespace="AWS/EC2", MetricData=points)
        fleets.append({"account": account, "region": region, "name": name, "group": f"{name}-asg",
                       "load_balancer": f"{name}-alb", "target_group": f"{name}-tg", "zones": zones, "cpu": float(value)})

print(json.dumps({"prod_key": list(PROD_KEY), "staging_key": list(STAGING_KEY), "fleets": fleets}))

#!/usr/bin/env python3
"""Changes the prod account's fleets of seed-fleets.py while fleetwatch runs, for the test of
discovery run again (Tests/IntegrationTests/RediscoveryMotoTests.swift): in REGION, adds a tagged
group ADD-asg (with its own VPC, ALB and target group) and deletes the group DELETE; in MOVE_REGION,
moves the group MOVE to a new ALB and target group (`<MOVE without -asg>-green-alb`, `…-green-tg`;
the old target group detached).

Usage: change-fleets.py ENDPOINT_URL REGION ADD DELETE MOVE_REGION MOVE  (`-` for DELETE or MOVE: none)
Prints one JSON line: what it did. Dummy credentials only (seed-fleets.py's prod key)."""
import json
import sys

import boto3
from botocore.config import Config

endpoint, region, add, delete, move_region, move = sys.argv[1:7]
cfg = Config(disable_request_compression=True, retries={"max_attempts": 1})
KEY = ("AKIAPRODEXAMPLE00001", "prod-secret")


def client(service, region):
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id=KEY[0],
                        aws_secret_access_key=KEY[1], config=cfg)


def alb_and_tg(name, region):
    """A new VPC with two subnets, an ALB `name-alb` and a target group `name-tg` behind a listener."""
    ec2, elbv2 = client("ec2", region), client("elbv2", region)
    zones = [region + "a", region + "b"]
    vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.1.{i}.0/24", AvailabilityZone=z)["Subnet"]["SubnetId"]
               for i, z in enumerate(zones)]
    lb = elbv2.create_load_balancer(Name=f"{name}-alb", Subnets=subnets)["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name=f"{name}-tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    return tg["TargetGroupArn"], zones, subnets


asg = client("autoscaling", region)
tg, zones, subnets = alb_and_tg(add, region)
asg.create_launch_configuration(LaunchConfigurationName=f"lc-{add}", ImageId="ami-12c6146b", InstanceType="t3.micro")
asg.create_auto_scaling_group(
    AutoScalingGroupName=f"{add}-asg", LaunchConfigurationName=f"lc-{add}", MinSize=1, MaxSize=1, DesiredCapacity=1,
    AvailabilityZones=zones, VPCZoneIdentifier=",".join(subnets), TargetGroupARNs=[tg],
    Tags=[{"Key": "Application", "Value": "erato", "PropagateAtLaunch": True,
           "ResourceId": f"{add}-asg", "ResourceType": "auto-scaling-group"}])

if delete != "-":
    asg.delete_auto_scaling_group(AutoScalingGroupName=delete, ForceDelete=True)

now = []
if move != "-":
    moved = client("autoscaling", move_region)
    old = moved.describe_auto_scaling_groups(AutoScalingGroupNames=[move])["AutoScalingGroups"][0]["TargetGroupARNs"]
    green, _, _ = alb_and_tg(move.removesuffix("-asg") + "-green", move_region)
    moved.attach_load_balancer_target_groups(AutoScalingGroupName=move, TargetGroupARNs=[green])
    moved.detach_load_balancer_target_groups(AutoScalingGroupName=move, TargetGroupARNs=old)
    now = moved.describe_auto_scaling_groups(AutoScalingGroupNames=[move])["AutoScalingGroups"][0]["TargetGroupARNs"]
left = [g["AutoScalingGroupName"] for g in asg.describe_auto_scaling_groups()["AutoScalingGroups"]]

print(json.dumps({"added": f"{add}-asg", "deleted": delete, "moved": move, "target_groups": now, "groups": left}))

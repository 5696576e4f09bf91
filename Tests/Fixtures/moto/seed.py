#!/usr/bin/env python3
"""Seeds a moto server with the Erato fleet for the live-CloudWatch tests: a VPC with a subnet per
zone, an ALB with a target group, a 12-instance Auto Scaling group registered in it, one alarm, and
three hours of per-minute datapoints for the four panels' metrics ending at --end (epoch seconds).

Usage: seed.py ENDPOINT_URL END_EPOCH [--iam-user NAME]
Prints one JSON line: the ARNs, the instance ids, and (with --iam-user) a new access key for that
user, made while moto's authentication is still off. Dummy credentials only."""
import datetime
import json
import sys

import boto3
from botocore.config import Config

endpoint, end = sys.argv[1], int(sys.argv[2])
iam_user = sys.argv[sys.argv.index("--iam-user") + 1] if "--iam-user" in sys.argv else None
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing",
          config=Config(disable_request_compression=True, retries={"max_attempts": 1}))
ec2, elbv2, asg, cw = (boto3.client(s, **kw) for s in ("ec2", "elbv2", "autoscaling", "cloudwatch"))
ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]

vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=z)["Subnet"]["SubnetId"]
           for i, z in enumerate(ZONES)]
lb = elbv2.create_load_balancer(Name="erato-backend-alb", Subnets=subnets)["LoadBalancers"][0]
tg = elbv2.create_target_group(Name="erato-backend-tg", Protocol="HTTP", Port=80, VpcId=vpc,
                               HealthCheckPath="/health")["TargetGroups"][0]
elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                      DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
ami = "ami-12c6146b"  # moto's example AMI; the server runs with MOTO_EC2_LOAD_DEFAULT_AMIS=false
asg.create_launch_configuration(LaunchConfigurationName="erato-lc", ImageId=ami, InstanceType="t3.micro")
asg.create_auto_scaling_group(AutoScalingGroupName="erato-backend-asg", LaunchConfigurationName="erato-lc",
                              MinSize=12, MaxSize=12, DesiredCapacity=12, AvailabilityZones=ZONES,
                              VPCZoneIdentifier=",".join(subnets), TargetGroupARNs=[tg["TargetGroupArn"]])
group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["erato-backend-asg"])["AutoScalingGroups"][0]
instances = [{"id": i["InstanceId"], "zone": i["AvailabilityZone"]} for i in group["Instances"]]
# moto registers the group's instances in the target group; register explicitly in case it does not.
elbv2.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": i["id"], "Port": 80} for i in instances])

lb_dim = lb["LoadBalancerArn"].split(":loadbalancer/")[1]
tg_dim = "targetgroup/" + tg["TargetGroupArn"].split(":targetgroup/")[1]
cw.put_metric_alarm(AlarmName="erato-health-check-failures", Namespace="AWS/ApplicationELB",
                    MetricName="UnHealthyHostCount", Dimensions=[{"Name": "LoadBalancer", "Value": lb_dim}],
                    Statistic="Maximum", Period=300, EvaluationPeriods=2, Threshold=1.0,
                    ComparisonOperator="GreaterThanThreshold")

# Three hours of minutes; values are a simple function of the minute so tests can check them.
data = {"AWS/EC2": [], "AWS/ApplicationELB": []}
for m in range(180):
    t = datetime.datetime.fromtimestamp(end - (180 - m) * 60, tz=datetime.timezone.utc)
    data["AWS/EC2"].append({"MetricName": "CPUUtilization", "Timestamp": t, "Value": 40 + (m % 10), "Unit": "Percent",
                            "Dimensions": [{"Name": "AutoScalingGroupName", "Value": "erato-backend-asg"}]})
    for zi, z in enumerate(ZONES):
        # Dimensions in name order, as fleetwatch asks: moto 5's Dimension.__lt__ is not a true order,
        # so it only matches lists given in the same order.
        lbz = [{"Name": "AvailabilityZone", "Value": z}, {"Name": "LoadBalancer", "Value": lb_dim}]
        tgz = lbz + [{"Name": "TargetGroup", "Value": tg_dim}]
        data["AWS/ApplicationELB"] += [
            {"MetricName": "RequestCount", "Timestamp": t, "Value": 1000 * (zi + 1) + m, "Unit": "Count", "Dimensions": lbz},
            {"MetricName": "UnHealthyHostCount", "Timestamp": t, "Value": 1 if zi == 1 else 0, "Unit": "Count", "Dimensions": tgz},
            {"MetricName": "HealthyHostCount", "Timestamp": t, "Value": 4 - (1 if zi == 1 else 0), "Unit": "Count", "Dimensions": tgz},
            {"MetricName": "RequestCountPerTarget", "Timestamp": t, "Value": 250 * (zi + 1), "Unit": "Count", "Dimensions": tgz},
        ]
    for i in instances:
        data["AWS/EC2"].append({"MetricName": "CPUUtilization", "Timestamp": t, "Value": 30 + m % 5, "Unit": "Percent",
                                "Dimensions": [{"Name": "InstanceId", "Value": i["id"]}]})
for ns, items in data.items():
    for k in range(0, len(items), 1000):
        cw.put_metric_data(Namespace=ns, MetricData=items[k:k + 1000])

out = {"load_balancer_arn": lb["LoadBalancerArn"], "target_group_arn": tg["TargetGroupArn"],
       "load_balancer_dimension": lb_dim, "target_group_dimension": tg_dim, "instances": instances}
if iam_user:
    iam = boto3.client("iam", **kw)
    iam.create_user(UserName=iam_user)
    iam.put_user_policy(UserName=iam_user, PolicyName="fleetwatch", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
            "cloudwatch:DescribeAlarms", "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
            "autoscaling:DescribeAutoScalingGroups"], "Resource": "*"}]}))
    key = iam.create_access_key(UserName=iam_user)["AccessKey"]
    out["access_key_id"], out["secret_access_key"] = key["AccessKeyId"], key["SecretAccessKey"]
print(json.dumps(out))

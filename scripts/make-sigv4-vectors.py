#!/usr/bin/env python3
"""Signs a few requests with botocore's SigV4Auth (an implementation independent of ours) and writes
each step -- canonical request, string to sign, signature, Authorization header -- to
Tests/Fixtures/sigv4/vectors.json, which SigV4Tests compares against.

Run from the repository root: python3 scripts/make-sigv4-vectors.py
The credentials are fixed dummies (AWS's documentation example key), never real ones."""
import datetime
import json
import os
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example=="
NOW = datetime.datetime(2026, 1, 5, 13, 0, 0)

CASES = [
    {
        "name": "cloudwatch-get-metric-data-json",
        "service": "monitoring", "region": "us-east-1", "token": True,
        "method": "POST", "host": "monitoring.us-east-1.amazonaws.com", "path": "/", "query": [],
        "headers": {"Content-Type": "application/x-amz-json-1.0",
                    "X-Amz-Target": "GraniteServiceVersion20100801.GetMetricData"},
        "body": json.dumps({"MetricDataQueries": [{"Id": "cpu", "MetricStat": {
            "Metric": {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization",
                       "Dimensions": [{"Name": "AutoScalingGroupName", "Value": "erato-backend-asg"}]},
            "Period": 60, "Stat": "Average"}}],
            "StartTime": 1767610800, "EndTime": 1767621600}, separators=(",", ":")),
    },
    {
        "name": "elbv2-describe-target-health-form",
        "service": "elasticloadbalancing", "region": "us-east-1", "token": True,
        "method": "POST", "host": "elasticloadbalancing.us-east-1.amazonaws.com", "path": "/", "query": [],
        "headers": {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        "body": "Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn="
                "arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012%3Atargetgroup%2Ferato-tg%2F6d0ecf831eec9f09",
    },
    {
        "name": "autoscaling-get-query-needing-encoding",
        "service": "autoscaling", "region": "eu-west-1", "token": False,
        "method": "GET", "host": "autoscaling.eu-west-1.amazonaws.com", "path": "/",
        "query": [["Action", "DescribeAutoScalingGroups"], ["Version", "2011-01-01"],
                  ["AutoScalingGroupNames.member.1", "erato backend/asg*(1)"],
                  ["Filter", "a=b&c~d é"]],
        "headers": {},
        "body": "",
    },
    {
        "name": "path-with-spaces-and-unicode",
        "service": "monitoring", "region": "us-west-2", "token": False,
        "method": "GET", "host": "monitoring.us-west-2.amazonaws.com", "path": "/a dir/ünïcode ✓/x+y",
        "query": [["b", "2"], ["a", "1"], ["a", "0"]],
        "headers": {"X-Amz-Meta-Note": "  several   spaces  here "},
        "body": "",
    },
]


def encode_path(path):
    from urllib.parse import quote
    return quote(path, safe="/~")


def main():
    out = []
    for case in CASES:
        creds = Credentials(ACCESS_KEY, SECRET_KEY, TOKEN if case["token"] else None)
        signer = botocore.auth.SigV4Auth(creds, case["service"], case["region"])
        url = "https://" + case["host"] + encode_path(case["path"])
        headers = dict(case["headers"])
        headers["Host"] = case["host"]
        request = AWSRequest(method=case["method"], url=url, headers=headers,
                             params=[tuple(p) for p in case["query"]] or None,
                             data=case["body"].encode() if case["body"] else None)
        with mock.patch("botocore.auth.get_current_datetime", return_value=NOW):
            request.context["timestamp"] = NOW.strftime(botocore.auth.SIGV4_TIMESTAMP)
            signer._modify_request_before_signing(request)
            canonical = signer.canonical_request(request)
            sts = signer.string_to_sign(request, canonical)
            signature = signer.signature(sts, request)
            check = AWSRequest(method=case["method"], url=url, headers=dict(headers),
                               params=[tuple(p) for p in case["query"]] or None,
                               data=case["body"].encode() if case["body"] else None)
            signer.add_auth(check)
        assert check.headers["Authorization"].endswith("Signature=" + signature)
        out.append({
            **{k: case[k] for k in ("name", "service", "region", "method", "host", "path", "query", "body")},
            "headers": case["headers"],
            "session_token": creds.token,
            "timestamp": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "canonical_request": canonical,
            "string_to_sign": sts,
            "signature": signature,
            "authorization": check.headers["Authorization"],
        })
    doc = {"generator": "botocore.auth.SigV4Auth " + __import__("botocore").__version__,
           "access_key_id": ACCESS_KEY, "secret_access_key": SECRET_KEY, "vectors": out}
    path = os.path.join("Tests", "Fixtures", "sigv4", "vectors.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} vectors to {path}")


if __name__ == "__main__":
    main()

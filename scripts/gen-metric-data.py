#!/usr/bin/env python3
"""Writes a get-metric-data response of about SIZE_MB megabytes, shaped like the aws CLI's output
(indent 4, ISO timestamps with +00:00, descending order, values as Python prints floats).
usage: gen-metric-data.py OUT SIZE_MB"""
import json, random, sys, datetime
out, size_mb = sys.argv[1], float(sys.argv[2])
rng = random.Random(42)
t0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
per_series = 1440
results = []
approx = 0
i = 0
while approx < size_mb * 1e6:
    az = "us-east-1" + "abc"[i % 3]
    ts = [(t0 - datetime.timedelta(minutes=m)).isoformat() for m in range(per_series)]
    if i % 2 == 0:
        vals = [rng.uniform(0, 100) for _ in range(per_series)]            # CPU-like averages
    else:
        vals = [float(rng.randint(0, 5000)) for _ in range(per_series)]    # counts
    results.append({"Id": f"m{i}", "Label": f"RequestCount {az}", "Timestamps": ts, "Values": vals,
                    "StatusCode": "Complete"})
    approx += per_series * (34 + 42)  # bytes per point as printed with indent 4
    i += 1
with open(out, "w") as f:
    json.dump({"MetricDataResults": results, "Messages": []}, f, indent=4)

import FleetCore

/// Decoders for the JSON the `aws` CLI prints (`--output json`), each turning a file's bytes into model
/// values or a one-line `InputError` naming the file and the JSON path or byte offset.
///
/// | command | decoder |
/// |---|---|
/// | `cloudwatch get-metric-data` (+ its `--metric-data-queries` file) | `decodeMetricData`, `decodeMetricDataQueries` |
/// | `cloudwatch get-metric-statistics` | `decodeMetricStatistics` |
/// | `cloudwatch describe-alarms` | `decodeAlarms` |
/// | `elbv2 describe-target-health` | `decodeTargetHealth` |
/// | `autoscaling describe-auto-scaling-groups` | `decodeAutoScalingGroups` |
/// | `ec2 describe-instances` | `decodeEC2Instances` |
///
/// Timestamps may be epoch seconds (CLI v1's default) or ISO 8601 (`cli_timestamp_format = iso8601`).
public enum CloudWatchFiles {}

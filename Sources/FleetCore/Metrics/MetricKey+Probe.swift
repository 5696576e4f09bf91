extension MetricKey {
    /// The series of one target's `/health` check times (seconds), measured by fleetwatch's probes:
    /// `fleetwatch/probe HealthCheckLatency` with the target's `InstanceId`. CloudWatch has no
    /// per-target response time; the instance view draws this one when a probe source runs.
    public static func probeLatency(instance: String) -> MetricKey {
        MetricKey(namespace: "fleetwatch/probe", name: "HealthCheckLatency", statistic: "Maximum",
                  dimensions: [Dimension("InstanceId", instance)])
    }
}

import Foundation

extension FleetState {
    /// The series of an errors-and-latency metric for the load balancer (`zone == nil`) or one
    /// zone; per-zone series are combined (``ErrorMetric/combinesBySum``: counts summed, response
    /// times by their maximum) when there is no load-balancer-wide one.
    public func errorSeries(_ metric: ErrorMetric, zone: String? = nil) -> Series? {
        wholeOrCombined(series.values.filter { ErrorMetric(key: $0.key) == metric }, zone: zone,
                        by: metric.combinesBySum ? .sum : .maximum,
                        key: MetricKey(namespace: metric.namespace, name: metric.metricName, statistic: metric.statistic))
    }

    /// The 5XX rate of the newest minute that has requests: target plus ELB 5XX responses as a
    /// share of `RequestCount` (0…1), nil when the fleet has no error or request data.
    public var fiveXXRate: Double? {
        guard let requests = panelSeries(.requests), let latest = requests.latest, latest.value > 0 else { return nil }
        let target = errorSeries(.target5xx)
        let elb = errorSeries(.elb5xx)
        guard target != nil || elb != nil else { return nil }
        func value(_ s: Series?) -> Double {
            s?.points.last { $0.time == latest.time }?.value ?? 0
        }
        return (value(target) + value(elb)) / latest.value
    }
}

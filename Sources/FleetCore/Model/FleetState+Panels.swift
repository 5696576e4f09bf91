import Foundation

extension FleetState {
    /// The series of a panel metric for the whole fleet (`zone == nil`) or one zone.
    ///
    /// A fleet-level series is the one without an `AvailabilityZone` or `InstanceId` dimension; when
    /// only per-zone series exist it is derived from them (counts summed, CPU averaged) at every
    /// timestamp where any zone has a value.
    public func panelSeries(_ metric: PanelMetric, zone: String? = nil) -> Series? {
        let matching = series.values.filter {
            PanelMetric(key: $0.key) == metric && $0.key.dimension("InstanceId") == nil
        }
        if let zone {
            return matching.filter { $0.key.zone == zone }.min { $0.key < $1.key }
        }
        if let fleetWide = matching.filter({ $0.key.zone == nil }).min(by: { $0.key < $1.key }) {
            return fleetWide
        }
        let perZone = matching.filter { $0.key.zone != nil }
        guard let first = perZone.first else { return nil }
        return Series.combine(perZone.sorted { $0.key < $1.key }, sum: metric.combinesBySum,
                              key: MetricKey(namespace: metric.namespace, name: metric.metricName,
                                             statistic: metric.statistic),
                              unit: first.unit, capacity: seriesCapacity)
    }

    /// Zones that have a per-zone series of `metric`, in the fleet's zone order.
    public func zonesWithSeries(_ metric: PanelMetric) -> [String] {
        fleet.zones.filter { panelSeries(metric, zone: $0) != nil }
    }
}

extension Series {
    /// Combines series point-wise by timestamp: the sum, or the mean of the values present.
    public static func combine(_ parts: [Series], sum: Bool, key: MetricKey, unit: String, capacity: Int) -> Series {
        var acc: [Date: (total: Double, n: Int)] = [:]
        for part in parts {
            for p in part.points {
                let prev = acc[p.time] ?? (0, 0)
                acc[p.time] = (prev.total + p.value, prev.n + 1)
            }
        }
        var out = Series(key: key, unit: unit, period: parts.first?.period ?? 60, capacity: capacity)
        for t in acc.keys.sorted() {
            let (total, n) = acc[t]!
            out.insert(Datapoint(time: t, value: sum ? total : total / Double(n)))
        }
        return out
    }
}

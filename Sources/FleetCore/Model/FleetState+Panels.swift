import Foundation

extension FleetState {
    /// The series of a panel metric for the whole fleet (`zone == nil`) or one zone.
    ///
    /// A fleet-level series is the one without an `AvailabilityZone` or `InstanceId` dimension; when
    /// only per-zone series exist it is derived from them (counts summed, CPU averaged) at every
    /// timestamp where any zone has a value.
    public func panelSeries(_ metric: PanelMetric, zone: String? = nil) -> Series? {
        wholeOrCombined(series.values.filter { PanelMetric(key: $0.key) == metric }, zone: zone,
                        by: metric.combinesBySum ? .sum : .mean,
                        key: MetricKey(namespace: metric.namespace, name: metric.metricName, statistic: metric.statistic))
    }

    /// Of `candidates` (instance series left out): the one of `zone`; or, for the whole fleet, the one
    /// without a zone, else the per-zone ones combined `by` into `key`.
    func wholeOrCombined(_ candidates: [Series], zone: String?, by how: Series.Combination, key: MetricKey) -> Series? {
        let matching = candidates.filter { $0.key.dimension("InstanceId") == nil }
        if let zone {
            return matching.filter { $0.key.zone == zone }.min { $0.key < $1.key }
        }
        if let fleetWide = matching.filter({ $0.key.zone == nil }).min(by: { $0.key < $1.key }) {
            return fleetWide
        }
        let perZone = matching.filter { $0.key.zone != nil }.sorted { $0.key < $1.key }
        guard let first = perZone.first else { return nil }
        return Series.combine(perZone, by: how, key: key, unit: first.unit, capacity: seriesCapacity)
    }

    /// Zones that have a per-zone series of `metric`, in the fleet's zone order.
    public func zonesWithSeries(_ metric: PanelMetric) -> [String] {
        fleet.zones.filter { panelSeries(metric, zone: $0) != nil }
    }
}

extension Series {
    /// How ``combine(_:by:key:unit:capacity:)`` merges the values at one timestamp.
    public enum Combination: Sendable {
        case sum, mean, maximum
    }

    /// Combines series point-wise by timestamp: the sum, or the mean of the values present.
    public static func combine(_ parts: [Series], sum: Bool, key: MetricKey, unit: String, capacity: Int) -> Series {
        combine(parts, by: sum ? .sum : .mean, key: key, unit: unit, capacity: capacity)
    }

    /// Combines series point-wise by timestamp: the sum, the mean or the maximum of the values present.
    public static func combine(_ parts: [Series], by how: Combination, key: MetricKey, unit: String, capacity: Int) -> Series {
        var acc: [Date: (total: Double, n: Int, max: Double)] = [:]
        for part in parts {
            for p in part.points {
                let prev = acc[p.time] ?? (0, 0, -Double.infinity)
                acc[p.time] = (prev.total + p.value, prev.n + 1, Swift.max(prev.max, p.value))
            }
        }
        var out = Series(key: key, unit: unit, period: parts.first?.period ?? 60, capacity: capacity)
        for t in acc.keys.sorted() {
            let (total, n, top) = acc[t]!
            let value = switch how {
            case .sum: total
            case .mean: total / Double(n)
            case .maximum: top
            }
            out.insert(Datapoint(time: t, value: value))
        }
        return out
    }
}

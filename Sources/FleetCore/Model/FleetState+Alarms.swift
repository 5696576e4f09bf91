import Foundation

extension FleetState {
    /// The raw points of the metric an alarm watches: the series with the alarm's namespace and
    /// metric name whose dimensions include the alarm's (references left unresolved match any),
    /// the fleet-wide one first; per-zone series are combined when that is all there is.
    public func points(forAlarm definition: AlarmDefinition) -> [Datapoint] {
        let candidates = series.values.filter {
            $0.key.namespace == definition.namespace && $0.key.name == definition.metricName
                && $0.key.dimension("InstanceId") == nil
        }
        if let fleetWide = candidates.filter({ $0.key.zone == nil }).min(by: { $0.key < $1.key }) {
            return Array(fleetWide.points)
        }
        let perZone = candidates.sorted { $0.key < $1.key }
        guard let first = perZone.first else { return [] }
        let sum = definition.statistic != "Average"
        return Array(Series.combine(perZone, sum: sum, key: first.key, unit: first.unit, capacity: first.capacity).points)
    }
}

import FleetCore
import Foundation

extension PreviewReport {
    /// Nil when evaluating `definition` over `series` (from `from`, or the first datapoint, to `end`, or
    /// the last) walks at most ``Ceilings/previewPeriods`` periods; else the one-line reason. Checked
    /// before the evaluator allocates a value per period: `--end 1000000000000000000` must not ask for
    /// 6.7e17 bytes.
    public static func ceilingProblem(definition: AlarmDefinition, series: FleetUpdate.Batch,
                                      from: Date?, end: Date?) -> String? {
        guard definition.period > 0 else { return nil }
        let first = from ?? series.points.min(by: { $0.time < $1.time })?.time
        let last = end ?? series.points.max(by: { $0.time < $1.time })?.time
        guard let first, let last else { return nil }
        let periods = last.timeIntervalSince(first) / Double(definition.period)
        guard periods > Double(Ceilings.previewPeriods) else { return nil }
        return "\(definition.name): \(ISOTime.string(first)) … \(ISOTime.string(last)) is \(Int(saturating: periods)) "
            + "periods of \(definition.period)s, more than the \(Ceilings.previewPeriods) evaluation periods a preview "
            + "walks; narrow it with --start and --end"
    }
}

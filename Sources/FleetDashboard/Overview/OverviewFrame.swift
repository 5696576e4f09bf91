import FleetCore

/// The overview as last drawn, kept by whoever draws the frames (the dashboard loop) and handed back
/// to ``OverviewState/view(reusing:)``: the next frame starts from this canvas and draws again only
/// the table lines whose content changed, and sorts the rows again only when their order may have
/// changed (issue 15's CPU: most seconds, 200 fleets bring nothing but their clocks). A value, so
/// ``OverviewState`` stays pure: a frame drawn this way is the frame ``OverviewState/view()`` draws.
public struct OverviewFrame: Sendable {
    /// The frame as drawn.
    var canvas: Canvas
    /// The look it was drawn with (another theme or glyph set draws every line again).
    var look: Look
    /// What each line of the table's body shows (nil: an empty line), top to bottom.
    var lines: [OverviewTable.RowKey?]
    /// The rows' order and what it was sorted from.
    var order: OverviewState.RowOrder
}

extension OverviewState {
    /// The fleets shown, worst first (``rows``), with what decided the order: the filter, each
    /// fleet's trouble key and name.
    struct RowOrder: Sendable {
        var filter: String
        var keys: [Int]
        var names: [String]
        var rows: [Int]
    }

    /// ``rows``, taken from `kept` when the filter, every fleet's trouble key and every name are
    /// those it was sorted from.
    func rowOrder(reusing kept: RowOrder?) -> RowOrder {
        let keys = summaryValues { $0.troubleKey }
        if let kept, kept.filter == filter, kept.keys == keys, kept.names.count == summaries.count,
           summaries.withUnsafeBufferPointer({ rows in rows.indices.allSatisfy { kept.names[$0] == rows[$0].name } }) {
            return kept
        }
        return RowOrder(filter: filter, keys: keys, names: summaryValues { $0.name }, rows: rows(keys: keys))
    }
}

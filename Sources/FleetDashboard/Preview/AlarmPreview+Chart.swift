import FleetCore

extension AlarmPreview {
    /// The preview as an SVG chart: the alarm as defined and, when edited, the edited one under it,
    /// from the outcomes `update` already evaluated.
    public func chart(theme: Theme) -> AlarmChartPicture {
        func panel(_ label: String, _ d: AlarmDefinition, _ o: Outcome?) -> AlarmChartPicture.Panel? {
            o.map { .init(label: label, definition: d, periodValues: $0.periodValues, timeline: $0.timeline,
                          start: $0.start, end: $0.end) }
        }
        var panels = [panel("as defined", original, originalOutcome)]
        if changed {
            panels.append(panel("changed (" + AlarmChartPicture.changes(from: original, to: edited) + ")", edited, editedOutcome))
        }
        return AlarmChartPicture(alarms: [panels.compactMap { $0 }], theme: theme)
    }

    /// `<alarm name>-preview.svg`, the name kept to letters, digits, `.`, `_` and `-`.
    public var chartFileName: String {
        var name = String(String.UnicodeScalarView(original.name.unicodeScalars.map { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-" || s == ".") ? s : "-"
        }))
        while name.hasPrefix(".") { name.removeFirst() }
        return (name.isEmpty ? "alarm" : String(name.prefix(100))) + "-preview.svg"
    }
}

import FleetCore
import Foundation

/// A time-series chart: lines for series, dashed horizontal lines for thresholds and targets, a y
/// axis on the left and time labels below. Points are plotted on a sub-cell grid (braille, half
/// blocks or ASCII) and consecutive points are joined.
struct Chart: Widget {
    struct Line {
        var points: ArraySlice<Datapoint>
        var style: Style
        /// A count (hosts, instances): each value holds until the next, drawn as a step; rates and
        /// percentages (false) are joined by slopes.
        var steps = false
    }

    struct Level {
        var value: Double
        var label: String
        var style: Style
    }

    var lines: [Line]
    var levels: [Level] = []
    var start: Date
    var end: Date
    /// The y range; `max` grows to fit the data and the levels unless `fixedMax`.
    var minY: Double = 0
    var maxY: Double? = nil
    var fixedMax: Bool = false
    var glyphs: GlyphSet
    var axisStyle: Style
    var format: (Double) -> String = Chart.compact
    /// Time intervals to shade (e.g. when an alarm was in ALARM), and how.
    var shading: [(start: Date, end: Date)] = []
    var shadeBackground: Color = .default
    var shadeAttributes: TextAttributes = []
    /// Points to mark with a dot on top of the lines (e.g. breaching datapoints).
    var marks: [Datapoint] = []
    var markStyle: Style = .plain
    /// Times of events, marked on the time axis (`▴`, `^` in ASCII) where the axis has no label,
    /// so a step in a line can be matched with what caused it.
    var eventMarks: [Date] = []
    var eventMarkStyle: Style = .plain
    /// A second kind of event times (what really happened, beside simulated ones), `▵` (`.` in ASCII),
    /// drawn where the first kind left the axis blank.
    var otherEventMarks: [Date] = []
    var otherEventMarkStyle: Style = .plain

    func render(_ area: Rect, into canvas: inout Canvas) {
        guard area.width >= 8, area.height >= 3 else { return }
        let (plotAndAxis, xAxis) = area.splitBottom(1)
        let top = upperBound()
        let labels = [format(top), format((top + minY) / 2), format(minY)]
        let axisWidth = (labels.map(\.count).max() ?? 1) + 1
        let (yAxis, plot) = plotAndAxis.splitLeft(axisWidth)
        guard plot.width >= 2, plot.height >= 1 else { return }

        drawYAxis(into: &canvas, area: yAxis, labels: labels, plotHeight: plot.height)
        drawXAxis(into: &canvas, area: Rect(x: plot.x, y: xAxis.y, width: plot.width, height: 1))
        drawEventMarks(into: &canvas, area: Rect(x: plot.x, y: xAxis.y, width: plot.width, height: 1))

        var grid = PointGrid(width: plot.width, height: plot.height, glyphs: glyphs)
        let span = max(1, end.timeIntervalSince(start))
        let pxW = Double(grid.pixelWidth - 1), pxH = Double(grid.pixelHeight - 1)
        let range = max(top - minY, 1e-9)
        for (index, line) in lines.enumerated() {
            var previous: (x: Int, y: Int)?
            for p in line.points {
                let fx = p.time.timeIntervalSince(start) / span
                guard fx >= -0.0001, fx <= 1.0001 else { previous = nil; continue }
                let x = Int(saturating: (fx * pxW).rounded())
                let fy = (min(max(p.value, minY), top) - minY) / range
                let y = Int(saturating: ((1 - fy) * pxH).rounded())
                if let prev = previous {
                    if line.steps {
                        grid.step(from: prev, to: (x, y), series: index)
                    } else {
                        grid.line(from: prev, to: (x, y), series: index)
                    }
                } else {
                    grid.set(x: x, y: y, series: index)
                }
                previous = (x, y)
            }
        }
        // Levels go underneath: drawn only where no series point is.
        for level in levels where level.value >= minY && level.value <= top {
            let fy = (level.value - minY) / range
            let row = Int(saturating: ((1 - fy) * Double(plot.height - 1)).rounded())
            for cx in 0..<plot.width where grid.isEmpty(cellX: cx, cellY: row) {
                canvas.put(glyphs.frame.dash, x: plot.x + cx, y: plot.y + row, style: level.style)
            }
        }
        for cy in 0..<plot.height {
            for cx in 0..<plot.width {
                guard let (bits, series) = grid.cell(x: cx, y: cy) else { continue }
                canvas.put(glyphs.glyph(bits: bits), x: plot.x + cx, y: plot.y + cy, style: lines[series].style)
            }
        }
        for mark in marks where mark.time >= start && mark.time <= end {
            let fx = mark.time.timeIntervalSince(start) / span
            let fy = (min(max(mark.value, minY), top) - minY) / range
            let cx = Int(saturating: (fx * Double(plot.width - 1)).rounded())
            let cy = Int(saturating: ((1 - fy) * Double(plot.height - 1)).rounded())
            canvas.put(glyphs == .ascii ? "x" : "●", x: plot.x + cx, y: plot.y + cy, style: markStyle)
        }
        for interval in shading where interval.end > start && interval.start < end {
            let x0 = Int(saturating: (max(0, interval.start.timeIntervalSince(start)) / span * Double(plot.width)).rounded(.down))
            let x1 = Int(saturating: (min(span, interval.end.timeIntervalSince(start)) / span * Double(plot.width)).rounded(.up))
            for cx in max(0, x0)..<min(plot.width, max(x1, x0 + 1)) {
                for cy in 0..<plot.height {
                    canvas.restyle(x: plot.x + cx, y: plot.y + cy) {
                        Style(fg: $0.fg, bg: shadeBackground, attributes: $0.attributes.union(shadeAttributes))
                    }
                }
            }
        }
        // Level labels go on top, at the right end of their line.
        for level in levels where level.value >= minY && level.value <= top {
            let fy = (level.value - minY) / range
            let row = Int(saturating: ((1 - fy) * Double(plot.height - 1)).rounded())
            let label = " " + level.label
            if label.count + 4 < plot.width {
                canvas.write(label, x: plot.maxX - label.count, y: plot.y + row, style: level.style)
            }
        }
    }

    /// The top of the y axis: the fixed maximum, or a round number above the data and levels.
    func upperBound() -> Double {
        if fixedMax, let maxY { return maxY }
        var top = maxY ?? 0
        for line in lines { for p in line.points where p.time >= start && p.time <= end { top = max(top, p.value) } }
        for level in levels { top = max(top, level.value * 1.1) }
        return Chart.niceCeiling(max(top, minY + 1))
    }

    func drawYAxis(into canvas: inout Canvas, area: Rect, labels: [String], plotHeight: Int) {
        let rows = plotHeight >= 5 ? [0, (plotHeight - 1) / 2, plotHeight - 1] : [0, plotHeight - 1]
        let texts = plotHeight >= 5 ? labels : [labels[0], labels[2]]
        for y in 0..<plotHeight {
            canvas.put(glyphs.frame.v, x: area.maxX - 1, y: area.y + y, style: axisStyle)
        }
        for (row, text) in zip(rows, texts) {
            let x = area.maxX - 1 - text.count
            canvas.write(text, x: max(area.x, x), y: area.y + row, style: axisStyle, maxWidth: area.width - 1)
            canvas.put(glyphs.frame.tick, x: area.maxX - 1, y: area.y + row, style: axisStyle)
        }
    }

    func drawXAxis(into canvas: inout Canvas, area: Rect) {
        let span = end.timeIntervalSince(start)
        let startLabel = Chart.clock(start, seconds: span < 3600)
        let endLabel = Chart.clock(end, seconds: span < 3600)
        canvas.write(startLabel, x: area.x, y: area.y, style: axisStyle)
        if area.width > startLabel.count + endLabel.count + 2 {
            canvas.write(endLabel, x: area.maxX - endLabel.count, y: area.y, style: axisStyle)
        }
        let mid = Chart.clock(start.addingTimeInterval(span / 2), seconds: span < 3600)
        if area.width > startLabel.count + endLabel.count + mid.count + 6 {
            canvas.write(mid, x: area.x + (area.width - mid.count) / 2, y: area.y, style: axisStyle)
        }
    }

    func drawEventMarks(into canvas: inout Canvas, area: Rect) {
        let span = end.timeIntervalSince(start)
        guard span > 0 else { return }
        let kinds: [([Date], Unicode.Scalar, Style)] = [
            (eventMarks, glyphs == .ascii ? "^" : "▴", eventMarkStyle),
            (otherEventMarks, glyphs == .ascii ? "." : "▵", otherEventMarkStyle),
        ]
        for (times, glyph, style) in kinds {
            for time in times where time >= start && time <= end {
                let x = area.x + Int((time.timeIntervalSince(start) / span * Double(area.width - 1)).rounded())
                guard canvas.contains(x: x, y: area.y), canvas[x, area.y].char == " " else { continue }
                canvas.put(glyph, x: x, y: area.y, style: style)
            }
        }
    }

    /// `HH:MM` (or `HH:MM:SS`) in UTC.
    static func clock(_ date: Date, seconds: Bool = false) -> String {
        let t = Int(saturating: date.timeIntervalSince1970.rounded(.down))
        let s = ((t % 86400) + 86400) % 86400
        let hm = pad2(s / 3600) + ":" + pad2(s / 60 % 60)
        return seconds ? hm + ":" + pad2(s % 60) : hm
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Short numbers for axes: 950, 1.2k, 35k, 1.5M.
    static func compact(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1_000_000 { return trim(v / 1_000_000) + "M" }
        if a >= 1_000 { return trim(v / 1_000) + "k" }
        return trim(v)
    }

    static func trim(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        if abs(v) >= 1e15 { return String(format: "%.0e", v) }  // Int(_:) would trap on 1e19
        if v == v.rounded() || abs(v) >= 100 { return String(Int(v.rounded())) }
        return String(format: "%.1f", v)
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at or above `v`.
    static func niceCeiling(_ v: Double) -> Double {
        guard v > 0 else { return 1 }
        let p = pow(10, floor(log10(v)))
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * p >= v - 1e-9 { return m * p }
        return 10 * p
    }
}

/// Points on a sub-cell grid, each remembering which series set it last.
struct PointGrid {
    let width: Int
    let height: Int
    let rx: Int
    let ry: Int
    private var bits: [UInt8]
    private var owner: [Int8]

    init(width: Int, height: Int, glyphs: GlyphSet) {
        self.width = width
        self.height = height
        (rx, ry) = glyphs.resolution
        bits = Array(repeating: 0, count: width * height)
        owner = Array(repeating: -1, count: width * height)
    }

    var pixelWidth: Int { width * rx }
    var pixelHeight: Int { height * ry }

    mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let i = (y / ry) * width + x / rx
        bits[i] |= 1 << UInt8((y % ry) * rx + x % rx)
        owner[i] = Int8(truncatingIfNeeded: series)
    }

    /// Joins two points: a step across, then a vertical run, so spikes stay visible.
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), series: Int) {
        let dx = b.x - a.x
        if dx <= 1 {
            // Adjacent columns: the first half of the rise in the first, the rest in the second.
            let step = b.y >= a.y ? 1 : -1
            let half = abs(b.y - a.y) / 2
            var y = a.y
            while true {
                set(x: abs(y - a.y) <= half ? a.x : b.x, y: y, series: series)
                if y == b.y { break }
                y += step
            }
            return
        }
        for x in a.x...b.x {
            let t = Double(x - a.x) / Double(dx)
            let y = Int(saturating: (Double(a.y) + t * Double(b.y - a.y)).rounded())
            set(x: x, y: y, series: series)
            // Fill vertical gaps on steep lines.
            let nextY = Int(saturating: (Double(a.y) + min(1, t + 1 / Double(dx)) * Double(b.y - a.y)).rounded())
            if abs(nextY - y) > 1 {
                let step = nextY > y ? 1 : -1
                var yy = y + step
                while yy != nextY { set(x: x, y: yy, series: series); yy += step }
            }
        }
    }

    /// Joins two points of a count: level at the first value up to the second point's column, then
    /// straight up or down to the second value.
    mutating func step(from a: (x: Int, y: Int), to b: (x: Int, y: Int), series: Int) {
        if b.x > a.x {
            for x in a.x..<b.x { set(x: x, y: a.y, series: series) }
        }
        let dir = b.y >= a.y ? 1 : -1
        var y = a.y
        while true {
            set(x: b.x, y: y, series: series)
            if y == b.y { break }
            y += dir
        }
    }

    func isEmpty(cellX: Int, cellY: Int) -> Bool {
        bits[cellY * width + cellX] == 0
    }

    func cell(x: Int, y: Int) -> (UInt8, Int)? {
        let i = y * width + x
        return bits[i] == 0 ? nil : (bits[i], Int(owner[i]))
    }
}

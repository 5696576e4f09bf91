import Foundation

/// One alarm's evaluation inputs, prepared once: the datapoints in time order, a prefix count of the
/// breaching ones and, for low-sample percentile alarms, each period's sample count. Evaluations keep a
/// reference to it so that their reasons can be written when asked for.
final class EvaluationContext: Sendable {
    let definition: AlarmDefinition
    let n: Int
    let m: Int
    let range: Int
    let period: Double
    /// Finite values, strictly increasing times.
    let points: [Datapoint]
    /// `breachingBefore[i]`: breaching datapoints among `points[..<i]`.
    let breachingBefore: [Int32]
    /// Parallel to `points` when low-sample periods are ignored (NaN = unknown), else empty.
    let sampleCounts: [Double]
    /// Fewest samples a period needs, when low-sample periods are ignored.
    let lowSampleThreshold: Double?

    init(_ definition: AlarmDefinition, periodValues: [Datapoint], sampleCounts: [Datapoint], evaluationRange: Int?) {
        self.definition = definition
        n = max(definition.evaluationPeriods, 1)
        m = min(max(definition.datapointsToAlarm, 1), n)
        range = max(evaluationRange ?? AlarmEvaluator.defaultEvaluationRange(evaluationPeriods: n), n)
        period = Double(definition.period)
        points = Self.normalized(periodValues)

        var before = [Int32](repeating: 0, count: points.count + 1)
        let threshold = definition.threshold
        let comparison = definition.comparison
        points.withUnsafeBufferPointer { pts in
            before.withUnsafeMutableBufferPointer { out in
                var count: Int32 = 0
                for i in 0..<pts.count {
                    if comparison.breaches(pts[i].value, threshold) { count += 1 }
                    out[i + 1] = count
                }
            }
        }
        breachingBefore = before

        if definition.evaluateLowSampleCountPercentile == .ignore,
           let threshold = Statistic(definition.statistic)?.lowSampleCountThreshold, !sampleCounts.isEmpty {
            lowSampleThreshold = threshold
            let counts = Self.normalized(sampleCounts)
            var aligned = [Double](repeating: .nan, count: points.count)
            var j = 0
            for (i, point) in points.enumerated() {
                while j < counts.count, counts[j].time < point.time { j += 1 }
                if j < counts.count, counts[j].time == point.time { aligned[i] = counts[j].value }
            }
            self.sampleCounts = aligned
        } else {
            lowSampleThreshold = nil
            self.sampleCounts = []
        }
    }

    /// Sorted by time, finite values only, the last of equal timestamps kept. No copy when already so.
    private static func normalized(_ values: [Datapoint]) -> [Datapoint] {
        var clean = true
        var previous = -Double.infinity
        for point in values {
            let t = point.time.timeIntervalSinceReferenceDate
            if !(t > previous) || !point.value.isFinite { clean = false; break }
            previous = t
        }
        if clean { return values }
        let sorted = values.enumerated()
            .filter { $0.element.value.isFinite }
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        var out: [Datapoint] = []
        out.reserveCapacity(sorted.count)
        for point in sorted {
            if let last = out.last, last.time == point.time { out[out.count - 1] = point } else { out.append(point) }
        }
        return out
    }

    // MARK: - The timeline

    func run(from start: Double, to end: Double) -> AlarmTimeline {
        let steps = Int(saturating: ((end - start) / period).rounded(.down))
        let treat = definition.treatMissingData
        let rangeSpan = Double(range) * period
        let checkSamples = lowSampleThreshold != nil
        let minSamples = lowSampleThreshold ?? 0

        var evaluations: [AlarmEvaluation] = []
        evaluations.reserveCapacity(steps + 1)
        var transitions: [AlarmTransition] = []
        var state = AlarmState.insufficientData
        var timesFired = 0
        var firstFired: Double?
        var lastFired: Double?
        var since: Double?
        var alarmSeconds = 0.0

        points.withUnsafeBufferPointer { pts in
            breachingBefore.withUnsafeBufferPointer { before in
                let count = pts.count
                var lo = 0, hi = 0
                for k in 0...steps {
                    let e = start + Double(k) * period
                    // The range holds the periods that ended by e and began at or after e - range * period.
                    let newest = e - period, oldest = e - rangeSpan
                    while hi < count, pts[hi].time.timeIntervalSinceReferenceDate <= newest { hi += 1 }
                    while lo < hi, pts[lo].time.timeIntervalSinceReferenceDate < oldest { lo += 1 }

                    var w = WindowSummary()
                    w.real = hi - lo
                    if w.real > 0 {
                        w.recentBreaching = Int(before[hi] - before[max(lo, hi - n)])
                        w.allBreaching = Int(before[hi] - before[lo]) == w.real
                        w.oldestAge = Self.age(pts[lo].time.timeIntervalSinceReferenceDate, at: e, period: period)
                        if checkSamples, Self.age(pts[hi - 1].time.timeIntervalSinceReferenceDate, at: e,
                                                  period: period) == 1 {
                            w.lowSample = sampleCounts[hi - 1] < minSamples
                        }
                    }
                    let (next, kind) = AlarmEvaluator.decide(w, n: n, m: m, treat: treat, current: state)
                    let time = Date(timeIntervalSinceReferenceDate: e)
                    evaluations.append(AlarmEvaluation(time: time, state: next, context: self,
                                                       detail: ReasonDetail(time: e, kind: kind, previous: state)))
                    if next != state {
                        transitions.append(AlarmTransition(time: time, from: state, to: next))
                        if next == .alarm {
                            timesFired += 1
                            if firstFired == nil { firstFired = e }
                            lastFired = e
                        } else if state == .alarm, let entered = since {
                            alarmSeconds += e - entered
                        }
                        state = next
                        since = e
                    }
                }
            }
        }
        if state == .alarm, let entered = since { alarmSeconds += end - entered }

        return AlarmTimeline(
            evaluations: evaluations, transitions: transitions, finalState: state, timesFired: timesFired,
            secondsInAlarm: Int(saturating: alarmSeconds.rounded()),
            firstFired: firstFired.map(Date.init(timeIntervalSinceReferenceDate:)),
            lastFired: lastFired.map(Date.init(timeIntervalSinceReferenceDate:)),
            finalStateSince: since.map(Date.init(timeIntervalSinceReferenceDate:)))
    }

    /// Periods between a datapoint's start and the evaluation: 1 for the period that just ended.
    @inline(__always)
    static func age(_ t: Double, at e: Double, period: Double) -> Int {
        Int(saturating: ((e - t) / period).rounded(.down))
    }

    // MARK: - Reasons

    /// The reason of the evaluation described by `detail`, which ended in `state`.
    func reason(_ detail: ReasonDetail, state: AlarmState) -> String {
        let e = detail.time
        let hi = firstIndex { $0 > e - period }
        let lo = firstIndex { $0 >= e - Double(range) * period }
        let real = max(hi - lo, 0)
        let recent = lo < hi ? Array(points[max(lo, hi - n)..<hi].reversed()) : []
        let threshold = "the threshold (\(definition.threshold))"
        let op = Self.phrase(definition.comparison)
        let list = "[" + recent.map { "\($0.value) (\(Self.format($0.time)))" }.joined(separator: ", ") + "]"
        let recentBreaching = recent.filter { definition.comparison.breaches($0.value, definition.threshold) }.count
        let change = detail.previous != state
            ? " (minimum \(m) datapoint\(m == 1 ? "" : "s") for \(detail.previous.rawValue) -> \(state.rawValue) transition)"
            : ""
        let rangeText = "the evaluation range (the last \(range) period\(range == 1 ? "" : "s"))"

        switch detail.kind {
        case .threshold:
            let verb = recentBreaching == 1 ? "was" : "were"
            var text = "Threshold Crossed: \(recentBreaching) out of the last \(recent.count) datapoint"
                + "\(recent.count == 1 ? "" : "s") \(list) \(verb) \(op) \(threshold)"
            if real < n { text += "; only \(real) of \(n) datapoints were reported and missing data is not counted" }
            return text + change + "."
        case .filled:
            let fill = n - real
            let breachingFill = definition.treatMissingData == .breaching
            let total = recentBreaching + (breachingFill ? fill : 0)
            return "Threshold Crossed: \(total) out of the last \(n) datapoints \(list) and \(fill) missing "
                + "datapoint\(fill == 1 ? "" : "s") treated as \(breachingFill ? "breaching" : "not breaching") "
                + "\(total == 1 ? "was" : "were") \(op) \(threshold)" + change + "."
        case .allMissing:
            return "Insufficient Data: no datapoints were reported in \(rangeText)" + change + "."
        case .allMissingFilled:
            let breachingFill = definition.treatMissingData == .breaching
            return "Threshold Crossed: no datapoints were reported in \(rangeText); \(n) missing datapoints "
                + "treated as \(breachingFill ? "breaching" : "not breaching") \(threshold)" + change + "."
        case .retainedAllMissing:
            return "Missing data ignored: no datapoints were reported in \(rangeText); "
                + "the state stays \(state.rawValue)."
        case .retainedTooFew:
            return "Missing data ignored: only \(real) of \(n) datapoints \(list) were reported, all \(op) "
                + "\(threshold) but too recent to alarm on; the state stays \(state.rawValue)."
        case .premature:
            let age = Self.age(points[lo].time.timeIntervalSinceReferenceDate, at: e, period: period)
            return "Threshold Crossed: only \(real) of \(n) datapoints \(list) were reported, all \(op) "
                + "\(threshold), the oldest \(age) periods ago with only missing data since" + change + "."
        case .tooFew:
            return "Insufficient Data: only \(real) of \(n) datapoints \(list) were reported, all \(op) "
                + "\(threshold), too few and too recent to alarm on" + change + "."
        case .lowSample:
            let samples = hi > 0 && hi - 1 < sampleCounts.count ? sampleCounts[hi - 1] : .nan
            let needed = lowSampleThreshold ?? 0
            return "Low sample count: the newest datapoint \(recent.first.map { "[\($0.value) (\(Self.format($0.time)))]" } ?? "") "
                + "has \(Self.number(samples)) samples, fewer than the \(Self.number(needed)) that "
                + "\(definition.statistic) needs (EvaluateLowSampleCountPercentile: ignore); "
                + "the state stays \(state.rawValue)."
        }
    }

    /// First index whose time satisfies `isAtOrPast` (monotonic), by binary search.
    private func firstIndex(_ isAtOrPast: (Double) -> Bool) -> Int {
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAtOrPast(points[mid].time.timeIntervalSinceReferenceDate) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    static func phrase(_ comparison: ComparisonOperator) -> String {
        switch comparison {
        case .greaterThanThreshold: "greater than"
        case .greaterThanOrEqualToThreshold: "greater than or equal to"
        case .lessThanThreshold: "less than"
        case .lessThanOrEqualToThreshold: "less than or equal to"
        }
    }

    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// `dd/MM/yy HH:mm:ss` in UTC, as CloudWatch writes datapoint times in reasons; no DateFormatter.
    static func format(_ date: Date) -> String {
        let seconds = Int(saturating: min(max(date.timeIntervalSince1970, -1e13), 1e13).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = ISOTime.civil(fromDays: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(day))/\(two(month))/\(two(((year % 100) + 100) % 100)) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }
}
